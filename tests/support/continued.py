"""One person with two records, driven through the use cases on a real database (SQLite file
or PostgreSQL): she plays a first session of an initiative, claims a step and is named by
others; the follow-up carries her step over and she joins it through her owner's link, so
her record there continues the first (services/continuing.py). Then what the database holds
of her name, and whether each session's log replays to what is stored."""

from __future__ import annotations

import json
from dataclasses import dataclass
from itertools import count

from sqlalchemy import select

from samenspel.engine.replay import replay
from samenspel.engine.views import FACILITATOR, PARTICIPANT
from samenspel.services import continuing, create, owners, people, play
from samenspel.services.catalogue import game_for
from samenspel.services.context import Context
from samenspel.services.unit import ActorRef
from samenspel.store.models import ActionRow, GameSession, Item, Participant
from samenspel.store.participants import players_of
from samenspel.store.state import action_log, load
from tests.support.retention import Made, made

FIRST = "het-nieuwe-samenspel"
GAME = "samenspel-onderweg"  # the follow-up: welkom, terugblik, ideeen, kiezen, actiepad, samenspel
_ids = count(1)


@dataclass(frozen=True)
class Person:
    """Her sessions (the first, the follow-up), her record in each, her link, and Henk."""

    first: Made
    later: Made
    before: ActorRef  # her record in the first session (still playing there: it ended)
    again: ActorRef  # her record in the follow-up, continuing ``before``
    henk: ActorRef  # in the first session: wrote a card and a step that name her
    token: str  # her owner's link

    def facilitator(self, session: Made) -> ActorRef:
        return ActorRef(session.session_id, FACILITATOR)


def _client_id() -> str:
    return f"continued-{next(_ids):06d}"


def _join(ctx: Context, session: Made, name: str, role: str) -> ActorRef:
    joined = people.join(ctx, session.code, {"name": name, "role": role}, "127.0.0.1")
    return ActorRef(session.session_id, PARTICIPANT, joined.ack["participant"]["id"])


def _to(ctx: Context, facilitator: ActorRef, rounds: int) -> None:
    play.control(ctx, facilitator, {"action": "start"})
    for _ in range(rounds):
        play.control(ctx, facilitator, {"action": "next"})


def continued_person(ctx: Context, name: str, new_name: str | None = None) -> Person:
    """``name`` plays the first session and joins the follow-up through her link (as
    ``new_name`` when given), where she introduces herself again."""
    first = made(ctx, create.create(ctx, {"game": FIRST, "title": "Moestuin", "question": "Hoe beginnen we?"}))
    her, henk = _join(ctx, first, name, "inwoner"), _join(ctx, first, "Henk", "ambtenaar")
    facilitator = ActorRef(first.session_id, FACILITATOR)
    _to(ctx, facilitator, 0)
    play.act(ctx, her, "intro:set", {"round_id": "welkom", "text": f"Ik ben {name}, ik kweek tomaten"})
    play.act(ctx, henk, "intro:set", {"round_id": "welkom", "text": f"Henk, buurman van {name}"})
    play.control(ctx, facilitator, {"action": "next"})
    play.act(ctx, henk, "card:add", {"round_id": "droom", "text": f"Een kas met {name}", "client_id": _client_id()})
    for _ in range(7):  # belangen … kiezen, inbreng, actiepad
        play.control(ctx, facilitator, {"action": "next"})
    step = play.act(ctx, her, "step:add", {"round_id": "actiepad", "what": "Kas bouwen", "client_id": _client_id()})
    play.act(ctx, her, "step:claim", {"id": step.ack["item"]["id"]})
    helped = {"round_id": "actiepad", "what": "Zaad kopen", "owner": "Henk", "partners": name}
    play.act(ctx, henk, "step:add", {**helped, "client_id": _client_id()})
    play.control(ctx, facilitator, {"action": "end"})
    token = owners.link(ctx, her).ack["url"].rsplit("/", 1)[1]

    later = made(ctx, create.create(ctx, {"game": GAME, "continues": first.code, "key": first.key}))
    joined = continuing.join(ctx, token, {"name": new_name} if new_name else {})
    again = ActorRef(later.session_id, PARTICIPANT, joined.ack["participant"]["id"])
    _to(ctx, ActorRef(later.session_id, FACILITATOR), 0)
    play.act(ctx, again, "intro:set", {"round_id": "welkom", "text": f"{new_name or name} is er weer"})
    return Person(first, later, her, again, henk, token)


def everything(ctx: Context, session_id: int) -> str:
    """The session's items, logged payloads and participant records, as one text."""
    with ctx.database.unit_of_work(write=False) as db:
        where = {"session_id": session_id}
        items = [i.data for i in db.scalars(select(Item).filter_by(**where))]
        logged = [a.payload for a in db.scalars(select(ActionRow).filter_by(**where))]
        records = [[p.name, p.role] for p in db.scalars(select(Participant).filter_by(**where))]
    return json.dumps([items, logged, records], ensure_ascii=False)


def replay_problems(ctx: Context, session_id: int) -> list[str]:
    """[] when the session's log replays to the stored items, players and flow; else why not."""
    with ctx.database.unit_of_work(write=False) as db:
        session = db.get(GameSession, session_id)
        game = game_for(db, session)
        stored = load(db, session, game)
        rebuilt = replay(game, players_of(db, session, include_removed=True), action_log(db, session))
    problems = []
    for part in ("items", "players", "flow"):
        if getattr(rebuilt, part) != getattr(stored, part):
            problems.append(f"session {session_id}: the replayed {part} differ from the stored")
    return problems


def record(ctx: Context, ref: ActorRef) -> tuple[str, bool]:
    """A participant record's name and whether it was removed."""
    with ctx.database.unit_of_work(write=False) as db:
        row = db.get(Participant, ref.participant_id)
        return row.name, row.removed_ms is not None
