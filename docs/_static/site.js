/* Two small things, local, nothing fetched.

   1. From a search result to the matching section. A result for a
   heading already links to it; for a match in the text, Sphinx opens the
   page at the top and marks the words (sphinx_highlight.js). Go on to the
   section that holds the first marked word, and put it in the address.

   2. Wide content on a narrow screen: a diagram, a plot or a table wider than
   the column scrolls sideways inside its own box. Say so under the box, so
   nothing looks cut off. */
(function () {
  "use strict";
  var SELECTOR = "figure.diagram .diagram-scroll, a:has(> img.plot), .table-wrapper";
  // The hint in the page's language (<html lang>); English otherwise.
  var HINTS = {"zh-CN": "\u21c6 左右滑动可看到全部内容"};
  var HINT = HINTS[document.documentElement.lang] || "\u21c6 scroll sideways to see all of it";
  function mark() {
    document.querySelectorAll(SELECTOR).forEach(function (box) {
      var wide = box.scrollWidth > box.clientWidth + 1;
      var hint = box.nextElementSibling;
      if (!hint || !hint.classList.contains("scroll-hint")) {
        if (!wide) return;
        hint = document.createElement("p");
        hint.className = "scroll-hint";
        hint.textContent = HINT;
        box.insertAdjacentElement("afterend", hint);
      }
      hint.hidden = !wide;
      box.toggleAttribute("data-overflow", wide);
      if (wide && !box.hasAttribute("tabindex")) {
        box.setAttribute("tabindex", "0");  // keyboard users can scroll it too
      }
    });
  }
  // A code block wider than its box scrolls: let the keyboard reach it too.
  function focusableCode() {
    document.querySelectorAll("article pre").forEach(function (pre) {
      if (pre.scrollWidth > pre.clientWidth + 1) pre.setAttribute("tabindex", "0");
    });
  }
  var pending = 0;
  function later() {
    cancelAnimationFrame(pending);
    pending = requestAnimationFrame(function () { mark(); focusableCode(); });
  }
  function toFirstMatch() {
    if (location.hash || !/\/search\.html/.test(document.referrer)) return;
    // sphinx_highlight.js marks the words 10 ms after the page is ready.
    setTimeout(function () {
      var hit = document.querySelector("article span.highlighted");
      var section = hit && hit.closest("section[id]");
      if (!section || !section.parentElement.closest("section[id]")) return;  // top of the page
      history.replaceState(null, "", "#" + section.id);
      section.scrollIntoView();
    }, 60);
  }
  document.addEventListener("DOMContentLoaded", mark);
  document.addEventListener("DOMContentLoaded", focusableCode);
  document.addEventListener("DOMContentLoaded", toFirstMatch);
  window.addEventListener("resize", later);
  // Lazy images change size when they arrive.
  document.addEventListener("load", function (e) {
    if (e.target.tagName === "IMG") later();
  }, true);
})();
