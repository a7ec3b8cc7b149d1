"""The block "Wie brengt wat in" in every export of the plan: the sample session with offers
made in its pledge round, each format read back with a real reader (tests/support/readers.py):
every offer is in the pledge section, under its own idea; the CSV has a table of offers, the
calendar a to-do per offer; the JSON follows the published schema; typed text stays text."""

from __future__ import annotations

import csv
import io
import json
from types import MappingProxyType

import pytest
from icalendar import Calendar

from samenspel.engine.document import build_document
from samenspel.engine.mechanics.vote import chosen
from samenspel.engine.state import Item
from samenspel.export import render
from samenspel.export.csv import FORMULA_START, Dialect
from samenspel.export.labels import labels
from tests.export.conftest import NOW
from tests.support.hostile import HOSTILE
from tests.support.readers import docx_sections, html_sections, markdown_html, markdown_sections, pdf_sections, squash
from tests.support.sample import sample_session_state

SECTIONED = {"html": html_sections, "pdf": pdf_sections, "docx": docx_sections, "md": markdown_sections}
# (by, sample idea, resource, text, hours, amount)
OFFERS = [
    ("Henk", "i1", "time", "Ik timmer de bakken in elkaar.", 12, None),
    ("Bram", "i1", "materials", "Steigerhout van de bouwmarkt.", None, None),
    ("Yusuf", "i4", "money", "Voor de eerste oogstmaaltijd.", None, 250),
    ("Kees", "i4", "network", "De kok van het verzorgingshuis.", None, None),
    ("Marloes", "i6", "expertise", "Ik ken de regels voor gebruiksovereenkomsten.", None, None),
    ("Fatima", "i4", "time", "Koken voor twintig mensen.", 3.5, None),
    ("Els", "i6", "money", "Een bijdrage uit het buurtfonds.", None, None),
]


def with_offers(offers=OFFERS):
    state, info = sample_session_state()
    items = list(state.items)
    for by, idea, resource, text, hours, amount in offers:
        items.append(
            Item(
                len(items) + 1,
                "inbreng",
                "pledge",
                info["players"][by],
                MappingProxyType(
                    {
                        "idea": info["card_ids"][idea],
                        "resource": resource,
                        "text": text,
                        "hours": hours,
                        "amount": amount,
                    }
                ),
                False,
                1,
                1,
            )
        )
    return type(state)(state.game, state.flow, state.players, tuple(items), state.rounds), info


@pytest.fixture(scope="module")
def pledged():
    state, info = with_offers()
    document = build_document(state, info, "nl", now=NOW)
    return (
        state,
        info,
        document,
        {fmt: render(document, fmt) for fmt in ("pdf", "docx", "md", "csv", "ics", "json", "html")},
    )


def pledge_block(document):
    return next(b for s in document["sections"] for b in s["blocks"] if b["type"] == "pledge")


def test_every_chosen_idea_has_its_offers_in_the_document(pledged):
    state, info, document, _ = pledged
    block = pledge_block(document)
    ids = {v: k for k, v in info["card_ids"].items()}
    assert [ids[i["id"]] for i in block["ideas"]] == ["i4", "i1", "i6"]  # the chosen ones, best first
    assert [i["id"] for i in block["ideas"]] == chosen(state, state.game.round("kiezen"))
    assert [len(i["pledges"]) for i in block["ideas"]] == [3, 2, 2]
    assert (block["pledges"], block["hours"], block["amount"]) == (7, 15.5, 250)


@pytest.mark.parametrize("fmt", sorted(SECTIONED))
def test_every_offer_is_in_the_pledge_section_under_its_idea(fmt, pledged):
    _, info, document, exports = pledged
    section = squash(SECTIONED[fmt](exports[fmt], document)["inbreng"])
    words = labels("nl")
    assert squash(words["pledge_heading"]) in section
    block = pledge_block(document)
    starts = [section.index(squash(idea["text"])) for idea in block["ideas"]]
    assert starts == sorted(starts)
    for n, idea in enumerate(block["ideas"]):
        end = starts[n + 1] if n + 1 < len(starts) else len(section)
        for offer in idea["pledges"]:
            at = section.index(squash(offer["text"]))
            assert starts[n] < at < end, (fmt, offer["text"])
            assert squash(words[f"resource_{offer['resource']}"]) in section[starts[n] : at]
    for hours in ("12uur", "3,5uur", "€250"):
        assert hours in section, (fmt, hours)
    assert squash("Henk · Inwoner") in section or squash("Henk·Inwoner") in section


