"""The initiative report from sessions in a real (SQLite) store: each session's plan read
back, its steps' status and history carried into the report, rendered by the same function
the routes use."""

from __future__ import annotations

import json

from jsonschema import Draft202012Validator

from samenspel.config import PROJECT_ROOT
from samenspel.export import REPORTS, render
from samenspel.services import context
from samenspel.services import report as reporting
from samenspel.store.sessions import find_by_code
from tests.support.initiative_sample import INITIATIVE
from tests.support.sample import sample_session_state
from tests.support.seeding import seed


def test_the_report_of_stored_sessions(app, make_session):
    store = app.extensions["samenspel.db"]
    codes = []
    for title in ("Start", "Onderweg"):  # the sample played, then a session not yet played
        created = make_session(title=title, question="Hoe beginnen we?", place="Terneuzen")
        if not codes:
            seed(store, created["code"], sample_session_state()[0], ended=True)
        codes.append(created["code"])
    with app.app_context():
        ctx = context.current()
        with ctx.database.unit_of_work(write=False) as db:
            ids = [find_by_code(db, code).id for code in codes]
        document = reporting.report(ctx, INITIATIVE, ids, "nl")
    schema = json.loads((PROJECT_ROOT / "docs" / "initiative.schema.json").read_text(encoding="utf-8"))
    assert not list(Draft202012Validator(schema).iter_errors(document))
    assert [s["code"] for s in document["sessions"]] == codes
    assert [s["title"] for s in document["sessions"]] == ["Start", "Onderweg"]
    assert len(document["steps"]) == 5 and document["progress"]["total"] == 5
    assert document["steps"][0]["sessions"] == [codes[0]]  # the latest session with steps
    assert [s["status"] for s in document["sessions"]] == ["final", "draft"]
    for key in REPORTS.values():
        assert render(document, key)
