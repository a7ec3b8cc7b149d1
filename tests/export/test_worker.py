"""The warm export worker (samenspel/export/worker.py): one child process serves export after
export with WeasyPrint loaded; a render that fails is reported and the child goes on; a
child that died is replaced for the next export."""

from __future__ import annotations

import pytest

from samenspel.engine.document import build_document
from samenspel.export import worker
from tests.support.sample import sample_session_state


@pytest.fixture(scope="module")
def document():
    state, info = sample_session_state()
    return build_document(state, info, "nl")


@pytest.fixture
def warm():
    made = worker.WarmWorker()
    yield made
    made.stop()


def test_one_child_serves_export_after_export(warm, document):
    first = warm.render(document, "pdf", 120)
    child = warm.process.pid
    second = warm.render(document, "pdf", 120)
    assert first.startswith(b"%PDF") and second.startswith(b"%PDF")
    assert warm.process.pid == child
    markdown = warm.render(document, "md", 120).decode()
    assert "Moestuin" in markdown and warm.process.pid == child


def test_a_failed_render_is_reported_and_the_child_goes_on(warm, document):
    with pytest.raises(RuntimeError, match="export worker failed"):
        warm.render({"not": "a plan"}, "md", 120)
    child = warm.process.pid
    assert warm.render(document, "md", 120).startswith(b"#")
    assert warm.process.pid == child


def test_a_child_that_died_is_replaced(warm, document):
    warm.render(document, "md", 120)
    dead = warm.process
    dead.kill()
    dead.wait()
    assert warm.render(document, "md", 120).startswith(b"#")
    assert warm.process is not dead and warm.process.poll() is None
