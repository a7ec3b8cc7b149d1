"""Every round type in real browsers: one phone (Fatima) and the projector walk through the
whole default game — introduce, cards (named, per role, perspective swap, categories), vote,
plan with "ik pak dit op", rate — while a crowd from the sample play-through plays along over
Socket.IO. A second game (Wijkuitvoeringsplan) covers discuss, role-restricted, anonymous and
reveal rounds and live vote bars. Accessibility (axe-core) on the new screens, screenshots
for docs/screenshots/."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.support.browser import axe_problems, shoot
from tests.support.crowd import (
    Crowd,
    advance,
    end_game,
    join_phone,
    new_session,
    open_console,
    open_projector,
    sample,
    shoot_full,
    texts,
)

pytestmark = [pytest.mark.browser, pytest.mark.server]


def test_one_phone_and_the_projector_play_every_round_of_the_default_game(browser, server, csp_violations):
    data = sample()
    code, key = new_session(server)
    console = open_console(browser, server, code, key, csp_violations)
    projector = open_projector(browser, server, code, csp_violations)
    phone = join_phone(browser, server, code, "Fatima", "inwoner", csp_violations)
    crowd = Crowd(server, code, [p for p in data["players"] if p["name"] != "Fatima"])
    rounds = data["rounds"]
    try:
        expect(projector.locator("#people-count")).to_contain_text("12")

        # 1 introduce: one line each; the projector shows a wall of faces with role names.
        advance(console, "Welkom en rollen", "#btn-start")
        line = "Ik kook graag en heb thuis geen tuin."
        phone.fill("#intro-text", line)
        phone.get_by_role("button", name="Zin opslaan").click()
        expect(phone.locator(".save-status")).to_have_text("Opgeslagen")
        expect(phone.locator(".own-intro")).to_contain_text(line)
        for intro in rounds["welkom"]:
            if intro["by"] in crowd.players:
                crowd.call(intro["by"], "intro:set", {"round_id": "welkom", "text": intro["text"]})
        faces = projector.locator(".faces .face")
        expect(faces).to_have_count(12)
        fatima_face = faces.filter(has_text="Fatima")
        expect(fatima_face.locator(".face-line")).to_have_text(line)
        expect(fatima_face.locator(".face-role")).to_have_text("Inwoner")
        expect(faces.filter(has_text="Marloes").locator(".face-role")).to_have_text("Ambtenaar")
        expect(projector.locator(".faces-count")).to_have_text("12 van de 12 hebben hun zin geschreven")
        # A second send replaces the line.
        phone.fill("#intro-text", line + " En ik ken iedereen in de straat.")
        phone.get_by_role("button", name="Zin opslaan").click()
        expect(fatima_face.locator(".face-line")).to_contain_text("iedereen in de straat")
        expect(console.locator("#missing")).to_contain_text("Iedereen heeft meegedaan")
        shoot(projector, "projector-intro.png")

        # 2 cards, named: the card is on the wall with the author's name.
        advance(console, "De droom")
        dream = "Iedere zaterdag samen oogsten en koken in het buurthuis."
        phone.fill("#card-text", dream)
        phone.get_by_role("button", name="Kaartje plaatsen").click()
        expect(phone.locator(".save-status")).to_have_text("Opgeslagen")
        card = projector.locator(".wall .card", has_text=dream)
        expect(card.locator(".card-author")).to_have_text("Fatima")

        # 3 cards per role: the projector groups the cards under role names.
        advance(console, "Belangen")
        for entry in rounds["belangen"]:
            if entry["by"] in crowd.players:
                crowd.call(entry["by"], "card:add", {"round_id": "belangen", "text": entry["text"]})
        phone.fill("#card-text", "Een plek waar ook ouderen zonder tuin welkom zijn.")
        phone.get_by_role("button", name="Kaartje plaatsen").click()
        residents = projector.locator(".wall-group", has=projector.locator(".wall-group-title", has_text="Inwoner"))
        expect(residents).to_contain_text("ouderen zonder tuin")
        officials = projector.locator(".wall-group", has=projector.locator(".wall-group-title", has_text="Ambtenaar"))
        expect(officials).to_contain_text("tijdelijk gebruik kan vijf jaar")

        # 4 perspective swap: the phone says which role Fatima writes as (never her own), and
        # the projector files her card under that role.
        advance(console, "Rolwissel")
        expect(phone.locator(".perspective-as")).to_contain_text("Je schrijft als:")
        assumed = phone.locator(".perspective-as .role-chip").inner_text().strip()
        assert assumed and assumed != "Inwoner", assumed
        swap = "Ik moet het aan de hele raad kunnen uitleggen."
        phone.fill("#card-text", swap)
        phone.get_by_role("button", name="Kaartje plaatsen").click()
        expect(phone.locator(".save-status")).to_have_text("Opgeslagen")
        group = projector.locator(".wall-group", has=projector.locator(".wall-group-title", has_text=assumed))
        expect(group.locator(".card", has_text=swap)).to_be_visible()
        expect(group.locator(".card", has_text=swap).locator(".card-author")).to_have_text("Fatima")

        # 5 categories: the phone picks one; the projector shows kans and drempel side by side.
        advance(console, "Kansen en drempels")
        for entry in rounds["kansen-drempels"]:
            if entry["by"] in crowd.players:
                crowd.call(
                    entry["by"],
                    "card:add",
                    {"round_id": "kansen-drempels", "text": entry["text"], "category": entry["category"]},
                )
        phone.get_by_role("button", name="Kaartje plaatsen").click()
        expect(phone.locator(".save-status")).to_have_text("Schrijf eerst iets.")
        phone.fill("#card-text", "Het buurthuis heeft een keuken die we mogen gebruiken.")
        phone.get_by_role("button", name="Kaartje plaatsen").click()
        expect(phone.locator(".save-status")).to_have_text("Kies eerst een soort.")
        phone.locator(".category-option", has_text="Kans").click()
        phone.get_by_role("button", name="Kaartje plaatsen").click()
        expect(phone.locator(".save-status")).to_have_text("Opgeslagen")
        chances = projector.locator(".wall-group", has=projector.locator(".wall-group-title", has_text="Kans"))
        expect(chances).to_contain_text("keuken die we mogen gebruiken")
        obstacles = projector.locator(".wall-group", has=projector.locator(".wall-group-title", has_text="Drempel"))
        expect(obstacles).to_contain_text("Vrijwilligers haken na een jaar vaak af")

        # 6 ideas: the crowd's ideas become the ballot of the next round.
        advance(console, "Ideeën")
        ideas = {}
        for entry in rounds["ideeen"]:
            if entry["by"] in crowd.players:
                ideas[entry["id"]] = crowd.call(entry["by"], "card:add", {"round_id": "ideeen", "text": entry["text"]})[
                    "item"
                ]
        own_idea = "Een kas van oude ramen uit de buurt."
        phone.fill("#card-text", own_idea)
        phone.get_by_role("button", name="Kaartje plaatsen").click()
        expect(phone.locator(".save-status")).to_have_text("Opgeslagen")

        # 7 vote: tap gives a dot, tap again a second, once more takes them back; the cap
        # per idea and the budget hold; the projector only counts voters (tally on close).
        advance(console, "Kiezen")
        expect(phone.locator(".dots-left-text")).to_have_text("Nog 3 stippen")
        first = phone.locator(".vote-item", has_text=ideas["i1"]["text"])
        second = phone.locator(".vote-item", has_text=own_idea)
        third = phone.locator(".vote-item", has_text=ideas["i2"]["text"])
        first.locator(".vote-card").click()
        expect(phone.locator(".dots-left-text")).to_have_text("Nog 2 stippen")
        expect(phone.locator(".save-status")).to_have_text("Opgeslagen")
        first.locator(".vote-card").click()
        expect(phone.locator(".dots-left-text")).to_have_text("Nog 1 stip")
        expect(first.locator(".dot.is-on")).to_have_count(2)
        first.locator(".vote-card").click()  # at the cap: the dots come back
        expect(phone.locator(".dots-left-text")).to_have_text("Nog 3 stippen")
        expect(first.locator(".dot.is-on")).to_have_count(0)
        first.locator(".vote-card").click()
        first.locator(".vote-card").click()
        second.locator(".vote-card").click()
        expect(phone.locator(".dots-left-text")).to_have_text("Al je stippen staan")
        third.locator(".vote-card").click()
        expect(phone.locator(".save-status")).to_contain_text("Je hebt geen stippen meer")
        second.get_by_role("button", name=re.compile("Stip terugnemen")).click()
        expect(phone.locator(".dots-left-text")).to_have_text("Nog 1 stip")
        third.locator(".vote-card").click()
        expect(phone.locator(".save-status")).to_have_text("Opgeslagen")
        for ballot in rounds["kiezen"]:
            if ballot["by"] not in crowd.players:
                continue
            for idea, count in ballot["votes"].items():
                if idea in ideas:
                    crowd.call(
                        ballot["by"], "ballot:set", {"round_id": "kiezen", "card_id": ideas[idea]["id"], "count": count}
                    )
        expect(projector.locator(".vote-voters-large")).to_have_text(re.compile(r"\d+ mensen hebben gestemd"))
        expect(projector.locator(".vote-later")).to_be_visible()
        expect(projector.locator(".bar-row")).to_have_count(0)  # the count stays hidden until close
        expect(projector.locator(".idea-list .idea")).to_have_count(len(ideas) + 1)
        # The facilitator always sees the tally.
        expect(console.locator("#content-title")).to_have_text("Stemmen")
        expect(console.locator(".bars-console .bar-row").first).to_be_visible()
        # A reload keeps the ballot.
        phone.reload()
        expect(phone.locator(".dots-left-text")).to_have_text("Al je stippen staan")
        expect(phone.locator(".vote-item", has_text=ideas["i1"]["text"]).locator(".dot.is-on")).to_have_count(2)
        assert not axe_problems(phone, server), "phone vote"
        assert not axe_problems(projector, server), "projector vote"
        shoot(phone, "phone-vote.png")

        # 8 "Wat breng ik in?" is played in tests/browser/test_pledge.py; here it only passes by.
        advance(console, "Wat breng ik in?")

        # 9 plan: the chosen ideas frame the steps; a step is added with a date picker and
        # partners; a step someone else made is claimed ("Ik pak dit op").
        advance(console, "Actiepad")
        expect(projector.locator(".plan-frame-title")).to_have_text("Deze ideeën werken we uit in stappen")
        chosen = texts(projector, ".idea-chips-large .idea-chip-text")
        assert len(chosen) == 3, chosen
        steps = {}
        for n, step in enumerate(rounds["actiepad"]):
            idea = ideas.get(step["idea"])
            payload = {
                "round_id": "actiepad",
                "what": step["what"],
                "partners": step["partners"],
                "due": step["due"],
                "needs": step["needs"],
                **({"owner": step["owner"]} if n % 2 else {}),
            }
            if idea and idea["text"] in chosen:
                payload["idea"] = idea["id"]
            by = step["owner"] if step["owner"] in crowd.players else "Henk"
            steps[step["what"]] = crowd.call(by, "step:add", payload)["item"]
        section = phone.locator(".plan-idea", has=phone.locator(".plan-idea-title", has_text=chosen[0]))
        section.get_by_role("button", name="Stap toevoegen").click()
        phone.get_by_label("Wat gaan we doen?").fill("Ramen ophalen bij de bouwmarkt")
        phone.get_by_label("Wie helpt mee? (partners)").fill("Bram, Joost")
        phone.get_by_label("Wanneer is het klaar?").fill("2026-03-20")
        phone.get_by_label("Wat is er nodig?").fill("Een aanhanger")
        phone.get_by_role("button", name="Opslaan").click()
        # the pending copy ("Versturen…") may linger a moment when the broadcast beats the ack
        mine = phone.locator(".step:not(.is-pending)", has_text="Ramen ophalen bij de bouwmarkt")
        expect(mine).to_contain_text("Bram, Joost")
        expect(mine).to_contain_text("20 maart 2026")
        row = projector.locator(".path tbody tr", has_text="Ramen ophalen")
        expect(row).to_contain_text("Bram, Joost")
        expect(row).to_contain_text("nog niemand")
        mine.get_by_role("button", name="Ik pak dit op").click()
        expect(mine).to_contain_text("Jij")
        expect(row).to_contain_text("Fatima")
        # Sorted by date: the earliest date first.
        dates = texts(projector, ".path tbody .path-due-col")
        assert dates[0] == "20 maart 2026", dates
        assert not axe_problems(phone, server), "phone plan"
        assert not axe_problems(projector, server), "projector plan"
        shoot_full(phone, "phone-plan.png")
        shoot(projector, "projector-plan.png")

        # 10 rate: 1–5 as big buttons per item, and one word; averages and words on the wall.
        advance(console, "Samenspel")
        for label, score in (
            ("We luisterden naar elkaar", "5"),
            ("Ik vertrouw de anderen", "4"),
            ("Het plan is van ons samen", "4"),
            ("Het is duidelijk wie wat doet", "3"),
        ):
            phone.locator(".rate-item", has_text=label).locator(".rate-option", has_text=score).click()
        expect(phone.locator(".save-status")).to_have_text("Opgeslagen")
        phone.fill("#rate-word", "hoopvol")
        phone.get_by_role("button", name="Opslaan").click()
        expect(phone.locator(".save-status")).to_have_text("Opgeslagen")
        for rating in rounds["samenspel"]:
            if rating["by"] in crowd.players:
                crowd.call(
                    rating["by"],
                    "rating:set",
                    {"round_id": "samenspel", "scores": rating["scores"], "word": rating["word"]},
                )
        expect(projector.locator(".vote-voters")).to_have_text(re.compile(r"\d+ mensen hebben gereageerd"))
        listening = projector.locator(".rate-bars .bar-row", has_text="We luisterden naar elkaar")
        expect(listening.locator(".bar-value")).to_contain_text(",")
        expect(projector.locator(".words")).to_contain_text("hoopvol")
        phone.reload()  # the rating survives a reload
        expect(
            phone.locator(".rate-item", has_text="Ik vertrouw de anderen").locator("input[value='4']")
        ).to_be_checked()
        expect(phone.locator("#rate-word")).to_have_value("hoopvol")
        assert not axe_problems(phone, server), "phone rate"
        assert not axe_problems(projector, server), "projector rate"
        shoot_full(phone, "phone-rate.png")
        shoot(projector, "projector-rate.png")

        # The end: the phone links to the plan; the projector sums the plan up with a QR code.
        end_game(console)
        expect(phone.locator("#view-game h1")).to_have_text("Het spel is klaar")
        expect(phone.get_by_role("link", name="Bekijk het plan")).to_have_attribute("href", f"/s/{code}/plan")
        expect(projector.locator(".ended-ideas li")).to_have_count(3)
        expect(projector.locator(".ended-steps")).to_contain_text("Ramen ophalen bij de bouwmarkt")
        expect(projector.locator(".ended-qr img")).to_have_attribute("src", f"/s/{code}/plan-qr.svg")
        assert server.api("GET", f"/s/{code}/plan-qr.svg").status_code == 200
        expect(console.locator("#plan-link")).to_have_attribute("href", re.compile(rf"/s/{code}/plan\?key="))
        assert not axe_problems(projector, server), "projector end"
        shoot(projector, "projector-end.png")
        assert not csp_violations.found, csp_violations.found
    finally:
        crowd.close()


def test_discuss_roles_anonymous_reveal_and_live_bars(browser, server, csp_violations):
    """Wijkuitvoeringsplan: a round only some roles write in, a discuss round (prompt and
    timer only), an anonymous round, a round shown on reveal (R on the console), live bars."""
    code, key = new_session(server, "wijkuitvoeringsplan", "Warme Zeestraat", "Hoe maken we onze straat aardgasvrij?")
    console = open_console(browser, server, code, key, csp_violations)
    projector = open_projector(browser, server, code, csp_violations)
    phone = join_phone(browser, server, code, "Noor", "huurder", csp_violations)
    crowd = Crowd(
        server,
        code,
        [
            {"name": "Ahmed", "role": "bewoner"},
            {"name": "Ria", "role": "netbeheerder"},
            {"name": "Daan", "role": "gemeente"},
            {"name": "Lotte", "role": "woningcorporatie"},
        ],
    )
    try:
        advance(console, "Welkom", "#btn-start")
        advance(console, "Zo wonen we nu")
        # Only residents and tenants write; the console expects only them.
        crowd.call("Ahmed", "card:add", {"round_id": "warmte-nu", "text": "Mijn huis is koud en de rekening hoog."})
        expect(console.locator("#missing")).to_contain_text("Noor")
        expect(console.locator("#missing")).not_to_contain_text("Ria")

        advance(console, "De opties op een rij")
        expect(phone.locator(".listen")).to_be_visible()
        expect(phone.locator(".prompt")).to_contain_text("warmte-opties")
        expect(phone.locator(".round .countdown")).to_have_text(re.compile(r"1[45]:\d\d"))
        expect(projector.locator(".discuss-text")).to_have_text("Hoe maken we onze straat aardgasvrij?")
        expect(projector.locator("#countdown")).to_be_visible()
        expect(console.locator("#missing-title")).to_be_hidden()

        advance(console, "Opties wegen")
        advance(console, "Betaalbaarheid")
        # Anonymous: the phone still knows its own card; nobody sees a name.
        expect(phone.locator(".round-note")).to_contain_text("anoniem")
        phone.locator(".category-option", has_text="Drempel").click()
        phone.fill("#card-text", "Ik huur, dus ik kan zelf niets aan het huis doen.")
        phone.get_by_role("button", name="Kaartje plaatsen").click()
        expect(phone.locator(".save-status")).to_have_text("Opgeslagen")
        expect(phone.locator(".own-card:not(.is-pending)")).to_contain_text("Ik huur")
        crowd.call(
            "Ahmed",
            "card:add",
            {"round_id": "betaalbaarheid", "text": "Samen inkopen maakt het goedkoper.", "category": "oplossing"},
        )
        card = projector.locator(".card", has_text="Ik huur")
        expect(card).to_be_visible()
        expect(card.locator(".card-author")).to_have_count(0)
        expect(console.locator("#missing")).to_contain_text("anoniem")
        phone.reload()
        expect(phone.locator(".own-card")).to_contain_text("Ik huur")

        advance(console, "Rolwissel")
        advance(console, "Ideeën voor de straat")
        # On reveal: face down on the projector until the facilitator presses R.
        expect(console.locator("#btn-reveal")).to_be_visible()
        phone.fill("#card-text", "Een proefhuis in de straat.")
        phone.get_by_role("button", name="Kaartje plaatsen").click()
        expect(phone.locator(".save-status")).to_have_text("Opgeslagen")
        expect(phone.locator(".own-card")).to_contain_text("Een proefhuis")
        for name, text in (
            ("Ahmed", "Samen isoleren met de hele straat."),
            ("Ria", "Eerst een warmtescan per huis."),
            ("Daan", "Een buurtwarmtenet onderzoeken."),
        ):
            crowd.call(name, "card:add", {"round_id": "ideeen", "text": text})
        expect(projector.locator(".facedown-count")).to_have_text("4 kaartjes liggen omgekeerd klaar")
        expect(projector.locator(".card-back")).to_have_count(4)
        expect(projector.locator(".wall .card")).to_have_count(0)
        assert "Een proefhuis" not in projector.content()
        # The phone's own card stays readable although the room sees it face down.
        expect(phone.locator(".own-card")).to_contain_text("Een proefhuis")
        console.locator("body").press("r")
        expect(projector.locator(".wall .card")).to_have_count(4)
        expect(projector.locator(".facedown")).to_be_hidden()
        expect(console.locator("#btn-reveal")).to_be_hidden()

        # Live bars (show_tally: live) with one dot per idea.
        advance(console, "Kiezen")
        expect(phone.locator(".vote-hint")).to_have_text(
            "Tik op een idee om er een stip op te zetten. Tik nog eens om de stip terug te nemen."
        )
        idea = phone.locator(".vote-item", has_text="Een proefhuis")
        idea.locator(".vote-card").click()
        expect(idea.locator(".dot.is-on")).to_have_count(1)
        idea.locator(".vote-card").click()  # max 1 per card: the second tap takes it back
        expect(idea.locator(".dot.is-on")).to_have_count(0)
        idea.locator(".vote-card").click()
        expect(phone.locator(".save-status")).to_have_text("Opgeslagen")
        for name, picks in (
            ("Ahmed", ["Samen isoleren", "Een proefhuis"]),
            ("Ria", ["Eerst een warmtescan", "Een proefhuis"]),
            ("Daan", ["Samen isoleren"]),
            ("Lotte", ["Samen isoleren", "Een buurtwarmtenet"]),
        ):
            snapshot = crowd.clients[name].call("sync")["snapshot"]
            cards = {i["text"]: i["id"] for i in snapshot["items"] if i["round_id"] == "ideeen"}
            for pick in picks:
                card_id = next(v for k, v in cards.items() if k.startswith(pick))
                crowd.call(name, "ballot:set", {"round_id": "kiezen", "card_id": card_id, "count": 1})
        bar = projector.locator(".bar-row", has_text="Een proefhuis")
        expect(bar.locator(".bar-value")).to_have_text("3 stippen")
        expect(projector.locator(".bar-row", has_text="Samen isoleren").locator(".bar-value")).to_have_text("3 stippen")
        expect(projector.locator(".vote-voters")).to_have_text("5 mensen hebben gestemd")
        assert not axe_problems(projector, server), "projector live bars"
        shoot(projector, "projector-vote.png")
        assert not csp_violations.found, csp_violations.found
    finally:
        crowd.close()
