// The "introduce" mechanic: one line per player, "what I bring to this initiative". The
// phone sends it with intro:set (sending again replaces it); the projector shows a wall of
// faces: everyone in the room with name, role colour and role name, and their line. The
// console lists the lines and can hide one from the wall (and show it again).
import { el, paintRole, replace, roleChip, settleNew, syncChildren } from "../dom.js";
import { wallPager } from "../wall-pager.js";
import { t, pick } from "../i18n.js";
import { roleOf, isOpen } from "../socket.js";
import { outboxFor, showProgress } from "../outbox.js";
import { autoGrow, charCounter } from "../fields.js";
import { report } from "../alert.js";
import { hideToggle, moderator, shortLabel } from "../moderation.js";

/** The console may type the sentence for someone without a phone (console-proxies.js). */
export const proxyInput = true;

const introsOf = (state, round) => state.items.filter((i) => i.round_id === round.id && i.kind === "intro");

// --- phone --------------------------------------------------------------------------------

export function phoneView(ctx) {
  const { live, round, code } = ctx;
  const limit = round.settings.max_length;
  const box = outboxFor(live, code);
  const key = `intro:${round.id}`;
  const ours = (e) => e.key === key;
  let state = live.state;

  // A text area: the sentence may be as long as the round allows (140 characters by default)
  // and stays in view as it grows; the counter shows the round's limit.
  // One sentence: Enter sends it (as in the one-line field it replaces), never a new line.
  const input = el("textarea", {
    id: "intro-text", class: "input input-large intro-input", rows: "2", maxlength: String(limit),
    autocomplete: "off", enterkeyhint: "send", "aria-describedby": "intro-hint intro-count",
    onkeydown: (event) => {
      if (event.key === "Enter" && !event.shiftKey && !event.isComposing) { event.preventDefault(); form.requestSubmit(); }
    },
  });
  const status = el("p", { class: "save-status", role: "status" });
  const submit = el("button", { class: "btn btn-primary btn-block btn-large", type: "submit" }, t("intro_save"));
  const hint = el("p", { class: "hint", id: "intro-hint" }, t("intro_hint"));
  const counter = charCounter(input, limit, "intro-count");
  const fit = autoGrow(input);
  const form = el("form", { class: "card-form stack", novalidate: true, onsubmit: onSubmit },
    el("div", { class: "field" }, el("label", { for: "intro-text" }, t("intro_label")), input, counter.node, hint),
    submit, status);
  const shown = el("p", { class: "own-card-text" });
  const mine = el("div", { class: "own-intro", hidden: true },
    el("h2", { class: "own-title" }, t("intro_yours")), el("div", { class: "own-card" }, shown));
  const closedNote = el("p", { class: "closed-note", hidden: true }, t("round_closed_saved"));
  const node = el("div", { class: "mechanic mechanic-introduce" }, form, closedNote, mine);

  function own() { return introsOf(state, round).find((i) => live.isMine(i)) || null; }
  function say(text, kind = "info") { report(status, text, kind); }
  const pendingText = () => { const [entry] = box.waiting(ours); return entry ? entry.payload.text : null; };

  const first = own();
  input.value = pendingText() || (first ? first.text : "");
  counter.update();
  fit();

  function onSubmit(event) {
    event.preventDefault();
    const text = input.value.trim();
    if (!text) { say(t("intro_empty"), "error"); input.focus(); return; }
    box.put({ event: "intro:set", payload: { round_id: round.id, text }, key });
  }

  function render() {
    state = live.state || state;
    const item = own();
    const open = isOpen(state, round);
    const waiting = pendingText();
    mine.hidden = !item && !waiting;
    shown.textContent = waiting || (item ? item.text : "");
    mine.classList.toggle("is-pending", Boolean(waiting));
    form.hidden = !open;
    closedNote.hidden = open;
  }

  const stopProgress = showProgress(box, status, { filter: ours, onEvent: render });

  function update(next) {
    state = next;
    render();
    box.flush();
  }
  update(state);
  return { node, update, destroy: stopProgress };
}

// --- projector ------------------------------------------------------------------------------

