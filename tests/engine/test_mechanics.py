"""Vote, plan, rate and introduce, and the facilitator's moderation: each decided by the
engine from plain data."""

from dataclasses import replace
from types import MappingProxyType

import pytest

from samenspel.engine.actions import moderate
from samenspel.engine.errors import Rejected
from samenspel.engine.flow import Flow, Status
from samenspel.engine.mechanics import mechanic_for
from samenspel.engine.mechanics.vote import chosen, tally
from samenspel.engine.perspectives import assign, swappable
from samenspel.engine.state import FACILITATOR_PLAYER, Create, Item, Player, Turn, Update
from samenspel.engine.views import FACILITATOR, PARTICIPANT, VIEWER, Viewer, item_view, summary
from tests.support.factories import FATIMA, HENK, card, default_game, session_at

VOTE, PLAN, RATE, INTRO = (mechanic_for(k) for k in ("vote", "plan", "rate", "introduce"))
IDEAS = [card(i, FATIMA if i % 2 else HENK, f"idee {i}", round_id="ideeen") for i in range(1, 6)]


def ballot(item_id, author, votes):
    return Item(
        item_id, "kiezen", "ballot", author.id, MappingProxyType({"votes": {str(k): v for k, v in votes.items()}})
    )


def vote_turn(actor=FATIMA, ballots=(), round_id="kiezen", status=Status.RUNNING):
    session = session_at(round_id, items=[*IDEAS, *ballots], status=status)
    return Turn(session, session.game.round("kiezen"), actor)


def apply(turn, change):
    """Apply a change to the turn's session, as the store would."""
    items = list(turn.session.items)
    if isinstance(change, Create):
        items.append(
            Item(1000 + len(items), turn.round.id, change.kind, turn.actor.id, MappingProxyType(dict(change.data)))
        )
    else:
        items = [
            Item(i.id, i.round_id, i.kind, i.author_id, MappingProxyType(dict(change.data)))
            if i.id == change.item_id
            else i
            for i in items
        ]
    session = type(turn.session)(turn.session.game, turn.session.flow, turn.session.players, tuple(items))
    return Turn(session, turn.round, turn.actor)


def test_votes_respect_budget_and_cap_and_can_be_taken_back():
    t = vote_turn()
    t = apply(t, VOTE.handle(t, "set", {"card_id": 1, "count": 2}))
    with pytest.raises(Rejected) as error:
        VOTE.handle(t, "set", {"card_id": 1, "count": 3})
    assert error.value.code == "bad_request", "max 2 on one card"
    t = apply(t, VOTE.handle(t, "set", {"card_id": 2, "count": 1}))
    with pytest.raises(Rejected) as error:
        VOTE.handle(t, "set", {"card_id": 3, "count": 1})
    assert error.value.code == "limit_reached", "3 dots in all"
    t = apply(t, VOTE.handle(t, "set", {"card_id": 1, "count": 0}))
    assert dict(t.own("ballot")[0].data["votes"]) == {"2": 1}
    assert isinstance(VOTE.handle(t, "set", {"card_id": 3, "count": 2}), Update)


def test_votes_only_on_visible_cards_of_the_source_round():
    hidden = Item(9, "ideeen", "card", HENK.id, MappingProxyType({"text": "weg"}), hidden=True)
    session = session_at("kiezen", items=[*IDEAS, hidden, card(10, HENK, "droom", round_id="droom")])
    t = Turn(session, session.game.round("kiezen"), FATIMA)
    for card_id in (9, 10, 99):
        with pytest.raises(Rejected) as error:
            VOTE.handle(t, "set", {"card_id": card_id, "count": 1})
        assert error.value.code == "not_found"


def test_tally_hidden_until_close_and_top_n_carried_forward():
    ballots = [ballot(101, FATIMA, {1: 2, 2: 1}), ballot(102, HENK, {2: 2, 3: 1})]
    running = vote_turn(ballots=ballots).session
    rnd = running.game.round("kiezen")
    assert tally(running, rnd) == {1: 2, 2: 3, 3: 1}
    public = summary("kiezen", Viewer(VIEWER), running)
    assert "tally" not in public and public["voters"] == 2 and not public["closed"]
    assert summary("kiezen", Viewer(FACILITATOR), running)["tally"] == {"1": 2, "2": 3, "3": 1}
    later = session_at("actiepad", items=[*IDEAS, *ballots])
    closed = summary("kiezen", Viewer(VIEWER), later)
    assert closed["closed"] and closed["chosen"] == [2, 1, 3]
    assert chosen(later, rnd) == [2, 1, 3]


