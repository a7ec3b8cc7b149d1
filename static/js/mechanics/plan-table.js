// The action path as the room sees it: a table of steps (what, owner, partners, date, what
// is needed) sorted by date, on the projector and the console. Before the first step, the
// chosen ideas the steps will serve.
import { el, replace } from "../dom.js";
import { wallPager } from "../wall-pager.js";
import { t, locale } from "../i18n.js";
import { summaryOf } from "../socket.js";
import { tableChip, tableOf } from "../tables.js";

export const ALL_FIELDS = ["what", "owner", "partners", "due", "needs"];

/** The step fields this round uses, in display order (settings.fields). */
export function fieldsOf(round) {
  return ALL_FIELDS.filter((f) => round.settings.fields.includes(f));
}

export const requiredOf = (round) => round.settings.required;

/** The most characters a text field of a step takes (what, owner, needs, partner), from the round. */
export const lengthOf = (round, field) => round.settings.max_length[field];

/** Partners: at most `n` names of at most `max` characters each, from the round. */
export const partnerLimits = (round) => ({ n: round.settings.max_partners, max: lengthOf(round, "partner") });

/** The chosen ideas the steps serve: summary.ideas [{id, text, votes}]. */
export const ideasOf = (state, round) => summaryOf(state, round.id).ideas || [];

export function stepsOf(state, round) {
  return state.items.filter((i) => i.round_id === round.id && i.kind === "step" && !i.hidden);
}

/** By date (steps without a date last), then in the order they were made. */
export function byDate(steps) {
  return [...steps].sort((a, b) => (a.due || "9999").localeCompare(b.due || "9999")
    || a.created_at - b.created_at || a.id - b.id);
}

