// The "introduce" mechanic: one line per player, "what I bring to this initiative". The
// phone sends it with intro:set (sending again replaces it); the projector shows a wall of
// faces: everyone in the room with name, role colour and role name, and their line.
import { el, fitDensity, paintRole, replace, roleChip, settleNew } from "../dom.js";
import { t, pick } from "../i18n.js";
import { roleOf, isOpen, errorText, notDelivered } from "../socket.js";

const maxLength = (round) => (round.settings && round.settings.max_length) || 140;

const introsOf = (state, round) => state.items.filter((i) => i.round_id === round.id && i.kind === "intro");

// --- phone --------------------------------------------------------------------------------

export function phoneView(ctx) {
  const { live, round, code } = ctx;
  const pendingKey = `samenspel:intro:${code}:${round.id}`;
  const limit = maxLength(round);
  let state = live.state;

  const input = el("input", {
    id: "intro-text", class: "input input-large", type: "text", maxlength: String(limit),
    autocomplete: "off", enterkeyhint: "send", "aria-describedby": "intro-hint",
  });
  const status = el("p", { class: "save-status", role: "status" });
  const submit = el("button", { class: "btn btn-primary btn-block btn-large", type: "submit" }, t("intro_save"));
  const form = el("form", { class: "card-form stack", novalidate: true, onsubmit: onSubmit },
    el("div", { class: "field" },
      el("label", { for: "intro-text" }, t("intro_label")), input,
      el("p", { class: "hint", id: "intro-hint" }, t("intro_hint"))),
    submit, status);
  const shown = el("p", { class: "own-card-text" });
  const mine = el("div", { class: "own-intro", hidden: true },
    el("h2", { class: "own-title" }, t("intro_yours")), el("div", { class: "own-card" }, shown));
  const closedNote = el("p", { class: "closed-note", hidden: true }, t("round_closed_saved"));
  const node = el("div", { class: "mechanic mechanic-introduce" }, form, closedNote, mine);

  function own() { return introsOf(state, round).find((i) => live.isMine(i)) || null; }
  function say(text, kind = "info") { status.textContent = text; status.dataset.state = kind; }
  const pendingText = () => localStorage.getItem(pendingKey);

  const first = own();
  input.value = pendingText() || (first ? first.text : "");

  function onSubmit(event) {
    event.preventDefault();
    const text = input.value.trim();
    if (!text) { say(t("intro_empty"), "error"); input.focus(); return; }
    localStorage.setItem(pendingKey, text);
    flush();
  }

  let flushing = false;
  async function flush() {
    const text = pendingText();
    if (flushing || !text) return;
    if (!live.connected) { say(t("not_sent"), "offline"); return; }
    flushing = true;
    say(t("sending"));
    const ack = await live.request("intro:set", { round_id: round.id, text });
    flushing = false;
    if (notDelivered(ack)) { say(t("not_sent"), "offline"); return; }
    if (pendingText() === text) localStorage.removeItem(pendingKey);
    if (ack.ok) { live.remember(ack.item); say(t("saved"), "saved"); } else say(errorText(ack), "error");
    render();
    if (pendingText()) flush(); // typed again while this one was on its way
  }

  function render() {
    const item = own();
    const open = isOpen(state, round);
    mine.hidden = !item;
    if (item) shown.textContent = item.text;
    form.hidden = !open;
    closedNote.hidden = open;
  }

  const unsubscribe = live.onStatusChange((s) => { if (s === "online") flush(); else if (pendingText()) say(t("not_sent"), "offline"); });

  function update(next) {
    state = next;
    render();
    if (isOpen(state, round) && pendingText()) flush();
  }
  update(state);
  return { node, update, destroy: unsubscribe };
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
