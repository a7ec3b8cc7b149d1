"""Starting a session: the facilitator picks a game and types the initiative's title,
question and place (from the start page or the JSON API), and may seat the hall at tables
(``tables`` and ``assign``, engine/tables/setup.py: off unless asked); the instance
password, when one is set, guards who may start sessions.

A new session starts a new initiative, or continues one (issue 13): ``continues`` names
the room code of an earlier session and ``key`` proves its facilitator key. The new
session joins that session's initiative and its first plan round gets the earlier plan's
steps, with their status and history (services/steps.py). A wrong code or key counts
against the address like a wrong room code (services/access.py)."""

from __future__ import annotations

import hmac
from dataclasses import dataclass

from samenspel.engine.apply import Action, apply
from samenspel.engine.errors import Rejected
from samenspel.engine.state import SessionState
from samenspel.engine.text import clean_text
from samenspel.engine.views import FACILITATOR
from samenspel.services import access, steps, tables
from samenspel.services.context import Context
from samenspel.store.clock import now_ms
from samenspel.store.db import lock_session
from samenspel.store.initiatives import opened_by_key
from samenspel.store.models import Initiative
from samenspel.store.sessions import create_session, facilitator_key_ok, find_by_code, flow_of
from samenspel.store.state import save

#: the longest title, question and place (the start page shows them as maxlength)
LIMITS = {"title": 200, "question": 1000, "place": 200}
REQUIRED = ("title", "question")


@dataclass(frozen=True)
class Created:
    code: str
    key: str  # the facilitator's secret key: shown once, in the console's address
    initiative_id: int | None = None


def instance_password_ok(ctx: Context, given) -> bool:
    required = ctx.config.get("INSTANCE_PASSWORD")
    return not required or (isinstance(given, str) and hmac.compare_digest(given.encode(), required.encode()))


def create(ctx: Context, form, address: str | None = None) -> Created:
    """Validate a create request and create the session in the lobby. A refusal names the
    field (``field``) it is about."""
    if not isinstance(form, dict):
        raise Rejected("bad_request", "send a JSON object")
    game_id = form.get("game")
    game = ctx.catalogue.games.get(game_id) if isinstance(game_id, str) else None
    if game is None:
        raise Rejected("unknown_game", field="game")
    earlier = None
    if form.get("continues") is not None:
        earlier = _earlier(ctx, form.get("continues"), form.get("key"), address)
    fields = {}
    for name, limit in LIMITS.items():
        value = form.get(name) or (earlier.get(name) if earlier else "") or ""
        if name not in REQUIRED and not str(value).strip():
            fields[name] = ""
            continue
        try:
            fields[name] = clean_text(value, max_length=limit, field=name)
        except Rejected as rejected:
            raise Rejected(rejected.code, rejected.detail, **{**rejected.params, "field": name}) from None
    seating = tables.setup_payload(form.get("tables"), form.get("assign"))  # refusals name the field
    with ctx.database.unit_of_work() as db:
        initiative = earlier["initiative_id"] if earlier else None
        # the earlier session's steps are read under its lock, taken first: never halfway a
        # name being forgotten there (services/forgetting.py takes the same locks in order)
        source = lock_session(db, earlier["id"]) if earlier else None
        if earlier and source is None:
            raise Rejected("unknown_session", field="continues")
        session, key = create_session(db, game=game, initiative_id=initiative, **fields)
        state = SessionState(game, flow_of(session))
        if seating["tables"] is not None:  # logged like the console's set-up, so replay has it
            action = Action("tables:set", seating, now_ms())
            state = save(db, session, apply(state, action), action, actor=FACILITATOR, participant_id=None).state
        if source is not None:
            steps.import_steps(db, session, state, source)
        return Created(session.code, key, session.initiative_id)


def _earlier(ctx: Context, code, key, address: str | None) -> dict:
    """The session a follow-up continues, when ``key`` opens its initiative: its id, its
    initiative and the initiative's title, question and place (the follow-up's defaults)."""
    guard = access.guarded(ctx, address)  # a wrong code or key counts like a wrong room code
    with guard, ctx.database.unit_of_work() as db:
        guard.check(db)
        session = find_by_code(db, code) if isinstance(code, str) else None
        if session is None:
            raise Rejected("unknown_session", field="continues")
        # the key of this session, or of another session of its initiative (which opens it too)
        if not facilitator_key_ok(session, key) and opened_by_key(db, session.initiative_id, key) is None:
            raise Rejected("bad_key", field="key")
        initiative = db.get(Initiative, session.initiative_id)
        return {
            "id": session.id,
            "initiative_id": initiative.id,
            "title": initiative.title,
            "question": initiative.question,
            "place": initiative.place,
        }
