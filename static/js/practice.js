// Solo practice: the server-driven timer, mermaid in previews, the estimation calculator,
// and saving before leaving for the finish page.
(function () {
  "use strict";

  function startTimer() { window.sdprepTimer(document.getElementById("timer")); }

  function setupCalculator() {
    var box = document.getElementById("calculator");
    if (!box) return;
    var out = document.getElementById("calc-working");
    function value(name) { return parseFloat(box.querySelector("[data-calc=" + name + "]").value) || 0; }
    function human(n, unit) {
      // Decimal steps for bytes and counts alike (1 KB = 1,000 B), as capacity estimates are written.
      var units = unit === "B" ? ["B", "KB", "MB", "GB", "TB", "PB", "EB"] : ["", "K", "M", "B", "T"];
      var i = 0;
      while (Math.abs(n) >= 1000 && i < units.length - 1) { n /= 1000; i++; }
      return (n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2)) + " " + units[i] + (unit === "B" ? "" : unit || "");
    }
    function compute() {
      var dau = value("dau"), actions = value("actions"), peak = value("peak"), size = value("size"), writes = value("writes") / 100;
      var perDay = dau * actions, avg = perDay / 86400, peakRps = avg * peak;
      var writesPerDay = perDay * writes, storageDay = writesPerDay * size, storageYear = storageDay * 365;
      var bandwidth = avg * size, peakBandwidth = peakRps * size;
      out.textContent = [
        "Requests/day = " + human(dau) + " users × " + actions + " actions = " + human(perDay),
        "Average RPS  = " + human(perDay) + " ÷ 86,400 s ≈ " + human(avg) + " req/s",
        "Peak RPS     = " + human(avg) + " × " + peak + " ≈ " + human(peakRps) + " req/s",
        "Writes/day   = " + human(perDay) + " × " + (writes * 100) + "% = " + human(writesPerDay),
        "Storage/day  = " + human(writesPerDay) + " × " + human(size, "B") + " ≈ " + human(storageDay, "B"),
        "Storage/year = " + human(storageDay, "B") + " × 365 ≈ " + human(storageYear, "B"),
        "Bandwidth    ≈ " + human(bandwidth, "B") + "/s average, " + human(peakBandwidth, "B") + "/s at peak"
      ].join("\n");
    }
    box.addEventListener("input", compute);
    compute();
    document.getElementById("calc-insert").addEventListener("click", function () {
      var target = document.getElementById("answer_estimates");
      target.value = (target.value ? target.value.replace(/\s*$/, "") + "\n\n" : "") + "```\n" + out.textContent + "\n```\n";
      target.dispatchEvent(new Event("input", { bubbles: true }));
      target.focus();
    });
  }

  function setupFinish() {
    var link = document.getElementById("finish-link"), form = document.getElementById("answer-form");
    if (!link || !form) return;
    link.addEventListener("click", function (event) {
      if (!form.flushAutosave) return;
      event.preventDefault();
      link.textContent = "Saving…";
      form.flushAutosave().then(function (ok) { if (ok) window.location.href = link.href; else link.textContent = "Finish and self-assess"; });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    startTimer();
    window.sdprepDiagrams(document);
    setupCalculator();
    setupFinish();
  });
  document.addEventListener("htmx:afterSwap", function (event) {
    if (event.target.id === "timer" || event.target.closest && event.target.closest("#timer")) startTimer();
  });
  document.addEventListener("htmx:afterSettle", function () { startTimer(); });
})();
