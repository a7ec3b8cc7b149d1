// The live connection: Socket.IO with the auth of docs/protocol.md, a local copy of the
// session state (snapshot + broadcasts, ordered by seq), and the connection indicator.
import { io } from "../vendor/socket.io.esm.min.js";
import { syncClock } from "./countdown.js";
import { t } from "./i18n.js";

const HANDLED = new Set(["flow", "participant:joined", "participant:removed", "item:added", "item:updated",
  "item:removed", "summary", "session", "tables", "tick", "resync", "publish:ask", "publish:counts", "publish:done"]);

export class Live {
  /**
   * @param {object} opts
   * @param {object} opts.auth      {code, token?|key?, lang}
   * @param {function} opts.onChange (state, change) after every snapshot or applied event
   * @param {function} [opts.onRefused] ({code, message}) when the server refuses us
   * @param {function} [opts.onStatus] ("connecting"|"online"|"offline")
   */
  constructor({ auth, onChange, onRefused, onStatus }) {
    this.auth = auth;
    this.onChange = onChange;
    this.onRefused = onRefused || (() => {});
    this.onStatus = onStatus || (() => {});
    this.state = null;
    this.status = "connecting";
    this.everConnected = false;
    this.listeners = new Set();
  }

  connect() {
    const socket = io({
      path: "/socket.io",
      // WebSocket at once: one request per (re)load instead of a round of polling first;
      // where a network blocks WebSockets, Socket.IO falls back to polling by itself.
      transports: ["websocket", "polling"],
      tryAllTransports: true,
      auth: (cb) => cb({ ...this.auth }),
      reconnectionDelayMax: 4000,
    });
    this.socket = socket;
    this.setStatus("connecting");

    socket.on("connect", () => {
      this.setStatus("online");
      if (this.everConnected) this.sync(); // the server also sends a snapshot; this is belt and braces
      this.everConnected = true;
    });
    socket.on("disconnect", (reason) => {
      this.setStatus("offline");
      if (reason === "io server disconnect") socket.connect();
    });
    socket.on("connect_error", (err) => {
      if (err && err.data && err.data.code) {
        this.setStatus("offline");
        this.onRefused(err.data);
      } else {
        this.setStatus(this.everConnected ? "offline" : "connecting");
      }
    });
    socket.on("snapshot", (snapshot) => this.applySnapshot(snapshot));
    socket.onAny((event, payload) => this.receive(event, payload));

    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState === "visible" && socket.connected) this.sync();
    });
    return this;
  }

  setStatus(status) {
    this.status = status;
    this.onStatus(status);
    for (const listener of this.listeners) listener(status);
  }

  /** Subscribe to status changes (e.g. a phone's outbox flushes on "online"). */
  onStatusChange(listener) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  applySnapshot(snapshot) {
    if (!snapshot || typeof snapshot.seq !== "number") return;
    syncClock(snapshot.server_now);
    this.state = {
      ...snapshot,
      peopleAt: snapshot.seq,
      itemRounds: new Set(snapshot.item_rounds || []), // rounds whose items we hold in full
      participants: [...(snapshot.participants || [])], // screens only: a phone has `people`, a count
      items: [...(snapshot.items || [])],
      summaries: { ...(snapshot.summaries || {}) },
      publish: this.state ? this.state.publish : null, // not in a snapshot: publish:current
    };
    this.onChange(this.state, { type: "snapshot" });
    this.fetchRounds();
  }

  /**
   * A phone's snapshot holds its own items and everyone's of the rounds its current round
   * shows; when the game moves on, ask for the rounds the new one shows (`round.items_from`,
   * e.g. a vote's ideas). Broadcasts keep those rounds up to date while the current round
   * shows them: a round it no longer shows is not told to phones (its own items excepted),
   * so a phone lets go of it at the next `flow` and asks again when a round shows it.
   */
  fetchRounds(tries = 0) {
    const state = this.state;
    const wanted = ((state && state.round && state.round.items_from) || []).filter((id) => !state.itemRounds.has(id));
    this.fetching = this.fetching || new Set();
    for (const roundId of wanted) {
      if (this.fetching.has(roundId)) continue;
      this.fetching.add(roundId);
      this.request("items:round", { round_id: roundId }).then((ack) => {
        this.fetching.delete(roundId);
        if (this.state !== state) { this.fetchRounds(); return; } // a snapshot came meanwhile
        // An answer older than what we have seen may miss a removal since: ask again.
        if (ack.ok && ack.seq >= state.seq) {
          state.items = state.items.filter((item) => item.round_id !== roundId); // the answer is the whole round
          for (const item of ack.items) upsert(state.items, item);
          if ("summary" in ack) setSummary(state, roundId, ack.summary);
          state.itemRounds.add(roundId);
          this.onChange(state, { type: "items", roundId });
        } else if (tries < 5) {
          setTimeout(() => this.fetchRounds(tries + 1), ack.ok ? 0 : 1000 * (tries + 1));
        } else {
          this.sync(); // a fresh snapshot holds the rounds the current one shows
        }
      });
    }
  }

  /** Whether `item` is this participant's own: the server marks it `mine` in their view. */
  isMine(item) {
    return Boolean(item && item.mine);
  }

  /** Keep an item from an ack (already in our own view) right away. */
  remember(item) {
    if (!item || !this.state) return;
    upsert(this.state.items, item);
  }

  /** Forget an item we deleted ourselves. */
  forget(id) {
    if (!this.state) return;
    this.state.items = this.state.items.filter((x) => x.id !== id);
  }

  receive(event, payload) {
    if (event === "session:deleted") { // carries no seq: the session and its sequence are gone
      this.onChange(this.state, { type: "deleted" });
      return;
    }
    if (event === "people") { // outside the sequence: how many play (phones), the newest wins
      if (!this.state || !payload || payload.at < this.state.peopleAt) return;
      this.state.people = payload.count;
      this.state.peopleAt = payload.at;
      this.onChange(this.state, { type: "people" });
      return;
    }
    if (event === "snapshot" || !payload || typeof payload.seq !== "number") return;
    if (!this.state) return; // the snapshot is on its way and will include this
    if (payload.seq <= this.state.seq) return; // already known
    // `prev`: the last seq this audience was sent before (absent: seq - 1); anything newer
    // that we have not seen is a gap.
    const prev = typeof payload.prev === "number" ? payload.prev : payload.seq - 1;
    if (prev > this.state.seq || !HANDLED.has(event)) {
      this.sync(); // a gap, or an event this client does not understand yet
      return;
    }
    this.state.seq = payload.seq;
    const state = this.state;
    let change;
    switch (event) {
      case "flow":
        syncClock(payload.server_now);
        state.flow = payload.flow;
        state.round = payload.round;
        delete state.own_steps; // an ended snapshot's (a phone's), gone stale if the game goes back
        if (state.me && state.me.kind === "participant") { // phones hold only the rounds shown now
          const shown = new Set((payload.round && payload.round.items_from) || []);
          state.itemRounds = new Set([...state.itemRounds].filter((id) => shown.has(id)));
        }
        if (payload.round && "summary" in payload) setSummary(state, payload.round.id, payload.summary);
        change = { type: "flow" };
        this.onChange(state, change);
        this.fetchRounds();
        return;
      case "participant:joined": // screens and consoles (a phone is told `people`)
        upsert(state.participants, payload.participant);
        state.people = state.participants.length;
        change = { type: "participant", participant: payload.participant };
        break;
      case "participant:removed": // screens, consoles, and the phones of who was taken out
        state.participants = state.participants.filter((p) => p.id !== payload.participant_id);
        if (!state.me || state.me.kind !== "participant") state.people = state.participants.length;
        change = { type: "participant-removed", id: payload.participant_id, nameRemoved: payload.name_removed };
        break;
      case "item:added":
      case "item:updated": {
        upsert(state.items, payload.item);
        change = { type: "item", item: payload.item, added: event === "item:added" };
        break;
      }
      case "item:removed": {
        state.items = state.items.filter((item) => item.id !== payload.id);
        change = { type: "item", removed: payload.id, roundId: payload.round_id };
        break;
      }
      case "summary":
        setSummary(state, payload.round_id, payload.summary);
        change = { type: "summary", roundId: payload.round_id };
        break;
      case "session":
        state.session = { ...state.session, ...payload }; // the session's settings (locked, plan_anonymous, qr_large)
        change = { type: "session" };
        break;
      case "tables": // the tables, their settings and every seat (docs/protocol.md, Tables)
        state.tables = payload.tables || [];
        state.session = { ...state.session, tables: payload.settings || null };
        state.participants = seatAll(state.participants, payload.seats || []);
        if (state.me && state.me.kind === "participant") { // a phone has no participant list: its own seat
          const [me] = seatAll([state.me], payload.seats || []);
          state.me = me;
        }
        change = { type: "tables" };
        break;
      case "publish:ask": // the library's consent question (issue 14), the counts, the end
      case "publish:counts":
      case "publish:done":
        state.publish = publishState(state.publish, event, payload);
        change = { type: "publish", event };
        break;
      case "resync": // much changed at once (cards revealed): fetch everything again
        this.sync();
        return;
      case "tick": // a change this audience may not see: only the sequence moves on
        return;
    }
    this.onChange(state, change);
  }

  async sync() {
    const ack = await this.request("sync", {});
    // Broadcasts that arrived while the snapshot travelled may already be newer than it.
    if (ack.ok && ack.snapshot && !(this.state && ack.snapshot.seq < this.state.seq)) this.applySnapshot(ack.snapshot);
  }

  /**
   * Emit with an ack; resolves to the ack, or to an error ack on timeout. The server sends
   * this socket no broadcast about its own input: the ack carries them (`events`, each with
   * its `seq`, in our own view), applied here in order before the caller sees the ack.
   */
  request(event, payload, timeoutMs = 10000) {
    return new Promise((resolve) => {
      if (!this.socket) {
        resolve({ ok: false, error: { code: "offline", message: t("not_sent") } });
        return;
      }
      this.socket.timeout(timeoutMs).emit(event, payload, (err, ack) => {
        if (err || !ack) {
          resolve({ ok: false, error: { code: "timeout", message: t("not_sent") } });
          return;
        }
        for (const told of ack.events || []) this.receive(told.event, told.data);
        resolve(ack);
      });
    });
  }

  get connected() { return Boolean(this.socket && this.socket.connected); }
}

