"""A game on a real server (tests/support/server.py), over its HTTP API."""


def open_game(server):
    created = server.api(
        "POST", "/api/sessions", json={"game": "het-nieuwe-samenspel", "title": "Moestuin", "question": "Hoe?"}
    ).json()
    key = created["facilitator_url"].split("key=")[1]
    return created["code"], key


def join(server, code, name, role):
    return server.api("POST", f"/api/sessions/{code}/participants", json={"name": name, "role": role}).json()
