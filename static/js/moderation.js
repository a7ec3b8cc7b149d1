// The facilitator's moderation on the console, shared by the mechanics' console views
// (cards, introductions, reflection words): send `moderate` (docs/protocol.md), say how it
// went, and give the focus back to the item's hide/show button once its row is redrawn.
import { el } from "./dom.js";
import { t } from "./i18n.js";
import { errorText } from "./socket.js";

/**
 * A function that sends one moderation: `send(payload, doneText)` resolves to true when the
 * server took it. `say(text, kind)` reports on the view's status line. The ack's events are
 * applied (and the views redrawn) before it resolves; its item is kept.
 */
export function moderator(live, say) {
  return async (payload, done) => {
    say(t("sending"));
    const ack = await live.request("moderate", payload);
    if (!ack.ok) { say(t("action_failed", { message: errorText(ack) }), "error"); return false; }
    if (ack.item) live.remember(ack.item);
    say(done, "saved");
    return true;
  };
}

/**
 * "Hide" or "Show again" for one item; `label` names the item for screen readers. After a
 * click the item's row is drawn anew: the focus moves to its new button.
 */
export function hideToggle(send, item, label) {
  const action = item.hidden || item.word_hidden ? "show" : "hide";
  const text = t(action === "show" ? "mod_show" : "mod_hide");
  return el("button", {
    class: "btn btn-small mod-first", type: "button", "aria-label": `${text}: ${label}`, dataset: { modId: item.id },
    onclick: async (event) => {
      const scope = event.currentTarget.closest(".moderation") || document;
      if (!(await send({ action, id: item.id }, t(action === "show" ? "mod_done_show" : "mod_done_hide")))) return;
      const again = scope.querySelector(`[data-mod-id="${item.id}"]`);
      if (again) again.focus();
    },
  }, text);
}

/** A short form of a typed text, to name it in a button's label. */
export function shortLabel(text, most = 40) {
  return text.length > most ? `${text.slice(0, most)}…` : text;
}
