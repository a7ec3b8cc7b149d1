"""Room names. Every session has a public room (phones and projector), a facilitator room,
a room of its screens (projector), and when it plays at tables a room per table (the phones
at that table); every participant has a room of their own (all their phones)."""


def public(session_id: int) -> str:
    return f"s{session_id}:public"


def facilitators(session_id: int) -> str:
    return f"s{session_id}:facilitator"


def screens(session_id: int) -> str:
    """The projector and other read-only screens: in a table round they see every table."""
    return f"s{session_id}:screens"


def table(session_id: int, table_id: int) -> str:
    """The phones at one table: in a table round a table's items go here only."""
    return f"s{session_id}:t{table_id}"


def is_table(room: str, session_id: int) -> bool:
    return room.startswith(f"s{session_id}:t")


def participant(participant_id: int) -> str:
    return f"p{participant_id}"
