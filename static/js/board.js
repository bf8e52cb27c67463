// The whiteboard (Excalidraw, vendored under static/vendor/excalidraw): the shared board of a live mock,
// the solo board of a practice attempt, and the read-only board the replay drives.
(function () {
  "use strict";
  var SEND_EVERY_MS = 100;  // at most ~10 sends a second while drawing
  var SOLO_SAVE_DELAY_MS = 800;

  function csrf() { var input = document.querySelector("[name=csrfmiddlewaretoken]"); return input ? input.value : ""; }
  function setText(id, text) { var el = document.getElementById(id); if (el) el.textContent = text; }

  function post(url, body) {
    return fetch(url, {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "Accept": "application/json", "X-CSRFToken": csrf() },
      body: JSON.stringify(body)
    }).then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (data) { return { ok: r.ok, status: r.status, data: data }; });
    });
  }

  // The shared board: each change sends only the elements whose version rose since they were last sent.
  function shared(root, board) {
    var sent = {}, timer = null, inflight = false;
    board.getElements().forEach(function (e) { sent[e.id] = e.version; });
    function flush() {
      timer = null;
      if (inflight) { timer = setTimeout(flush, SEND_EVERY_MS); return; }
      var delta = board.getElements().filter(function (e) { return (sent[e.id] || 0) < e.version; });
      if (!delta.length) return;
      var before = {};
      delta.forEach(function (e) { before[e.id] = sent[e.id] || 0; sent[e.id] = e.version; });
      inflight = true;
      setText("board-status", "Saving…");
      post(root.dataset.url, { elements: delta }).then(function (res) {
        inflight = false;
        if (res.ok) { setText("board-status", "Saved"); setText("board-error", ""); root.dataset.version = res.data.version; return; }
        delta.forEach(function (e) { if (sent[e.id] === e.version) sent[e.id] = before[e.id]; });
        setText("board-status", "Not saved");
        setText("board-error", res.data.error || "The board could not be saved.");
        if (res.status >= 500) timer = setTimeout(flush, 1000);
      }).catch(function () {
        inflight = false;
        delta.forEach(function (e) { if (sent[e.id] === e.version) sent[e.id] = before[e.id]; });
        setText("board-status", "Offline: retrying");
        timer = setTimeout(flush, 1000);
      });
    }
    function receive(payload) {
      var elements = payload.elements || [];
      board.applyRemote(elements);
      // What arrived is already on the server: never echo it back.
      elements.forEach(function (e) { sent[e.id] = Math.max(sent[e.id] || 0, e.version); });
      root.dataset.remoteVersion = payload.version;
    }
    return { receive: receive, onChange: function () { if (!timer) timer = setTimeout(flush, SEND_EVERY_MS); } };
  }

  // The solo board: the whole scene, saved with the version it started from; a stale tab is refused.
  function solo(root, board) {
    var timer = null, seen = signature(board.getElements()), stopped = false;
    function signature(elements) { return elements.map(function (e) { return e.id + ":" + e.version; }).join(","); }
    function save() {
      timer = null;
      var elements = board.getElements(), now = signature(elements);
      if (now === seen || stopped) return;
      setText("board-status", "Saving…");
      post(root.dataset.url, { elements: elements, version: parseInt(root.dataset.version, 10) }).then(function (res) {
        if (res.ok) { seen = now; root.dataset.version = res.data.version; setText("board-status", "Saved"); setText("board-error", ""); return; }
        if (res.status === 409) stopped = true;  // another tab saved first: keep this drawing on screen, save nothing
        setText("board-status", "Not saved");
        setText("board-error", res.data.error || "The board could not be saved.");
      }).catch(function () { setText("board-status", "Offline: retrying"); timer = setTimeout(save, 2000); });
    }
    return { onChange: function () { if (timer) clearTimeout(timer); timer = setTimeout(save, SOLO_SAVE_DELAY_MS); } };
  }

  function mermaidBlocks(form) {
    var blocks = [], fence = /```mermaid\s*\n([\s\S]*?)```/g;
    form.querySelectorAll("textarea").forEach(function (area) {
      var match;
      while ((match = fence.exec(area.value))) blocks.push(match[1]);
    });
    return blocks;
  }

  function setupMermaid(board) {
    var button = document.querySelector("[data-board-mermaid]");
    if (!button) return;
    button.addEventListener("click", function () {
      var form = document.getElementById(button.dataset.boardMermaid);
      var blocks = form ? mermaidBlocks(form) : [];
      if (!blocks.length) { setText("board-error", "No mermaid diagram in your sections yet: add one in a ```mermaid block."); return; }
      button.disabled = true;
      setText("board-status", "Converting…");
      Promise.all(blocks.map(function (code) { return window.SdprepBoard.mermaidToElements(code); })).then(function (scenes) {
        var offset = 0, existing = board.getElements().filter(function (e) { return !e.isDeleted; });
        existing.forEach(function (e) { offset = Math.max(offset, e.x + (e.width || 0) + 80); });
        scenes.forEach(function (elements) {
          var right = offset;
          elements.forEach(function (e) { e.x += offset; right = Math.max(right, e.x + (e.width || 0) + 80); });
          offset = right;
          board.setElements(board.getElements().concat(elements));
        });
        setText("board-error", "");
        setText("board-status", "Converted " + blocks.length + (blocks.length === 1 ? " diagram" : " diagrams"));
      }).catch(function (error) {
        setText("board-error", "That mermaid could not be converted: " + (error && error.message ? error.message : "check its syntax") + ".");
      }).then(function () { button.disabled = false; });
    });
  }

  // A few of Excalidraw's icon buttons have no accessible name (its main menu): give them one.
  var NAMES = { "main-menu-trigger": "Board menu" };
  function nameButtons(root) {
    root.querySelectorAll("button:not([aria-label])").forEach(function (button) {
      if (button.textContent.trim()) return;
      var name = NAMES[button.dataset.testid] || button.title || (button.dataset.testid || "").replace(/-/g, " ");
      if (name) button.setAttribute("aria-label", name);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var root = document.getElementById("board");
    if (!root || !window.SdprepBoard) return;
    var mode = root.dataset.mode, editable = root.dataset.editable === "true";
    var initial = JSON.parse(document.getElementById("board-elements").textContent || "null") || [];
    var sync = null, pending = [];
    // Board changes can arrive while Excalidraw is still loading: keep them until it is ready.
    document.addEventListener("sdprep:event", function (event) {
      if (event.detail.kind !== "board") return;
      if (sync && sync.receive) sync.receive(event.detail.payload); else pending.push(event.detail.payload);
    });
    var board = window.SdprepBoard.mount(root, {
      initialElements: initial,
      viewModeEnabled: !editable,
      theme: window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light",
      onChange: function () { if (sync) sync.onChange(); }
    });
    new MutationObserver(function () { nameButtons(root); }).observe(root, { childList: true, subtree: true });
    board.ready.then(function () {
      nameButtons(root);
      if (editable && window.sdprepBoardLibrary) board.addLibraryItems(window.sdprepBoardLibrary(window.SdprepBoard));
      if (mode === "mock") {
        sync = shared(root, board);
        pending.splice(0).forEach(sync.receive);
      } else if (mode === "attempt" && editable) sync = solo(root, board);
      if (editable) setupMermaid(board);
      root.dataset.ready = "true";
      window.sdprepBoard = board;  // the replay and the browser tests drive it
      document.dispatchEvent(new CustomEvent("sdprep:board-ready", { detail: board }));
    });
  });
})();
