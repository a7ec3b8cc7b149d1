"""Helpers for the browser tests of the owner's side (issue 13): a session whose initiative
is known, the console moved to the action plan round, and a step owner's own page opened on
a phone — with scripts, or as an old phone without them."""

from __future__ import annotations

from tests.support.crowd import DESK, PHONE, advance

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
