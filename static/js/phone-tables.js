// The phone at tables (docs/protocol.md, "Tables"): the player's table (name on its colour)
// in the lobby and in table rounds, picking a table when people choose their own, "Ask for
// help", and the facilitator's message to all tables. A phone that joins through a table's
// QR code (its card or screen: /j/<code>?table=N) sends that table with the join and sits
// there; a phone that had joined before asks for it when people choose their own, and
// otherwise says where the server seated it.
import { el, replace } from "./dom.js";
import { t, pick } from "./i18n.js";
import { errorText } from "./socket.js";
import { atTables, messageOf, seatOf, settingsOf, tableChip, tablesOn } from "./tables.js";

/** `wanted`: the table of the QR code the player joined through, or null. Returns the bar
 *  for above the round (`node`), "Ask for help" for below it (`help`), and `update(state)`. */
export function tableBar(live, wanted) {
  const message = el("div", { class: "table-message", role: "status", hidden: true });
  const seat = el("p", { class: "table-seat", hidden: true });
  const elsewhere = el("p", { class: "hint table-elsewhere", hidden: true });
  const chooser = el("fieldset", { class: "table-chooser", hidden: true },
    el("legend", {}, t("table_pick_title")), el("p", { class: "hint" }, t("table_pick_hint")));
  const choices = el("div", { class: "table-choices" });
  chooser.append(choices);
  const status = el("p", { class: "table-status", role: "status" });
  const helpStatus = el("p", { class: "table-status", role: "status" });
  const help = el("button", { class: "btn btn-block table-help-btn", type: "button", onclick: askHelp }, t("help_ask"));
  const node = el("div", { class: "table-bar" }, message, seat, elsewhere, chooser, status);
  /** Below the round: "Ask for help" (the round's input comes first). */
  const helpBox = el("div", { class: "table-help", hidden: true }, help, helpStatus);
  let asked = false; // the QR code's table was asked for once
  let calling = false; // this phone's call for help is open (settings.help_asked)
  let choicesKey = "";

  async function choose(table) {
    status.textContent = t("sending");
    const ack = await live.request("tables:choose", { table: table.id });
    status.textContent = ack.ok ? t("table_pick_done", { table: pick(table.name) }) : errorText(ack);
  }

  async function askHelp() {
    help.disabled = true;
    const ack = await live.request("tables:help", {});
    help.disabled = false;
    if (ack.ok) calling = true;
    helpStatus.textContent = ack.ok ? t("help_asked") : errorText(ack);
  }

  /** The call's state from the server: open ("knows you ask"), or answered by the
   *  facilitator (`tables:helped`) since this phone saw it open. */
  function helpState(settings) {
    if (settings.help_asked === undefined) return;
    if (settings.help_asked) helpStatus.textContent = t("help_asked");
    else if (calling) helpStatus.textContent = t("help_answered");
    calling = settings.help_asked;
  }

  function update(state) {
    const on = tablesOn(state);
    node.hidden = !on;
    helpBox.hidden = !on;
    if (!on || !state.me) return;
    const settings = settingsOf(state) || {};
    helpState(settings);
    const mine = seatOf(state, state.me.id);
    const lobby = state.flow.status === "lobby";
    const ended = state.flow.status === "ended";
    const choosing = settings.assign === "self";
    if (wanted && !asked && choosing && (!mine || mine.id !== wanted)) {
      asked = true;
      const table = state.tables.find((x) => x.id === wanted);
      if (table) choose(table);
    }
    const text = messageOf(state);
    message.hidden = !text || ended;
    replace(message, text ? [el("p", { class: "table-message-title" }, t("table_message_title")), el("p", {}, text)] : []);
    seat.hidden = !mine || ended || !(lobby || atTables(state));
    replace(seat, mine ? [el("span", { class: "table-seat-label" }, t("table_yours")), " ", tableChip(mine, "table-chip-large")] : []);
    elsewhere.hidden = !(wanted && mine && mine.id !== wanted && !choosing && !ended);
    elsewhere.textContent = elsewhere.hidden ? "" : t("table_elsewhere");
    chooser.hidden = !(choosing && lobby);
    const key = JSON.stringify([state.tables, mine && mine.id]);
    if (!chooser.hidden && key !== choicesKey) {
      choicesKey = key;
      replace(choices, state.tables.map((table) => el("button", {
        class: "table-choice", type: "button", "aria-pressed": String(Boolean(mine && mine.id === table.id)),
        onclick: () => choose(table),
      }, tableChip(table))));
    }
    helpBox.hidden = ended || lobby;
  }

  return { node, help: helpBox, update };
}
