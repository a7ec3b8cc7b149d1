// The load generator of benchmarks/run: a share of the phones (socket.io-client), driven by
// benchmarks/bench_generator.py with one JSON command per stdin line, one JSON answer per
// stdout line. Times are CLOCK_MONOTONIC milliseconds (process.hrtime), the clock Python's
// time.monotonic() reads, so the writer in one process and the receivers in others share it.
// Every answer carries this process's CPU and wall seconds since the previous answer and how
// late its event loop ran (p99 of a 10 ms timer's lag): a generator near 1 CPU-second per
// second, or whose loop runs late (busy, or starved of CPU), stamps its receipts late.
"use strict";

const readline = require("readline");
const { io } = require("socket.io-client");

const now = () => Number(process.hrtime.bigint()) / 1e6;
const sleep = (ms) => new Promise((done) => setTimeout(done, Math.max(0, ms)));

let url = null;
let roundId = null;
const phones = new Map(); // n -> {n, code, player, name, token, socket, card, bytes, lost}
let received = Object.create(null); // text -> [receipt times]
let overviews = Object.create(null); // phone n -> [receipt times of tables:overview] (screens, in table rounds)
let adds = 0;
let cpuMark = process.cpuUsage();
let wallMark = now();
// how late a 10 ms timer fires: the event loop's lag (busy, or starved of CPU)
let lags = [];
let tick = now();
setInterval(() => {
  const at = now();
  lags.push(Math.max(0, at - tick - 10));
  tick = at;
}, 10).unref();

function usage() {
  const cpu = process.cpuUsage(cpuMark);
  const wall = (now() - wallMark) / 1000;
  const sorted = lags.sort((a, b) => a - b);
  const lag = sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(0.99 * sorted.length))] : 0;
  cpuMark = process.cpuUsage();
  wallMark = now();
  lags = [];
  return { cpu_s: (cpu.user + cpu.system) / 1e6, wall_s: wall, loop_p99_ms: lag };
}

async function inBatches(items, size, work) {
  for (let start = 0; start < items.length; start += size) {
    await Promise.all(items.slice(start, start + size).map(work));
  }
}

async function joinOverHttp(phone) {
  const answer = await fetch(`${url}/api/sessions/${phone.code}/participants`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ name: phone.name, role: "inwoner" }),
  });
  const body = await answer.json();
  if (!body.token) throw new Error(`join refused: ${JSON.stringify(body)}`);
  phone.token = body.token;
}

// a receipt, counted by the item's text: a card's `text`, a plan step's `what`; `toPlayers`
// counts the receipts on phones that joined as players (not the screens), so a run shows
// whether the players' phones received each other's items at all
let toPlayers = 0;
function note(phone, data) {
  const item = data && data.item;
  const text = item && (typeof item.text === "string" ? item.text : item.what);
  if (typeof text !== "string") return;
  (received[text] ||= []).push(now());
  if (phone.player) toPlayers += 1;
}

function connect(phone, timeoutMs) {
  return new Promise((resolve) => {
    const started = now();
    const auth = phone.player ? { code: phone.code, token: phone.token } : { code: phone.code };
    const socket = io(url, { auth, transports: ["websocket"], forceNew: true, reconnection: false, timeout: timeoutMs });
    phone.socket = socket;
    phone.bytes = 0;
    socket.io.engine.on("packet", (packet) => {
      const data = packet.data;
      phone.bytes += typeof data === "string" ? Buffer.byteLength(data) : (data && data.byteLength) || 0;
    });
    const timer = setTimeout(() => resolve({ n: phone.n, error: "no snapshot in time" }), timeoutMs);
    socket.on("snapshot", () => {
      clearTimeout(timer);
      resolve({ n: phone.n, snapshot_ms: now() - started, snapshot_bytes: phone.bytes });
    });
    socket.on("connect_error", (failed) => {
      clearTimeout(timer);
      resolve({ n: phone.n, error: `connect_error: ${failed.message}` });
    });
    socket.on("disconnect", (reason) => {
      if (reason !== "io client disconnect") phone.lost = reason;
    });
    socket.on("item:added", (data) => note(phone, data));
    socket.on("item:updated", (data) => note(phone, data));
    socket.on("tables:overview", () => (overviews[phone.n] ||= []).push(now()));
  });
}

