// The participant's phone: join (name → role). The live part (Socket.IO, rounds) is in
// phone-game.js, loaded while the player types their name, so the join page stays small.
import { $, el, jsonData, paintRole, replace, roleChip } from "./dom.js";
import { t, pick, lang } from "./i18n.js";

const page = jsonData("page-data");
const code = page.code;
const identityKey = `samenspel:participant:${code}`;

const viewJoin = $("#view-join");
const viewGame = $("#view-game");
const stepName = $("#step-name");
const stepRole = $("#step-role");
const nameInput = $("#name");
const nameError = $("#name-error");
const roleError = $("#role-error");
const meBadge = $("#me");
const meFull = $("#me-full");
const conn = $("#connection");

let game = null; // the running phone-game.js, once joined
const loadGame = () => import("./phone-game.js");

for (const node of document.querySelectorAll("[data-colour]")) paintRole(node, node.dataset.colour);

const stored = loadIdentity();
if (stored) startLive(stored);
else if (page.ended) showEnded();
else showJoin();
// Fetch the live part while the player types (it is only needed after joining).
nameInput.addEventListener("focus", () => { loadGame().catch(() => {}); }, { once: true });

// --- identity -----------------------------------------------------------------------------

function loadIdentity() {
  try { return JSON.parse(localStorage.getItem(identityKey)); } catch { return null; }
}

function saveIdentity(identity) { localStorage.setItem(identityKey, JSON.stringify(identity)); }

function forgetIdentity() { localStorage.removeItem(identityKey); }

// --- join -----------------------------------------------------------------------------------

function showJoin(message) {
  viewGame.hidden = true;
  viewJoin.hidden = false;
  meBadge.hidden = true;
  meFull.hidden = true;
  conn.hidden = true;
  stepRole.hidden = true;
  stepName.hidden = false;
  delete viewJoin.dataset.step;
  showError(nameError, message);
  const remembered = sessionStorage.getItem("samenspel:name");
  if (remembered && !nameInput.value) nameInput.value = remembered;
}

/** The game is over and this phone never joined: no join form, the plan instead. */
function showEnded() {
  viewJoin.hidden = true;
  viewGame.hidden = false;
  replace(viewGame, el("div", { class: "lobby-card" },
    el("h1", {}, t("game_done")),
    el("p", { class: "lead" }, t("ended_text")),
    el("p", {}, el("a", { class: "btn btn-primary btn-block btn-large", href: `/s/${code}/plan` }, t("see_plan")))));
}

function showError(node, message) {
  node.textContent = message || "";
  node.hidden = !message;
}

stepName.addEventListener("submit", (event) => {
  event.preventDefault();
  const name = nameInput.value.trim();
  if (!name) {
    nameInput.setAttribute("aria-invalid", "true");
    showError(nameError, t("name_required"));
    nameInput.focus();
    return;
  }
  nameInput.removeAttribute("aria-invalid");
  showError(nameError, "");
  sessionStorage.setItem("samenspel:name", name);
  $("#role-legend").textContent = t("hello", { name });
  stepName.hidden = true;
  stepRole.hidden = false;
  viewJoin.dataset.step = "role";
  showError(roleError, "");
  stepRole.querySelector(".role-btn").focus();
});

$("#back-to-name").addEventListener("click", () => {
  delete viewJoin.dataset.step;
  stepRole.hidden = true;
  stepName.hidden = false;
  nameInput.focus();
});

stepRole.addEventListener("submit", async (event) => {
  event.preventDefault();
  const button = event.submitter;
  if (!button || !button.value) return;
  const buttons = stepRole.querySelectorAll(".role-btn");
  buttons.forEach((b) => { b.disabled = true; });
  stepRole.setAttribute("aria-busy", "true");
  showError(roleError, t("joining"));
  try {
    const response = await fetch(page.join_api, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json", "Accept-Language": lang },
      body: JSON.stringify({ name: nameInput.value.trim(), role: button.value }),
    });
    const body = await response.json().catch(() => ({}));
    if (response.ok && body.token) {
      const identity = { token: body.token, participant: body.participant };
      saveIdentity(identity);
      startLive(identity);
      return;
    }
    const error = body.error || {};
    if (error.code === "invalid_name") {
      showJoin(error.message || t("name_required"));
      nameInput.setAttribute("aria-invalid", "true");
      nameInput.focus();
    } else {
      showError(roleError, error.message || t("join_failed"));
    }
  } catch {
    showError(roleError, t("network_error"));
  } finally {
    buttons.forEach((b) => { b.disabled = false; });
    stepRole.removeAttribute("aria-busy");
  }
});

// --- live -------------------------------------------------------------------------------------

async function startLive(identity) {
  viewJoin.hidden = true;
  viewGame.hidden = false;
  conn.hidden = false;
  if (identity.participant) showMe(identity.participant, page.roles.find((r) => r.id === identity.participant.role));
  replace(viewGame, el("p", { class: "muted loading" }, t("conn_connecting")));
  try {
    const { play } = await loadGame();
    game = play({ code, lang, token: identity.token, viewGame, conn, showMe, onForget: forgotten, forgetToken: forgetIdentity });
  } catch {
    replace(viewGame, el("div", { class: "notice" }, el("p", {}, t("network_error")),
      el("button", { class: "btn btn-primary", type: "button", onclick: () => startLive(identity) }, t("try_again"))));
  }
}

/** The server does not know our token: forget it and show the join form. */
function forgotten() {
  forgetIdentity();
  game = null;
  showJoin(t("rejoin"));
  nameInput.focus();
}

/** The name badge: one row in the top bar, cut off with "…" when it does not fit; a tap
 * shows the whole name and role on a line of its own (the button's name is the full text). */
function showMe(me, role) {
  const roleName = role ? (typeof role.name === "string" ? role.name : pick(role.name)) : "";
  const text = el("span", { class: "me-text" }, el("span", { class: "me-name" }, me.name),
    role ? el("span", { class: "me-role" }, roleName) : null);
  replace(meBadge, roleChip(role, text, "me-chip"));
  meFull.textContent = roleName ? `${me.name} · ${roleName}` : me.name;
  meBadge.hidden = false;
  if (role && role.colour) document.body.style.setProperty("--me-colour", role.colour);
}

meBadge.addEventListener("click", () => {
  const open = meBadge.getAttribute("aria-expanded") !== "true";
  meBadge.setAttribute("aria-expanded", String(open));
  meFull.hidden = !open;
});
