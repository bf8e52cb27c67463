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
