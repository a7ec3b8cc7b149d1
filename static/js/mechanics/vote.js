// The "vote" mechanic: dot-voting over an earlier round's cards. A player has a budget of
// dots (votes_per_player) and may put at most max_per_card on one idea: tap an idea to give
// it a dot, tap again for the next one; at the cap a tap takes the dots back. The projector
// shows live bars when the rules allow it, else how many people have voted. Once voting is
// over (summary.closed: the facilitator pressed "close the vote and show the result", key R,
// or the game moved on) every screen shows the result while the round is still on: the
// ideas ranked with bars and dots, the chosen ones marked — on the projector, on each
// phone instead of its ballot, and per table in the projector's grid of tables.
import { el, replace } from "../dom.js";
import { wallPager } from "../wall-pager.js";
import { t } from "../i18n.js";
import { summaryOf, isOpen } from "../socket.js";
import { outboxFor, showProgress } from "../outbox.js";
import { report } from "../alert.js";

/**
 * The ideas on the ballot: the source round's visible cards (merged duplicates are hidden);
 * with `ideas_from`, only those the earlier vote chose (the hall votes on the harvest:
 * every table's top N, from that vote's summary).
 */
export function ideasOf(state, round) {
  const from = round.settings.from_round;
  const earlier = round.settings.ideas_from;
  const kept = earlier ? new Set(summaryOf(state, earlier).chosen || []) : null;
  return state.items.filter((i) => i.round_id === from && i.kind === "card" && !i.concealed && !i.hidden
    && (!kept || kept.has(i.id)))
    .sort((a, b) => a.created_at - b.created_at || a.id - b.id);
}

/** The console may vote for someone without a phone (console-proxies.js). */
export const proxyInput = true;

const dotsText = (n) => (n === 1 ? t("dots_one") : t("dots_many", { n }));

// --- phone --------------------------------------------------------------------------------

