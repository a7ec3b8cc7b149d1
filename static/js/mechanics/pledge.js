// The "pledge" mechanic ("Wat breng ik in?"): after the vote, each player offers something
// toward one of the chosen ideas: time (hours), materials, network, expertise or money (an
// amount is optional), with a short text. Players add, change and delete their own offers;
// the projector shows per chosen idea what the hall brings in; the console sees the same
// and who has not offered anything yet.
//
// The chosen ideas come from the round's summary ({ideas: [{id, text, votes}], totals});
// the resources on offer and every limit (offers per player, characters, hours, euros) from the
// round's settings in the snapshot (samenspel/rules/mechanics/pledge.py).
import { el, paintRole, replace, roleChip, settleNew } from "../dom.js";
import { wallPager } from "../wall-pager.js";
import { t, locale } from "../i18n.js";
import { roleOf, participantOf, summaryOf, isOpen, errorText } from "../socket.js";
import { outboxFor, showProgress } from "../outbox.js";
import { charCounter } from "../fields.js";
import { report } from "../alert.js";

/** The console may type offers for someone without a phone (console-proxies.js). */
export const proxyInput = true;

const KIND = "pledge";
const ideasOf = (state, round) => summaryOf(state, round.id).ideas || [];
const pledgesOf = (state, round) => state.items.filter((i) => i.round_id === round.id && i.kind === KIND && !i.hidden)
  .sort((a, b) => a.created_at - b.created_at || a.id - b.id);

const formatNumber = (n) => Number(n).toLocaleString(locale, { maximumFractionDigits: 1 });

/** "Tijd · 4 uur", "Geld · € 250", "Kennis". */
export function whatOf(pledge) {
  const parts = [t(`resource_${pledge.resource}`)];
  if (pledge.hours != null) parts.push(t("hours_n", { n: formatNumber(pledge.hours) }));
  if (pledge.amount != null) parts.push(t("amount_n", { n: formatNumber(pledge.amount) }));
  return parts.join(" · ");
}

/** "3 offers · 12 hours · € 250" for one idea. */
function totalOf(pledges) {
  const hours = pledges.reduce((n, p) => n + (Number(p.hours) || 0), 0);
  const amount = pledges.reduce((n, p) => n + (Number(p.amount) || 0), 0);
  return [pledges.length === 1 ? t("pledge_count_one") : t("pledge_count", { n: pledges.length }),
    hours ? t("hours_n", { n: formatNumber(hours) }) : null,
    amount ? t("amount_n", { n: formatNumber(amount) }) : null].filter(Boolean).join(" · ");
}

/** The chosen ideas with their offers, in the ideas' order; offers for an idea no longer chosen last. */
function byIdea(state, round) {
  const groups = ideasOf(state, round).map((idea) => ({ idea, pledges: [] }));
  for (const pledge of pledgesOf(state, round)) {
    let group = groups.find((g) => g.idea.id === pledge.idea);
    if (!group) {
      const card = state.items.find((i) => i.id === pledge.idea);
      group = { idea: { id: pledge.idea, text: card ? card.text : "", gone: true }, pledges: [] };
      groups.push(group);
    }
    group.pledges.push(pledge);
  }
  return groups;
}

// --- phone --------------------------------------------------------------------------------