/** {preview, answer} on a phone, {counts} on the console, {done, url} once published. */
export function publishState(known, event, payload) {
  const { seq, prev, ...data } = payload || {};
  if (event === "publish:ask") return { preview: data.preview, proposal: data.proposal, themeLabel: data.theme_label, answer: null };
  if (event === "publish:counts") return { ...(known || {}), counts: data };
  return { url: data.url, done: true };
}

function setSummary(state, roundId, summary) {
  state.summaries = { ...(state.summaries || {}) };
  if (summary === null || summary === undefined) delete state.summaries[roundId];
  else state.summaries[roundId] = summary;
}

/** The participants with the tables of `seats` ([{id, table}]). */
function seatAll(participants, seats) {
  const at = new Map(seats.map((s) => [s.id, s.table]));
  return participants.map((p) => (at.has(p.id) ? { ...p, table: at.get(p.id) } : p));
}

function upsert(list, entry) {
  if (!entry) return;
  const index = list.findIndex((x) => x.id === entry.id);
  if (index === -1) list.push(entry);
  else list[index] = entry;
}

/** Bind a status element: data-state drives the CSS, text says it in words. */
export function connectionIndicator(node) {
  return (status) => {
    if (!node) return;
    node.dataset.state = status;
    node.textContent = t(`conn_${status}`);
  };
}

/** Lookups shared by all views. */
export function roleOf(state, roleId) {
  return (state.game.roles || []).find((r) => r.id === roleId) || { id: roleId, name: { nl: roleId }, colour: "#888" };
}

export function participantOf(state, id) {
  return state.participants.find((p) => p.id === id) || null;
}

/** The summary of a round (tallies, averages, perspectives …), or an empty object. */
export function summaryOf(state, roundId) {
  return (state.summaries && state.summaries[roundId]) || {};
}

/** Paused rounds stay open for input; only another or no current round closes one. */
export function isOpen(state, round) {
  return ["running", "paused"].includes(state.flow.status) && Boolean(state.round) && state.round.id === round.id;
}

/** Report an ack's error in words (the server's message is already in the page language). */
export function errorText(ack, fallback) {
  return (ack && ack.error && ack.error.message) || fallback || t("not_sent");
}

/** True when an ack failed because we are offline (the input should be kept and resent). */
export function notDelivered(ack) {
  return Boolean(ack && !ack.ok && ack.error && (ack.error.code === "timeout" || ack.error.code === "offline"));
}
