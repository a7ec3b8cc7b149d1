"""Wheel build hook (hatchling): what `pip install .` needs besides the sources.

- The translations compiled (.mo), so an installed app never has to write into its own
  package folder (samenspel/i18n.py compiles only what is missing or older).
- The static files hashed and compressed (samenspel/web/assets.py), so the first start does
  not have to do it either: they go in as samenspel/_data/build/static/.

An editable install (`pip install -e .`, scripts/setup) uses the repository itself and
needs neither."""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CustomBuildHook(BuildHookInterface):
    def initialize(self, version, build_data):
        if self.target_name != "wheel" or version == "editable":
            return
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        root = Path(self.root)
        self.out = Path(tempfile.mkdtemp(prefix="samenspel-wheel-"))
        for po_path in sorted((root / "samenspel" / "translations").glob("*/LC_MESSAGES/*.po")):
            relative = po_path.relative_to(root).with_suffix(".mo")
            with po_path.open("rb") as po_file:
                catalog = read_po(po_file, locale=po_path.parent.parent.name)
            (self.out / relative).parent.mkdir(parents=True, exist_ok=True)
            with (self.out / relative).open("wb") as mo_file:
                write_mo(mo_file, catalog)
            build_data["force_include"][str(self.out / relative)] = relative.as_posix()

        sys.path.insert(0, str(root))
        try:
            from samenspel.web.assets import build
        finally:
            sys.path.remove(str(root))
        build(root / "static", self.out / "static")
        build_data["force_include"][str(self.out / "static")] = "samenspel/_data/build/static"

    def finalize(self, version, build_data, artifact_path):
        if getattr(self, "out", None):
            shutil.rmtree(self.out, ignore_errors=True)
