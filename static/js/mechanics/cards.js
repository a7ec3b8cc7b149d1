// The "cards" mechanic: players write short cards; the projector shows them as a wall,
// grouped by category (when the round has categories) or by role. Rounds may be anonymous
// (the server sends no author), shown only on reveal (the room gets face-down cards until
// the facilitator reveals them) or a perspective swap (each player writes as another role).
import { el, fitDensity, paintRole, replace, randomId, roleChip, settleNew } from "../dom.js";
import { t, pick } from "../i18n.js";
import { roleOf, participantOf, summaryOf, isOpen, errorText, notDelivered } from "../socket.js";

const DEFAULT_MAX_LENGTH = 200; // the engine's defaults (samenspel/engine/mechanics/cards.py)
const DEFAULT_MAX_CARDS = 5;

/** Categories from the round settings: strings or {id, name|label|title: {nl, en}}. */
export function categoriesOf(round) {
  const raw = (round && round.settings && round.settings.categories) || [];
  return raw.map((c) => (typeof c === "string"
    ? { id: c, label: c.charAt(0).toUpperCase() + c.slice(1) }
    : { id: c.id, label: pick(c.name || c.label || c.title) || c.id, colour: c.colour }));
}

function maxLength(round) {
  const s = (round && round.settings) || {};
  return s.max_length || DEFAULT_MAX_LENGTH;
}

const maxCards = (round) => (round.settings && round.settings.max_per_player) || DEFAULT_MAX_CARDS;
const setting = (round, name) => Boolean(round.settings && round.settings[name]);
export const isAnonymous = (round) => setting(round, "anonymous");
export const onReveal = (round) => Boolean(round.settings && round.settings.visibility === "reveal");

/** Whether a role may write in the round (settings.roles; default everyone). */
export const roleMayWrite = (round, roleId) => !(round.settings && round.settings.roles && round.settings.roles.length)
  || round.settings.roles.includes(roleId);

/** In a perspective swap: the role this player writes as (summary.perspectives), or null. */
export function perspectiveOf(state, round, playerId) {
  if (!setting(round, "perspective_swap")) return null;
  const roleId = (summaryOf(state, round.id).perspectives || {})[String(playerId)];
  return roleId ? roleOf(state, roleId) : null;
}

// --- phone --------------------------------------------------------------------------------

