// The facilitator's console: start, next, back, pause/resume, +5 min, the round's own control
// (reveal the cards, close the vote and show the result), end; notes of the round; the
// round's content (moderation of cards, vote tallies, the action path, reflection); who is
// here and who has not answered yet; lock, remove, delete; the tables (console-tables.js).
// Keys: → next (in the last round: finish), ← back, space pause/resume, R the round's control.
// The ending is a step: in the last round the main control is "Finish the game", asked
// once in a dialog (console-finish.js); after the end the controls go and the plan's QR code
// and downloads take their place.
import { $, el, jsonData, replace } from "./dom.js";
import { t, pick, lang } from "./i18n.js";
import { Live, connectionIndicator } from "./socket.js";
import { attachCountdown } from "./countdown.js";
import { mechanicFor, loadMechanic, loadGame } from "./mechanics/index.js";
import { peopleByRole, countText } from "./people.js";
import { setupAdmin, showDeleted } from "./console-admin.js";
import { setupProxies } from "./console-proxies.js";
import { setupFinish } from "./console-finish.js";
import { setupWall } from "./console-wall.js";
import { setupTables } from "./console-tables.js";
import { setupPublish } from "./console-publish.js";

const page = jsonData("page-data");
const buttons = {
  back: $("#btn-back"), start: $("#btn-start"), next: $("#btn-next"), finish: $("#btn-finish"), pause: $("#btn-pause"),
  resume: $("#btn-resume"), extend: $("#btn-extend"), reveal: $("#btn-reveal"), end: $("#btn-end"),
};
const errorLine = $("#control-error");
let busy = false;
let deleted = false;
let content = null; // {key, node, update, title}: the current round's content panel
let preloaded = false; // the console sits next to the server: the game's mechanics at once

const live = new Live({
  auth: { code: page.code, key: page.key, lang },
  onChange: render,
  onRefused: (error) => showError(error.message),
  onStatus: connectionIndicator($("#connection")),
}).connect();
const admin = setupAdmin(live, page.code);
const proxies = setupProxies(live, page.code);
const finish = setupFinish(() => control("end"));
const wall = setupWall(live);
const tables = setupTables(live, page.tables, page.code);
const publish = setupPublish(live);

const countdown = attachCountdown($("#countdown"), () => live.state && live.state.flow);

// --- controls ---------------------------------------------------------------------------------

async function control(action, extra) {
  if (busy) return;
  busy = true;
  showError("");
  const move = action === "next" || action === "back" ? { from_round: fromRound(live.state) } : {};
  const ack = await live.request("control", { action, ...move, ...extra });
  busy = false;
  if (!ack.ok) showError(t("action_failed", { message: ack.error ? ack.error.message : "" }));
}

/** The position this console sees and means to leave (docs/protocol.md, `control`): the
 *  round index, or the number of rounds on the end screen. A second console that pressed
 *  for the same position gets `unchanged: true` instead of skipping a round. */
function fromRound(state) {
  if (!state) return undefined;
  return state.flow.status === "ended" ? state.game.rounds.length : state.flow.round_index;
}

function showError(message) {
  errorLine.textContent = message || "";
  errorLine.hidden = !message;
}

// "+5 min" sends no minutes: the server adds its one default (engine/flow.py EXTEND_MINUTES).
// "Finish" and "End game" ask first (the dialog sends "end" when confirmed).
for (const [name, action, extra] of [["start", "start"], ["next", "next"], ["back", "back"], ["pause", "pause"],
  ["resume", "resume"], ["extend", "extend"], ["reveal", "round"], ["finish", "ask"], ["end", "ask"]]) {
  buttons[name].addEventListener("click", (event) => {
    // After a mouse click, let go of the focus: otherwise the next Space (pause) would
    // press this button again, e.g. skip a round. Keyboard users keep their focus.
    if (event.detail > 0) event.currentTarget.blur();
    if (action === "ask") finish.ask(roundsLeft(live.state));
    else if (action === "round") pressRoundControl(false);
    else control(action, extra);
  });
}

