// The live part of the phone: Socket.IO connection, the lobby, the rounds and their
// mechanics (loaded per round), leaving the game, and the end. Loaded by phone.js once the
// player has joined (or is about to).
import { el, replace, roleChip } from "./dom.js";
import { t, pick } from "./i18n.js";
import { Live, connectionIndicator, roleOf } from "./socket.js";
import { attachCountdown } from "./countdown.js";
import { mechanicFor, loadMechanic } from "./mechanics/index.js";
import { dropOutbox } from "./outbox.js";
import { showAlert, clearAlert } from "./alert.js";

let live = null;
let screen = null; // {key, roundId, node, update(state), destroy()}
let ctx = null;
let gone = false; // removed, left or the session deleted: nothing live any more
let footer = null;
// The player's table, the message to all tables, "Ask for help" (phone-tables.js): loaded
// only when the session plays at tables, so a plenary evening's phone never fetches it. Its
// two places on the screen exist from the start; the bar fills them once loaded.
const tableSlot = el("div", { class: "table-slot" });
const helpSlot = el("div", { class: "table-slot" });
let tables = null; // the loaded bar: {node, help, update(state)}
let tablesLoading = false;
let wantedTable = null; // the table of the QR code the player joined through
let consent = null; // the library's consent question (phone-consent.js, loaded when asked)
const consentSlot = el("div", { class: "consent-slot" });

/**
 * Connect as the participant with `token` and keep `viewGame` in step with the session.
 * `showMe(me, role)` draws the name badge; `onForget()` is called when the server does not
 * know the token (the join form comes back); `forgetToken()` drops the stored identity;
 * `table`: the table of the QR code the player joined through (phone-tables.js), or null.
 */
export function play(options) {
  ctx = options;
  gone = false;
  consent = null;
  replace(consentSlot);
  footer = leaveFooter();
  wantedTable = options.table || null;
  tables = null; // a new connection gets a new bar (it asks through this `live`)
  tablesLoading = false;
  replace(tableSlot);
  replace(helpSlot);
  live = new Live({
    auth: { code: options.code, token: options.token, lang: options.lang },
    onChange: render,
    onRefused: refused,
    onStatus: connectionIndicator(options.conn),
  }).connect();
  return live;
}

/** The table bar in step with `state`; loads it the first time the session has tables. */
function updateTables(state) {
  if (tables) { tables.update(state); return; }
  if (tablesLoading || !(state.tables && state.tables.length)) return;
  tablesLoading = true;
  import("./phone-tables.js").then((m) => {
    tables = m.tableBar(live, wantedTable);
    replace(tableSlot, tables.node);
    replace(helpSlot, tables.help);
    tables.update(live.state || state);
  }).catch(() => { tablesLoading = false; }); // tried again with the next state
}

function stop() {
  if (live && live.socket) live.socket.disconnect();
  if (screen && screen.destroy) screen.destroy();
  screen = null;
}

function refused(error) {
  if (gone) return;
  if (error.code === "unknown_participant" || error.code === "bad_auth") {
    stop();
    live = null;
    ctx.onForget();
    return;
  }
  if (error.code === "unknown_session") { out("deleted"); return; }
  // Refused (e.g. too many connections from this network): the reason at the top.
  replace(ctx.viewGame, el("div", { class: "notice" }, el("h1", {}, t("join_failed"))));
  showAlert(error.message || t("join_failed"));
}

/** The player is out of the game (removed, left, session deleted): say so, forget the token. */
function out(reason) {
  if (gone) return;
  gone = true;
  if (live && live.state && live.state.me) dropOutbox(live, ctx.code); // nothing of theirs can be sent any more
  stop();
  ctx.forgetToken();
  ctx.conn.hidden = true;
  for (const id of ["me", "me-full"]) {
    const node = document.getElementById(id);
    if (node) node.hidden = true;
  }
  const texts = {
    removed: [t("removed_title"), t("removed_text")],
    left: [t("left_title"), t("left_text")],
    deleted: [t("deleted_title"), t("deleted_text")],
  }[reason];
  const heading = el("h1", { tabindex: "-1" }, texts[0]);
  replace(ctx.viewGame, el("div", { class: "lobby-card out-card", dataset: { reason } }, heading,
    el("p", { class: "lead" }, texts[1]),
    reason === "left" ? el("p", {}, el("a", { class: "btn btn-block", href: `/j/${ctx.code}` }, t("join_again"))) : null));
  heading.focus();
}

