// One module per mechanic. Each may export:
//   phoneView(ctx)     → {node, update(state), destroy?()}   the participant's input
//   projectorView(ctx) → {node, update(state, change)}       what the wall shows
//   consoleInfo(state, round) → {written: Set<participant id>} for "who has not answered"
// A mechanic without a module shows the prompt and the timer only.
import * as cards from "./cards.js";

const MECHANICS = { cards };

export function mechanicFor(name) {
  return MECHANICS[name] || null;
}
