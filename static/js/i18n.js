// UI strings come from the server-rendered JSON block #strings (translated by Flask-Babel);
// texts from the rules file are {nl, en} objects, picked here with a Dutch fallback.
import { jsonData } from "./dom.js";

const strings = jsonData("strings") || {};
export const lang = document.documentElement.lang === "en" ? "en" : "nl";
/** The page language as a locale, for dates and numbers (one place, not one per module). */
export const locale = lang === "en" ? "en-GB" : "nl-NL";

/** t("round_of", {n: 3, total: 9}) → "ronde 3 van 9" */
export function t(key, vars) {
  if (!(key in strings)) missing(key);
  const text = strings[key] ?? key;
  if (!vars) return text;
  // One pass: a value that itself contains "{name}" (typed by a player) is never filled in again.
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in vars ? String(vars[name]) : whole));
}

/** Pick a bilingual rules text: {nl, en} → string in the page language. */
export function pick(text) {
  if (!text) return "";
  if (typeof text === "string") return text;
  return (lang === "en" && text.en) || text.nl || text.en || "";
}

const warned = new Set();
/** A key this page's strings lack: said once on the console (the browser tests fail on it). */
function missing(key) {
  if (warned.has(key)) return;
  warned.add(key);
  console.warn(`samenspel: missing string "${key}"`);
}
