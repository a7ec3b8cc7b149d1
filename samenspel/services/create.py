"""Starting a session: the facilitator picks a game and types the initiative's title,
question and place (from the start page or the JSON API), and may seat the hall at tables
(``tables`` and ``assign``, engine/tables/setup.py: off unless asked); the instance
password, when one is set, guards who may start sessions."""

from __future__ import annotations

import hmac
from dataclasses import dataclass

from samenspel.engine.apply import Action, apply
from samenspel.engine.errors import Rejected
from samenspel.engine.state import SessionState
from samenspel.engine.text import clean_text
from samenspel.engine.views import FACILITATOR
from samenspel.services import tables
from samenspel.services.context import Context
from samenspel.store.clock import now_ms
from samenspel.store.sessions import create_session, flow_of
from samenspel.store.state import save

#: the longest title, question and place (the start page shows them as maxlength)
LIMITS = {"title": 200, "question": 1000, "place": 200}
REQUIRED = ("title", "question")


@dataclass(frozen=True)
class Created:
    code: str
    key: str  # the facilitator's secret key: shown once, in the console's address


def instance_password_ok(ctx: Context, given) -> bool:
    required = ctx.config.get("INSTANCE_PASSWORD")
    return not required or (isinstance(given, str) and hmac.compare_digest(given.encode(), required.encode()))


def create(ctx: Context, form) -> Created:
    """Validate a create request and create the session in the lobby. A refusal names the
    field (``field``) it is about."""
    if not isinstance(form, dict):
        raise Rejected("bad_request", "send a JSON object")
    game_id = form.get("game")
    game = ctx.catalogue.games.get(game_id) if isinstance(game_id, str) else None
    if game is None:
        raise Rejected("unknown_game", field="game")
    fields = {}
    for name, limit in LIMITS.items():
        value = form.get(name) or ""
        if name not in REQUIRED and not str(value).strip():
            fields[name] = ""
            continue
        try:
            fields[name] = clean_text(value, max_length=limit, field=name)
        except Rejected as rejected:
            raise Rejected(rejected.code, rejected.detail, **{**rejected.params, "field": name}) from None
    seating = tables.setup_payload(form.get("tables"), form.get("assign"))  # refusals name the field
    with ctx.database.unit_of_work() as db:
        session, key = create_session(db, game=game, **fields)
        if seating["tables"] is not None:  # logged like the console's set-up, so replay has it
            state = SessionState(game, flow_of(session))
            action = Action("tables:set", seating, now_ms())
            save(db, session, apply(state, action), action, actor=FACILITATOR, participant_id=None)
        return Created(session.code, key)
