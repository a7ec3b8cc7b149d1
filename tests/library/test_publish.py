"""What the library publishes (engine/library): only the listed fields, and never a
participant's name, an e-mail address, a phone number or a street address unless the
facilitator kept an edited text (hypothesis over random names and texts)."""

from __future__ import annotations

import json
from functools import lru_cache

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from samenspel.engine.document import build_document
from samenspel.engine.library import checks
from samenspel.engine.library.publish import preview, publish
from samenspel.export import library as open_data
from tests.support.sample import NOW, sample_session_state


@lru_cache(maxsize=None)
def _plan_json() -> str:
    state, info = sample_session_state()
    return json.dumps(build_document(state, info, "nl", now=NOW))


def plan() -> dict:
    return json.loads(_plan_json())


REPORT = {
    "progress": {"done": 1, "total": 2, "by_status": {"not_started": 1, "done": 1}},
    "steps": [
        {"what": "Bakken bouwen", "owner": "Henk", "partners": ["Tuincentrum"], "due": "2026-04-15", "status": "done"},
        {"what": "Kas zetten", "owner": "Bram", "partners": [], "due": None, "status": "not_started"},
    ],
    "lessons": [{"groups": [{"cards": [{"text": "Begin klein, dan groeit het vanzelf."}]}]}],
}


def test_publishes_the_listed_fields_and_no_names():
    document = publish(plan(), theme="groen")
    assert set(document) == {
        "format", "format_version", "lang", "licence", "question", "municipality", "month", "year", "game",
        "participants", "dream", "ideas", "path", "reflection", "lessons", "status", "theme",
    }  # fmt: skip
    assert document["municipality"] == "Terneuzen" and document["month"] == "2026-03" and document["year"] == 2026
    assert document["participants"]["total"] == 12
    assert {"id": "inwoner", "name": "Inwoner", "count": 4} in document["participants"]["roles"]
    assert document["ideas"][0] == {"text": "Oogstmaaltijd elke maand in het buurthuis.", "votes": 8}
    assert document["path"][0]["due"] == "2026-04" and document["path"][0]["status"] == "not_started"
    assert document["path"][1]["partners"] == []  # "Bram", "Joost": participants' names, left out
    assert 1 <= len(document["dream"]) <= 5
    assert document["reflection"][0] == {"label": "We luisterden naar elkaar", "average": 4.5, "count": 4}
    text = json.dumps(document, ensure_ascii=False)
    for name in ("Fatima", "Henk", "Marloes", "Anouk", "Bram", "Joost", "Els"):
        assert name not in text


def test_the_initiative_brings_progress_lessons_and_its_current_path():
    document = publish(plan(), REPORT, theme="groen", municipality="Gemeente Terneuzen")
    assert document["progress"] == REPORT["progress"]
    assert document["lessons"] == ["Begin klein, dan groeit het vanzelf."]
    assert [s["status"] for s in document["path"]] == ["done", "not_started"]
    assert document["status"] == "under_way" and document["municipality"] == "Gemeente Terneuzen"
    assert document["path"][0]["partners"] == ["Tuincentrum"]


def test_edits_omit_replace_and_keep():
    doc = plan()
    keys = {t.key: t for t in preview(doc).texts}
    assert keys["path.1.partners.0"].flags[0]["kind"] == "name"  # Bram
    document = publish(
        doc,
        theme="groen",
        edits={
            "ideas.0": {"omit": True},
            "question": {"text": "Hoe maken we een moestuin?"},
            "path.1.partners.0": {"text": "Tuincentrum"},
            "path.1.partners.1": {"text": "Joost de buurman", "keep": True},
        },
    )
    assert document["question"] == "Hoe maken we een moestuin?"
    assert "Oogstmaaltijd" not in json.dumps(document)
    assert document["path"][1]["partners"] == ["Tuincentrum", "Joost de buurman"]


