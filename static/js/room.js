// The mock room: live updates over server-sent events (polling when streaming is blocked),
// the shared timer, and the interviewer's controls.
(function () {
  "use strict";
  var room, lastId, polling = null, failures = 0, source = null;

  function csrf() { return document.querySelector("[name=csrfmiddlewaretoken]").value; }

  function applyTimer(t) {
    var timer = document.getElementById("timer");
    if (room.dataset.state !== t.state) { window.location.reload(); return; }
    timer.dataset.remaining = t.remaining;
    timer.dataset.paused = t.paused ? "true" : "false";
    document.getElementById("phase-label").textContent = t.phase;
    document.querySelectorAll(".phase-plan li").forEach(function (li) {
      var i = parseInt(li.dataset.phase, 10);
      li.className = i === t.phase_index ? "current" : i < t.phase_index ? "done" : "";
    });
    var pause = document.getElementById("pause-button");
    if (pause) { pause.dataset.action = t.paused ? "resume" : "pause"; pause.textContent = t.paused ? "Resume" : "Pause"; }
    window.sdprepTimer(timer);
  }

  function applyScratchpad(payload) {
    var view = document.getElementById("scratchpad-view");
    if (!view || !payload.html) return;
    Object.keys(payload.html).forEach(function (key) {
      var box = view.querySelector("[data-section=" + key + "]");
      if (box) box.innerHTML = payload.html[key];
    });
    window.sdprepDiagrams(view);
    room.dataset.lastScratchpad = String(Date.now());
  }

  function handle(kind, payload, id) {
    if (id) { lastId = Math.max(lastId, id); }
    if (kind === "timer") applyTimer(payload);
    else if (kind === "scratchpad") applyScratchpad(payload);
    else if (kind === "joined") window.location.reload();
    // Everything else (the board) is for whoever listens: board.js.
    else document.dispatchEvent(new CustomEvent("sdprep:event", { detail: { kind: kind, payload: payload, id: id } }));
  }

  function poll() {
    fetch(room.dataset.events + "?after=" + lastId, { credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (data) { (data.events || []).forEach(function (e) { handle(e.kind, e.payload, e.id); }); })
      .catch(function () {});
  }

  function startPolling() {
    if (polling) return;
    room.dataset.transport = "polling";
    polling = setInterval(poll, 1000);
  }

  function connect() {
    if (!window.EventSource) { startPolling(); return; }
    source = new EventSource(room.dataset.stream + "?after=" + lastId);
    source.onopen = function () { failures = 0; room.dataset.transport = "stream"; };
    ["timer", "scratchpad", "joined", "created", "board"].forEach(function (kind) {
      source.addEventListener(kind, function (e) { handle(kind, JSON.parse(e.data), parseInt(e.lastEventId, 10)); });
    });
    source.onerror = function () {
      failures += 1;
      // EventSource reconnects by itself (sending Last-Event-ID); after repeated failures, poll instead.
      if (failures >= 3) { source.close(); startPolling(); }
    };
  }

  function setupActions() {
    room.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-action]");
      if (!button) return;
      var body = new FormData();
      body.append("action", button.dataset.action);
      var error = document.getElementById("action-error");
      fetch(room.dataset.action, {
        method: "POST", body: body, credentials: "same-origin",
        headers: { "X-CSRFToken": csrf(), "HX-Request": "true", "Accept": "application/json" }
      }).then(function (r) {
        return r.json().then(function (data) {
          if (!r.ok) { if (error) error.textContent = data.error || "That did not work."; return; }
          if (error) error.textContent = "";
          handle("timer", data);
        });
      }).catch(function () { if (error) error.textContent = "Offline: try again."; });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    room = document.getElementById("room");
    if (!room) return;
    lastId = parseInt(room.dataset.lastEvent, 10) || 0;
    window.sdprepTimer(document.getElementById("timer"));
    window.sdprepDiagrams(document);
    setupActions();
    connect();
  });
})();
