"""The initiative report's downloads (``/i/<id>/report.<fmt>?key=``) of an initiative of two
sessions (the sample's plan, then a follow-up that continues it) whose steps were updated
between meetings, read back with real readers: pypdf, python-docx, the Markdown text,
jsonschema. Guarded like the initiative page: a wrong key or another initiative's id is
refused, and counts like a wrong room code."""

from __future__ import annotations

import io
import json
import re

import pytest
from docx import Document as WordDocument
from jsonschema import Draft202012Validator

from samenspel.config import PROJECT_ROOT
from samenspel.export import worker
from tests.support.initiatives import seeded_plan
from tests.support.readers import pdf_text, squash

SCHEMA = PROJECT_ROOT / "docs" / "initiative.schema.json"
STUCK_NOTE = "wachten op de vergunning van de gemeente"


def report_json(client, initiative: dict, **query) -> dict:
    answer = client.get(f"/i/{initiative['id']}/report.json", query_string={"key": initiative["key"], **query})
    assert answer.status_code == 200, answer.data[:500]
    return answer.json


def step_id(client, initiative: dict, what: str) -> int:
    return next(s["id"] for s in report_json(client, initiative)["steps"] if s["what"] == what)


def set_step(client, initiative: dict, step: int, **form) -> None:
    answer = client.post(f"/i/{initiative['id']}/steps/{step}?key={initiative['key']}", data=form)
    assert answer.status_code == 303 and "done=step" in answer.headers["Location"]


@pytest.fixture
def initiative(app, client, make_session) -> dict:
    """Two sessions; on the current path one step done, one stuck with a note."""
    first, _info = seeded_plan(app, make_session)
    follow_up = client.post(
        "/api/sessions", json={"game": "het-nieuwe-samenspel", "continues": first["code"], "key": first["key"]}
    ).json
    found = {"id": first["initiative"], "key": first["key"], "codes": [first["code"], follow_up["code"]]}
    set_step(client, found, step_id(client, found, "Gebruiksovereenkomst opstellen en tekenen"), status="done")
    stuck = step_id(client, found, "Tien plantenbakken op palen bouwen")
    set_step(client, found, stuck, status="stuck", note=STUCK_NOTE)
    return found


def download(client, initiative: dict, fmt: str, **query):
    answer = client.get(f"/i/{initiative['id']}/report.{fmt}", query_string={"key": initiative["key"], **query})
    assert answer.status_code == 200, answer.data[:500]
    assert answer.headers["Cache-Control"] == "no-store" and answer.headers["Referrer-Policy"] == "no-referrer"
    disposition = answer.headers["Content-Disposition"]
    assert re.fullmatch(rf'attachment; filename="verslag-moestuin-\d{{4}}-\d\d-\d\d\.{fmt}"', disposition), disposition
    return answer


def assert_the_report_in(text: str, initiative: dict) -> None:
    flat = squash(text)
    for code in initiative["codes"]:  # every session
        assert code in flat
    assert squash(STUCK_NOTE) in flat  # a step's status history
    assert squash("1 van 5 stappen klaar") in flat  # progress, x of y
    assert squash("Loopt vast") in flat


def test_the_pdf_through_the_export_worker(app, client, initiative):
    """As the plan's PDF: under gevent the warm worker renders it, off the request."""
    app.config["ASYNC_MODE"] = "gevent"
    try:
        answer = download(client, initiative, "pdf")
    finally:
        worker._WORKER.stop()
    assert answer.headers["Content-Type"] == "application/pdf" and answer.data.startswith(b"%PDF")
    assert_the_report_in(pdf_text(answer.data), initiative)


def test_the_word_document(client, initiative):
    answer = download(client, initiative, "docx")
    word = WordDocument(io.BytesIO(answer.data))
    text = "\n".join(p.text for p in word.paragraphs)
    text += "\n".join(c.text for t in word.tables for row in t.rows for c in row.cells)
    assert_the_report_in(text, initiative)
    assert word.core_properties.title == "Verslag van het initiatief: Moestuin"


def test_the_markdown_text(client, initiative):
    answer = download(client, initiative, "md")
    assert answer.headers["Content-Type"] == "text/markdown; charset=utf-8"
    text = answer.get_data(as_text=True)
    assert text.startswith("# Verslag van het initiatief: Moestuin")
    assert_the_report_in(text, initiative)


def test_the_json_follows_its_schema(client, initiative):
    document = download(client, initiative, "json").json
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    assert not list(validator.iter_errors(document))
    assert document["initiative"]["id"] == initiative["id"]
    assert [s["code"] for s in document["sessions"]] == initiative["codes"]
    assert document["progress"]["done"] == 1 and document["progress"]["total"] == 5
    stuck = next(s for s in document["steps"] if s["status"] == "stuck")
    assert [(h["status"], h["note"]) for h in stuck["history"]] == [("stuck", STUCK_NOTE)]
    assert stuck["sessions"] == initiative["codes"]  # one line of steps across both sessions


def test_in_english(client, initiative):
    answer = client.get(f"/i/{initiative['id']}/report.md?key={initiative['key']}&lang=en")
    assert 'filename="initiative-report-moestuin-' in answer.headers["Content-Disposition"]
    assert "**1 of 5 steps done**" in answer.get_data(as_text=True)


def test_the_initiative_page_links_every_format(client, initiative):
    html = client.get(f"/i/{initiative['id']}?key={initiative['key']}").get_data(as_text=True)
    for fmt in ("pdf", "docx", "md", "json"):
        assert f'href="/i/{initiative["id"]}/report.{fmt}?key={initiative["key"]}"' in html


def test_a_wrong_key_or_another_initiative_is_refused(client, initiative, make_session):
    base = f"/i/{initiative['id']}/report.md"
    assert client.get(base).status_code == 403
    assert client.get(f"{base}?key={'x' * 32}").status_code == 403
    other = make_session(title="Straat")
    assert client.get(f"/i/{other['initiative']}/report.md?key={initiative['key']}").status_code == 403
    assert client.get(f"{base}?key={other['key']}").status_code == 403
    assert client.get(f"/i/{initiative['id']}/report.csv?key={initiative['key']}").status_code == 404


def test_guessing_keys_is_rate_limited(app, client, initiative):
    app.config["JOIN_ATTEMPTS_PER_WINDOW"] = 2
    base = f"/i/{initiative['id']}/report.md"
    assert [client.get(f"{base}?key={c * 32}").status_code for c in "ab"] == [403, 403]
    assert client.get(f"{base}?key={initiative['key']}").status_code == 429  # even the right one, for a while
