"""Copy the browser libraries from node_modules/ into static/vendor/ and record where each
file came from in static/vendor/manifest.json: the npm package, its version and the
tarball's integrity (as in package-lock.json), the file's path inside the tarball and the
file's sha256. tests/web/test_vendor.py checks the committed files against that record
without a network.

    python3 scripts/vendor.py          after `npm ci` (scripts/vendor.sh runs both)
    python3 scripts/vendor.py --check  fetch the tarballs with `npm pack` (network), check
                                       their integrity against package-lock.json and the
                                       committed files against the files inside them
"""

from __future__ import annotations

import base64
import hashlib
import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENDOR = ROOT / "static" / "vendor"
MANIFEST = VENDOR / "manifest.json"
LOCK = ROOT / "package-lock.json"

# file in static/vendor/ -> (npm package, path inside the package's tarball)
FILES = {
    "socket.io.esm.min.js": ("socket.io-client", "package/dist/socket.io.esm.min.js"),
    "socket.io-client.LICENSE": ("socket.io-client", "package/LICENSE"),
    "axe.min.js": ("axe-core", "package/axe.min.js"),
    "axe-core.LICENSE": ("axe-core", "package/LICENSE"),
}


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def locked(package: str) -> dict:
    return json.loads(LOCK.read_text())["packages"][f"node_modules/{package}"]


def write() -> None:
    files = {}
    for name, (package, inside) in FILES.items():
        source = ROOT / "node_modules" / package / inside.removeprefix("package/")
        shutil.copyfile(source, VENDOR / name)
        lock = locked(package)
        files[name] = {
            "package": package,
            "version": lock["version"],
            "integrity": lock["integrity"],
            "source": inside,
            "sha256": sha256(source.read_bytes()),
        }
    about = "Written by scripts/vendor.py: each file's npm package, tarball integrity, path in the tarball, sha256."
    MANIFEST.write_text(json.dumps({"about": about, "files": files}, indent=2) + "\n")
    print(f"vendored into {VENDOR.relative_to(ROOT)}/: {', '.join(files)}")


def check() -> int:
    manifest = json.loads(MANIFEST.read_text())["files"]
    problems = []
    with tempfile.TemporaryDirectory() as folder:
        for package in sorted({entry["package"] for entry in manifest.values()}):
            lock = locked(package)
            packed = subprocess.run(
                ["npm", "pack", f"{package}@{lock['version']}", "--json", "--pack-destination", folder],
                check=True,
                capture_output=True,
                text=True,
            )
            tarball = Path(folder) / json.loads(packed.stdout)[0]["filename"]
            data = tarball.read_bytes()
            integrity = "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode()
            if integrity != lock["integrity"]:
                problems.append(f"{package}: the tarball's integrity {integrity} is not the lock's")
            with tarfile.open(tarball) as archive:
                for name, entry in manifest.items():
                    if entry["package"] == package:
                        inside = archive.extractfile(entry["source"]).read()
                        if sha256(inside) != entry["sha256"] or sha256((VENDOR / name).read_bytes()) != entry["sha256"]:
                            problems.append(f"{name} is not {entry['source']} of {package} {lock['version']}")
    print("\n".join(problems) or "the vendored files are the files of the locked tarballs")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(check() if "--check" in sys.argv else write())
