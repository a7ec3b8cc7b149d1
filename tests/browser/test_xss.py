"""Hostile text is inert on every screen. A corpus of payloads (tests/browser/xss_payloads.txt:
script tags, event handlers, javascript: URLs, CSS and template injection, bidi overrides,
very long words, emoji, entities …) goes in as names, introductions, cards, ideas, plan
steps and words. Projector, console and phone run with the Content-Security-Policy switched
off (bypass_csp), so any markup that slipped through would really run: no dialog may open,
no payload may set window.__xss, no element may be injected, and every text must be shown
literally, exactly as the server stored it."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.support.crowd import DESK, PHONE, WALL, Crowd, advance, end_game, new_session
from tests.support.wall import wait_for_wall_total, wall_texts

pytestmark = [pytest.mark.browser, pytest.mark.server]

PAYLOADS = [
    line
    for line in (Path(__file__).parent / "xss_payloads.txt").read_text(encoding="utf-8").splitlines()
    if line.strip()
]
ROLES = ["inwoner", "ambtenaar", "bestuurder", "professional", "ondernemer", "anders"]

# Elements and attributes a payload would bring if any text were parsed as markup.
INJECTED = """() => document.querySelectorAll([
  '[onerror]', '[onload]', '[onclick]', '[onmouseover]', '[onfocus]', '[ontoggle]', '[onstart]',
  'iframe', 'object', 'embed', 'marquee', 'video', 'audio', 'math', 'template', 'noscript', 'base',
  'meta[http-equiv]', 'main svg', 'main script', 'main style', 'main link', 'img[src="x"]', 'main b', 'main u',
  'a[href^="javascript" i]', 'form[action^="javascript" i]', 'body > script:not([src]):not([type="application/json"])',
].join(',')).length"""


def test_an_xss_corpus_is_inert_on_projector_console_and_phone(browser, server):
    assert len(PAYLOADS) >= 50, len(PAYLOADS)
    code, key = new_session(
        server,
        title="<script>window.__xss=1</script> Moestuin",
        question='<img src=x onerror="window.__xss=1"> Hoe beginnen we?',
    )
    dialogs: list[str] = []

    def open_page(options, path):
        page = browser.new_context(**options, bypass_csp=True).new_page()
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.goto(server.url + path)
        return page

    projector = open_page(WALL, f"/s/{code}/projector")
    console = open_page(DESK, f"/s/{code}/console?key={key}")
    phone = open_page(PHONE, f"/j/{code}")
    phone_name = '<img src=x onerror="window.__xss=1">'
    phone.fill("#name", phone_name)
    phone.get_by_role("button", name="Verder").click()
    phone.locator(".role-btn[value=inwoner]").click()
    expect(phone.locator(".lobby-card")).to_be_visible()
    expect(phone.locator("#me")).to_contain_text(phone_name)

    # The game takes 40 players (players.max), the phone is one: the crowd carries the
    # first payloads as names, and every payload still goes in as a card below.
    players = [{"name": p[:40], "role": ROLES[i % len(ROLES)]} for i, p in enumerate(PAYLOADS[:39])]
    crowd = Crowd(server, code, [])
    try:
        names = []
        for player in players:
            joined = server.api("POST", f"/api/sessions/{code}/participants", json=player)
            if joined.status_code == 400:  # nothing left after cleaning (e.g. only control characters)
                continue
            assert joined.status_code == 201, joined.text
            body = joined.json()
            names.append(body["participant"]["name"])
            crowd.add(body)
        assert len(names) >= 35
        pages = {"projector": projector, "console": console, "phone": phone}

        def inert(stage: str, shown: dict[str, tuple[str, list[str]]]):
            """No script ran, nothing was injected, and the texts are there literally."""
            for where, page in pages.items():
                page.wait_for_timeout(200)
                assert page.evaluate("() => window.__xss") is None, f"{stage}: a payload ran on the {where}"
                assert page.evaluate(INJECTED) == 0, f"{stage}: markup was injected on the {where}"
            assert not dialogs, f"{stage}: dialogs {dialogs}"
            for where, (selector, wanted) in shown.items():
                page = pages[where.split(":")[0]]
                expect(page.locator(selector).first).to_be_attached()
                if where.startswith("projector") and page.locator(".paged-view").count():
                    present = wall_texts(page, console, selector)  # a full wall: every page
                else:
                    present = page.eval_on_selector_all(selector, "els => els.map(e => e.textContent)")
                missing = [w for w in wanted if not any(w in text for text in present)]
                assert not missing, f"{stage}: not shown literally on {where}: {missing[:3]}"

        expect(projector.locator("#people .name-list li")).to_have_count(len(names) + 1)
        inert(
            "lobby",
            {
                "projector": ("#people .name-list li", names + [phone_name]),
                "console": ("#people .name-list li", names),
                "phone": ("#me", [phone_name]),
            },
        )

        # Introductions.
        advance(console, "Welkom en rollen", "#btn-start")
        intros = [
            crowd.call(name, "intro:set", {"round_id": "welkom", "text": PAYLOADS[i][:140]})["item"]["text"]
            for i, name in enumerate(crowd.names)
        ]
        phone.fill("#intro-text", '<svg onload="window.__xss=1">')
        phone.get_by_role("button", name="Zin opslaan").click()
        expect(phone.locator(".save-status")).to_have_text("Opgeslagen")
        expect(projector.locator(".faces-count")).to_contain_text(f"{len(intros) + 1} van de")
        inert(
            "introduce",
            {
                "projector": (".face-line", intros + ['<svg onload="window.__xss=1">']),
                "projector:names": (".face-name", names),
                "phone": (".own-intro", ['<svg onload="window.__xss=1">']),
                "console": ("#content .mod-card .mod-text", intros),
                "console:names": ("#content .mod-meta", names),
            },
        )

        # Cards.
        advance(console, "De droom")
        cards = [
            crowd.call(name, "card:add", {"round_id": "droom", "text": text[:200]})["item"]["text"]
            for i, name in enumerate(crowd.names)
            for text in PAYLOADS[i :: len(crowd.names)]
        ]
        assert len(cards) == len(PAYLOADS), "every payload is a card"
        phone.fill("#card-text", "<script>window.__xss=1</script>{{7*7}}")
        phone.get_by_role("button", name="Kaartje plaatsen").click()
        expect(phone.locator(".save-status")).to_have_text("Opgeslagen")
        wait_for_wall_total(projector, ".card", len(cards) + 1)
        inert(
            "cards",
            {
                "projector": (".card-text", cards),
                "console": (".mod-text", cards),
                "phone": (".own-card-text", ["<script>window.__xss=1</script>{{7*7}}"]),
            },
        )

        # Ideas, then the vote on them.
        for title in ("Belangen", "Rolwissel", "Kansen en drempels", "Ideeën"):
            advance(console, title)
        voters = crowd.names[:20]
        ideas = [
            crowd.call(name, "card:add", {"round_id": "ideeen", "text": PAYLOADS[-1 - i][:200]})["item"]
            for i, name in enumerate(voters)
        ]
        advance(console, "Kiezen")
        for i, name in enumerate(voters):
            crowd.call(name, "ballot:set", {"round_id": "kiezen", "card_id": ideas[i % 5]["id"], "count": 2})
        expect(phone.locator(".vote-item")).to_have_count(len(ideas))
        idea_texts = [i["text"] for i in ideas]
        inert(
            "vote",
            {
                "phone": (".vote-text", idea_texts),
                "projector": (".idea-list .idea", idea_texts),
                "console": (".bars-console .bar-text", idea_texts),
            },
        )

        # The action path.
        advance(console, "Wat breng ik in?")
        advance(console, "Actiepad")
        steps = []
        for i, name in enumerate(crowd.names[:25]):
            payload = PAYLOADS[(i * 7) % len(PAYLOADS)]
            steps.append(
                crowd.call(
                    name,
                    "step:add",
                    {
                        "round_id": "actiepad",
                        "what": payload[:200],
                        "needs": payload[:300],
                        "owner": payload[:60],
                        "partners": [payload[:60]],
                        "due": "2026-05-01",
                    },
                )["item"]
            )
        whats = [s["what"] for s in steps]
        wait_for_wall_total(projector, ".path tbody tr", len(steps))
        phone.locator(".plan-idea").first.wait_for()
        inert(
            "plan",
            {
                "projector": (".path-what", whats),
                "projector:owner": ("tbody .path-owner-col", [s["owner"] for s in steps]),
                "console": (".path-what", whats),
                "phone": (".step-what", whats),
                "phone:partners": (".step-field dd", [s["partners"][0] for s in steps]),
            },
        )

        # Words in the reflection.
        advance(console, "Samenspel")
        words = []
        for i, name in enumerate(crowd.names):
            ack = crowd.clients[name].call(
                "rating:set", {"round_id": "samenspel", "scores": {"luisteren": 1 + i % 5}, "word": PAYLOADS[i][:40]}
            )
            if ack["ok"]:
                words.append(ack["item"]["word"])
        expect(projector.locator(".rate-result")).to_be_visible()
        inert("rate", {"projector": (".word", words), "console": (".rate-words-console .mod-text", words)})

        # The end screen.
        end_game(console)
        expect(projector.locator(".ended")).to_be_visible()
        inert("end", {"projector": (".ended-step-what", whats[:1])})
    finally:
        crowd.close()
