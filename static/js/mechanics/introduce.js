// The "introduce" mechanic: one line per player, "what I bring to this initiative". The
// phone sends it with intro:set (sending again replaces it); the projector shows a wall of
// faces: everyone in the room with name, role colour and role name, and their line.
import { el, fitDensity, paintRole, replace, roleChip, settleNew } from "../dom.js";
import { t, pick } from "../i18n.js";
import { roleOf, isOpen } from "../socket.js";
import { outboxFor, showProgress } from "../outbox.js";
import { report } from "../alert.js";

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

  const input = el("input", {
    id: "intro-text", class: "input input-large", type: "text", maxlength: String(limit),
    autocomplete: "off", enterkeyhint: "send", "aria-describedby": "intro-hint",
  });
  const status = el("p", { class: "save-status", role: "status" });
  const submit = el("button", { class: "btn btn-primary btn-block btn-large", type: "submit" }, t("intro_save"));
  const hint = el("p", { class: "hint", id: "intro-hint" }, t("intro_hint"));
  const form = el("form", { class: "card-form stack", novalidate: true, onsubmit: onSubmit },
    el("div", { class: "field" }, el("label", { for: "intro-text" }, t("intro_label")), input, hint),
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
  // At the limit the field takes no more: say why.
  input.addEventListener("input", () => {
    hint.textContent = input.value.length >= limit ? t("chars_max", { max: limit }) : t("intro_hint");
  });

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
  const node = el("div", { class: "mechanic mechanic-introduce" }, count, wall);
  const tiles = new Map();

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
    replace(wall, all.map(tile));
    fitDensity(node, wall, all.length <= 8 ? 0 : all.length <= 15 ? 1 : all.length <= 24 ? 2 : 3);
    settleNew(wall);
  }

  update(ctx.live.state);
  return { node, update };
}

// --- console --------------------------------------------------------------------------------

export function consoleInfo(state, round) {
  return { written: new Set(introsOf(state, round).map((i) => i.author_id)) };
}
