// Replay: the mock rebuilt at any moment from its event log — the board (folded per element with
// Excalidraw's rule), the scratchpad, the phase, and for the interviewer their notes — on one timeline
// that plays at 1×, 4× or 16×.
(function () {
  "use strict";
  function json(id) { var el = document.getElementById(id); return el ? JSON.parse(el.textContent) : null; }
  function clock(ms) { var s = Math.max(0, Math.round(ms / 1000)); return Math.floor(s / 60) + ":" + String(s % 60).padStart(2, "0"); }
  function wins(a, b) { return !b || (a.version !== b.version ? a.version > b.version : a.versionNonce < b.versionNonce); }

  document.addEventListener("DOMContentLoaded", function () {
    var frames = json("replay-frames");
    if (!frames) return;
    var timeline = json("replay-timeline"), span = json("replay-span"), labels = json("replay-labels");
    var slider = document.getElementById("replay-slider"), view = document.getElementById("replay-view");
    var start = Date.parse(span.start), end = Date.parse(span.end);
    // The replay ends with the mock (or its last drawing or note), not with the scorecard's submission.
    timeline.forEach(function (e) { e.t = Date.parse(e.at); if (e.kind !== "timer") end = Math.max(end, e.t); });
    frames.forEach(function (f) { f.t = Date.parse(f.at); end = Math.max(end, f.t); });
    var length = Math.max(end - start, 1000), board = null, speed = 1, playing = null, shownBoard = "";
    slider.max = String(Math.ceil(length));  // milliseconds: saves a moment apart stay apart
    slider.value = slider.max;
    document.getElementById("replay-length").textContent = clock(length);

    // The phase changes, marked on the timeline.
    var marks = document.getElementById("replay-marks"), phase = -1;
    timeline.filter(function (e) { return e.kind === "timer"; }).forEach(function (e) {
      if (e.payload.phase_index === phase || e.payload.state !== "live") return;
      phase = e.payload.phase_index;
      var li = document.createElement("li");
      li.style.left = (100 * (e.t - start) / length) + "%";
      li.textContent = e.payload.phase;
      li.title = e.payload.phase + " at " + clock(e.t - start);
      marks.appendChild(li);
    });

    // Curveballs, marked where they were thrown.
    timeline.filter(function (e) { return e.kind === "curveball"; }).forEach(function (e) {
      var li = document.createElement("li");
      li.className = "mark-curveball";
      li.style.left = (100 * (e.t - start) / length) + "%";
      li.textContent = "⚡";
      li.title = "Curveball at " + clock(e.t - start) + ": " + e.payload.text;
      marks.appendChild(li);
    });

    function showChanges(at) {
      var thrown = timeline.filter(function (e) { return e.kind === "curveball" && e.t <= at; });
      var section = document.getElementById("replay-changes-section"), list = document.getElementById("replay-changes");
      section.hidden = !timeline.some(function (e) { return e.kind === "curveball"; });
      list.replaceChildren.apply(list, thrown.map(function (e) {
        var li = document.createElement("li"); li.textContent = e.payload.text + " (at " + clock(e.t - start) + ")"; return li;
      }));
    }

    function showScratchpad(index) {
      var frame = frames[index - 1];
      document.getElementById("replay-position").textContent = index;
      if (!frame) { view.innerHTML = '<p class="muted">Nothing written yet.</p>'; return; }
      // The HTML was sanitised on the server (nh3) when the save was written.
      view.innerHTML = Object.keys(labels).filter(function (key) { return frame.html[key]; }).map(function (key) {
        return "<h3>" + labels[key].replace(/</g, "&lt;") + "</h3>" + frame.html[key];
      }).join("") || '<p class="muted">Nothing written yet.</p>';
      window.sdprepDiagrams(view);
    }

    function show(offset) {
      var at = start + offset, scene = {}, phaseLabel = span.phases[0] || "", notes = null, index = 0;
      frames.forEach(function (f, i) { if (f.t <= at) index = i + 1; });
      timeline.forEach(function (e) {
        if (e.t > at) return;
        if (e.kind === "board") e.payload.elements.forEach(function (el) { if (wins(el, scene[el.id])) scene[el.id] = el; });
        else if (e.kind === "timer" && e.payload.phase) phaseLabel = e.payload.phase;
        else if (e.kind === "notes") notes = e.payload.text;
      });
      document.getElementById("replay-clock").textContent = clock(at - start);
      document.getElementById("replay-phase").textContent = phaseLabel;
      showScratchpad(index);
      showChanges(at);
      var notesBox = document.getElementById("replay-notes");
      if (notes !== null) { document.getElementById("replay-notes-section").hidden = false; notesBox.textContent = notes; }
      else if (notesBox) notesBox.textContent = "";
      if (board) {
        var elements = Object.keys(scene).map(function (id) { return scene[id]; });
        var key = elements.map(function (e) { return e.id + ":" + e.version; }).join(",");
        if (key !== shownBoard) { shownBoard = key; board.setElements(elements); }
      }
    }

    function stop() { if (playing) { clearInterval(playing); playing = null; } var b = document.getElementById("replay-play"); b.textContent = "Play"; b.setAttribute("aria-pressed", "false"); }
    document.getElementById("replay-play").addEventListener("click", function () {
      if (playing) { stop(); return; }
      if (parseInt(slider.value, 10) >= parseInt(slider.max, 10)) slider.value = "0";
      this.textContent = "Pause"; this.setAttribute("aria-pressed", "true");
      var last = Date.now();
      playing = setInterval(function () {
        var now = Date.now(), value = parseFloat(slider.value) + speed * (now - last);
        last = now;
        if (value >= parseFloat(slider.max)) { value = parseFloat(slider.max); stop(); }
        slider.value = String(value);
        show(parseFloat(slider.value));
      }, 100);
    });
    document.querySelectorAll("[data-speed]").forEach(function (button) {
      button.addEventListener("click", function () {
        speed = parseInt(button.dataset.speed, 10);
        document.querySelectorAll("[data-speed]").forEach(function (b) { b.setAttribute("aria-pressed", String(b === button)); });
      });
    });
    slider.addEventListener("input", function () { show(parseFloat(slider.value)); });
    document.addEventListener("sdprep:board-ready", function (event) { board = event.detail; shownBoard = ""; show(parseFloat(slider.value)); });
    window.sdprepReplay = { show: show, frameAt: function (i) { return frames[i - 1].t - start; } };
    show(parseFloat(slider.value));
  });
})();
