// Participants grouped by role: colour AND role name, in the order of the rules file.
import { el, paintRole, roleChip } from "./dom.js";
import { t, pick } from "./i18n.js";

/**
 * @param {object} state      the live state
 * @param {object} [opts]
 * @param {Set}    [opts.only]   participant ids to include (default: all)
 * @param {Set}    [opts.known]  ids already shown before: others get the "is-new" class
 * @param {string} [opts.heading] element for the role title (default "h3")
 * @param {boolean} [opts.markProxies] say who has no phone (the facilitator types for them)
 * @param {function} [opts.action] (participant) → a node after the name, or null (the console's
 *                                  "fill in" for someone without a phone)
 */
export function peopleByRole(state, opts = {}) {
  const heading = opts.heading || "h3";
  const people = opts.only ? state.participants.filter((p) => opts.only.has(p.id)) : state.participants;
  const roles = [...(state.game.roles || [])];
  const unknown = people.filter((p) => !roles.some((r) => r.id === p.role));
  if (unknown.length) roles.push({ id: "_other", name: { nl: t("other") }, colour: "#777" });
  const groups = [];
  for (const role of roles) {
    const members = role.id === "_other" ? unknown : people.filter((p) => p.role === role.id);
    if (!members.length) continue;
    const group = el("section", { class: "role-group" },
      el(heading, { class: "role-group-title" }, roleChip(role, pick(role.name)),
        el("span", { class: "role-group-count" }, String(members.length))),
      el("ul", { class: "name-list" }, members.map((p) => el("li", {
        class: opts.known && !opts.known.has(p.id) ? "is-new" : null,
      }, p.name, opts.markProxies && p.proxy ? el("span", { class: "proxy-note" }, ` ${t("proxy_note")}`) : null,
      opts.action ? opts.action(p) : null))));
    paintRole(group, role.colour);
    groups.push(group);
  }
  return groups;
}

export function countText(n, one, many) {
  return n === 1 ? t(one) : t(many, { n });
}
