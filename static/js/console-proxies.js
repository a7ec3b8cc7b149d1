// People without a smartphone: the facilitator adds them (name and role, participant:add)
// and types for them in the current round with the phone's own inputs (the mechanics that
// export `proxyInput`: introduce, cards), every event sent with on_behalf_of. The phone
// views get a stand-in for the live connection that speaks as that person (and an outbox
// of that person's own).
import { $, el, replace } from "./dom.js";
import { t, pick } from "./i18n.js";
import { errorText } from "./socket.js";
import { mechanicFor } from "./mechanics/index.js";

/** The live connection as one proxy participant sees it. */
class ProxyLive {
  constructor(live, person) {
    this.live = live;
    this.person = person;
    this.ownIds = new Set();
  }

  get state() { return this.live.state && { ...this.live.state, me: { kind: "participant", ...this.person } }; }

  get connected() { return this.live.connected; }

  request(event, payload, timeoutMs) {
    return this.live.request(event, { ...payload, on_behalf_of: this.person.id }, timeoutMs);
  }

  isMine(item) { return Boolean(item && (this.ownIds.has(item.id) || item.author_id === this.person.id)); }

  remember(item) {
    if (!item || !this.live.state) return;
    this.ownIds.add(item.id);
    const items = this.live.state.items;
    const index = items.findIndex((x) => x.id === item.id);
    if (index === -1) items.push(item);
    else items[index] = { ...items[index], ...item };
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
    const mechanic = round && mechanicFor(round.mechanic);
    const playing = ["running", "paused"].includes(state.flow.status);
    panel.hidden = !people.length || !playing || !round || !mechanic || !mechanic.proxyInput || !mechanic.phoneView;
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
        replace(area, el("p", { class: "typing-who" }, t("typing_as", { name: person.name })), made.node);
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

  return { render };
}