/** "2026-04-15" → "15 april 2026" in the page language (no time-zone shifts). */
export function formatDate(iso) {
  if (!iso || !/^\d{4}-\d{2}-\d{2}$/.test(iso)) return "";
  const [y, m, d] = iso.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString(locale,
    { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
}

export const partnersText = (step) => (Array.isArray(step.partners) ? step.partners.join(", ") : step.partners || "");

export const fieldLabel = (field) => t(`field_${field}`);

const dotsText = (n) => (n === 1 ? t("dots_one") : t("dots_many", { n }));

/** One cell's content: the value, or a quiet dash ("nobody yet" for the owner). */
function cell(step, field, idea) {
  if (field === "what") {
    // The idea a step serves: its number (as on the idea chips), its text for screen readers.
    return el("span", { class: "path-what-line" },
      idea ? el("span", { class: "idea-tag", title: idea.text }, el("span", { "aria-hidden": "true" }, String(idea.n)),
        el("span", { class: "visually-hidden" }, `${t("idea_n", { n: idea.n })}: ${idea.text}. `)) : null,
      el("span", { class: "path-what" }, step.what));
  }
  if (field === "owner") return step.owner ? step.owner : el("span", { class: "path-open" }, t("owner_open"));
  const value = field === "partners" ? partnersText(step) : field === "due" ? formatDate(step.due) : step[field];
  return value || el("span", { class: "path-none", "aria-label": t("not_filled") }, "–");
}

/** The action-path table (all steps by date, or the `steps` given); its caption names it for screen readers. */
export function stepsTable(state, round, { className, steps = byDate(stepsOf(state, round)) } = {}) {
  const fields = fieldsOf(round);
  const ideas = new Map(ideasOf(state, round).map((i, index) => [i.id, { text: i.text, n: index + 1 }]));
  return el("table", { class: ["path", className] },
    el("caption", { class: "visually-hidden" }, t("path_caption")),
    el("thead", {}, el("tr", {}, fields.map((f) => el("th", { scope: "col", class: `path-${f}-col` }, fieldLabel(f))))),
    el("tbody", {}, steps.map((step) => el("tr", { dataset: { id: step.id } },
      fields.map((f) => el(f === "what" ? "th" : "td", { class: `path-${f}-col`, scope: f === "what" ? "row" : null },
        cell(step, f, ideas.get(step.idea))))))));
}

/** The chosen ideas as a frame: text and dots, and the table each came from (the harvest). */
export function ideaChips(state, round, className) {
  const steps = stepsOf(state, round);
  return el("ol", { class: ["idea-chips", className] }, ideasOf(state, round).map((idea, index) => {
    const n = steps.filter((s) => s.idea === idea.id).length;
    return el("li", { class: "idea-chip" },
      el("span", { class: "idea-tag", "aria-hidden": "true" }, String(index + 1)),
      el("span", { class: "idea-chip-text" }, idea.text),
      el("span", { class: "idea-chip-meta" }, tableChip(tableOf(state, idea.table), "idea-chip-table"), " ",
        `${dotsText(idea.votes)} · ${n === 1 ? t("steps_one") : t("steps_many", { n })}`));
  }));
}


export function projectorView(ctx) {
  const { round } = ctx;
  const node = el("div", { class: "mechanic mechanic-plan" });
  const chips = el("div", { class: "plan-chips" });
  const holder = el("div", { class: "path-holder" });
  let state = ctx.live.state;
  let byKey = new Map();
  const pager = wallPager({
    round, densities: ["low", "mid", "high"], target: holder, above: [chips],
    draw: (keys) => replace(holder, stepsTable(state, round, { steps: keys.map((key) => byKey.get(key)) })),
  });
  function update(next) {
    state = next;
    const steps = byDate(stepsOf(state, round));
    if (!steps.length) {
      const ideas = ideasOf(state, round);
      replace(node, ideas.length
        ? [el("h2", { class: "plan-frame-title" }, t("plan_frame")), ideaChips(state, round, "idea-chips-large")]
        : el("p", { class: "wall-empty" }, t("no_steps_yet")));
      return;
    }
    replace(chips, ideaChips(state, round));
    if (pager.node.parentNode !== node) replace(node, pager.node);
    byKey = new Map(steps.map((s) => [String(s.id), s]));
    pager.update(state, [...byKey.keys()]);
  }
  update(ctx.live.state);
  return { node, update };
}

/** Who has added a step or taken one on. */
export function consoleInfo(state, round) {
  const written = new Set();
  for (const step of stepsOf(state, round)) {
    written.add(step.author_id);
    if (step.owner_id) written.add(step.owner_id);
  }
  return { written };
}

export function consoleView(ctx) {
  const { round } = ctx;
  const node = el("div", { class: "console-plan" });
  function update(state) {
    const steps = stepsOf(state, round);
    replace(node, ideaChips(state, round, "idea-chips-console"),
      steps.length ? el("div", { class: "table-scroll" }, stepsTable(state, round, { className: "path-console" }))
        : el("p", { class: "muted" }, t("no_steps_yet")));
  }
  update(ctx.live.state);
  return { node, update, title: t("console_plan") };
}

/**
 * The projector's end screen: the steps by date with owner and date. shrink() drops the
 * last step shown ("and 3 more steps in the plan") while the screen is too full.
 */
export function endBlock(state, round) {
  const steps = byDate(stepsOf(state, round));
  if (!steps.length) return null;
  const rows = steps.map((s) => el("li", {},
    el("span", { class: "ended-step-what" }, s.what),
    el("span", { class: "ended-step-meta" }, [s.owner || t("owner_open"), formatDate(s.due)].filter(Boolean).join(" · "))));
  const list = el("ul", { class: "ended-steps" }, rows);
  const more = el("p", { class: "ended-more", hidden: true });
  let hidden = 0;
  return {
    node: el("section", { class: "ended-block" }, el("h2", {}, t("action_path")), list, more),
    reset() { list.replaceChildren(...rows); more.hidden = true; hidden = 0; },
    shrink() {
      if (list.children.length <= 1) return false;
      list.lastElementChild.remove();
      hidden += 1;
      more.hidden = false;
      more.textContent = hidden === 1 ? t("more_steps_one") : t("more_steps", { n: hidden });
      return true;
    },
  };
}
