// A projector wall that shows everything, however full the hall (every mechanic's wall uses
// it: cards, faces, the action path, offers, words, ideas to vote on).
//
// First the density adapts: the wall tries its densities in order (more columns, smaller
// text) down to the last one, the smallest still readable at the back of a hall. When even
// that does not hold everything, the wall goes in pages: each page stays up for
// page_seconds and then turns by itself, "1–15 van 90" and a dot per page below it. The
// facilitator steers it from the console (engine/wall.py): the round's summary.wall says
// whether the wall is held on its page, and `turns` counts the pages turned forward (next)
// minus back (prev) — the wall moves by the difference to what it saw last. A newly
// arrived item gets its moment: when it lands on another page, that page comes up once the
// current one has been up new_seconds (and the item arrives with its animation there).
// The timings come from the server (the projector's page data, engine/wall.py).
//
// A wall in columns (a cards round grouped by a few categories: cards.js sideBySide) is paged
// in step: each column is cut into its own pages, and page n shows every column's nth
// slice, so the columns stand side by side on every page; a column that runs out keeps
// showing its last slice. "x–y van N" then counts the cards a page shows for the first
// time (page 1: 1–15, page 2: 16–30), so the range still walks from 1 to N.
import { el, jsonData, replace, settleNew } from "./dom.js";
import { t } from "./i18n.js";
import { summaryOf } from "./socket.js";

const timing = (jsonData("page-data") || {}).wall || {};
const DOTS_DRAWN = 24; // a drawing choice, not a rule: beyond it the wall says "1–15 van 900" only

/**
 * @param {object} o
 * @param {object} o.round      the round on the wall (its summary carries wall steering)
 * @param {string[]} o.densities the target's data-density values, roomiest first; the last
 *                              is the smallest readable one and the one pages are cut at
 * @param {Element} o.target    the element whose data-density the wall sets
 * @param {function} o.draw     draw(keys): put the items with these keys into the wall
 * @param {Element[]} [o.above] what stays above the items on every page (inside the box)
 * @param {boolean} [o.columns] update() takes one list of keys per column, paged in step
 * @returns {{node, update(state, keys), page(): {from, to, total, index, count, held}}}
 */
