// The participant's phone: join (name → role). The live part (Socket.IO, rounds) is in
// phone-game.js, loaded while the player types their name, so the join page stays small.
// Whether the session takes newcomers (locked, full, ended) is said at the top before
// anything is typed, and asked again while the join form is open (watchDoor).
import { $, el, jsonData, paintRole, replace, roleChip } from "./dom.js";
import { t, pick, lang } from "./i18n.js";
import { showAlert, clearAlert, alertShown } from "./alert.js";

const page = jsonData("page-data");
const code = page.code;
const identityKey = `samenspel:participant:${code}`;

const viewJoin = $("#view-join");
const viewGame = $("#view-game");
const stepName = $("#step-name");
const stepRole = $("#step-role");
const nameInput = $("#name");
const meBadge = $("#me");
const meFull = $("#me-full");
const conn = $("#connection");

let game = null; // the running phone-game.js, once joined
let door = page.closed; // why newcomers cannot join ("locked", "full", "ended", "deleted"), or null
let doorTimer = null;
const loadGame = () => import("./phone-game.js");

for (const node of document.querySelectorAll("[data-colour]")) paintRole(node, node.dataset.colour);

const stored = handedIdentity() || loadIdentity();
if (stored) startLive(stored); // a player already in the game comes back, locked or not
else { showJoin(); watchDoor(); }
// Fetch the live part while the player types (it is only needed after joining).
nameInput.addEventListener("focus", () => { loadGame().catch(() => {}); }, { once: true });

// --- identity -----------------------------------------------------------------------------

function loadIdentity() {
  try { return JSON.parse(localStorage.getItem(identityKey)); } catch { return null; }
}

function saveIdentity(identity) { localStorage.setItem(identityKey, JSON.stringify(identity)); }

function forgetIdentity() { localStorage.removeItem(identityKey); }

/** A join made on the step owner's page (/o/<token>, "Doe mee met de bijeenkomst") arrives
 * with the new token in the address's fragment, which no server sees: it becomes this
 * phone's identity, and leaves the address (and the history) at once. */
function handedIdentity() {
  const token = new URLSearchParams(location.hash.slice(1)).get("joined");
  if (!token) return null;
  history.replaceState(null, "", location.pathname + location.search);
  const identity = { token };
  saveIdentity(identity);
  return identity;
}

// --- join -----------------------------------------------------------------------------------

function showJoin(message) {
  viewGame.hidden = true;
  viewJoin.hidden = false;
  meBadge.hidden = true;
  meFull.hidden = true;
  conn.hidden = true;
  stepRole.hidden = true;
  stepName.hidden = Boolean(door);
  delete viewJoin.dataset.step;
  if (message) showAlert(message);
  const remembered = sessionStorage.getItem("samenspel:name");
  if (remembered && !nameInput.value) nameInput.value = remembered;
}

// --- the door: open, or closed because locked, full or ended ------------------------------------

const closedTexts = {
  locked: () => [t("closed_locked_title"), t("closed_locked_text")],
  full: () => [t("closed_full_title"), t("closed_full_text")],
  ended: () => [t("game_done"), t("ended_text")],
};

/** Ask the server now and then (and when the page comes back into view) while no one has joined. */
function watchDoor() {
  const ask = () => { if (!game && document.visibilityState === "visible") checkDoor(); };
  doorTimer = setInterval(ask, page.door_poll_ms);
  document.addEventListener("visibilitychange", ask);
  window.addEventListener("focus", ask);
}

async function checkDoor() {
  try {
    const response = await fetch(page.door_api, { headers: { Accept: "application/json", "Accept-Language": lang } });
    if (response.status === 404) { clearInterval(doorTimer); setDoor("deleted"); return; }
    if (!response.ok) return;
    const body = await response.json();
    showRoles(body.roles || []);
    setDoor(body.closed || null);
  } catch { /* offline for a moment: ask again next time */ }
}

