// What the projector and a table's screen share around their content: the light or dark
// theme (T, remembered), fullscreen (F), the corner's join QR code large on a click (Esc
// makes it small again), the lobby or the stage, and the overlay over everything (paused,
// deleted, refused).
import { $ } from "./dom.js";
import { t } from "./i18n.js";
import { loadGame } from "./mechanics/index.js";

const root = document.documentElement;
const THEME_KEY = "samenspel:projector-theme";

export function setupFrame() {
  const corner = $("#corner-join");
  const overlay = $("#overlay");

  function applyTheme(theme, remember) {
    root.classList.toggle("theme-dark", theme === "dark");
    root.classList.toggle("theme-light", theme !== "dark");
    if (remember) localStorage.setItem(THEME_KEY, theme);
  }

  function setLarge(large) {
    corner.classList.toggle("is-large", large);
    corner.setAttribute("aria-expanded", String(large));
  }

  applyTheme(localStorage.getItem(THEME_KEY) || "dark");
  corner.addEventListener("click", () => setLarge(!corner.classList.contains("is-large")));
  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const key = event.key.toLowerCase();
    if (key === "f") {
      if (document.fullscreenElement) document.exitFullscreen();
      else if (root.requestFullscreen) root.requestFullscreen().catch(() => {});
    } else if (key === "t") applyTheme(root.classList.contains("theme-dark") ? "light" : "dark", true);
    else if (key === "escape") setLarge(false);
  });

  function showOverlay(text, sub = "") {
    $("#overlay-text").textContent = text;
    $("#overlay-sub").textContent = sub;
    overlay.hidden = false;
  }

  /** The pause over everything while the game is paused; the join QR codes closed while locked. */
  function showState(state) {
    for (const box of document.querySelectorAll(".qr-box")) box.classList.toggle("is-closed", Boolean(state.session.locked));
    overlay.hidden = state.flow.status !== "paused";
    if (!overlay.hidden) showOverlay(t("paused"), t("paused_text"));
  }

  /** Lobby or stage (a round, or the end); returns whether the lobby shows. */
  function place(state) {
    const status = state.flow.status;
    const inLobby = status === "lobby" || (!state.round && status !== "ended");
    $("#lobby").hidden = !inLobby;
    $("#stage").hidden = inLobby;
    corner.hidden = inLobby || status === "ended";
    return inLobby;
  }

  /**
   * The start of every render: the session deleted (say so and stop: returns false), no
   * state yet (false), and the game's mechanics loaded once (then `again()`).
   */
  let preloaded = false;
  function ready(live, state, change, again) {
    if (change && change.type === "deleted") {
      live.socket.disconnect();
      showOverlay(t("deleted_title"));
      return false;
    }
    if (!state) return false;
    if (!preloaded) {
      preloaded = true;
      loadGame(state).then(() => again(live.state));
    }
    return true;
  }

  return { corner, setLarge, showOverlay, showState, place, ready };
}
