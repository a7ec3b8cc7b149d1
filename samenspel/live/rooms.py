"""Room names. Every session has a public room (phones and projector), a facilitator room,
and every participant a room of their own (all their phones)."""


def public(session_id: int) -> str:
    return f"s{session_id}:public"


def facilitators(session_id: int) -> str:
    return f"s{session_id}:facilitator"


def participant(participant_id: int) -> str:
    return f"p{participant_id}"
