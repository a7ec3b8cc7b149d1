"""A session's items (engine/state.py ``Items``): kept per round, read like a tuple in id
order. Random changes give what rebuilding the whole tuple would, and never alter the
collection they were made from (kept states are shared, services/states.py)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from samenspel.engine.state import Item, Items

ROUNDS = ("droom", "belangen", "ideeen")
items = st.builds(
    lambda id_, round_, text: Item(id_, round_, "card", 1, {"text": text}),
    st.integers(-5, 60),
    st.sampled_from(ROUNDS),
    st.text(max_size=3),
)
steps = st.lists(st.tuples(st.lists(items, max_size=3), st.lists(st.integers(-5, 60), max_size=3)), max_size=12)


@given(st.lists(items, max_size=20), steps)
def test_changes_give_the_rebuilt_tuple_and_leave_the_old_one_alone(start, changes):
    reference = {i.id: i for i in start}
    current = Items(reference.values())
    for put, removed in changes:
        before, before_tuple = current, tuple(current)
        current = current.changed(put=put, removed=removed)
        for item_id in removed:
            reference.pop(item_id, None)
        for item in put:
            reference[item.id] = item
        expected = tuple(reference[k] for k in sorted(reference))
        assert current == expected and tuple(current) == expected and len(current) == len(expected)
        assert tuple(before) == before_tuple, "a change altered the collection it was made from"
        for round_id in ROUNDS:
            assert current.of_round(round_id) == tuple(i for i in expected if i.round_id == round_id)
        for item in expected:
            assert current.get(item.id) is item
        assert current.get(61) is None and current.get("1") is None


def test_reads_like_a_tuple():
    one, two = Item(1, "droom", "card", 1), Item(2, "ideeen", "card", 1)
    both = Items([two, one])
    assert both[0] is one and both[-1] is two and both[:1] == (one,)
    assert both == (one, two) and (one, two) == both and both != (two, one)
    assert both + (Item(3, "droom", "card", 1),) == (one, two, Item(3, "droom", "card", 1))
    assert not Items() and list(both) == [one, two]
