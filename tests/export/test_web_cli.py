"""The plan page, the export downloads and the ``samenspel export`` function, against a
real (SQLite) store holding the sample session."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from samenspel.cli.export import main_export
from samenspel.export import DOWNLOADS, FORMATS
from samenspel.web import plan as plan_web
from tests.support.sample import sample_session_state
from tests.support.seeding import seed


@pytest.fixture
def app(app):
    """The app with the plan blueprint (registered here until samenspel/app.py does it)."""
    if "plan" not in app.blueprints:
        app.register_blueprint(plan_web.bp)
    return app


@pytest.fixture
def stored(app, make_session):
    """The sample session in the database."""

    def store(ended: bool = True) -> dict:
        created = make_session(
            title="Moestuin met kas in de Noordpolder", question="Hoe beginnen we?", place="Terneuzen"
        )
        seed(app.extensions["samenspel.db"], created["code"], sample_session_state()[0], ended=ended)
        return created

    return store


def test_plan_page_shows_the_plan_under_the_csp(client, stored):
    created = stored()
    response = client.get(f"/s/{created['code']}/plan")
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    html = response.get_data(as_text=True)
    assert '<h1 class="doc-title" dir="auto">Moestuin met kas in de Noordpolder</h1>' in html
    assert "Tien plantenbakken op palen bouwen" in html and "Ons droombeeld" in html
    assert "Content-Security-Policy" in response.headers
    assert "<style" not in html and " style=" not in html and "<script" not in html  # nothing inline
    for name in ("plan", "plan-screen"):
        href = re.search(rf'href="(/static/css/{name}\.[0-9a-f]{{12}}\.css)"', html).group(1)  # hashed (web/assets.py)
        with client.get(href) as css:
            assert css.status_code == 200
    assert "export.pdf" not in html  # no downloads without the facilitator's key
    assert response.headers["Referrer-Policy"] == "no-referrer"


def test_plan_page_language_anonymity_and_downloads(client, stored):
    created = stored()
    code, key = created["code"], created["key"]
    english = client.get(f"/s/{code}/plan?lang=en").get_data(as_text=True)
    assert '<html lang="en">' in english and "Action path" in english
    anonymous = client.get(f"/s/{code}/plan?anonymous=1").get_data(as_text=True)
    assert "Fatima" not in anonymous and "Marloes" not in anonymous
    facilitator = client.get(f"/s/{code}/plan?key={key}").get_data(as_text=True)
    for fmt in DOWNLOADS:
        assert f"/s/{code}/export.{fmt}?key={key}" in facilitator


def test_plan_page_unknown_code(client):
    assert client.get("/s/ZZZZZZ/plan").status_code == 404


@pytest.mark.parametrize("fmt", DOWNLOADS)
def test_exports_need_the_facilitator_key(client, stored, fmt):
    created = stored()
    code = created["code"]
    assert client.get(f"/s/{code}/export.{fmt}").status_code == 403
    assert client.get(f"/s/{code}/export.{fmt}?key=wrong").status_code == 403
    response = client.get(f"/s/{code}/export.{fmt}?key={created['key']}")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == FORMATS[fmt].media_type
    disposition = response.headers["Content-Disposition"]
    assert re.fullmatch(
        rf'attachment; filename="actieplan-moestuin-met-kas-in-de-noordpolder-\d{{4}}-\d\d-\d\d\.{fmt}"', disposition
    ), disposition
    assert response.headers["Cache-Control"] == "no-store"
    assert len(response.data) > 300


def test_export_json_follows_the_schema_and_drafts_are_marked(client, stored, schema_validator):
    created = stored(ended=False)
    response = client.get(f"/s/{created['code']}/export.json?key={created['key']}&lang=en")
    document = response.json
    assert not list(schema_validator.iter_errors(document))
    assert document["status"] == "draft" and document["lang"] == "en"
    assert response.headers["Content-Disposition"].endswith('-draft.json"')
    assert len(next(s for s in document["sections"] if s["id"] == "deelnemers")["blocks"][0]["entries"]) == 12


def test_export_unknown_format_or_code(client, stored):
    created = stored()
    assert client.get(f"/s/{created['code']}/export.exe?key={created['key']}").status_code == 404
    assert client.get(f"/s/ZZZZZZ/export.pdf?key={created['key']}").status_code == 404


@pytest.fixture
def cli_env(app, monkeypatch):
    monkeypatch.setenv("SAMENSPEL_DATABASE_URL", app.config["DATABASE_URL"])
    monkeypatch.setenv("SAMENSPEL_INSTANCE_PATH", app.instance_path)
    monkeypatch.setenv("SAMENSPEL_SECRET_KEY", "test-secret")


def test_cli_writes_text_formats_to_stdout(stored, cli_env):
    code = stored()["code"]
    out, err = io.StringIO(), io.StringIO()
    assert main_export(code, "csv", None, stdout=out, stderr=err) == 0
    lines = out.getvalue().lstrip("\ufeff").splitlines()
    assert lines[0].startswith("Nr.;Klaar op;Wat") and len(lines) == 6


def test_cli_writes_binary_formats_to_a_file(stored, cli_env, tmp_path, monkeypatch):
    code = stored()["code"]
    target = tmp_path / "plan.pdf"
    assert main_export(code, "pdf", str(target), lang="en", stderr=io.StringIO()) == 0
    reader = PdfReader(str(target))
    assert "Action path" in "".join(p.extract_text() for p in reader.pages)
    monkeypatch.chdir(tmp_path)
    assert main_export(code, "docx", None, stderr=io.StringIO()) == 0
    assert [p.name for p in tmp_path.glob("actieplan-*.docx")]


def test_cli_reports_unknown_code_and_format(stored, cli_env):
    err = io.StringIO()
    assert main_export("ZZZZZZ", "pdf", None, stderr=err) == 1
    assert "no session with code" in err.getvalue()
    assert main_export("ZZZZZZ", "exe", None, stderr=err) == 2
    assert main_export("ZZZZZZ", "pdf", None, lang="fr", stderr=err) == 2
