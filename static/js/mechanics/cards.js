// The "cards" mechanic: players write short cards; the projector shows them as a wall,
// grouped by category (when the round has categories) or by role.
import { el, paintRole, replace, randomId, roleChip } from "../dom.js";
import { t, pick } from "../i18n.js";
import { roleOf, participantOf } from "../socket.js";

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

/** Whether this player's role may write in the round (settings.roles; default everyone). */
const mayWrite = (round, me) => !(round.settings && round.settings.roles && round.settings.roles.length)
  || round.settings.roles.includes(me.role);

// Paused rounds stay open for input (docs/protocol.md: only another or no current round closes it).
const isOpen = (state, round) => ["running", "paused"].includes(state.flow.status) && state.round && state.round.id === round.id;

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
  const node = el("div", { class: "mechanic mechanic-cards" }, form, closedNote, limitNote, roleNote, listTitle, empty, list);

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
        if (!ack.ok && ack.error && (ack.error.code === "timeout" || ack.error.code === "offline")) {
          say(t("not_sent"), "offline");
          return;
        }
        saveOutbox(outbox().filter((e) => e.client_id !== entry.client_id));
        if (ack.ok) {
          upsertLocal(ack.item);
          say(t("saved"), "saved");
        } else {
          // Refused (round closed, too long …): give the text back, never lose it.
          if (!textarea.value) { textarea.value = entry.text; localStorage.setItem(draftKey, entry.text); updateCounter(); }
          say(ack.error ? ack.error.message : t("join_failed"), "error");
        }
      }
    } finally {
      flushing = false;
      renderList();
    }
  }

  function upsertLocal(item) {
    if (!item || !live.state) return;
    const items = live.state.items;
    const index = items.findIndex((x) => x.id === item.id);
    if (index === -1) items.push(item); else items[index] = item;
  }

  function ownItems() {
    const me = state.me;
    return state.items.filter((i) => i.round_id === round.id && i.author_id === me.id)
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
    const allowed = mayWrite(round, state.me);
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
    if (ack.ok) { upsertLocal(ack.item); say(t("saved"), "saved"); stopEdit(); }
    else say(ack.error ? ack.error.message : t("not_sent"), "error");
  }

  async function remove(item) {
    if (!window.confirm(t("confirm_delete"))) return;
    const ack = await live.request("card:delete", { id: item.id });
    if (ack.ok) {
      live.state.items = live.state.items.filter((x) => x.id !== item.id);
      state = live.state;
      rows.delete(item.id);
      renderList();
    } else say(ack.error ? ack.error.message : t("not_sent"), "error");
  }

  const unsubscribe = live.onStatusChange((s) => { if (s === "online") flush(); else renderList(); });

  function update(next) {
    state = next;
    const open = isOpen(state, round);
    closedNote.hidden = open;
    if (!open && editing) { editing = null; rows.clear(); }
    renderList();
    if (open && outbox().length) flush();
  }

  update(state);
  return { node, update, destroy: unsubscribe };
}

// --- projector ------------------------------------------------------------------------------

/** Group the round's cards as settings.group_by says: "category", "role" or "none". */
export function groupCards(state, round) {
  const items = state.items.filter((i) => i.round_id === round.id && i.kind === "card")
    .sort((a, b) => a.created_at - b.created_at || a.id - b.id);
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
      (groups.find((g) => author && g.key === author.role) || other).items.push(item);
    }
    return [...groups, other].filter((g) => g.items.length);
  }
  return [{ key: "_all", label: "", items }];
}

const DENSITIES = ["low", "mid", "high", "max"];

export function projectorView(ctx) {
  const { round } = ctx;
  const anonymous = Boolean(round.settings && round.settings.anonymous);
  const wall = el("div", { class: "wall" });
  const empty = el("p", { class: "wall-empty" }, t("no_cards_yet"));
  const node = el("div", { class: "mechanic mechanic-cards" }, empty, wall);
  const cardNodes = new Map();

  function cardNode(state, item) {
    const key = `${item.id}|${item.updated_at}`;
    const known = cardNodes.get(item.id);
    if (known && known.dataset.key === key) return known;
    const author = participantOf(state, item.author_id);
    const role = author ? roleOf(state, author.role) : null;
    const card = el("li", { class: ["card", known ? null : "is-new"], dataset: { key } },
      el("p", { class: "card-text" }, item.text),
      !anonymous && author ? el("p", { class: "card-author" }, roleChip(role, author.name)) : null);
    if (role) paintRole(card, role.colour);
    cardNodes.set(item.id, card);
    return card;
  }

  function update(state) {
    const groups = groupCards(state, round);
    const total = groups.reduce((n, g) => n + g.items.length, 0);
    empty.hidden = total > 0;
    let level = total <= 6 ? 0 : total <= 16 ? 1 : total <= 30 ? 2 : 3;
    wall.dataset.groups = String(Math.min(groups.length, 6));
    replace(wall, groups.map((g) => {
      const title = g.role ? roleChip(g.role, g.label) : el("span", {}, g.label);
      const column = el("section", { class: "wall-group" },
        g.label ? el("h2", { class: "wall-group-title" }, title, el("span", { class: "wall-group-count" }, String(g.items.length))) : null,
        el("ul", { class: "wall-cards" }, g.items.map((item) => cardNode(state, item))));
      paintRole(column, g.role ? g.role.colour : g.colour);
      return column;
    }));
    // Start from a size that suits the number of cards; step down while the wall overflows.
    wall.dataset.density = DENSITIES[level];
    while (level < DENSITIES.length - 1 && node.scrollHeight > node.clientHeight + 2) {
      level += 1;
      wall.dataset.density = DENSITIES[level];
    }
    node.classList.toggle("is-overflowing", node.scrollHeight > node.clientHeight + 2);
    // "is-new" animates once; drop it afterwards so a re-render does not replay it.
    requestAnimationFrame(() => setTimeout(() => {
      for (const n of wall.querySelectorAll(".is-new")) n.classList.remove("is-new");
    }, 700));
  }

  update(ctx.live.state);
  return { node, update };
}

// --- console --------------------------------------------------------------------------------

/** Which participants have written at least one card in this round. */
export function consoleInfo(state, round) {
  const written = new Set(state.items.filter((i) => i.round_id === round.id).map((i) => i.author_id));
  return { written };
}