export function phoneView(ctx) {
  const { live, round, code } = ctx;
  const { resources, max_per_player: most, max_length: limit, max_hours: maxHours, max_amount: maxAmount } = round.settings;
  const box = outboxFor(live, code);
  const ours = (e) => e.event === "pledge:add" && e.payload.round_id === round.id;
  let state = live.state;
  let editing = null; // the own offer being changed, or null for a new one
  let idea = null;
  let resource = null;

  const status = el("p", { class: "save-status", role: "status" });
  const ideaBox = el("div", { class: "category-options pledge-ideas" });
  const ideaField = el("fieldset", { class: "field category-chooser" }, el("legend", {}, t("field_idea")), ideaBox);
  const resourceField = el("fieldset", { class: "field category-chooser" }, el("legend", {}, t("pledge_resource")),
    el("div", { class: "category-options pledge-resources" }, resources.map((k) => el("label", { class: "category-option" },
      el("input", { type: "radio", name: `pledge-resource-${round.id}`, value: k, onchange: () => chooseResource(k) }),
      el("span", {}, t(`resource_${k}`))))));
  const hours = el("input", { id: "pledge-hours", class: "input", type: "number", inputmode: "decimal",
    min: "0.5", step: "0.5", max: String(maxHours) });
  const hoursField = el("div", { class: "field", hidden: true },
    el("label", { for: "pledge-hours" }, t("pledge_hours")), hours,
    el("p", { class: "hint" }, t("pledge_hours_hint", { max: formatNumber(maxHours) })));
  const amount = el("input", { id: "pledge-amount", class: "input", type: "number", inputmode: "numeric",
    min: "1", step: "1", max: String(maxAmount) });
  const amountField = el("div", { class: "field", hidden: true },
    el("label", { for: "pledge-amount" }, t("pledge_amount"), el("span", { class: "optional" }, ` (${t("optional")})`)),
    amount);
  const text = el("textarea", { id: "pledge-text", class: "input", rows: "2", maxlength: String(limit),
    "aria-describedby": "pledge-count" });
  const counter = charCounter(text, limit, "pledge-count");
  const submit = el("button", { class: "btn btn-primary btn-block btn-large", type: "submit" }, t("pledge_add"));
  const cancel = el("button", { class: "btn btn-link btn-block", type: "button", hidden: true, onclick: stopEdit }, t("cancel"));
  const form = el("form", { class: "card-form stack pledge-form", novalidate: true, onsubmit: onSubmit },
    ideaField, resourceField, hoursField, amountField,
    el("div", { class: "field" }, el("label", { for: "pledge-text" }, t("pledge_text")), text, counter.node),
    submit, cancel, status);
  const noIdeas = el("p", { class: "closed-note", hidden: true }, t("pledge_no_ideas"));
  const closedNote = el("p", { class: "closed-note", hidden: true }, t("round_closed_saved"));
  const limitNote = el("p", { class: "closed-note limit-note", hidden: true }, t("pledge_max_reached", { max: most }));
  const tally = el("span", { class: "own-tally" });
  const list = el("ul", { class: "own-cards pledge-own" });
  const empty = el("p", { class: "muted" }, t("pledge_none_yours"));
  const node = el("div", { class: "mechanic mechanic-pledge" }, noIdeas, form, closedNote, limitNote,
    el("h2", { class: "own-title" }, t("pledge_yours"), " ", tally), empty, list);

  function say(message, state_ = "info") { report(status, message, state_); }

  const updateCounter = counter.update;

  function chooseResource(k) {
    resource = k;
    hoursField.hidden = k !== "time";
    amountField.hidden = k !== "money";
    for (const input of resourceField.querySelectorAll("input")) input.checked = input.value === k;
  }

  function renderIdeas() {
    const ideas = ideasOf(state, round);
    const shown = ideas.map((i) => i.id).join(",");
    if (ideaBox.dataset.shown === shown) return;
    ideaBox.dataset.shown = shown;
    replace(ideaBox, ideas.map((i, n) => el("label", { class: "category-option" },
      el("input", { type: "radio", name: `pledge-idea-${round.id}`, value: String(i.id), checked: i.id === idea,
        onchange: () => { idea = i.id; } }),
      el("span", {}, `${n + 1}. ${i.text}`))));
    if (ideas.length === 1 && idea === null) {
      idea = ideas[0].id;
      ideaBox.querySelector("input").checked = true;
    }
  }

  /** The form's values as a payload, or null after saying what is missing. */
  function read() {
    if (idea === null) { say(t("pledge_choose_idea"), "error"); ideaBox.querySelector("input")?.focus(); return null; }
    if (!resource) { say(t("pledge_choose_resource"), "error"); resourceField.querySelector("input").focus(); return null; }
    const words = text.value.trim();
    if (!words) { say(t("pledge_empty"), "error"); text.focus(); return null; }
    const payload = { idea, resource, text: words };
    if (resource === "time") {
      const n = Number(hours.value);
      if (!hours.value || !(n > 0) || n > maxHours || (n * 2) % 1) {
        say(t("pledge_hours_wrong", { max: formatNumber(maxHours) }), "error"); hours.focus(); return null;
      }
      payload.hours = n;
    }
    if (resource === "money" && amount.value !== "") {
      const n = Number(amount.value);
      if (!Number.isInteger(n) || n < 1 || n > maxAmount) {
        say(t("pledge_amount_wrong", { max: formatNumber(maxAmount) }), "error"); amount.focus(); return null;
      }
      payload.amount = n;
    }
    if (resource === "money" && amount.value === "" && editing) payload.amount = null;
    return payload;
  }

  function clear() {
    text.value = "";
    hours.value = "";
    amount.value = "";
    resource = null;
    for (const input of resourceField.querySelectorAll("input")) input.checked = false;
    hoursField.hidden = true;
    amountField.hidden = true;
    updateCounter();
  }

  async function onSubmit(event) {
    event.preventDefault();
    const payload = read();
    if (!payload) return;
    if (editing) {
      say(t("sending"));
      const ack = await live.request("pledge:edit", { id: editing.id, ...payload });
      if (ack.ok) { live.remember(ack.item); say(t("saved"), "saved"); stopEdit(); } else say(errorText(ack), "error");
      return;
    }
    if (ownCount() >= most) { say(t("pledge_max_reached", { max: most }), "error"); return; }
    clear();
    box.put({ event: "pledge:add", payload: { round_id: round.id, ...payload }, create: true, keep: true });
  }

  /** An offer the server refused comes back into the form: nothing typed is lost. */
  function giveBack() {
    const [entry] = box.refused(ours);
    if (!entry || text.value || editing) return;
    box.take(entry.id);
    const p = entry.payload;
    idea = p.idea;
    for (const input of ideaBox.querySelectorAll("input")) input.checked = Number(input.value) === p.idea;
    chooseResource(p.resource);
    text.value = p.text;
    hours.value = p.hours != null ? String(p.hours) : "";
    amount.value = p.amount != null ? String(p.amount) : "";
    updateCounter();
    say(t("pledge_returned", { message: entry.refused.message }), "error");
  }

  function startEdit(item) {
    editing = item;
    idea = item.idea;
    ideaBox.dataset.shown = "";
    renderIdeas();
    chooseResource(item.resource);
    text.value = item.text;
    hours.value = item.hours != null ? String(item.hours) : "";
    amount.value = item.amount != null ? String(item.amount) : "";
    updateCounter();
    submit.textContent = t("save");
    cancel.hidden = false;
    render();
    text.focus();
  }

  function stopEdit() {
    editing = null;
    clear();
    submit.textContent = t("pledge_add");
    cancel.hidden = true;
    render();
  }

  async function remove(item) {
    if (!window.confirm(t("pledge_confirm_delete"))) return;
    const ack = await live.request("pledge:delete", { id: item.id });
    if (ack.ok) {
      live.forget(item.id);
      if (editing && editing.id === item.id) stopEdit();
      render();
    } else say(errorText(ack), "error");
  }

  const stopProgress = showProgress(box, status, {
    filter: ours,
    onEvent(event) {
      if (event.type === "refused") giveBack();
      render();
    },
  });

  const ownItems = () => pledgesOf(state, round).filter((i) => live.isMine(i));
  const ownCount = () => ownItems().length + box.waiting(ours).length;
  const ideaText = (id) => (ideasOf(state, round).find((i) => i.id === id) || {}).text || "";

  function render() {
    state = live.state || state;
    const open = isOpen(state, round);
    const ideas = ideasOf(state, round);
    renderIdeas();
    const rows = ownItems().map((item) => el("li", { class: ["own-card", editing && editing.id === item.id ? "is-editing" : null] },
      el("p", { class: "own-card-category" }, whatOf(item)),
      el("p", { class: "own-card-text" }, item.text),
      el("p", { class: "own-card-state" }, ideaText(item.idea)),
      open ? el("div", { class: "own-card-actions" },
        el("button", { class: "btn btn-small", type: "button", onclick: () => startEdit(item) }, t("edit")),
        el("button", { class: "btn btn-small btn-link", type: "button", onclick: () => remove(item) }, t("delete"))) : null));
    for (const entry of box.waiting(ours)) {
      rows.push(el("li", { class: "own-card is-pending" },
        el("p", { class: "own-card-category" }, whatOf(entry.payload)),
        el("p", { class: "own-card-text" }, entry.payload.text),
        el("p", { class: "own-card-state" }, box.connected ? t("sending") : t("not_sent"))));
    }
    replace(list, rows);
    empty.hidden = rows.length > 0;
    tally.textContent = t("cards_of", { n: rows.length, max: most });
    const full = rows.length >= most && !editing;
    form.hidden = !open || !ideas.length || full;
    noIdeas.hidden = !open || ideas.length > 0;
    limitNote.hidden = !open || !full || !ideas.length;
    closedNote.hidden = open;
  }

  function update(next) {
    state = next;
    if (!isOpen(state, round) && editing) stopEdit();
    render();
    if (isOpen(state, round)) giveBack();
    box.flush();
  }

  updateCounter();
  update(state);
  return { node, update, destroy: stopProgress };
}

