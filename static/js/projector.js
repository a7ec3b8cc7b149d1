// The projector: read-only, driven by the console. Lobby with a big QR code, then the
// rounds with a live wall. Keys: F fullscreen, T light/dark theme.
import { $, el, jsonData, replace } from "./dom.js";
import { t, pick, lang } from "./i18n.js";
import { Live, connectionIndicator } from "./socket.js";
import { attachCountdown } from "./countdown.js";
import { mechanicFor, loadMechanic, loadGame } from "./mechanics/index.js";
import { peopleByRole, countText } from "./people.js";
import { endedView } from "./projector-end.js";

const page = jsonData("page-data");
const root = document.documentElement;
const lobby = $("#lobby");
const stage = $("#stage");
const corner = $("#corner-join");
const overlay = $("#overlay");
const body = $("#round-body");
let view = null; // {key, node, update}
const seen = new Set(); // participants already shown (new ones animate in)

applyTheme(localStorage.getItem("samenspel:projector-theme") || "dark");
let preloaded = false; // the projector runs next to the server: the game's mechanics at once

const live = new Live({
  auth: { code: page.code, lang },
  onChange: render,
  onRefused: (error) => showOverlay(error.message),
  onStatus: connectionIndicator($("#connection")),
}).connect();

const countdown = attachCountdown($("#countdown"), () => live.state && live.state.flow);

// --- keys --------------------------------------------------------------------------------

document.addEventListener("keydown", (event) => {
  if (event.ctrlKey || event.metaKey || event.altKey) return;
  const key = event.key.toLowerCase();
  if (key === "f") toggleFullscreen();
  else if (key === "t") applyTheme(root.classList.contains("theme-dark") ? "light" : "dark", true);
  else if (key === "escape") setLarge(false);
});

function toggleFullscreen() {
  if (document.fullscreenElement) document.exitFullscreen();
  else if (root.requestFullscreen) root.requestFullscreen().catch(() => {});
}

function applyTheme(theme, remember) {
  root.classList.toggle("theme-dark", theme === "dark");
  root.classList.toggle("theme-light", theme !== "dark");
  if (remember) localStorage.setItem("samenspel:projector-theme", theme);
}

corner.addEventListener("click", () => setLarge(!corner.classList.contains("is-large")));

function setLarge(large) {
  corner.classList.toggle("is-large", large);
  corner.setAttribute("aria-expanded", String(large));
}

/** The join QR codes: "Closed" over them while locked; the corner's large when the console says. */
let qrLarge = null;
function renderJoin(state) {
  for (const box of document.querySelectorAll(".qr-box")) box.classList.toggle("is-closed", Boolean(state.session.locked));
  const large = Boolean(state.session.qr_large);
  if (large !== qrLarge) setLarge(large); // the console's choice; a click (or Esc) may differ until it changes
  qrLarge = large;
}

// --- rendering -----------------------------------------------------------------------------

function render(state, change) {
  if (change && change.type === "deleted") {
    live.socket.disconnect();
    showOverlay(t("deleted_title"));
    return;
  }
  if (!state) return;
  if (!preloaded) {
    preloaded = true;
    loadGame(state).then(() => render(live.state));
  }
  const status = state.flow.status;
  const inLobby = status === "lobby" || (!state.round && status !== "ended");
  lobby.hidden = !inLobby;
  stage.hidden = inLobby;
  corner.hidden = inLobby || status === "ended";
  countdown.refresh(); // first: the header's height decides how much room the round's body has
  if (inLobby) renderLobby(state);
  else renderStage(state);
  renderJoin(state);
  overlay.hidden = status !== "paused";
  if (status === "paused") {
    $("#overlay-text").textContent = t("paused");
    $("#overlay-sub").textContent = t("paused_text");
  }
}

function showOverlay(text) {
  $("#overlay-text").textContent = text;
  $("#overlay-sub").textContent = "";
  overlay.hidden = false;
}

function renderLobby(state) {
  const n = state.participants.length;
  $("#people-count").textContent = n ? countText(n, "person_here", "people_here") : t("nobody_yet");
  replace($("#people"), peopleByRole(state, { known: seen, heading: "h2" }));
  for (const p of state.participants) seen.add(p.id);
  // Many people: smaller name tags until everyone fits.
  const box = $(".lobby-people");
  let level = 0;
  box.dataset.density = "0";
  while (level < 3 && box.scrollHeight > box.clientHeight + 2) box.dataset.density = String(++level);
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
  const key = `${round.id}|${mechanic ? "ready" : "loading"}`;
  if (!view || view.key !== key) {
    if (!mechanic) loadMechanic(round.mechanic).then((loaded) => { if (loaded) render(live.state); }).catch(() => {});
    view = mechanic && mechanic.projectorView
      ? mechanic.projectorView({ live, round })
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
