// The projector's end screen: what the session produced and a QR code so everyone can open
// the read-only plan on their phone. What each round adds (the chosen ideas, the action
// path …) is its mechanic's `endBlock(state, round)` (static/js/mechanics/index.js).
import { el } from "./dom.js";
import { t } from "./i18n.js";
import { mechanicFor } from "./mechanics/index.js";

/** {node, fit()}: call fit() once the node is on the page, to shorten blocks that do not fit. */
export function endedView(state, page) {
  const cards = state.items.filter((i) => i.kind === "card" && !i.concealed).length;
  const blocks = [];
  for (const round of state.game.rounds || []) {
    const mechanic = mechanicFor(round.mechanic);
    const block = mechanic && mechanic.endBlock ? mechanic.endBlock(state, round) : null;
    if (block) blocks.push(block);
  }
  const planAddress = (page.plan_url || "").replace(/^https?:\/\//, "");
  const plan = el("div", { class: "ended-plan" },
    el("p", { class: "ended-stats" }, t("summary", { people: state.participants.length, cards })),
    blocks.map((b) => b.node));
  const node = el("div", { class: "ended" }, plan,
    el("aside", { class: "ended-qr" },
      el("img", { class: "qr", src: page.plan_qr_url, alt: t("plan_qr_alt", { url: planAddress }) }),
      el("p", { class: "ended-qr-text" }, t("plan_scan")),
      el("p", { class: "ended-qr-url" }, planAddress)));

  /** Show as much as fits (from the start again: the room around may have changed). */
  function fit() {
    for (const block of blocks) if (block.reset) block.reset();
    const overflowing = () => plan.scrollHeight > plan.clientHeight + 2;
    for (let i = blocks.length - 1; i >= 0 && overflowing(); i -= 1) {
      while (overflowing() && blocks[i].shrink && blocks[i].shrink());
    }
  }
  return { node, fit };
}
