// The live connection: Socket.IO with the auth of docs/protocol.md, a local copy of the
// session state (snapshot + broadcasts, ordered by seq), and the connection indicator.
import { io } from "../vendor/socket.io.esm.min.js";
import { syncClock } from "./countdown.js";
import { t } from "./i18n.js";

const HANDLED = new Set(["flow", "participant:joined", "item:added", "item:updated", "item:removed"]);

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
      participants: [...(snapshot.participants || [])],
      items: [...(snapshot.items || [])],
    };
    this.onChange(this.state, { type: "snapshot" });
  }

  receive(event, payload) {
    if (event === "snapshot" || !payload || typeof payload.seq !== "number") return;
    if (!this.state) return; // the snapshot is on its way and will include this
    if (payload.seq <= this.state.seq) return; // already known
    if (payload.seq > this.state.seq + 1 || !HANDLED.has(event)) {
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
        change = { type: "flow" };
        break;
      case "participant:joined":
        upsert(state.participants, payload.participant);
        change = { type: "participant", participant: payload.participant };
        break;
      case "item:added":
      case "item:updated":
        upsert(state.items, payload.item);
        change = { type: "item", item: payload.item, added: event === "item:added" };
        break;
      case "item:removed":
        state.items = state.items.filter((item) => item.id !== payload.id);
        change = { type: "item", removed: payload.id, roundId: payload.round_id };
        break;
    }
    this.onChange(state, change);
  }

  async sync() {
    const ack = await this.request("sync", {});
    if (ack.ok && ack.snapshot) this.applySnapshot(ack.snapshot);
  }

  /** Emit with an ack; resolves to the ack, or to an error ack on timeout. */
  request(event, payload, timeoutMs = 10000) {
    return new Promise((resolve) => {
      if (!this.socket) {
        resolve({ ok: false, error: { code: "offline", message: t("not_sent") } });
        return;
      }
      this.socket.timeout(timeoutMs).emit(event, payload, (err, ack) => {
        if (err || !ack) resolve({ ok: false, error: { code: "timeout", message: t("not_sent") } });
        else resolve(ack);
      });
    });
  }

  get connected() { return Boolean(this.socket && this.socket.connected); }
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