/** Rounds still to come after the current one (0 in the last round). */
function roundsLeft(state) {
  if (!state || !state.round || state.flow.status === "ended") return 0;
  return state.game.rounds.length - 1 - state.round.index;
}

document.addEventListener("keydown", (event) => {
  if (event.ctrlKey || event.metaKey || event.altKey || !live.state || finish.open()) return;
  const target = event.target;
  if (target.closest("input, textarea, select, [contenteditable]")) return;
  const status = live.state.flow.status;
  if (status === "ended") return; // nothing left to move: the end panel has the plan
  if (event.key === "ArrowRight") {
    event.preventDefault();
    if (status === "lobby") control("start");
    else if (roundsLeft(live.state) === 0) finish.ask(0);
    else control("next");
  } else if (event.key === "ArrowLeft") {
    event.preventDefault();
    control("back");
  } else if (event.key === " " && !target.closest("button, a, summary")) {
    // Space on a focused button keeps activating that button, as keyboard users expect.
    event.preventDefault();
    if (status === "running") control("pause");
    else if (status === "paused") control("resume");
  } else if ((event.key === "r" || event.key === "R") && roundControl(live.state)) {
    event.preventDefault();
    pressRoundControl(true);
  }
});

/** The control the current round's mechanic offers now (mechanics/index.js `roundControl`):
 *  reveal the cards, close the vote and show the result, open it again; null: none. */
function roundControl(state) {
  const round = state.round;
  const mechanic = round && mechanicFor(round.mechanic);
  if (!mechanic || !mechanic.roundControl || !["running", "paused"].includes(state.flow.status)) return null;
  return mechanic.roundControl(state, round);
}

/** Press the round's control: by key R only a control that moves forward (a second R
 *  never undoes the first). */
function pressRoundControl(byKey) {
  const offered = roundControl(live.state);
  if (offered && (offered.key || !byKey)) control(offered.action);
}

// --- rendering --------------------------------------------------------------------------------

function render(state, change) {
  if (deleted) return;
  if (change && change.type === "deleted") {
    deleted = true;
    live.socket.disconnect();
    showDeleted();
    return;
  }
  if (!state) return;
  if (!preloaded) {
    preloaded = true;
    loadGame(state).then(() => render(live.state));
  }
  const { status } = state.flow;
  const round = state.round;
  const total = state.game.rounds.length;
  $("#status-line").textContent = round && status !== "ended"
    ? `${t(`status_${status}`)} · ${t("round_of", { n: round.index + 1, total })}`
    : t(`status_${status}`);
  $("#now-title").textContent = status === "ended" ? t("ended_title") : round ? pick(round.title) : pick(state.game.title);
  $("#now-prompt").textContent = round && status !== "ended" ? pick(round.prompt) : state.session.question;
  $("#notes").textContent = status === "lobby" ? t("lobby_notes")
    : round && status !== "ended" ? (pick(round.notes) || t("no_notes")) : t("no_notes");

  const playing = status === "running" || status === "paused";
  const ended = status === "ended";
  const last = playing && roundsLeft(state) === 0;
  buttons.start.hidden = status !== "lobby";
  buttons.next.hidden = status === "lobby" || last;
  buttons.finish.hidden = !last;
  buttons.next.disabled = !playing;
  buttons.back.disabled = !playing;
  buttons.pause.hidden = status === "paused";
  buttons.pause.disabled = status !== "running";
  buttons.resume.hidden = status !== "paused";
  buttons.extend.disabled = !playing;
  const offered = roundControl(state);
  buttons.reveal.hidden = !offered;
  if (offered) {
    buttons.reveal.textContent = offered.label;
    buttons.reveal.classList.toggle("is-undo", !offered.key);
    if (offered.key) buttons.reveal.setAttribute("aria-keyshortcuts", "R");
    else buttons.reveal.removeAttribute("aria-keyshortcuts");
  }
  buttons.end.hidden = last; // "Finish the game" says it already
  // After the end nothing is left to control: the controls, keys and notes give way to
  // the plan's QR code and downloads.
  for (const node of [$(".controls"), $("#keys-hint"), $("#notes-panel")]) node.hidden = ended;
  const endPanel = $("#end-panel");
  const justEnded = ended && endPanel.hidden;
  endPanel.hidden = !ended;
  if (justEnded && finish.asked()) $("#end-title").focus();
  if (ended) finish.close();
  countdown.refresh();

  renderContent(state);
  renderPeople(state);
  renderMissing(state);
  renderRounds(state);
  admin.render(state);
  proxies.render(state);
  wall.render(state);
  tables.render(state);
  publish.render(state, change);
}

