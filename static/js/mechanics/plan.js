// The "plan" mechanic on the phone: the action path, shared by everyone. Steps are grouped
// under the chosen ideas; anyone may add a step, change any step or take one on ("ik pak dit
// op"); a player removes only their own step, while nobody else has taken it on. An edit names the revision it started from, so a
// change someone else made in between is never silently overwritten (conflict). The console
// uses the same editor (stepEditor with onConsole): it types an owner's name instead of
// claiming, and deletes nothing (it hides through moderation).
import { el, replace, syncChildren } from "../dom.js";
import { t } from "../i18n.js";
import { isOpen, errorText, notDelivered } from "../socket.js";
import { outboxFor, showProgress } from "../outbox.js";
import { fieldsOf, requiredOf, ideasOf, stepsOf, formatDate, partnersText, fieldLabel, lengthOf, partnerLimits } from "./plan-table.js";

import { consoleView as tableView } from "./plan-table.js";
import { report, showAlert, clearAlert } from "../alert.js";

export { projectorView, consoleInfo, endBlock } from "./plan-table.js";

const OTHER = "other";

/** The console may add, change, claim and delete steps for someone without a phone
 *  (console-proxies.js): the phone's own editor, speaking as that person. */
export const proxyInput = true;

export const phoneView = (ctx) => stepEditor(ctx);

/** The console: the same editor as the phones, with the table of the room folded below it. */
export function consoleView(ctx) {
  const editor = stepEditor(ctx, { onConsole: true });
  const table = tableView(ctx);
  const node = el("div", { class: "console-plan-edit" }, editor.node,
    el("details", { class: "manage plan-table-details" }, el("summary", {}, t("plan_as_table")), table.node));
  return {
    node, title: table.title, destroy: editor.destroy,
    update(state) { editor.update(state); table.update(state); },
  };
}

/**
 * The shared action path: steps under the chosen ideas, a form to add or change one.
 * @param {object} ctx {live, round, code}
 * @param {object} [opts]
 * @param {boolean} [opts.onConsole] the facilitator: no "ik pak dit op", no delete
 */
