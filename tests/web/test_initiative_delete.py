"""Deleting an initiative from its page: a POST with the facilitator key of any of its
sessions and the box ticked takes every session; without the tick nothing goes, a wrong key
is refused like a wrong room code; a console still open on one of its sessions is told."""

from sqlalchemy import text

from tests.support.initiatives import seeded_plan


def _count(app, table: str) -> int:
    with app.extensions["samenspel.db"].unit_of_work() as db:
        return db.execute(text(f"SELECT count(*) FROM {table}")).scalar()


def test_the_initiative_page_deletes_everything_only_when_confirmed(app, client, make_session, make_socket):
    earlier, _info = seeded_plan(app, make_session)
    answer = client.post(
        "/api/sessions", json={"game": "het-nieuwe-samenspel", "continues": earlier["code"], "key": earlier["key"]}
    )
    later = {**answer.json, "key": answer.json["facilitator_url"].split("key=")[1]}
    url = f"/i/{earlier['initiative']}"
    page = client.get(f"{url}?key={later['key']}&lang=en").get_data(as_text=True)
    assert 'name="confirm"' in page and "all 2 sessions" in page

    unconfirmed = client.post(f"{url}/delete?key={later['key']}")
    assert unconfirmed.status_code == 303 and "problem=confirm" in unconfirmed.headers["Location"]
    assert _count(app, "game_sessions") == 2
    assert client.post(f"{url}/delete?key={'x' * 43}", data={"confirm": "yes"}).status_code == 403
    assert _count(app, "game_sessions") == 2

    console = make_socket(code=later["code"], key=later["key"])
    console.get_received()
    done = client.post(f"{url}/delete?key={later['key']}", data={"confirm": "yes"})
    assert done.status_code == 200
    assert "session:deleted" in [m["name"] for m in console.get_received()]
    for table in ("initiatives", "game_sessions", "participants", "items", "actions", "owner_links"):
        assert _count(app, table) == 0, table
    assert client.get(f"{url}?key={earlier['key']}").status_code == 403
