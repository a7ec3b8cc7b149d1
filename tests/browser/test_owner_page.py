"""The owner's side in real browsers (issue 13). A game is played to its end over Socket.IO:
Fatima takes two steps on her phone ("Ik pak dit op"), Henk one, Joost none. At the end
Fatima's phone shows "Jouw stappen" — each step with its date, with whom and what is needed
— and her own link (text, a QR code the server draws, a copy button); Joost's shows nothing
extra. Her link opens on a 360×640 phone without JavaScript: her steps and the whole plan, a
status set with a plain form post, which her end screen then shows. In a follow-up, a step
of last time that she takes over shows where it stands. The facilitator's initiative page
sets any step's status, owner and date and revokes a link, after which that link answers "no
longer works". axe on every page; screenshots for docs/."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.support.browser import axe_problems
from tests.support.clients import LiveClient
from tests.support.crowd import Crowd, end_game, join_phone, open_console, shoot_full
from tests.support.owners import earlier_plan, follow_up, new_initiative, open_page, to_the_plan

pytestmark = [pytest.mark.browser, pytest.mark.server]

FATIMA = ["Ramen ophalen bij de bouwmarkt voor de kas", "Buren uitnodigen voor de eerste zaaidag"]
HENK = "Vergunning voor tijdelijk gebruik aanvragen"
#: with whom, and what is needed, of Fatima's first step
WITH = {"partners": ["Henk", "Buurtteam Noordpolder"], "needs": "Een aanhanger en twee sterke handen"}


def local(server, url: str) -> str:
    """An owner's link as the test's browser reaches the server."""
    return server.url + "/o/" + url.split("/o/")[1]


@pytest.fixture(scope="module")
def ended(browser, server):
    """The game played to its end; Fatima's and Joost's phones left on the end screen."""
    session = new_initiative(server)
    code = session["code"]
    console = open_console(browser, server, code, session["key"])
    sent = {"fatima": [], "joost": []}  # each phone's Socket.IO frames to the server
    fatima = join_phone(browser, server, code, "Fatima", "inwoner", watch=frames_to(sent["fatima"]))
    joost = join_phone(browser, server, code, "Joost", "ondernemer", watch=frames_to(sent["joost"]))
    crowd = Crowd(server, code, [{"name": "Henk", "role": "ambtenaar"}])
    try:
        to_the_plan(console)
        dates = {FATIMA[0]: "2026-03-20", FATIMA[1]: "", HENK: "2026-02-01"}
        for what, due in dates.items():
            more = {**({"due": due} if due else {}), **(WITH if what == FATIMA[0] else {})}
            crowd.call("Henk", "step:add", {"round_id": "actiepad", "what": what, **more})
        for what in FATIMA:
            step = fatima.locator(".step", has_text=what)
            step.get_by_role("button", name="Ik pak dit op").click()
            expect(step).to_contain_text("Jij")
        henks = next(i for i in crowd.clients["Henk"].call("sync", {})["snapshot"]["items"] if i.get("what") == HENK)
        crowd.call("Henk", "step:claim", {"id": henks["id"]})
        henk_link = crowd.call("Henk", "owner:link", {})["url"]
        for frames in sent.values():
            frames.append("-- the end --")
        end_game(console)
    finally:
        crowd.close()
    return {**session, "fatima": fatima, "joost": joost, "henk_link": local(server, henk_link), "sent": sent}


def frames_to(frames: list):
    """A page watcher that keeps every frame the page's sockets send."""
    return lambda page: page.on("websocket", lambda ws: ws.on("framesent", lambda frame: frames.append(str(frame))))


def events_since_the_end(frames: list) -> list[str]:
    """The names of the events a phone sent after the game ended (``42[…]`` frames)."""
    after = frames[frames.index("-- the end --") + 1 :]
    return [m.group(1) for f in after if (m := re.match(r'^42\d*\["([^"]+)"', f))]


