"""Put an engine SessionState (the sample, the hostile corpus) into a real store, so the web
pages and the CLI export it from the database. Use a fresh database: the rows get the same
ids as the state's players and items, so ballots and steps keep pointing at the right ones."""

from __future__ import annotations

import json

from samenspel.engine.flow import Status
from samenspel.engine.state import SessionState
from samenspel.store.models import GameSession, Participant
from samenspel.store.models import Item as ItemRow
from samenspel.store.secrets import new_token, token_hash


def seed(database, code: str, state: SessionState, *, ended: bool = True) -> None:
    with database.unit_of_work() as db:
        row = db.query(GameSession).filter_by(code=code).one()
        for player in state.players:
            participant = Participant(
                session_id=row.id,
                name=player.name,
                role=player.role,
                token_hash=token_hash(new_token()),
                created_ms=row.created_ms,
            )
            db.add(participant)
            db.flush()
            assert participant.id == player.id, "seed a fresh database"
        for item in state.items:
            record = ItemRow(
                session_id=row.id,
                round_id=item.round_id,
                kind=item.kind,
                author_id=item.author_id,
                data=json.loads(json.dumps(dict(item.data))),
                hidden=item.hidden,
                created_ms=item.created_ms,
                updated_ms=item.updated_ms,
            )
            db.add(record)
            db.flush()
            assert record.id == item.id, "seed a fresh database"
        row.status = (Status.ENDED if ended else Status.RUNNING).value
        row.round_index = len(state.game.rounds) - 1 if ended else state.game.round_index("actiepad")
        row.ended_ms = row.created_ms + 7_200_000 if ended else None
