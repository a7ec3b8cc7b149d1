"""Helpers for the browser tests of the owner's side (issue 13): a session whose initiative
is known, the console moved to the action plan round, an earlier session's plan and the
follow-up that continues it, and a step owner's own page opened on a phone — with scripts,
or as an old phone without them."""

from __future__ import annotations

from tests.support.clients import LiveClient
from tests.support.crowd import DESK, PHONE, Crowd, advance, new_session

#: the rounds of het-nieuwe-samenspel up to its action plan, as the console names them
TO_THE_PLAN = (
    "Welkom en rollen",
    "De droom",
    "Belangen",
    "Rolwissel",
    "Kansen en drempels",
    "Ideeën",
    "Kiezen",
    "Wat breng ik in?",
    "Actiepad",
)


def new_initiative(server, title: str = "Moestuin met kas in de Noordpolder") -> dict:
    """A session through the API: ``{code, key, initiative}``."""
    body = {
        "game": "het-nieuwe-samenspel",
        "title": title,
        "question": "Hoe maken we samen een moestuin met kas en speelplek aan de Schelpenstraat?",
        "place": "Buurthuis De Schakel",
    }
    created = server.api("POST", "/api/sessions", json=body).json()
    key = created["facilitator_url"].split("key=")[1]
    return {"code": created["code"], "key": key, "initiative": created["initiative"]}


def to_the_plan(console) -> None:
    """Start the game on the console and press "next" round by round up to the action plan."""
    advance(console, TO_THE_PLAN[0], "#btn-start")
    for title in TO_THE_PLAN[1:]:
        advance(console, title)


def open_page(browser, url: str, *, scripts: bool = True, desk: bool = False, watch=None):
    """A page in a context of its own: a 360×640 phone (``scripts=False``: an old phone's
    browser without JavaScript) or, with ``desk``, a laptop."""
    context = browser.new_context(**(DESK if desk else PHONE), java_script_enabled=scripts)
    page = context.new_page()
    if watch:
        watch(page)
    page.goto(url)
    return page


def earlier_plan(server, steps: list[dict]) -> tuple[str, str]:
    """A follow-up session ("samenspel-onderweg") whose plan round holds ``steps`` (Henk
    adds them), played to its end over Socket.IO: its code and facilitator key."""
    code, key = new_session(server, game="samenspel-onderweg")
    console = LiveClient(server.url, code=code, key=key).connect()
    crowd = Crowd(server, code, [{"name": "Henk", "role": "ambtenaar"}])
    try:
        assert console.call("control", {"action": "start"})["ok"]
        for _ in range(4):  # welkom → terugblik → ideeen → kiezen → actiepad
            assert console.call("control", {"action": "next"})["ok"]
        for step in steps:
            crowd.call("Henk", "step:add", {"round_id": "actiepad", **step})
        assert console.call("control", {"action": "end"})["ok"]
    finally:
        crowd.close()
        console.close()
    return code, key


def follow_up(server, code: str, key: str) -> tuple[str, str]:
    """The next session of the initiative of session ``code``: its steps come along."""
    made = server.api(
        "POST",
        "/api/sessions",
        json={"game": "samenspel-onderweg", "continues": code, "key": key, "title": "Moestuin"},
    )
    assert made.status_code == 201, made.text
    return made.json()["code"], made.json()["facilitator_url"].split("key=")[1]
