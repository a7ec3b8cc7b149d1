"""The HTML pages over plain HTTP (no browser needed): start page, join, errors, language,
and the strict-CSP rules the templates must follow (no inline scripts or styles)."""

from __future__ import annotations

import json
import re

import pytest

SCRIPT_TAG = re.compile(r"<script\b[^>]*>", re.I)


def assert_csp_clean(html: str) -> None:
    for tag in SCRIPT_TAG.findall(html):
        # data, or the import map (allowed by its hash in the CSP, samenspel/web/assets.py)
        assert " src=" in tag or re.search(r'type="(application/json|importmap)"', tag), f"inline script {tag} (CSP)"
    assert "<style" not in html.lower(), "<style> block (CSP style-src 'self')"
    assert not re.search(r"\sstyle=", html, re.I), "style attribute (CSP style-src 'self')"
    assert not re.search(r"\son[a-z]+=", html, re.I), "on* handler attribute"


def page_data(html: str) -> dict:
    match = re.search(r'<script type="application/json" id="page-data">(.*?)</script>', html, re.S)
    return json.loads(match.group(1))


def test_start_page_offers_games_in_dutch_by_default(client):
    response = client.get("/")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert '<html lang="nl"' in html
    assert "Het Nieuwe Samenspel" in html and 'name="csrf_token"' in html
    assert 'name="password"' not in html
    assert_csp_clean(html)


def test_start_page_in_english_and_the_switch_keeps_arguments(client):
    html = client.get("/?lang=en").get_data(as_text=True)
    assert '<html lang="en"' in html and "New session" in html
    assert 'href="/?lang=nl"' in html


def test_start_page_asks_the_instance_password_when_set(app, client):
    app.config["INSTANCE_PASSWORD"] = "geheim"
    assert 'name="password"' in client.get("/").get_data(as_text=True)
    form = {"game": "het-nieuwe-samenspel", "title": "Moestuin", "question": "Hoe?", "password": "fout"}
    response = client.post("/new", data=form)
    assert response.status_code == 400
    assert "Dit wachtwoord klopt niet" in response.get_data(as_text=True)
    response = client.post("/new", data={**form, "password": "geheim"})
    assert response.status_code == 303


def test_new_session_redirects_to_the_console(client):
    response = client.post(
        "/new", data={"game": "het-nieuwe-samenspel", "title": "Moestuin", "question": "Hoe beginnen we?", "place": ""}
    )
    assert response.status_code == 303
    location = response.headers["Location"]
    assert re.search(r"/s/[A-Z0-9]+/console\?key=.+", location)
    console = client.get(location)
    html = console.get_data(as_text=True)
    assert console.status_code == 200
    assert "/projector" in html and "Spel starten" in html
    assert page_data(html)["key"] == location.split("key=")[1]
    assert console.headers["Cache-Control"] == "no-store"
    assert_csp_clean(html)


@pytest.mark.parametrize(
    "form,field,message",
    [
        ({"game": "bestaat-niet", "title": "t", "question": "q"}, "game", "Kies een spel uit de lijst."),
        ({"game": "het-nieuwe-samenspel", "title": " ", "question": "q"}, "title", "korte titel"),
        ({"game": "het-nieuwe-samenspel", "title": "t", "question": ""}, "question", "Schrijf de vraag op"),
        ({"game": "het-nieuwe-samenspel", "title": "t" * 201, "question": "q"}, "title", "hoogstens 200 tekens"),
    ],
)
def test_new_session_explains_what_to_fix(client, form, field, message):
    response = client.post("/new", data=form)
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert f'id="{field}-error"' in html and message in html
    assert 'role="alert"' in html


def test_join_form_redirects_a_typed_code(client, make_session):
    assert client.get("/j").status_code == 200
    code = make_session()["code"]
    response = client.get(f"/j?code= {code.lower()} ")
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/j/{code}")


def test_phone_page_has_the_roles_and_no_inline_code(client, make_session):
    code = make_session()["code"]
    response = client.get(f"/j/{code}")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    data = page_data(html)
    assert data["code"] == code and data["join_api"] == f"/api/sessions/{code}/participants"
    assert [r["id"] for r in data["roles"]][:2] == ["inwoner", "ambtenaar"]
    assert 'class="role-btn"' in html and "Inwoner" in html
    assert_csp_clean(html)
    # as typed (a code may be digits only, so lower case alone would not differ)
    assert client.get(f"/j/{code[:3].lower()}-{code[3:]}").status_code == 302


def test_unknown_code_gets_a_friendly_404(client):
    response = client.get("/j/ZZZZZZ")
    assert response.status_code == 404
    assert "Deze code kennen we niet. Kijk nog eens op het scherm." in response.get_data(as_text=True)
    assert client.get("/s/ZZZZZZ/projector").status_code == 404
    assert client.get("/s/ZZZZZZ/console?key=x").status_code == 404


def test_console_without_the_right_key_is_refused(client, make_session):
    code = make_session()["code"]
    for url in (f"/s/{code}/console", f"/s/{code}/console?key=fout"):
        response = client.get(url)
        assert response.status_code == 403
        assert "Geen toegang" in response.get_data(as_text=True)


def test_projector_shows_code_qr_and_join_address(client, make_session):
    code = make_session()["code"]
    html = client.get(f"/s/{code}/projector").get_data(as_text=True)
    assert f">{code}<" in html and f"/s/{code}/qr.svg" in html
    assert "/j</strong>" in html and "://" not in html.split('class="join-url"')[1].split("</p>")[0]
    assert_csp_clean(html)


def test_english_strings_for_the_scripts(client, make_session):
    code = make_session()["code"]
    html = client.get(f"/j/{code}?lang=en").get_data(as_text=True)
    strings = json.loads(re.search(r'id="strings">(.*?)</script>', html, re.S).group(1))
    assert strings["saved"] == "Saved" and strings["round_of"] == "Round {n} of {total}"
    html = client.get(f"/j/{code}?lang=nl").get_data(as_text=True)
    strings = json.loads(re.search(r'id="strings">(.*?)</script>', html, re.S).group(1))
    assert strings["saved"] == "Opgeslagen"


def test_guessing_codes_on_the_pages_is_limited(app, client, make_session):
    app.config["JOIN_ATTEMPTS_PER_WINDOW"] = 3
    code = make_session()["code"]
    assert client.get(f"/j/{code}").status_code == 200  # a good code does not count
    for _ in range(3):
        assert client.get("/j/ZZZZZZ").status_code == 404
    response = client.get(f"/j/{code}")
    assert response.status_code == 429
    assert "Te vaak geprobeerd" in response.get_data(as_text=True)
