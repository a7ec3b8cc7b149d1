// The phone's one error region (#phone-alert, first in <main>): every error — a join
// refused, an input the server sent back, the connection refused — shows there, at the top
// of the page, is announced (role="alert") and gets focus, so it is never below the fold
// after a long form. The save line under an input still says it too (report).
import { el } from "./dom.js";

const region = () => document.getElementById("phone-alert");

/**
 * Show `message` (with an optional `title` and `action` node) at the top and move focus to
 * it. `closed` marks a notice that the session takes no newcomers (the join page's door);
 * `focus: false` shows and announces it without moving focus (a page that just loaded).
 */
export function showAlert(message, { title = null, action = null, closed = null, focus = true } = {}) {
  const node = region();
  if (!node) return;
  node.replaceChildren(
    ...[title ? el("p", { class: "phone-alert-title" }, title) : null,
      el("p", { class: "phone-alert-text" }, message), action ? el("p", {}, action) : null].filter(Boolean));
  if (closed) node.dataset.closed = closed;
  else delete node.dataset.closed;
  node.hidden = false;
  if (focus) {
    window.scrollTo(0, 0); // the region is the first thing under the (sticky) header
    node.focus({ preventScroll: true });
  }
}

/** Take the error away (the next input was saved, the screen changed, the door opened). */
export function clearAlert() {
  const node = region();
  if (!node || node.hidden) return;
  const hadFocus = document.activeElement === node;
  node.hidden = true;
  node.replaceChildren();
  delete node.dataset.closed;
  if (hadFocus) document.getElementById("main")?.focus({ preventScroll: true });
}

/** The text of the error shown now, or "" (e.g. to leave a "closed" notice alone). */
export const alertShown = () => { const node = region(); return node && !node.hidden ? node.dataset.closed || "error" : ""; };

/**
 * A save line's say: `text` under the input (`status`); an "error" also goes to the top
 * region, a "saved" clears it there.
 */
export function report(status, text, kind = "info") {
  status.textContent = text;
  status.dataset.state = kind;
  if (kind === "error") showAlert(text);
  else if (kind === "saved") clearAlert();
}
