// The outbox: everything a phone (or the console typing for someone) sends as input goes
// through here, so nothing typed is lost to a weak Wi-Fi, a locked screen or a reload.
//
// - put() queues an input (event + payload) and persists it in localStorage, one list per
//   session and participant, so a reload keeps what was typed and not yet acknowledged;
// - flush() sends the queue in order, one input at a time, whenever the connection is there
//   (on put, on reconnect, on every state change the views pass on). One re-entry guard:
//   a second flush() while one runs does nothing, the running one picks up new entries;
// - an input leaves the queue only on the server's answer: ok (also `duplicate: true`, the
//   server already had it: a resend of a card or step carries the same client_id) or a
//   refusal, which is reported to the views (watch) so they can say why and give the text
//   back. No answer (offline, timeout) keeps it for the next try; a busy server
//   (rate_limited, server_busy) gets it again after a pause that grows while it stays busy.
//   An input put with `keep` (a card's text) stays after a refusal, marked refused, until its
//   view takes it back (take()): even after a reload or when its round shows again later.
// - put() with a `key` replaces a queued input with the same key that is not on its way yet
//   (the newest sentence, dots on one idea, one rating score): a *:set is sent once, with
//   the latest value. `rank` sends some inputs first (a lower rank first, else in order).
import { randomId } from "./dom.js";
import { t } from "./i18n.js";
import { errorText, notDelivered } from "./socket.js";
import { report } from "./alert.js";

const RETRY_MS = [2000, 4000, 8000, 15000, 30000]; // pauses before trying again, while no answer comes
const BUSY = new Set(["rate_limited", "server_busy"]); // "not now": try again, do not give up
const boxes = new Map(); // storage key → Outbox (one per session and participant in a page)

/**
 * The outbox of whoever `live` speaks for in session `code` (a participant, or the
 * facilitator on the console). Views of different rounds share it, so the queue is sent in
 * order, by one loop, whichever screen is showing.
 */
export function outboxFor(live, code) {
  const me = (live.state && live.state.me) || {};
  const who = me.kind === "participant" ? me.id : me.kind || "unknown";
  const key = `samenspel:outbox:${code}:${who}`;
  let box = boxes.get(key);
  if (!box) {
    box = new Outbox(key);
    boxes.set(key, box);
  }
  box.bind(live);
  return box;
}

/** Forget a participant's queue (they left or were removed: nothing of theirs can be sent). */
export function dropOutbox(live, code) {
  const box = outboxFor(live, code);
  box.clear();
}

export class Outbox {
  constructor(storageKey) {
    this.storageKey = storageKey;
    this.live = null;
    this.listeners = new Set();
    this.sending = null; // the entry on its way (the re-entry guard)
    this.retry = null; // timer of the next try after a timeout or a busy server
    this.tries = 0; // tries in a row without an answer
    this.unwatch = null;
    this.memory = null; // the queue, when localStorage refuses to keep it
  }

  /** Speak through `live` (a new page's connection, or the console's stand-in for someone). */
  bind(live) {
    if (this.live === live) return;
    if (this.unwatch) this.unwatch();
    this.live = live;
    this.unwatch = live.onStatusChange((status) => {
      this.emit({ type: status === "online" ? "online" : "offline" });
      if (status !== "online") return;
      clearTimeout(this.retry); // a fresh connection: try at once
      this.retry = null;
      this.tries = 0;
      this.flush();
    });
  }

  /** The inputs still to be sent, oldest first (optionally only those `filter` accepts). */
  waiting(filter) {
    return this.entries((e) => !e.refused && (!filter || filter(e)));
  }

  /** Inputs the server refused that were put with `keep`, for their view to give back. */
  refused(filter) {
    return this.entries((e) => e.refused && (!filter || filter(e)));
  }

  /** Remove one entry (a refused input its view has given back to the player). */
  take(id) {
    this.write(this.entries((e) => e.id !== id));
  }

  /** Everything stored, oldest first (optionally only what `filter` accepts). */
  entries(filter) {
    let list = this.memory;
    if (!list) {
      try { list = JSON.parse(localStorage.getItem(this.storageKey)); } catch { list = null; }
    }
    list = Array.isArray(list) ? list.filter((e) => e && typeof e.event === "string" && e.payload) : [];
    return filter ? list.filter(filter) : list;
  }

  write(list) {
    try {
      if (list.length) localStorage.setItem(this.storageKey, JSON.stringify(list));
      else localStorage.removeItem(this.storageKey);
      this.memory = null;
    } catch {
      // Storage full or blocked (private mode): the queue lives on in memory for this page.
      this.memory = list;
    }
  }

