// The facilitator's moderation of a cards round, on the console: every card of the round
// (hidden ones too) with hide/show, edit a typo, merge with another card, move to another
// category. Everything goes through `moderate` (docs/protocol.md); the projector follows at
// once. Nothing is deleted, so every step can be undone ("show" undoes hide and merge).
import { el, paintRole, replace, roleChip, syncChildren } from "../dom.js";
import { t, pick } from "../i18n.js";
import { roleOf, participantOf, summaryOf } from "../socket.js";
import { hideToggle, moderator, shortLabel } from "../moderation.js";
import { categoriesOf, cardsOf, groupCards, isAnonymous, onReveal } from "./cards-common.js";
import { atTables, tableChip, tableOf } from "../tables.js";

/** In a round played at tables, the cards by table (a table's that is no longer there, and
 *  the facilitator's, under "the hall"); else as the round groups them. */
function moderationGroups(state, round, all) {
  if (!atTables(state, round)) return groupCards(state, round, all);
  const groups = state.tables.map((table) => ({
    key: `table-${table.id}`, table, label: pick(table.name), items: all.filter((c) => c.table === table.id),
  }));
  const hall = all.filter((c) => !tableOf(state, c.table));
  if (hall.length) groups.push({ key: "table-hall", label: t("table_scope_hall"), items: hall });
  return groups.filter((g) => g.items.length);
}