// --- projector ------------------------------------------------------------------------------

/** One column per chosen idea, with every offer as a card and what the hall brings in all. */
export function projectorView(ctx) {
  const { round } = ctx;
  const wall = el("div", { class: "wall pledge-wall" });
  const empty = el("p", { class: "wall-empty" }, t("pledge_wall_empty"));
  const cards = new Map();
  let state = ctx.live.state;
  let groups = [];
  let order = [];
  const pager = wallPager({ round, densities: ["low", "mid", "high", "max"], target: wall, draw });
  const node = el("div", { class: "mechanic mechanic-pledge" }, empty, pager.node);

  function card(state, item) {
    const key = `${item.id}|${item.updated_at}`;
    const known = cards.get(item.id);
    if (known && known.dataset.key === key) return known;
    const author = participantOf(state, item.author_id);
    const role = author ? roleOf(state, author.role) : null;
    const made = el("li", { class: ["card", "pledge-card", known ? null : "is-new"], dataset: { key, id: item.id } },
      el("p", { class: "card-resource" }, whatOf(item)),
      el("p", { class: "card-text" }, item.text),
      author ? el("p", { class: "card-author" }, roleChip(role, author.name)) : null);
    if (role) paintRole(made, role.colour);
    cards.set(item.id, made);
    return made;
  }

  /** The offers of these keys under their ideas; the first page also shows the ideas without any yet. */
  function draw(keys) {
    const wanted = new Set(keys);
    const first = keys.length === 0 || keys[0] === order[0];
    const shown = groups.map((g) => ({ ...g, page: g.pledges.filter((p) => wanted.has(String(p.id))) }))
      .filter((g) => g.page.length || (first && !g.pledges.length));
    wall.dataset.groups = String(Math.min(shown.length, 6));
    replace(wall, shown.map((g) => el("section", { class: "wall-group pledge-group", dataset: { idea: g.idea.id } },
      el("h2", { class: "wall-group-title" }, el("span", {}, g.idea.text),
        el("span", { class: "wall-group-count" }, String(g.pledges.length))),
      el("p", { class: "pledge-total" }, g.pledges.length ? totalOf(g.pledges) : t("pledge_nothing_yet")),
      el("ul", { class: "wall-cards" }, g.page.map((p) => card(state, p))))));
  }

  function update(next) {
    state = next;
    groups = byIdea(state, round);
    order = groups.flatMap((g) => g.pledges.map((p) => String(p.id)));
    empty.hidden = groups.length > 0;
    pager.update(state, order);
    settleNew(wall);
  }

  update(ctx.live.state);
  return { node, update };
}

