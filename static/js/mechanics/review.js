// The "review" mechanic: a follow-up session goes through the steps of the action path one at
// a time. The projector shows the step the facilitator is at (the round's summary `current`;
// the console moves it with review_next / review_prev); on the phone the player sets that
// step's status with a note, offers help ("Ik help mee"), takes a stuck step over or gives it
// a new date. The steps are the plan round's items (summary `steps_from`); every limit comes
// from the summary (`note_max`, `owner_max`, the plan's `fields`).
import { el, replace } from "../dom.js";
import { t } from "../i18n.js";
import { summaryOf, isOpen } from "../socket.js";
import { outboxFor, showProgress } from "../outbox.js";
import { statusText, statusBadge } from "./step-status.js";
import { formatDate, partnersText } from "./plan-table.js";

const FINISHED = ["done", "dropped"];

/** The walk: the steps in order, and the one on the projector. */
export function walkOf(state, round) {
  const summary = summaryOf(state, round.id);
  const byId = new Map(state.items.filter((i) => i.kind === "step").map((i) => [i.id, i]));
  const steps = (summary.order || []).map((id) => byId.get(id)).filter(Boolean);
  const current = byId.get(summary.current) || steps[0] || null;
  return { summary, steps, current, position: current ? steps.indexOf(current) + 1 : 0 };
}

/** What the review made of a step: its status before the review, who helps. */
function reviewedIn(step, round) {
  const record = step.reviewed;
  return record && record.item === step.id && record.round === round.id ? record : null;
}

/** The step as a card: what, owner, date, partners, status (and what it was). */
function stepCard(step, round, className) {
  const record = reviewedIn(step, round);
  const status = step.status || "not_started";
  const before = record && record.before.status !== status ? record.before.status : null;
  const facts = [
    [t("field_owner"), step.owner || t("owner_open")],
    [t("field_due"), formatDate(step.due) || "—"],
    [t("field_partners"), partnersText(step) || "—"],
  ];
  return el("article", { class: ["review-step", className, `is-${status}`] },
    el("p", { class: "review-what", dir: "auto" }, step.what),
    el("p", { class: "review-status" },
      statusBadge(status),
      before ? el("span", { class: "review-was" }, t("review_was", { status: statusText(before) })) : null),
    el("dl", { class: "review-facts" }, facts.flatMap(([k, v]) => [el("dt", {}, k), el("dd", { dir: "auto" }, v)])));
}

/** The console may answer for someone without a phone (console-proxies.js). */
export const proxyInput = true;

// --- phone --------------------------------------------------------------------------------

export function phoneView(ctx) {
  const { live, round, code } = ctx;
  const box = outboxFor(live, code);
  const ours = (e) => e.event.startsWith("review:") && e.payload.round_id === round.id;
  let state = live.state;
  let shownStep = null;

  const heading = el("p", { class: "eyebrow review-position" });
  const card = el("div");
  const status = el("p", { class: "save-status", role: "status" });
  const statusName = `review-status-${round.id}`;
  const choices = el("fieldset", { class: "review-choices" }, el("legend", {}, t("review_set_status")));
  const note = el("textarea", { id: `review-note-${round.id}`, rows: 2 });
  const noteLabel = el("label", { for: note.id }, t("review_note_label"));
  const save = el("button", { class: "btn btn-primary", type: "button", onclick: sendStatus }, t("review_save_status"));
  const statusForm = el("div", { class: "review-form" }, choices, noteLabel, note, save);
  const helpButton = el("button", { class: "btn", type: "button", onclick: toggleHelp });
  const helping = el("p", { class: "hint", hidden: true }, t("review_helping"));
  const take = el("button", { class: "btn", type: "button", onclick: () => send("reassign", { take: true }) },
    t("review_take"));
  const due = el("input", { type: "date", id: `review-due-${round.id}` });
  const dueLabel = el("label", { for: due.id }, t("review_new_date"));
  const dueSave = el("button", { class: "btn btn-small", type: "button",
    onclick: () => due.value && send("reassign", { due: due.value }) }, t("review_save_date"));
  const reassign = el("div", { class: "review-reassign" }, take, dueLabel, due, dueSave);
  const empty = el("p", { class: "closed-note", hidden: true }, t("review_no_steps"));
  const node = el("div", { class: "mechanic mechanic-review" }, heading, empty, card, statusForm,
    el("div", { class: "review-help" }, helpButton, helping), reassign, status);

  for (const value of (summaryOf(state, round.id).statuses || [])) {
    const id = `${statusName}-${value}`;
    choices.append(el("div", { class: "choice" },
      el("input", { type: "radio", name: statusName, id, value }), el("label", { for: id }, statusText(value))));
  }

  const myId = () => (live.state && live.state.me && live.state.me.id) || null;

  function send(verb, payload) {
    if (!shownStep) return;
    box.put({ event: `review:${verb}`, payload: { round_id: round.id, step_id: shownStep.id, ...payload },
      key: `review:${verb}:${shownStep.id}` });
  }
  function sendStatus() {
    const picked = choices.querySelector("input:checked");
    if (!picked) return;
    send("status", { status: picked.value, note: note.value });
    note.value = "";
  }
  function toggleHelp() {
    const record = shownStep && reviewedIn(shownStep, round);
    const mine = Boolean(record && record.helpers.some((h) => h.id === myId()));
    send("help", { help: !mine });
  }

  function render() {
    state = live.state || state;
    const { summary, steps, current, position } = walkOf(state, round);
    const open = isOpen(state, round);
    empty.hidden = Boolean(current);
    heading.textContent = current ? t("review_step_of", { n: position, total: steps.length }) : "";
    note.maxLength = summary.note_max || 280;
    if (!current) { replace(card); shownStep = null; return; }
    if (!shownStep || shownStep.id !== current.id) {
      note.value = "";
      for (const input of choices.querySelectorAll("input")) input.checked = input.value === (current.status || "not_started");
    }
    shownStep = current;
    replace(card, stepCard(current, round, "review-step-phone"));
    const record = reviewedIn(current, round);
    const mine = Boolean(record && record.helpers.some((h) => h.id === myId()));
    const finished = FINISHED.includes(current.status);
    const fields = summary.fields || [];
    helpButton.textContent = mine ? t("review_help_undo") : t("review_help");
    const me = live.state && live.state.me;
    // by id when someone took the step on (or took it back through their own link);
    // by name only for a step named after someone (engine/mechanics/review.py _is_owner)
    const owner = Boolean(me && (current.owner_id != null ? current.owner_id === me.id
      : current.owner && me.name && current.owner.toLowerCase() === me.name.toLowerCase()));
    helpButton.hidden = !round.settings.help || owner || (finished && !mine) || !fields.includes("partners");
    helping.hidden = !mine;
    reassign.hidden = finished;
    take.hidden = !fields.includes("owner");
    for (const n of [dueLabel, due, dueSave]) n.hidden = !fields.includes("due");
    for (const n of [save, helpButton, take, dueSave, note]) n.disabled = !open;
  }

  const stopProgress = showProgress(box, status, { filter: ours, onEvent: () => render() });
  function update(next) {
    state = next;
    render();
    box.flush();
  }
  update(state);
  return { node, update, destroy: stopProgress };
}

