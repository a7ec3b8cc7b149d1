"""The initiative page's forms, as a browser without scripts sends them: the facilitator sets
any step's status (with a note), owner and date; a form that is not right comes back with
what to fix; an owner's link is revoked and its page then answers "no longer works"; the
forms carry the CSRF token like every form of the app. The owner's page and its QR code
(web/owner.py) in both languages, and its refusal pages with a heading of their own."""

from __future__ import annotations

import re

import pytest

from samenspel.app import create_app
from samenspel.engine import steps as step_rules
from samenspel.store import owner_links
from samenspel.store.models import GameSession, Participant
from tests.support.initiatives import seeded_plan, stored_state


@pytest.fixture
def plan(app, make_session):
    """An ended session holding the sample's plan, and an owner's link for one step's owner."""
    created, _info = seeded_plan(app, make_session)
    database = app.extensions["samenspel.db"]
    steps = sorted((i for i in stored_state(database, created["code"]).items if i.kind == "step"), key=lambda i: i.id)
    owned = next(s for s in steps if s.data.get("owner_id"))
    with database.unit_of_work() as db:
        row = db.query(GameSession).filter_by(code=created["code"]).one()
        owner = db.get(Participant, owned.data["owner_id"])
        link, token = owner_links.link_for(db, owner, row.initiative_id, app.config["SECRET_KEY"])
        link_id, owner_name = link.id, owner.name
    page = f"/i/{created['initiative']}"
    return {
        "created": created,
        "db": database,
        "steps": steps,
        "owned": owned,
        "owner": owner_name,
        "token": token,
        "link": link_id,
        "page": page,
        "key": created["key"],
    }


def stored_step(plan, step_id):
    return stored_state(plan["db"], plan["created"]["code"]).item(step_id)


def change(client, plan, step_id, **form):
    return client.post(f"{plan['page']}/steps/{step_id}?key={plan['key']}", data=form)


def test_the_page_lists_the_path_with_a_form_per_step(client, plan):
    page = client.get(f"{plan['page']}?key={plan['key']}&lang=nl")
    assert page.status_code == 200 and page.headers["Referrer-Policy"] == "same-origin"
    html = page.get_data(as_text=True)
    for step in plan["steps"]:
        assert f'action="/i/{plan["created"]["initiative"]}/steps/{step.id}?key=' in html
    assert "Actiepad" in html and "Wijzigen" in html and "Link intrekken" in html
    assert client.get(f"{plan['page']}?key=fout").status_code == 403


def test_the_facilitator_sets_any_steps_status_with_a_note(client, plan):
    others = next(s for s in plan["steps"] if s.data.get("owner_id") != plan["owned"].data["owner_id"])
    for step in (plan["owned"], others):
        answer = change(client, plan, step.id, status="stuck", note="Wacht op <de> gemeente")
        assert answer.status_code == 303
        assert answer.headers["Location"].endswith(f"done=step#step-{step.id}")
        stored = stored_step(plan, step.id)
        assert step_rules.status_of(stored.data) == "stuck"
        assert stored.data["history"][-1]["note"] == "Wacht op <de> gemeente"
    html = client.get(f"{plan['page']}?key={plan['key']}&done=step&lang=nl").get_data(as_text=True)
    assert "Opgeslagen." in html and "Vastgelopen" in html
    assert "Wacht op &lt;de&gt; gemeente" in html and "<de>" not in html  # notes are plain text


def test_the_facilitator_sets_a_steps_owner_and_date(client, plan):
    step = plan["owned"]
    answer = change(client, plan, step.id, status=step_rules.status_of(step.data), owner="Yvonne", due="2027-05-01")
    assert answer.status_code == 303 and "done=step" in answer.headers["Location"]
    stored = stored_step(plan, step.id)
    assert (stored.data["owner"], stored.data["due"]) == ("Yvonne", "2027-05-01")
    assert stored.data["owner_id"] is None  # a name typed by the facilitator: the old owner's link no longer reaches it
    html = client.get(f"{plan['page']}?key={plan['key']}&lang=nl").get_data(as_text=True)
    assert "Trekker: Yvonne" in html and "1 mei 2027" in html
    en = client.get(f"{plan['page']}?key={plan['key']}&lang=en").get_data(as_text=True)
    assert "Owner: Yvonne" in en and "1 May 2027" in en


