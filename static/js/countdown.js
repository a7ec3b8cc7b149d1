// A calm countdown drawn from the server's deadline, corrected for this device's clock.
// No red, no flashing: when time is up it simply says so.
import { t } from "./i18n.js";

let offset = 0; // server clock minus local clock, in ms

/** Call with every server_now the server sends. */
export function syncClock(serverNow) {
  if (typeof serverNow === "number") offset = serverNow - Date.now();
}

export const serverNow = () => Date.now() + offset;

/** Milliseconds left in the round, or null when there is no timer. */
export function remaining(flow) {
  if (!flow) return null;
  if (flow.status === "paused") return flow.remaining_ms ?? null;
  if (flow.status === "running" && flow.deadline) return Math.max(0, flow.deadline - serverNow());
  return null;
}

export function format(ms) {
  const total = Math.ceil(ms / 1000);
  const minutes = Math.floor(total / 60);
  const seconds = String(total % 60).padStart(2, "0");
  return `${minutes}:${seconds}`;
}

/**
 * Keep `node` showing the time left for whatever `getFlow()` returns.
 * Screen readers get the minutes through aria-label, not a per-second announcement.
 */
export function attachCountdown(node, getFlow) {
  let lastLabel = "";
  function tick() {
    const flow = getFlow();
    const ms = remaining(flow);
    node.hidden = ms === null;
    if (ms === null) return;
    const paused = flow.status === "paused";
    node.classList.toggle("is-paused", paused);
    node.classList.toggle("is-over", ms === 0 && !paused);
    const text = ms === 0 ? t("time_up") : format(ms);
    if (node.textContent !== text) node.textContent = text;
    const minutes = Math.ceil(ms / 60000);
    const label = paused ? t("paused_time", { time: format(ms) })
      : ms === 0 ? t("time_up") : minutes === 1 ? t("minute_left") : t("minutes_left", { n: minutes });
    if (label !== lastLabel) { node.setAttribute("aria-label", label); lastLabel = label; }
  }
  tick();
  const timer = setInterval(tick, 250);
  return { refresh: tick, stop: () => clearInterval(timer) };
}
