// The library's consent question on the phone (issue 14, docs/protocol.md "publish:*"):
// "Mag dit gedeeld worden?" with exactly the document that would be published, Ja / Nee,
// and the player's own answer, which they may change until the facilitator publishes.
// Loaded by phone-game.js only when a question is open, so the phone app stays small.
//
// The answer goes through the outbox (outbox.js) like every other input: a phone that
// drops keeps it (localStorage) and sends it when it is back; a newer answer replaces one
// not sent yet (one `key`). The room never learns who answered what: the server tells only
// the facilitator, and only as counts.
import { el, replace } from "./dom.js";
import { t, pick, locale } from "./i18n.js";
import { outboxFor, showProgress } from "./outbox.js";

const EVENT = "publish:consent";
const OPEN_UP_TO = 5; // a list longer than this starts folded (a 360 px phone stays readable)

/** The consent view in `slot`: {update(state), destroy()}. */
export function consentView(live, code, slot) {
  if (!document.getElementById("consent-css")) {
    const href = new URL("../css/phone-consent.css", import.meta.url).pathname;
    document.head.append(el("link", { id: "consent-css", rel: "stylesheet", href }));
  }
  const box = outboxFor(live, code);
  const heading = el("h2", { id: "consent-title", tabindex: "-1" }, t("consent_title"));
  const preview = el("div", { class: "consent-preview" });
  const yes = el("button", { class: "btn btn-primary consent-yes", type: "button", "aria-pressed": "false",
    onclick: () => answer(true) }, t("consent_yes"));
  const no = el("button", { class: "btn consent-no", type: "button", "aria-pressed": "false",
    onclick: () => answer(false) }, t("consent_no"));
  const mine = el("p", { class: "consent-mine", role: "status" });
  const status = el("p", { class: "save-status", role: "status" });
  const node = el("section", { class: "consent", "aria-labelledby": "consent-title", hidden: true },
    heading,
    el("p", { class: "lead" }, t("consent_intro")),
    preview,
    el("p", { class: "consent-question" }, t("consent_title")),
    el("div", { class: "consent-buttons" }, yes, no),
    mine, status);
  replace(slot, node);
  let shown = null; // the preview on screen
  let done = false;
  const stopProgress = showProgress(box, status, { filter: (e) => e.event === EVENT, onEvent: sent });
  box.flush(); // an answer kept from before a reload goes now (the connection is already up)

  function queued() {
    const waiting = box.waiting((e) => e.event === EVENT);
    return waiting.length ? waiting[waiting.length - 1].payload.agree : null;
  }

  /** An answer the server took is the phone's answer (also one kept from before a reload). */
  function sent(event) {
    const publish = live.state && live.state.publish;
    if (event.type === "sent" && publish && publish.preview) publish.answer = event.entry.payload.agree;
    draw();
  }

  function answer(agree) {
    const publish = live.state && live.state.publish;
    if (!publish || !publish.preview) return;
    publish.answer = agree; // shown at once; the outbox sends it (again after a drop)
    // names the question it answers: an answer kept while the question changed is refused
    // ("stale") rather than counted for a document this player did not see
    box.put({ event: EVENT, payload: { agree, proposal: publish.proposal }, key: EVENT });
    draw();
  }

  function draw() {
    const publish = (live.state && live.state.publish) || null;
    if (publish && publish.done) { showDone(publish.url); return; }
    const open = Boolean(publish && publish.preview);
    node.hidden = !open && !done;
    if (!open) return;
    if (shown !== publish.preview) {
      const first = !shown;
      shown = publish.preview;
      replace(preview, ...documentParts(shown, publish.themeLabel));
      const typing = document.activeElement && document.activeElement.matches("input, textarea, select");
      if (first && !typing) heading.focus(); // never away from a text being typed
    }
    const waiting = queued();
    const agree = waiting !== null ? waiting : publish.answer;
    yes.setAttribute("aria-pressed", String(agree === true));
    no.setAttribute("aria-pressed", String(agree === false));
    mine.textContent = agree === null || agree === undefined ? t("consent_open")
      : t(agree ? "consent_said_yes" : "consent_said_no");
    mine.dataset.answer = agree === null || agree === undefined ? "" : agree ? "yes" : "no";
  }

  function showDone(url) {
    if (done) return;
    done = true;
    node.hidden = false;
    replace(node, el("h2", { id: "consent-title", tabindex: "-1" }, t("consent_done")),
      url ? el("p", {}, el("a", { href: url, target: "_blank", rel: "noreferrer" }, t("consent_done_link"))) : null);
  }

  return {
    /** A new question (`publish:ask`) asks again: an answer to the old one not sent yet goes. */
    update(state, change) {
      if (change && change.event === "publish:ask") {
        for (const e of box.waiting((x) => x.event === EVENT)) box.take(e.id);
      }
      box.flush();
      draw();
    },
    destroy() { stopProgress(); node.remove(); },
  };
}