/** Everyone in the room in the order of the roles, then in the order they joined. */
function faces(state, round) {
  const order = (state.game.roles || []).map((r) => r.id);
  const lines = new Map(introsOf(state, round).map((i) => [i.author_id, i]));
  const rank = (p) => (order.includes(p.role) ? order.indexOf(p.role) : order.length);
  return [...state.participants].sort((a, b) => rank(a) - rank(b) || a.id - b.id)
    .map((p) => ({ person: p, role: roleOf(state, p.role), intro: lines.get(p.id) || null }));
}


export function projectorView(ctx) {
  const { round } = ctx;
  const wall = el("ul", { class: "faces" });
  const count = el("p", { class: "faces-count" });
  const tiles = new Map();
  let byKey = new Map();
  const pager = wallPager({
    round, densities: ["low", "mid", "high"], target: wall,
    draw: (keys) => replace(wall, keys.map((key) => tile(byKey.get(key)))),
  });
  const node = el("div", { class: "mechanic mechanic-introduce" }, count, pager.node);

  function tile(face) {
    const { person, role, intro } = face;
    const key = `${person.name}|${person.role}|${intro ? intro.updated_at : 0}`;
    const known = tiles.get(person.id);
    if (known && known.dataset.key === key) return known;
    const initial = Array.from(person.name.trim())[0] || "?";
    const node = el("li", { class: ["face", intro ? "has-line" : null, known ? null : "is-new"], dataset: { key } },
      el("span", { class: "face-avatar", "aria-hidden": "true" }, initial.toUpperCase()),
      el("div", { class: "face-body" },
        el("p", { class: "face-name" }, person.name),
        el("p", { class: "face-role" }, roleChip(role, pick(role.name))),
        intro ? el("p", { class: "face-line" }, intro.text) : el("p", { class: "face-line is-empty" }, t("intro_waiting"))));
    paintRole(node, role.colour);
    tiles.set(person.id, node);
    return node;
  }

  function update(state) {
    const all = faces(state, round);
    const written = all.filter((f) => f.intro).length;
    count.textContent = t("intro_count", { n: written, total: all.length });
    byKey = new Map(all.map((f) => [String(f.person.id), f]));
    pager.update(state, [...byKey.keys()]);
    settleNew(wall);
  }

  update(ctx.live.state);
  return { node, update };
}

// --- console --------------------------------------------------------------------------------

export function consoleInfo(state, round) {
  return { written: new Set(introsOf(state, round).map((i) => i.author_id)) };
}

/**
 * Every line of the round (hidden ones too, marked), in the order of the wall, each with
 * "Hide" / "Show again": a line on the wall is large, and one rude line is seen by all.
 */
export function consoleView(ctx) {
  const { live, round } = ctx;
  const status = el("p", { class: "mod-status", role: "status" });
  const counts = el("p", { class: "muted mod-counts" });
  const list = el("ul", { class: "mod-cards" });
  const empty = el("p", { class: "muted" }, t("mod_no_intros"));
  const node = el("div", { class: "moderation" }, counts, status, empty, list);
  const send = moderator(live, (text, kind = "info") => { status.textContent = text; status.dataset.state = kind; });
  const rows = new Map(); // intro id → {key, node}

  function row(face) {
    const { person, role, intro } = face;
    const key = `${intro.updated_at}|${intro.hidden}|${person.name}|${person.role}`;
    const known = rows.get(intro.id);
    if (known && known.key === key) return known.node;
    const node = el("li", { class: ["mod-card", intro.hidden ? "is-hidden" : null], dataset: { id: intro.id } },
      el("p", { class: "mod-text" }, intro.text),
      el("p", { class: "mod-meta" }, roleChip(role, `${person.name} · ${pick(role.name)}`),
        intro.hidden ? el("span", { class: "badge badge-hidden" }, t("mod_hidden")) : null),
      el("div", { class: "mod-actions" }, hideToggle(send, intro, `${person.name}: ${shortLabel(intro.text)}`)));
    paintRole(node, role.colour);
    rows.set(intro.id, { key, node });
    return node;
  }

  function update(state) {
    const written = faces(state, round).filter((f) => f.intro);
    const hidden = written.filter((f) => f.intro.hidden).length;
    counts.textContent = [t("intro_count", { n: written.length, total: state.participants.length }),
      hidden ? t("mod_hidden_count", { n: hidden }) : null].filter(Boolean).join(" · ");
    empty.hidden = written.length > 0;
    syncChildren(list, written.map(row));
  }

  update(live.state);
  return { node, update, title: t("console_intros") };
}