export function phoneView(ctx) {
  const { live, round, code } = ctx;
  const categories = categoriesOf(round);
  const limit = maxLength(round);
  const draftKey = `samenspel:draft:${code}:${round.id}`;
  const outboxKey = `samenspel:outbox:${code}`;
  let state = live.state;
  let category = null;
  let editing = null; // id of the card being edited

  const status = el("p", { class: "save-status", role: "status" });
  const textarea = el("textarea", {
    id: "card-text", class: "input card-input", rows: "3", maxlength: String(limit),
    "aria-describedby": "card-count", enterkeyhint: "send",
  });
  textarea.value = localStorage.getItem(draftKey) || "";
  const counter = el("p", { id: "card-count", class: "hint char-count" });
  const submit = el("button", { class: "btn btn-primary btn-block btn-large", type: "submit" }, t("card_add"));

  let chooser = null;
  if (categories.length) {
    chooser = el("fieldset", { class: "field category-chooser" },
      el("legend", {}, t("category")),
      el("div", { class: "category-options" }, categories.map((c) => el("label", { class: "category-option" },
        el("input", { type: "radio", name: "category", value: c.id, onchange: () => { category = c.id; } }),
        el("span", {}, c.label)))));
  }

  const form = el("form", { class: "card-form stack", novalidate: true, onsubmit: onSubmit },
    chooser,
    el("div", { class: "field" }, el("label", { for: "card-text" }, t("card_label")), textarea, counter),
    submit, status);
  const closedNote = el("p", { class: "closed-note", hidden: true }, t("round_closed"));
  const limitNote = el("p", { class: "closed-note", hidden: true }, t("limit_note"));
  const roleNote = el("p", { class: "closed-note", hidden: true }, t("not_your_role"));
  const tally = el("span", { class: "own-tally" });
  const listTitle = el("h2", { class: "own-title" }, t("your_cards"), " ", tally);
  const list = el("ul", { class: "own-cards" });
  const empty = el("p", { class: "muted" }, t("no_cards"));
  const perspective = el("div", { class: "perspective", hidden: true });
  const notes = [isAnonymous(round) ? t("anonymous_note") : null, onReveal(round) ? t("reveal_note") : null]
    .filter(Boolean).map((text) => el("p", { class: "round-note" }, text));
  const node = el("div", { class: "mechanic mechanic-cards" }, perspective, notes, form, closedNote, limitNote,
    roleNote, listTitle, empty, list);

  let shownPerspective = null;
  function renderPerspective() {
    const role = perspectiveOf(state, round, state.me.id);
    perspective.hidden = !role;
    if (!role || role.id === shownPerspective) return;
    shownPerspective = role.id;
    paintRole(perspective, role.colour);
    replace(perspective,
      el("p", { class: "perspective-as" }, t("writing_as"), " ", roleChip(role, pick(role.name))),
      pick(role.perspective) ? el("p", { class: "perspective-hint" }, pick(role.perspective)) : null);
  }

  textarea.addEventListener("input", () => {
    localStorage.setItem(draftKey, textarea.value);
    updateCounter();
  });
  function updateCounter() { counter.textContent = t("chars_left", { n: limit - textarea.value.length }); }
  updateCounter();

  function outbox() { try { return JSON.parse(localStorage.getItem(outboxKey)) || []; } catch { return []; } }
  function saveOutbox(list) { localStorage.setItem(outboxKey, JSON.stringify(list)); }
  function say(text, state = "info") { status.textContent = text; status.dataset.state = state; }

  function onSubmit(event) {
    event.preventDefault();
    const text = textarea.value.trim();
    if (!text) { say(t("empty_card"), "error"); textarea.focus(); return; }
    if (categories.length && !category) { say(t("choose_category"), "error"); chooser.querySelector("input").focus(); return; }
    const entry = { client_id: randomId(), round_id: round.id, text };
    if (category) entry.category = category;
    saveOutbox([...outbox(), entry]);
    textarea.value = "";
    localStorage.removeItem(draftKey);
    updateCounter();
    renderList();
    flush();
  }

  let flushing = false;
  async function flush() {
    if (flushing) return;
    if (!live.connected) { if (outbox().length) say(t("not_sent"), "offline"); return; }
    flushing = true;
    say(t("sending"));
    try {
      for (const entry of outbox()) {
        const ack = await live.request("card:add", entry);
        if (notDelivered(ack)) {
          say(t("not_sent"), "offline");
          return;
        }
        saveOutbox(outbox().filter((e) => e.client_id !== entry.client_id));
        if (ack.ok) {
          live.remember(ack.item);
          say(t("saved"), "saved");
        } else {
          // Refused (round closed, too long …): give the text back, never lose it.
          if (!textarea.value) { textarea.value = entry.text; localStorage.setItem(draftKey, entry.text); updateCounter(); }
          say(errorText(ack), "error");
        }
      }
    } finally {
      flushing = false;
      renderList();
    }
  }

  function ownItems() {
    return state.items.filter((i) => i.round_id === round.id && i.kind === "card" && live.isMine(i))
      .sort((a, b) => a.created_at - b.created_at);
  }

  const rows = new Map();
  function renderList() {
    const open = isOpen(state, round);
    const pending = outbox().filter((e) => e.round_id === round.id);
    const items = ownItems();
    const children = [];
    for (const item of items) {
      let row = rows.get(item.id);
      if (!row || (editing !== item.id && row.dataset.version !== `${item.updated_at}|${open}`)) {
        row = cardRow(item, open);
        rows.set(item.id, row);
      }
      children.push(row);
    }
    for (const entry of pending) {
      children.push(el("li", { class: "own-card is-pending" },
        el("p", { class: "own-card-text" }, entry.text),
        el("p", { class: "own-card-state" }, live.connected ? t("sending") : t("not_sent"))));
    }
    replace(list, children);
    empty.hidden = children.length > 0;
    tally.textContent = t("cards_of", { n: children.length, max: maxCards(round) });
    const full = children.length >= maxCards(round);
    const allowed = roleMayWrite(round, state.me.role);
    form.hidden = !open || full || !allowed;
    limitNote.hidden = !open || !full || !allowed;
    roleNote.hidden = !open || allowed;
  }

  function categoryLabel(id) {
    const c = categories.find((x) => x.id === id);
    return c ? c.label : null;
  }

  function cardRow(item, open) {
    const label = categoryLabel(item.category);
    const actions = open ? el("div", { class: "own-card-actions" },
      el("button", { class: "btn btn-small", type: "button", onclick: () => startEdit(item) }, t("edit")),
      el("button", { class: "btn btn-small btn-link", type: "button", onclick: () => remove(item) }, t("delete"))) : null;
    return el("li", { class: "own-card", dataset: { version: `${item.updated_at}|${open}` } },
      label ? el("p", { class: "own-card-category" }, label) : null,
      el("p", { class: "own-card-text" }, item.text), actions);
  }

  function startEdit(item) {
    editing = item.id;
    const area = el("textarea", { class: "input", rows: "3", maxlength: String(limit), "aria-label": t("edit") });
    area.value = item.text;
    const row = el("li", { class: "own-card is-editing" }, area, el("div", { class: "own-card-actions" },
      el("button", { class: "btn btn-small btn-primary", type: "button", onclick: () => saveEdit(item, area.value) }, t("save")),
      el("button", { class: "btn btn-small btn-link", type: "button", onclick: stopEdit }, t("cancel"))));
    rows.set(item.id, row);
    renderList();
    area.focus();
  }

  function stopEdit() { editing = null; rows.clear(); renderList(); }

  async function saveEdit(item, text) {
    text = text.trim();
    if (!text) { say(t("empty_card"), "error"); return; }
    say(t("sending"));
    const payload = { id: item.id, text };
    if (item.category) payload.category = item.category;
    const ack = await live.request("card:edit", payload);
    if (ack.ok) { live.remember(ack.item); say(t("saved"), "saved"); stopEdit(); }
    else say(errorText(ack), "error");
  }

  async function remove(item) {
    if (!window.confirm(t("confirm_delete"))) return;
    const ack = await live.request("card:delete", { id: item.id });
    if (ack.ok) {
      live.forget(item.id);
      state = live.state;
      rows.delete(item.id);
      renderList();
    } else say(errorText(ack), "error");
  }

  const unsubscribe = live.onStatusChange((s) => { if (s === "online") flush(); else renderList(); });

  function update(next) {
    state = next;
    const open = isOpen(state, round);
    closedNote.hidden = open;
    if (!open && editing) { editing = null; rows.clear(); }
    renderPerspective();
    renderList();
    if (open && outbox().length) flush();
  }

  update(state);
  return { node, update, destroy: unsubscribe };
}

