"""The initiative report of a sample initiative of three sessions (tests/support/
initiative_sample.py), built by the pure builder and read back in every format with a real
reader: jsonschema, pypdf, python-docx, markdown-it."""

from __future__ import annotations

import io
import json

import pytest
from docx import Document as WordDocument
from jsonschema import Draft202012Validator

from samenspel.config import PROJECT_ROOT
from samenspel.engine import initiative_schema
from samenspel.engine.initiative_document import build_initiative_document, lesson_rounds, progress
from samenspel.export import REPORTS, render
from samenspel.export.report_labels import report_filename, words
from samenspel.rules.loader import load_game
from tests.support.initiative_sample import INITIATIVE, sample_initiative_document, sample_initiative_sessions
from tests.support.readers import markdown_html, pdf_text, squash
from tests.support.sample import NOW

SCHEMA = PROJECT_ROOT / "docs" / "initiative.schema.json"


@pytest.fixture(scope="module")
def report():
    return sample_initiative_document()


@pytest.fixture(scope="module")
def files(report):
    return {fmt: render(report, key) for fmt, key in REPORTS.items()}


@pytest.fixture(scope="module")
def validator():
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def test_the_published_schema_is_current():
    assert SCHEMA.read_text(encoding="utf-8") == initiative_schema.published_text()


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_report_follows_its_schema(lang, validator):
    document = sample_initiative_document(lang)
    assert not list(validator.iter_errors(document))


def test_every_session_its_outcome(report):
    assert [(s["code"], s["date"]) for s in report["sessions"]] == [
        ("NPQ7K3", "2026-03-12"),
        ("ONDW42", "2026-05-20"),
        ("AFRD99", "2026-09-30"),
    ]
    first = report["sessions"][0]
    assert first["game"]["id"] == "het-nieuwe-samenspel" and first["summary"]["participants"] == 12
    assert len(first["chosen"]) == 3 and len(first["steps"]) == 5
    assert {s["status"] for s in first["steps"]} == {"not_started"}


def test_steps_keep_their_line_and_history_across_sessions(report):
    steps = report["steps"]
    assert len(steps) == 5
    for step in steps:  # the closing session's steps continue the first session's
        assert step["id"] == step["key"] + 200
        assert step["sessions"] == ["NPQ7K3", "ONDW42", "AFRD99"]
    by_status = {s["status"]: s for s in steps}
    assert [h["status"] for h in by_status["dropped"]["history"]] == ["dropped"]
    assert by_status["dropped"]["history"][0]["note"] == "Geen budget meer"
    stuck_then_done = next(s for s in steps if [h["status"] for h in s["history"]] == ["stuck", "under_way", "done"])
    assert stuck_then_done["history"][1]["note"] == "Nieuwe trekker: Fatima"


def test_progress_x_of_y_done_and_over_time(report):
    assert (report["progress"]["done"], report["progress"]["total"]) == (2, 4)  # the dropped one does not count
    assert [(p["done"], p["total"]) for p in report["progress"]["sessions"]] == [(0, 5), (1, 5), (2, 4)]
    assert progress([]) == {"done": 0, "total": 0, "by_status": dict.fromkeys(progress([])["by_status"], 0)}


def test_lessons_are_the_cards_of_the_lesson_rounds(report):
    assert [(lesson["session"], lesson["round"]["id"]) for lesson in report["lessons"]] == [
        ("AFRD99", "kansen-drempels")
    ]
    texts = [c["text"] for g in report["lessons"][0]["groups"] for c in g["cards"]]
    assert "Tuincentrum levert kas tegen kostprijs." in texts


def test_a_game_marks_its_lesson_rounds_by_section_or_setting():
    game = load_game(PROJECT_ROOT / "game_rules" / "het-nieuwe-samenspel.yaml")
    assert lesson_rounds(game) == []


def test_an_initiative_without_sessions_or_steps():
    empty = build_initiative_document(INITIATIVE, [], "en", now=NOW)
    assert empty["steps"] == [] and empty["lessons"] == [] and empty["progress"]["total"] == 0
    for key in REPORTS.values():
        assert render(empty, key)


