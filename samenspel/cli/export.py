"""``samenspel export CODE --format F [-o FILE]``: one session's plan as a file.

Text formats (md, csv, ics, json, html) go to standard output without -o; binary ones
(pdf, docx) are then written to their usual file name in the current folder. ``-o -``
forces standard output. No web server is started: the plan use case reads the database.
"""

from __future__ import annotations

import os
import sys
from typing import TextIO

from samenspel.export import FORMATS, filename, render
from samenspel.rules.model import DEFAULT_LANGUAGE, LANGUAGES


def main_export(
    code: str,
    fmt: str,
    output: str | None,
    *,
    lang: str = DEFAULT_LANGUAGE,
    anonymous: bool = False,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    """Write the plan of session ``code``; return the exit status (0 ok, 1 not found, 2 usage)."""
    stdout, stderr = stdout or sys.stdout, stderr or sys.stderr
    if fmt not in FORMATS:
        print(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}", file=stderr)
        return 2
    if lang not in LANGUAGES:
        print(f"unknown language {lang!r}; choose {' or '.join(LANGUAGES)}", file=stderr)
        return 2

    from samenspel.cli import standalone
    from samenspel.engine.errors import Rejected
    from samenspel.services import plan

    ctx = standalone()
    try:
        row = plan.find(ctx, code)
        if row is None:
            print(f"no session with code {code!r} in {ctx.config['DATABASE_URL']}", file=stderr)
            return 1
        document = plan.document(ctx, row.id, lang, anonymous=anonymous)
    except Rejected as rejected:
        print(f"cannot export: {rejected}", file=stderr)
        return 1
    finally:
        ctx.database.dispose()
    body = render(document, fmt)

    if output == "-" or (output is None and FORMATS[fmt].text):
        stream = getattr(stdout, "buffer", None)
        if stream is not None:
            stream.write(body)
            stream.flush()
        else:
            stdout.write(body.decode("utf-8"))
        return 0
    path = output or filename(document, fmt)
    tmp = f"{path}.part"
    with open(tmp, "wb") as handle:
        handle.write(body)
    os.replace(tmp, path)
    print(f"{path} ({len(body):,} bytes)", file=stderr)
    return 0
