"""The Flask floor of ``benchmarks/run``: a bare Flask-SocketIO re-broadcast server on the
app's own server stack (``samenspel/serving.py``: gevent or eventlet, TCP_NODELAY, the
collector settled), with the app's HTTP routes, event names and ack shapes as far as the
generator uses them (the same as ``benchmarks/node/floor.js``): a session is a room, a card
or a plan step is kept in memory, its author gets the ack and everyone else in the room the
broadcast. No rules, no database, no views: what is left of the app's cost when the app does
nothing.

    .venv/bin/python benchmarks/floor_flask.py serve --host 127.0.0.1 --port 5001 [--async-mode gevent]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path


def options() -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    parser.add_argument("command", choices=["serve"])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=5001)
    parser.add_argument("--async-mode", default="gevent", choices=["gevent", "eventlet"])
    return parser.parse_args()


def create(async_mode: str):
    from flask import Flask, jsonify, request
    from flask_socketio import SocketIO, emit, join_room

    app = Flask(__name__)
    socketio = SocketIO(app, async_mode=async_mode, cors_allowed_origins="*")
    sessions: dict[str, dict] = {}
    last_id = [0]

    @app.get("/healthz")
    def healthz():
        return {"status": "ok"}

    @app.post("/api/sessions")
    def new_session():
        code = f"F{len(sessions) + 1:05d}"
        sessions[code] = {"seq": 0, "items": [], "players": 0}
        return jsonify(code=code, facilitator_url=f"{request.host_url}s/{code}/console?key=floor"), 201

    @app.post("/api/sessions/<code>/participants")
    def join(code: str):
        if code not in sessions:
            return {"error": {"code": "unknown_session"}}, 404
        body = request.get_json(silent=True) or {}
        sessions[code]["players"] += 1
        participant = {"id": sessions[code]["players"], "name": body.get("name"), "role": body.get("role")}
        return {"token": f"{code}-{participant['id']}", "participant": participant}, 201

    def mine() -> tuple[str, dict, int | None]:
        auth = request.environ["floor.auth"] if "floor.auth" in request.environ else {}
        return auth["code"], sessions[auth["code"]], auth.get("me")

    @socketio.on("connect")
    def connect(auth):
        auth = auth or {}
        if auth.get("code") not in sessions:
            return False
        me = int(str(auth["token"]).split("-")[1]) if auth.get("token") else None
        request.environ["floor.auth"] = {"code": auth["code"], "me": me}
        join_room(auth["code"])
        session = sessions[auth["code"]]
        emit("snapshot", {"seq": session["seq"], "me": {"id": me}, "items": session["items"]})

    @socketio.on("sync")
    def sync(_payload=None):
        _code, session, me = mine()
        return {"ok": True, "snapshot": {"seq": session["seq"], "me": {"id": me}, "items": session["items"]}}

    @socketio.on("control")
    def control(_payload=None):
        return {"ok": True}

    def tell(event: str, item: dict) -> dict:
        code, session, _me = mine()
        session["seq"] += 1
        message = {"seq": session["seq"], "item": item}
        socketio.emit(event, message, to=code, skip_sid=request.sid)
        return {"ok": True, "item": {**item, "mine": True}, "events": [[event, message]]}

    def add(fields: dict) -> dict:
        _code, session, me = mine()
        last_id[0] += 1
        now = int(time.time() * 1000)
        item = {"id": last_id[0], "author_id": me, **fields, "created_at": now, "updated_at": now}
        session["items"].append(item)
        return tell("item:added", item)

    @socketio.on("card:add")
    def card_add(payload):
        return add({"round_id": payload.get("round_id"), "kind": "card", "text": payload.get("text"), "category": None})

    @socketio.on("step:add")
    def step_add(payload):
        """A step of the action path: broadcast as the app does, ``item:added`` to the room."""
        step = {"what": payload.get("what"), "owner": "", "partners": [], "due": None, "needs": "", "idea": None}
        return add({"round_id": payload.get("round_id"), "kind": "step", **step})

    @socketio.on("card:edit")
    def card_edit(payload):
        _code, session, _me = mine()
        item = next((i for i in session["items"] if i["id"] == payload.get("id")), None)
        if item is None:
            return {"ok": False, "error": {"code": "not_found", "message": "no such card"}}
        item.update(text=payload.get("text"), updated_at=int(time.time() * 1000))
        return tell("item:updated", item)

    return app, socketio


def main() -> int:
    args = options()
    if args.async_mode == "gevent":
        from gevent import monkey

        monkey.patch_all()
    else:
        import eventlet

        eventlet.monkey_patch()
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from samenspel.serving import run

    app, socketio = create(args.async_mode)
    run(app, socketio, host=args.host, port=args.port, async_mode=args.async_mode)
    return 0


if __name__ == "__main__":
    sys.exit(main())
