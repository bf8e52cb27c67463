// Solo practice: the server-driven timer, mermaid in previews, the estimation calculator,
// and saving before leaving for the finish page.
(function () {
  "use strict";

  function startTimer() { window.sdprepTimer(document.getElementById("timer")); }

  // The calculator's arithmetic and formatting live in estimate.js; this shows it and inserts it.
  function setupCalculator() {
    var box = document.getElementById("calculator"), estimate = window.sdprepEstimate;
    if (!box || !estimate) return;
    var out = document.getElementById("calc-working"), insert = document.getElementById("calc-insert"), lines = [];
    function show() {
      var raw = {};
      box.querySelectorAll("[data-calc]").forEach(function (input) { raw[input.dataset.calc] = input.value; });
      var checked = estimate.validate(raw), bad = Object.keys(checked.errors);
      box.querySelectorAll("[data-calc]").forEach(function (input) {
        var error = checked.errors[input.dataset.calc];
        document.getElementById(input.id + "-error").textContent = error || "";
        if (error) input.setAttribute("aria-invalid", "true"); else input.removeAttribute("aria-invalid");
      });
      var steps = bad.length ? [] : estimate.steps(checked.values);
      lines = steps.map(function (step) { return step.text; });
      out.replaceChildren.apply(out, steps.map(function (step) {
        var item = document.createElement("li"), label = document.createElement("strong"), result = document.createElement("b");
        var cut = step.working.lastIndexOf(" = ");  // the step's answer, emphasised after its working
        label.textContent = step.label;
        result.className = "calc-result";
        result.textContent = step.working.slice(cut + 3);
        item.append(label, " = " + step.working.slice(0, cut + 3), result);
        return item;
      }));
      if (bad.length) {
        var note = document.createElement("li");
        note.className = "calc-blocked";
        note.textContent = "Fix the marked " + (bad.length === 1 ? "field" : bad.length + " fields") + " to see the working.";
        out.replaceChildren(note);
      }
      insert.disabled = bad.length > 0;
    }
    box.addEventListener("input", show);
    show();
    insert.addEventListener("click", function () {
      var target = document.getElementById("answer_estimates");
      target.value = (target.value ? target.value.replace(/\s*$/, "") + "\n\n" : "") + "```\n" + lines.join("\n") + "\n```\n";
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
