// A step's status in the review round's words (not started, under way, done, stuck,
// dropped) and as a badge: the review's cards and list, and the phone's "Jouw stappen" at the
// end of the game. A module of its own, so the end screen does not load the review for it.
import { el } from "../dom.js";
import { t } from "../i18n.js";

export const statusText = (status) => t(`review_status_${status || "not_started"}`);

export const statusBadge = (status) =>
  el("span", { class: ["status-badge", `status-${status || "not_started"}`] }, statusText(status));
