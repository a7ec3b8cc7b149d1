// People without a smartphone: the facilitator adds them (name and role, participant:add)
// and does for them on the console whatever a phone does in the current round — an intro,
// cards, dots, offers, plan steps and "ik pak dit op", a rating and a word — with the phone's
// own view of the round's mechanic (the mechanics that export `proxyInput`), every event
// sent with on_behalf_of. The server decides it exactly as it would for that person's phone
// (their limits, their own items). The view gets a stand-in for the live connection that
// speaks as that person (and an outbox of that person's own). "Who has not answered yet"
// leads here: open(person) shows the input for that person at once.
import { $, el, replace } from "./dom.js";
import { t, pick } from "./i18n.js";
import { errorText } from "./socket.js";
import { mechanicFor } from "./mechanics/index.js";

/** The live connection as one proxy participant sees it. */
class ProxyLive {
  constructor(live, person) {
    this.live = live;
    this.person = person;
    this.ownIds = new Set(); // their items whose author the console is not told (anonymous cards)
  }

  get state() { return this.live.state && { ...this.live.state, me: { kind: "participant", ...this.person } }; }

  get connected() { return this.live.connected; }

  request(event, payload, timeoutMs) {
    return this.live.request(event, { ...payload, on_behalf_of: this.person.id }, timeoutMs);
  }

  isMine(item) { return Boolean(item && (item.author_id === this.person.id || this.ownIds.has(item.id))); }

  /**
   * An item from an ack: it is in this person's view, `mine` when it is theirs (an edited or
   * claimed step of someone else is not). The console's own copy, in the facilitator's
   * view, came with the ack's events and is kept; the person's copy fills in only a gap.
   */
  remember(item) {
    if (!item || !this.live.state) return;
    if (item.mine) this.ownIds.add(item.id);
    else this.ownIds.delete(item.id);
    const { mine, ...shared } = item;
    const items = this.live.state.items;
    if (!items.some((x) => x.id === item.id)) items.push(shared);
  }

  forget(id) { this.live.forget(id); }

  onStatusChange(listener) { return this.live.onStatusChange(listener); }
}

export function setupProxies(live, code) {
  const form = $("#proxy-form");
  const nameInput = $("#proxy-name");
  const roleSelect = $("#proxy-role");
  const status = $("#proxy-status");
  const panel = $("#typing-panel");
  const chooser = $("#typing-for");
  const area = $("#typing-area");
  let rolesShown = false;
  let view = null; // {key, live, node, update, destroy}

  function say(text, kind = "info") { status.textContent = text; status.dataset.state = kind; }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const name = nameInput.value.trim();
    if (!name) { say(t("name_required"), "error"); nameInput.focus(); return; }
    const ack = await live.request("participant:add", { name, role: roleSelect.value });
    if (!ack.ok) { say(t("action_failed", { message: errorText(ack) }), "error"); return; }
    say(t("proxy_added", { name: ack.participant.name }), "saved");
    nameInput.value = "";
    if (live.state && !live.state.participants.some((p) => p.id === ack.participant.id)) {
      live.state.participants.push(ack.participant);
    }
    render(live.state);
  });

  chooser.addEventListener("change", () => render(live.state));

  function proxiesOf(state) { return state.participants.filter((p) => p.proxy); }

  /** The current round's mechanic, when the console can act for someone in it now. */
  function inputMechanic(state) {
    const round = state && state.round;
    const mechanic = round && mechanicFor(round.mechanic);
    const playing = state && ["running", "paused"].includes(state.flow.status);
    return playing && mechanic && mechanic.proxyInput && mechanic.phoneView ? mechanic : null;
  }

  function fillRoles(state) {
    if (rolesShown || !state.game) return;
    rolesShown = true;
    replace(roleSelect, (state.game.roles || []).map((r) => el("option", { value: r.id }, pick(r.name))));
  }

  function fillChooser(people) {
    const wanted = ["", ...people.map((p) => String(p.id))];
    const have = [...chooser.options].map((o) => o.value);
    const labels = people.map((p) => p.name);
    const haveLabels = [...chooser.options].slice(1).map((o) => o.textContent);
    if (wanted.join("|") === have.join("|") && labels.join("|") === haveLabels.join("|")) return;
    const chosen = chooser.value;
    replace(chooser, el("option", { value: "" }, t("typing_choose")),
      people.map((p) => el("option", { value: String(p.id) }, p.name)));
    chooser.value = wanted.includes(chosen) ? chosen : "";
  }

  function render(state) {
    if (!state) return;
    fillRoles(state);
    const people = proxiesOf(state);
    const round = state.round;
    const mechanic = inputMechanic(state);
    panel.hidden = !people.length || !mechanic;
    if (panel.hidden) { drop(); return; }
    fillChooser(people);
    const person = people.find((p) => String(p.id) === chooser.value) || null;
    const key = person ? `${round.id}|${person.id}` : null;
    if (!view || view.key !== key) {
      drop();
      if (person) {
        const proxyLive = new ProxyLive(live, person);
        const made = mechanic.phoneView({ live: proxyLive, round, code: `${code}:for-${person.id}` });
        view = { ...made, key, live: proxyLive };
        replace(area, el("p", { class: "typing-who", tabindex: "-1" }, t("typing_as", { name: person.name })), made.node);
      } else replace(area, el("p", { class: "muted" }, t("typing_pick")));
    }
    if (view) {
      view.live.person = person;
      view.update(view.live.state);
    }
  }

  function drop() {
    if (view && view.destroy) view.destroy();
    view = null;
    replace(area);
  }

  /** Whether the console can act for `person` in the current round (a proxy, a round with input). */
  function canOpen(state, person) {
    return Boolean(person && person.proxy && inputMechanic(state));
  }

  /**
   * Show the input for `person` in the current round ("who has not answered yet" → here):
   * choose them, bring the panel into view, and put the focus on the first field to fill
   * in, or on the line that says for whom (a vote or a plan starts with a choice).
   */
  function open(person) {
    if (!canOpen(live.state, person)) return;
    chooser.value = String(person.id);
    render(live.state);
    const field = area.querySelector("textarea:not([disabled]), input[type=text]:not([disabled])");
    const target = field && !field.closest("[hidden]") ? field : area.querySelector(".typing-who");
    panel.scrollIntoView({ block: "start" });
    if (target) target.focus({ preventScroll: true });
  }

  return { render, open, canOpen };
}