def test_a_form_that_is_not_right_comes_back_with_what_to_fix(client, plan):
    step = plan["steps"][0]
    answer = change(client, plan, step.id, status="klaar")
    assert answer.status_code == 303 and "problem=bad_request" in answer.headers["Location"]
    answer = change(client, plan, step.id, owner=step.data.get("owner") or "", due="1 mei")
    assert "problem=bad_request" in answer.headers["Location"]
    html = client.get(answer.headers["Location"] + "&lang=nl").get_data(as_text=True)
    assert "Kijk de datum en de status na." in html
    missing = change(client, plan, 999_999, status="done")
    assert "problem=not_found" in missing.headers["Location"]
    assert "Die stap staat niet meer op het actiepad." in client.get(missing.headers["Location"] + "&lang=nl").get_data(
        as_text=True
    )
    assert change(client, {**plan, "key": "fout"}, step.id, status="done").status_code == 403
    assert step_rules.status_of(stored_step(plan, step.id).data) == step_rules.status_of(step.data)


def test_a_revoked_link_answers_the_gone_page(client, plan):
    assert client.get(f"/o/{plan['token']}").status_code == 200
    html = client.get(f"{plan['page']}?key={plan['key']}&lang=nl").get_data(as_text=True)
    revoke = f"/i/{plan['created']['initiative']}/links/{plan['link']}/revoke?key={plan['key']}"
    assert f'action="{revoke}"' in html and plan["owner"] in html
    answer = client.post(revoke)
    assert answer.status_code == 303 and answer.headers["Location"].endswith("done=revoked#links")
    html = client.get(answer.headers["Location"].split("#")[0] + "&lang=nl").get_data(as_text=True)
    assert "De link is ingetrokken: hij werkt niet meer." in html and "Ingetrokken" in html
    assert f'action="{revoke}"' not in html
    gone = client.get(f"/o/{plan['token']}?lang=nl")
    assert gone.status_code == 410 and gone.headers["Cache-Control"] == "no-store"
    text = gone.get_data(as_text=True)
    assert "<h1" in text and "Deze link werkt niet meer</h1>" in text and "Vraag de begeleider om een nieuwe." in text
    assert client.get(f"/o/{plan['token']}/qr.svg").status_code == 410
    english = client.get(f"/o/{plan['token']}?lang=en").get_data(as_text=True)
    assert "This link no longer works</h1>" in english


def test_the_owners_page_and_its_qr_code(client, plan):
    html = client.get(f"/o/{plan['token']}?lang=nl").get_data(as_text=True)
    assert "Jouw stappen" in html and "Het hele actiepad" in html and plan["owned"].data["what"] in html
    assert f"Hallo {plan['owner']}." in html and "Hoe gaat het?" in html
    english = client.get(f"/o/{plan['token']}?lang=en").get_data(as_text=True)
    assert "Your steps" in english and "The whole action path" in english and "How is it going?" in english
    qr = client.get(f"/o/{plan['token']}/qr.svg")
    assert qr.status_code == 200 and qr.mimetype == "image/svg+xml" and b"<svg" in qr.data
    assert qr.headers["Cache-Control"] == "no-store" and qr.headers["Referrer-Policy"] == "no-referrer"
    guessed = client.get(f"/o/{'A' * len(plan['token'])}/qr.svg?lang=nl")
    assert guessed.status_code == 404 and "Deze link kennen we niet" in guessed.get_data(as_text=True)


def test_the_forms_carry_the_csrf_token(tmp_path, make_session):
    """With CSRF protection on (as served), the page's own form goes through; a bare post does not."""
    app = create_app(
        {
            "INSTANCE_PATH": str(tmp_path / "csrf"),
            "DATABASE_URL": f"sqlite:///{tmp_path / 'csrf.sqlite3'}",
            "ASYNC_MODE": "threading",
            "SECRET_KEY": "test-secret",
        }
    )
    try:
        client = app.test_client()
        created = client.post("/api/sessions", json={"game": "het-nieuwe-samenspel", "title": "T", "question": "Q"})
        initiative, key = created.json["initiative"], created.json["facilitator_url"].split("key=")[1]
        page = client.get(f"/i/{initiative}?key={key}").get_data(as_text=True)
        token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
        action = f"/i/{initiative}/continue?key={key}"
        assert client.post(action, data={"game": "het-nieuwe-samenspel"}).status_code == 400
        followed = client.post(action, data={"game": "het-nieuwe-samenspel", "csrf_token": token})
        assert followed.status_code == 303 and "/console?key=" in followed.headers["Location"]
    finally:
        app.extensions["samenspel.db"].dispose()
