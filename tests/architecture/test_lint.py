"""The code is ruff clean, lint and format (configured in pyproject.toml), so every run of
the test command (and so CI) checks it."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import require
from tests.support.browser import ROOT


def ruff() -> str | None:
    beside = Path(sys.executable).with_name("ruff")
    return str(beside) if beside.exists() else shutil.which("ruff")


@pytest.mark.parametrize("command", [["check", "."], ["format", "--check", "."]], ids=["lint", "format"])
def test_ruff_is_clean(command):
    binary = ruff()
    require(binary is not None, "ruff is not installed (pip install -e '.[test]')")
    result = subprocess.run([binary, *command], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