export function wallPager({ round, densities, target, draw, above = [], columns = false }) {
  const dots = el("ol", { class: "wall-dots", "aria-hidden": "true" });
  const range = el("p", { class: "wall-range" });
  const held = el("p", { class: "wall-held", hidden: true }, t("wall_held"));
  const waitingNote = el("p", { class: "wall-waiting", hidden: true });
  const footer = el("div", { class: "wall-pager", hidden: true }, range, dots, waitingNote, held);
  const box = el("div", { class: "paged-view" }, above, target);
  const node = el("div", { class: "paged" }, box, footer);

  let cols = [[]]; // the keys per column (one column unless `columns`)
  let keys = []; // every key, column after column
  let known = null; // keys seen once the wall was on the screen (null: not yet)
  let pages = [wholePage()];
  let index = 0;
  let shownAt = 0;
  let shownFirst = null; // the first key the page shown brought up (its anchor)
  let timer = null;
  let steering = { held: false, turns: null };
  const waiting = []; // new keys on a page not shown yet, oldest first
  let onScreen = false;

  const fits = () => box.scrollHeight <= box.clientHeight + 2;
  const setDensity = (i) => { target.dataset.density = densities[i]; };

  let level = 0; // the density that held everything last time (more items never need less)
  let cutFor = { count: 0, height: 0, paged: false };

  /**
   * A page: per column the slice [from, to) it shows and whether that slice is new there
   * (false: the column ran out and shows its last slice again).
   */
  function wholePage() { return { slices: cols.map((col) => [0, col.length]), fresh: cols.map(() => true) }; }

  /** The pages of every column side by side: page n shows each column's nth slice, or its last. */
  function inStep(cutsPerColumn) {
    const count = Math.max(1, ...cutsPerColumn.map((cuts) => cuts.length));
    return Array.from({ length: count }, (_, n) => ({
      slices: cutsPerColumn.map((cuts) => cuts[Math.min(n, cuts.length - 1)]),
      fresh: cutsPerColumn.map((cuts) => n < cuts.length),
    }));
  }

  const keysOn = (page) => page.slices.flatMap(([from, to], c) => cols[c].slice(from, to));
  const shows = (page, key) => page.slices.some(([from, to], c) => cols[c].slice(from, to).includes(key));
  /** The key a page brings up first: the first item of its first new slice. */
  const anchorOf = (page) => {
    const c = page.fresh.findIndex((fresh, i) => fresh && page.slices[i][1] > page.slices[i][0]);
    return c < 0 ? null : cols[c][page.slices[c][0]];
  };

  /** The pages for the keys at the current size of the box. */
  function cut() {
    footer.hidden = true;
    node.classList.remove("is-paged"); // the round's title and question at full size
    const same = keys.length >= cutFor.count && box.clientHeight === cutFor.height;
    if (!same) level = 0;
    const paged = same && cutFor.paged; // more items than did not fit before: pages again
    cutFor = { count: keys.length, height: box.clientHeight, paged: false };
    for (; !paged && level < densities.length; level++) {
      setDensity(level);
      draw(keys);
      if (!keys.length || !onScreen || fits()) return [wholePage()];
    }
    level = densities.length - 1;
    // In pages: the title and question step back (projector.css) and the indicator takes
    // its room, both before the pages are measured.
    node.classList.add("is-paged");
    footer.hidden = false;
    cutFor.paged = true;
    // Each column is cut on its own (the others drawn empty beside it), then put in step.
    return inStep(cols.map((col) => (col.length ? evenly(col, greedyCuts(col)) : [[0, 0]])));
  }

  /** Even pages — "1–10, 11–20 … 31–40" rather than a last page with a single item — when each fits. */
  function evenly(col, greedy) {
    const size = Math.ceil(col.length / greedy.length);
    const even = [];
    for (let from = 0; from < col.length; from += size) even.push([from, Math.min(col.length, from + size)]);
    if (even.length !== greedy.length) return greedy;
    for (const [from, to] of even) {
      draw(col.slice(from, to));
      if (!fits()) return greedy;
    }
    return even;
  }

  /** A column's pages from its first item on, each with as many items as fit. */
  function greedyCuts(col) {
    const cuts = [];
    let from = 0;
    while (from < col.length) {
      let lo = 1;
      let hi = col.length - from;
      const guess = cuts.length ? cuts[cuts.length - 1][1] - cuts[cuts.length - 1][0] : 0;
      if (guess > 1 && guess < hi) { // pages are alike: try the last page's size first
        draw(col.slice(from, from + guess));
        if (fits()) lo = guess; else hi = guess - 1;
      }
      while (lo < hi) { // the most items from `from` that still fit (one at least)
        const mid = Math.ceil((lo + hi) / 2);
        draw(col.slice(from, from + mid));
        if (fits()) lo = mid; else hi = mid - 1;
      }
      cuts.push([from, from + lo]);
      from += lo;
    }
    return cuts;
  }

  /** The first page that shows a key (a column's end shows on the pages after it too). */
  const pageOf = (key) => pages.findIndex((page) => shows(page, key));

  /** "x–y van N": the items pages before this one brought up, and those this one brings up. */
  function rangeOf(i) {
    const fresh = (page) => page.slices.reduce((n, [from, to], c) => n + (page.fresh[c] ? to - from : 0), 0);
    const before = pages.slice(0, i).reduce((n, page) => n + fresh(page), 0);
    return { from: before + 1, to: before + fresh(pages[i]) };
  }

  function show(i, { turned = false } = {}) {
    index = Math.max(0, Math.min(pages.length - 1, i));
    const anchor = anchorOf(pages[index]);
    draw(keysOn(pages[index]));
    // The same page laid out again (a new item, another screen size) keeps its time up.
    if (turned || anchor !== shownFirst) shownAt = Date.now();
    shownFirst = anchor;
    for (let w = waiting.length - 1; w >= 0; w--) if (shows(pages[index], waiting[w])) waiting.splice(w, 1);
    if (turned) {
      box.classList.remove("is-turning");
      void box.offsetWidth; // restart the fade
      box.classList.add("is-turning");
    }
    settleNew(box); // a new item that arrived on this page animates once, not on every turn
    renderFooter();
    schedule();
  }

  function renderFooter() {
    const many = pages.length > 1;
    footer.hidden = !many;
    if (!many) return;
    const { from, to } = rangeOf(index);
    range.textContent = t("wall_range", { from, to, total: keys.length });
    replace(dots, pages.length <= DOTS_DRAWN
      ? pages.map((_, i) => el("li", { class: i === index ? "is-current" : null })) : []);
    held.hidden = !steering.held;
    waitingNote.hidden = !waiting.length;
    waitingNote.textContent = waiting.length ? t("wall_new_elsewhere", { n: waiting.length }) : "";
  }

  /** The next thing the wall does by itself: a new item's page, or the next page. */
  function schedule() {
    clearTimeout(timer);
    timer = null;
    if (steering.held || pages.length <= 1 || !onScreen) return;
    const seconds = waiting.length ? timing.new_seconds : timing.page_seconds;
    if (!seconds) return;
    const wait = Math.max(0, shownAt + seconds * 1000 - Date.now());
    timer = setTimeout(() => {
      if (!node.isConnected) return; // another round is on the wall now
      show(waiting.length ? pageOf(waiting[0]) : (index + 1) % pages.length, { turned: true });
    }, wait);
  }

  function layout() {
    box.classList.add("is-measuring"); // arrivals animate with a shift: measure them at rest
    pages = cut();
    box.classList.remove("is-measuring");
    const again = shownFirst === null ? 0 : pageOf(shownFirst); // the page that was up stays up
    show(again < 0 ? 0 : again);
  }

  /** The console's hold and turns, from the round's summary. */
  function steer(state) {
    const wall = summaryOf(state, round.id).wall || { held: false, turns: 0 };
    const moved = steering.turns === null ? 0 : wall.turns - steering.turns;
    const changed = wall.held !== steering.held;
    steering = { held: Boolean(wall.held), turns: wall.turns };
    return { moved, changed };
  }

  let resizing = null;
  function onResize() {
    if (!node.isConnected) { window.removeEventListener("resize", onResize); return; }
    clearTimeout(resizing);
    resizing = setTimeout(layout, 150);
  }

  // A hall writing at once sends many updates a second: the wall is laid out once a frame.
  let frame = null;
  let pending = { moved: 0, changed: false };

  function update(state, nextKeys) {
    const steered = steer(state);
    pending = { moved: pending.moved + steered.moved, changed: pending.changed || steered.changed };
    cols = (columns ? nextKeys : [nextKeys]).map((col) => col.map(String));
    keys = cols.flat();
    if (!node.isConnected) { layout(); return; } // not on the screen yet: nothing to measure
    if (frame === null) frame = requestAnimationFrame(settle);
  }

  function settle() {
    frame = null;
    const { moved, changed } = pending;
    pending = { moved: 0, changed: false };
    const wasOnScreen = onScreen;
    onScreen = node.isConnected && box.clientHeight > 0;
    if (onScreen && !wasOnScreen) window.addEventListener("resize", onResize);
    if (onScreen && known) {
      for (const key of keys) if (!known.has(key)) waiting.push(key);
    }
    if (onScreen) known = new Set(keys);
    for (let w = waiting.length - 1; w >= 0; w--) if (!keys.includes(waiting[w])) waiting.splice(w, 1);
    layout();
    if (moved && pages.length > 1) {
      const n = pages.length;
      show((((index + moved) % n) + n) % n, { turned: true });
    } else if (changed) {
      renderFooter();
      schedule();
    }
  }

  function page() {
    const { from, to } = rangeOf(index);
    return { from, to, total: keys.length, index, count: pages.length, held: steering.held };
  }

  return { node, update, page };
}
