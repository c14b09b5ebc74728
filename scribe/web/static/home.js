/* The home page's three ways in: dictate (microphone, sent while speaking), upload, type.
   Loaded from this server only (CSP: no inline script). Every request carries the page's CSRF
   token; the server answers JSON with either the new session's address or a plain sentence. */
(function () {
  "use strict";

  var RATE = 16000;  // what the speech model listens at; the server checks nothing else arrives
  var SEND_EVERY_MS = 1000;

  function csrf() {
    try { return JSON.parse(document.body.getAttribute("hx-headers"))["X-CSRF-Token"]; } catch (e) { return ""; }
  }
  function choice() {
    return { client: document.getElementById("start-client").value, payer: document.getElementById("start-payer").value };
  }
  function post(url, body, type) {
    var headers = { "X-CSRF-Token": csrf() };
    if (type) { headers["Content-Type"] = type; }
    return fetch(url, { method: "POST", headers: headers, body: body, credentials: "same-origin" })
      .then(function (r) {
        return r.json().catch(function () { return { error: "The server answered " + r.status + "." }; })
          .then(function (data) { if (!r.ok || data.error) { throw data; } return data; });
      });
  }
  function sentence(err) {
    if (err && err.error) { return err.error + (err.hint ? " " + err.hint : ""); }
    return "The app could not be reached; is it still running?";
  }

  // dictate --------------------------------------------------------------------------
  var button = document.getElementById("dictate");
  var status = document.getElementById("dictate-status");
  var live = document.getElementById("live-transcript");
  var clock = document.getElementById("dictate-time");
  var rec = null;

  function say(text) { status.textContent = text; }

  function toInt16(chunks) {
    var n = 0, i, j, k = 0;
    for (i = 0; i < chunks.length; i++) { n += chunks[i].length; }
    var out = new Int16Array(n);
    for (i = 0; i < chunks.length; i++) {
      for (j = 0; j < chunks[i].length; j++) {
        var v = Math.max(-1, Math.min(1, chunks[i][j]));
        out[k++] = v < 0 ? v * 0x8000 : v * 0x7fff;
      }
    }
    return out;
  }

  function send(r) {
    if (!r.buffer.length) { return r.chain; }
    var samples = toInt16(r.buffer);
    r.buffer = [];
    var seq = r.seq++;
    r.chain = r.chain.then(function () {
      return post("/dictate/" + r.id + "/piece?seq=" + seq, samples.buffer, "application/octet-stream");
    }).then(function (data) {
      if (data.text) { live.textContent = data.text; live.scrollTop = live.scrollHeight; }
    });
    r.chain.catch(function (err) { r.failed = err; say(sentence(err)); });
    return r.chain;
  }

  function startDictation() {
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
      say("This browser cannot record here; upload a voice memo instead."); return;
    }
    button.disabled = true;
    say("Starting the microphone…");
    var form = new FormData();
    var c = choice();
    form.append("client", c.client); form.append("payer", c.payer);
    var micPromise = navigator.mediaDevices.getUserMedia({
      audio: { channelCount: 1, echoCancellation: false, noiseSuppression: false, autoGainControl: false }
    });
    Promise.all([post("/dictate", form), micPromise]).then(function (both) {
      var ctx = new (window.AudioContext || window.webkitAudioContext)({ sampleRate: RATE });
      var source = ctx.createMediaStreamSource(both[1]);
      var node = ctx.createScriptProcessor(4096, 1, 1);
      rec = { id: both[0].id, stream: both[1], ctx: ctx, node: node, source: source, buffer: [], seq: 0,
              chain: Promise.resolve(), started: Date.now(), failed: null };
      node.onaudioprocess = function (ev) {
        if (rec) { rec.buffer.push(new Float32Array(ev.inputBuffer.getChannelData(0))); }
      };
      source.connect(node); node.connect(ctx.destination);
      if (ctx.resume) { ctx.resume(); }
      rec.timer = setInterval(function () {
        send(rec);
        var s = Math.round((Date.now() - rec.started) / 1000);
        clock.textContent = Math.floor(s / 60) + ":" + ("0" + (s % 60)).slice(-2);
      }, SEND_EVERY_MS);
      live.textContent = "";
      button.textContent = "Stop";
      button.setAttribute("aria-pressed", "true");
      button.classList.add("recording");
      button.disabled = false;
      button.focus();
      say("Recording. Speak now; press Stop when you are done.");
    }).catch(function (err) {
      micPromise.then(function (s) { s.getTracks().forEach(function (t) { t.stop(); }); }, function () {});
      button.disabled = false;
      say(err && err.name ? "The microphone could not be used (" + err.name + "). Allow it for this page, or upload a voice memo." : sentence(err));
    });
  }

  function stopDictation() {
    var r = rec;
    button.disabled = true;
    say("Finishing the transcript…");
    clearInterval(r.timer);
    r.node.disconnect(); r.source.disconnect();
    r.stream.getTracks().forEach(function (t) { t.stop(); });
    r.ctx.close();
    send(r);
    rec = null;
    r.chain.then(function () { return post("/dictate/" + r.id + "/stop", null); })
      .then(function (data) { say("Done; opening the session."); window.location.assign(data.url); })
      .catch(function (err) {
        say(sentence(err));
        button.textContent = "Dictate"; button.setAttribute("aria-pressed", "false");
        button.classList.remove("recording"); button.disabled = false;
      });
  }

  if (button) {
    button.addEventListener("click", function () { if (rec) { stopDictation(); } else { startDictation(); } });
  }

  // upload ---------------------------------------------------------------------------
  var fileInput = document.getElementById("audio-file");
  var uploadButton = document.getElementById("upload");
  var list = document.getElementById("uploads");

  function uploadOne(file) {
    var item = document.createElement("li");
    var name = document.createElement("span");
    name.textContent = file.name + " ";
    var bar = document.createElement("progress");
    bar.max = 100; bar.value = 0;
    bar.setAttribute("aria-label", "Uploading " + file.name);
    var note = document.createElement("span");
    note.className = "muted";
    item.appendChild(name); item.appendChild(note); item.appendChild(bar);
    list.appendChild(item);
    return new Promise(function (resolve) {
      var c = choice();
      var xhr = new XMLHttpRequest();
      xhr.open("POST", "/new/upload?name=" + encodeURIComponent(file.name) + "&client=" +
               encodeURIComponent(c.client) + "&payer=" + encodeURIComponent(c.payer));
      xhr.setRequestHeader("X-CSRF-Token", csrf());
      xhr.setRequestHeader("Content-Type", "application/octet-stream");
      xhr.upload.onprogress = function (ev) {
        if (ev.lengthComputable) { bar.value = Math.round(90 * ev.loaded / ev.total); note.textContent = "uploading "; }
      };
      xhr.upload.onload = function () { bar.value = 90; note.textContent = "transcribing… "; };
      xhr.onload = function () {
        var data = {};
        try { data = JSON.parse(xhr.responseText); } catch (e) { data = { error: "The server answered " + xhr.status + "." }; }
        bar.value = 100;
        if (xhr.status === 200 && data.url) {
          note.textContent = "";
          var a = document.createElement("a");
          a.href = data.url; a.textContent = "open the session (" + data.lines + " claim line" + (data.lines === 1 ? "" : "s") + ")";
          item.replaceChild(a, bar);
          resolve(data.url);
        } else {
          note.textContent = sentence(data); note.className = "error";
          item.removeChild(bar);
          resolve(null);
        }
      };
      xhr.onerror = function () { note.textContent = sentence(null); note.className = "error"; resolve(null); };
      xhr.send(file);
    });
  }

  function uploadAll(files) {
    if (!files || !files.length) {
      list.innerHTML = "";
      var li = document.createElement("li"); li.className = "error";
      li.textContent = "Choose one or more audio files first."; list.appendChild(li);
      return;
    }
    uploadButton.disabled = true;
    var done = [], chain = Promise.resolve();
    Array.prototype.forEach.call(files, function (f) {
      chain = chain.then(function () { return uploadOne(f); }).then(function (url) { if (url) { done.push(url); } });
    });
    chain.then(function () {
      uploadButton.disabled = false;
      if (files.length === 1 && done.length === 1) { window.location.assign(done[0]); }
    });
  }

  if (uploadButton) {
    uploadButton.addEventListener("click", function () { uploadAll(fileInput.files); });
    var hint = document.getElementById("drop-hint");
    var depth = 0;
    document.addEventListener("dragenter", function (ev) { ev.preventDefault(); depth++; hint.hidden = false; });
    document.addEventListener("dragleave", function () { depth = Math.max(0, depth - 1); if (!depth) { hint.hidden = true; } });
    document.addEventListener("dragover", function (ev) { ev.preventDefault(); });
    document.addEventListener("drop", function (ev) {
      ev.preventDefault(); depth = 0; hint.hidden = true;
      if (ev.dataTransfer && ev.dataTransfer.files.length) { uploadAll(ev.dataTransfer.files); }
    });
  }
})();

