"""Socket.IO adapter: resolve the actor, call one operation, broadcast. No game logic here."""
from flask_socketio import SocketIO

socketio = SocketIO()
