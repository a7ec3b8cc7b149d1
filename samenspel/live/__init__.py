"""Socket.IO adapter: the socket's actor → one use case (samenspel/services) → ack and
broadcasts. No game logic here."""

from flask_socketio import SocketIO

socketio = SocketIO()
