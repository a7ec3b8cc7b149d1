// Finishing the game, asked once: "Finish the game" in the last round (and "End game" before
// it) open a modal <dialog> (templates/console.html #finish-dialog). The browser gives it
// what a confirmation needs: focus moves in and stays there, Escape cancels, and focus
// goes back to the button that opened it. Only "Yes, finish the game" sends the control.
import { $ } from "./dom.js";

/** onConfirm(): send the "end" control. Returns {ask(roundsLeft), open(), asked(), close()}. */
export function setupFinish(onConfirm) {
  const dialog = $("#finish-dialog");
  const skips = $("#finish-skips");
  let confirmed = false;

  dialog.addEventListener("close", () => {
    if (dialog.returnValue !== "finish") return;
    confirmed = true;
    onConfirm();
  });

  return {
    /** Open the question; rounds still to come are named as skipped. */
    ask(roundsLeft) {
      if (dialog.open) return;
      skips.hidden = !roundsLeft;
      dialog.returnValue = "";
      dialog.showModal();
      // In the last round finishing is the next step: the answer is ready under Enter.
      // Before it, ending skips rounds: the safe answer has the focus.
      $(roundsLeft ? "#finish-cancel" : "#finish-confirm").focus();
    },
    open: () => dialog.open,
    /** This console confirmed the end (so it may move the focus to the plan). */
    asked: () => confirmed,
    /** The game ended (here or on another console): no question left to answer. */
    close() {
      if (dialog.open) dialog.close("cancel");
    },
  };
}
