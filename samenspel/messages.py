"""Error replies in the reader's language, shared by every adapter (socket acks, JSON API,
pages). Codes are stable (docs/protocol.md); the message is what a person reads."""

from __future__ import annotations

from flask_babel import force_locale, gettext
from flask_babel import lazy_gettext as _l

from samenspel.engine.errors import Rejected

MESSAGES = {
    "bad_request": _l("Something went wrong while sending. Reload the page and try again."),
    "not_allowed": _l("You cannot do that here."),
    "round_closed": _l("This round is closed. Look at the screen for the current round."),
    "voting_closed": _l("Voting is closed. Look at the screen for the result."),
    "limit_reached": _l("You have reached the maximum for this round."),
    "too_long": _l("Your text is too long. Make it shorter."),
    "empty": _l("Type something first."),
    "unknown_category": _l("Choose a category."),
    "not_found": _l("We cannot find that anymore. It may have been removed."),
    "invalid_transition": _l("That step is not possible right now."),
    "rate_limited": _l("You are sending very fast. Wait a moment and try again."),
    "unknown_session": _l("We do not know this code. Look at the screen again."),
    "unknown_participant": _l("We do not recognise you anymore. Please join again."),
    "bad_key": _l("This facilitator link is not valid."),
    "link_gone": _l("This link no longer works. Ask the facilitator for a new one."),
    "bad_auth": _l("Something went wrong while connecting. Reload the page."),
    "session_locked": _l("The session is closed to new players. Ask the facilitator."),
    "session_full": _l("The session is full. Ask the facilitator."),
    "role_full": _l("This role is full. Choose another role."),
    "session_ended": _l("This game has ended."),
    "invalid_name": _l("Type your first name."),
    "invalid_role": _l("Choose a role."),
    "too_many_attempts": _l("Too many tries. Wait a few minutes and try again."),
    "server_error": _l("Something went wrong on our side. Try again."),
    "server_busy": _l("It is very busy right now. Wait a moment and try again."),
    "too_many_connections": _l("Too many connections from this network. Close a few tabs and try again."),
    "too_large": _l("That is too much at once. Make your text shorter."),
    "objection": _l("Someone does not want this to be shared. Nothing is published."),
    "stale": _l("The question has changed. Look at it again and give your answer."),
    "conflict": _l("Someone else changed this just now. Look at their text and try again."),
}


def message(code: str, lang: str | None = None) -> str:
    text = MESSAGES.get(code, MESSAGES["server_error"])
    if lang:
        with force_locale(lang):
            return str(text)
    return str(text)


def error_body(code: str, lang: str | None = None, **extra) -> dict:
    return {"ok": False, "error": {"code": code, "message": message(code, lang), **extra}}


def rejection_body(rejected: Rejected, lang: str | None = None) -> dict:
    return error_body(rejected.code, lang, **rejected.params)


__all__ = ["MESSAGES", "message", "error_body", "rejection_body", "gettext"]
