// The "cards" mechanic: players write short cards; the projector shows them as a wall,
// grouped by category (when the round has categories) or by role. Rounds may be anonymous
// (the server sends no author), shown only on reveal (the room gets face-down cards until
// the facilitator reveals them) or a perspective swap (each player writes as another role).
// The limits (cards per player, characters per card) come from the round's settings in
// the snapshot; the console's moderation lives in cards-console.js.
import { el, jsonData, paintRole, replace, roleChip, settleNew } from "../dom.js";
import { wallPager } from "../wall-pager.js";
import { t, pick } from "../i18n.js";
import { roleOf, participantOf, summaryOf, isOpen, errorText } from "../socket.js";
import { outboxFor, showProgress } from "../outbox.js";
import { autoGrow, charCounter } from "../fields.js";
import { categoriesOf, cardsOf, groupCards, isAnonymous, onReveal, perspectiveOf, roleMayWrite } from "./cards-common.js";
import { report } from "../alert.js";

export { consoleView } from "./cards-console.js";
export { categoriesOf, cardsOf, groupCards, isAnonymous, onReveal, perspectiveOf, roleMayWrite };

/** The console may type cards for someone without a phone (console-proxies.js). */
export const proxyInput = true;

/** The console offers "reveal" (key R) while a round shown on reveal is not revealed yet. */
export const roundControl = (state, round) => (onReveal(round) && !summaryOf(state, round.id).revealed
  ? { action: "reveal", label: t("reveal_cards"), key: true } : null);

// --- phone --------------------------------------------------------------------------------

export function phoneView(ctx) {
  const { live, round, code } = ctx;
  const categories = categoriesOf(round);
  const limit = round.settings.max_length;
  const most = round.settings.max_per_player;
  const draftKey = `samenspel:draft:${code}:${round.id}`;
  const box = outboxFor(live, code);
  const ours = (e) => e.event === "card:add" && e.payload.round_id === round.id;
  let state = live.state;
  let category = null;
  let editing = null; // id of the card being edited

  const status = el("p", { class: "save-status", role: "status" });
  const textarea = el("textarea", {
    id: "card-text", class: "input card-input", rows: "3", maxlength: String(limit),
    "aria-describedby": "card-count", enterkeyhint: "send",
  });
  textarea.value = localStorage.getItem(draftKey) || "";
  const counter = charCounter(textarea, limit, "card-count");
  const fit = autoGrow(textarea);
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
    el("div", { class: "field" }, el("label", { for: "card-text" }, t("card_label")), textarea, counter.node),
    submit, status);
  const closedNote = el("p", { class: "closed-note", hidden: true }, t("round_closed"));
  const limitNote = el("p", { class: "closed-note limit-note", hidden: true }, t("cards_max_reached", { max: most }));
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

  textarea.addEventListener("input", () => localStorage.setItem(draftKey, textarea.value));
  function updateCounter() { counter.update(); fit(); }

  function say(text, kind = "info") { report(status, text, kind); }

  function onSubmit(event) {
    event.preventDefault();
    const text = textarea.value.trim();
    if (!text) { say(t("empty_card"), "error"); textarea.focus(); return; }
    if (categories.length && !category) { say(t("choose_category"), "error"); chooser.querySelector("input").focus(); return; }
    if (ownCount() >= most) { say(t("cards_max_reached", { max: most }), "error"); return; }
    const payload = { round_id: round.id, text };
    if (category) payload.category = category;
    textarea.value = "";
    localStorage.removeItem(draftKey);
    updateCounter();
    chooseCategory(null); // each card gets its own choice: the last one never sticks unseen
    box.put({ event: "card:add", payload, create: true, keep: true });
  }

  /** Check the category `id` in the chooser (null: none). */
  function chooseCategory(id) {
    category = id;
    if (!chooser) return;
    for (const radio of chooser.querySelectorAll("input")) radio.checked = radio.value === id;
  }

  /**
   * A card the server refused (round closed, limit …) comes back into the empty field, now or
   * when this round shows again: the text is never lost.
   */
  function giveBack() {
    const [entry] = box.refused(ours);
    if (!entry || textarea.value) return;
    box.take(entry.id);
    textarea.value = entry.payload.text;
    chooseCategory(entry.payload.category || null);
    localStorage.setItem(draftKey, textarea.value);
    updateCounter();
    say(t("card_returned", { message: entry.refused.message }), "error");
  }

  const stopProgress = showProgress(box, status, {
    filter: ours,
    onEvent(event) {
      if (event.type === "refused") giveBack();
      renderList();
    },
  });

  function ownItems() {
    return state.items.filter((i) => i.round_id === round.id && i.kind === "card" && live.isMine(i))
      .sort((a, b) => a.created_at - b.created_at);
  }
  const ownCount = () => ownItems().length + box.waiting(ours).length;

  const rows = new Map();
  function renderList() {
    state = live.state || state;
    const open = isOpen(state, round);
    const pending = box.waiting(ours);
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
        el("p", { class: "own-card-text" }, entry.payload.text),
        el("p", { class: "own-card-state" }, box.connected ? t("sending") : t("not_sent"))));
    }
    replace(list, children);
    empty.hidden = children.length > 0;
    tally.textContent = t("cards_of", { n: children.length, max: most });
    const full = children.length >= most;
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

  function update(next) {
    state = next;
    const open = isOpen(state, round);
    closedNote.hidden = open;
    if (!open && editing) { editing = null; rows.clear(); }
    renderPerspective();
    renderList();
    if (open) giveBack();
    box.flush();
  }

  update(state);
  return { node, update, destroy: stopProgress };
}

