// "Jouw stappen" at the end of the game (issue 13): a player who owns steps on the action
// path sees what they need to act on each the next morning (what, date, with whom, what is
// needed and, once a step has one, where it stands) with their own link to keep — as plain
// text always, as a QR code the server draws (/o/<token>/qr.svg, no QR library on the
// phone) and with a share or copy button where the browser has one. A player without steps
// sees nothing extra, and no link is made for them. Loaded only once the game has ended:
// the phone's pages stay small.
import { el, replace } from "./dom.js";
import { t } from "./i18n.js";
// the plan round's module (usually cached) and the review's words for a status
import { formatDate, partnersText, fieldLabel } from "./mechanics/plan-table.js";
import { statusBadge } from "./mechanics/step-status.js";

/**
 * Fill `node` (hidden until there is something to show) with the player's own steps and
 * link. The server works the steps out (a step is theirs when its `owner_id` is them, "ik
 * pak dit op", the same rule as the owner's page) and sends them in order in the ended
 * snapshot's `own_steps` (docs/protocol.md); no plan round is fetched for them.
 */
export async function showOwnSteps(live, node) {
  const state = live.state;
  if (!state || !state.me || state.me.kind !== "participant") return;
  const steps = await ownSteps(live, state);
  if (steps === null) { retryOnline(live, node); return; }
  if (steps.length) {
    const link = await live.request("owner:link", {});
    if (!link.ok || !link.url) { retryOnline(live, node); return; }
    replace(node, ...view(steps, link.url));
    node.hidden = false;
  }
  node.dataset.steps = String(steps.length); // asked and answered (the browser tests wait for it)
}

/** The player's steps in the order of the action path, or null when the server could not
 *  be asked. A phone that saw the end happen holds a snapshot from before it: it asks for
 *  a fresh one (`sync`), read here only. A server without `own_steps`: none. */
async function ownSteps(live, state) {
  if (state.own_steps) return state.own_steps;
  const ack = await live.request("sync", {});
  return ack.ok ? ack.snapshot.own_steps || [] : null;
}

/** Offline for a moment: ask again once the connection is back. */
function retryOnline(live, node) {
  const stop = live.onStatusChange((status) => {
    if (status !== "online") return;
    stop();
    showOwnSteps(live, node);
  });
}

function view(steps, url) {
  const path = new URL(url, location.href).pathname;
  const status = el("p", { class: "own-link-status", role: "status" });
  return [
    el("h2", { id: "own-steps-title" }, t("own_steps_title")),
    el("p", {}, t("own_steps_intro")),
    el("ul", { class: "own-step-list" }, steps.map(stepItem)),
    el("div", { class: "own-link" },
      el("img", { class: "own-link-qr", src: `${path}/qr.svg`, alt: t("own_steps_qr_alt"), width: "200", height: "200" }),
      el("p", { class: "own-link-label", id: "own-link-label" }, t("own_steps_link")),
      el("p", { class: "own-link-url" }, el("a", { href: url, rel: "noreferrer", "aria-describedby": "own-link-label" }, url)),
      keepButton(url, status), status),
  ];
}

/**
 * One step, compact for a small phone: what; where it stands and the date on one line; then
 * with whom and what is needed, each only when filled in. The status shows once it says
 * something: the step came along from an earlier session (`origin`) or someone set one
 * (`history`); a step new tonight is simply not started.
 */
function stepItem(step) {
  const status = (step.origin || (step.history || []).length) ? statusBadge(step.status) : null;
  const due = step.due ? el("span", { class: "own-step-due" }, t("own_steps_due", { date: formatDate(step.due) })) : null;
  const facts = [["partners", partnersText(step)], ["needs", step.needs]].filter(([, value]) => value);
  return el("li", {},
    el("span", { class: "own-step-what", dir: "auto" }, step.what),
    status || due ? el("span", { class: "own-step-meta" }, status, due) : null,
    facts.length ? el("dl", { class: "own-step-facts" }, facts.flatMap(([field, value]) =>
      [el("dt", {}, fieldLabel(field)), el("dd", { dir: "auto" }, value)])) : null);
}

/** Share (a phone's own share sheet) or copy, whichever the browser offers; else nothing:
 *  the link is on the screen to write down or photograph. */
function keepButton(url, status) {
  if (navigator.share) {
    return el("button", { class: "btn btn-block", type: "button", onclick: () => {
      navigator.share({ title: t("own_steps_title"), url }).catch(() => {});
    } }, t("own_steps_share"));
  }
  if (!navigator.clipboard || !window.isSecureContext) return null;
  return el("button", { class: "btn btn-block", type: "button", onclick: async () => {
    try {
      await navigator.clipboard.writeText(url);
      status.textContent = t("own_steps_copied");
    } catch {
      status.textContent = t("own_steps_copy_failed");
    }
  } }, t("own_steps_copy"));
}
