"""The owner of carried steps gets them back in the follow-up, against the running server
with real Socket.IO clients (docs/protocol.md, *Initiatives*: joining the next session
through the link). A follow-up game whose review lets only a step's owner set its status
(``status_by: owner``): Henk took two steps on in the first session; in the follow-up
another player named Henk joins by the code, and Henk himself through his own link. Only
he sets their status, "ik pak dit op" knows him, and his phone's end screen carries them
(``own_steps``); the namesake's carries none, and Henk's earlier phone is given the same
link, which now reaches him there."""

from __future__ import annotations

import pytest

from samenspel.config import PROJECT_ROOT
from tests.support.clients import LiveClient
from tests.support.game import join
from tests.support.lifecycle import end, go_to, make_session, path, seat, steps_of

pytestmark = pytest.mark.server

REVIEW = "    mechanic: review\n    plan_section: terugblik\n    settings:\n"


@pytest.fixture
def server(start_server, tmp_path):
    """A server with the first game as shipped and a follow-up game whose review lets only a
    step's owner set its status."""
    games = PROJECT_ROOT / "game_rules"
    text = (games / "samenspel-onderweg.yaml").read_text(encoding="utf-8")
    assert REVIEW in text
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "samenspel-onderweg.yaml").write_text(text.replace(REVIEW, REVIEW + "      status_by: owner\n"))
    (rules / "het-nieuwe-samenspel.yaml").write_text((games / "het-nieuwe-samenspel.yaml").read_text("utf-8"))
    return start_server(SAMENSPEL_GAME_RULES=str(rules))


def own(client: LiveClient) -> list[str]:
    return [s["what"] for s in client.call("sync")["snapshot"]["own_steps"]]


def test_the_continuing_owner_sets_the_status_and_ends_with_their_steps(server):
    rooms, phones = [], []
    try:
        first = seat(
            make_session(server, "het-nieuwe-samenspel", title="Moestuin", question="Hoe verder?"),
            {"Henk": "ambtenaar", "Fatima": "inwoner"},
        )
        rooms.append(first)
        go_to(first, "actiepad")
        henk_before, fatima = first.phones["Henk"], first.phones["Fatima"]
        for n, (who, what, due) in enumerate(
            [
                (henk_before, "Vergunning aanvragen", "2027-03-01"),
                (henk_before, "Zaad kopen", None),
                (fatima, "Kas bouwen", "2027-04-15"),
            ]
        ):
            payload = {
                "round_id": "actiepad",
                "what": what,
                "client_id": f"continues-{n}",
                **({"due": due} if due else {}),
            }
            made = who.call("step:add", payload)
            assert made["ok"], made
            assert who.call("step:claim", {"id": made["item"]["id"]})["ok"]
        end(first)
        link = henk_before.call("owner:link")["url"]

        follow_up = make_session(server, "samenspel-onderweg", continues=first.code, key=first.key)
        rooms.append(follow_up)
        follow_up.console = LiveClient(server.url, code=follow_up.code, key=follow_up.key).connect()
        namesake = join(server, follow_up.code, "Henk", "ambtenaar")  # by the QR code: someone new
        page = server.api("GET", path(link))
        assert page.status_code == 200 and "Doe mee met de bijeenkomst van" in page.text
        joined = server.api("POST", path(link) + "/join", json={})
        assert joined.status_code == 201, joined.text
        henk = LiveClient(server.url, code=follow_up.code, token=joined.json()["token"]).connect()
        other = LiveClient(server.url, code=follow_up.code, token=namesake["token"]).connect()
        phones += [henk, other]
        me = henk.call("sync")["snapshot"]["me"]
        assert (me["name"], me["role"]) == ("Henk", "ambtenaar") and me["id"] != namesake["participant"]["id"]
        refused = other.call("steps:continue", {"participant_id": me["id"]})  # no phone can send it
        assert not refused["ok"]

        assert follow_up.console.call("control", {"action": "start"})["ok"]
        go_to(follow_up, "terugblik")
        carried = {s["what"]: s for s in steps_of(follow_up.console).values()}
        assert {carried[w]["owner_id"] for w in ("Vergunning aanvragen", "Zaad kopen")} == {me["id"]}
        permit = {"round_id": "terugblik", "step_id": carried["Vergunning aanvragen"]["id"]}
        status = {**permit, "status": "under_way", "note": "Aanvraag verstuurd"}
        refused = other.call("review:status", status)  # the same name is not the owner
        assert refused["error"]["code"] == "not_allowed", refused
        answered = henk.call("review:status", status)
        assert answered["ok"] and answered["item"]["status"] == "under_way", answered
        kas = {"round_id": "terugblik", "step_id": carried["Kas bouwen"]["id"], "status": "done"}
        assert henk.call("review:status", kas)["error"]["code"] == "not_allowed"  # Fatima's, not his

        go_to(follow_up, "actiepad")
        seeds = carried["Zaad kopen"]["id"]
        assert other.call("step:claim", {"id": seeds})["error"]["code"] == "conflict"  # it is Henk's
        assert henk.call("step:claim", {"id": seeds})["ok"]  # "ik pak dit op": his already
        end(follow_up)

        assert own(henk) == ["Vergunning aanvragen", "Zaad kopen"]
        assert own(other) == []
        assert henk_before.call("owner:link")["url"] == link  # one person, one link
        mine = server.api("GET", path(link)).text
        assert mine.count('class="step-card step-own"') == 2 and "Aanvraag verstuurd" in mine
    finally:
        for client in phones:
            client.close()
        for room in rooms:
            room.close()