// --- the document, as the library will show it ----------------------------------------------

/** The published document in readable blocks (every field the library shows, nothing else). */
function documentParts(doc, themeLabel) {
  const facts = [themeLabel ? pick(themeLabel) : themeName(doc.theme), doc.municipality, monthName(doc.month), pick(doc.game && doc.game.title)]
    .filter(Boolean).join(" · ");
  const roles = ((doc.participants && doc.participants.roles) || []).map((r) => `${r.count} ${pick(r.name)}`);
  const total = (doc.participants && doc.participants.total) || 0;
  const progress = doc.progress && doc.progress.total ? t("consent_progress", { done: doc.progress.done, total: doc.progress.total }) : null;
  return [
    el("p", { class: "consent-doc-question" }, doc.question || ""),
    el("p", { class: "consent-facts" }, facts),
    el("p", {}, t("consent_people", { n: total }) + (roles.length ? `: ${roles.join(", ")}` : "")),
    part(t("consent_dream"), (doc.dream || []).map((line) => el("li", {}, line))),
    part(t("consent_ideas"), (doc.ideas || []).map((idea) => el("li", {}, idea.text))),
    part(t("consent_path"), (doc.path || []).map(step)),
    part(t("consent_reflection"), (doc.reflection || []).map((r) =>
      el("li", {}, `${pick(r.label)}: ${formatNumber(r.average)}`))),
    progress ? el("p", {}, progress) : null,
    part(t("consent_lessons"), (doc.lessons || []).map((line) => el("li", {}, line))),
  ];
}

/** A titled list; a long one starts folded. Nothing when the list is empty. */
function part(title, items) {
  if (!items.length) return null;
  const list = el("ul", { class: "consent-list" }, ...items);
  const summary = el("summary", {}, `${title} (${items.length})`);
  return el("details", { class: "consent-part", open: items.length <= OPEN_UP_TO }, summary, list);
}

function step(s) {
  const bits = [
    s.partners && s.partners.length ? `${t("field_partners")}: ${s.partners.join(", ")}` : null,
    s.due ? `${t("field_due")}: ${monthName(s.due)}` : null,
    t(`review_status_${s.status}`),
  ].filter(Boolean);
  return el("li", {}, el("span", { class: "consent-step" }, s.what), el("br"), el("span", { class: "muted" }, bits.join(" · ")));
}

/** A theme without a label from the server (never expected): its key, readable. */
function themeName(key) {
  if (!key) return "";
  const words = key.replace(/-/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function monthName(month) {
  const [year, number] = String(month || "").split("-").map(Number);
  if (!year || !number) return "";
  return new Date(year, number - 1, 1).toLocaleDateString(locale, { month: "long", year: "numeric" });
}

function formatNumber(value) {
  return typeof value === "number" ? value.toLocaleString(locale, { maximumFractionDigits: 1 }) : "";
}