// kind: "add" a card, "edit" the phone's card, "step" add a plan step (its text the step's `what`)
async function send(phone, kind, text, timeoutMs) {
  const socket = phone.socket.timeout(timeoutMs);
  if (kind === "add" || kind === "step") {
    adds += 1;
    const clientId = `bench-${process.pid}-${adds}`;
    const ack =
      kind === "add"
        ? await socket.emitWithAck("card:add", { round_id: roundId, text, client_id: clientId })
        : await socket.emitWithAck("step:add", { round_id: roundId, what: text, client_id: clientId });
    if (ack && ack.ok) phone.card = ack.item.id;
    return ack;
  }
  return socket.emitWithAck("card:edit", { id: phone.card, text });
}

async function timedSend(phone, kind, text, timeoutMs, sent, acks) {
  const at = now();
  sent[text] = at;
  try {
    const ack = await send(phone, kind, text, timeoutMs);
    acks.push([text, now() - at, Boolean(ack && ack.ok), ack && ack.ok ? null : (ack && ack.error && ack.error.code) || "?"]);
  } catch (failed) {
    acks.push([text, now() - at, false, "no answer"]);
  }
}

// [n, at, kind, text]: phone n sends at `at` (or when its previous send is answered, if later:
// a phone's outbox sends one input at a time, in order)
async function write(command) {
  const sent = Object.create(null);
  const acks = [];
  const perPhone = new Map();
  for (const entry of command.schedule) {
    if (!perPhone.has(entry[0])) perPhone.set(entry[0], []);
    perPhone.get(entry[0]).push(entry);
  }
  await Promise.all(
    [...perPhone.entries()].map(async ([n, entries]) => {
      const phone = phones.get(n);
      for (const [, at, kind, text] of entries) {
        if (command.until && now() >= command.until) break;
        await sleep(at - now());
        await timedSend(phone, kind, text, command.timeout_ms, sent, acks);
      }
    }),
  );
  await sleep(command.drain_ms);
  return { sent, acks };
}

// Phones that keep writing at `interval_ms` from `start` until `until`, one input at a time.
async function flood(command) {
  const sent = Object.create(null);
  const acks = [];
  await Promise.all(
    command.phones.map(async (n) => {
      const phone = phones.get(n);
      let next = command.start + (n % 10) * (command.interval_ms / 10);
      for (let k = 0; next < command.until; k += 1) {
        await sleep(next - now());
        await timedSend(phone, k === 0 ? "add" : "edit", `w${n}.${k} ${command.text}`, command.timeout_ms, sent, acks);
        next = Math.max(next + command.interval_ms, now());
      }
    }),
  );
  await sleep(command.drain_ms);
  return { sent, acks };
}

async function handle(command) {
  switch (command.cmd) {
    case "setup":
      url = command.url;
      roundId = command.round_id;
      for (const phone of command.phones) phones.set(phone.n, { ...phone });
      return {};
    case "http": {
      const refused = [];
      const mine = [...phones.values()].filter((p) => p.player && !p.token && (!command.only || command.only.includes(p.n)));
      await inBatches(mine, 25, (phone) => joinOverHttp(phone).catch((failed) => refused.push(`${phone.n}: ${failed.message}`)));
      return { refused };
    }
    case "connect": {
      const mine = [...phones.values()].filter((p) => !p.socket && (!command.only || command.only.includes(p.n)));
      const results = [];
      await inBatches(mine, command.sequential ? 1 : 25, async (phone) => results.push(await connect(phone, command.timeout_ms)));
      return { connects: results };
    }
    case "write":
      return await write(command);
    case "flood":
      return await flood(command);
    case "received": {
      const lost = [...phones.values()].filter((p) => p.lost).map((p) => [p.n, p.lost]);
      const answer = { received, overviews, to_players: toPlayers, lost };
      received = Object.create(null);
      overviews = Object.create(null);
      toPlayers = 0;
      return answer;
    }
    case "quit":
      for (const phone of phones.values()) if (phone.socket) phone.socket.disconnect();
      setTimeout(() => process.exit(0), 100);
      return {};
    default:
      throw new Error(`unknown command ${command.cmd}`);
  }
}

const lines = readline.createInterface({ input: process.stdin });
let queue = Promise.resolve();
lines.on("line", (line) => {
  queue = queue.then(async () => {
    let answer;
    try {
      answer = { ok: true, ...(await handle(JSON.parse(line))) };
    } catch (failed) {
      answer = { ok: false, error: String((failed && failed.stack) || failed) };
    }
    process.stdout.write(JSON.stringify({ ...answer, usage: usage() }) + "\n");
  });
});
lines.on("close", () => process.exit(0));
