// The projector: read-only, driven by the console. Lobby with a big QR code, then the
// rounds with a live wall; in a round played at tables, a grid of the tables
// (projector-tables.js). Keys: F fullscreen, T light/dark theme.
import { $, el, jsonData, replace } from "./dom.js";
import { t, pick, lang } from "./i18n.js";
import { Live, connectionIndicator } from "./socket.js";
import { attachCountdown } from "./countdown.js";
import { mechanicFor, loadMechanic } from "./mechanics/index.js";
import { peopleByRole, countText } from "./people.js";
import { endedView } from "./projector-end.js";
import { peopleByTable, tablesGrid } from "./projector-tables.js";
import { atTables, tablesOn } from "./tables.js";
import { setupFrame } from "./projector-frame.js";

const page = jsonData("page-data");
const stage = $("#stage");
const body = $("#round-body");
const frame = setupFrame();
let view = null; // {key, node, update}
const seen = new Set(); // participants already shown (new ones animate in)

const live = new Live({
  auth: { code: page.code, lang },
  onChange: render,
  onRefused: (error) => frame.showOverlay(error.message),
  onStatus: connectionIndicator($("#connection")),
}).connect();

const countdown = attachCountdown($("#countdown"), () => live.state && live.state.flow);

/** The corner's join QR code large when the console says (a click or Esc may differ until it changes). */
let qrLarge = null;
function renderJoin(state) {
  const large = Boolean(state.session.qr_large);
  if (large !== qrLarge) frame.setLarge(large);
  qrLarge = large;
}

// --- rendering -----------------------------------------------------------------------------

function render(state, change) {
  if (!frame.ready(live, state, change, render)) return;
  const inLobby = frame.place(state);
  countdown.refresh(); // first: the header's height decides how much room the round's body has
  if (inLobby) renderLobby(state);
  else renderStage(state);
  renderJoin(state);
  frame.showState(state);
}

function renderLobby(state) {
  const n = state.participants.length;
  $("#people-count").textContent = n ? countText(n, "person_here", "people_here") : t("nobody_yet");
  // At tables: who sits where, so everyone finds their table; else by role.
  replace($("#people"), tablesOn(state) ? peopleByTable(state, seen) : peopleByRole(state, { known: seen, heading: "h2" }));
  for (const p of state.participants) seen.add(p.id);
  // Many people: a smaller title, then smaller name tags, until everyone fits (projector.css).
  const lobby = $("#lobby");
  const box = $(".lobby-people");
  let level = 0;
  lobby.style.removeProperty("--lobby-name");
  lobby.dataset.density = "0";
  while (level < 7 && !fits(box)) lobby.dataset.density = String(++level);
  growNames(lobby, box);
}

const fits = (box) => box.scrollHeight <= box.clientHeight + 2;

/**
 * The name tags as large as fit, up to their full size. A level's size is one where its
 * layout surely fits; a hall between two levels (31 people at four tables: the level above
 * was a few pixels too tall) would otherwise get names a size smaller than the room allows
 * and empty space below them. The level's layout stays; only the tags grow, in rem so a
 * resized screen keeps the proportions.
 */
function growNames(lobby, box) {
  const tag = box.querySelector(".name-list li");
  if (!tag || !fits(box)) return;
  const rem = parseFloat(getComputedStyle(document.documentElement).fontSize);
  const size = () => parseFloat(getComputedStyle(tag).fontSize) / rem;
  let low = size();
  lobby.style.setProperty("--lobby-name", "var(--lobby-name-full)");
  let high = size();
  if (fits(box)) return;
  while (high - low > 0.02) { // half a pixel at 1080p
    const mid = (low + high) / 2;
    lobby.style.setProperty("--lobby-name", `${mid}rem`);
    if (fits(box)) low = mid;
    else high = mid;
  }
  lobby.style.setProperty("--lobby-name", `${low}rem`);
}

function renderStage(state) {
  const total = state.game.rounds.length;
  if (state.flow.status === "ended") {
    $("#round-progress").textContent = state.session.title;
    $("#round-title").textContent = t("ended_title");
    $("#round-prompt").textContent = t("ended_text");
    stage.dataset.mechanic = "ended";
    const ended = endedView(state, page);
    replace(body, ended.node);
    ended.fit();
    requestAnimationFrame(() => setTimeout(ended.fit, 100)); // once the header has settled
    view = null;
    renderStrip(state, total);
    return;
  }
  const round = state.round;
  $("#round-progress").textContent = t("round_of", { n: round.index + 1, total });
  $("#round-title").textContent = pick(round.title);
  $("#round-prompt").textContent = pick(round.prompt);
  stage.dataset.mechanic = round.mechanic;
  const mechanic = mechanicFor(round.mechanic);
  const grid = atTables(state);
  stage.dataset.scope = grid ? "table" : "plenary";
  const key = `${round.id}|${mechanic ? "ready" : "loading"}|${grid ? "tables" : "hall"}`;
  if (!view || view.key !== key) {
    if (!mechanic) loadMechanic(round.mechanic).then((loaded) => { if (loaded) render(live.state); }).catch(() => {});
    view = grid ? tablesGrid({ live, round })
      : mechanic && mechanic.projectorView ? mechanic.projectorView({ live, round })
        : plainView();
    view.key = key;
    replace(body, view.node);
  }
  view.update(state);
  renderStrip(state, total);
}

/** A mechanic without a wall (or one that did not load): who is in the room, by role. */
function plainView() {
  const node = el("div", { class: "plain-round" });
  return {
    node,
    update(state) { replace(node, el("div", { class: "people-by-role people-wall" }, peopleByRole(state, { heading: "h2" }))); },
  };
}

function renderStrip(state, total) {
  const current = state.round && state.flow.status !== "ended" ? state.round.index : total;
  replace($("#progress-strip"), state.game.rounds.map((r, i) => el("li", {
    class: [i < current ? "is-done" : null, i === current && state.flow.status !== "ended" ? "is-current" : null],
  })));
}
