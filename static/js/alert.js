// The phone's one error region (#phone-alert, first in <main>): every error — a join
// refused, an input left empty, an input the server sent back, the connection refused —
// shows there, at the top of the page, is announced (role="alert") and gets focus, so it is
// never missed below the fold. An error about a field offers a button back to that field;
// the save line under an input still says it too (report).
import { el } from "./dom.js";
import { t } from "./i18n.js";

const region = () => document.getElementById("phone-alert");
const FIELDS = new Set(["INPUT", "TEXTAREA", "SELECT"]);
let turn = 0; // the latest showAlert wins the focus

/**
 * Show `message` (with an optional `title` and `action` node) at the top and move focus to
 * it. `closed` marks the notice that the session takes no newcomers (the join page's door).
 * Focus moves once the caller is done: a field the caller focused (the one to fix) gets a
 * button back to it.
 */
export function showAlert(message, { title = null, action = null, closed = null } = {}) {
  const node = region();
  if (!node) return;
  node.replaceChildren(
    ...[title ? el("p", { class: "phone-alert-title" }, title) : null,
      el("p", { class: "phone-alert-text" }, message), action ? el("p", {}, action) : null].filter(Boolean));
  if (closed) node.dataset.closed = closed;
  else delete node.dataset.closed;
  node.hidden = false;
  const mine = ++turn;
  setTimeout(() => {
    if (mine !== turn || node.hidden) return;
    const field = document.activeElement;
    if (field && FIELDS.has(field.tagName) && !node.contains(field)) {
      node.append(el("p", {}, el("button", { class: "btn btn-small", type: "button", onclick: () => field.focus() },
        t("to_field"))));
    }
    window.scrollTo(0, 0); // the region is the first thing under the (sticky) header
    node.focus({ preventScroll: true });
  }, 0);
}

/** Take the error away (the next input was saved, the screen changed, the door opened). */
export function clearAlert() {
  const node = region();
  if (!node || node.hidden) return;
  turn += 1;
  const hadFocus = node.contains(document.activeElement);
  node.hidden = true;
  node.replaceChildren();
  delete node.dataset.closed;
  if (hadFocus) document.getElementById("main")?.focus({ preventScroll: true });
}

/** What the region shows now: "" (nothing), "error", or the door's reason it is closed. */
export const alertShown = () => { const node = region(); return node && !node.hidden ? node.dataset.closed || "error" : ""; };

/**
 * A save line's say: `text` under the input (`status`); an "error" also goes to the top
 * region, a "saved" clears it there. `source` is who said it: the view about the player's
 * own tap ("input"), or the outbox about an input on its way ("outbox").
 */
export function report(status, text, kind = "info", source = "input") {
  status.textContent = text;
  status.dataset.state = kind;
  status.dataset.source = source;
  if (kind === "error") showAlert(text);
  else if (kind === "saved") clearAlert();
}