// --- projector ------------------------------------------------------------------------------

/** The round's visible cards in order (face-down and hidden ones only when asked). */
export function cardsOf(state, round, { hidden = false } = {}) {
  return state.items.filter((i) => i.round_id === round.id && i.kind === "card" && !i.concealed
    && (hidden || !i.hidden)).sort((a, b) => a.created_at - b.created_at || a.id - b.id);
}

/**
 * Group the round's cards as settings.group_by says: "category", "role" or "none". In a
 * perspective swap a card belongs to the role it was written as (`as`).
 */
export function groupCards(state, round, items = cardsOf(state, round)) {
  const by = (round.settings && round.settings.group_by) || "none";
  const categories = categoriesOf(round);
  const other = { key: "_other", label: t("other"), items: [] };
  let groups;
  if (by === "category" && categories.length) {
    groups = categories.map((c) => ({ key: c.id, label: c.label, colour: c.colour, items: [] }));
    for (const item of items) (groups.find((g) => g.key === item.category) || other).items.push(item);
    return [...groups, other].filter((g) => g.items.length || g.key !== "_other");
  }
  if (by === "role") {
    groups = (state.game.roles || []).map((r) => ({ key: r.id, label: pick(r.name), role: r, items: [] }));
    for (const item of items) {
      const author = participantOf(state, item.author_id);
      const roleId = item.as || (author && author.role);
      (groups.find((g) => roleId && g.key === roleId) || other).items.push(item);
    }
    return [...groups, other].filter((g) => g.items.length);
  }
  return [{ key: "_all", label: "", items }];
}

