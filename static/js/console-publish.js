// Sharing in the library from the console (issue 14): while a proposal is open (made on the
// review page, /s/<code>/publish), the console shows how many were asked, said yes, said no
// and have not answered — never who — live from `publish:counts`, and the button that
// publishes (`publish:confirm`). The server refuses while anyone objects (`objection`); the
// console says so and publishes nothing. People without a phone are listed by name: the
// facilitator gives their answer here (`publish:consent {participant, agree, proposal}`,
// the same use case as the review page). The list shows the answer given for each, from
// the server's counts (`proxies[].answer`, the facilitator's alone), so a console opened
// again shows it too; it can be changed ("Wijzigen") until the entry is published. An
// error (a question changed meanwhile: `stale`; an objection) stays until the
// facilitator's next step here, whatever the counts do meanwhile, so a screen reader
// reads it in full (role="alert"; what went well is said in role="status", as on the
// phone: static/js/alert.js).
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
  const people = el("ul", { class: "publish-proxies" });
  const saved = el("p", { class: "hint publish-proxy-saved", role: "status" });
  const proxies = el("section", { class: "publish-proxy-box", "aria-labelledby": "publish-proxies-title", hidden: true },
    el("h3", { id: "publish-proxies-title" }, t("publish_proxies_title")),
    el("p", { class: "hint" }, t("publish_proxies_explain")),
    people, saved);
  const review = $("#publish-link");
  const node = el("section", { class: "panel publish-panel", id: "publish-panel", "aria-labelledby": "publish-title", hidden: true },
    el("h2", { id: "publish-title" }, t("publish_title")),
    el("p", {}, t("publish_explain")),
    numbers,
    proxies,
    el("p", {}, confirm),
    problem, result,
    review ? el("p", {}, el("a", { href: review.getAttribute("href"), target: "_blank", rel: "noreferrer" }, t("publish_review"))) : null);
  $("#end-panel").after(node);
  let busy = false;
  let pending = null; // the id of the person whose answer is being sent (one at a time)
  let changing = new Set(); // answered people whose buttons the facilitator opened again
  let shownKey = null; // what the list shows, so a redraw keeps the focus where it is
  let askedAbout = null; // the proposal the list answers for: a new one clears `changing`

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

  /** The facilitator's answer for `person` (no phone) to the proposal the console shows. */
  async function answer(person, agree, proposal) {
    if (pending !== null) return;
    pending = person.id;
    problem.hidden = true;
    saved.textContent = "";
    const ack = await live.request("publish:consent", { participant: person.id, agree, proposal });
    pending = null;
    if (ack.ok) {
      changing.delete(person.id);
      saved.textContent = t("publish_proxy_saved", { name: person.name });
    } else {
      problem.textContent = errorText(ack);
      problem.hidden = false;
    }
    drawPeople();
    focusRow(person.id, ack.ok ? ".publish-proxy-change" : ".publish-proxy-agree");
  }

  function reopen(person) {
    changing.add(person.id);
    saved.textContent = "";
    drawPeople();
    focusRow(person.id, ".publish-proxy-agree");
  }

  function focusRow(id, selector, otherwise = null) {
    const row = `[data-person="${id}"]`;
    const target = people.querySelector(`${row} ${selector}`) || (otherwise && people.querySelector(`${row} ${otherwise}`));
    if (target) target.focus();
  }

  function row(person, proposal) {
    const open = !person.answered || changing.has(person.id);
    const said = person.answer === true ? "yes" : person.answer === false ? "no" : null;
    const button = (agree, cls, label, text) => el("button", {
      class: ["btn btn-small", cls], type: "button", dataset: { act: cls },
      "aria-label": t(label, { name: person.name }), onclick: () => answer(person, agree, proposal) }, t(text));
    return el("li", { dataset: { person: person.id, answered: person.answered ? "yes" : "no", ...(said ? { answer: said } : {}) } },
      el("span", { class: "publish-proxy-name" }, person.name),
      said ? el("span", { class: "publish-proxy-state" }, t(`publish_proxy_${said}`)) : null,
      open ? el("span", { class: "publish-proxy-buttons" },
        button(true, "publish-proxy-agree", "publish_agree_for", "publish_agree"),
        button(false, "publish-proxy-object", "publish_object_for", "publish_object")) : null,
      open ? null : el("button", { class: "btn btn-small btn-link publish-proxy-change", type: "button",
        dataset: { act: "publish-proxy-change" },
        "aria-label": t("publish_change_for", { name: person.name }), onclick: () => reopen(person) }, t("publish_change")));
  }

  function drawPeople() {
    const publish = live.state && live.state.publish;
    const counts = publish && !publish.done ? publish.counts : null;
    const list = (counts && counts.proxies) || [];
    proxies.hidden = !list.length;
    if (!counts) return;
    if (counts.proposal !== askedAbout) {
      askedAbout = counts.proposal;
      changing = new Set();
      saved.textContent = "";
    }
    const key = JSON.stringify([counts.proposal, list, [...changing]]);
    if (key === shownKey) return;
    shownKey = key;
    const focused = people.contains(document.activeElement) ? document.activeElement : null;
    const where = focused && focused.closest("[data-person]");
    replace(people, list.map((person) => row(person, counts.proposal)));
    // a redraw (someone else's answer, a new question) keeps the focus in the person's row
    if (where) focusRow(where.dataset.person, `[data-act="${focused.dataset.act}"]`, "button");
  }

  function draw() {
    const publish = live.state && live.state.publish;
    drawPeople();
    if (publish && publish.done) {
      node.hidden = false;
      numbers.hidden = true;
      confirm.hidden = true;
      problem.hidden = true;
      result.hidden = false;
      replace(result, t("publish_done"), " ", el("a", { href: publish.url, target: "_blank", rel: "noreferrer" }, t("publish_view")));
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
      draw();
    },
  };
}
