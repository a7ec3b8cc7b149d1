"""A game file that does not validate is not offered: the server says why in its log and on
the start page, and keeps serving the valid games."""

import logging
import shutil

from samenspel.app import create_app
from samenspel.config import PROJECT_ROOT


def test_broken_rules_file_is_refused_with_reasons(tmp_path, caplog):
    rules = tmp_path / "rules"
    rules.mkdir()
    shutil.copy(PROJECT_ROOT / "game_rules" / "het-nieuwe-samenspel.yaml", rules)
    (rules / "kapot.yaml").write_text("id: kapot\nrounds:\n  - id: a\n    mechanic: vot\n", encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        app = create_app(
            {
                "INSTANCE_PATH": str(tmp_path),
                "GAME_RULES_PATH": str(rules),
                "ASYNC_MODE": "threading",
                "SECRET_KEY": "t",
                "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
            }
        )
    assert any("kapot.yaml" in r.getMessage() and "not offered" in r.getMessage() for r in caplog.records)
    assert any("kapot.yaml:" in r.getMessage() for r in caplog.records), "each problem names file and line"
    page = app.test_client().get("/?lang=en").get_data(as_text=True)
    assert "kapot.yaml" in page and "het-nieuwe-samenspel" in page
    created = app.test_client().post("/api/sessions", json={"game": "kapot", "title": "t", "question": "q"})
    assert created.status_code == 404
    app.extensions["samenspel.db"].dispose()