def test_ballots_are_private_to_their_voter():
    session = vote_turn(ballots=[ballot(101, FATIMA, {1: 1})]).session
    item = session.items[-1]
    assert item_view(item, Viewer(PARTICIPANT, FATIMA), session)["votes"] == {"1": 1}
    assert item_view(item, Viewer(PARTICIPANT, HENK), session) is None
    assert item_view(item, Viewer(VIEWER), session) is None


def plan_turn(actor=FATIMA, steps=()):
    ballots = [ballot(101, FATIMA, {1: 2}), ballot(102, HENK, {2: 1})]
    session = session_at("actiepad", items=[*IDEAS, *ballots, *steps])
    return Turn(session, session.game.round("actiepad"), actor)


def test_plan_steps_for_chosen_ideas_with_owner_partners_and_date():
    t = plan_turn()
    assert [i["id"] for i in PLAN.summary(t.round, t.session, Viewer(VIEWER))["ideas"]] == [1, 2]
    change = PLAN.handle(
        t, "add", {"what": "Bakken bouwen", "idea": 1, "partners": "Bram, Joost", "due": "2026-04-15", "needs": "Hout"}
    )
    assert change.data["partners"] == ["Bram", "Joost"] and change.data["due"] == "2026-04-15"
    t = apply(t, change)
    step_id = t.items[-1].id
    claimed = PLAN.handle(Turn(t.session, t.round, HENK), "claim", {"id": step_id})
    assert claimed.data["owner"] == "Henk" and claimed.data["owner_id"] == HENK.id
    edited = PLAN.handle(Turn(t.session, t.round, HENK), "edit", {"id": step_id, "what": "Tien bakken"})
    assert edited.data["what"] == "Tien bakken", "the plan is shared: anyone edits any step"
    with pytest.raises(Rejected):
        PLAN.handle(Turn(t.session, t.round, HENK), "delete", {"id": step_id})


@pytest.mark.parametrize("author", [FATIMA.id, HENK.id, None])
@pytest.mark.parametrize("owner", [None, FATIMA.id, HENK.id])
def test_every_copy_of_a_step_names_exactly_who_delete_would_accept(author, owner):
    """One rule (plan.remover) for the phone's "Weghalen" and the server's delete: the
    author, while nobody else has taken the step on; every viewer's copy says the same."""
    data = {"what": "Zaad kopen", "owner": "x" if owner else "", "owner_id": owner, "partners": [], "idea": None}
    step = Item(500, "actiepad", "step", author, MappingProxyType(data))
    for actor in (FATIMA, HENK):
        t = plan_turn(actor, steps=[step])
        copies = {
            item_view(step, viewer, t.session)["removable_by"]
            for viewer in (Viewer(PARTICIPANT, FATIMA), Viewer(PARTICIPANT, HENK), Viewer(VIEWER), Viewer(FACILITATOR))
        }
        assert len(copies) == 1, copies
        try:
            PLAN.handle(t, "delete", {"id": 500})
            accepted = True
        except Rejected as refused:
            assert refused.code == "not_allowed"
            accepted = False
        assert accepted == (copies == {actor.id}), (author, owner, actor)
    # the author may remove an unclaimed or self-claimed step, never one someone else took on
    expected = author if author is not None and owner in (None, author) else None
    assert copies == {expected}


@pytest.mark.parametrize(
    "payload,code",
    [
        ({"what": ""}, "empty"),
        ({"what": "x", "idea": 77}, "not_found"),
        ({"what": "x", "due": "15-04-2026"}, "bad_request"),
        ({"what": "x", "due": 20260415}, "bad_request"),
        ({"what": "x", "partners": [1] * 13}, "bad_request"),
    ],
)
def test_plan_rejects_bad_steps(payload, code):
    with pytest.raises(Rejected) as error:
        PLAN.handle(plan_turn(), "add", payload)
    assert error.value.code == code


def test_rating_scores_and_word_with_public_averages():
    session = session_at("samenspel")
    t = Turn(session, session.game.round("samenspel"), FATIMA)
    t = apply(t, RATE.handle(t, "set", {"scores": {"luisteren": 5}}))
    t = apply(t, RATE.handle(t, "set", {"scores": {"vertrouwen": 3}, "word": "hoopvol"}))
    assert dict(t.own("rating")[0].data) == {"scores": {"luisteren": 5, "vertrouwen": 3}, "word": "hoopvol"}
    henk = Turn(t.session, t.round, HENK)
    t = apply(henk, RATE.handle(henk, "set", {"scores": {"luisteren": 4}}))
    public = RATE.summary(t.round, t.session, Viewer(VIEWER))
    assert public["averages"]["luisteren"] == {"average": 4.5, "count": 2}
    assert public["words"] == ["hoopvol"] and public["respondents"] == 2
    for bad in (
        {"scores": {"luisteren": 6}},
        {"scores": {"luisteren": True}},
        {"scores": {"onbekend": 3}},
        {"scores": []},
    ):
        with pytest.raises(Rejected):
            RATE.handle(t, "set", bad)


