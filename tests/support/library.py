"""A library entry on a running server: the sample session stored in its database and
published through the use case (the consent flow that leads there is tested apart)."""

from __future__ import annotations

from samenspel.config import load_settings
from samenspel.services import context, library
from samenspel.store.sessions import find_by_code
from tests.support.sample import sample_session_state
from tests.support.seeding import seed


def played_on(server, *, question: str = "Hoe beginnen we?") -> dict:
    """A session made through the server's API, holding the sample's plan (the API's
    answer, with ``key``). Use a fresh server: seeding gives rows the sample's ids."""
    form = {"game": "het-nieuwe-samenspel", "title": "Moestuin", "question": question, "place": "Terneuzen"}
    created = server.api("POST", "/api/sessions", json=form).json()
    created["key"] = created["facilitator_url"].split("key=")[1]
    ctx = context.standalone(load_settings({"INSTANCE_PATH": str(server.instance)}))
    try:
        seed(ctx.database, created["code"], sample_session_state()[0])
    finally:
        ctx.database.dispose()
    return created


def publish_on(server, *, question: str = "Hoe beginnen we?", theme: str = "groen") -> str:
    """``played_on`` and published straight away (the consent flow is tested apart); the
    entry's id."""
    created = played_on(server, question=question)
    ctx = context.standalone(load_settings({"INSTANCE_PATH": str(server.instance)}))
    try:
        with ctx.database.unit_of_work(write=False) as db:
            session_id = find_by_code(db, created["code"]).id
        return library.publish(ctx, session_id, theme=theme, municipality="Terneuzen")
    finally:
        ctx.database.dispose()


def session_cards(server, code: str, round_id: str = "ideeen") -> list[str]:
    """The texts of the cards in a round of a session on the server (read from its database)."""
    from tests.support.initiatives import stored_state

    ctx = context.standalone(load_settings({"INSTANCE_PATH": str(server.instance)}))
    try:
        return [i.data["text"] for i in stored_state(ctx.database, code).items_of(round_id, "card")]
    finally:
        ctx.database.dispose()
