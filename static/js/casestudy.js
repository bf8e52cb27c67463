// Case-study and result pages: render mermaid diagrams, and the per-level tabs.
(function () {
  "use strict";

  function setupTabs(root) {
    var tabs = Array.prototype.slice.call(root.querySelectorAll("[role=tab]"));
    function select(tab) {
      tabs.forEach(function (t) {
        var on = t === tab;
        t.setAttribute("aria-selected", on ? "true" : "false");
        t.tabIndex = on ? 0 : -1;
        document.getElementById(t.getAttribute("aria-controls")).hidden = !on;
      });
    }
    tabs.forEach(function (tab, i) {
      tab.addEventListener("click", function () { select(tab); });
      tab.addEventListener("keydown", function (event) {
        var next = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
        if (!next) return;
        var target = tabs[(i + next + tabs.length) % tabs.length];
        select(target); target.focus();
      });
    });
    select(tabs.filter(function (t) { return t.getAttribute("aria-selected") === "true"; })[0] || tabs[0]);
  }

  document.addEventListener("DOMContentLoaded", function () {
    window.sdprepDiagrams(document);
    document.querySelectorAll("[data-tabs]").forEach(setupTabs);
  });
})();