/* Plain forms that change something (typed note, week download) are sent by script: a browser
   posting a form itself says "Origin: null" under this app's no-referrer policy, which the guard
   refuses, while a script's request names the page's origin and carries the CSRF header. */
(function () {
  "use strict";

  function csrf() {
    try { return JSON.parse(document.body.getAttribute("hx-headers"))["X-CSRF-Token"]; } catch (e) { return ""; }
  }

  function show(form, text) {
    var box = form.querySelector("[data-form-message]");
    box.textContent = text;
    box.hidden = false;
    box.focus();
  }

  function filename(response) {
    var m = /filename="?([^";]+)"?/.exec(response.headers.get("Content-Disposition") || "");
    return m ? decodeURIComponent(m[1]) : "scribe-export";
  }

  document.addEventListener("submit", function (ev) {
    var form = ev.target.closest("form[data-fetch]");
    if (!form) { return; }
    ev.preventDefault();
    var button = ev.submitter || form.querySelector("[type=submit]");
    if (button) { button.disabled = true; }
    var body = new URLSearchParams(new FormData(form));
    fetch(form.getAttribute("action"), {
      method: "POST", body: body, credentials: "same-origin",
      headers: { "X-CSRF-Token": csrf(), "Content-Type": "application/x-www-form-urlencoded" }
    }).then(function (r) {
      if (r.ok && /attachment/.test(r.headers.get("Content-Disposition") || "")) {
        return r.blob().then(function (blob) {
          var a = document.createElement("a");
          a.href = URL.createObjectURL(blob);
          a.download = filename(r);
          document.body.appendChild(a); a.click(); a.remove();
          show(form, "Downloaded " + a.download + ".");
        });
      }
      if (r.ok && r.redirected) { window.location.assign(r.url); return null; }
      return r.text().then(function (html) {
        var doc = new DOMParser().parseFromString(html, "text/html");
        var msg = doc.querySelector(".msg.error") || doc.querySelector("p");
        show(form, msg ? msg.textContent.trim() : "The server answered " + r.status + ".");
      });
    }).catch(function () {
      show(form, "The app could not be reached; is it still running?");
    }).then(function () { if (button) { button.disabled = false; } });
  });
})();
