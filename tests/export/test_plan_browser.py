"""The plan page in a real Chromium: no Content-Security-Policy complaints, no accessibility
problems from moderate up (axe-core: WCAG 2.1 AA and best practices), no text that looks
like a text key, and on a phone nothing wider than the screen, not even a 200-letter word."""

from __future__ import annotations

import threading

import pytest
from werkzeug.serving import make_server

from samenspel.app import create_app
from samenspel.config import PROJECT_ROOT
from samenspel.store.sessions import create_session
from samenspel.web import plan as plan_web
from tests.conftest import require
from tests.support.browser import axe_problems, chromium_missing
from tests.support.browser import chromium as launch
from tests.support.hostile import hostile_session_state
from tests.support.sample import sample_session_state
from tests.support.seeding import seed

pytestmark = pytest.mark.browser


def make_app(folder):
    app = create_app(
        {
            "INSTANCE_PATH": str(folder),
            "DATABASE_URL": f"sqlite:///{folder / 'plan.sqlite3'}",
            "ASYNC_MODE": "threading",
            "SECRET_KEY": "test",
            "TESTING": True,
        }
    )
    if "plan" not in app.blueprints:
        app.register_blueprint(plan_web.bp)
    return app


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """A server with two stored sessions: the sample and the hostile corpus."""
    codes = {}
    for name, (state, info) in (("sample", sample_session_state()), ("hostile", hostile_session_state())):
        app = make_app(tmp_path_factory.mktemp(name))
        database = app.extensions["samenspel.db"]
        with app.app_context(), database.unit_of_work() as db:
            row, key = create_session(
                db, game=state.game, title=info["title"], question=info["question"], place=info["place"]
            )
            codes[name] = (row.code, key)
        seed(database, codes[name][0], state)
        server = make_server("127.0.0.1", 0, app, threaded=True)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        codes[name] = (*codes[name], f"http://127.0.0.1:{server.server_port}", server)
    yield codes
    for *_, server in codes.values():
        server.shutdown()


@pytest.fixture(scope="module")
def chromium():
    require(not chromium_missing(), chromium_missing())
    with launch() as browser:
        yield browser
    assert not browser.found, f"the plan page showed a text key: {browser.found}"


def open_page(chromium, url: str, **context):
    page = chromium.new_context(**context).new_page()
    complaints: list[str] = []
    page.on("console", lambda msg: complaints.append(msg.text) if msg.type == "error" else None)
    page.goto(url)
    return page, complaints


def test_plan_page_is_accessible_and_csp_clean(site, chromium):
    code, key, base, _ = site["sample"]
    require(
        (PROJECT_ROOT / "static" / "vendor" / "axe.min.js").exists(),
        "static/vendor/axe.min.js is missing: run scripts/vendor.sh",
    )
    page, complaints = open_page(chromium, f"{base}/s/{code}/plan?key={key}")
    assert page.locator("h1").inner_text() == "Moestuin met kas in de Noordpolder"
    assert page.locator("table.steps tbody tr").count() == 5
    assert page.locator(".plan-downloads a").count() == 6
    assert not axe_problems(page, base)
    assert not complaints, complaints
    page.context.close()


@pytest.mark.parametrize("name", ["sample", "hostile"])
def test_plan_page_fits_a_phone(site, chromium, name):
    code, _, base, _ = site[name]
    page, complaints = open_page(
        chromium,
        f"{base}/s/{code}/plan",
        viewport={"width": 360, "height": 640},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert page.evaluate("() => window.__pwned === undefined")  # nothing typed ran
    assert not complaints, complaints
    page.context.close()
