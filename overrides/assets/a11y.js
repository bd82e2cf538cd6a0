/* Keyboard access to what Material builds in the browser.
   Material wraps every body table in .md-typeset__scrollwrap, a box that scrolls sideways on
   phones; a keyboard user can only scroll it if it can take focus (WCAG 2.1.1), and a screen
   reader needs to know what the region is. */
(function () {
  "use strict";
  function labelScrollRegions() {
    var boxes = document.querySelectorAll(".md-typeset__scrollwrap:not([tabindex])");
    for (var i = 0; i < boxes.length; i++) {
      boxes[i].tabIndex = 0;
      boxes[i].setAttribute("role", "region");
      boxes[i].setAttribute("aria-label", "表格（可左右滑动）");
    }
  }
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(labelScrollRegions);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", labelScrollRegions);
  } else {
    labelScrollRegions();
  }
})();
