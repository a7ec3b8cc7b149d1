"""Static files as a phone should get them: content-hashed names, compressed once (gzip and
brotli), cached for good.

Why: a phone in a hall on a crowded Wi-Fi should load a page once and never ask again for a
file it has. Every file under ``static/`` gets a second name with a hash of its content
(``js/phone.js`` → ``js/phone.3f2a9c1b0d4e.js``); a new version is a new name, so the hashed
name can be cached as ``immutable`` for a year and a reload asks for nothing but the page.

How (docs/static-files.md has the whole design):

- ``build()`` reads ``static/`` at start (and in ``scripts/setup``), hashes every file, and
  writes ``<name>.<hash>.<ext>`` plus ``.gz`` and ``.br`` beside it into a build folder.
  The folder is content-addressed: a file is written only when its name is missing, never
  rewritten, so processes and checkouts can share it, and a stale copy cannot exist.
- WhiteNoise serves the build folder under ``/static/`` (older names too, so a page opened
  before a restart still finds the module it loads later) with
  ``Cache-Control: max-age=…, public, immutable``, picking the ``.br``/``.gz`` variant from
  ``Accept-Encoding``. Any other ``/static/`` URL (the plain names) falls through to
  Flask's static view, which asks the browser to revalidate.
- ``url_for('static', filename=…)`` gives the hashed URL (a ``url_defaults`` hook), so the
  templates name plain files.
- The ES modules import each other by plain relative names and load mechanics by key
  (``import(`./${key}.js`)``); an import map in each page that runs scripts maps every
  module's plain URL to its hashed one. A browser without import maps loads the plain URLs,
  which still work (revalidated instead of cached for good). The map is an inline script,
  allowed by its hash in the Content-Security-Policy.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from samenspel.config import PROJECT_ROOT

if TYPE_CHECKING:  # the wheel's build hook (hatch_build.py) runs build() without Flask
    from flask import Flask

SOURCE = PROJECT_ROOT / "static"
#: the build folder; beside the sources when writable, else in the instance folder
BUILD = PROJECT_ROOT / "build" / "static"
HASH_CHARS = 12
#: worth compressing (text); images like PNG are compressed already
COMPRESSIBLE = {".js", ".mjs", ".css", ".svg", ".json", ".txt", ".html", ".xml", ".ico"}
#: under static/ but never loaded by a page: the accessibility checker the browser tests
#: inject, and the record of the vendored files (scripts/vendor.py)
NOT_FOR_PAGES = {"vendor/axe.min.js", "vendor/manifest.json"}
#: how long a hashed file may be cached (WhiteNoise's "forever": ten years)
FOREVER = 10 * 365 * 24 * 3600


@dataclass(frozen=True)
class Manifest:
    """Plain name under static/ → hashed name, both relative (``js/phone.js``)."""

    names: dict[str, str]
    folder: Path

    def import_map(self, prefix: str = "/static/") -> str:
        """The import map's JSON: every module's plain URL → its hashed URL."""
        imports = {
            prefix + plain: prefix + hashed for plain, hashed in sorted(self.names.items()) if plain.endswith(".js")
        }
        # "<" never occurs in a file name we serve, but an inline script must not contain "</"
        return json.dumps({"imports": imports}, separators=(",", ":")).replace("<", "\\u003c")


def served(name: str) -> bool:
    """Files a page may load: not hidden, not a source map or compressed variant, no licence."""
    path = PurePosixPath(name)
    return (
        not any(part.startswith(".") for part in path.parts)
        and path.suffix not in {".map", ".gz", ".br", ".tmp"}
        and "LICENSE" not in path.name
        and name not in NOT_FOR_PAGES
    )


def hashed_name(name: str, content: bytes) -> str:
    path = PurePosixPath(name)
    digest = hashlib.sha256(content).hexdigest()[:HASH_CHARS]
    return str(path.with_name(f"{path.stem}.{digest}{path.suffix}"))


def build(source: Path = SOURCE, folder: Path = BUILD) -> Manifest:
    """Hash every served file under ``source`` and write what is missing into ``folder``:
    the hashed copy and, for text, its ``.gz`` and ``.br``. Raises OSError if ``folder``
    cannot be written and something is missing."""
    import brotli

    names = {}
    for path in sorted(p for p in source.rglob("*") if p.is_file()):
        name = path.relative_to(source).as_posix()
        if not served(name):
            continue
        content = minified(path)
        names[name] = hashed = hashed_name(name, content)
        target = folder / hashed
        if path.suffix in COMPRESSIBLE:
            _write_once(target.with_name(target.name + ".gz"), lambda c=content: gzip.compress(c, 9, mtime=0))
            _write_once(target.with_name(target.name + ".br"), lambda c=content: brotli.compress(c, quality=11))
        _write_once(target, lambda c=content: c)  # last: a hashed file present has its variants
    return Manifest(names, folder)


def minified(path: Path) -> bytes:
    """A file's bytes as served: style sheets without comments and layout whitespace (a
    phone's first page stays small; rcssmin keeps every rule). Scripts stay as written: they
    are ES modules, and the hashed copy is what a browser's debugger shows."""
    content = path.read_bytes()
    if path.suffix == ".css":
        import rcssmin

        return rcssmin.cssmin(content)
    return content


def _write_once(target: Path, content) -> None:
    """Write ``content()`` to ``target`` unless it exists; atomic, so a process starting at
    the same time never serves half a file."""
    if target.exists():
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f"{target.name}.{os.getpid()}.tmp")
    partial.write_bytes(content())
    partial.replace(target)


def csp_source(text: str) -> str:
    """The Content-Security-Policy source allowing exactly this inline script."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def init_app(app: Flask) -> Manifest:
    """Build (what is missing), serve the hashed files through WhiteNoise, hand templates the
    hashed URLs and the import map, and allow the map in the CSP."""
    from markupsafe import Markup
    from whitenoise import WhiteNoise

    from samenspel.web.security import HEADERS

    try:
        manifest = build()
    except OSError:  # a read-only installation: build into the instance folder instead
        manifest = build(folder=Path(app.instance_path) / "static")
    prefix = (app.static_url_path or "/static").rstrip("/") + "/"
    import_map = manifest.import_map(prefix)
    app.config["CSP_SCRIPT_SOURCES"] = csp_source(import_map)
    app.jinja_env.globals["import_map"] = Markup(f'<script type="importmap">{import_map}</script>')

    @app.url_defaults
    def hashed_static(endpoint, values):
        if endpoint == "static" and values.get("filename") in manifest.names:
            values["filename"] = manifest.names[values["filename"]]

    def add_headers(headers, path, url):
        for name, value in HEADERS.items():
            headers.setdefault(name, value)

    app.wsgi_app = WhiteNoise(
        app.wsgi_app,
        root=str(manifest.folder),
        prefix=prefix,
        max_age=FOREVER,
        allow_all_origins=False,
        add_headers_function=add_headers,
        immutable_file_test=lambda path, url: True,  # the build folder holds hashed names only
    )
    return manifest


if __name__ == "__main__":  # scripts/setup: compress at setup time, not on the first start
    built = build()
    print(f"static files: {len(built.names)} hashed and compressed in {built.folder}")
