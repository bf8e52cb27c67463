// Replay: a slider over the scratchpad's saves, from the event log.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var data = document.getElementById("replay-frames");
    if (!data) return;
    var frames = JSON.parse(data.textContent), labels = JSON.parse(document.getElementById("replay-labels").textContent);
    var slider = document.getElementById("replay-slider"), view = document.getElementById("replay-view");
    function show(index) {
      var frame = frames[index - 1];
      // The HTML was sanitised on the server (nh3) before it was put in the page.
      view.innerHTML = Object.keys(labels).filter(function (key) { return frame.html[key]; }).map(function (key) {
        return "<h3>" + labels[key].replace(/</g, "&lt;") + "</h3>" + frame.html[key];
      }).join("");
      document.getElementById("replay-position").textContent = index;
      document.getElementById("replay-time").textContent = new Date(frame.at).toLocaleTimeString();
      window.sdprepDiagrams(view);
    }
    slider.addEventListener("input", function () { show(parseInt(slider.value, 10)); });
    show(frames.length);
  });
})();
