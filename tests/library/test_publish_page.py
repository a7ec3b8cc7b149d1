"""The facilitator's review page before publishing (/s/<code>/publish): every text with its
flags, edits kept while the phones answer, one objection blocks, publishing lands on the
entry's page with what the facilitator chose."""

from __future__ import annotations

import re

from samenspel.engine.views import FACILITATOR, PARTICIPANT
from samenspel.services import consent, people
from samenspel.services.unit import ActorRef
from samenspel.store.sessions import find_by_code
from tests.support.initiatives import seeded_plan


def test_review_propose_object_and_publish(app, client, make_session):
    created, _ = seeded_plan(app, make_session)
    code, key = created["code"], created["key"]
    page = client.get(f"/s/{code}/publish?key={key}&lang=nl")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Kan iemand noemen:" in html and "een voornaam" in html  # Bram, Joost as partners
    assert client.get(f"/s/{code}/publish?key=wrong").status_code in (403, 404)

    form = {
        "theme": "groen",
        "municipality": "Terneuzen",
        "was.question": "Hoe beginnen we?",
        "text.question": "Hoe beginnen we met een moestuin?",
        "was.ideas.0": "Oogstmaaltijd elke maand in het buurthuis.",
        "text.ideas.0": "Oogstmaaltijd elke maand in het buurthuis.",
        "omit.ideas.0": "1",
        "was.path.1.partners.0": "Bram",
        "text.path.1.partners.0": "Tuincentrum",
    }
    done = client.post(f"/s/{code}/publish?key={key}", data=form)
    assert done.status_code == 303 and "done=1" in done.headers["Location"]
    html = client.get(f"/s/{code}/publish?key={key}&lang=nl").get_data(as_text=True)
    assert "Hoe beginnen we met een moestuin?" in html and "Nog geen antwoord: 12" in html

    ctx = app.extensions["samenspel.services"]
    with app.extensions["samenspel.db"].unit_of_work(write=False) as db:
        session_id = find_by_code(db, code).id
    consent.consent(ctx, ActorRef(session_id, PARTICIPANT, participant_id=1), {"agree": False})
    refused = client.post(f"/s/{code}/publish/confirm?key={key}")
    assert "problem=objection" in refused.headers["Location"]
    assert client.get("/bibliotheek/export.json").get_json()["entries"] == []

    consent.consent(ctx, ActorRef(session_id, PARTICIPANT, participant_id=1), {"agree": True})
    published = client.post(f"/s/{code}/publish/confirm?key={key}")
    assert published.status_code == 303 and "/bibliotheek/" in published.headers["Location"]
    entry = client.get(published.headers["Location"]).get_data(as_text=True)
    assert "Hoe beginnen we met een moestuin?" in entry and "Tuincentrum" in entry
    assert "Oogstmaaltijd" not in entry and "Bram" not in entry


def test_review_page_answers_for_someone_without_a_phone_for_the_question_it_shows(app, client, make_session):
    """The page's answer for someone without a phone names the proposal it showed: after a
    new proposal (made elsewhere, e.g. on the console's socket) it is refused, not counted."""
    created = make_session()
    code, key = created["code"], created["key"]
    ctx = app.extensions["samenspel.services"]
    with app.extensions["samenspel.db"].unit_of_work(write=False) as db:
        session_id = find_by_code(db, code).id
    wim = people.add_proxy(ctx, ActorRef(session_id, FACILITATOR), {"name": "Wim", "role": "inwoner"})
    wim_id = wim.ack["participant"]["id"]
    assert client.post(f"/s/{code}/publish?key={key}", data={"theme": "groen"}).status_code == 303
    html = client.get(f"/s/{code}/publish?key={key}&lang=nl").get_data(as_text=True)
    shown = re.search(r'name="proposal" value="([^"]+)"', html).group(1)

    consent.propose(ctx, ActorRef(session_id, FACILITATOR), {"theme": "wonen"})  # a new question meanwhile
    form = {"participant": str(wim_id), "agree": "1", "proposal": shown}
    refused = client.post(f"/s/{code}/publish/proxy?key={key}", data=form)
    assert "problem=stale" in refused.headers["Location"]
    html = client.get(refused.headers["Location"].replace("#publish", "") + "&lang=nl").get_data(as_text=True)
    assert "De vraag is veranderd" in html and "Antwoord:" not in html

    shown = re.search(r'name="proposal" value="([^"]+)"', html).group(1)
    answered = client.post(f"/s/{code}/publish/proxy?key={key}", data={**form, "proposal": shown})
    assert "done=1" in answered.headers["Location"]
    page = client.get(f"/s/{code}/publish?key={key}&lang=nl").get_data(as_text=True)
    assert "Wim (zonder telefoon) · Antwoord: ja" in page  # what the facilitator answered for him
    # each person's buttons name them for a screen reader (a list of "Eens" buttons says nothing)
    assert 'aria-label="Wim is het eens"' in page and 'aria-label="Wim is het niet eens"' in page
