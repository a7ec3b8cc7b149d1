// One table's screen (GET /s/<code>/t/<table>): read-only, like the projector, for a tablet
// or laptop on the table. In the lobby its QR code large (it joins straight into this
// table) and who sits here; in a round played at tables this table's wall (the mechanics'
// projector views, fed with what this table's phones see); in the hall's rounds the hall's
// wall. The message to all tables stands on top. Keys (projector-frame.js): F fullscreen,
// T light/dark theme.
import { $, el, jsonData, replace } from "./dom.js";
import { t, pick, lang } from "./i18n.js";
import { Live, connectionIndicator } from "./socket.js";
import { attachCountdown } from "./countdown.js";
import { mechanicFor, loadMechanic } from "./mechanics/index.js";
import { peopleByRole, countText } from "./people.js";
import { atTables, membersOf, messageOf, tableOf, tableState } from "./tables.js";
import { setupFrame } from "./projector-frame.js";

const page = jsonData("page-data");
const body = $("#round-body");
const band = $(".table-band");
const frame = setupFrame();
let view = null; // {key, node, update}

band.style.setProperty("--table-colour", band.dataset.colour);

const live = new Live({
  auth: { code: page.code, lang },
  onChange: render,
  onRefused: (error) => frame.showOverlay(error.message),
  onStatus: connectionIndicator($("#connection")),
}).connect();
/** The live connection as this table sees it: the mechanics' views read `live.state`. */
const tableLive = { get state() { return seen(live.state); } };

const countdown = attachCountdown($("#countdown"), () => live.state && live.state.flow);

/** In a round played at tables, this table's part of the state; else the hall's. */
function seen(state) {
  return state && atTables(state) ? tableState(state, page.table) : state;
}

function render(state, change) {
  if (!frame.ready(live, state, change, render)) return;
  $("#table-missing").hidden = Boolean(tableOf(state, page.table));
  const message = messageOf(state);
  $("#table-message").hidden = !message;
  $("#table-message").textContent = message ? t("tables_message_now", { text: message }) : "";
  const inLobby = frame.place(state);
  countdown.refresh();
  if (inLobby) renderLobby(state);
  else renderStage(state);
  frame.showState(state);
}

function renderLobby(state) {
  const members = { ...state, participants: membersOf(state, page.table) };
  const n = members.participants.length;
  $("#people-count").textContent = n ? countText(n, "table_person_here", "table_people_here") : t("table_nobody");
  replace($("#people"), peopleByRole(members, { heading: "h2" }));
}

function renderStage(state) {
  const total = state.game.rounds.length;
  if (state.flow.status === "ended") {
    $("#round-progress").textContent = state.session.title;
    $("#round-title").textContent = t("ended_title");
    $("#round-prompt").textContent = t("ended_text");
    $("#round-scope").textContent = "";
    replace(body);
    view = null;
    return;
  }
  const round = state.round;
  const here = atTables(state);
  $("#round-progress").textContent = t("round_of", { n: round.index + 1, total });
  $("#round-title").textContent = pick(round.title);
  $("#round-prompt").textContent = pick(round.prompt);
  $("#round-scope").textContent = here ? t("table_scope_table") : t("table_scope_hall");
  stage.dataset.mechanic = round.mechanic;
  const mechanic = mechanicFor(round.mechanic);
  const key = `${round.id}|${mechanic ? "ready" : "loading"}|${here}`;
  if (!view || view.key !== key) {
    if (!mechanic) loadMechanic(round.mechanic).then((loaded) => { if (loaded) render(live.state); }).catch(() => {});
    view = mechanic && mechanic.projectorView ? mechanic.projectorView({ live: tableLive, round }) : plainView();
    view.key = key;
    replace(body, view.node);
  }
  view.update(seen(state));
}

/** A round without a wall: who sits at this table, by role. */
function plainView() {
  const node = el("div", { class: "plain-round" });
  return {
    node,
    update(state) {
      const members = { ...state, participants: membersOf(live.state, page.table) };
      replace(node, el("div", { class: "people-by-role people-wall" }, peopleByRole(members, { heading: "h2" })));
    },
  };
}
