"""The idle collector of ``samenspel serve`` under gevent (samenspel/serving.py): young
collections run when the event loop has nothing pending, not on an event's path."""

from __future__ import annotations

import gc
import time

import pytest

gevent = pytest.importorskip("gevent")

from samenspel import serving  # noqa: E402

YOUNG = 5_000  # a small threshold, so the tests allocate little


@pytest.fixture
def collections():
    """Every collection while the test runs: (generation, when it started)."""
    seen: list[tuple[int, float]] = []

    def record(phase, info):
        if phase == "start":
            seen.append((info["generation"], time.monotonic()))

    saved = gc.get_threshold()
    gc.collect()
    gc.set_threshold(YOUNG, 10, 10)
    gc.callbacks.append(record)
    collector = gevent.spawn(serving.collect_when_idle, gevent.sleep, gevent.idle)
    try:
        yield seen
    finally:
        collector.kill()
        gc.callbacks.remove(record)
        gc.set_threshold(*saved)


def young_garbage(count: int) -> list:
    """``count`` tracked objects that stay alive until the caller drops them."""
    return [[index] for index in range(count)]


def test_the_young_generation_is_collected_once_the_loop_is_idle(collections):
    kept = young_garbage(int(YOUNG * 0.7))  # past the idle share, short of the threshold
    assert collections == []  # the allocator did not collect
    gevent.sleep(serving.IDLE_COLLECT_INTERVAL * 4)
    assert [generation for generation, _ in collections] == [0]
    assert gc.get_count()[0] < YOUNG * serving.IDLE_COLLECT_SHARE
    del kept


def test_below_the_share_nothing_is_collected(collections):
    kept = young_garbage(int(YOUNG * 0.2))
    gevent.sleep(serving.IDLE_COLLECT_INTERVAL * 4)
    assert collections == []
    del kept


def test_a_busy_loop_is_not_interrupted_by_the_collector(collections):
    """While greenlets keep the loop busy (events pending), the collector waits; it collects
    once they are done."""
    kept = young_garbage(int(YOUNG * 0.7))
    busy_until = time.monotonic() + serving.IDLE_COLLECT_INTERVAL * 6

    def busy():
        while time.monotonic() < busy_until:
            gevent.sleep(0)  # always something pending: the loop is never idle

    gevent.joinall([gevent.spawn(busy), gevent.spawn(busy)])
    assert collections == []
    gevent.sleep(serving.IDLE_COLLECT_INTERVAL * 4)
    assert [generation for generation, _ in collections] == [0]
    assert collections[0][1] >= busy_until
    del kept


def test_the_middle_generation_is_collected_when_it_is_due(collections):
    kept = []
    for _ in range(12):  # more young collections than the middle generation's threshold (10)
        kept.append(young_garbage(int(YOUNG * 0.7)))
        gevent.sleep(serving.IDLE_COLLECT_INTERVAL * 3)
    assert 1 in [generation for generation, _ in collections]
    assert 2 not in [generation for generation, _ in collections]  # full ones stay the allocator's
    del kept