  clear() {
    this.write([]);
    this.emit({ type: "cleared" });
  }

  /**
   * Queue an input and start sending. `payload` is what the event takes; inputs that create
   * something carry a `client_id` (added here when missing) so a resend is recognised.
   * @param {object} input {event, payload, key?, rank?, create?, keep?}
   * @returns {object} the queued entry
   */
  put({ event, payload, key = null, rank = 0, create = false, keep = false }) {
    const entry = { id: randomId(), event, payload: { ...payload }, key, rank, keep };
    if (create && !entry.payload.client_id) entry.payload.client_id = randomId();
    const sendingId = this.sending && this.sending.id;
    const list = this.entries((e) => !key || e.key !== key || e.id === sendingId || e.refused);
    list.push(entry);
    this.write(list);
    this.emit({ type: "queued", entry });
    this.flush();
    return entry;
  }

  /** Send what is queued, in order, while connected. Safe to call at any time. */
  async flush() {
    if (this.sending || this.retry || !this.live) return;
    for (;;) {
      const list = this.waiting();
      if (!list.length) break;
      if (!this.live.connected) {
        this.emit({ type: "offline" });
        return;
      }
      const entry = next(list);
      this.sending = entry;
      this.emit({ type: "sending", entry });
      let ack;
      try {
        ack = await this.live.request(entry.event, entry.payload);
      } finally {
        this.sending = null;
      }
      if (notDelivered(ack) || (ack.error && BUSY.has(ack.error.code))) {
        // Not answered: keep it. A dropped connection resends on "online"; a slow or busy
        // server gets another try after a pause.
        this.emit({ type: notDelivered(ack) ? "offline" : "busy", entry });
        if (this.live.connected) {
          const pause = RETRY_MS[Math.min(this.tries, RETRY_MS.length - 1)];
          this.tries += 1;
          this.retry = setTimeout(() => { this.retry = null; this.flush(); }, pause);
        }
        return;
      }
      this.tries = 0;
      const message = ack.ok ? null : errorText(ack);
      this.write(this.entries((e) => e.id !== entry.id).concat(
        !ack.ok && entry.keep ? [{ ...entry, refused: { code: (ack.error && ack.error.code) || "refused", message } }] : []));
      if (ack.ok) {
        if (ack.item && this.live.remember) this.live.remember(ack.item);
        this.emit({ type: "sent", entry, ack });
      } else {
        this.emit({ type: "refused", entry, ack, message });
      }
    }
    this.emit({ type: "idle" });
  }

  /**
   * Follow the outbox: `listener(event)` for every change (queued, sending, sent, refused,
   * busy, offline, online, idle, cleared). With `filter`, events about other entries are left out.
   * Returns the function that stops it.
   */
  watch(listener, filter) {
    const wrapped = (event) => {
      if (filter && event.entry && !filter(event.entry)) return;
      listener(event);
    };
    this.listeners.add(wrapped);
    return () => this.listeners.delete(wrapped);
  }

  emit(event) {
    for (const listener of [...this.listeners]) listener(event);
  }

  get connected() { return Boolean(this.live && this.live.connected); }
}

/** The next entry to send: the lowest rank, then the oldest. */
function next(list) {
  return list.reduce((best, e) => ((e.rank || 0) < (best.rank || 0) ? e : best), list[0]);
}

/**
 * The save line under a mechanic's input, driven by the outbox: "Sending…", "Saved", the
 * server's refusal, or "Not sent yet" while inputs wait for the connection. Returns the
 * watch's stop function.
 *
 * An error the view said about the player's last tap ("no dots left", "write something
 * first") stays until they put something new: the answer to an earlier input, arriving a
 * moment later, does not wipe it ("Saved" over "no dots left" read as if the tap counted).
 */
export function showProgress(box, status, { filter, onEvent } = {}) {
  const say = (text, state) => report(status, text, state, "outbox");
  const waiting = () => box.waiting(filter).length;
  const held = () => status.dataset.state === "error" && status.dataset.source !== "outbox";
  const progress = () => say(box.connected ? t("sending") : t("not_sent"), box.connected ? "info" : "offline");
  if (waiting()) progress();
  return box.watch((event) => {
    switch (event.type) {
      case "queued": if (held()) progress(); break;
      case "sending": case "busy": if (!held()) say(t("sending"), "info"); break;
      case "sent": if (!waiting() && !held()) say(t("saved"), "saved"); break;
      case "refused": say(event.message, "error"); break;
      case "offline": if (waiting()) say(t("not_sent"), "offline"); break;
      default: break;
    }
    if (onEvent) onEvent(event);
  }, filter);
}