/** The round's content, as its mechanic shows it on the console (moderation, tallies, …). */
function renderContent(state) {
  const round = state.flow.status === "ended" ? null : state.round;
  const mechanic = round && mechanicFor(round.mechanic);
  if (round && !mechanic) loadMechanic(round.mechanic).then((loaded) => { if (loaded) render(live.state); }).catch(() => {});
  const key = round ? `${round.id}|${mechanic ? "ready" : "loading"}` : null;
  if (!content || content.key !== key) {
    if (content && content.destroy) content.destroy();
    content = null;
    if (mechanic && mechanic.consoleView) content = mechanic.consoleView({ live, round, code: page.code });
    if (content) {
      content.key = key;
      $("#content-title").textContent = content.title;
      replace($("#content"), content.node);
    }
  }
  $("#content-panel").hidden = !content;
  if (content) content.update(state);
}

function renderPeople(state) {
  const n = state.participants.length;
  $("#people-count").textContent = n ? `(${n})` : "";
  const groups = peopleByRole(state, { markProxies: true });
  replace($("#people"), groups.length ? groups : el("p", { class: "muted" }, t("nobody_yet")));
}

function renderMissing(state) {
  const target = $("#missing");
  const round = state.round;
  const mechanic = round && mechanicFor(round.mechanic);
  const panel = target.closest("section");
  panel.hidden = !round || state.flow.status === "ended" || !mechanic || !mechanic.consoleInfo;
  if (panel.hidden) return;
  $("#missing-title").textContent = t(`missing_${round.mechanic}`);
  const { written, expected, note } = mechanic.consoleInfo(state, round);
  if (note) { replace(target, el("p", { class: "muted" }, note)); return; }
  const missing = new Set(state.participants.filter((p) => !written.has(p.id) && (!expected || expected.has(p.id))).map((p) => p.id));
  // Someone without a phone: one click opens the console's input for them in this round.
  const fillIn = (p) => (proxies.canOpen(state, p) ? el("button", {
    class: "btn btn-small proxy-open", type: "button", "aria-label": t("proxy_open_for", { name: p.name }),
    onclick: () => proxies.open(p),
  }, t("proxy_open")) : null);
  replace(target, missing.size
    ? [el("p", { class: "muted" }, countText(missing.size, "person_count", "people_count")),
      el("div", { class: "people-by-role" }, peopleByRole(state, { only: missing, markProxies: true, action: fillIn }))]
    : el("p", { class: "done-note" }, t("everyone_answered")));
}

function renderRounds(state) {
  const current = state.round ? state.round.index : -1;
  const ended = state.flow.status === "ended";
  replace($("#round-list"), state.game.rounds.map((r, i) => el("li", {
    class: ["round-item", i === current && !ended ? "is-current" : null, i < current || ended ? "is-done" : null],
    "aria-current": i === current && !ended ? "step" : null,
  },
  el("span", { class: "round-num" }, String(i + 1)),
  el("span", { class: "round-name" }, pick(r.title)),
  el("span", { class: "round-min" }, `${r.minutes} min`))));
}