// --- console --------------------------------------------------------------------------------

/** Who has offered something in this round. */
export function consoleInfo(state, round) {
  return { written: new Set(pledgesOf(state, round).map((p) => p.author_id)) };
}

/** The offers per idea, with their totals and who made them. */
export function consoleView(ctx) {
  const { round } = ctx;
  const node = el("div", { class: "console-pledge" });
  function update(state) {
    const groups = byIdea(state, round);
    replace(node, groups.length ? groups.map((g) => el("section", { class: "pledge-console-idea" },
      el("h3", {}, g.idea.text),
      el("p", { class: "muted" }, g.pledges.length ? totalOf(g.pledges) : t("pledge_nothing_yet")),
      g.pledges.length ? el("ul", { class: "pledge-console-list" }, g.pledges.map((p) => {
        const author = participantOf(state, p.author_id);
        return el("li", {}, el("strong", {}, `${whatOf(p)}: `), p.text, author ? ` — ${author.name}` : "");
      })) : null)) : el("p", { class: "muted" }, t("pledge_no_ideas")));
  }
  update(ctx.live.state);
  return { node, update, title: t("console_pledge") };
}

/** The projector's end screen: per chosen idea what the hall brings in. */
export function endBlock(state, round) {
  const all = byIdea(state, round);
  const groups = all.filter((g) => g.pledges.length);
  if (!groups.length) return null;
  // The chosen ideas stand in full just above, numbered: here each one's number and what it
  // got, side by side, so the action path below keeps its room.
  return { node: el("section", { class: "ended-block" }, el("h2", {}, t("pledge_heading")),
    el("ul", { class: "ended-pledges" }, groups.map((g) => el("li", {},
      g.idea.gone ? el("span", { class: "ended-pledge-idea" }, g.idea.text)
        : el("span", { class: "idea-tag", title: g.idea.text }, String(all.indexOf(g) + 1)),
      el("span", {}, totalOf(g.pledges)))))) };
}
