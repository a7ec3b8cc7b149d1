"""`pip install .` gives a working `samenspel serve` outside the checkout: the wheel carries
the templates, static files (hashed and compressed), games and compiled translations
(pyproject.toml, hatch_build.py; samenspel/config.py finds them in samenspel/_data).

The wheel is built from this checkout and installed into a fresh venv in a temporary folder,
then served from another folder: a session is created, a player joins, the join page is in
Dutch (the compiled catalogue) and its static files come hashed and compressed. No network:
the wheel is built without build isolation (hatchling is in the test extras), and the fresh
venv borrows the third-party packages of the test venv through a .pth line (which, unlike
the test venv itself, does not put the checkout on the path)."""

from __future__ import annotations

import re
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

from tests.support.server import ROOT, ServerProcess

pytestmark = pytest.mark.server


def run(*command, cwd: Path) -> str:
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, f"{command}:\n{done.stdout}\n{done.stderr}"
    return done.stdout


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """A fresh venv with the wheel of this checkout installed; returns its bin folder."""
    folder = tmp_path_factory.mktemp("wheel")
    run(
        sys.executable,
        "-m",
        "pip",
        "wheel",
        "--no-deps",
        "--no-build-isolation",
        "-w",
        folder / "dist",
        ROOT,
        cwd=folder,
    )
    (wheel,) = (folder / "dist").glob("samenspel-*.whl")
    venv.create(folder / "venv", with_pip=False)
    bin_dir = folder / "venv" / "bin"
    target = Path(
        run(bin_dir / "python", "-c", "import sysconfig; print(sysconfig.get_path('purelib'))", cwd=folder).strip()
    )
    (target / "borrowed.pth").write_text(sysconfig.get_path("purelib") + "\n")
    run(
        sys.executable,
        "-m",
        "pip",
        "--python",
        bin_dir / "python",
        "install",
        "--no-deps",
        "--no-index",
        wheel,
        cwd=folder,
    )
    return bin_dir


def test_the_installed_wheel_serves_a_session_outside_the_checkout(installed, tmp_path):
    located = run(
        installed / "python", "-c", "import samenspel.config as c; print(c.__file__, c.PROJECT_ROOT)", cwd=tmp_path
    )
    assert str(ROOT) not in located and "site-packages" in located, located
    package = Path(located.split()[0]).parent
    files_before = sorted(p for p in package.rglob("*") if "__pycache__" not in p.parts)

    server = ServerProcess(tmp_path / "instance", program=[str(installed / "samenspel")], cwd=tmp_path).start(
        timeout=60
    )
    try:
        created = server.api(
            "POST", "/api/sessions", json={"game": "het-nieuwe-samenspel", "title": "Moestuin", "question": "Hoe?"}
        )
        assert created.status_code == 201, created.text
        code = created.json()["code"]
        joined = server.api("POST", f"/api/sessions/{code}/participants", json={"name": "Fatima", "role": "inwoner"})
        assert joined.status_code == 201, joined.text

        page = server.api("GET", f"/j/{code}")
        assert page.status_code == 200 and '<html lang="nl"' in page.text
        assert "Verder" in page.text  # Dutch from the compiled catalogue the wheel carries
        script = re.search(r'src="(/static/js/phone\.[0-9a-f]{12}\.js)"', page.text).group(1)
        static = server.api("GET", script, headers={"Accept-Encoding": "br"})
        assert static.status_code == 200 and static.headers["Content-Encoding"] == "br"
        assert "immutable" in static.headers["Cache-Control"]
        assert static.content == (ROOT / "static" / "js" / "phone.js").read_bytes()  # requests decoded it
    finally:
        server.stop()
    assert (tmp_path / "instance" / "samenspel.sqlite3").exists()
    # everything came built: nothing compiled or compressed into the package, or the instance
    assert sorted(p for p in package.rglob("*") if "__pycache__" not in p.parts) == files_before
    assert not (tmp_path / "instance" / "static").exists()