def test_checks_flag_each_kind():
    found = checks.flags("Bel Fatima op 06-12345678 of mail f.k@example.nl, Kerkstraat 12a", ["Fatima"])
    assert [f["kind"] for f in found] == ["name", "phone", "email", "address"]
    for number in ("0612345678", "06 1234 5678", "+31 6 12345678", "020-123 4567", "(010) 123 45 67", "0031201234567"):
        assert [f["kind"] for f in checks.flags(f"tel. {number}.")] == ["phone"], number
    for harmless in ("Buurtbudget 2026 heeft nog 8.000 euro.", "Het veld aan de Schelpenstraat", "groep 5 en 6"):
        assert checks.flags(harmless, ["Els"]) == [], harmless


SEPARATORS = st.sampled_from(["", " ", "-", "."])


@st.composite
def phones(draw) -> str:
    mobile = draw(st.booleans())
    digits = ("6" if mobile else draw(st.sampled_from(["20", "10", "115", "70"]))) + "".join(
        draw(st.lists(st.sampled_from("0123456789"), min_size=9, max_size=9))
    )
    digits = digits[:9]
    prefix = draw(st.sampled_from(["0", "+31 ", "+31", "0031 ", "+31 (0)"]))
    sep = draw(SEPARATORS)
    cut = 1 if mobile else draw(st.sampled_from([2, 3]))
    return prefix + digits[:cut] + draw(SEPARATORS) + sep.join([digits[cut:5], digits[5:]])


WORDS = st.sampled_from(["samen", "buurt", "tuin", "bel", "mail", "met", "bij", "de", "een"])
NAMES = st.from_regex(r"[A-Z][a-z]{2,9}( [A-Z][a-z]{2,9})?", fullmatch=True)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    name=NAMES,
    email=st.emails(),
    phone=phones(),
    words=st.lists(WORDS, min_size=0, max_size=4),
    where=st.lists(st.integers(0, 4), min_size=1, max_size=5),
    kept=st.booleans(),
)
def test_nothing_personal_is_published_unless_kept(name, email, phone, words, where, kept):
    doc = plan()
    fixed = json.dumps(publish(doc, theme="groen")).lower()  # the sample's own words
    assume(all(part.lower() not in fixed for part in name.split()) and len(name.split()[0]) > 2)
    doc["participants"]["roles"][0]["names"][0] = name
    secrets = [name.split()[0], email, phone]
    filler = " ".join(words)
    placed = {}
    for n, spot in enumerate(where):
        secret = secrets[n % 3]
        text = f"{filler} {secret} {filler}".strip()
        if spot == 0:
            doc["initiative"]["question"], key = text, "question"
        elif spot == 1:
            _dream_card(doc)["text"], key = text, "dream.0"
        elif spot == 2:
            _plan_block(doc)["steps"][0]["what"], key = text, "path.0.what"
        elif spot == 3:
            _plan_block(doc)["steps"][1]["partners"] = [text]
            key = "path.1.partners.0"
        else:
            _vote_block(doc)["chosen"][0]["text"], key = text, "ideas.0"
        placed[key] = text
    flagged = {t.key for t in preview(doc).texts if t.flags}
    assert set(placed) <= flagged
    document = {**publish(doc, theme="groen"), "id": "x"}
    published = json.dumps(document, ensure_ascii=False)
    entry = open_data.entry_of(document, url="u", source="", licence="CC-BY-4.0", published="2026-03-12")
    export = open_data.export_document([entry], {"entries": 1, "local": 1, "imported": 0}, source="s")
    files = open_data.render_json(export).decode() + open_data.render_csv(export).decode()
    for secret in secrets:
        assert secret not in published and secret not in files
    if kept:  # the facilitator kept one text on purpose: that one (only) is published
        key, text = next(iter(placed.items()))
        published = json.dumps(publish(doc, theme="groen", edits={key: {"text": text, "keep": True}}))
        assert json.dumps(text)[1:-1] in published


def _blocks(doc, kind):
    return [b for s in doc["sections"] for b in s["blocks"] if b["type"] == kind]


def _plan_block(doc):
    return _blocks(doc, "plan")[0]


def _vote_block(doc):
    return _blocks(doc, "vote")[0]


def _dream_card(doc):
    section = next(s for s in doc["sections"] if s["id"] == "droombeeld")
    return section["blocks"][0]["groups"][0]["cards"][0]
