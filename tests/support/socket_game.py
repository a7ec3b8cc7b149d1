"""Helpers for Flask-SocketIO test clients: received events, the first cards round, a card."""


def received(socket, name):
    return [packet["args"][0] for packet in socket.get_received() if packet["name"] == name]


def go_to_cards_round(console):
    assert console.emit("control", {"action": "start"}, callback=True)["ok"]
    ack = console.emit("control", {"action": "next"}, callback=True)
    assert ack["ok"] and ack["flow"]["round_index"] == 1
    return "droom"


def add_card(phone, text, client_id, round_id="droom"):
    return phone.emit("card:add", {"round_id": round_id, "text": text, "client_id": client_id}, callback=True)
