"""The perspective swap hands out only roles with a perspective ("Anders" has none), never
the player's own role when another is possible, evenly, and the same way on replay."""

from __future__ import annotations

from collections import Counter
from types import MappingProxyType

from hypothesis import example, given, settings
from hypothesis import strategies as st

from samenspel.engine.apply import Action, apply
from samenspel.engine.flow import Flow
from samenspel.engine.perspectives import assign, swappable
from samenspel.engine.state import Player, SessionState
from tests.support.factories import default_game

GAME = default_game()
ALL_ROLES = [r.id for r in GAME.roles]
WITH_PERSPECTIVE = swappable(GAME.roles)

players = st.lists(
    st.builds(Player, st.integers(1, 500), st.just("p"), st.sampled_from([*ALL_ROLES, "onbekend"])),
    max_size=45,
    unique_by=lambda p: p.id,
)


def test_the_standard_role_anders_has_no_perspective_and_is_never_handed_out():
    anders = next(r for r in GAME.roles if r.id == "anders")
    assert not anders.perspective.nl and not anders.perspective.en
    assert "anders" not in WITH_PERSPECTIVE and len(WITH_PERSPECTIVE) == len(ALL_ROLES) - 1


@settings(max_examples=300, deadline=None)
@given(players=players, earlier=st.dictionaries(st.integers(1, 500), st.sampled_from(ALL_ROLES), max_size=20))
def test_every_assigned_role_has_a_perspective(players, earlier):
    # ``earlier`` stands for assignments stored before this rule (they may name anders)
    assigned = assign(players, GAME.roles, earlier)
    assert set(assigned.values()) <= set(WITH_PERSPECTIVE)
    for player in players:
        assert assigned.get(player.id) != player.role or earlier.get(player.id) == player.role
        assert player.id in assigned, "everyone gets a role: there is always one that is not theirs"
    assert assign(players, GAME.roles, earlier) == assigned, "deterministic, so replay gives the same"


@settings(max_examples=1000, deadline=None)
@given(players=players)
@example(players=[Player(i, "p", "inwoner") for i in range(1, 6)])  # found by CI once
def test_a_fresh_swap_is_spread_evenly(players):
    assigned = assign(players, GAME.roles)
    counts = Counter({r: 0 for r in WITH_PERSPECTIVE}) + Counter(assigned.values())
    # a role that every player holds can be handed to nobody (never one's own role): it is
    # not part of the spread (five residents share out the four other perspectives)
    takeable = [r for r in WITH_PERSPECTIVE if any(p.role != r for p in players)]
    spread = [counts[r] for r in takeable] or [0]
    # evening out moves players only to a role that is not their own; a crowd of one role
    # can keep the spread from being perfect, never by more than that role's pull
    assert max(spread) - min(spread) <= max(1, len(players) // len(WITH_PERSPECTIVE))


def test_opening_the_swap_round_gives_an_anders_player_a_real_perspective():
    people = tuple(Player(i, f"p{i}", "anders") for i in range(1, 7))
    index = GAME.round_index("rolwissel")
    state = SessionState(GAME, Flow(), people, (), MappingProxyType({}))
    state = apply(state, Action("control", {"action": "start"}, 1000)).state
    for _ in range(index):
        state = apply(state, Action("control", {"action": "next"}, 2000)).state
    given_roles = state.round_state("rolwissel").perspectives
    assert set(given_roles) == {p.id for p in people}
    assert set(given_roles.values()) <= set(WITH_PERSPECTIVE)
    assert max(Counter(given_roles.values()).values()) - min(Counter(given_roles.values()).values()) <= 1
