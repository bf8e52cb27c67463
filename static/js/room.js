// The mock room: live updates over server-sent events (polling when streaming is blocked),
// the shared timer, and the interviewer's controls.
(function () {
  "use strict";
  var room, lastId, polling = null, failures = 0, source = null;

  function csrf() { return document.querySelector("[name=csrfmiddlewaretoken]").value; }

  function applyTimer(t) {
    var timer = document.getElementById("timer"), phase = document.getElementById("phase-timer");
    if (room.dataset.state !== t.state) { window.location.reload(); return; }
    timer.dataset.remaining = t.remaining;
    timer.dataset.paused = phase.dataset.paused = t.paused ? "true" : "false";
    phase.dataset.remaining = t.phase_remaining;
    phase.dataset.auto = t.auto_advance ? "true" : "false";
    phase.dataset.last = t.phase_last ? "true" : "false";
    document.getElementById("phase-label").textContent = t.phase;
    document.querySelectorAll(".phase-plan li").forEach(function (li) {
      var i = parseInt(li.dataset.phase, 10);
      li.className = i === t.phase_index ? "current" : i < t.phase_index ? "done" : "";
      if (i === t.phase_index) li.setAttribute("aria-current", "step"); else li.removeAttribute("aria-current");
    });
    var pause = document.getElementById("pause-button");
    if (pause) { pause.dataset.action = t.paused ? "resume" : "pause"; pause.textContent = t.paused ? "Resume" : "Pause"; }
    var next = document.getElementById("next-phase-button");
    if (next) next.disabled = !!t.phase_last;
    var auto = document.getElementById("auto-advance");
    if (auto) auto.checked = !!t.auto_advance;
    showProbes(t.phase_key);
    window.sdprepTimer(timer);
    window.sdprepTimer(phase);
    scheduleAdvance();
  }

  // The interviewer's probes: the current phase's group opens and moves to the top.
  function showProbes(key) {
    var panel = document.querySelector(".probes");
    if (!panel) return;
    var groups = panel.querySelectorAll(".probe-group"), heading = panel.querySelector("h2");
    groups.forEach(function (group) {
      var now = group.dataset.probePhase === key;
      group.open = now;
      var badge = group.querySelector("summary .badge");
      if (now && !badge) {
        badge = document.createElement("span"); badge.className = "badge"; badge.textContent = "now";
        group.querySelector("summary").append(" ", badge);
      } else if (!now && badge) { badge.remove(); }
      if (now) heading.after(group);
    });
  }

  function banner(text, kind) {
    var box = document.getElementById("kit-banner");
    box.textContent = text;
    box.className = "kit-banner" + (kind ? " kit-" + kind : "");
    box.hidden = false;
  }

  function applyNudge(payload) {
    if (room.dataset.role !== "candidate") return;
    banner("Your interviewer suggests it is time to move on" + (payload.next ? " to " + payload.next.toLowerCase() : "") + ".", "nudge");
  }

  function applyCurveball(payload) {
    if (room.dataset.role === "candidate") {
      banner("Requirement change: " + payload.text, "curveball");
      var list = document.getElementById("curveball-list");
      if (list && !list.querySelector('[data-curveball="' + payload.index + '"]')) {
        var li = document.createElement("li");
        li.dataset.curveball = payload.index; li.textContent = payload.text;
        list.querySelector("ol").append(li);
        list.hidden = false;
      }
      return;
    }
    var button = document.querySelector('button[data-action=curveball][data-curveball="' + payload.index + '"]');
    if (button) { button.disabled = true; button.textContent = "Thrown in " + payload.phase; }
  }

  // A phase clock reaching zero: the chime, if the interviewer asked for it.
  function chime() {
    var sound = document.getElementById("overrun-sound");
    if (!sound || !sound.checked || !window.AudioContext) return;
    var ctx = new window.AudioContext(), tone = ctx.createOscillator(), gain = ctx.createGain();
    tone.frequency.value = 660; gain.gain.value = 0.08;
    tone.connect(gain); gain.connect(ctx.destination);
    tone.start(); tone.stop(ctx.currentTime + 0.35);
  }

  // With auto-advance on, each tab asks the server to move on half a second after its phase clock runs
  // out (at once for a tab opened late). The server moves on only if the phase really is over; its answer
  // (or the other tab's timer event) schedules the next ask, so a clock a moment ahead just asks again.
  var pending = null;
  function scheduleAdvance() {
    clearTimeout(pending);
    var phase = document.getElementById("phase-timer");
    var running = room.dataset.state === "live" && phase.dataset.paused !== "true";
    if (!running || phase.dataset.auto !== "true" || phase.dataset.last === "true") return;
    var left = Math.max(parseFloat(phase.dataset.remaining) || 0, 0);
    pending = setTimeout(function () { post({ action: "advance_due" }); }, left * 1000 + 500);
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
    else if (kind === "nudge") applyNudge(payload);
    else if (kind === "curveball") applyCurveball(payload);
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
    ["timer", "scratchpad", "joined", "created", "board", "nudge", "curveball"].forEach(function (kind) {
      source.addEventListener(kind, function (e) { handle(kind, JSON.parse(e.data), parseInt(e.lastEventId, 10)); });
    });
    source.onerror = function () {
      failures += 1;
      // EventSource reconnects by itself (sending Last-Event-ID); after repeated failures, poll instead.
      if (failures >= 3) { source.close(); startPolling(); }
    };
  }

  function post(fields) {
    var body = new FormData();
    Object.keys(fields).forEach(function (name) { body.append(name, fields[name]); });
    var error = document.getElementById("action-error");
    return fetch(room.dataset.action, {
      method: "POST", body: body, credentials: "same-origin",
      headers: { "X-CSRFToken": csrf(), "HX-Request": "true", "Accept": "application/json" }
    }).then(function (r) {
      return r.json().then(function (data) {
        if (!r.ok) { if (error) error.textContent = data.error || "That did not work."; return; }
        if (error) error.textContent = "";
        handle("timer", data);
      });
    }).catch(function () { if (error) error.textContent = "Offline: try again."; });
  }

  function setupActions() {
    room.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-action]");
      if (!button) return;
      var fields = { action: button.dataset.action };
      if (button.dataset.curveball) fields.curveball = button.dataset.curveball;
      post(fields);
    });
    var auto = document.getElementById("auto-advance");
    if (auto) auto.addEventListener("change", function () { post({ action: auto.checked ? "auto_on" : "auto_off" }); });
    var sound = document.getElementById("overrun-sound");
    if (sound) {
      sound.checked = window.localStorage.getItem("sdprep:chime") === "on";
      sound.addEventListener("change", function () { window.localStorage.setItem("sdprep:chime", sound.checked ? "on" : "off"); });
    }
    document.getElementById("phase-timer").addEventListener("sdprep:zero", chime);
  }

  document.addEventListener("DOMContentLoaded", function () {
    room = document.getElementById("room");
    if (!room) return;
    lastId = parseInt(room.dataset.lastEvent, 10) || 0;
    window.sdprepTimer(document.getElementById("timer"));
    window.sdprepTimer(document.getElementById("phase-timer"));
    window.sdprepDiagrams(document);
    setupActions();
    scheduleAdvance();
    connect();
  });
})();