export function stepEditor(ctx, { onConsole = false } = {}) {
  const { live, round, code } = ctx;
  const box = outboxFor(live, code);
  const ours = (e) => e.event === "step:add" && e.payload.round_id === round.id;
  const fields = fieldsOf(round);
  const required = requiredOf(round);
  let state = live.state;
  let form = null; // {key, node, stepId|null, ideaId}
  // The console shows two editors at once (its own, and one for someone without a phone):
  // their fields need ids of their own.
  const speaker = (live.state && live.state.me) || {};
  const idPrefix = onConsole ? "console-" : speaker.proxy ? `for-${speaker.id}-` : "";

  const status = el("p", { class: "save-status", role: "status" });
  const groups = el("div", { class: "plan-groups" });
  const closedNote = el("p", { class: "closed-note", hidden: true }, t("round_closed_saved"));
  const node = el("div", { class: "mechanic mechanic-plan" }, closedNote, status, groups);

  function say(text, kind = "info") { report(status, text, kind); }

  // --- the form (add or edit) -------------------------------------------------------------

  function openForm(ideaId, step) {
    form = buildForm(ideaId, step);
    render();
    const first = form.node.querySelector("textarea, input");
    if (first) first.focus();
  }

  function closeForm() {
    const key = form && form.key;
    form = null;
    render();
    const back = key && groups.querySelector(`[data-return="${key}"]`);
    if (back) back.focus();
  }

  function buildForm(ideaId, step) {
    const key = step ? `step-${step.id}` : `add-${ideaId}`;
    const inputs = {};
    let claimBox = null; // "ik pak dit zelf op" while adding (a player's own form only)
    const error = el("p", { class: "field-error", role: "alert", hidden: true });
    const base = step ? { ...(step.rev || {}) } : null;
    const rows = fields.map((f) => {
      const id = `${idPrefix}${key}-${f}`;
      const optional = required.includes(f) ? null : el("span", { class: "optional" }, ` (${t("optional")})`);
      let input;
      if (f === "what" || f === "needs") {
        input = el("textarea", { id, class: "input", rows: "2", maxlength: lengthOf(round, f) });
      } else if (f === "due") {
        input = el("input", { id, class: "input", type: "date" });
      } else {
        input = el("input", { id, class: "input", type: "text", autocomplete: "off",
          maxlength: f === "partners" ? null : lengthOf(round, f),
          "aria-describedby": f === "partners" ? `${id}-hint` : null });
      }
      input.value = step ? (f === "partners" ? partnersText(step) : step[f] || "") : "";
      inputs[f] = input;
      if (f === "owner" && !step && !onConsole) claimBox = ownerClaim(id, input);
      return el("div", { class: "field" }, el("label", { for: id }, t(`form_${f}`), optional), input,
        f === "owner" && claimBox ? claimBox.node : null,
        f === "partners" ? el("p", { class: "hint", id: `${id}-hint` }, t("partners_hint"), " ",
          t("partners_limits", partnerLimits(round))) : null);
    });
    const ideas = ideasOf(state, round);
    let ideaSelect = null;
    if (ideas.length) {
      ideaSelect = el("select", { id: `${idPrefix}${key}-idea`, class: "input" },
        ideas.map((i) => el("option", { value: String(i.id) }, i.text)),
        el("option", { value: OTHER }, t("plan_other")));
      ideaSelect.value = ideaId === OTHER || ideaId === null ? OTHER : String(ideaId);
      rows.push(el("div", { class: "field" }, el("label", { for: `${idPrefix}${key}-idea` }, t("field_idea")), ideaSelect));
    }
    const node = el("form", { class: "step-form stack", novalidate: true, dataset: { key } },
      el(headingLevel(ideaId), { class: "step-form-title" }, step ? t("step_edit") : t("step_new")), rows, error,
      el("div", { class: "step-form-actions" },
        el("button", { class: "btn btn-primary", type: "submit" }, t("save")),
        el("button", { class: "btn btn-link", type: "button", onclick: closeForm }, t("cancel"))));
    const entry = { key, node, stepId: step ? step.id : null, ideaId, inputs, base, error, ideaSelect, claimBox };
    node.addEventListener("submit", (event) => { event.preventDefault(); submit(entry); });
    return entry;
  }

  /**
   * "Ik pak dit zelf op" under the owner field of a new step: the server makes the writer
   * its owner (`claim: true`), so it is theirs by id — on their own link and end screen —
   * also where the rules require an owner and a typed name would be nobody's.
   */
  function ownerClaim(id, input) {
    const box = el("input", { type: "checkbox", id: `${id}-mine`, onchange: () => {
      input.disabled = box.checked;
      input.value = box.checked ? speaker.name || "" : "";
      const error = box.closest("form")?.querySelector(".field-error");
      if (box.checked && error && !error.hidden) { error.hidden = true; clearAlert(); } // "fill in the owner": done
    } });
    return { box, node: el("div", { class: "check" }, box, el("label", { for: box.id }, t("claim_on_add"))) };
  }

  /** The form's title is one level below its section's (h2), or an h2 where the section has
   *  no title (no chosen ideas yet, as in a follow-up): headings never skip a level. */
  function headingLevel(sectionId) {
    const section = sectionNodes.get(sectionId);
    return section && !section.title.hidden ? "h3" : "h2";
  }

  function values(entry) {
    const out = {};
    for (const [f, input] of Object.entries(entry.inputs)) out[f] = input.value.trim();
    if (entry.ideaSelect) out.idea = entry.ideaSelect.value === OTHER ? null : Number(entry.ideaSelect.value);
    if (entry.claimBox && entry.claimBox.box.checked) { delete out.owner; out.claim = true; }
    return out;
  }

  function showFormError(entry, text) {
    entry.error.textContent = text || "";
    entry.error.hidden = !text;
    if (text) showAlert(text);
  }

  async function submit(entry) {
    const v = values(entry);
    const missing = required.find((f) => fields.includes(f) && !v[f] && !(f === "owner" && v.claim));
    if (missing) {
      showFormError(entry, t("field_required", { field: fieldLabel(missing) }));
      entry.inputs[missing].focus();
      return;
    }
    if ("partners" in v) {
      const problem = partnersProblem(v.partners);
      if (problem) { showFormError(entry, problem); entry.inputs.partners.focus(); return; }
    }
    if (entry.stepId === null) {
      box.put({ event: "step:add", payload: { round_id: round.id, ...v }, create: true });
      closeForm();
      return;
    }
    const step = stepsOf(state, round).find((s) => s.id === entry.stepId);
    if (!step) { closeForm(); return; }
    const payload = { id: step.id, base: {} };
    for (const [f, value] of Object.entries(v)) {
      const now = f === "partners" ? partnersText(step) : f === "idea" ? step.idea ?? null : step[f] || "";
      if (value !== now) { payload[f] = value; payload.base[f] = entry.base[f] || 0; }
    }
    if (Object.keys(payload.base).length === 0) { closeForm(); return; }
    say(t("sending"));
    const ack = await live.request("step:edit", payload);
    if (ack.ok) { live.remember(ack.item); say(t("saved"), "saved"); closeForm(); return; }
    say("");
    const error = ack.error || {};
    if (error.code === "conflict") {
      // Someone changed this field meanwhile: show what it says now; saving again keeps yours.
      entry.base[error.field] = error.rev;
      const current = Array.isArray(error.current) ? error.current.join(", ")
        : error.field === "due" ? formatDate(error.current) : error.current || "–";
      showFormError(entry, t("step_conflict", { field: fieldLabel(error.field), current }));
    } else showFormError(entry, notDelivered(ack) ? t("not_sent_retry") : errorText(ack));
  }

  /** The partners as the server will take them: at most so many names of so many characters. */
  function partnersProblem(text) {
    const { n, max } = partnerLimits(round);
    const names = text.split(",").map((p) => p.trim()).filter(Boolean);
    if (names.length > n) return t("partners_too_many", { n });
    if (names.some((p) => p.length > max)) return t("partner_too_long", { max });
    return null;
  }

  async function claim(step) {
    say(t("sending"));
    const ack = await live.request("step:claim", { id: step.id });
    if (ack.ok) { live.remember(ack.item); say(t("claimed"), "saved"); render(); }
    else say(ack.error && ack.error.code === "conflict" ? t("claim_taken", { name: ack.error.current || "" })
      : notDelivered(ack) ? t("not_sent_retry") : errorText(ack), "error");
  }

  async function remove(step) {
    if (!window.confirm(t("confirm_delete_step"))) return;
    const ack = await live.request("step:delete", { id: step.id });
    if (ack.ok) { live.forget(step.id); state = live.state; say(t("deleted"), "saved"); render(); }
    else say(notDelivered(ack) ? t("not_sent_retry") : errorText(ack), "error");
  }

  // --- the list ---------------------------------------------------------------------------

  /** "Weghalen" only where the server would take it: it names who may (engine: plan.remover). */
  const mayRemove = (step) => !onConsole && step.removable_by != null && step.removable_by === state.me.id;

  function stepCard(step, open) {
    const me = state.me;
    const ownsIt = !onConsole && step.owner_id === me.id;
    const details = fields.filter((f) => f !== "what").map((f) => {
      const value = f === "partners" ? partnersText(step) : f === "due" ? formatDate(step.due) : step[f];
      const shown = f === "owner" && ownsIt && !speaker.proxy ? t("owner_you") : value; // the console: their name
      return el("div", { class: ["step-field", !value ? "is-empty" : null] },
        el("dt", {}, fieldLabel(f)), el("dd", {}, shown || (f === "owner" ? t("owner_open") : "–")));
    });
    const actions = open ? el("div", { class: "step-actions" },
      !step.owner && !onConsole ? el("button", { class: "btn btn-primary btn-small btn-claim", type: "button", onclick: () => claim(step) },
        t("claim")) : null,
      el("button", { class: "btn btn-small", type: "button", dataset: { return: `step-${step.id}` },
        onclick: () => openForm(step.idea ?? OTHER, step) }, t("edit")),
      mayRemove(step) ? el("button", { class: "btn btn-small btn-link", type: "button", onclick: () => remove(step) },
        t("delete")) : null) : null;
    return el("li", { class: ["step", ownsIt ? "is-mine" : null], dataset: { id: step.id } },
      el("p", { class: "step-what" }, step.what), el("dl", { class: "step-fields" }, details), actions);
  }

  const sectionNodes = new Map(); // section id → {node, title, list, empty, add}
  const cards = new Map(); // step id → {key, node}

  function sectionNode(section) {
    let entry = sectionNodes.get(section.id);
    if (!entry) {
      const add = el("button", { class: "btn btn-block btn-add-step", type: "button", dataset: { return: `add-${section.id}` },
        onclick: () => openForm(section.id, null) }, `+ ${t("step_add")}`);
      entry = { title: el("h2", { class: "plan-idea-title" }), list: el("ul", { class: "steps" }),
        empty: el("p", { class: "muted" }, t("no_steps_here")), add };
      entry.node = el("section", { class: "plan-idea" }, entry.title, entry.empty, entry.list);
      sectionNodes.set(section.id, entry);
    }
    replace(entry.title, section.n ? el("span", { class: "idea-tag", "aria-hidden": "true" }, String(section.n)) : null,
      section.n ? el("span", { class: "visually-hidden" }, `${t("idea_n", { n: section.n })}: `) : null, section.text);
    entry.title.hidden = !section.text;
    return entry;
  }

  function cardFor(step, open) {
    const key = `${step.updated_at}|${open}|${mayRemove(step)}`;
    const known = cards.get(step.id);
    if (known && known.key === key) return known.node;
    const node = stepCard(step, open);
    cards.set(step.id, { key, node });
    return node;
  }

  function render() {
    state = live.state || state;
    const open = isOpen(state, round);
    if (!open && form) form = null;
    closedNote.hidden = open;
    const ideas = ideasOf(state, round);
    const known = new Set(ideas.map((i) => i.id));
    const steps = stepsOf(state, round).sort((a, b) => a.created_at - b.created_at || a.id - b.id);
    const pending = box.waiting(ours).map((e) => e.payload);
    const sections = [...ideas.map((i, index) => ({ id: i.id, text: i.text, n: index + 1 })),
      { id: OTHER, text: ideas.length ? t("plan_other") : "" }];
    syncChildren(groups, sections.map((section) => {
      const inSection = (idea) => (section.id === OTHER ? !known.has(idea) : idea === section.id);
      const own = steps.filter((s) => inSection(s.idea));
      const waiting = pending.filter((e) => inSection(e.idea ?? null));
      const adding = Boolean(form && form.stepId === null && form.ideaId === section.id);
      if (section.id === OTHER && ideas.length && !own.length && !waiting.length && !adding) return null;
      const entry = sectionNode(section);
      const items = own.map((step) => (form && form.stepId === step.id ? editItem() : cardFor(step, open)));
      for (const e of waiting) {
        items.push(el("li", { class: "step is-pending" }, el("p", { class: "step-what" }, e.what),
          el("p", { class: "own-card-state" }, box.connected ? t("sending") : t("not_sent"))));
      }
      syncChildren(entry.list, items);
      entry.list.hidden = !items.length;
      entry.empty.hidden = items.length > 0;
      syncChildren(entry.node, [entry.title, entry.empty, entry.list, adding ? form.node : open ? entry.add : null]);
      return entry.node;
    }));
  }

  let editLi = null;
  function editItem() {
    if (!editLi || editLi.firstChild !== form.node) editLi = el("li", { class: "step is-editing" }, form.node);
    return editLi;
  }

  const stopProgress = showProgress(box, status, { filter: ours, onEvent: () => render() });

  function update(next) {
    state = next;
    render();
    box.flush();
  }
  update(state);
  return { node, update, destroy: stopProgress };
}
