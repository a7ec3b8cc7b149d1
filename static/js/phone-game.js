// The live part of the phone: Socket.IO connection, the lobby, the rounds and their
// mechanics. Loaded by phone.js once the player has joined (or is about to).
import { el, replace, roleChip } from "./dom.js";
import { t, pick } from "./i18n.js";
import { Live, connectionIndicator, roleOf } from "./socket.js";
import { attachCountdown } from "./countdown.js";
import { mechanicFor } from "./mechanics/index.js";

let live = null;
let screen = null; // {key, node, update(state), destroy()}
let ctx = null;

/**
 * Connect as the participant with `token` and keep `viewGame` in step with the session.
 * `showMe(me, role)` draws the name badge; `onForget()` is called when the server does not
 * know the token (the join form comes back).
 */
export function play(options) {
  ctx = options;
  live = new Live({
    auth: { code: options.code, token: options.token, lang: options.lang },
    onChange: render,
    onRefused: refused,
    onStatus: connectionIndicator(options.conn),
  }).connect();
  return live;
}

function refused(error) {
  if (error.code === "unknown_participant" || error.code === "bad_auth") {
    if (live && live.socket) live.socket.disconnect();
    live = null;
    if (screen && screen.destroy) screen.destroy();
    screen = null;
    ctx.onForget();
    return;
  }
  replace(ctx.viewGame, el("div", { class: "notice" }, el("h1", {}, error.message || t("join_failed"))));
}

function screenKey(state) {
  const status = state.flow.status;
  if (status === "ended") return "ended";
  if (status === "lobby" || !state.round) return "lobby";
  return `round:${state.round.id}`;
}

function render(state) {
  if (state.me && state.me.kind === "participant") ctx.showMe(state.me, roleOf(state, state.me.role));
  const key = screenKey(state);
  if (!screen || screen.key !== key) {
    const first = !screen;
    if (screen && screen.destroy) screen.destroy();
    screen = key === "lobby" ? lobbyScreen(state) : key === "ended" ? endedScreen() : roundScreen(state);
    screen.key = key;
    replace(ctx.viewGame, screen.node);
    if (!first) {
      const heading = screen.node.querySelector("h1");
      if (heading) heading.focus();
    }
  }
  screen.update(state);
}

// --- screens ----------------------------------------------------------------------------------

function lobbyScreen(state) {
  const count = el("p", { class: "lobby-count" });
  const me = state.me || {};
  const role = roleOf(state, me.role);
  const node = el("div", { class: "lobby-card" },
    el("div", { class: "lobby-check", "aria-hidden": "true" }),
    el("h1", { tabindex: "-1" }, t("lobby_title")),
    el("p", { class: "lead" }, t("lobby_wait")),
    el("p", { class: "lobby-as" }, roleChip(role, `${me.name} · ${pick(role.name)}`)),
    count,
    el("div", { class: "lobby-session" },
      el("h2", {}, state.session.title),
      state.session.question ? el("p", {}, state.session.question) : null));
  return {
    node,
    update(state) {
      const n = state.participants.length;
      count.textContent = n === 1 ? t("person_here") : t("people_here", { n });
    },
  };
}

function endedScreen() {
  return {
    node: el("div", { class: "lobby-card" },
      el("h1", { tabindex: "-1" }, t("ended_title")),
      el("p", { class: "lead" }, t("ended_text"))),
    update() {},
  };
}

function roundScreen(state) {
  const round = state.round;
  const total = state.game.rounds.length;
  const timer = el("span", { class: "countdown", role: "timer" });
  const pausedBanner = el("p", { class: "paused-banner", role: "status" });
  const mechanic = mechanicFor(round.mechanic);
  const view = mechanic && mechanic.phoneView ? mechanic.phoneView({ live, round, code: ctx.code }) : null;
  const node = el("div", { class: "round" },
    el("div", { class: "round-head" },
      el("div", { class: "round-meta" },
        el("p", { class: "eyebrow" }, t("round_of", { n: round.index + 1, total })), timer),
      el("h1", { tabindex: "-1" }, pick(round.title)),
      el("p", { class: "prompt" }, pick(round.prompt))),
    pausedBanner,
    view ? view.node : el("p", { class: "listen" }, t("listen")));
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