function screenKey(state) {
  const status = state.flow.status;
  if (status === "ended") return "ended";
  if (status === "lobby" || !state.round) return "lobby";
  return `round:${state.round.id}:${mechanicFor(state.round.mechanic) ? "ready" : "loading"}`;
}

function render(state, change) {
  if (gone) return;
  if (change && change.type === "deleted") { out("deleted"); return; }
  if (!state) return;
  if (change && change.type === "participant-removed" && state.me && change.id === state.me.id) {
    out(leaving ? "left" : "removed");
    return;
  }
  if (state.me && state.me.kind === "participant") ctx.showMe(state.me, roleOf(state, state.me.role));
  const key = screenKey(state);
  if (!screen || screen.key !== key) {
    const first = !screen;
    const sameRound = screen && state.round && screen.roundId === state.round.id && key !== "ended";
    if (screen && screen.destroy) screen.destroy();
    screen = key === "lobby" ? lobbyScreen(state) : key === "ended" ? endedScreen() : roundScreen(state);
    screen.key = key;
    screen.roundId = key.startsWith("round:") ? state.round.id : null;
    const playing = key !== "ended";
    replace(ctx.viewGame, consentSlot, playing ? tableSlot : null, screen.node, playing ? helpSlot : null, playing ? footer : null);
    if (!first) clearAlert(); // an error about the screen that went
    if (!first && !sameRound) {
      const heading = screen.node.querySelector("h1");
      if (heading) heading.focus();
    }
    prefetch(state);
  }
  screen.update(state);
  updateTables(state);
  askConsent(state, change);
}

/** "Mag dit gedeeld worden?" on publish:ask, or after a (re)connect if publish:current has one. */
function askConsent(state, change) {
  const type = change && change.type;
  if (type === "snapshot") {
    live.request("publish:current", {}).then((ack) => {
      if (!ack.ok || !live || !live.state) return;
      live.state.publish = ack.preview ? { preview: ack.preview, proposal: ack.proposal, themeLabel: ack.theme_label, answer: ack.answer ?? null } : null;
      showConsent({ type: "publish" });
    });
  } else if (type === "publish" || consent) {
    showConsent(change);
  }
}

function showConsent(change) {
  if (gone || (!consent && !(live.state && live.state.publish))) return;
  import("./phone-consent.js").then((m) => {
    if (gone) return;
    consent = consent || m.consentView(live, ctx.code, consentSlot);
    consent.update(live.state, change);
  }).catch(() => {});
}

/** Fetch the module of the round that comes next, so a weak Wi-Fi does not hold it up. */
function prefetch(state) {
  const index = state.round ? state.round.index + 1 : 0;
  const next = state.game.rounds[index];
  if (next) loadMechanic(next.mechanic).catch(() => {});
}

// --- screens ----------------------------------------------------------------------------------

function lobbyScreen(state) {
  const count = el("p", { class: "lobby-count" });
  const locked = el("p", { class: "hint", hidden: true }, t("locked_note"));
  const me = state.me || {};
  const role = roleOf(state, me.role);
  const node = el("div", { class: "lobby-card" },
    el("div", { class: "lobby-check", "aria-hidden": "true" }),
    el("h1", { tabindex: "-1" }, t("lobby_title")),
    el("p", { class: "lead" }, t("lobby_wait")),
    el("p", { class: "lobby-as" }, roleChip(role, `${me.name} · ${pick(role.name)}`)),
    count, locked,
    el("div", { class: "lobby-session" },
      el("h2", {}, state.session.title),
      state.session.question ? el("p", {}, state.session.question) : null));
  return {
    node,
    update(state) {
      const n = state.people; // a count: the phone is not told who joined
      count.textContent = n === 1 ? t("person_here") : t("people_here", { n });
      locked.hidden = !state.session.locked;
    },
  };
}