/** Show the door's state: closed → the reason at the top and no form; open → the form. */
function setDoor(closed) {
  if (game || closed === door) return;
  door = closed;
  if (closed) {
    stepName.hidden = true;
    stepRole.hidden = true;
    delete viewJoin.dataset.step;
    const [title, text] = closed === "deleted" ? [t("deleted_title"), t("deleted_text")] : closedTexts[closed]();
    const action = closed === "ended"
      ? el("a", { class: "btn btn-primary btn-block", href: `/s/${code}/plan` }, t("see_plan")) : null;
    showAlert(text, { title, action, closed });
  } else {
    const wasClosed = !["", "error"].includes(alertShown());
    const focusWasHere = document.activeElement === $("#phone-alert");
    if (wasClosed) clearAlert(); // an error of the player's own stays
    showJoin();
    if (wasClosed && focusWasHere) nameInput.focus();
  }
}

/** Only the roles that still have room can be chosen. */
function showRoles(open) {
  for (const button of stepRole.querySelectorAll(".role-btn")) button.hidden = !open.includes(button.value);
}

stepName.addEventListener("submit", (event) => {
  event.preventDefault();
  const name = nameInput.value.trim();
  if (!name) {
    nameInput.setAttribute("aria-invalid", "true");
    nameInput.focus(); // the field to fix: the error at the top offers the way back to it
    showAlert(t("name_required"));
    return;
  }
  nameInput.removeAttribute("aria-invalid");
  clearAlert();
  sessionStorage.setItem("samenspel:name", name);
  $("#role-legend").textContent = t("hello", { name });
  stepName.hidden = true;
  stepRole.hidden = false;
  viewJoin.dataset.step = "role";
  const first = stepRole.querySelector(".role-btn:not([hidden])");
  if (first) first.focus();
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
  button.dataset.busy = "true";
  try {
    const response = await fetch(page.join_api, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json", "Accept-Language": lang },
      body: JSON.stringify({ name: nameInput.value.trim(), role: button.value, ...(page.table ? { table: page.table } : {}) }),
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
      nameInput.setAttribute("aria-invalid", "true");
      showJoin();
      nameInput.focus();
      showAlert(error.message || t("name_required"));
    } else if (CLOSED_BY[error.code]) {
      setDoor(CLOSED_BY[error.code]); // says why at the top, and the form goes
    } else {
      if (error.code === "role_full") checkDoor(); // the list loses the full role
      showAlert(error.message || t("join_failed"));
    }
  } catch {
    showAlert(t("network_error"));
  } finally {
    buttons.forEach((b) => { b.disabled = false; });
    delete button.dataset.busy;
    stepRole.removeAttribute("aria-busy");
  }
});

/** A join refused because the session takes no newcomers: the door's reason. */
const CLOSED_BY = { session_locked: "locked", session_full: "full", session_ended: "ended" };

// --- live -------------------------------------------------------------------------------------

async function startLive(identity) {
  clearInterval(doorTimer);
  clearAlert();
  viewJoin.hidden = true;
  viewGame.hidden = false;
  conn.hidden = false;
  if (identity.participant) showMe(identity.participant, page.roles.find((r) => r.id === identity.participant.role));
  replace(viewGame, el("p", { class: "muted loading" }, t("conn_connecting")));
  try {
    const { play } = await loadGame();
    game = play({ code, lang, token: identity.token, viewGame, conn, showMe, onForget: forgotten, forgetToken: forgetIdentity,
      table: page.table });
  } catch {
    replace(viewGame, el("div", { class: "notice" }, el("p", {}, t("network_error")),
      el("button", { class: "btn btn-primary", type: "button", onclick: () => startLive(identity) }, t("try_again"))));
  }
}

/** The server does not know our token: forget it and show the join form. */
function forgotten() {
  forgetIdentity();
  game = null;
  door = undefined; // unknown until asked: the form, then the door's answer
  showJoin(t("rejoin"));
  if (!doorTimer) watchDoor();
  checkDoor();
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
