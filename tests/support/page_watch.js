// Test-only (tests/support/browser.py adds it to every page the browser tests open, before
// the page's own scripts): says on the console when the page shows text that looks like a
// text key ("paused_text") instead of a text, in a text node or in an aria-label, alt,
// title or placeholder, as soon as it becomes visible. The tests fail on that message.
(() => {
  const KEY = /^[a-z]+(?:_[a-z0-9]+)+$/;
  const ATTRIBUTES = ["aria-label", "alt", "title", "placeholder"];
  const said = new Set();
  let timer = null;

  const describe = (element) => element.tagName.toLowerCase() + (element.id ? `#${element.id}` : "")
    + (typeof element.className === "string" && element.className.trim()
      ? `.${element.className.trim().split(/\s+/).join(".")}` : "");
  const visible = (element) => !element.closest("script, style, template, noscript")
    && element.checkVisibility({ checkOpacity: false, checkVisibilityCSS: true });

  function say(text, where) {
    if (said.has(`${text} ${where}`)) return;
    said.add(`${text} ${where}`);
    (window.samenspelKeysSeen ||= []).push(text); // for the test of this watch
    console.warn(`samenspel-check: text that looks like a key: "${text}" in ${where}`);
  }

  function scan() {
    timer = null;
    if (!document.body) return;
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.nodeValue.trim();
      if (KEY.test(text) && node.parentElement && visible(node.parentElement)) say(text, describe(node.parentElement));
    }
    for (const element of document.body.querySelectorAll(ATTRIBUTES.map((a) => `[${a}]`).join(","))) {
      for (const name of ATTRIBUTES) {
        const value = (element.getAttribute(name) || "").trim();
        if (KEY.test(value) && visible(element)) say(value, `${describe(element)}[${name}]`);
      }
    }
  }

  const later = () => { if (!timer) timer = setTimeout(scan, 50); };
  new MutationObserver(later).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
  document.addEventListener("DOMContentLoaded", later);
})();
