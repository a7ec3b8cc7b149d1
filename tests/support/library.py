"""A library entry on a running server: the sample session stored in its database and
published through the use case (the consent flow that leads there is tested apart)."""

from __future__ import annotations

import uuid

from samenspel.config import load_settings
from samenspel.engine.library.publish import LICENCE
from samenspel.services import context, library
from samenspel.store.sessions import find_by_code
from tests.support.sample import sample_session_state
from tests.support.seeding import seed

#: what a variant of ``entries_like`` sets on the entry, not in its document
ENTRY_COLUMNS = ("source", "hidden")


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


def entries_like(ctx, entry_id: str, variants) -> list[str]:
    """More entries, each a copy of the entry ``entry_id`` with the changes of one variant
    (a mapping: the document's ``question``, ``theme``, ``municipality`` …, and the
    entry's ``source`` and ``hidden``), published one second apart after it, oldest first;
    their ids. For pages that list several entries."""
    from samenspel.store import library as entries
    from samenspel.store.clock import now_ms

    document, ids = library.entry(ctx, entry_id).document, []
    with ctx.database.unit_of_work() as db:
        for n, variant in enumerate(variants, start=1):
            ids.append(str(uuid.uuid4()))
            more = {k: v for k, v in variant.items() if k in ENTRY_COLUMNS}
            doc = {**document, **{k: v for k, v in variant.items() if k not in ENTRY_COLUMNS}, "id": ids[-1]}
            entries.add(db, library.columns(doc, licence=LICENCE, created_ms=now_ms() + n * 1000, **more))
    return ids


def entries_like_on(server, entry_id: str, variants) -> list[str]:
    """``entries_like`` on a running server's database."""
    ctx = context.standalone(load_settings({"INSTANCE_PATH": str(server.instance)}))
    try:
        return entries_like(ctx, entry_id, variants)
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
