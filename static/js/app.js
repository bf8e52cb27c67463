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

// Header search: "/" focuses it; ArrowDown/ArrowUp move through the live results (Enter opens the
// focused one, a plain link); Escape closes them and returns to the box.
(function () {
  "use strict";
  function results() {
    return Array.prototype.slice.call(document.querySelectorAll("#search-dropdown a"));
  }
  document.addEventListener("keydown", function (event) {
    var box = document.getElementById("site-search");
    if (!box) return;
    var dropdown = document.getElementById("search-dropdown");
    var inResults = dropdown && dropdown.contains(document.activeElement);
    var typing = /^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement.tagName) || document.activeElement.isContentEditable;
    if (event.key === "/" && !typing) { event.preventDefault(); box.focus(); box.select(); return; }
    if (event.key === "Escape" && (document.activeElement === box || inResults)) {
      dropdown.innerHTML = "";
      box.focus();
      return;
    }
    if ((event.key === "ArrowDown" || event.key === "ArrowUp") && (document.activeElement === box || inResults)) {
      var links = results();
      if (!links.length) return;
      event.preventDefault();
      var at = links.indexOf(document.activeElement);
      if (event.key === "ArrowDown") at = Math.min(at + 1, links.length - 1);
      else at -= 1;
      if (at < 0) box.focus(); else links[at].focus();
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
// Any fragment htmx swaps in (answer previews in practice and in the mock room) may hold diagrams.
document.addEventListener("htmx:afterSwap", function (event) { window.sdprepDiagrams(event.target); });

// A countdown driven by the server: the element's data-remaining (seconds) and data-paused.
// Counting from a local monotonic clock keeps every tab in step with the server whatever the
// browser's wall clock says. Calling it again (after new server data) restarts it.
window.sdprepTimer = (function () {
  "use strict";
  var ticks = new WeakMap();
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function format(seconds) {
    var sign = seconds < 0 ? "-" : "";
    seconds = Math.abs(Math.round(seconds));
    var h = Math.floor(seconds / 3600), m = Math.floor((seconds % 3600) / 60), s = seconds % 60;
    return sign + (h ? h + ":" + pad(m) : String(m)) + ":" + pad(s);
  }
  // data-clamp="true" stops at 0:00 without the overrun colour (the candidate's phase clock); crossing
  // zero while running fires "sdprep:zero" on the element once per restart.
  return function (el) {
    if (!el) return;
    clearInterval(ticks.get(el));
    var clock = el.querySelector(".timer-clock");
    var remaining = parseFloat(el.dataset.remaining), started = performance.now();
    var clamp = el.dataset.clamp === "true", fired = remaining <= 0;
    function render() {
      var running = el.dataset.paused !== "true" && el.dataset.live !== "false";
      var left = running ? remaining - (performance.now() - started) / 1000 : remaining;
      clock.textContent = format(clamp ? Math.max(left, 0) : left);
      el.classList.toggle("timer-over", !clamp && left < 0);
      el.classList.toggle("timer-paused", !running);
      if (running && left <= 0 && !fired) {
        fired = true;
        el.dispatchEvent(new CustomEvent("sdprep:zero", { bubbles: true }));
      }
    }
    render();
    ticks.set(el, setInterval(render, 1000));
  };
})();