export function consoleView(ctx) {
  const { live, round } = ctx;
  const categories = categoriesOf(round);
  const anonymous = isAnonymous(round);
  const status = el("p", { class: "mod-status", role: "status" });
  const counts = el("p", { class: "muted mod-counts" });
  const groups = el("div", { class: "mod-groups" });
  const empty = el("p", { class: "muted" }, t("mod_empty"));
  const node = el("div", { class: "moderation" }, counts, status, empty, groups);
  const rows = new Map(); // card id → {key, node}
  const groupNodes = new Map();
  let mode = null; // {id, kind: "edit" | "merge"}
  let state = live.state;

  function say(text, kind = "info") { status.textContent = text; status.dataset.state = kind; }

  const send = moderator(live, say);
  async function moderate(payload, done) {
    const before = mode; // the edit or merge this action finishes (another may have begun meanwhile)
    if (!(await send(payload, done))) return false;
    if (mode === before) mode = null;
    update(live.state);
    return true;
  }

  function setMode(next, focusSelector) {
    mode = next;
    update(state);
    const row = next ? rows.get(next.id) : null;
    const target = row && row.node.querySelector(focusSelector || "textarea, select");
    if (target) target.focus();
  }

  function cancel(id) {
    setMode(null);
    const row = rows.get(id);
    const again = row && row.node.querySelector(".mod-first");
    if (again) again.focus();
  }

  function textOf(id) {
    const card = state.items.find((i) => i.id === id);
    return card ? card.text : "";
  }

  function cardRow(card) {
    const author = anonymous ? null : participantOf(state, card.author_id);
    const role = author ? roleOf(state, author.role) : null;
    const meta = [
      author ? roleChip(role, `${author.name} · ${pick(role.name)}`) : el("span", {}, anonymous ? t("mod_anonymous") : t("mod_unknown")),
      card.as ? el("span", { class: "mod-as" }, t("mod_as", { role: pick(roleOf(state, card.as).name) })) : null,
      card.hidden ? el("span", { class: "badge badge-hidden" }, card.merged_into ? t("mod_merged") : t("mod_hidden")) : null,
      card.merged_into ? el("span", { class: "mod-merged" }, t("mod_merged_into", { text: textOf(card.merged_into) })) : null,
      (card.merged_from || []).length ? el("span", { class: "badge" }, t("mod_merged_count", { n: card.merged_from.length })) : null,
    ];
    const label = shortLabel(card.text);
    let tools;
    if (mode && mode.id === card.id && mode.kind === "edit") {
      const area = el("textarea", { class: "input", rows: "3", maxlength: String(round.settings.max_length),
        "aria-label": t("mod_edit_label", { text: label }) });
      area.value = card.text;
      tools = el("form", { class: "mod-form", novalidate: true, onsubmit: (e) => {
        e.preventDefault();
        const text = area.value.trim();
        if (!text) { say(t("empty_card"), "error"); area.focus(); return; }
        moderate({ action: "edit", id: card.id, text }, t("mod_done_edit"));
      } }, area, el("div", { class: "mod-actions" },
        el("button", { class: "btn btn-small btn-primary", type: "submit" }, t("save")),
        el("button", { class: "btn btn-small btn-link", type: "button", onclick: () => cancel(card.id) }, t("cancel"))));
    } else if (mode && mode.id === card.id && mode.kind === "merge") {
      const others = cardsOf(state, round).filter((c) => c.id !== card.id);
      const select = el("select", { class: "input", "aria-label": t("mod_merge_label", { text: label }) },
        others.map((c) => el("option", { value: String(c.id) }, c.text.length > 80 ? `${c.text.slice(0, 80)}…` : c.text)));
      tools = el("form", { class: "mod-form", novalidate: true, onsubmit: (e) => {
        e.preventDefault();
        moderate({ action: "merge", id: card.id, into: Number(select.value) }, t("mod_done_merge"));
      } }, el("p", { class: "hint" }, t("mod_merge_hint")), select, el("div", { class: "mod-actions" },
        el("button", { class: "btn btn-small btn-primary", type: "submit", disabled: !others.length }, t("mod_merge_do")),
        el("button", { class: "btn btn-small btn-link", type: "button", onclick: () => cancel(card.id) }, t("cancel"))));
    } else {
      let move = null;
      if (categories.length && !card.hidden) {
        move = el("select", { class: "input input-small", "aria-label": t("mod_move_label", { text: label }), onchange: (e) => {
          moderate({ action: "move", id: card.id, category: e.target.value }, t("mod_done_move"));
        } }, categories.map((c) => el("option", { value: c.id }, c.label)));
        move.value = card.category || categories[0].id;
      }
      tools = el("div", { class: "mod-actions" },
        hideToggle(moderate, card, label),
        card.hidden ? null : el("button", { class: "btn btn-small", type: "button", "aria-label": `${t("mod_edit")}: ${label}`,
          onclick: () => setMode({ id: card.id, kind: "edit" }) }, t("mod_edit")),
        card.hidden ? null : el("button", { class: "btn btn-small", type: "button", "aria-label": `${t("mod_merge")}: ${label}`,
          onclick: () => setMode({ id: card.id, kind: "merge" }) }, t("mod_merge")),
        move);
    }
    const row = el("li", { class: ["mod-card", card.hidden ? "is-hidden" : null], dataset: { id: card.id } },
      el("p", { class: "mod-text" }, card.text), el("p", { class: "mod-meta" }, meta), tools);
    if (role) paintRole(row, role.colour);
    return row;
  }

  function rowFor(card) {
    const editing = mode && mode.id === card.id ? mode.kind : "";
    const mergedText = card.merged_into ? textOf(card.merged_into) : "";
    const author = participantOf(state, card.author_id);
    const key = `${card.updated_at}|${card.hidden}|${editing}|${mergedText}|${author ? author.name : ""}`;
    const known = rows.get(card.id);
    if (known && known.key === key) return known.node;
    const row = cardRow(card);
    rows.set(card.id, { key, node: row });
    return row;
  }

  function groupNode(group) {
    let entry = groupNodes.get(group.key);
    if (!entry) {
      entry = { title: el("h3", { class: "mod-group-title" }), list: el("ul", { class: "mod-cards" }) };
      entry.node = el("section", { class: "mod-group" }, entry.title, entry.list);
      groupNodes.set(group.key, entry);
    }
    const title = group.table ? tableChip(group.table) : group.role ? roleChip(group.role, group.label) : group.label;
    replace(entry.title, title,
      el("span", { class: "count" }, ` (${group.items.length})`));
    entry.title.hidden = !group.label;
    return entry;
  }

  function update(next) {
    state = next;
    const all = cardsOf(state, round, { hidden: true });
    const hidden = all.filter((c) => c.hidden).length;
    const waiting = onReveal(round) && !summaryOf(state, round.id).revealed;
    counts.textContent = [
      all.length === 1 ? t("mod_count_one") : t("mod_count", { n: all.length }),
      hidden ? t("mod_hidden_count", { n: hidden }) : null,
      waiting ? t("mod_not_revealed") : null,
    ].filter(Boolean).join(" · ");
    empty.hidden = all.length > 0;
    syncChildren(groups, moderationGroups(state, round, all).map((g) => {
      const entry = groupNode(g);
      syncChildren(entry.list, g.items.map(rowFor));
      return entry.node;
    }));
  }

  update(state);
  return { node, update, title: t("console_cards") };
}
