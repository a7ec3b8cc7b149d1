"""The facilitator's review before publishing in the library (issue 14), as plain forms at
``/s/<code>/publish?key=…``: choose the theme and the municipality, read every text the
library would carry with the automatic checks' flags, edit it, leave it out or keep it as
written; then ask everyone (``publish:propose``: every phone gets ``publish:ask``), answer
for those without a phone, and publish when nobody objected (``publish:confirm``). The
same use cases as the socket events (services/consent.py); the phones are told through
the same sender."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, request, url_for
from flask_babel import gettext as _

from samenspel.engine.errors import Rejected
from samenspel.engine.library.themes import THEMES, label
from samenspel.engine.views import FACILITATOR
from samenspel.i18n import current_language
from samenspel.services import consent, context
from samenspel.services.unit import ActorRef
from samenspel.web.shared import facilitator_required

bp = Blueprint("publish", __name__)


def _ref(session) -> ActorRef:
    return ActorRef(session.id, FACILITATOR, lang=current_language())


def _back(session, key: str, **args):
    return redirect(url_for("publish.review", code=session.code, key=key, **args) + "#publish", code=303)


@bp.get("/s/<code>/publish")
@facilitator_required
def review(session, key: str):
    found = consent.review(context.current(), _ref(session))
    lang = current_language()
    proposal = found["proposal"]
    choices = proposal["choices"] if proposal else {}
    return render_template(
        "library/publish.html",
        session=session,
        key=key,
        texts=[(t, text_label(t.key)) for t in found["texts"] if t.key != "municipality"],
        proposal=proposal,
        edits=choices.get("edits") or {},
        theme=choices.get("theme") or "",
        municipality=choices.get("municipality") or found["municipality"],
        themes=[(k, label(k, lang)) for k in THEMES],
        done=request.args.get("done"),
        problem=request.args.get("problem"),
    )


def text_label(key: str) -> str:
    """A text's key (engine/library/publish.py) as the facilitator reads it."""
    parts = key.split(".")
    number = int(parts[1]) + 1 if len(parts) > 1 and parts[1].isdigit() else 0
    if parts[0] == "question":
        return _("Question")
    if parts[0] == "dream":
        return _("Dream, line %(n)d", n=number)
    if parts[0] == "ideas":
        return _("Chosen idea %(n)d", n=number)
    if parts[0] == "lessons":
        return _("Lesson %(n)d", n=number)
    if parts[0] == "path" and len(parts) > 2 and parts[2] == "partners":
        return _("Step %(n)d: partner %(m)d", n=number, m=int(parts[3]) + 1)
    if parts[0] == "path":
        return _("Step %(n)d: what", n=number)
    return key


@bp.post("/s/<code>/publish")
@facilitator_required
def propose(session, key: str):
    form = request.form
    edits = {}
    for name in form:
        if not name.startswith("text."):
            continue
        text_key = name.removeprefix("text.")
        edit = {}
        if form.get(f"omit.{text_key}"):
            edit["omit"] = True
        if form.get(f"keep.{text_key}"):
            edit["keep"] = True
        if form.get(name, "").strip() != form.get(f"was.{text_key}", "").strip():
            edit["text"] = form.get(name, "")
        if edit:
            edits[text_key] = edit
    payload = {"theme": form.get("theme"), "municipality": (form.get("municipality") or "").strip(), "edits": edits}
    return _run(session, key, consent.propose, payload)


@bp.post("/s/<code>/publish/proxy")
@facilitator_required
def proxy(session, key: str):
    participant = request.form.get("participant", "")
    payload = {"participant": int(participant) if participant.isdigit() else None}
    payload["agree"] = request.form.get("agree") == "1"
    payload["proposal"] = request.form.get("proposal") or None  # the question the page showed: else stale
    return _run(session, key, consent.consent, payload)


@bp.post("/s/<code>/publish/confirm")
@facilitator_required
def confirm(session, key: str):
    ctx = context.current()
    try:
        outcome = consent.confirm(ctx, _ref(session), {})
    except Rejected as rejected:
        return _back(session, key, problem=rejected.code)
    ctx.send(outcome, None)
    return redirect(url_for("library.entry", entry_id=outcome.ack["id"]), code=303)


def _run(session, key: str, use_case, payload):
    ctx = context.current()
    try:
        outcome = use_case(ctx, _ref(session), payload)
    except Rejected as rejected:
        return _back(session, key, problem=rejected.code)
    ctx.send(outcome, None)
    return _back(session, key, done="1")
