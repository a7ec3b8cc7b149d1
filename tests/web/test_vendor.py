"""The browser libraries are committed (static/vendor/) so running needs Python alone; they
must be exactly the versions package-lock.json pins. static/vendor/manifest.json (written by
scripts/vendor.py after `npm ci`, which checks each tarball against the lock's integrity)
records for every vendored file its package, version, tarball integrity, path in the tarball
and sha256. Offline, this checks the chain lock → manifest → file; `sh scripts/vendor.sh
--check` also fetches the tarballs and checks them (network, not part of the suite)."""

from __future__ import annotations

import hashlib
import json

from samenspel.config import PROJECT_ROOT

VENDOR = PROJECT_ROOT / "static" / "vendor"
MANIFEST = json.loads((VENDOR / "manifest.json").read_text())["files"]
LOCK = json.loads((PROJECT_ROOT / "package-lock.json").read_text())
PACKAGE = json.loads((PROJECT_ROOT / "package.json").read_text())


def test_every_vendored_file_is_the_recorded_file():
    for name, entry in MANIFEST.items():
        assert hashlib.sha256((VENDOR / name).read_bytes()).hexdigest() == entry["sha256"], f"static/vendor/{name}"


def test_the_recorded_packages_are_the_locked_versions():
    for name, entry in MANIFEST.items():
        locked = LOCK["packages"][f"node_modules/{entry['package']}"]
        assert (entry["version"], entry["integrity"]) == (locked["version"], locked["integrity"]), name
        assert entry["integrity"].startswith("sha512-")


def test_every_dependency_is_vendored_with_its_licence_and_nothing_else_is_there():
    packages = {entry["package"] for entry in MANIFEST.values()}
    assert packages == set(PACKAGE["dependencies"]) == set(LOCK["packages"][""]["dependencies"])
    for package in packages:
        assert PACKAGE["dependencies"][package] == LOCK["packages"][f"node_modules/{package}"]["version"]
        assert any(e["package"] == package and e["source"] == "package/LICENSE" for e in MANIFEST.values()), package
    present = {p.name for p in VENDOR.iterdir() if not p.name.startswith(".") and p.suffix != ".map"}
    assert present == set(MANIFEST) | {"manifest.json"}
