"""Forms carry CSRF protection: the start page's form works only with its token."""

import re

from samenspel.app import create_app


def test_start_form_needs_its_csrf_token(tmp_path):
    app = create_app(
        {
            "INSTANCE_PATH": str(tmp_path),
            "ASYNC_MODE": "threading",
            "SECRET_KEY": "t",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        }
    )
    client = app.test_client()
    form = {"game": "het-nieuwe-samenspel", "title": "Moestuin", "question": "Hoe?", "place": ""}
    assert client.post("/new", data=form).status_code == 400
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/").get_data(as_text=True)).group(1)
    created = client.post("/new", data={**form, "csrf_token": token})
    assert created.status_code == 303 and "/console?key=" in created.headers["Location"]
    app.extensions["samenspel.db"].dispose()
