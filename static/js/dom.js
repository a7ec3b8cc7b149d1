// Tiny DOM helpers. Text is only ever set with textContent / text nodes, never innerHTML,
// so whatever a participant types stays inert on every screen.

/**
 * el("button", {class: "btn", type: "button", onclick: fn, dataset: {id: 3}}, "Label", child)
 * - attrs.class / attrs.text / attrs.dataset / attrs.hidden are special-cased
 * - attrs.on<event> functions become event listeners
 * - null, undefined and false attributes or children are skipped
 */
export function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") node.className = Array.isArray(value) ? value.filter(Boolean).join(" ") : value;
    else if (key === "text") node.textContent = value;
    else if (key === "dataset") Object.assign(node.dataset, value);
    else if (key.startsWith("on") && typeof value === "function") node.addEventListener(key.slice(2), value);
    else if (value === true) node.setAttribute(key, "");
    else node.setAttribute(key, String(value));
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(node, child);
    else node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replace all children of `node`. */
export function replace(node, ...children) {
  node.replaceChildren();
  append(node, children);
  return node;
}

/**
 * Make `node`'s children exactly `children` (nodes), moving as little as possible: a child
 * that is already in place stays put, so a field being typed in keeps its focus and caret
 * while the list around it changes.
 */
export function syncChildren(node, children) {
  const wanted = children.filter(Boolean);
  const keep = new Set(wanted);
  for (const child of [...node.childNodes]) if (!keep.has(child)) child.remove();
  wanted.forEach((child, i) => {
    const current = node.childNodes[i];
    if (current !== child) node.insertBefore(child, current || null);
  });
  return node;
}

export const $ = (selector, root = document) => root.querySelector(selector);

/** Read a <script type="application/json" id="..."> block (never executed, CSP-safe). */
export function jsonData(id) {
  const node = document.getElementById(id);
  return node ? JSON.parse(node.textContent) : null;
}

/** A role chip: colour swatch AND role name, so colour is never the only signal. */
export function roleChip(role, label, extraClass) {
  const chip = el("span", { class: ["role-chip", extraClass] },
    el("span", { class: "swatch", "aria-hidden": "true" }), label);
  if (role) paintRole(chip, role.colour);
  return chip;
}

/**
 * Give `node` (and what it contains) a role colour through the --role-colour property.
 * Very dark colours (the default "anders" role is black) get the class is-dark-colour so
 * a dark theme can lift them; the role name is always shown next to the colour anyway.
 */
export function paintRole(node, colour) {
  if (!colour || !/^#[0-9a-f]{6}$/i.test(colour)) return node;
  node.style.setProperty("--role-colour", colour);
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(colour.slice(i, i + 2), 16) / 255)
    .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  node.classList.toggle("is-dark-colour", 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.03);
  return node;
}

/** Random id for idempotent inputs (client_id, 8–64 chars). */
export function randomId() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** "is-new" animates once; drop it afterwards so a re-render does not replay it. */
export function settleNew(container) {
  requestAnimationFrame(() => setTimeout(() => {
    for (const n of container.querySelectorAll(".is-new")) n.classList.remove("is-new");
  }, 700));
}
