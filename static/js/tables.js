// Tables in one session (docs/protocol.md, "Tables"): what every page reads of them. The
// snapshot has `tables: [{id, name, colour}]`, `session.tables` (the settings, the message to
// all tables), `table` on each participant and item, and `scope` on each round. A table's
// colour is dark enough for white text (engine/tables/names.py) and is always shown with
// its name, so colour is never the only cue.
import { el, paintRole } from "./dom.js";
import { t, pick } from "./i18n.js";
import { roleOf } from "./socket.js";

/** The session plays at tables. */
export const tablesOn = (state) => Boolean(state && state.tables && state.tables.length);

/** The round on now (or `round`) is played at each table. */
export function atTables(state, round = state && state.round) {
  return tablesOn(state) && Boolean(round) && round.scope === "table" && state.flow.status !== "ended";
}

export function tableOf(state, id) {
  return ((state && state.tables) || []).find((table) => table.id === id) || null;
}

/** The people at table `id`, in the order they joined. */
export const membersOf = (state, id) => state.participants.filter((p) => p.table === id);

/** The participant's table (null without tables or not seated). */
export function seatOf(state, participantId) {
  // a phone's snapshot has no participant list (docs/protocol.md): it knows its own seat (`me`)
  const person = state.participants.find((p) => p.id === participantId)
    || (state.me && state.me.id === participantId ? state.me : null);
  return person ? tableOf(state, person.table) : null;
}

/** The table settings (`session.tables`), or null. */
export const settingsOf = (state) => (state && state.session && state.session.tables) || null;

/** The message to all tables now ("" when none). */
export const messageOf = (state) => (tablesOn(state) && settingsOf(state) ? settingsOf(state).message || "" : "");

/** Give `node` a table's colour (--table-colour); white text stands on it. */
export function paintTable(node, table) {
  if (table && /^#[0-9a-f]{6}$/i.test(table.colour || "")) node.style.setProperty("--table-colour", table.colour);
  return node;
}

/** A table's name on its colour: "Tafel Zeekraal". */
export function tableChip(table, extraClass) {
  if (!table) return null;
  return paintTable(el("span", { class: ["table-chip", extraClass] }, pick(table.name)), table);
}

/**
 * The state as seen from table `id` in a table round, as its phones see it: only its items
 * (and the hall's) and its people. The mechanics' projector views draw one table's wall
 * from it.
 */
export function tableState(state, id) {
  if (!atTables(state)) return state;
  return {
    ...state,
    // its own table's items, and the hall's (made in plenary rounds, no table, or at a table
    // that is no longer there: fewer tables during the game, docs/protocol.md)
    items: state.items.filter((item) => item.table === id || item.table === null || item.table === undefined
      || !tableOf(state, item.table)),
    participants: membersOf(state, id),
  };
}

/** Members as dots in their role's colour, each with name and role for assistive tech;
 *  `done` (a Set of ids, or null when nobody may know) fills the dots of who took part. */
export function roleDots(state, people, done) {
  return el("ul", { class: "role-dots" }, people.map((p) => {
    const role = roleOf(state, p.role);
    const finished = done && done.has(p.id);
    // filled: has taken part; a ring: not yet; without `done` (nobody may know) all filled
    const dot = el("li", { class: ["role-dot", finished || !done ? "is-done" : null], title: `${p.name} · ${pick(role.name)}` },
      el("span", { class: "role-dot-mark", "aria-hidden": "true" }),
      el("span", { class: "role-dot-name" }, p.name),
      finished ? el("span", { class: "visually-hidden" }, ` (${t("table_done")})`) : null);
    paintRole(dot, role.colour);
    return dot;
  }));
}
