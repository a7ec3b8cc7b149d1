"""``POST /api/sessions`` with ``continues``: the new session joins the earlier session's
initiative, its plan round gets the earlier plan's steps with their status and history,
logged so that a replay rebuilds them; a wrong key or code is refused and counts."""

from samenspel.engine import steps as step_rules
from samenspel.services import steps
from samenspel.services.context import KEY
from samenspel.store.models import GameSession
from tests.support.initiatives import seeded_plan, stored_and_replayed


def _steps(state):
    return sorted((i for i in state.items if i.kind == "step"), key=lambda i: i.id)


def test_a_follow_up_joins_the_initiative_and_imports_the_steps(app, client, make_session):
    earlier, _info = seeded_plan(app, make_session)
    database, ctx = app.extensions["samenspel.db"], app.extensions[KEY]
    before, _ = stored_and_replayed(database, earlier["code"])
    first = _steps(before)[0]
    with app.test_request_context():
        steps.set_status(ctx, _session_id(database, earlier["code"]), first.id, "stuck", "wachten op <vergunning>")

    response = client.post(
        "/api/sessions", json={"game": "het-nieuwe-samenspel", "continues": earlier["code"], "key": earlier["key"]}
    )
    assert response.status_code == 201, response.json
    follow_up = response.json
    assert follow_up["initiative"] == earlier["initiative"]
    stored, replayed = stored_and_replayed(database, follow_up["code"])
    imported = _steps(stored)
    assert len(imported) == len(_steps(before))
    assert {i.data["origin"] for i in imported} == {s.id for s in _steps(before)}
    carried = next(i for i in imported if i.data["origin"] == first.id)
    assert carried.data["status"] == "stuck"
    assert [(h["status"], h["note"]) for h in carried.data["history"]] == [("stuck", "wachten op <vergunning>")]
    assert carried.round_id == "actiepad" and carried.data["what"] == first.data["what"]
    assert all(step_rules.status_of(i.data) in step_rules.STATUSES for i in imported)
    assert _steps(replayed) == imported  # logged: the replay rebuilds the imported steps
    # title, question and place come from the initiative when not given
    with database.unit_of_work() as db:
        row = db.query(GameSession).filter_by(code=follow_up["code"]).one()
        assert (row.title, row.question) == ("Moestuin", "Hoe beginnen we?")


def test_without_continues_a_session_is_a_new_initiative(make_session):
    one, two = make_session(), make_session()
    assert one["initiative"] != two["initiative"]


def test_a_wrong_key_or_code_is_refused_and_counts(app, client, make_session):
    earlier = make_session()
    answer = client.post("/api/sessions", json={"game": "het-nieuwe-samenspel", "continues": earlier["code"]})
    assert answer.status_code == 403 and answer.json["error"]["code"] == "bad_key"
    answer = client.post(
        "/api/sessions", json={"game": "het-nieuwe-samenspel", "continues": earlier["code"], "key": "x" * 32}
    )
    assert answer.status_code == 403
    answer = client.post(
        "/api/sessions", json={"game": "het-nieuwe-samenspel", "continues": "ZZZZZZ", "key": earlier["key"]}
    )
    assert answer.status_code == 404 and answer.json["error"]["code"] == "unknown_session"
    app.config["JOIN_ATTEMPTS_PER_WINDOW"] = 3
    answer = client.post(
        "/api/sessions", json={"game": "het-nieuwe-samenspel", "continues": earlier["code"], "key": earlier["key"]}
    )
    assert answer.status_code == 429  # three wrong tries: this address waits


def _session_id(database, code):
    with database.unit_of_work() as db:
        return db.query(GameSession).filter_by(code=code).one().id
