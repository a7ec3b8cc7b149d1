// The Node floor of benchmarks/run: the reference socket.io server doing only what the
// generator needs of the app, with the app's HTTP routes, event names and ack shapes (the
// same as benchmarks/floor_flask.py): a session is a room, a card or plan step is kept in
// memory, its author gets the ack and everyone else in the room the broadcast. No rules, no database.
//   node benchmarks/node/floor.js serve --host 127.0.0.1 --port 5001 [--async-mode ignored]
"use strict";

const http = require("http");
const { Server } = require("socket.io");

const option = (name, fallback) => {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : fallback;
};
const host = option("--host", "127.0.0.1");
const port = Number(option("--port", "5001"));

const sessions = new Map(); // code -> {seq, items: [], players: 0}
let lastId = 0;

function answer(res, status, body) {
  res.writeHead(status, { "Content-Type": "application/json" });
  res.end(JSON.stringify(body));
}

function readJson(req) {
  return new Promise((resolve) => {
    let body = "";
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => {
      try {
        resolve(JSON.parse(body || "{}"));
      } catch {
        resolve({});
      }
    });
  });
}

const server = http.createServer(async (req, res) => {
  if (req.url === "/healthz") return answer(res, 200, { status: "ok" });
  if (req.method === "POST" && req.url === "/api/sessions") {
    await readJson(req);
    const code = `F${String(sessions.size + 1).padStart(5, "0")}`;
    sessions.set(code, { seq: 0, items: [], players: 0 });
    return answer(res, 201, { code, facilitator_url: `http://${host}:${port}/s/${code}/console?key=floor` });
  }
  const join = req.method === "POST" && req.url.match(/^\/api\/sessions\/([^/]+)\/participants$/);
  if (join && sessions.has(join[1])) {
    const body = await readJson(req);
    const session = sessions.get(join[1]);
    session.players += 1;
    const participant = { id: session.players, name: body.name, role: body.role };
    return answer(res, 201, { token: `${join[1]}-${participant.id}`, participant });
  }
  answer(res, 404, { error: { code: "not_found" } });
});

const io = new Server(server, { serveClient: false, maxHttpBufferSize: 1e6 });

io.on("connection", (socket) => {
  const auth = socket.handshake.auth || {};
  const session = sessions.get(auth.code);
  if (!session) return socket.disconnect(true);
  const code = auth.code;
  const me = auth.token ? Number(String(auth.token).split("-")[1]) : null;
  socket.join(code);
  const snapshot = () => ({ seq: session.seq, me: { id: me }, items: session.items });
  socket.emit("snapshot", snapshot());
  const tell = (item) => {
    session.seq += 1;
    return { seq: session.seq, item };
  };
  socket.on("sync", (_payload, ack) => ack && ack({ ok: true, snapshot: snapshot() }));
  socket.on("control", (_payload, ack) => ack && ack({ ok: true }));
  const add = (fields, ack) => {
    lastId += 1;
    const at = Date.now();
    const item = { id: lastId, author_id: me, ...fields, created_at: at, updated_at: at };
    session.items.push(item);
    const message = tell(item);
    if (ack) ack({ ok: true, item: { ...item, mine: true }, events: [["item:added", message]] });
    socket.to(code).emit("item:added", message);
  };
  socket.on("card:add", (payload, ack) =>
    add({ round_id: payload.round_id, kind: "card", text: payload.text, category: null }, ack),
  );
  // a step of the action path, broadcast as the app does: `item:added` to everyone in the room
  socket.on("step:add", (payload, ack) =>
    add({ round_id: payload.round_id, kind: "step", what: payload.what, owner: "", partners: [], due: null,
      needs: "", idea: null }, ack),
  );
  socket.on("card:edit", (payload, ack) => {
    const item = session.items.find((candidate) => candidate.id === payload.id);
    if (!item) return ack && ack({ ok: false, error: { code: "not_found", message: "no such card" } });
    item.text = payload.text;
    item.updated_at = Date.now();
    const message = tell(item);
    if (ack) ack({ ok: true, item: { ...item, mine: true }, events: [["item:updated", message]] });
    socket.to(code).emit("item:updated", message);
  });
});

server.listen(port, host);
