// Sharing in the library from the console (issue 14): while a proposal is open (made on the
// review page, /s/<code>/publish), the console shows how many were asked, said yes, said no
// and have not answered — never who — live from `publish:counts`, and the button that
// publishes (`publish:confirm`). The server refuses while anyone objects (`objection`); the
// console says so and publishes nothing. Answering for someone without a phone stays on the
// review page, where each of them is listed.
import { $, el, replace } from "./dom.js";
import { t } from "./i18n.js";
import { errorText } from "./socket.js";

/** The panel after the end panel: {render(state, change)}. */
export function setupPublish(live) {
  const numbers = el("dl", { class: "publish-counts" });
  const problem = el("p", { class: "field-error", role: "alert", hidden: true });
  const result = el("p", { class: "notice", role: "status", hidden: true });
  const confirm = el("button", { class: "btn btn-primary", type: "button", id: "publish-confirm", onclick: publish },
    t("publish_confirm"));
  const review = $("#publish-link");
  const node = el("section", { class: "panel publish-panel", id: "publish-panel", "aria-labelledby": "publish-title", hidden: true },
    el("h2", { id: "publish-title" }, t("publish_title")),
    el("p", {}, t("publish_explain")),
    numbers,
    el("p", {}, confirm),
    problem, result,
    review ? el("p", {}, el("a", { href: review.getAttribute("href"), target: "_blank", rel: "noreferrer" }, t("publish_review"))) : null);
  $("#end-panel").after(node);
  let busy = false;

  async function publish() {
    if (busy) return;
    busy = true;
    confirm.disabled = true;
    problem.hidden = true;
    const ack = await live.request("publish:confirm", {});
    busy = false;
    confirm.disabled = false;
    if (ack.ok) {
      live.state.publish = { done: true, url: ack.url };
      draw();
      return;
    }
    problem.textContent = errorText(ack);
    problem.hidden = false;
  }

  function draw() {
    const publish = live.state && live.state.publish;
    if (publish && publish.done) {
      node.hidden = false;
      numbers.hidden = true;
      confirm.hidden = true;
      problem.hidden = true;
      result.hidden = false;
      replace(result, t("publish_done"), " ", el("a", { href: publish.url, target: "_blank", rel: "noreferrer" }, t("publish_open")));
      return;
    }
    const counts = publish && publish.counts;
    node.hidden = !counts;
    if (!counts) return;
    numbers.hidden = false;
    confirm.hidden = false;
    result.hidden = true;
    replace(numbers, ...[
      ["asked", counts.total], ["yes", counts.agree], ["no", counts.object], ["open", counts.waiting],
    ].map(([key, n]) => el("div", {}, el("dt", {}, t(`publish_${key}`)), el("dd", { dataset: { count: key } }, String(n)))));
  }

  return {
    render(state, change) {
      const type = change && change.type;
      if (type === "snapshot") { // (re)connected: is a proposal open, and how far is it?
        live.request("publish:current", {}).then((ack) => {
          if (!ack.ok || !live.state) return;
          const known = live.state.publish;
          if (known && known.done) return;
          live.state.publish = ack.preview ? { preview: ack.preview, counts: ack.counts } : null;
          draw();
        });
      }
      if (type === "publish" && change.event === "publish:counts") problem.hidden = true;
      draw();
    },
  };
}