export function phoneView(ctx) {
  const { live, round, code } = ctx;
  const { votes_per_player: budget, max_per_card: cap } = round.settings;
  const box = outboxFor(live, code);
  const ours = (e) => e.event === "ballot:set" && e.payload.round_id === round.id;
  let state = live.state;

  const remainingText = el("p", { class: "dots-left-text" });
  const remainingDots = el("span", { class: "dots-left-dots", "aria-hidden": "true" });
  const status = el("p", { class: "save-status", role: "status" });
  const bar = el("div", { class: "dots-bar" }, el("div", { class: "dots-left" }, remainingDots, remainingText), status);
  const hint = el("p", { class: "hint vote-hint" }, cap > 1 ? t("vote_hint", { cap }) : t("vote_hint_one"));
  const list = el("ul", { class: "vote-list" });
  const empty = el("p", { class: "closed-note", hidden: true }, t("vote_no_ideas"));
  const closedNote = el("p", { class: "closed-note", hidden: true }, t("vote_closed"));
  const resultNote = el("p", { class: "closed-note vote-result-note", hidden: true }, t("vote_closed_result"));
  const result = el("div", { class: "vote-result", hidden: true });
  const node = el("div", { class: "mechanic mechanic-vote" }, hint, closedNote, resultNote, empty, list, result, bar);

  function say(text, kind = "info") { report(status, text, kind); }

  /** The ballot the server has stored (acknowledged dots). */
  function ballotVotes() {
    const ballot = state.items.find((i) => i.round_id === round.id && i.kind === "ballot" && live.isMine(i));
    return (ballot && ballot.votes) || {};
  }
  /** What this player has put where: the stored ballot with the changes not yet sent on top. */
  function myVotes() {
    const votes = { ...ballotVotes() };
    for (const e of box.waiting(ours)) votes[e.payload.card_id] = e.payload.count;
    return votes;
  }
  const used = (votes) => Object.values(votes).reduce((n, v) => n + (Number(v) || 0), 0);

  /** Whether this phone may still vote: the round is on and voting is not closed. */
  const voting = () => isOpen(state, round) && !summaryOf(state, round.id).closed;

  function tap(card) {
    if (!voting()) return;
    const votes = myVotes();
    const mine = Number(votes[card.id]) || 0;
    const left = budget - used(votes);
    let next;
    if (mine < cap && left > 0) next = mine + 1;
    else if (mine > 0) next = 0;
    else { say(t("vote_none_left"), "error"); return; }
    setCount(card, next);
  }

  /**
   * Queue the dots on one idea (the newest count replaces one not sent yet). Dots taken back
   * go first: after a time offline the server then never sees more dots than the budget.
   */
  function setCount(card, count) {
    const stored = Number(ballotVotes()[card.id]) || 0;
    box.put({ event: "ballot:set", payload: { round_id: round.id, card_id: card.id, count },
      key: `ballot:${round.id}:${card.id}`, rank: count < stored ? 0 : 1 });
  }

  const rows = new Map();
  function row(card) {
    let entry = rows.get(card.id);
    if (!entry) {
      const text = el("span", { class: "vote-text" });
      const dots = el("span", { class: "vote-dots", "aria-hidden": "true" });
      const sr = el("span", { class: "visually-hidden" });
      const button = el("button", { class: "vote-card", type: "button", onclick: () => tap(card) }, text, dots, sr);
      const yours = el("span", { class: "vote-yours" });
      const minus = el("button", { class: "btn btn-small btn-link vote-minus", type: "button", onclick: () => {
        const mine = Number(myVotes()[card.id]) || 0;
        if (mine > 0) setCount(card, mine - 1);
      } }, t("vote_take_back"));
      const own = el("div", { class: "vote-own" }, yours, minus);
      entry = { node: el("li", { class: "vote-item" }, button, own), text, dots, sr, button, minus, own, yours };
      rows.set(card.id, entry);
    }
    return entry;
  }

  function render() {
    state = live.state || state;
    const open = voting();
    const over = isOpen(state, round) && !open; // closed by the facilitator: the result instead
    const ideas = ideasOf(state, round);
    const votes = myVotes();
    const left = Math.max(0, budget - used(votes));
    replace(list, ideas.map((card) => {
      const r = row(card);
      const mine = Number(votes[card.id]) || 0;
      r.text.textContent = card.text;
      replace(r.dots, Array.from({ length: cap }, (_, i) => el("span", { class: ["dot", i < mine ? "is-on" : null] })));
      r.sr.textContent = `. ${t("vote_yours", { n: mine, cap })}`;
      r.node.classList.toggle("has-dots", mine > 0);
      r.button.disabled = !open;
      r.own.hidden = mine === 0;
      r.yours.textContent = t("vote_yours", { n: mine, cap });
      r.minus.hidden = !open;
      r.minus.setAttribute("aria-label", `${t("vote_take_back")}: ${card.text}`);
      return r.node;
    }));
    empty.hidden = ideas.length > 0;
    closedNote.hidden = open || over;
    resultNote.hidden = !over;
    hint.hidden = !open;
    list.hidden = over;
    result.hidden = !over || !ideas.length;
    if (over) replace(result, barList(ranked(tallyRows(state, round)), "bars-phone", undefined, true));
    bar.hidden = !open; // a dot refused once closed says so at the top (alert.js)
    remainingText.textContent = left === 0 ? t("vote_all_used") : left === 1 ? t("vote_left_one") : t("vote_left", { n: left });
    replace(remainingDots, Array.from({ length: budget }, (_, i) => el("span", { class: ["dot", i < left ? "is-on" : null] })));
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

// --- projector and console ----------------------------------------------------------------------

/**
 * The ideas with their dots, for bars. Live: in the order they were written (bars do not
 * jump about); once chosen: most dots first.
 */
export function tallyRows(state, round, summary = summaryOf(state, round.id)) {
  const tally = summary.tally || {};
  const chosen = summary.chosen || [];
  const rows = ideasOf(state, round).map((card) => ({
    card, votes: Number(tally[card.id]) || 0, chosen: chosen.includes(card.id),
  }));
  if (summary.closed || chosen.length) rows.sort((a, b) => b.votes - a.votes || a.card.id - b.card.id);
  return rows;
}

/** Places as a result reads them, on rows most dots first: as many dots, the same place (1, 2, 2,
 *  4); an idea without dots has no place. */
function ranked(rows) {
  const placed = [];
  rows.forEach((row, i) => placed.push({
    ...row, rank: !row.votes ? null : i && row.votes === rows[i - 1].votes ? placed[i - 1].rank : i + 1,
  }));
  return placed;
}

/** Bars for the ideas: text, a bar (decoration) and the number of dots in words; `ranked`:
 *  each idea's place in front of it (the result). */
export function barList(rows, className, most = Math.max(1, ...rows.map((r) => r.votes)), ranked = false) {
  const list = el("ol", { class: ["bars", className, ranked ? "bars-ranked" : null] }, rows.map(({ card, votes, chosen, forward, rank }) => {
    const fill = el("span", { class: "bar-fill" });
    fill.style.setProperty("--share", String(votes / most));
    return el("li", { class: ["bar-row", chosen || forward ? "is-chosen" : null], dataset: { id: card.id } },
      el("p", { class: "bar-label" },
        ranked ? el("span", { class: "bar-rank" }, rank ? `${rank}.` : "") : null,
        chosen || forward ? el("span", { class: "chosen-badge" }, chosen ? t("chosen") : t("goes_forward")) : null,
        el("span", { class: "bar-text" }, card.text)),
      el("span", { class: "bar-track", "aria-hidden": "true" }, fill),
      el("span", { class: "bar-value" }, dotsText(votes)));
  }));
  // the places hang in a column as wide as the longest ("12.")
  const digits = String(Math.max(1, ...rows.map((r) => r.rank || 0))).length;
  if (ranked) list.style.setProperty("--rank-width", `${digits * 1.15 + 1}ch`);
  return list;
}

export function projectorView(ctx) {
  const { round } = ctx;
  const head = el("div");
  const list = el("div", { class: "vote-wall" });
  const node = el("div", { class: "mechanic mechanic-vote" });
  let rows = [];
  let tallied = false;
  let result = null; // whether the wall shows the result (voting over); null: nothing drawn yet
  let pager = null;
  /** The ideas of these keys: bars once the tally shows (in two columns when dense), else the list. */
  function draw(keys) {
    const wanted = new Set(keys);
    const shown = (result ? ranked(rows) : rows).filter((r) => wanted.has(String(r.card.id)));
    const most = Math.max(1, ...rows.map((r) => r.votes));
    // The result reads top down in one column (its densities shrink the text instead).
    const bars = result ? "bars-result" : list.dataset.density === "s" && rows.length <= 8 ? null : "bars-two";
    replace(list, tallied
      ? barList(shown, bars, most, result)
      : el("ol", { class: "idea-list" }, shown.map(({ card }) => el("li", { class: "idea" }, card.text))));
  }

  function update(state) {
    const summary = summaryOf(state, round.id);
    const over = Boolean(summary.closed);
    if (over !== result) { // a wall of its own for the result: it opens on its first page, the winners
      result = over;
      pager = wallPager({ round, densities: ["s", "m", "l"], target: list, draw });
      replace(node, head, pager.node);
    }
    const voters = summary.voters || 0;
    const votersText = voters === 1 ? t("voted_one") : t("voted_many", { n: voters });
    rows = tallyRows(state, round, summary);
    tallied = Boolean(summary.tally);
    replace(head, over
      ? el("div", { class: "vote-result-head" },
        el("p", { class: "vote-result-title" }, t("vote_result")),
        el("p", { class: "vote-voters" }, votersText))
      : tallied ? el("p", { class: "vote-voters" }, votersText)
        : el("div", { class: "vote-waiting" },
          el("p", { class: "vote-voters vote-voters-large", "aria-live": "polite" }, votersText),
          el("p", { class: "vote-later" }, t("tally_later"))));
    node.classList.toggle("is-result", over);
    pager.update(state, rows.map((r) => String(r.card.id)));
  }

  update(ctx.live.state);
  return { node, update };
}

/** The projector's grid of tables (projector-tables.js), once voting is over: this table's
 *  ideas ranked, the ones it chose marked; null while voting. */
export function tableResult(state, round, table) {
  const summary = summaryOf(state, round.id);
  if (!summary.closed) return null;
  const rows = ranked(tallyRows(state, round, summary).filter((r) => r.card.table === table));
  return rows.length ? barList(rows, "bars-tile", undefined, true) : null;
}

/** The projector's end screen: the ideas this vote chose. */
export function endBlock(state, round) {
  const chosen = (summaryOf(state, round.id).chosen || []).map((id) => state.items.find((i) => i.id === id))
    .filter((card) => card && card.text);
  if (!chosen.length) return null;
  return { node: el("section", { class: "ended-block" }, el("h2", {}, t("chosen_ideas")),
    el("ol", { class: "ended-ideas" }, chosen.map((card) => el("li", {}, card.text)))) };
}

export function consoleInfo(state, round) {
  const written = new Set(state.items.filter((i) => i.round_id === round.id && i.kind === "ballot"
    && Object.values(i.votes || {}).some((n) => n > 0)).map((i) => i.author_id));
  return { written };
}

/** The console's button for this round (console.js): close the vote and show the result
 *  (key R), or, once closed, open it again. */
export function roundControl(state, round) {
  return summaryOf(state, round.id).closed
    ? { action: "vote_open", label: t("vote_reopen"), key: false }
    : { action: "vote_close", label: t("vote_close"), key: true };
}

/** The console always sees the tally (the facilitator's summary has it), most dots first. */
export function consoleView(ctx) {
  const { round } = ctx;
  const voters = el("p", { class: "muted" });
  const box = el("div");
  const node = el("div", { class: "console-vote" }, voters, box);
  function update(state) {
    const summary = summaryOf(state, round.id);
    const rows = tallyRows(state, round, { ...summary, closed: true });
    // Before the round closes: which ideas would go forward now (the engine's rule: most
    // dots, the earlier card first on a tie, never an idea without dots).
    const forward = round.settings.carry_forward;
    if (!(summary.chosen || []).length) rows.forEach((r, i) => { r.forward = i < forward && r.votes > 0; });
    const n = summary.voters || 0;
    const room = summary.closed ? t("tally_result_room")
      : round.settings.show_tally === "close" ? t("tally_hidden_room") : t("tally_shown_room");
    voters.textContent = `${n === 1 ? t("voted_one") : t("voted_many", { n })} · ${room}`;
    replace(box, rows.length ? barList(rows, "bars-console") : el("p", { class: "muted" }, t("vote_no_ideas")));
  }
  update(ctx.live.state);
  return { node, update, title: t("console_votes") };
}