def test_one_introduction_per_player():
    session = session_at("welkom")
    t = Turn(session, session.game.round("welkom"), FATIMA)
    first = INTRO.handle(t, "set", {"text": "Ik kook graag"})
    assert first == Create("intro", {"text": "Ik kook graag"})
    assert isinstance(INTRO.handle(apply(t, first), "set", {"text": "Ik kook en tuinier"}), Update)


def test_moderation_hide_edit_move_merge():
    items = [
        card(1, FATIMA, "Buurtbudget", round_id="kansen-drempels", category="kans"),
        card(2, HENK, "Buurtbudget 2026", round_id="kansen-drempels", category="kans"),
    ]
    session = session_at("kansen-drempels", items=items)
    assert moderate(session, {"action": "hide", "id": 1})[0].hidden is True
    assert moderate(session, {"action": "edit", "id": 1, "text": "Buurtbudget!"})[0].data["text"] == "Buurtbudget!"
    assert moderate(session, {"action": "move", "id": 1, "category": "drempel"})[0].data["category"] == "drempel"
    source, target = moderate(session, {"action": "merge", "id": 2, "into": 1})
    assert source.hidden and source.data["merged_into"] == 1 and target.data["merged_from"] == [2]
    for bad in (
        {"action": "merge", "id": 1, "into": 1},
        {"action": "move", "id": 1, "category": "x"},
        {"action": "explode", "id": 1},
        {"action": "hide", "id": 77},
    ):
        with pytest.raises(Rejected):
            moderate(session, bad)


def test_moderation_belongs_to_the_mechanic_of_the_items_round():
    # a card: the cards mechanic's five actions; an introduction: hide and show only; a
    # rating: hide and show its word; a ballot is not moderated
    intro = Item(3, "welkom", "intro", FATIMA.id, MappingProxyType({"text": "Ik kook graag"}))
    ballot = Item(4, "kiezen", "ballot", FATIMA.id, MappingProxyType({"votes": {"1": 1}}))
    rating = Item(5, "samenspel", "rating", FATIMA.id, MappingProxyType({"scores": {"luisteren": 2}, "word": "Saai"}))
    items = [card(1, FATIMA, "Buurtbudget", round_id="kansen-drempels"), intro, ballot, rating]
    session = session_at("kansen-drempels", items=items)
    assert moderate(session, {"action": "hide", "id": 1})[0].hidden is True
    assert moderate(session, {"action": "hide", "id": 3})[0].hidden is True
    assert moderate(session, {"action": "show", "id": 3})[0].hidden is False
    hidden_word = moderate(session, {"action": "hide", "id": 5})[0]
    assert hidden_word.hidden is None and dict(hidden_word.data) == {**rating.data, "word_hidden": True}
    assert "word_hidden" not in moderate(session, {"action": "show", "id": 5})[0].data
    for item_id, action in ((3, "edit"), (3, "merge"), (5, "edit")):
        with pytest.raises(Rejected) as refused:
            moderate(session, {"action": action, "id": item_id, "text": "x", "into": 1})
        assert refused.value.code == "bad_request"
    with pytest.raises(Rejected) as refused:
        moderate(session, {"action": "hide", "id": 4})
    assert refused.value.code == "not_allowed"
    for bad_id in (True, "1", 2**63, None):
        with pytest.raises(Rejected) as refused:
            moderate(session, {"action": "hide", "id": bad_id})
        assert refused.value.code == "bad_request"


def test_perspectives_are_spread_fairly_and_never_your_own_role():
    game_roles = default_game().roles
    roles = swappable(game_roles)
    players = [Player(i, f"p{i}", roles[i % 3]) for i in range(1, 31)]
    assigned = assign(players, game_roles)
    assert all(assigned[p.id] != p.role for p in players)
    counts = [list(assigned.values()).count(r) for r in roles]
    assert max(counts) - min(counts) <= 1, counts
    later = assign([*players, Player(99, "laat", "inwoner")], game_roles, assigned)
    assert {k: v for k, v in later.items() if k != 99} == assigned, "late joiners do not reshuffle others"