// --- projector ----------------------------------------------------------------------------

export function projectorView(ctx) {
  const { round } = ctx;
  const head = el("p", { class: "eyebrow review-position" });
  const body = el("div", { class: "review-wall" });
  const node = el("div", { class: "mechanic mechanic-review" }, head, body);
  function update(state) {
    const { summary, steps, current, position } = walkOf(state, round);
    if (!current) {
      head.textContent = "";
      replace(body, el("p", { class: "closed-note" }, t("review_no_steps")));
      return;
    }
    const done = (summary.reviewed || []).length;
    head.textContent = `${t("review_step_of", { n: position, total: steps.length })} · ${
      t("review_reviewed", { n: done, total: steps.length })}`;
    const record = reviewedIn(current, round);
    const helpers = record ? record.helpers.map((h) => h.name) : [];
    const notes = (current.history || []).filter((h) => record && h.at >= record.at && h.note).map((h) => h.note);
    replace(body, stepCard(current, round, "review-step-wall"),
      helpers.length ? el("p", { class: "review-helpers" }, t("review_helpers", { names: helpers.join(", ") })) : null,
      notes.length ? el("ul", { class: "review-notes" }, notes.map((n) => el("li", { dir: "auto" }, n))) : null);
  }
  update(ctx.live.state);
  return { node, update };
}

// --- console ------------------------------------------------------------------------------

/** Every step with its status; the facilitator moves the projector to the next or previous one. */
export function consoleView(ctx) {
  const { live, round } = ctx;
  const error = el("p", { class: "error", role: "alert" });
  const move = async (action) => {
    const ack = await live.request("control", { action });
    error.textContent = ack && ack.ok ? "" : ((ack && ack.error && ack.error.message) || "");
  };
  const prev = el("button", { class: "btn", type: "button", onclick: () => move("review_prev") }, t("review_prev"));
  const next = el("button", { class: "btn btn-primary", type: "button", onclick: () => move("review_next") },
    t("review_next"));
  const position = el("p", { class: "muted" });
  const list = el("ol", { class: "review-console-list" });
  const node = el("div", { class: "console-review" }, el("div", { class: "review-moves" }, prev, next, position),
    error, list);
  function update(state) {
    const { summary, steps, current, position: at } = walkOf(state, round);
    const open = isOpen(state, round);
    position.textContent = current ? t("review_step_of", { n: at, total: steps.length }) : t("review_no_steps");
    prev.disabled = !open || at <= 1;
    next.disabled = !open || at >= steps.length;
    const reviewed = new Set(summary.reviewed || []);
    replace(list, steps.map((step) => el("li", { class: [step === current ? "is-current" : null],
      "aria-current": step === current ? "step" : null },
    el("span", { dir: "auto" }, step.what), " — ",
    statusBadge(step.status),
    reviewed.has(step.id) ? el("span", { class: "muted" }, ` ✓ ${t("review_done_mark")}`) : null)));
  }
  update(live.state);
  return { node, update, title: t("review_console_title") };
}

export function consoleInfo(state, round) {
  const { summary } = walkOf(state, round);
  return { written: new Set(), note: t("review_reviewed", { n: (summary.reviewed || []).length,
    total: (summary.order || []).length }) };
}
