"""A session played at tables (tests/support/table_sample.py), its plan in every format read
back with a real reader: who sat at each table, each table's texts and chosen ideas in that
table's part, and the action path naming the table each idea came from. Without tables
the plan has no tables part at all."""

from __future__ import annotations

import csv
import io
import json

import pytest
from icalendar import Calendar

from samenspel.engine.document import build_document
from samenspel.export import DOWNLOADS, render
from samenspel.export.csv import Dialect
from samenspel.export.labels import labels
from samenspel.export.tables import after_section
from tests.support.readers import docx_blocks, html_tree, markdown_html, pdf_text, squash
from tests.support.sample import NOW
from tests.support.table_sample import HALL_CHOSEN, HALL_VOTE, HARVEST, TABLE_MEMBERS, table_session_state

LANGS = [("nl", False), ("en", True)]


@pytest.fixture(scope="module")
def table_state():
    return table_session_state()


@pytest.fixture(scope="module", params=LANGS, ids=["nl", "en-anonymous"])
def table_doc(request, table_state):
    state, info = table_state
    lang, anonymous = request.param
    return build_document(state, info, lang, anonymous=anonymous, now=NOW)


@pytest.fixture(scope="module")
def table_exports(table_doc):
    return {fmt: render(table_doc, fmt) for fmt in DOWNLOADS + ("html",)}


def expected_by_table(state, doc) -> dict[str, list[str]]:
    """Table name -> every text its part must show: the people (first names, or role and
    count when anonymous), the chosen ideas and every introduction and card written there."""
    out = {}
    names = {t["id"]: t["name"] for t in doc["tables"]}
    for table_id, members in TABLE_MEMBERS.items():
        texts = [i.data["text"] for i in state.items if i.table == table_id and i.kind in ("intro", "card")]
        if doc["anonymous"]:
            roles = {}
            for p in (p for p in state.players if p.table == table_id):
                roles[p.role] = roles.get(p.role, 0) + 1
            role_names = {r.id: r.name.get(doc["lang"]) for r in state.game.roles}
            texts += [f"{role_names[r]} {n}" for r, n in roles.items()]
        else:
            texts += members
        out[names[table_id]] = texts
    return out


def part_text(fmt: str, body: bytes, doc) -> str:
    """The squashed text of the tables part: from its note to the next section's heading."""
    words = labels(doc["lang"])
    if fmt == "html":
        return squash(html_tree(body).get_element_by_id("s-tables").text_content())
    if fmt == "pdf":
        flat = squash(pdf_text(body))
    elif fmt == "docx":
        flat = squash("\n".join(text for _, text in docx_blocks(body)))
    else:
        flat = squash(html_tree(markdown_html(body).encode()).text_content())
    start = flat.index(squash(words["tables_note"]))
    ids = [s["id"] for s in doc["sections"]]
    after = ids.index(after_section(doc)) + 1 if after_section(doc) else 0
    following = doc["sections"][after]["heading"] if after < len(ids) else words["follow_up"]
    return flat[start : flat.index(squash(following), start)]


def by_table(part: str, doc) -> dict[str, str]:
    """The part cut at the table names (in table order)."""
    names = [squash(t["name"]) for t in doc["tables"]]
    starts = [part.index(name) for name in names]
    ends = starts[1:] + [len(part)]
    return {t["name"]: part[s:e] for t, s, e in zip(doc["tables"], starts, ends)}


@pytest.mark.parametrize("fmt", ["html", "pdf", "docx", "md"])
def test_every_table_shows_its_people_texts_and_chosen_ideas(fmt, table_state, table_doc, table_exports):
    state, _ = table_state
    chunks = by_table(part_text(fmt, table_exports[fmt], table_doc), table_doc)
    missing = [
        (name, text)
        for name, texts in expected_by_table(state, table_doc).items()
        for text in texts
        if squash(text) not in chunks[name]
    ]
    assert missing == []
    for table in table_doc["tables"]:
        assert [c["text"] for c in table["chosen"]] and all(
            squash(c["text"]) in chunks[table["name"]] for c in table["chosen"]
        )
    if table_doc["anonymous"]:  # no first name as an author ("Fatima · …") or at a table ("…: Fatima")
        shown = [f"{n}·" for names in TABLE_MEMBERS.values() for n in names]
        shown += [f":{n}" for names in TABLE_MEMBERS.values() for n in names]
        assert [n for n in shown if any(n in chunk for chunk in chunks.values())] == []


def whole_text(fmt: str, body: bytes) -> str:
    if fmt == "html":
        return squash(html_tree(body).text_content())
    if fmt == "pdf":
        return squash(pdf_text(body))
    if fmt == "docx":
        return squash("\n".join(text for _, text in docx_blocks(body)))
    return squash(html_tree(markdown_html(body).encode()).text_content())


@pytest.mark.parametrize("fmt", ["html", "pdf", "docx", "md"])
def test_a_table_rounds_texts_stand_once_in_the_tables_part(fmt, table_state, table_doc, table_exports):
    """A round played at tables lists its texts once, per table in the tables part; its own
    section says where they are instead of listing them again. (A vote's ideas come again
    in its tally, with their votes, and the chosen ones in the action path.)"""
    state, _ = table_state
    flat = whole_text(fmt, table_exports[fmt])
    voted = {r.settings.get("from_round") for r in state.game.rounds if r.mechanic == "vote"}
    texts = [
        i.data["text"]
        for i in state.items
        if i.table is not None and i.kind in ("intro", "card") and not i.hidden and i.round_id not in voted
    ]
    assert len(texts) > 20
    assert [t for t in texts if flat.count(squash(t)) != 1] == []
    assert squash(labels(table_doc["lang"])["at_tables_see"]) in flat


