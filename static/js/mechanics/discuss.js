// The "discuss" mechanic: the prompt and the timer only; the talk happens in the room.
import { el } from "../dom.js";
import { t } from "../i18n.js";

export function phoneView() {
  return { node: el("p", { class: "listen" }, t("listen")), update() {} };
}

/** The projector keeps the question of the day in view while people talk. */
export function projectorView(ctx) {
  const question = ctx.live.state.session.question;
  const node = el("div", { class: "mechanic mechanic-discuss" },
    question ? el("div", { class: "discuss-question" },
      el("p", { class: "eyebrow" }, t("question_of_today")), el("p", { class: "discuss-text" }, question)) : null);
  return { node, update() {} };
}
