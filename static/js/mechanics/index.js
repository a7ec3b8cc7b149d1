// The registry of mechanic views, keyed by the mechanic's key (the rules file's `mechanic`,
// the same key the server's engine registers a mechanic under).
//
// Discovery, not a list: the snapshot names each round's mechanic (`round.mechanic`,
// `game.rounds[].mechanic`), and the view of mechanic `key` is the module
// static/js/mechanics/<key>.js. Adding a mechanic adds that module and nothing here; a test
// (tests/web/test_js_registry.py) checks every mechanic the engine knows has one. Helper
// modules of a mechanic carry a hyphen (cards-console.js, plan-table.js) and are never
// loaded by key. Modules load when a round needs them, so a phone downloads only the
// mechanics of the rounds it plays.
//
// A mechanic's module may export:
//   phoneView(ctx)     → {node, update(state), destroy?()}   the participant's input
//   projectorView(ctx) → {node, update(state, change)}       what the wall shows
//   consoleView(ctx)   → {node, update(state), title, destroy?()}  the round's content on the console
//   consoleInfo(state, round) → {written: Set<participant id>, expected?: Set, note?: string}
//                                for "who has not answered yet"
//   roundControl(state, round) → {action, label, key} | null  the console's button for a
//                                control of the round's own (cards' reveal, closing a vote):
//                                the `control` action it sends, its text, and whether the
//                                key R presses it (not for undoing one: "open the vote again")
//   tableResult(state, round, table id) → Element | null  a table's tile in the projector's
//                                grid of tables shows this instead of its latest item (a
//                                closed vote: the table's ideas ranked)
//   proxyInput = true  the console may type in this round for someone without a phone
// ctx is {live, round, code}. A mechanic without a view shows the prompt and the timer only.
const KEY = /^[a-z][a-z0-9_]*$/;

const loaded = new Map();
const pending = new Map();

/** The mechanic's module if it is loaded already, else null (see loadMechanic). */
export function mechanicFor(key) {
  return loaded.get(key) || null;
}

/** Load a mechanic's module; resolves to the module (rejects while the network fails). */
export function loadMechanic(key) {
  if (loaded.has(key)) return Promise.resolve(loaded.get(key));
  if (!KEY.test(key || "")) return Promise.resolve(null);
  if (!pending.has(key)) {
    pending.set(key, import(`./${key}.js`).then((module) => {
      loaded.set(key, module);
      return module;
    }).finally(() => pending.delete(key)));
  }
  return pending.get(key);
}

/** Projector and console: every mechanic of this game at once (they sit next to the server). */
export function loadGame(state) {
  const keys = new Set(((state && state.game && state.game.rounds) || []).map((r) => r.mechanic));
  return Promise.all([...keys].map((key) => loadMechanic(key).catch(() => null)));
}
