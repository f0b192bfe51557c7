/* Wide content on a narrow screen: a diagram, a plot or a table wider than
   the column scrolls sideways inside its own box. Say so under the box, so
   nothing looks cut off. No other script runs here, nothing is fetched. */
(function () {
  "use strict";
  var SELECTOR = "figure.diagram .diagram-scroll, a.image-reference, .table-wrapper";
  function mark() {
    document.querySelectorAll(SELECTOR).forEach(function (box) {
      var wide = box.scrollWidth > box.clientWidth + 1;
      var hint = box.nextElementSibling;
      if (!hint || !hint.classList.contains("scroll-hint")) {
        if (!wide) return;
        hint = document.createElement("p");
        hint.className = "scroll-hint";
        hint.textContent = "\u21c6 wider than the screen: scroll sideways";
        box.insertAdjacentElement("afterend", hint);
      }
      hint.hidden = !wide;
      box.toggleAttribute("data-overflow", wide);
      if (wide && !box.hasAttribute("tabindex")) {
        box.setAttribute("tabindex", "0");  // keyboard users can scroll it too
      }
    });
  }
  var pending = 0;
  function later() {
    cancelAnimationFrame(pending);
    pending = requestAnimationFrame(mark);
  }
  document.addEventListener("DOMContentLoaded", mark);
  window.addEventListener("resize", later);
  // Lazy images change size when they arrive.
  document.addEventListener("load", function (e) {
    if (e.target.tagName === "IMG") later();
  }, true);
})();
