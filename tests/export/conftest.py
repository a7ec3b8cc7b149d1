"""Fixtures for the export tests: the sample session (final and as a draft), the hostile
corpus, a full hall of 32 people, their documents and every export of them (rendered once
per test session: the PDF takes about a second)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from samenspel.config import PROJECT_ROOT
from samenspel.engine.document import build_document
from samenspel.engine.flow import Status
from samenspel.export import DOWNLOADS, render
from tests.support.hall_sample import hall_session_state
from tests.support.hostile import hostile_session_state
from tests.support.sample import NOW, sample_session_state

SCHEMA_PATH = PROJECT_ROOT / "docs" / "plan.schema.json"


@pytest.fixture(scope="session")
def schema_validator() -> Draft202012Validator:
    schema = json.loads(Path(SCHEMA_PATH).read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


@pytest.fixture(scope="session")
def sample():
    return sample_session_state()


@pytest.fixture(scope="session")
def sample_doc(sample):
    state, info = sample
    return build_document(state, info, "nl", now=NOW)


@pytest.fixture(scope="session")
def draft_doc():
    state, info = sample_session_state(status=Status.RUNNING, round_id="actiepad")
    return build_document(state, info, "nl", now=NOW)


@pytest.fixture(scope="session")
def hostile():
    return hostile_session_state()


@pytest.fixture(scope="session")
def hostile_doc(hostile):
    state, info = hostile
    return build_document(state, info, "nl", now=NOW)


@pytest.fixture(scope="session")
def exports(sample_doc):
    """Every format of the final sample plan: {fmt: bytes}."""
    return {fmt: render(sample_doc, fmt) for fmt in DOWNLOADS + ("html",)}


@pytest.fixture(scope="session")
def hostile_exports(hostile_doc):
    return {fmt: render(hostile_doc, fmt) for fmt in DOWNLOADS + ("html",)}


@pytest.fixture(scope="session")
def draft_pdf(draft_doc):
    return render(draft_doc, "pdf")


@pytest.fixture(scope="session")
def hall_docs():
    """A full hall's plan (tests/support/hall_sample.py) per language: {lang: document}."""
    state, info = hall_session_state()
    return {lang: build_document(state, info, lang, now=NOW) for lang in ("nl", "en")}


@pytest.fixture(scope="session")
def hall_exports(hall_docs):
    """Every format of the hall's plan per language: {lang: {fmt: bytes}}."""
    return {lang: {fmt: render(doc, fmt) for fmt in DOWNLOADS + ("html",)} for lang, doc in hall_docs.items()}
