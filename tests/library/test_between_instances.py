"""Between municipalities: an export fetched from one running server is imported into
another with ``samenspel library import`` — shown there with its source and licence,
read-only, and a second import adds nothing (deduplicated by entry id)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.support.library import publish_on
from tests.support.server import ROOT


def _import(server, path) -> subprocess.CompletedProcess:
    env = {"SAMENSPEL_INSTANCE_PATH": str(server.instance), "PATH": "/usr/bin:/bin"}
    return subprocess.run(
        [sys.executable, "-m", "samenspel", "library", "import", str(path)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip


@pytest.mark.server
def test_an_export_of_one_server_imports_into_another(start_server, tmp_path):
    first, second = start_server(), start_server()
    entry_id = publish_on(first)
    exported = first.api("GET", "/bibliotheek/export.json")
    assert exported.status_code == 200
    path = tmp_path / "export.json"
    path.write_bytes(exported.content)

    done = _import(second, path)
    assert done.returncode == 0, done.stderr
    assert "imported 1 entry" in done.stdout and "CC-BY-4.0" in done.stdout
    page = second.api("GET", f"/bibliotheek/{entry_id}?lang=nl").text
    assert "Oogstmaaltijd elke maand in het buurthuis." in page
    assert (
        f"{first.url}/bibliotheek" in page and "Uit een andere bibliotheek" not in page
    )  # entry page names the source
    assert "Dit initiatief komt uit een andere bibliotheek" in page
    assert "Voorgoed terugtrekken" not in page  # read-only: nobody here withdraws another's entry
    assert "Hoe beginnen we?" in second.api("GET", "/bibliotheek?q=oogstmaaltijd").text

    again = _import(second, path)
    assert again.returncode == 0 and "imported 0 entries" in again.stdout and "1 already here" in again.stdout
    theirs = second.api("GET", "/bibliotheek/export.json").json()
    assert theirs["counts"] == {"entries": 1, "local": 0, "imported": 1, "in_export": 1}
    assert theirs["entries"][0]["source"] == f"{first.url}/bibliotheek"
    mine = json.loads(path.read_text())["entries"][0]
    for field in ("id", "title", "general_issues", "location", "start_date", "outcomes", "targeted_participants"):
        assert theirs["entries"][0][field] == mine[field], field

    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps({"entries": [{"id": "x"}]}))
    refused = _import(second, broken)
    assert refused.returncode == 1 and "no library export" in refused.stderr