def _texts(report):
    """What every format must show: each step, its latest note, each session's code, a lesson."""
    w = words(report["lang"])
    out = [w["progress_line"].format(done=2, total=4)]
    for step in report["steps"]:
        out += [step["what"], w[step["status"]]] + [h["note"] for h in step["history"] if h["note"]]
    out += [s["code"] for s in report["sessions"]]
    out += [c["text"] for lesson in report["lessons"] for g in lesson["groups"] for c in g["cards"]]
    return out


def test_pdf_reads_back(files, report):
    assert files["pdf"].startswith(b"%PDF")
    text = squash(pdf_text(files["pdf"]))
    assert [t for t in _texts(report) if squash(t) not in text] == []


def test_docx_reads_back(files, report):
    word = WordDocument(io.BytesIO(files["docx"]))
    text = squash(
        "\n".join(p.text for p in word.paragraphs)
        + "\n".join(c.text for t in word.tables for r in t.rows for c in r.cells)
    )
    assert [t for t in _texts(report) if squash(t) not in text] == []
    assert [p.text for p in word.paragraphs if p.style.name == "Heading 1"] == [
        "Voortgang",
        "Actiepad nu",
        "Bijeenkomsten",
        "Lessen",
    ]
    assert word.core_properties.title.startswith("Verslag van het initiatief")


def test_markdown_reads_back(files, report):
    text = squash(markdown_html(files["md"]))
    assert [t for t in _texts(report) if squash(t) not in text] == []


def test_json_is_the_report(files, report):
    assert json.loads(files["json"]) == report


def test_typed_text_stays_text():
    sessions = sample_initiative_sessions()
    hostile = {**INITIATIVE, "title": "<script>alert(1)</script> **vet** [x](javascript:y)"}
    document = build_initiative_document(hostile, sessions, "nl", now=NOW)
    markdown = markdown_html(render(document, "report-md"))
    assert "<script>" not in markdown and "<strong>vet" not in markdown and 'href="javascript' not in markdown
    from samenspel.export.report_html import render_page

    assert "<script>alert" not in render_page(document)


def test_file_name(report):
    assert report_filename(report, "pdf") == "verslag-moestuin-met-kas-in-de-noordpolder-2026-03-12.pdf"
    assert report_filename({**report, "lang": "en"}, "md").startswith("initiative-report-moestuin")


def test_the_initiative_calendar_has_stable_uids_and_reminders(report):
    from icalendar import Calendar

    from samenspel.export.report_ics import calendar

    events = Calendar.from_ical(render(report, "report-ics")).walk("VEVENT")
    assert len(events) == 5
    # the UIDs follow the steps' line: the first session's calendar names the same events
    first_only = build_initiative_document(INITIATIVE, sample_initiative_sessions()[:1], "nl", now=NOW)
    earlier = Calendar.from_ical(render(first_only, "report-ics")).walk("VEVENT")
    assert sorted(str(e["uid"]) for e in events) == sorted(str(e["uid"]) for e in earlier)
    assert all(str(e["uid"]).startswith("initiative-7-step-") for e in events)
    by_status = {s["status"]: s for s in report["steps"]}
    for event in events:
        step = next(s for s in report["steps"] if str(event["uid"]).endswith(f"-step-{s['key']}@samenspel.invalid"))
        alarms = event.walk("VALARM")
        if step["status"] in ("done", "dropped"):
            assert alarms == []
        else:
            assert [a["trigger"].to_ical() for a in alarms] == [b"-P7D"]
            assert str(alarms[0]["action"]) == "DISPLAY"
        assert str(event["status"]) == ("CANCELLED" if step["status"] == "dropped" else "CONFIRMED")
    own = Calendar.from_ical(calendar(report, [by_status["under_way"]], name="Jouw stappen"))
    assert [str(e["summary"]) for e in own.walk("VEVENT")] == [by_status["under_way"]["what"]]
    assert str(own["x-wr-calname"]) == "Jouw stappen"


def test_the_warm_worker_renders_the_report_pdf(report):
    """The server renders the report's PDF in the export worker, as the plan's."""
    from samenspel.export.worker import WarmWorker

    worker = WarmWorker()
    try:
        body = worker.render(report, "report-pdf", 120)
    finally:
        worker.stop()
    assert squash(report["steps"][0]["what"]) in squash(pdf_text(body))
