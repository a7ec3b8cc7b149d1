// The projector's end screen: what the session produced (chosen ideas, the action path)
// and a QR code so everyone can open the read-only plan on their phone.
import { el } from "./dom.js";
import { t } from "./i18n.js";
import { summaryOf } from "./socket.js";
import { byDate, formatDate } from "./mechanics/plan-table.js";

/** {node, fit()}: call fit() once the node is on the page, to drop steps that do not fit. */
export function endedView(state, page) {
  const rounds = state.game.rounds || [];
  const cards = state.items.filter((i) => i.kind === "card" && !i.concealed).length;
  const chosen = [];
  for (const r of rounds.filter((x) => x.mechanic === "vote")) {
    for (const id of summaryOf(state, r.id).chosen || []) {
      const card = state.items.find((i) => i.id === id);
      if (card && card.text) chosen.push(card.text);
    }
  }
  const steps = byDate(state.items.filter((i) => i.kind === "step"));

  const parts = [el("p", { class: "ended-stats" }, t("summary", { people: state.participants.length, cards }))];
  if (chosen.length) {
    parts.push(el("section", { class: "ended-block" }, el("h2", {}, t("chosen_ideas")),
      el("ol", { class: "ended-ideas" }, chosen.map((text) => el("li", {}, text)))));
  }
  const rows = steps.map((s) => el("li", {},
    el("span", { class: "ended-step-what" }, s.what),
    el("span", { class: "ended-step-meta" }, [s.owner || t("owner_open"), formatDate(s.due)].filter(Boolean).join(" · "))));
  const list = el("ul", { class: "ended-steps" }, rows);
  const more = el("p", { class: "ended-more", hidden: true });
  if (steps.length) parts.push(el("section", { class: "ended-block" }, el("h2", {}, t("action_path")), list, more));
  const planAddress = (page.plan_url || "").replace(/^https?:\/\//, "");
  const plan = el("div", { class: "ended-plan" }, parts);
  const node = el("div", { class: "ended" }, plan,
    el("aside", { class: "ended-qr" },
      el("img", { class: "qr", src: page.plan_qr_url, alt: t("plan_qr_alt", { url: planAddress }) }),
      el("p", { class: "ended-qr-text" }, t("plan_scan")),
      el("p", { class: "ended-qr-url" }, planAddress)));

  /** Show as many steps as fit (from the start again: the room around may have changed). */
  function fit() {
    list.replaceChildren(...rows);
    more.hidden = true;
    let hidden = 0;
    while (list.children.length > 1 && plan.scrollHeight > plan.clientHeight + 2) {
      list.lastElementChild.remove();
      hidden += 1;
      more.hidden = false;
      more.textContent = t("more_steps", { n: hidden });
    }
  }
  return { node, fit };
}