@pytest.mark.parametrize("fmt", ["html", "pdf", "docx", "md"])
def test_the_action_path_leads_and_names_the_table_of_each_idea(fmt, table_doc, table_exports):
    words = labels(table_doc["lang"])
    body = table_exports[fmt]
    if fmt == "html":
        flat = squash(html_tree(body).text_content())
    elif fmt == "pdf":
        flat = squash(pdf_text(body))
    elif fmt == "docx":
        flat = squash("\n".join(text for _, text in docx_blocks(body)))
    else:
        flat = squash(body.decode("utf-8"))
    plan = next(b for s in table_doc["sections"] for b in s["blocks"] if b["type"] == "plan")
    assert table_doc["sections"][0]["blocks"][0]["type"] == "plan"
    part = flat.index(squash(words["tables_note"]))
    for step in plan["steps"]:
        tagged = squash(words["from_table"].format(table=step["idea"]["table"]["name"]))
        assert flat.index(tagged, flat.index(squash(step["what"]))) < part


def test_the_json_has_each_tables_people_chosen_ideas_and_the_harvest(
    table_state, table_doc, table_exports, schema_validator
):
    state, info = table_state
    data = json.loads(table_exports["json"])
    assert list(schema_validator.iter_errors(data)) == []
    assert [t["id"] for t in data["tables"]] == [1, 2, 3]
    cards = {key: item_id for key, item_id in info["card_ids"].items()}
    for table in data["tables"]:
        assert table["participants"]["total"] == len(TABLE_MEMBERS[table["id"]])
        names = [n for r in table["participants"]["roles"] for n in r.get("names", [])]
        assert sorted(names) == ([] if data["anonymous"] else sorted(TABLE_MEMBERS[table["id"]]))
        assert [c["id"] for c in table["chosen"]] == [cards[k] for k in HARVEST[table["id"]]]
        written = {i["id"] for r in table["rounds"] for i in r["items"]}
        assert written == {i.id for i in state.items if i.table == table["id"] and i.kind in ("intro", "card")}
    blocks = {b["round"]["id"]: b for s in data["sections"] for b in s["blocks"]}
    table_of = {cards[k]: t for t, keys in HARVEST.items() for k in keys}
    harvest = sorted((i["id"], i["table"]["id"]) for i in blocks["kiezen"]["chosen"])
    assert harvest == sorted(table_of.items())
    assert sorted((i["id"], i["table"]["id"]) for i in blocks[HALL_VOTE]["ideas"]) == harvest
    hall = [(i["id"], i["table"]["id"]) for i in blocks["actiepad"]["ideas"]]
    assert hall == [(cards[k], table_of[cards[k]]) for k in HALL_CHOSEN]


def test_the_csv_has_who_sat_where_every_tables_texts_and_the_table_of_each_step(table_state, table_doc, table_exports):
    state, _ = table_state
    words = labels(table_doc["lang"])
    text = table_exports["csv"].decode("utf-8-sig")
    tables, current = [], None
    for row in csv.reader(io.StringIO(text, newline=""), dialect=Dialect):
        if not row:
            current = None
        elif current is None:
            current = (row, [])
            tables.append(current)
        else:
            current[1].append(row)
    by_header = {tuple(h): rows for h, rows in tables}
    names = {t["id"]: t["name"] for t in table_doc["tables"]}
    seating = by_header[(words["table"], words["role"], words["participants"], words["names"])]
    for table_id, members in TABLE_MEMBERS.items():
        seated = [n for row in seating if row[0] == names[table_id] for n in row[3].split(", ") if n]
        assert sorted(seated) == ([] if table_doc["anonymous"] else sorted(members))
    items = next(
        rows for header, rows in by_header.items() if header[:3] == (words["table"], words["round"], words["text"])
    )
    got = sorted((row[0], row[2]) for row in items)
    want = sorted((names[i.table], i.data["text"]) for i in state.items if i.table and i.kind in ("intro", "card"))
    assert got == want
    assert sum(1 for row in items if row[5] == words["yes"]) == sum(len(v) for v in HARVEST.values())
    steps = next(rows for header, rows in by_header.items() if header[0] == words["number"])
    assert all(row[-1] in names.values() for row in steps)


def test_the_calendar_names_the_table_each_steps_idea_came_from(table_doc, table_exports):
    words = labels(table_doc["lang"])
    plan = next(b for s in table_doc["sections"] for b in s["blocks"] if b["type"] == "plan")
    events = {str(e["UID"]): str(e["DESCRIPTION"]) for e in Calendar.from_ical(table_exports["ics"]).walk("VEVENT")}
    dated = [s for s in plan["steps"] if s["due"]]
    assert dated
    for step in dated:
        description = next(d for uid, d in events.items() if f"-step-{step['id']}@" in uid)
        assert words["from_table"].format(table=step["idea"]["table"]["name"]) in description


def test_a_plan_without_tables_has_no_tables_part(sample_doc, exports):
    assert "tables" not in sample_doc
    assert all("table" not in i for b in sample_doc["sections"][0]["blocks"] for i in b.get("ideas", []))
    for word in ("Tafels", "uit Tafel"):
        assert word not in exports["md"].decode("utf-8")
    assert html_tree(exports["html"]).get_element_by_id("s-tables", None) is None
