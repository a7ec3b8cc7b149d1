// Text fields the phone's rounds share: a counter of the characters left (the limit is the
// round's, from the snapshot) and a text area that grows with what is typed.
import { el } from "./dom.js";
import { t } from "./i18n.js";

/**
 * A counter for `field` with the id `id` (for the field's aria-describedby): "n characters
 * left", and at the limit that the field takes no more. Call `update()` after setting the
 * field's value from a script (typing updates it by itself).
 */
export function charCounter(field, limit, id) {
  const node = el("p", { id, class: "hint char-count", "aria-live": "polite" });
  function update() {
    const left = limit - field.value.length;
    node.textContent = left > 0 ? t("chars_left", { n: left }) : t("chars_max", { max: limit });
    node.dataset.state = left > 0 ? "" : "full";
  }
  field.addEventListener("input", update);
  update();
  return { node, update };
}

/**
 * Let a textarea grow with its text, so a whole sentence stays in view while it is typed
 * (CSS field-sizing where the browser has it; its scroll height elsewhere). Returns the
 * function to call after setting the value from a script.
 */
export function autoGrow(area) {
  area.classList.add("auto-grow");
  const fit = () => {
    if (CSS.supports("field-sizing", "content")) return;
    area.style.height = "auto";
    area.style.height = `${area.scrollHeight + area.offsetHeight - area.clientHeight}px`;
  };
  area.addEventListener("input", fit);
  requestAnimationFrame(fit);
  return fit;
}
