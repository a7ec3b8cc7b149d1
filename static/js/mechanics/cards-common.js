// What the views of the "cards" mechanic share (phone, projector, console): the round's
// settings read as the server sends them, the visible cards, and their groups on the wall.
import { t, pick } from "../i18n.js";
import { roleOf, participantOf, summaryOf } from "../socket.js";

/** Categories from the round settings: strings or {id, name|label|title: {nl, en}}. */
export function categoriesOf(round) {
  const raw = round.settings.categories || [];
  return raw.map((c) => (typeof c === "string"
    ? { id: c, label: c.charAt(0).toUpperCase() + c.slice(1) }
    : { id: c.id, label: pick(c.name || c.label || c.title) || c.id, colour: c.colour }));
}

export const isAnonymous = (round) => Boolean(round.settings.anonymous);
export const onReveal = (round) => round.settings.visibility === "reveal";

/** Whether a role may write in the round (settings.roles; null or empty: everyone). */
export const roleMayWrite = (round, roleId) => !(round.settings.roles && round.settings.roles.length)
  || round.settings.roles.includes(roleId);

/** In a perspective swap: the role this player writes as (summary.perspectives), or null. */
export function perspectiveOf(state, round, playerId) {
  if (!round.settings.perspective_swap) return null;
  const roleId = (summaryOf(state, round.id).perspectives || {})[String(playerId)];
  return roleId ? roleOf(state, roleId) : null;
}

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
  const by = round.settings.group_by;
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
