// Autosave for forms marked data-autosave: 1.5 s after typing stops, on blur and when the page is hidden.
// Each save sends the version it started from; the server refuses a stale one (409) and the text stays.
(function () {
  "use strict";
  var DELAY = 1500, RETRY = 3000;

  function setup(form) {
    var status = document.getElementById(form.dataset.status || "note-status");
    var preview = document.getElementById(form.dataset.preview || "note-preview");
    var version = form.querySelector("input[name=version]");
    var timer = null, inFlight = false, dirty = false, conflict = false;
    var delay = parseInt(form.dataset.delay, 10) || DELAY;

    function show(text, state) {
      if (!status) return;
      status.textContent = text;
      status.dataset.state = state;
    }

    function retry(text) {
      dirty = true; show(text, "offline"); timer = setTimeout(save, RETRY);
    }

    // After signing in again (in another tab) the page's CSRF token is stale: read the new one from a
    // fresh copy of this page and use it for the next try.
    function refreshToken() {
      return fetch(location.href, { credentials: "same-origin" }).then(function (r) { return r.text(); })
        .then(function (html) {
          var match = /name="csrfmiddlewaretoken" value="([^"]+)"/.exec(html);
          if (!match) return;
          document.querySelectorAll("[name=csrfmiddlewaretoken]").forEach(function (input) {
            input.value = match[1];
          });
        }).catch(function () {});
    }

    function save(opts) {
      clearTimeout(timer);
      if (conflict || !dirty) return;
      if (inFlight) { timer = setTimeout(save, 300); return; }
      inFlight = true; dirty = false;
      show("Saving…", "saving");
      fetch(form.action, {
        method: "POST", body: new FormData(form), credentials: "same-origin",
        headers: { "X-CSRFToken": form.querySelector("[name=csrfmiddlewaretoken]").value, "Accept": "application/json" },
        keepalive: !!(opts && opts.keepalive), redirect: "manual"
      }).then(function (response) {
        if (response.type === "opaqueredirect") {
          // The session has ended (idle or too old): sign-in is where a redirect leads. Nothing was
          // stored, so keep the text and keep trying; it is saved once the user has signed in again.
          inFlight = false;
          retry("Signed out: not saved. Sign in again in another tab; your text stays here and is saved then.");
          return;
        }
        return response.json().catch(function () { return null; }).then(function (data) {
          inFlight = false;
          if (data === null && response.status === 403) {
            refreshToken().then(function () { retry("Not saved yet: retrying…"); });
            return;
          }
          data = data || {};
          if (response.ok && data.version !== undefined) {
            version.value = data.version;
            if (preview && data.html !== undefined) {
              preview.innerHTML = data.html || "";
              window.sdprepDiagrams(preview);
            }
            show(dirty ? "Unsaved changes…" : "Saved", dirty ? "dirty" : "saved");
            if (dirty) timer = setTimeout(save, delay);
          } else if (response.status === 409) {
            conflict = true;
            show(data.error || "Changed elsewhere: not saved.", "conflict");
          } else if (response.status >= 500 || response.ok) {
            retry("Server error — retrying…");
          } else {
            show(data.error || "Not saved.", "error");
          }
        });
      }).catch(function () {
        inFlight = false;
        retry("Offline — retrying…");
      });
    }

    // Lets another script (the finish button) wait until everything typed is stored.
    form.flushAutosave = function () {
      save();
      return new Promise(function (resolve) {
        (function wait() {
          if (conflict || (!inFlight && !dirty)) resolve(!conflict);
          else setTimeout(wait, 100);
        })();
      });
    };

    form.addEventListener("input", function () {
      dirty = true;
      if (!conflict) show("Unsaved changes…", "dirty");
      clearTimeout(timer);
      timer = setTimeout(save, delay);
    });
    form.addEventListener("focusout", function () { save(); });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var submitter = event.submitter;
      if (submitter && submitter.hasAttribute("data-native-submit")) {
        // A real form post (e.g. "Submit to the candidate"), sent once every pending save has landed,
        // so it carries the current version and is not refused as coming from a stale tab.
        form.flushAutosave().then(function (ok) {
          if (!ok) return;
          var flag = document.createElement("input");
          flag.type = "hidden"; flag.name = submitter.name; flag.value = submitter.value || "1";
          form.appendChild(flag);
          HTMLFormElement.prototype.submit.call(form);  // a control named "submit" shadows form.submit
        });
        return;
      }
      dirty = true;
      save();
    });
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "hidden") save({ keepalive: true });
    });
    window.addEventListener("pagehide", function () { save({ keepalive: true }); });
    window.addEventListener("beforeunload", function (event) {
      if (dirty || inFlight) { event.preventDefault(); event.returnValue = ""; }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form[data-autosave]").forEach(setup);
  });
})();