const MAX_BACKS = 40;

export function projectorView(ctx) {
  const { round } = ctx;
  const anonymous = isAnonymous(round);
  const wall = el("div", { class: "wall" });
  const empty = el("p", { class: "wall-empty" }, t("no_cards_yet"));
  const facedown = el("div", { class: "facedown", hidden: true });
  const node = el("div", { class: "mechanic mechanic-cards" }, empty, facedown, wall);
  const cardNodes = new Map();

  function cardNode(state, item) {
    const key = `${item.id}|${item.updated_at}`;
    const known = cardNodes.get(item.id);
    if (known && known.dataset.key === key) return known;
    const author = anonymous ? null : participantOf(state, item.author_id);
    const role = author ? roleOf(state, author.role) : null;
    const card = el("li", { class: ["card", known ? null : "is-new"], dataset: { key, id: item.id } },
      el("p", { class: "card-text" }, item.text),
      author ? el("p", { class: "card-author" }, roleChip(role, author.name)) : null);
    if (role) paintRole(card, role.colour);
    cardNodes.set(item.id, card);
    return card;
  }

  function renderFacedown(state) {
    const waiting = state.items.filter((i) => i.round_id === round.id && i.kind === "card" && i.concealed).length;
    facedown.hidden = waiting === 0;
    if (!waiting) return;
    const backs = Array.from({ length: Math.min(waiting, MAX_BACKS) }, () => el("li", { class: "card-back" }));
    replace(facedown,
      el("p", { class: "facedown-count", "aria-live": "polite" },
        waiting === 1 ? t("one_card_waiting") : t("cards_waiting", { n: waiting })),
      el("ul", { class: "facedown-cards", "aria-hidden": "true" }, backs),
      waiting > MAX_BACKS ? el("p", { class: "facedown-more" }, `+${waiting - MAX_BACKS}`) : null);
  }

  function update(state) {
    renderFacedown(state);
    const groups = groupCards(state, round);
    const total = groups.reduce((n, g) => n + g.items.length, 0);
    empty.hidden = total > 0 || !facedown.hidden;
    const level = total <= 6 ? 0 : total <= 16 ? 1 : total <= 30 ? 2 : 3;
    wall.dataset.groups = String(Math.min(groups.length, 6));
    replace(wall, total === 0 ? [] : groups.map((g) => {
      const title = g.role ? roleChip(g.role, g.label) : el("span", {}, g.label);
      const column = el("section", { class: "wall-group" },
        g.label ? el("h2", { class: "wall-group-title" }, title, el("span", { class: "wall-group-count" }, String(g.items.length))) : null,
        el("ul", { class: "wall-cards" }, g.items.map((item) => cardNode(state, item))));
      paintRole(column, g.role ? g.role.colour : g.colour);
      return column;
    }));
    fitDensity(node, wall, level);
    settleNew(wall);
  }

  update(ctx.live.state);
  return { node, update };
}

// --- console --------------------------------------------------------------------------------

/**
 * Who has written at least one card in this round, among those whose role writes here.
 * In an anonymous round nobody may know who wrote what, the facilitator included.
 */
export function consoleInfo(state, round) {
  if (isAnonymous(round)) return { written: new Set(), note: t("anonymous_missing") };
  const written = new Set(state.items.filter((i) => i.round_id === round.id && i.kind === "card").map((i) => i.author_id));
  const expected = new Set(state.participants.filter((p) => roleMayWrite(round, p.role)).map((p) => p.id));
  return { written, expected };
}
