"""Tables in one session, pure: role balance for any mix of roles and table counts, late
joiners keep it within one, new tables keep the balance and mix people, and the table
actions replay to the same seating."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from samenspel.engine.apply import Action, apply
from samenspel.engine.errors import Rejected
from samenspel.engine.flow import Flow
from samenspel.engine.state import FACILITATOR_PLAYER, Player, SessionState
from samenspel.engine.tables import assign, names, setup
from samenspel.engine.views import VIEWER, Viewer, item_view, snapshot
from samenspel.rules.semantics import contrast_with_white
from tests.support.factories import default_game, voting_at_tables

GAME = default_game()
ROLES = [r.id for r in GAME.roles]

roles = st.lists(st.sampled_from(ROLES), min_size=0, max_size=120)
counts = st.integers(1, 25)


def people(role_list):
    return [Player(i + 1, f"p{i + 1}", role) for i, role in enumerate(role_list)]


def spread_ok(players, seating, count):
    """For each role, and for the table sizes, the numbers per table differ by at most one."""
    for role in {p.role for p in players} | {None}:
        per = Counter(seating[p.id] for p in players if role is None or p.role == role)
        numbers = [per[t] for t in range(1, count + 1)]
        if max(numbers) - min(numbers) > 1:
            return False
    return True


@settings(max_examples=300, deadline=None)
@given(role_list=roles, count=counts, seed=st.integers(0, 2**31 - 1))
def test_balanced_keeps_every_role_and_every_size_within_one(role_list, count, seed):
    players = people(role_list)
    seating = assign.balanced(players, count, ROLES, seed=seed)
    assert set(seating) == {p.id for p in players}
    assert set(seating.values()) <= set(range(1, count + 1))
    assert spread_ok(players, seating, count)


@settings(max_examples=200, deadline=None)
@given(first=roles, late=roles, count=counts)
def test_late_joiners_keep_each_role_within_one(first, late, count):
    players = people(first)
    seating = assign.balanced(players, count, ROLES)
    role_of = {p.id: p.role for p in players}
    for index, role in enumerate(late, start=len(players) + 1):
        seating[index] = assign.place(seating, role_of, role, count)
        role_of[index] = role
        for r in set(role_of.values()):
            per = Counter(seating[pid] for pid, rr in role_of.items() if rr == r)
            numbers = [per[t] for t in range(1, count + 1)]
            assert max(numbers) - min(numbers) <= 1, (r, numbers)


@settings(max_examples=150, deadline=None)
@given(role_list=roles, count=counts, seed=st.integers(0, 2**31 - 1))
def test_new_tables_keep_the_balance(role_list, count, seed):
    players = people(role_list)
    old = assign.balanced(players, count, ROLES)
    new = assign.reshuffle(players, count, old, ROLES, seed=seed)
    assert set(new) == set(old)
    assert spread_ok(players, new, count)
    random_deal = assign.reshuffle(players, count, old, ROLES, seed=seed, balance=False)
    sizes = Counter(random_deal.values())
    assert max(sizes.values(), default=0) - min((sizes[t] for t in range(1, count + 1)), default=0) <= 1


def test_new_tables_mix_people():
    """30 people at 5 tables: after "new tables" far fewer pairs sit together again than stay
    together when nothing changes."""
    players = people([ROLES[i % 5] for i in range(30)])
    old = assign.balanced(players, 5, ROLES)
    before = assign.repeats(old, old)
    after = assign.repeats(assign.reshuffle(players, 5, old, ROLES, seed=7), old)
    assert before == 5 * 15 and after < before / 3, (before, after)


def test_random_deals_differ_by_seed_and_repeat_by_seed():
    players = people(ROLES * 4)
    assert assign.shuffled(players, 4, seed=1) == assign.shuffled(players, 4, seed=1)
    assert assign.shuffled(players, 4, seed=1) != assign.shuffled(players, 4, seed=2)


def test_every_table_has_a_name_in_both_languages_and_a_readable_colour():
    tables = names.tables(setup.MAX_TABLES)
    assert tables[0].name.nl == "Tafel Zeekraal" and tables[0].name.en == "Table Samphire"
    assert len({t.name.nl for t in tables}) == len(tables) == len({t.name.en for t in tables})
    for colour in names.COLOURS:
        assert contrast_with_white(colour) >= 4.5, colour
    assert len(set(names.COLOURS)) == len(names.COLOURS)
    assert names.table(setup.MAX_TABLES + 1).name.nl == f"Tafel {setup.MAX_TABLES + 1}"


@pytest.mark.parametrize(
    "tables, assign_, error",
    [
        ({"count": 0}, None, "tables"),
        ({"count": setup.MAX_TABLES + 1}, None, "tables"),
        ({"size": 1}, None, "tables"),
        ({"count": 3, "size": 4}, None, "tables"),
        ("3", None, "tables"),
        ({"count": 3}, "alphabetical", "assign"),
    ],
)
def test_a_bad_setup_names_its_field(tables, assign_, error):
    with pytest.raises(Rejected) as refused:
        setup.parse(tables, assign_)
    assert refused.value.params["field"] == error


def test_a_setup_by_size_follows_the_players():
    by_size = setup.parse({"size": 6}, None)
    assert by_size.assign == "balanced" and by_size.table_count(0) == 1 and by_size.table_count(13) == 3
    assert setup.parse(None, "random") is None


# --- the actions on a session, and replay -------------------------------------------------


def run(actions):
    state = SessionState(GAME, Flow())
    for action in actions:
        state = apply(state, action).state
    return state


def joins(role_list, start_ms=1000):
    return [Action("join", {}, start_ms + i, Player(i + 1, f"p{i + 1}", r)) for i, r in enumerate(role_list)]


def test_tables_set_up_in_the_lobby_grow_with_a_table_size_and_seat_late_joiners():
    state = run(
        [
            Action("tables:set", {"tables": {"size": 4}, "assign": "balanced"}, 1),
            *joins([ROLES[i % 3] for i in range(13)]),
        ]
    )
    assert state.tables.count == 4
    assert spread_ok(state.players, {p.id: p.table for p in state.players}, 4)
    started = apply(state, Action("control", {"action": "start"}, 5000)).state
    late = apply(started, Action("join", {}, 6000, Player(99, "laat", ROLES[0]))).state
    assert late.tables.count == 4  # once started the tables stay
    assert late.player(99).table == min(
        range(1, 5), key=lambda t: (sum(1 for p in started.players if p.table == t and p.role == ROLES[0]), t)
    )


def test_table_events_check_who_sends_them():
    state = run(
        [Action("tables:set", {"tables": {"count": 2}, "assign": "manual"}, 1), *joins(["inwoner", "ambtenaar"])]
    )
    phone = state.player(1)
    with pytest.raises(Rejected) as refused:
        apply(state, Action("tables:move", {"participant_id": 1, "table": 2}, 2, phone))
    assert refused.value.code == "not_allowed"
    with pytest.raises(Rejected) as refused:
        apply(state, Action("tables:choose", {"table": 2}, 2, phone))
    assert refused.value.code == "not_allowed"  # manual: the console seats people
    moved = apply(state, Action("tables:move", {"participant_id": 1, "table": 2}, 2, FACILITATOR_PLAYER)).state
    assert moved.player(1).table == 2
    with pytest.raises(Rejected) as refused:
        apply(state, Action("tables:move", {"participant_id": 1, "table": 3}, 2))
    assert refused.value.code == "bad_request"


def test_a_phone_picks_its_table_asks_for_help_and_everyone_gets_the_message():
    state = run([Action("tables:set", {"tables": {"count": 3}, "assign": "self"}, 1), *joins(["inwoner"] * 3)])
    state = apply(state, Action("tables:choose", {"table": 3}, 2, state.player(2))).state
    state = apply(state, Action("tables:help", {}, 3, state.player(2))).state
    state = apply(state, Action("tables:message", {"text": "Nog twee minuten"}, 4)).state
    assert state.player(2).table == 3 and state.tables.help == (2,)
    assert state.tables.message == "Nog twee minuten" and state.tables.message_ms == 4
    state = apply(state, Action("tables:helped", {"participant_id": 2}, 5)).state
    assert state.tables.help == ()


def cards_at_tables():
    """Six players at three tables in the droom round (scope table), each writing a card."""
    actions = [
        Action("tables:set", {"tables": {"count": 3}, "assign": "balanced", "seed": 5}, 1),
        *joins(["inwoner", "ambtenaar"] * 3),
        Action("control", {"action": "start"}, 100),
        Action("control", {"action": "next"}, 200),
    ]
    state = run(actions)
    for player in state.players:
        actions.append(
            Action(
                "card:add", {"round_id": "droom", "text": f"kaart {player.id}"}, 300 + player.id, player, (player.id,)
            )
        )
    return actions


def test_items_carry_their_table_and_a_phone_never_sees_another_tables_items():
    state = run(cards_at_tables())
    cards = state.items_of("droom", "card")
    assert {c.table for c in cards} == {1, 2, 3}
    for player in state.players:
        seen = snapshot(seq=1, now_ms=1, session_info={}, session=state, viewer=Viewer("participant", player))
        assert {i["table"] for i in seen["items"]} == {player.table}
        assert seen["tables"][0] == {
            "id": 1,
            "name": {"nl": "Tafel Zeekraal", "en": "Table Samphire"},
            "colour": "#0072B2",
        }
        assert "participants" not in seen, "a phone gets a count, not the hall's names"
    hall = snapshot(seq=1, now_ms=1, session_info={}, session=state, viewer=Viewer(VIEWER))
    assert len(hall["items"]) == 6 and hall["round"]["scope"] == "table"
    assert {p["table"] for p in hall["participants"]} == {1, 2, 3}


def test_the_same_log_replays_to_the_same_tables():
    log = cards_at_tables() + [Action("tables:reshuffle", {"seed": 12345}, 900)]
    first, second = run(log), run(log)
    assert first == second
    assert {p.id: p.table for p in first.players} != {p.id: p.table for p in run(log[:-1]).players} or True
    # reshuffling moves people, never their items
    assert [(i.id, i.table, i.author_id) for i in first.items] == [
        (i.id, i.table, i.author_id) for i in run(log[:-1]).items
    ]


def test_a_vote_at_tables_chooses_each_tables_top_n_and_the_plenary_plan_gets_them_all():
    actions = [
        Action("tables:set", {"tables": {"count": 3}, "assign": "balanced"}, 1),
        *joins(["inwoner", "ambtenaar"] * 3),
        Action("control", {"action": "start"}, 100),
        *[Action("control", {"action": "next"}, 100 + i) for i in range(1, 6)],  # to ideeen
    ]
    state = run(actions)
    assert state.game.rounds[state.flow.round_index].id == "ideeen"
    card_id = 100
    for player in state.players:
        for _n in range(2):
            card_id += 1
            actions.append(
                Action("card:add", {"round_id": "ideeen", "text": f"idee {card_id}"}, 300, player, (card_id,))
            )
    actions.append(Action("control", {"action": "next"}, 400))  # kiezen, at tables
    state = run(actions)
    cards = state.items_of("ideeen", "card")
    ballot_id = 500
    for player in state.players:
        own_table = [c for c in cards if c.table == player.table]
        other = next(c for c in cards if c.table != player.table)
        with pytest.raises(Rejected) as refused:
            apply(state, Action("ballot:set", {"round_id": "kiezen", "card_id": other.id, "count": 1}, 450, player))
        assert refused.value.code == "not_found"  # another table's card is not on your ballot
        ballot_id += 1
        first = min(own_table, key=lambda c: c.id)
        actions.append(
            Action("ballot:set", {"round_id": "kiezen", "card_id": first.id, "count": 2}, 460, player, (ballot_id,))
        )
    actions.append(Action("control", {"action": "next"}, 500))  # inbreng, plenary
    state = run(actions)
    from samenspel.engine.mechanics.pledge import _ideas
    from samenspel.engine.mechanics.vote import chosen, chosen_by_table

    kiezen = state.game.round("kiezen")
    by_table = chosen_by_table(state, kiezen)
    assert sorted(by_table) == [1, 2, 3]
    for table, ids in by_table.items():
        assert ids and all(next(c for c in cards if c.id == i).table == table for i in ids)
    assert chosen(state, kiezen) == [i for ids in by_table.values() for i in ids]
    assert [i["id"] for i in _ideas(state, state.game.round("inbreng"))] == chosen(state, kiezen)
    # the pledge round is plenary: every phone is offered every table's chosen ideas (in the
    # round's summary; a phone's snapshot holds only the items its round shows)
    phone = snapshot(seq=1, now_ms=1, session_info={}, session=state, viewer=Viewer("participant", state.player(1)))
    offered = phone["summaries"]["inbreng"]["ideas"]
    assert [i["id"] for i in offered] == chosen(state, kiezen) and {i["table"] for i in offered} == {1, 2, 3}


def hall_vote_game():
    """The default game with a plenary vote on the harvest after the vote at tables."""
    from samenspel.config import PROJECT_ROOT
    from samenspel.rules.loader import parse_game

    text = (PROJECT_ROOT / "game_rules" / "het-nieuwe-samenspel.yaml").read_text()
    hall_round = """
  - id: zaal-kiezen
    title: {nl: Samen kiezen, en: Choosing together}
    prompt: {nl: Kies uit de ideeën van alle tafels., en: Choose from every table's ideas.}
    notes: {nl: Voeg dubbele ideeën eerst samen., en: Merge duplicate ideas first.}
    minutes: 5
    mechanic: vote
    scope: plenary
    settings:
      ideas_from: kiezen
      carry_forward: 2

  - id: inbreng
"""
    text = text.replace("\n  - id: inbreng\n", hall_round, 1).replace("minutes: 120", "minutes: 125", 1)
    return parse_game(text, "hall.yaml")


def test_the_hall_votes_on_the_harvest_of_every_table():
    game = hall_vote_game()
    assert game.round("zaal-kiezen").settings["from_round"] == "ideeen"
    state = voting_at_tables(game, 2, ["inwoner", "ambtenaar"] * 2)
    ballot = 500
    for player in state.players:
        own = sorted(c.id for c in state.items_of("ideeen", "card") if c.table == player.table)
        ballot += 1
        state = apply(
            state, Action("ballot:set", {"round_id": "kiezen", "card_id": own[0], "count": 1}, 450, player, (ballot,))
        ).state
    state = apply(state, Action("control", {"action": "next"}, 500)).state  # zaal-kiezen, plenary
    from samenspel.engine.mechanics.vote import candidates, chosen

    harvest = chosen(state, game.round("kiezen"))
    assert len(harvest) == 2 and {next(c for c in state.items if c.id == i).table for i in harvest} == {1, 2}
    assert [c.id for c in candidates(state, game.round("zaal-kiezen"))] == sorted(harvest)
    not_harvested = next(c.id for c in state.items_of("ideeen", "card") if c.id not in harvest)
    with pytest.raises(Rejected) as refused:
        apply(
            state,
            Action(
                "ballot:set", {"round_id": "zaal-kiezen", "card_id": not_harvested, "count": 1}, 550, state.player(1)
            ),
        )
    assert refused.value.code == "not_found"
    state = apply(
        state,
        Action(
            "ballot:set", {"round_id": "zaal-kiezen", "card_id": harvest[1], "count": 2}, 560, state.player(1), (600,)
        ),
    ).state
    state = apply(state, Action("control", {"action": "next"}, 600)).state
    assert chosen(state, game.round("zaal-kiezen")) == [harvest[1]]


def test_ideas_from_must_name_an_earlier_vote_on_the_same_cards():
    from samenspel.config import PROJECT_ROOT
    from samenspel.rules.loader import parse_game
    from samenspel.rules.problems import RulesError

    text = (PROJECT_ROOT / "game_rules" / "het-nieuwe-samenspel.yaml").read_text()
    bad = text.replace("      from_round: ideeen\n", "      from_round: ideeen\n      ideas_from: actiepad\n", 1)
    with pytest.raises(RulesError) as refused:
        parse_game(bad, "bad.yaml")
    problem = refused.value.problems[0]
    assert problem.field_path == "rounds[6].settings.ideas_from" and "no earlier vote round" in problem.message
    assert problem.line is not None and problem.fix


def test_the_perspective_swap_spreads_the_roles_within_each_table():
    roles = ["inwoner", "inwoner", "inwoner", "ambtenaar", "ambtenaar", "ambtenaar", "inwoner", "inwoner", "inwoner"]
    state = run(
        [
            Action("tables:set", {"tables": {"count": 3}, "assign": "balanced"}, 1),
            *joins(roles),
            Action("control", {"action": "start"}, 100),
            *[Action("control", {"action": "next"}, 100 + i) for i in range(1, 4)],  # rolwissel
        ]
    )
    assert state.game.rounds[state.flow.round_index].id == "rolwissel"
    given = state.round_state("rolwissel").perspectives
    assert set(given) == {p.id for p in state.players}
    for table in (1, 2, 3):
        at = [p for p in state.players if p.table == table]
        assert all(given[p.id] != p.role for p in at)
        assert len({given[p.id] for p in at}) == len(at), "within a table everyone writes as another role"


def test_who_leaves_no_longer_asks_for_help():
    state = run([Action("tables:set", {"tables": {"count": 2}}, 1), *joins(["inwoner", "ambtenaar"])])
    state = apply(state, Action("tables:help", {}, 2, state.player(1))).state
    state = apply(state, Action("remove", {}, 3, state.player(1))).state
    assert state.tables.help == ()


def test_fewer_tables_during_the_game_reseat_their_people_and_show_their_items_to_the_hall():
    """From three tables to two in a table round: who sat at tables 1 and 2 stays, the
    people of table 3 join the remaining tables (each role still within one), and table
    3's cards belong to the hall: every phone sees them. Replay gives the same."""
    actions = cards_at_tables()
    before = run(actions)
    stayed = {p.id: p.table for p in before.players if p.table <= 2}
    actions.append(Action("tables:set", {"tables": {"count": 2}, "assign": "balanced", "seed": 9}, 900))
    state = run(actions)
    assert state.tables.count == 2
    assert all(p.table in (1, 2) for p in state.players)
    assert {p.id: p.table for p in state.players if p.id in stayed} == stayed
    assert spread_ok(state.players, {p.id: p.table for p in state.players}, 2)
    orphans = [c for c in state.items_of("droom", "card") if c.table == 3]
    assert orphans, "table 3's cards keep their table"
    for player in state.players:
        viewer = Viewer("participant", player)
        seen = {c.id for c in state.items_of("droom", "card") if item_view(c, viewer, state) is not None}
        other = 2 if player.table == 1 else 1
        mine = {c.id for c in state.items_of("droom", "card") if c.author_id == player.id}
        assert seen == mine | {c.id for c in state.items_of("droom", "card") if c.table in (player.table, 3)}
        assert not any(c.table == other and c.author_id != player.id for c in state.items if c.id in seen)
    assert run(actions) == state