// --- projector ------------------------------------------------------------------------------

const BACKS_DRAWN = 40; // a drawing choice, not a rule: beyond it the wall says "+N"
/** the most categories shown side by side (samenspel/rules/mechanics/cards.py, in the page data) */
const SIDE_BY_SIDE = ((jsonData("page-data") || {}).wall || {}).side_by_side || 0;

/**
 * A round grouped by two up to SIDE_BY_SIDE categories (kans and drempel) puts them side by
 * side on the wall: a column each, with its heading and count, paged in step (wall-pager.js),
 * so they can be compared on every page. Automatic, not a rules setting (why: the constant's
 * docstring). More categories, or grouped otherwise: one group after another, as many as a
 * page holds.
 */
export function sideBySide(round) {
  const count = categoriesOf(round).length;
  return round.settings.group_by === "category" && count >= 2 && count <= SIDE_BY_SIDE;
}

export function projectorView(ctx) {
  const { round } = ctx;
  const anonymous = isAnonymous(round);
  const columns = sideBySide(round);
  const wall = el("div", { class: ["wall", columns ? "is-columns" : null] });
  const empty = el("p", { class: "wall-empty" }, t("no_cards_yet"));
  const facedown = el("div", { class: "facedown", hidden: true });
  const cardNodes = new Map();
  let state = ctx.live.state;
  let groups = [];

  /**
   * The cards of these keys, in their groups: a page shows the groups it has cards of, or
   * side by side every column (one without cards on this page says so).
   */
  function draw(keys) {
    const wanted = new Set(keys);
    const shown = groups.map((g) => ({ ...g, items: g.items.filter((i) => wanted.has(String(i.id))) }))
      .filter((g) => g.items.length || (columns && keys.length));
    wall.dataset.groups = String(Math.min(shown.length, 6));
    replace(wall, shown.map((g) => {
      const title = g.role ? roleChip(g.role, g.label) : el("span", {}, g.label);
      const column = el("section", { class: "wall-group" },
        g.label ? el("h2", { class: "wall-group-title" }, title, el("span", { class: "wall-group-count" }, countOf(g))) : null,
        g.items.length ? el("ul", { class: "wall-cards" }, g.items.map((item) => cardNode(state, item)))
          : el("p", { class: "wall-group-empty" }, t("column_empty")));
      paintRole(column, g.role ? g.role.colour : g.colour);
      return column;
    }));
  }
  const pager = wallPager({ round, densities: ["low", "mid", "high", "max"], target: wall, draw, above: [facedown], columns });

  /** A group's count; a column in pages says which of its cards it shows ("9–16 van 16"). */
  function countOf(g) {
    if (!columns || !g.items.length || g.items.length === g.all) return String(g.all);
    const from = g.cards.indexOf(g.items[0]) + 1;
    return t("wall_range", { from, to: from + g.items.length - 1, total: g.all });
  }
  const node = el("div", { class: "mechanic mechanic-cards" }, empty, pager.node);

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
    const backs = Array.from({ length: Math.min(waiting, BACKS_DRAWN) }, () => el("li", { class: "card-back" }));
    replace(facedown,
      el("p", { class: "facedown-count", "aria-live": "polite" },
        waiting === 1 ? t("one_card_waiting") : t("cards_waiting", { n: waiting })),
      el("ul", { class: "facedown-cards", "aria-hidden": "true" }, backs),
      waiting > BACKS_DRAWN ? el("p", { class: "facedown-more" }, `+${waiting - BACKS_DRAWN}`) : null);
  }

  function update(next) {
    state = next;
    renderFacedown(state);
    groups = groupCards(state, round).map((g) => ({ ...g, cards: g.items, all: g.items.length }));
    const perGroup = groups.map((g) => g.items.map((i) => String(i.id)));
    empty.hidden = perGroup.some((keys) => keys.length) || !facedown.hidden;
    pager.update(state, columns ? perGroup : perGroup.flat());
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
