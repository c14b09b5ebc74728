/* Teach control: words selected in the transcript fill the "Words" box (scribe/web/teach.py).
   Loaded from this server only (CSP forbids inline script); htmx does the posting. */
(function () {
  "use strict";

  function selectedInTranscript() {
    var sel = window.getSelection();
    var transcript = document.getElementById("transcript");
    if (!sel || sel.isCollapsed || !transcript || sel.rangeCount === 0) { return ""; }
    var range = sel.getRangeAt(0);
    if (!transcript.contains(range.commonAncestorContainer)) { return ""; }
    return sel.toString().replace(/\s+/g, " ").replace(/^[\s.,;:!?]+|[\s.,;:!?]+$/g, "");
  }

  document.addEventListener("selectionchange", function () {
    var words = selectedInTranscript();
    var box = document.getElementById("teach-phrase");
    if (!words || !box || words.length > 60) { return; }
    box.value = words;
    var panel = document.getElementById("teach");
    if (panel) { panel.open = true; }
  });

  function showArea(form) {
    var what = form.querySelector("select[name=what]");
    if (what) { form.classList.toggle("is-area", what.value === "area"); }
  }

  document.addEventListener("change", function (ev) {
    if (ev.target.matches && ev.target.matches("select[name=what]")) { showArea(ev.target.closest("form")); }
  });
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("select[name=what]").forEach(function (s) { showArea(s.closest("form")); });
  });
}());
