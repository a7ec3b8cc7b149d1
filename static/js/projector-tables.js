// The projector in a round played at tables: a grid of every table — its name on its colour,
// its people as dots in their role's colour (filled: has taken part in this round), how many
// things it wrote and the latest one (in a vote: its ideas, and the one ahead when the
// count is shown; once voting is closed, its ideas ranked with the ones it chose marked:
// the mechanic's `tableResult`). Each table's own wall is on its table screen
// (table-screen.js); the hall's wall comes back in the plenary rounds. The message to all
// tables stands above the grid.
import { el, paintRole, replace } from "./dom.js";
import { t, pick } from "./i18n.js";
import { mechanicFor } from "./mechanics/index.js";
import { membersOf, messageOf, paintTable, roleDots, tableChip } from "./tables.js";
import { roleOf, summaryOf } from "./socket.js";

/** Who has taken part in this round (null: the room may not know, e.g. a vote's ballots are secret). */
export function doneIn(state, round) {
  if (round.settings.from_round) return null;
  const mechanic = mechanicFor(round.mechanic);
  if (!mechanic || !mechanic.consoleInfo) return null;
  const { written, note } = mechanic.consoleInfo(state, round);
  return note ? null : written;
}

/** The round's items at table `id` that the room may read, newest last. */
export function writtenAt(state, round, id) {
  return state.items.filter((i) => i.round_id === round.id && i.table === id)
    .sort((a, b) => a.created_at - b.created_at || a.id - b.id);
}

export function tablesGrid(ctx) {
  const { round } = ctx;
  const message = el("p", { class: "tables-grid-message", hidden: true });
  const grid = el("div", { class: "tables-grid" });
  const node = el("div", { class: "mechanic tables-view" }, message, grid);

  function tableCard(state, table, done) {
    const members = membersOf(state, table.id);
    const finished = done ? members.filter((p) => done.has(p.id)).length : null;
    const { count, shown } = round.settings.from_round ? ballotAt(state, table.id) : writingAt(state, table.id);
    const mechanic = mechanicFor(round.mechanic);
    const result = mechanic && mechanic.tableResult ? mechanic.tableResult(state, round, table.id) : null;
    const card = el("section", { class: ["table-tile", result ? "has-result" : null] },
      el("h2", { class: "table-tile-name" }, pick(table.name)),
      el("div", { class: "table-tile-body" },
        roleDots(state, members, done),
        el("p", { class: "table-tile-counts" }, el("span", {}, count),
          finished === null ? null : el("span", {}, t("table_done_count", { n: finished, total: members.length }))),
        result || (shown ? el("p", { class: "table-tile-latest" }, shown) : null)));
    return paintTable(card, table);
  }

  /** A round that writes: how much the table wrote, and the latest. */
  function writingAt(state, id) {
    const items = writtenAt(state, round, id);
    const latest = [...items].reverse().find((i) => typeof i.text === "string" && i.text);
    return {
      count: items.length === 1 ? t("table_written_one") : t("table_written_many", { n: items.length }),
      shown: latest ? latest.text : null,
    };
  }

  /** A vote (its ballots are secret): the table's ideas, and the one ahead when the count is shown. */
  function ballotAt(state, id) {
    const ideas = state.items.filter((i) => i.round_id === round.settings.from_round && i.kind === "card"
      && i.table === id && !i.hidden && !i.concealed);
    const tally = summaryOf(state, round.id).tally;
    const ahead = tally ? ideas.filter((i) => tally[String(i.id)] > 0)
      .sort((a, b) => tally[String(b.id)] - tally[String(a.id)] || a.id - b.id)[0] : null;
    return {
      count: ideas.length === 1 ? t("table_ideas_one") : t("table_ideas_many", { n: ideas.length }),
      shown: ahead ? `${ahead.text} (${tally[String(ahead.id)] === 1 ? t("dots_one") : t("dots_many", { n: tally[String(ahead.id)] })})` : null,
    };
  }

  function update(state) {
    const text = messageOf(state);
    message.hidden = !text;
    message.textContent = text;
    const done = doneIn(state, round);
    const n = state.tables.length;
    const cols = Math.max(1, Math.min(n, Math.ceil(Math.sqrt(n * 1.6))));
    const rows = Math.ceil(n / cols);
    grid.style.setProperty("--cols", String(cols));
    grid.dataset.rows = String(Math.min(rows, 3));
    if (rows > 3 || cols > 5) grid.dataset.dense = ""; else delete grid.dataset.dense;
    replace(grid, state.tables.map((table) => tableCard(state, table, done)));
  }

  update(ctx.live.state);
  return { node, update };
}

/** The lobby at tables: who sits where, table by table (names in their role's colour). */
export function peopleByTable(state, known) {
  return state.tables.map((table) => {
    const members = membersOf(state, table.id);
    return el("section", { class: "role-group table-group" },
      el("h2", { class: "role-group-title" }, tableChip(table), el("span", { class: "role-group-count" }, String(members.length))),
      el("ul", { class: "name-list" }, members.map((p) => paintRole(el("li", {
        class: known && !known.has(p.id) ? "is-new" : null,
        title: pick(roleOf(state, p.role).name),
      }, p.name), roleOf(state, p.role).colour))));
  });
}
