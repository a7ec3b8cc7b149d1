// One module per mechanic, loaded when a round needs it (the phone stays light: a player
// downloads only the mechanics of the rounds they play). Each module may export:
//   phoneView(ctx)     → {node, update(state), destroy?()}   the participant's input
//   projectorView(ctx) → {node, update(state, change)}       what the wall shows
//   consoleInfo(state, round) → {written: Set<participant id>, expected?: Set, note?: string}
//                                for "who has not answered yet"
//   consoleView(ctx)   → {node, update(state)}               the round's content on the console
// ctx is {live, round, code}. A mechanic without a module shows the prompt and the timer only.
const LOADERS = {
  introduce: () => import("./introduce.js"),
  cards: () => import("./cards.js"),
  vote: () => import("./vote.js"),
  plan: () => import("./plan.js"),
  rate: () => import("./rate.js"),
  discuss: () => import("./discuss.js"),
};

const loaded = new Map();
const pending = new Map();

/** The mechanic's module if it is loaded already, else null (see loadMechanic). */
export function mechanicFor(name) {
  return loaded.get(name) || null;
}

/** Load a mechanic's module; resolves to the module, or null for an unknown mechanic. */
export function loadMechanic(name) {
  if (loaded.has(name)) return Promise.resolve(loaded.get(name));
  if (!LOADERS[name]) return Promise.resolve(null);
  if (!pending.has(name)) {
    pending.set(name, LOADERS[name]().then((module) => {
      loaded.set(name, module);
      return module;
    }).finally(() => pending.delete(name)));
  }
  return pending.get(name);
}

/** Projector and console: everything at once (they are on a laptop with the server). */
export function loadAll() {
  return Promise.all(Object.keys(LOADERS).map(loadMechanic));
}
