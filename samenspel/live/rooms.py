"""Room names. Every session has a room per audience (engine/views.py ``AUDIENCES``: the
phones, the screens, the facilitators), and every participant a room of their own (all
their phones)."""


def audience(name: str, session_id: int) -> str:
    return f"s{session_id}:{name}"


def participant(participant_id: int) -> str:
    return f"p{participant_id}"
