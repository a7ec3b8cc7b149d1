"""Room names. Every session has a room per audience (engine/views.py ``AUDIENCES``: the
phones, the screens, the facilitators), when it plays at tables a room per table (the
phones at that table), and every participant a room of their own (all their phones)."""


def audience(name: str, session_id: int) -> str:
    return f"s{session_id}:{name}"


def screens(session_id: int) -> str:
    """The projector and other read-only screens: in a table round they see every table."""
    return audience("screens", session_id)


def facilitators(session_id: int) -> str:
    return audience("facilitators", session_id)


def table(session_id: int, table_id: int) -> str:
    """The phones at one table: in a table round a table's items go here only."""
    return f"s{session_id}:t{table_id}"


def is_table(room: str, session_id: int) -> bool:
    return room.startswith(f"s{session_id}:t")


def participant(participant_id: int) -> str:
    return f"p{participant_id}"
