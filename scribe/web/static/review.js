/* Scribe review page behaviour: play from evidence, keyboard shortcuts, save state.
   Loaded from this server only (CSP forbids inline script); htmx does the saving. */
(function () {
  "use strict";

  function player() { return document.getElementById("player"); }

  function flash(el) {
    el.classList.remove("flash");
    void el.offsetWidth; // restart the animation
    el.classList.add("flash");
  }

  function showInTranscript(charStart) {
    var pieces = document.querySelectorAll("#transcript [data-start]");
    for (var i = 0; i < pieces.length; i++) {
      var p = pieces[i];
      if (+p.dataset.start <= charStart && charStart < +p.dataset.end) {
        p.scrollIntoView({ block: "center", behavior: "smooth" });
        flash(p);
        return;
      }
    }
  }

  function playFrom(seconds) {
    var p = player();
    if (!p || isNaN(seconds)) { return; }
    p.currentTime = seconds;
    var started = p.play();
    if (started && started.catch) { started.catch(function () { /* autoplay refused: position is still set */ }); }
  }

  document.addEventListener("click", function (ev) {
    var reload = ev.target.closest("[data-action=reload]");
    if (reload) { window.location.reload(); return; }
    var toast = ev.target.closest("#messages .msg");
    if (toast) { toast.remove(); return; } // dismiss a message by clicking it
    var el = ev.target.closest("button[data-audio-start], button[data-char-start]");
    if (!el) { return; }
    var chars = el.getAttribute("data-char-start");
    if (chars !== null && chars !== "" && !el.closest("#transcript")) { showInTranscript(+chars); }
    var at = el.getAttribute("data-audio-start");
    if (at !== null && at !== "") { playFrom(parseFloat(at)); }
  });

  function typing(target) {
    return target.closest("input, textarea, select, [contenteditable]") !== null;
  }

  document.addEventListener("keydown", function (ev) {
    if (ev.altKey && (ev.key === "z" || ev.key === "Z")) {
      var undo = document.getElementById("undo");
      if (undo) { ev.preventDefault(); undo.click(); }
      return;
    }
    if (ev.ctrlKey || ev.metaKey || ev.altKey || typing(ev.target)) { return; }
    var p = player();
    if (!p) { return; }
    if (ev.key === "k") { if (p.paused) { p.play(); } else { p.pause(); } ev.preventDefault(); }
    else if (ev.key === "j") { p.currentTime = Math.max(0, p.currentTime - 5); ev.preventDefault(); }
    else if (ev.key === "l") { p.currentTime = p.currentTime + 5; ev.preventDefault(); }
  });

  // Save what is being typed when the tab is hidden or closed (change fires on blur).
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden" && document.activeElement && typing(document.activeElement)) {
      document.activeElement.blur();
    }
  });

  // After an export, the server names the file to download (HX-Trigger); the page stays.
  document.addEventListener("scribe:download", function (ev) {
    if (ev.detail && typeof ev.detail.url === "string" && ev.detail.url.charAt(0) === "/") {
      window.location.assign(ev.detail.url);
    }
  });

  // "They were different areas" / "Add the areas": open that line's area checkboxes and focus the first.
  document.addEventListener("click", function (ev) {
    var btn = ev.target.closest("[data-action=edit-areas]");
    if (!btn) { return; }
    var box = document.getElementById(btn.getAttribute("data-target"));
    if (!box) { return; }
    box.open = true;
    box.scrollIntoView({ block: "center" });
    var first = box.querySelector("input[type=checkbox]:checked") || box.querySelector("input");
    if (first) { first.focus(); }
  });

  // Keep focus (and open area lists) across a save: the panels are re-rendered out of band, so
  // the element that had focus is replaced by a fresh copy with the same id; focus that copy.
  var kept = null;
  function remember() {
    var el = document.activeElement;
    if (kept === null) {
      kept = { id: el && el.id ? el.id : null, open: [] };
      var open = document.querySelectorAll("details[open][id]");
      for (var i = 0; i < open.length; i++) { kept.open.push(open[i].id); }
    }
  }
  function restore() {
    if (kept === null) { return; }
    var state = kept;
    kept = null;
    for (var i = 0; i < state.open.length; i++) {
      var d = document.getElementById(state.open[i]);
      if (d) { d.open = true; }
    }
    var active = document.activeElement;
    if (active && active !== document.body && document.contains(active)) { return; }
    var target = state.id ? document.getElementById(state.id) : null;
    if (!target || target.disabled) {
      // the button pressed is gone (its fix is done): go on to Confirm, else to what still blocks
      var confirm = document.getElementById("confirm-btn");
      target = confirm && !confirm.disabled ? confirm : document.querySelector(".finding.blocking:not(.overridden)");
    }
    if (target) { target.focus({ preventScroll: true }); }
  }
  document.addEventListener("htmx:beforeSwap", remember);
  document.addEventListener("htmx:oobBeforeSwap", remember);
  document.addEventListener("htmx:afterSettle", function () { setTimeout(restore, 0); });
  document.addEventListener("htmx:oobAfterSwap", function () { setTimeout(restore, 0); });

  // A form swapped in is wired up by htmx a moment later (at settle). Enter pressed in that
  // moment would submit it the browser's way: a page reload that drops the change (Confirm did
  // nothing). htmx cancels every submit it handles, so one that reaches here uncancelled is one
  // it has not seen yet: wire the form now and hand the submit to htmx.
  document.addEventListener("submit", function (ev) {
    var form = ev.target;
    if (ev.defaultPrevented || !window.htmx || !form.matches || !form.matches("form[hx-post], form[hx-get]")) { return; }
    ev.preventDefault();
    window.htmx.process(form);
    window.htmx.trigger(form, "submit");
  });

  // The same moment for a field saved on change: an edit typed into a field htmx has not wired
  // yet (swapped in a moment ago) would be dropped. A change that bubbles up from such a field
  // (or from a form saved on change) is handed to htmx once it is wired. Listening after the
  // event has passed the field means htmx's own listener, added now, cannot see it twice.
  document.addEventListener("change", function (ev) {
    if (!window.htmx || !ev.target.closest) { return; }
    var saver = ev.target.closest("[hx-post][hx-trigger~='change']");
    if (!saver) { return; }
    var data = saver["htmx-internal-data"];
    if (data && data.initHash) { return; }
    window.htmx.process(saver);
    window.htmx.trigger(saver, "change");
  });

  var inFlight = 0;
  document.addEventListener("htmx:beforeRequest", function (ev) {
    inFlight += 1;
    if (ev.target.removeAttribute) { ev.target.removeAttribute("aria-invalid"); }
  });
  document.addEventListener("htmx:afterRequest", function (ev) {
    inFlight = Math.max(0, inFlight - 1);
    if (ev.detail && ev.detail.failed && ev.target.setAttribute && typing(ev.target)) {
      ev.target.setAttribute("aria-invalid", "true"); // the typed value stays so nothing is lost
    }
    var field = ev.target.closest && ev.target.closest("form.field");
    var input = field && field.querySelector("input[name=value], select[name=value]");
    if (input) { input.setAttribute("aria-invalid", ev.detail && ev.detail.failed ? "true" : "false"); }
  });
  window.addEventListener("beforeunload", function (ev) {
    if (inFlight > 0) { ev.preventDefault(); ev.returnValue = ""; }
  });
})();