def test_an_owner_keeps_their_link_and_sets_a_status_without_scripts(browser, server, ended):
    fatima, joost = ended["fatima"], ended["joost"]
    expect(fatima.locator("#view-game h1")).to_have_text("Het spel is klaar")
    own = fatima.locator(".own-steps")
    expect(own.get_by_role("heading", name="Jouw stappen")).to_be_visible()
    expect(own.locator(".own-step-list li")).to_have_count(2)
    # in the order of the path: the dated step first
    expect(own.locator(".own-step-list li").first).to_contain_text(FATIMA[0])
    first = own.locator(".own-step-list li").first
    expect(first.locator(".own-step-due")).to_have_text("Klaar op 20 maart 2026")
    expect(first.locator("dt")).to_have_text(["Met wie", "Wat is nodig"])
    expect(first.locator("dd")).to_have_text(["Henk, Buurtteam Noordpolder", WITH["needs"]])
    expect(first.locator(".status-badge")).to_have_count(0)  # a step new tonight: not started, unsaid
    expect(own.locator(".own-step-list li").nth(1)).to_have_text(FATIMA[1])
    link = own.locator(".own-link-url a")
    url = link.get_attribute("href")
    assert re.search(r"/o/[\w-]+$", url), url
    expect(link).to_have_text(url)  # the plain text link, always there
    qr = own.get_by_role("img", name="QR-code van je eigen link")
    expect(qr).to_have_attribute("src", re.compile(r"^/o/[\w-]+/qr\.svg$"))
    fatima.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=qr.element_handle())
    # copy where the browser can (localhost is a secure context; no share sheet on this Chromium)
    fatima.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server.url)
    own.get_by_role("button", name="Link kopiëren").click()
    expect(own.locator(".own-link-status")).to_have_text("De link is gekopieerd.")
    assert fatima.evaluate("navigator.clipboard.readText()") == url
    assert axe_problems(fatima, server) == [], "phone end screen with Jouw stappen"
    # the steps came with one fresh snapshot (its own_steps), not by fetching the plan rounds
    expect(own).to_have_attribute("data-steps", "2")
    sent = events_since_the_end(ended["sent"]["fatima"])
    assert "items:round" not in sent and "sync" in sent and "owner:link" in sent, sent
    shoot_full(fatima, "phone-jouw-stappen.png")
    # a phone with a share sheet (Web Share) offers it instead, after a reload too
    fatima.add_init_script("navigator.share = (data) => { window.shared = data; return Promise.resolve(); }")
    fatima.reload()
    own.get_by_role("button", name="Link bewaren").click()
    assert fatima.evaluate("window.shared") == {"title": "Jouw stappen", "url": url}
    expect(own.get_by_role("button", name="Link kopiëren")).to_have_count(0)
    assert "items:round" not in events_since_the_end(ended["sent"]["fatima"])  # the reload's snapshot had them

    # a player without steps: the end screen as it was, and no link made for them
    expect(joost.locator("#view-game h1")).to_have_text("Het spel is klaar")
    expect(joost.locator(".own-steps")).to_have_attribute("data-steps", "0")
    expect(joost.locator(".own-steps")).to_be_hidden()
    sent = events_since_the_end(ended["sent"]["joost"])
    assert "items:round" not in sent and "owner:link" not in sent and "sync" in sent, sent
    assert axe_problems(joost, server) == [], "phone end screen without steps"

    # the link on an old phone without JavaScript: her steps, the whole path, a plain form
    owner = open_page(browser, local(server, url), scripts=False)
    expect(owner.locator("h1")).to_have_text("Jouw stappen")
    mine = owner.locator(".step-own")
    expect(mine).to_have_count(2)
    path = owner.locator(".owner-plan .step-card")
    expect(path).to_have_count(3)
    expect(path.filter(has_text=HENK)).to_contain_text("Henk")
    expect(path.filter(has_text=FATIMA[1])).to_contain_text("Jij")
    expect(owner.locator(".owner-plan")).not_to_contain_text("Hoe gaat het?")  # read-only
    step = mine.filter(has_text=FATIMA[0])
    step.get_by_label("Hoe gaat het?").select_option(label="Bezig")
    step.get_by_label("Korte notitie (hoeft niet)").fill("De eerste ramen staan al klaar")
    step.get_by_role("button", name=re.compile("^Opslaan")).click()
    step = owner.locator(".step-own", has_text=FATIMA[0])
    expect(step.locator(".notice")).to_have_text("Opgeslagen.")
    expect(step.locator(".step-status")).to_have_text("Bezig")
    expect(step.locator(".step-history")).to_contain_text("Bezig: De eerste ramen staan al klaar")
    expect(owner.locator(".owner-plan .step-card", has_text=FATIMA[0]).locator(".step-status")).to_have_text("Bezig")
    assert re.search(r"saved=\d+#step-\d+$", owner.url), owner.url

    # axe needs scripts: the same page in a phone that runs them
    checked = open_page(browser, local(server, url))
    expect(checked.locator("h1")).to_have_text("Jouw stappen")
    assert axe_problems(checked, server) == [], "owner's page"
    shoot_full(checked, "owner-page.png", height=1600)

    # back on her phone's end screen, the step says where it stands now
    fatima.reload()
    expect(fatima.locator(".own-steps .own-step-list li").first.locator(".status-badge")).to_have_text("Bezig")


