"""The ``samenspel`` command (the command-line adapter): serve, rules check, db upgrade,
export, purge, library import. It calls the use cases (samenspel/services) and never the
other adapters.

Parsing happens before anything heavy is imported, so ``serve`` can monkey-patch the
standard library for gevent or eventlet first, as those libraries require.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys

from samenspel.rules.model import DEFAULT_LANGUAGE, LANGUAGES  # plain data: safe before monkey-patching


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="samenspel", description="Het Nieuwe Samenspel, live.")
    commands = parser.add_subparsers(dest="command", required=True)

    serve = commands.add_parser("serve", help="run the app (embedded SQLite unless configured)")
    serve.add_argument("--host", default=os.environ.get("SAMENSPEL_HOST", "0.0.0.0"))
    serve.add_argument("--port", type=int, default=int(os.environ.get("SAMENSPEL_PORT", "5000")))
    serve.add_argument(
        "--async-mode",
        choices=("gevent", "eventlet", "threading"),
        default=os.environ.get("SAMENSPEL_ASYNC_MODE", "gevent"),
    )

    rules = commands.add_parser("rules", help="work with rules files")
    rules_commands = rules.add_subparsers(dest="rules_command", required=True)
    check = rules_commands.add_parser("check", help="validate rules files")
    check.add_argument("paths", nargs="+")

    database = commands.add_parser("db", help="database maintenance")
    database_commands = database.add_subparsers(dest="db_command", required=True)
    database_commands.add_parser("upgrade", help="apply schema migrations")

    export = commands.add_parser("export", help="write a session's action plan to a file")
    export.add_argument("code")
    export.add_argument(
        "--format", "-f", dest="fmt", default="pdf", choices=("pdf", "docx", "md", "csv", "ics", "json", "html")
    )
    export.add_argument("-o", "--output", help="file to write (default: stdout for text formats)")
    export.add_argument("--lang", choices=LANGUAGES, default=DEFAULT_LANGUAGE)
    export.add_argument("--anonymous", action="store_true", help="participants as counts per role")

    books = commands.add_parser("library", help="the library of played initiatives")
    books_commands = books.add_subparsers(dest="library_command", required=True)
    importing = books_commands.add_parser("import", help="load another instance's export.json (read-only)")
    importing.add_argument("file")

    purge = commands.add_parser(
        "purge", help="delete initiatives (all their sessions) without activity in the retention period"
    )
    purge.add_argument(
        "--days", type=int, default=None, help="retention in days (default: SAMENSPEL_RETENTION_DAYS, 90)"
    )
    return parser


def _patch(async_mode: str) -> None:
    if async_mode == "gevent":
        from gevent import monkey

        monkey.patch_all()
    elif async_mode == "eventlet":
        import eventlet

        eventlet.monkey_patch()
        # psycopg waits for PostgreSQL in C (poll), which eventlet cannot make cooperative:
        # every query would stop the whole process. psycopg detects gevent's patching by
        # itself, not eventlet's; its select() wait is patched by eventlet.
        os.environ.setdefault("PSYCOPG_WAIT_FUNC", "wait_select")


def serve(args) -> int:
    os.environ["SAMENSPEL_ASYNC_MODE"] = args.async_mode
    _patch(args.async_mode)
    from samenspel.app import create_app, phones_address, run

    app = create_app()
    logging.getLogger("geventwebsocket.handler").setLevel(logging.WARNING)  # one line per request otherwise
    local = f"http://localhost:{args.port}/"
    lan = phones_address(app, args.port) or local
    print(
        f"Samenspel is running.\n  Facilitator (this computer): {local}\n"
        f"  Phones join at:              {lan.rstrip('/')}/j\n"
        f"  Database: {app.config['DATABASE_URL']}  ·  async mode: {args.async_mode}",
        flush=True,
    )
    run(app, host=args.host, port=args.port)
    return 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "serve":
        return serve(args)
    if args.command == "rules":
        from samenspel.rules.check import main_check

        return main_check(args.paths, sys.stdout)
    if args.command == "db":
        from samenspel.config import load_settings
        from samenspel.services.context import upgraded_database

        upgraded_database(load_settings()["DATABASE_URL"]).dispose()
        print("database is up to date")
        return 0
    if args.command == "purge":
        return purge(args.days)
    if args.command == "library":
        from samenspel.cli.library import main_import

        ctx = standalone()
        try:
            return main_import(args.file, ctx)
        finally:
            ctx.database.dispose()
    if args.command == "export":
        from samenspel.cli.export import main_export

        return main_export(args.code, args.fmt, args.output, lang=args.lang, anonymous=args.anonymous)
    return 2


def standalone():
    """The use cases' context for a command: no web server, no sockets."""
    from samenspel.config import load_settings
    from samenspel.services import context

    return context.standalone(load_settings())


def purge(days: int | None) -> int:
    from samenspel.services.housekeeping import purge as purge_sessions

    ctx = standalone()
    days = ctx.config["RETENTION_DAYS"] if days is None else days
    try:
        codes = purge_sessions(ctx, older_than_days=days)
    finally:
        ctx.database.dispose()
    listed = f": {', '.join(codes)}" if codes else ""
    print(f"deleted {len(codes)} session(s) of initiatives without activity for {days} days{listed}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
