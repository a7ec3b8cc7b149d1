// Tables on the console (docs/protocol.md, "Tables"): set them up in the lobby (on or off, a
// number of tables or people per table, how people are seated), the tables at a glance (who
// sits where, who has not answered yet per table, who asked for help), move a person,
// "New tables" between rounds, and a message to all tables. Every limit comes from the
// server (the page data's `tables`, engine/tables/setup.py).
import { $, el, replace, roleChip, syncChildren } from "./dom.js";
import { t, pick } from "./i18n.js";
import { errorText, roleOf } from "./socket.js";
import { mechanicFor } from "./mechanics/index.js";
import { atTables, membersOf, messageOf, paintTable, settingsOf, tableChip, tableOf, tablesOn } from "./tables.js";

/** `limits`: {modes, default_mode, max_tables, min_size, max_size, suggest_from, message_max}. */
export function setupTables(live, limits, code) {
  const panel = $("#tables-panel");
  const suggest = $("#tables-suggest");
  const setupBox = $("#tables-setup-box");
  const form = $("#tables-setup");
  const numberField = $("#tables-number-field");
  const number = $("#tables-number");
  const numberLabel = $("#tables-number-label");
  const numberHint = $("#tables-number-hint");
  const assign = $("#tables-assign");
  const liveBox = $("#tables-live");
  const glance = $("#tables-glance");
  const helpBox = $("#tables-help");
  const status = $("#tables-status");
  const messageForm = $("#tables-message-form");
  const messageInput = $("#tables-message");
  const messageNow = $("#tables-message-now");
  const moveForm = $("#tables-move-form");
  const movePerson = $("#tables-move-person");
  const moveTable = $("#tables-move-table");
  let edited = false; // the facilitator is changing the set-up: the form keeps what they typed
  let shown = ""; // what the glance shows (drawn again only when it changes)
  let wasLobby = null; // the set-up folds away once the game starts

  messageInput.maxLength = limits.message_max;

  function say(text, kind = "info") { status.textContent = text; status.dataset.state = kind; }

  async function send(event, payload, done) {
    const ack = await live.request(event, payload);
    if (ack.ok) { if (done) say(done, "saved"); } else say(t("action_failed", { message: errorText(ack) }), "error");
    return ack;
  }

  const shape = () => (form.querySelector("input[name=tables-on]:checked") || {}).value || "off";

  function showShape() {
    const kind = shape();
    numberField.hidden = kind === "off";
    assign.closest(".field").hidden = kind === "off";
    const [min, max] = kind === "size" ? [limits.min_size, limits.max_size] : [1, limits.max_tables];
    number.min = String(min);
    number.max = String(max);
    numberLabel.textContent = kind === "size" ? t("tables_size") : t("tables_count");
    numberHint.textContent = t("tables_between", { min, max });
  }

  form.addEventListener("input", () => { edited = true; showShape(); });
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const kind = shape();
    let tables = null;
    if (kind !== "off") {
      const n = Number(number.value);
      if (!Number.isInteger(n) || n < Number(number.min) || n > Number(number.max)) {
        number.setAttribute("aria-invalid", "true");
        say(t("tables_between", { min: number.min, max: number.max }), "error");
        number.focus();
        return;
      }
      number.removeAttribute("aria-invalid");
      tables = { [kind]: n };
    }
    const ack = await send("tables:set", { tables, assign: kind === "off" ? undefined : assign.value },
      kind === "off" ? t("tables_off_done") : t("tables_set_done"));
    if (ack.ok) { edited = false; render(live.state); }
  });

  $("#btn-reshuffle").addEventListener("click", () => send("tables:reshuffle", {}, t("tables_reshuffled")));

  messageForm.addEventListener("submit", (event) => {
    event.preventDefault();
    const text = messageInput.value.trim();
    if (!text) { say(t("tables_message_empty"), "error"); messageInput.focus(); return; }
    send("tables:message", { text }, t("tables_message_sent")).then((ack) => { if (ack.ok) messageInput.value = ""; });
  });
  $("#btn-message-clear").addEventListener("click", () => send("tables:message", { text: "" }, t("tables_message_cleared")));

  moveForm.addEventListener("submit", (event) => {
    event.preventDefault();
    const person = live.state.participants.find((p) => String(p.id) === movePerson.value);
    const table = tableOf(live.state, Number(moveTable.value));
    if (!person || !table) { say(t("tables_move_choose"), "error"); return; }
    send("tables:move", { participant_id: person.id, table: table.id },
      t("tables_moved", { name: person.name, table: pick(table.name) }));
  });

  /** The form shows the session's set-up, unless the facilitator is changing it. */
  function fillForm(state) {
    if (edited) return;
    const settings = settingsOf(state);
    const kind = !settings ? "off" : "count" in settings.tables ? "count" : "size";
    for (const radio of form.querySelectorAll("input[name=tables-on]")) radio.checked = radio.value === kind;
    if (settings) {
      number.value = String(settings.tables.count ?? settings.tables.size);
      assign.value = settings.assign;
    } else {
      // A first suggestion: tables of about six, or one table per six people.
      number.value = String(Math.min(limits.max_tables, Math.max(2, Math.round(state.participants.length / 6))));
      assign.value = limits.default_mode;
    }
    showShape();
  }

  function options(select, entries, placeholder) {
    const keep = select.value;
    replace(select, el("option", { value: "" }, placeholder),
      entries.map(([value, label]) => el("option", { value: String(value) }, label)));
    if ([...select.options].some((o) => o.value === keep)) select.value = keep;
  }

  function render(state) {
    const on = tablesOn(state);
    const lobby = state.flow.status === "lobby";
    const n = state.participants.length;
    panel.hidden = state.flow.status === "ended";
    suggest.hidden = on || !lobby || n < limits.suggest_from; // set up before the start, not in the last round
    suggest.textContent = t("tables_suggest", { n });
    if (lobby && !on && n >= limits.suggest_from) setupBox.open = true;
    if (wasLobby && !lobby) { setupBox.open = false; edited = false; }
    wasLobby = lobby;
    fillForm(state);
    liveBox.hidden = !on;
    if (!on) { shown = ""; replace(glance); replace(helpBox); return; }

    const message = messageOf(state);
    messageNow.hidden = !message;
    messageNow.textContent = message ? t("tables_message_now", { text: message }) : "";
    $("#btn-message-clear").hidden = !message;
    if (document.activeElement !== movePerson && document.activeElement !== moveTable) {
      options(movePerson, state.participants.map((p) => [p.id, p.name]), t("typing_choose"));
      options(moveTable, state.tables.map((table) => [table.id, pick(table.name)]), t("tables_choose_table"));
    }
    renderGlance(state);
  }

  /** Who has not answered yet in this table round (null: not a round that says so). */
  function missing(state) {
    const round = state.round;
    if (!atTables(state) || !["running", "paused"].includes(state.flow.status)) return null;
    const mechanic = mechanicFor(round.mechanic);
    if (!mechanic || !mechanic.consoleInfo) return null;
    const { written, expected, note } = mechanic.consoleInfo(state, round);
    if (note) return null;
    return new Set(state.participants.filter((p) => !written.has(p.id) && (!expected || expected.has(p.id))).map((p) => p.id));
  }

  function renderGlance(state) {
    const help = new Set((settingsOf(state) || {}).help || []);
    const open = missing(state);
    const key = JSON.stringify([state.tables, state.participants.map((p) => [p.id, p.name, p.role, p.table]),
      [...help], open && [...open], state.round && state.round.id]);
    if (key === shown) return;
    shown = key;
    const askers = state.participants.filter((p) => help.has(p.id));
    replace(helpBox, askers.length ? el("div", { class: "tables-help-list" },
      el("h3", {}, t("tables_help_title")),
      el("ul", {}, askers.map((p) => el("li", {}, tableChip(tableOf(state, p.table)), " ", p.name, " ",
        helpedButton(p))))) : null);
    syncChildren(glance, state.tables.map((table) => tableBox(state, table, help, open)));
  }

  function helpedButton(person) {
    return el("button", { class: "btn btn-small", type: "button", "aria-label": t("tables_helped_for", { name: person.name }),
      onclick: () => send("tables:helped", { participant_id: person.id }, t("tables_helped_done", { name: person.name })) },
    t("tables_helped"));
  }

  function tableBox(state, table, help, open) {
    const members = membersOf(state, table.id);
    const waiting = open ? members.filter((p) => open.has(p.id)) : [];
    const asked = members.some((p) => help.has(p.id));
    const box = el("section", { class: ["table-box", asked ? "is-asking" : null], "aria-label": pick(table.name) },
      el("h3", { class: "table-box-title" }, tableChip(table), el("span", { class: "table-box-count" },
        members.length === 1 ? t("person_count") : t("people_count", { n: members.length }))),
      asked ? el("p", { class: "table-box-help" }, t("tables_help_asked")) : null,
      members.length ? el("ul", { class: "table-members" }, members.map((p) => el("li", {},
        roleChip(roleOf(state, p.role), p.name),
        open && open.has(p.id) ? el("span", { class: "table-waiting" }, ` · ${t("tables_not_yet")}`) : null)))
        : el("p", { class: "muted" }, t("tables_empty")),
      open ? el("p", { class: waiting.length ? "muted" : "done-note" },
        waiting.length ? t("tables_waiting", { n: waiting.length }) : t("tables_all_done")) : null,
      el("p", { class: "table-box-screen" }, el("a", { href: `/s/${code}/t/${table.id}`, target: "_blank", rel: "noreferrer" },
        t("tables_screen_link"), el("span", { class: "visually-hidden" }, ` ${pick(table.name)}`))));
    return paintTable(box, table);
  }

  return { render };
}
