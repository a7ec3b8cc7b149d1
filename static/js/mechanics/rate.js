// The "rate" mechanic: reflection on how the collaboration went. Each item gets a score on
// a small scale (1–5) with large buttons, not a slider; optionally one word. A rating is
// personal: the room sees the averages and the words (summary), never who gave what. The
// console lists the words and can hide one from the wall; the scores still count.
import { el, replace, syncChildren } from "../dom.js";
import { wallPager } from "../wall-pager.js";
import { t, pick, locale } from "../i18n.js";
import { summaryOf, isOpen } from "../socket.js";
import { outboxFor, showProgress } from "../outbox.js";
import { hideToggle, moderator } from "../moderation.js";

const itemsOf = (round) => round.settings.items;
const scaleOf = (round) => round.settings.scale;
const takesWord = (round) => Boolean(round.settings.word);

/** The console may rate for someone without a phone (console-proxies.js). */
export const proxyInput = true;

export const formatNumber = (n) => Number(n).toLocaleString(locale,
  { minimumFractionDigits: 1, maximumFractionDigits: 1 });

// --- phone --------------------------------------------------------------------------------

export function phoneView(ctx) {
  const { live, round, code } = ctx;
  const box = outboxFor(live, code);
  const ours = (e) => e.event === "rating:set" && e.payload.round_id === round.id;
  const { min, max } = scaleOf(round);
  let state = live.state;

  const status = el("p", { class: "save-status", role: "status" });
  const radios = new Map(); // item id → [inputs]
  const fieldsets = itemsOf(round).map((item, index) => {
    const name = `rate-${index}`;
    const inputs = [];
    const options = [];
    for (let n = min; n <= max; n += 1) {
      const input = el("input", { type: "radio", name, value: String(n), id: `${name}-${n}`,
        onchange: () => choose(item.id, n) });
      inputs.push(input);
      options.push(el("label", { class: "rate-option", for: `${name}-${n}` }, input, el("span", {}, String(n))));
    }
    radios.set(item.id, inputs);
    return el("fieldset", { class: "rate-item" },
      el("legend", {}, pick(item.label)),
      el("div", { class: "rate-scale" }, options));
  });
  const scaleHint = el("p", { class: "hint rate-hint" }, t("rate_scale", { min, max }));
  let wordForm = null;
  let wordInput = null;
  if (takesWord(round)) {
    wordInput = el("input", { id: "rate-word", class: "input input-large", type: "text", maxlength: round.settings.word_length,
      autocomplete: "off", enterkeyhint: "done", "aria-describedby": "rate-word-hint" });
    wordForm = el("form", { class: "rate-word stack", novalidate: true, onsubmit: onWord },
      el("div", { class: "field" }, el("label", { for: "rate-word" }, t("rate_word")), wordInput,
        el("p", { class: "hint", id: "rate-word-hint" }, t("rate_word_hint"))),
      el("button", { class: "btn btn-primary btn-block", type: "submit" }, t("save")));
  }
  const form = el("div", { class: "rate-form" }, scaleHint, fieldsets, wordForm, status);
  const closedNote = el("p", { class: "closed-note", hidden: true }, t("round_closed_saved"));
  const node = el("div", { class: "mechanic mechanic-rate" }, closedNote, form);

  function own() { return state.items.find((i) => i.round_id === round.id && i.kind === "rating" && live.isMine(i)) || null; }

  /** What is waiting to be sent: {scores: {item: n}, word?} (each score and the word queue on their own). */
  function readPending() {
    const p = {};
    for (const e of box.waiting(ours)) {
      if (e.payload.scores) p.scores = { ...(p.scores || {}), ...e.payload.scores };
      if ("word" in e.payload) p.word = e.payload.word;
    }
    return p;
  }

  function choose(itemId, n) {
    box.put({ event: "rating:set", payload: { round_id: round.id, scores: { [itemId]: n } },
      key: `rating:${round.id}:score:${itemId}` });
  }

  function onWord(event) {
    event.preventDefault();
    box.put({ event: "rating:set", payload: { round_id: round.id, word: wordInput.value.trim() },
      key: `rating:${round.id}:word` });
  }

  let wordTouched = false; // once the player types, their text is never overwritten
  if (wordInput) {
    const hint = wordForm.querySelector("#rate-word-hint");
    wordInput.addEventListener("input", () => {
      wordTouched = true;
      // At the limit the field takes no more: say why.
      const limit = round.settings.word_length;
      hint.textContent = wordInput.value.length >= limit ? t("chars_max", { max: limit }) : t("rate_word_hint");
    });
  }
  function render() {
    state = live.state || state;
    const open = isOpen(state, round);
    closedNote.hidden = open;
    const mine = own() || {};
    const p = readPending();
    const scores = { ...(mine.scores || {}), ...(p.scores || {}) };
    for (const [itemId, inputs] of radios) {
      for (const input of inputs) {
        input.checked = Number(input.value) === scores[itemId];
        input.disabled = !open;
      }
    }
    if (wordInput) {
      if (!wordTouched) wordInput.value = "word" in p ? p.word : mine.word || "";
      wordInput.disabled = !open;
      wordForm.querySelector("button").disabled = !open;
    }
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

/** Averages per item as bars ("4,2"), with the number of answers. */
export function averageBars(round, summary, className) {
  const { max } = scaleOf(round);
  const averages = summary.averages || {};
  return el("ul", { class: ["bars", "rate-bars", className] }, itemsOf(round).map((item) => {
    const entry = averages[item.id] || {};
    const has = entry.average !== null && entry.average !== undefined;
    const fill = el("span", { class: "bar-fill" });
    fill.style.setProperty("--share", has ? String(entry.average / max) : "0");
    return el("li", { class: "bar-row" },
      el("p", { class: "bar-label" }, el("span", { class: "bar-text" }, pick(item.label))),
      el("span", { class: "bar-track", "aria-hidden": "true" }, fill),
      el("span", { class: "bar-value" }, has ? formatNumber(entry.average) : "–",
        el("span", { class: "visually-hidden" }, ` ${t("rate_of", { max })}`)));
  }));
}

/** The words, the same word once ({key, word, n}) with how often it was given (case does not count), most given first. */
function wordCounts(summary) {
  const counts = new Map();
  for (const word of summary.words || []) {
    const key = word.toLocaleLowerCase();
    const known = counts.get(key);
    counts.set(key, { key, word: known ? known.word : word, n: (known ? known.n : 0) + 1 });
  }
  return [...counts.values()].sort((a, b) => b.n - a.n || a.word.localeCompare(b.word));
}

/** The words as a cloud: bigger the more often given (only the `keys` given, when given). */
export function wordCloud(summary, className, keys = null) {
  const all = wordCounts(summary);
  const most = Math.max(1, ...all.map((w) => w.n));
  const words = keys ? all.filter((w) => keys.has(w.key)) : all;
  return el("ul", { class: ["words", className] }, words.map(({ word, n }) => el("li", {
    class: "word", dataset: { weight: String(most === 1 ? 1 : Math.max(1, Math.ceil((n / most) * 3))) },
  }, word, n > 1 ? el("span", { class: "word-count" }, ` ×${n}`) : null)));
}

const respondentsText = (n) => (n === 1 ? t("answered_one") : t("answered_many", { n }));

export function projectorView(ctx) {
  const { round } = ctx;
  const result = el("div", { class: "rate-result" });
  let summary = {};
  /** The bars on every page, and the words of these keys beside them. */
  function draw(keys) {
    const words = takesWord(round);
    result.classList.toggle("with-words", words);
    replace(result, averageBars(round, summary),
      words ? el("section", { class: "rate-words" }, el("h2", {}, t("words_title")),
        (summary.words || []).length ? wordCloud(summary, null, new Set(keys)) : el("p", { class: "muted" }, t("no_words_yet"))) : null);
  }
  const voters = el("p", { class: "vote-voters" });
  const pager = wallPager({ round, densities: ["low"], target: result, draw });
  const node = el("div", { class: "mechanic mechanic-rate" }, voters, pager.node);
  function update(state) {
    summary = summaryOf(state, round.id);
    voters.textContent = respondentsText(summary.respondents || 0);
    pager.update(state, wordCounts(summary).map((w) => w.key));
  }
  update(ctx.live.state);
  return { node, update };
}

export function consoleInfo(state, round) {
  return { written: new Set(state.items.filter((i) => i.round_id === round.id && i.kind === "rating").map((i) => i.author_id)) };
}

/**
 * The averages, and every word (hidden ones too, marked) with "Hide" / "Show again": a word
 * on the wall is large. Hiding takes only the word away; the scores still count.
 */
export function consoleView(ctx) {
  const { live, round } = ctx;
  const respondents = el("p", { class: "muted" });
  const bars = el("div");
  const status = el("p", { class: "mod-status", role: "status" });
  const list = el("ul", { class: "mod-words" });
  const empty = el("p", { class: "muted" }, t("no_words_yet"));
  const words = takesWord(round) ? el("section", { class: "moderation rate-words-console", "aria-labelledby": "rate-words-title" },
    el("h3", { id: "rate-words-title" }, t("words_title")), el("p", { class: "hint" }, t("mod_words_hint")), status, empty, list) : null;
  const node = el("div", { class: "console-rate" }, respondents, bars, words);
  const send = moderator(live, (text, kind = "info") => { status.textContent = text; status.dataset.state = kind; });
  const rows = new Map(); // rating id → {key, node}

  function row(rating) {
    const key = `${rating.word}|${Boolean(rating.word_hidden)}`;
    const known = rows.get(rating.id);
    if (known && known.key === key) return known.node;
    const node = el("li", { class: ["mod-word", rating.word_hidden ? "is-hidden" : null], dataset: { id: rating.id } },
      el("span", { class: "mod-text" }, rating.word),
      rating.word_hidden ? el("span", { class: "badge badge-hidden" }, t("mod_hidden")) : null,
      hideToggle(send, rating, rating.word));
    rows.set(rating.id, { key, node });
    return node;
  }

  function update(state) {
    const summary = summaryOf(state, round.id);
    respondents.textContent = respondentsText(summary.respondents || 0);
    replace(bars, averageBars(round, summary, "bars-console"));
    if (!words) return;
    const given = state.items.filter((i) => i.round_id === round.id && i.kind === "rating" && i.word)
      .sort((a, b) => a.word.localeCompare(b.word, locale) || a.id - b.id);
    empty.hidden = given.length > 0;
    syncChildren(list, given.map(row));
  }
  update(live.state);
  return { node, update, title: t("console_rate") };
}