function endedScreen() {
  // "Jouw stappen" (phone-steps.js, loaded only now): shown when the player owns steps
  const own = el("section", { class: "own-steps", hidden: true, "aria-labelledby": "own-steps-title" });
  import("./phone-steps.js").then((m) => m.showOwnSteps(live, own)).catch(() => {});
  return {
    node: el("div", { class: "ended-screen" }, el("div", { class: "lobby-card" },
      el("div", { class: "lobby-check", "aria-hidden": "true" }),
      el("h1", { tabindex: "-1" }, t("game_done")),
      el("p", { class: "lead" }, t("ended_text")),
      el("p", {}, el("a", { class: "btn btn-primary btn-block btn-large", href: `/s/${ctx.code}/plan` }, t("see_plan"))),
      el("p", { class: "hint" }, t("plan_later"))), own),
    update() {},
  };
}

/** Load a round's mechanic, then draw the round with it. A fetch cut off (the phone went
 * offline while loading) is tried again every 3 s for as long as that round is on: the
 * screen says "loading" meanwhile, and never stays stuck on it. */
function loadRound(key) {
  loadMechanic(key).then(() => { if (live && live.state) render(live.state); })
    .catch(() => setTimeout(() => {
      const now = live && live.state && live.state.round;
      if (!gone && now && now.mechanic === key) loadRound(key);
    }, 3000));
}

function roundScreen(state) {
  const round = state.round;
  const total = state.game.rounds.length;
  const timer = el("span", { class: "countdown", role: "timer" });
  const pausedBanner = el("p", { class: "paused-banner", role: "status" });
  const mechanic = mechanicFor(round.mechanic);
  if (!mechanic) loadRound(round.mechanic);
  const loading = el("p", { class: "muted loading" }, t("loading"));
  const view = mechanic && mechanic.phoneView ? mechanic.phoneView({ live, round, code: ctx.code }) : null;
  const node = el("div", { class: "round" },
    el("div", { class: "round-head" },
      el("div", { class: "round-meta" },
        el("p", { class: "eyebrow" }, t("round_of", { n: round.index + 1, total })), timer),
      el("h1", { tabindex: "-1" }, pick(round.title)),
      el("p", { class: "prompt" }, pick(round.prompt))),
    pausedBanner,
    view ? view.node : mechanic ? el("p", { class: "listen" }, t("listen")) : loading);
  const countdown = attachCountdown(timer, () => live && live.state && live.state.flow);
  return {
    node,
    update(next) {
      const paused = next.flow.status === "paused";
      pausedBanner.hidden = !paused;
      pausedBanner.textContent = paused ? t("paused_text") : "";
      countdown.refresh();
      if (view) view.update(next);
    },
    destroy() {
      countdown.stop();
      if (view && view.destroy) view.destroy();
    },
  };
}

// --- leaving ------------------------------------------------------------------------------------

let leaving = false;

/** "Verlaat het spel", with the choice to remove your name too. */
function leaveFooter() {
  const forget = el("input", { type: "checkbox", id: "leave-forget" });
  const error = el("p", { class: "field-error", hidden: true });
  const confirm = el("button", { class: "btn btn-block", type: "button", onclick: leave }, t("leave_confirm"));
  const details = el("details", { class: "leave" },
    el("summary", {}, t("leave")),
    el("div", { class: "leave-body stack" },
      el("p", {}, t("leave_text")),
      el("div", { class: "check" }, forget, el("label", { for: "leave-forget" }, t("leave_forget"))),
      confirm, error));

  async function leave() {
    if (!live) return;
    leaving = true;
    confirm.disabled = true;
    const ack = await live.request("leave", { forget_name: forget.checked });
    confirm.disabled = false;
    if (ack.ok) { out("left"); return; }
    leaving = false;
    error.textContent = ack.error && ack.error.message ? ack.error.message : t("not_sent_retry");
    error.hidden = false;
    showAlert(error.textContent);
  }
  return el("footer", { class: "game-footer" }, details);
}
