// sdprep's small behaviours. No inline script anywhere: the CSP forbids it.
(function () {
  "use strict";

  // Messages fade after a while but stay for screen readers until then.
  function dismissMessages(root) {
    root.querySelectorAll(".message-success").forEach(function (el) {
      setTimeout(function () { el.remove(); }, 6000);
    });
  }

  document.addEventListener("DOMContentLoaded", function () { dismissMessages(document); });
  document.addEventListener("htmx:afterSwap", function (event) { dismissMessages(event.target); });
})();

// Header search: "/" focuses it, Escape closes the live results.
(function () {
  "use strict";
  document.addEventListener("keydown", function (event) {
    var box = document.getElementById("site-search");
    if (!box) return;
    var typing = /^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement.tagName) || document.activeElement.isContentEditable;
    if (event.key === "/" && !typing) { event.preventDefault(); box.focus(); box.select(); }
    if (event.key === "Escape" && document.activeElement === box) {
      document.getElementById("search-dropdown").innerHTML = "";
      box.blur();
    }
  });
  document.addEventListener("click", function (event) {
    var dropdown = document.getElementById("search-dropdown");
    if (dropdown && !event.target.closest(".search-box")) dropdown.innerHTML = "";
  });
})();

// Mermaid diagrams (on pages that load the vendored mermaid): render every unprocessed
// <pre class="mermaid"> under root. Shared by the case-study, practice and result pages.
window.sdprepDiagrams = (function () {
  "use strict";
  var ready = false;
  return function (root) {
    if (!window.mermaid) return;
    if (!ready) {
      var dark = window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches;
      window.mermaid.initialize({ startOnLoad: false, securityLevel: "strict", theme: dark ? "dark" : "default" });
      ready = true;
    }
    var nodes = (root || document).querySelectorAll("pre.mermaid:not([data-processed])");
    if (nodes.length) {
      window.mermaid.run({ nodes: nodes }).catch(function (error) { console.warn("mermaid:", error); });
    }
  };
})();