def test_the_summary_counts_the_offers(pledged):
    _, _, document, exports = pledged
    assert (document["summary"]["pledges"], document["summary"]["pledged_hours"]) == (7, 15.5)
    line = labels("nl")["in_short_pledges"].format(pledges=7, pledged_hours="15,5")
    assert squash(line) in squash(exports["md"].decode("utf-8"))
    assert "<strong>7</strong> bijdragen, samen <strong>15,5</strong> uur" in exports["html"].decode("utf-8")


def test_the_csv_has_a_table_of_offers_after_the_steps(pledged):
    _, _, document, exports = pledged
    rows = list(csv.reader(io.StringIO(exports["csv"].decode("utf-8-sig"), newline=""), dialect=Dialect))
    blank = rows.index([])
    steps, offers = rows[:blank], rows[blank + 1 :]
    assert steps[0][0] == "Nr." and len(steps) == 1 + 5
    assert offers[0] == ["Idee", "Gekozen", "Soort", "Wat", "Uren", "Bedrag (euro)", "Wie", "Rol", "Status"]
    assert len(offers) == 1 + 7
    first = pledge_block(document)["ideas"][0]
    assert offers[1] == [
        first["text"],
        "ja",
        "Tijd",
        "Koken voor twintig mensen.",
        "3,5",
        "",
        "Fatima",
        "Inwoner",
        "Definitief",
    ]  # by role, as the plan lists them
    assert [
        first["text"],
        "ja",
        "Geld",
        "Voor de eerste oogstmaaltijd.",
        "",
        "250",
        "Yusuf",
        "Ondernemer",
        "Definitief",
    ] in offers


def test_the_calendar_has_a_to_do_per_offer_and_keeps_its_events(pledged):
    _, _, document, exports = pledged
    calendar = Calendar.from_ical(exports["ics"])
    todos = calendar.walk("VTODO")
    assert len(todos) == 7 and len(calendar.walk("VEVENT")) == 5
    summaries = {str(t["summary"]) for t in todos}
    assert "Tijd (12 uur): Ik timmer de bakken in elkaar." in summaries
    assert "Geld (€ 250): Voor de eerste oogstmaaltijd." in summaries
    uids = [str(t["uid"]) for t in todos]
    assert len(set(uids)) == 7 and all(u.startswith("npq7k3-pledge-") for u in uids)
    assert all(str(t["status"]) == "NEEDS-ACTION" for t in todos)


def test_the_json_is_the_document_and_follows_the_schema(pledged, schema_validator):
    _, _, document, exports = pledged
    parsed = json.loads(exports["json"])
    assert pledge_block(parsed) == pledge_block(document)
    assert not list(schema_validator.iter_errors(parsed))


def test_english_words(pledged):
    state, info, _, _ = pledged
    english = build_document(state, info, "en", now=NOW)
    md = render(english, "md").decode("utf-8")
    assert "**Who brings what:**" in md and "**Time (12 hours):**" in md and "**Money (€250):**" in md


def test_an_empty_pledge_round_says_so_and_adds_no_csv_table():
    state, info = sample_session_state()
    document = build_document(state, info, "nl", now=NOW)
    block = pledge_block(document)
    assert [len(i["pledges"]) for i in block["ideas"]] == [0, 0, 0]
    assert "" not in render(document, "csv").decode("utf-8-sig").split("\r\n")[:-1]
    assert labels("nl")["pledge_none"] in render(document, "md").decode("utf-8")


def test_typed_text_in_an_offer_stays_text():
    hostile = [
        ("Henk", "i1", "time", HOSTILE["markdown"], 2, None),
        ("Bram", "i4", "materials", HOSTILE["hyperlink"], None, None),
        ("Els", "i6", "network", HOSTILE["script"], None, None),
    ]
    state, info = with_offers(hostile)
    document = build_document(state, info, "nl", now=NOW)
    md = markdown_html(render(document, "md"))
    assert "<script>" not in md and "<strong>vet</strong>" not in md and 'href="javascript' not in md
    rows = list(csv.reader(io.StringIO(render(document, "csv").decode("utf-8-sig"), newline=""), dialect=Dialect))
    for row in rows:
        for cell in row:
            assert not cell.lstrip(" ").startswith(FORMULA_START), cell
    html = render(document, "html").decode("utf-8")
    assert "<script>alert" not in html and "&lt;script&gt;" in html