def test_flow_closed_rounds_in_state():
    session = session_at("actiepad")
    assert session.is_closed("kiezen") and not session.is_closed("actiepad") and session.is_open("actiepad")
    ended = type(session)(session.game, Flow(Status.ENDED, len(session.game.rounds) - 1, None, None))
    assert ended.is_closed("samenspel") and not ended.is_open("samenspel")


def test_concurrent_edits_of_one_field_conflict_and_the_loser_is_told():
    t = plan_turn()
    t = apply(t, PLAN.handle(t, "add", {"what": "Bakken bouwen", "needs": "Hout"}))
    step = t.items[-1]
    first = PLAN.handle(t, "edit", {"id": step.id, "what": "Tien bakken bouwen", "base": {"what": 0}})
    assert first.data["what"] == "Tien bakken bouwen" and first.data["rev"]["what"] == 1
    after = apply(t, first)
    with pytest.raises(Rejected) as error:
        PLAN.handle(
            Turn(after.session, after.round, HENK),
            "edit",
            {"id": step.id, "what": "Twaalf bakken", "base": {"what": 0}},
        )
    assert error.value.code == "conflict"
    assert error.value.params == {"field": "what", "current": "Tien bakken bouwen", "rev": 1}
    other_field = PLAN.handle(
        Turn(after.session, after.round, HENK), "edit", {"id": step.id, "needs": "Hout en grond", "base": {"needs": 0}}
    )
    assert other_field.data["what"] == "Tien bakken bouwen" and other_field.data["needs"] == "Hout en grond"
    retried = PLAN.handle(
        Turn(after.session, after.round, HENK), "edit", {"id": step.id, "what": "Twaalf bakken", "base": {"what": 1}}
    )
    assert retried.data["what"] == "Twaalf bakken" and retried.data["rev"]["what"] == 2


def test_claiming_a_step_someone_else_owns_is_a_conflict():
    t = plan_turn()
    t = apply(t, PLAN.handle(t, "add", {"what": "Bakken bouwen"}))
    t = apply(t, PLAN.handle(t, "claim", {"id": t.items[-1].id}))
    with pytest.raises(Rejected) as error:
        PLAN.handle(Turn(t.session, t.round, HENK), "claim", {"id": t.items[-1].id})
    assert error.value.code == "conflict" and error.value.params["current"] == "Fatima"


def test_dots_on_a_card_merged_away_can_be_taken_back():
    merged = Item(2, "ideeen", "card", HENK.id, MappingProxyType({"text": "dubbel", "merged_into": 1}), hidden=True)
    ideas = [IDEAS[0], merged, *IDEAS[2:]]
    session = session_at("kiezen", items=[*ideas, ballot(101, FATIMA, {2: 1})])
    t = Turn(session, session.game.round("kiezen"), FATIMA)
    assert tally(session, t.round)[1] == 1, "dots on the merged card count for the card it joined"
    with pytest.raises(Rejected):
        VOTE.handle(t, "set", {"card_id": 2, "count": 1})
    assert dict(VOTE.handle(t, "set", {"card_id": 2, "count": 0}).data["votes"]) == {}


def test_a_step_taken_on_as_it_is_added_is_the_writers_own():
    """``claim: true`` on add makes the writer its owner by id, also where the rules require
    an owner (the follow-up game): a typed name there was nobody's own step."""
    t = plan_turn()
    must_name = Turn(t.session, replace(t.round, settings={**t.round.settings, "required": ["what", "owner"]}), FATIMA)
    with pytest.raises(Rejected) as error:
        PLAN.handle(must_name, "add", {"what": "Bakken bouwen"})
    assert error.value.code == "empty"
    change = PLAN.handle(must_name, "add", {"what": "Bakken bouwen", "claim": True})
    assert (change.data["owner"], change.data["owner_id"]) == ("Fatima", FATIMA.id)
    t = apply(t, change)
    with pytest.raises(Rejected) as error:  # it is hers now: nobody else can take it on
        PLAN.handle(Turn(t.session, t.round, HENK), "claim", {"id": t.items[-1].id})
    assert error.value.code == "conflict"
    assert PLAN.handle(t, "add", {"what": "Zaaien", "claim": False}).data["owner_id"] is None
    for actor, claim, code in ((FACILITATOR_PLAYER, True, "not_allowed"), (FATIMA, "ja", "bad_request")):
        with pytest.raises(Rejected) as error:
            PLAN.handle(Turn(t.session, t.round, actor), "add", {"what": "Zaaien", "claim": claim})
        assert error.value.code == code
