// The console's small control of the projector's wall (static/js/wall-pager.js): hold the
// page the wall shows, or turn it back or forward. Each press is a `control` event
// (wall_hold, wall_run, wall_prev, wall_next; engine/wall.py); the server keeps the wall's
// state with the round and tells the projector through the round's summary.
import { $ } from "./dom.js";
import { t } from "./i18n.js";
import { summaryOf, errorText } from "./socket.js";

export function setupWall(live) {
  const group = $("#wall-controls");
  const hold = $("#btn-wall-hold");
  const error = $("#control-error");

  async function send(action) {
    const ack = await live.request("control", { action });
    if (!ack.ok) {
      error.textContent = t("action_failed", { message: errorText(ack) });
      error.hidden = false;
    }
  }

  hold.addEventListener("click", () => send(hold.getAttribute("aria-pressed") === "true" ? "wall_run" : "wall_hold"));
  $("#btn-wall-prev").addEventListener("click", () => send("wall_prev"));
  $("#btn-wall-next").addEventListener("click", () => send("wall_next"));

  function render(state) {
    const playing = ["running", "paused"].includes(state.flow.status) && state.round;
    group.hidden = !playing;
    if (!playing) return;
    const wall = summaryOf(state, state.round.id).wall;
    hold.setAttribute("aria-pressed", String(Boolean(wall && wall.held)));
  }

  return { render };
}