def test_a_follow_up_ends_with_where_each_carried_step_stands(browser, server):
    """The steps of last time come along to a follow-up: Fatima takes Karin's over in the review
    and says it is under way. Her end screen lists it with where it stands, its date, with
    whom and what is needed — on a 360×640 phone, axe clean, shot for docs/screenshots."""
    carried = {"what": "Kas bouwen met de buren", "owner": "Karin", "due": "2026-04-15", **WITH}
    code, key = follow_up(server, *earlier_plan(server, [carried]))
    fatima = join_phone(browser, server, code, "Fatima", "inwoner")
    console = LiveClient(server.url, code=code, key=key).connect()
    try:
        assert console.call("control", {"action": "start"})["ok"]
        assert console.call("control", {"action": "next"})["ok"]  # welkom → terugblik
        expect(fatima.locator(".review-what")).to_have_text(carried["what"])
        fatima.get_by_role("button", name="Ik neem het over").click()
        expect(fatima.locator(".review-facts")).to_contain_text("Fatima")
        fatima.get_by_label("Bezig").check()
        fatima.get_by_role("button", name="Opslaan", exact=True).click()
        expect(fatima.locator(".review-status .status-badge")).to_have_text("Bezig")
        assert console.call("control", {"action": "end"})["ok"]
    finally:
        console.close()
    own = fatima.locator(".own-steps")
    expect(own).to_have_attribute("data-steps", "1")
    step = own.locator(".own-step-list li")
    expect(step.locator(".own-step-what")).to_have_text(carried["what"])
    expect(step.locator(".own-step-meta .status-badge")).to_have_text("Bezig")
    expect(step.locator(".own-step-due")).to_have_text("Klaar op 15 april 2026")
    expect(step.locator("dd")).to_have_text(["Henk, Buurtteam Noordpolder", WITH["needs"]])
    box = step.bounding_box()
    assert box["x"] + box["width"] <= 360, box  # no sideways scrolling on a small phone
    assert axe_problems(fatima, server) == [], "phone end screen of a follow-up"
    shoot_full(fatima, "phone-jouw-stappen-vervolg.png")


def test_the_initiative_page_changes_steps_and_revokes_a_link(browser, server, ended):
    page = open_page(browser, f"{server.url}/i/{ended['initiative']}?key={ended['key']}", desk=True)
    expect(page.locator("h1")).to_have_text("Moestuin met kas in de Noordpolder")
    assert axe_problems(page, server) == [], "initiative page"

    # any step: status with a note, owner and date, in one plain form
    card = page.locator(".step-card", has_text=FATIMA[1])
    card.locator("summary").click()
    card.get_by_label("Status").select_option(label="Vastgelopen")
    card.get_by_label("Korte notitie (hoeft niet)").fill("Niemand heeft tijd op zaterdag")
    card.get_by_label("Trekker").fill("Yvonne")
    card.get_by_label("Klaar op").fill("2026-04-11")
    card.get_by_role("button", name=re.compile("^Opslaan")).click()
    expect(page.locator(".notice")).to_have_text("Opgeslagen.")
    card = page.locator(".step-card", has_text=FATIMA[1])
    expect(card.locator(".step-status").first).to_have_text("Vastgelopen")
    expect(card.locator(".step-meta")).to_contain_text("Trekker: Yvonne")
    expect(card.locator(".step-meta")).to_contain_text("Klaar op 11 april 2026")
    expect(card.locator(".step-history")).to_contain_text("Niemand heeft tijd op zaterdag")

    # Henk's link: listed, revoked, and then gone
    links = page.locator("#links li", has_text="Henk")
    links.get_by_role("button", name=re.compile("Link intrekken")).click()
    expect(page.locator(".notice")).to_have_text("De link is ingetrokken: hij werkt niet meer.")
    expect(page.locator("#links li", has_text="Henk")).to_contain_text("Ingetrokken")
    assert axe_problems(page, server) == [], "initiative page after changes"
    shoot_full(page, "initiative-page.png", height=1400)
    gone = open_page(browser, ended["henk_link"])
    expect(gone.locator("h1")).to_have_text("Deze link werkt niet meer")
    expect(gone.locator("main")).to_contain_text("Vraag de begeleider om een nieuwe.")
    assert axe_problems(gone, server) == [], "the gone page"
