// The facilitator's care for the session on the console: lock against new players, show the
// join QR code large on the projector, take a participant out of the game (optionally
// erasing their name), and delete the whole session after typing its code.
import { $, el, paintRole, replace, syncChildren } from "./dom.js";
import { t, pick } from "./i18n.js";
import { roleOf, errorText } from "./socket.js";

export function setupAdmin(live, code) {
  const lockButton = $("#btn-lock");
  const lockState = $("#lock-state");
  const removeList = $("#remove-list");
  const adminStatus = $("#admin-status");
  const deleteForm = $("#delete-form");
  const deleteInput = $("#delete-code");
  const deleteButton = $("#btn-delete");
  const deleteError = $("#delete-error");
  let confirming = null; // participant id whose removal is being confirmed
  const rows = new Map();

  function say(text, kind = "info") { adminStatus.textContent = text; adminStatus.dataset.state = kind; }

  lockButton.addEventListener("click", async () => {
    const locked = !(live.state && live.state.session.locked);
    lockButton.disabled = true;
    const ack = await live.request("session:lock", { locked });
    lockButton.disabled = false;
    if (ack.ok) {
      live.state.session = { ...live.state.session, locked: ack.locked };
      render(live.state);
    } else say(t("action_failed", { message: errorText(ack) }), "error");
  });

  // The projector's join QR code large over the round (for latecomers), and small again.
  const qrButton = $("#btn-qr-large");
  qrButton.addEventListener("click", async () => {
    qrButton.disabled = true;
    const ack = await live.request("session:qr", { large: !(live.state && live.state.session.qr_large) });
    qrButton.disabled = false;
    if (ack.ok) live.state.session = { ...live.state.session, qr_large: ack.qr_large };
    else say(t("action_failed", { message: errorText(ack) }), "error");
    render(live.state);
  });

  const planAnonymous = $("#plan-anonymous");
  planAnonymous.addEventListener("change", async () => {
    const ack = await live.request("session:plan", { anonymous: planAnonymous.checked });
    if (ack.ok) live.state.session = { ...live.state.session, plan_anonymous: ack.plan_anonymous };
    else say(t("action_failed", { message: errorText(ack) }), "error");
    render(live.state);
  });

  deleteInput.addEventListener("input", () => {
    deleteButton.disabled = deleteInput.value.trim().toUpperCase() !== code;
  });
  deleteForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    const typed = deleteInput.value.trim().toUpperCase();
    if (typed !== code) {
      deleteError.textContent = t("delete_mismatch", { code });
      deleteError.hidden = false;
      deleteInput.focus();
      return;
    }
    deleteButton.disabled = true;
    const ack = await live.request("session:delete", { code: typed });
    if (!ack.ok) {
      deleteButton.disabled = false;
      deleteError.textContent = t("action_failed", { message: errorText(ack) });
      deleteError.hidden = false;
    }
    // On success the server tells everyone (session:deleted); console.js shows the end.
  });

  async function remove(person, forget) {
    const ack = await live.request("participant:remove", { participant_id: person.id, forget_name: forget });
    confirming = null;
    if (ack.ok) say(t("removed_done", { name: person.name || t("no_name") }), "saved");
    else say(t("action_failed", { message: errorText(ack) }), "error");
    render(live.state);
  }

  function row(state, person) {
    const role = roleOf(state, person.role);
    const key = `${person.name}|${person.role}|${confirming === person.id}`;
    const known = rows.get(person.id);
    if (known && known.key === key) return known.node;
    let content;
    if (confirming === person.id) {
      const forget = el("input", { type: "checkbox", id: `forget-${person.id}` });
      content = el("div", { class: "remove-confirm stack" },
        el("p", {}, t("remove_question", { name: person.name })),
        el("div", { class: "check" }, forget, el("label", { for: `forget-${person.id}` }, t("remove_forget"))),
        el("div", { class: "mod-actions" },
          el("button", { class: "btn btn-small btn-danger", type: "button", onclick: () => remove(person, forget.checked) }, t("remove_do")),
          el("button", { class: "btn btn-small btn-link", type: "button", onclick: () => {
            confirming = null;
            render(live.state);
            const again = rows.get(person.id);
            if (again) again.node.querySelector("button").focus();
          } }, t("cancel"))));
    } else {
      content = el("div", { class: "remove-row" },
        el("span", { class: "remove-name" }, el("span", { class: "swatch", "aria-hidden": "true" }), person.name,
          el("span", { class: "muted" }, ` · ${pick(role.name)}`)),
        el("button", { class: "btn btn-small", type: "button", "aria-label": `${t("remove")}: ${person.name}`, onclick: () => {
          confirming = person.id;
          render(live.state);
          const again = rows.get(person.id);
          if (again) again.node.querySelector("input").focus();
        } }, t("remove")));
    }
    const node = el("li", {}, content);
    paintRole(node, role.colour);
    rows.set(person.id, { key, node });
    return node;
  }

  function render(state) {
    // After the end nobody joins, plays or leaves any more: the controls for that go.
    for (const node of document.querySelectorAll("[data-live-only]")) node.hidden = state.flow.status === "ended";
    const locked = Boolean(state.session.locked);
    lockButton.setAttribute("aria-pressed", String(locked));
    lockButton.textContent = locked ? t("unlock") : t("lock");
    lockState.textContent = locked ? t("locked_state") : t("open_state");
    lockState.dataset.state = locked ? "locked" : "open";
    planAnonymous.checked = Boolean(state.session.plan_anonymous);
    qrButton.setAttribute("aria-pressed", String(Boolean(state.session.qr_large)));
    syncChildren(removeList, state.participants.length
      ? state.participants.map((p) => row(state, p)) : [el("li", { class: "muted" }, t("nobody_yet"))]);
  }

  return { render };
}

/** The console after the session was deleted: nothing left to lead. */
export function showDeleted() {
  const main = $("#main");
  replace(main, el("div", { class: "panel deleted-panel" },
    el("h1", { tabindex: "-1" }, t("deleted_title")),
    el("p", {}, t("deleted_console")),
    el("p", {}, el("a", { class: "btn btn-primary", href: "/" }, t("new_session")))));
  main.querySelector("h1").focus();
}
