/* docproc officers' page: drop zone, per-file uploads with progress, ~1 s polling, live checklist. No build step. */
(function () {
  "use strict";
  var meta = document.querySelector('meta[name="csrf-token"]');
  var CSRF = meta ? meta.content : "";
  var STEPS = ["received", "queued", "reading", "checking", "done"];
  var PARALLEL = 2;
  var POLL_MS = 1000;

  // Dropping a file outside the zone must not navigate away from the page.
  window.addEventListener("dragover", function (e) { e.preventDefault(); });
  window.addEventListener("drop", function (e) { e.preventDefault(); });

  // Controls of the server-rendered pages get their behaviour here: the CSP allows no inline handler.
  document.addEventListener("click", function (e) {
    if (e.target.closest && e.target.closest("[data-print]")) { window.print(); }
  });
  document.addEventListener("change", function (e) {
    var box = document.getElementById("checklist");
    if (e.target.id === "show-na" && box) { box.classList.toggle("with-na", e.target.checked); }
  });

  // A link to an item folded among the passes unfolds it (jump links, and the anchor after an override).
  function revealTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id && document.getElementById(id);
    if (!target) { return; }
    for (var d = target.closest("details"); d; d = d.parentElement && d.parentElement.closest("details")) { d.open = true; }
    target.scrollIntoView();
  }
  window.addEventListener("hashchange", revealTarget);
  if (location.hash) { revealTarget(); }

  // A form the server refused comes back with the reason beside the field: bring it into view.
  var refused = document.querySelector(".field-error[role=alert]");
  if (refused) {
    for (var d = refused.closest("details"); d; d = d.parentElement && d.parentElement.closest("details")) { d.open = true; }
    refused.scrollIntoView({ block: "center" });
  }

  // Disabling a user (and any form marked data-confirm) asks first.
  document.addEventListener("submit", function (e) {
    var form = e.target.closest ? e.target.closest("form[data-confirm]") : null;
    if (form && !window.confirm(form.dataset.confirm)) { e.preventDefault(); }
  });

  viewerControls();
  highlightOnHover();
  var ws = document.getElementById("workspace");
  if (!ws) { return; }
  var T = JSON.parse(document.getElementById("i18n").textContent);
  var list = document.getElementById("files");
  var emptyNote = document.getElementById("files-empty");
  var newForm = document.getElementById("new-form");
  var waiting = [];      // files chosen before the application exists
  var queue = [];        // [file, row] waiting for an upload slot
  var active = 0;
  var timer = null;
  var tmpSeq = 0;

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function makeRow(id, name) {
    var li = el("li", "file");
    li.dataset.id = id;
    li.appendChild(el("span", "file-thumb-box"));
    var main = el("div", "file-main");
    main.appendChild(el("span", "file-name", name));
    main.appendChild(el("span", "file-kind small"));
    li.appendChild(main);
    var steps = el("ol", "steps");
    STEPS.forEach(function (s) { var step = el("li", "", T[s]); step.dataset.step = s; steps.appendChild(step); });
    li.appendChild(steps);
    li.appendChild(el("span", "badge file-state"));
    li.appendChild(el("span", "file-actions"));
    li.appendChild(el("div", "file-error"));
    list.appendChild(li);
    emptyNote.hidden = true;
    return li;
  }

  function setState(li, shown, error) {
    li.dataset.state = shown;
    var badge = li.querySelector(".file-state");
    badge.className = "badge file-state fs-" + shown;
    badge.textContent = T[shown] || shown;
    var at = STEPS.indexOf(shown);
    li.querySelectorAll(".steps li").forEach(function (step, i) {
      step.classList.toggle("past", at >= 0 && i < at);
      step.classList.toggle("now", i === at);
    });
    li.querySelector(".file-error").textContent = error || "";
  }

  function setBar(li, fraction) {
    var bar = li.querySelector(".bar");
    if (!bar) { bar = el("div", "bar"); bar.appendChild(el("span")); li.appendChild(bar); }
    bar.firstChild.style.width = Math.round(fraction * 100) + "%";
    if (fraction >= 1) { bar.remove(); }
  }

  function serverRow(row, replacing) {
    var li = list.querySelector('li[data-id="' + row.id + '"]');
    if (!li) {
      li = replacing || makeRow(row.id, row.filename);
      li.dataset.id = row.id;
    }
    var main = li.querySelector(".file-main");
    var kind = main.querySelector(".file-kind");
    if (kind) { kind.textContent = row.kind || ""; }
    var thumbBox = li.querySelector(".file-thumb-box");
    if (thumbBox && row.thumb_url && !thumbBox.querySelector("img")) {
      var thumb = el("img", "file-thumb");
      thumb.src = row.thumb_url;
      thumb.alt = row.filename;
      thumbBox.appendChild(thumb);
    }
    if (row.parent && !main.querySelector(".from")) {
      main.appendChild(el("span", "muted small from", T.from + " " + row.parent));
    }
    var actions = li.querySelector(".file-actions");
    if (!actions.querySelector("a")) {
      var link = el("a", "icon-link", "⤓");
      link.href = row.download_url;
      link.title = T.download;
      actions.appendChild(link);
      if (!row.archive) { actions.appendChild(reprocessButton(row.reprocess_url)); }
    }
    setState(li, row.shown, row.error || row.note);
    return li;
  }

  function reprocessButton(url) {
    var button = el("button", "link small", "↻");
    button.type = "button";
    button.title = T.reprocess;
    button.addEventListener("click", function () {
      fetch(url, { method: "POST", credentials: "same-origin",
                   headers: { Accept: "application/json", "X-CSRF-Token": CSRF } }).then(poll);
    });
    return button;
  }

  function addFiles(files) {
    Array.prototype.forEach.call(files, function (file) {
      var li = makeRow("tmp-" + (++tmpSeq), file.name);
      if (ws.dataset.uploadUrl) {
        setState(li, "uploading");
        queue.push([file, li]);
        markBusy();
      } else {
        setState(li, "waiting");
        waiting.push([file, li]);
      }
    });
    pump();
  }

  function markBusy() {
    var overall = document.getElementById("overall-status");
    if (overall) { overall.innerHTML = '<span class="badge st-processing">' + T.processing + "</span>"; }
  }

  function pump() {
    while (active < PARALLEL && queue.length) {
      var next = queue.shift();
      active += 1;
      upload(next[0], next[1]);
    }
  }

  function upload(file, li) {
    setState(li, "uploading");
    var xhr = new XMLHttpRequest();
    xhr.open("POST", ws.dataset.uploadUrl);
    xhr.setRequestHeader("X-CSRF-Token", CSRF);
    xhr.setRequestHeader("Accept", "application/json");
    xhr.upload.onprogress = function (e) { if (e.lengthComputable) { setBar(li, e.loaded / e.total); } };
    xhr.onload = function () {
      var body = null;
      try { body = JSON.parse(xhr.responseText); } catch (err) { body = null; }
      setBar(li, 1);
      if (body && body.files && body.files.length) {
        body.files.forEach(function (row, i) { serverRow(row, i === 0 ? li : null); });
      } else {
        var why = body && ((body.rejected && body.rejected[0] && (body.rejected[0].message || body.rejected[0].detail)) || body.detail);
        setState(li, "error", why || (T.upload_failed + " (HTTP " + xhr.status + ")"));
      }
      done();
    };
    xhr.onerror = function () { setState(li, "error", T.upload_failed); done(); };
    var data = new FormData();
    data.append("file", file, file.name);
    xhr.send(data);
  }

  function done() {
    active -= 1;
    pump();
    poll();
  }

  function poll() {
    if (timer) { return; }
    timer = setTimeout(tick, POLL_MS);
  }

  function tick() {
    fetch(ws.dataset.statusUrl, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (r) { if (!r.ok) { throw new Error("HTTP " + r.status); } return r.json(); })
      .then(function (state) {
        timer = null;
        state.files.forEach(function (row) { serverRow(row); });
        var name = document.getElementById("applicant-name");
        if (name && state.applicant) { name.textContent = state.applicant; }
        var overall = document.getElementById("overall-status");
        if (overall) { overall.innerHTML = '<span class="badge st-' + state.status + '">' + state.status_label + "</span>"; }
        var version = state.checklist_version || "";
        var refresh = version !== (ws.dataset.checklistVersion || "") && !state.busy;
        var next = refresh ? refreshChecklist(version) : Promise.resolve();
        next.then(function () {
          if (state.busy || active || queue.length) { poll(); }
        });
      })
      .catch(function () { timer = null; setTimeout(poll, 3 * POLL_MS); });
  }

  function refreshChecklist(version) {
    var box = document.getElementById("checklist");
    var typing = box.querySelector("textarea:focus");
    if (typing && typing.value) { return Promise.resolve(); }
    return fetch(ws.dataset.checklistUrl, { credentials: "same-origin" })
      .then(function (r) { return r.text(); })
      .then(function (html) {
        var kept = typedForms(box);
        box.innerHTML = html;
        box.hidden = false;
        ws.dataset.checklistVersion = version;
        restoreTyped(box, kept);
        var toggle = document.getElementById("show-na");
        if (toggle) { toggle.checked = box.classList.contains("with-na"); }
      });
  }

  // What an officer typed into the checklist's forms, and which folds were open, survive a new checklist.
  function typedForms(box) {
    var kept = { text: {}, open: [] };
    box.querySelectorAll("form textarea").forEach(function (t) {
      if (t.value) { kept.text[t.form.getAttribute("action")] = [t.value, t.form.querySelector("select") && t.form.querySelector("select").value]; }
    });
    box.querySelectorAll("details[open]").forEach(function (d) {
      var item = d.closest("[data-check]");
      kept.open.push((item ? item.dataset.check : "") + "|" + d.className + "|" + (d.closest(".group") || {}).dataset.category);
    });
    return kept;
  }

  function restoreTyped(box, kept) {
    box.querySelectorAll("details").forEach(function (d) {
      var item = d.closest("[data-check]");
      var key = (item ? item.dataset.check : "") + "|" + d.className + "|" + (d.closest(".group") || {}).dataset.category;
      if (kept.open.indexOf(key) >= 0) { d.open = true; }
    });
    box.querySelectorAll("form textarea").forEach(function (t) {
      var saved = kept.text[t.form.getAttribute("action")];
      if (!saved) { return; }
      t.value = saved[0];
      var select = t.form.querySelector("select");
      if (select && saved[1]) { select.value = saved[1]; }
      for (var d = t.closest("details"); d; d = d.parentElement && d.parentElement.closest("details")) { d.open = true; }
    });
  }

  function showErrors(errors) {
    newForm.querySelectorAll(".field-error.js").forEach(function (n) { n.remove(); });
    Object.keys(errors).forEach(function (name) {
      var input = newForm.querySelector('[name="' + name + '"]');
      if (input) { input.closest("label, fieldset").appendChild(el("span", "field-error js", errors[name])); }
    });
  }

  function create(e) {
    e.preventDefault();
    var button = document.getElementById("create-button");
    button.disabled = true;
    var data = new FormData(newForm);
    data.delete("file");
    fetch(newForm.action, {
      method: "POST", body: data, credentials: "same-origin",
      headers: { Accept: "application/json", "X-CSRF-Token": CSRF }
    }).then(function (r) { return r.json().then(function (body) { return [r.status, body]; }); })
      .then(function (result) {
        var status = result[0], body = result[1];
        if (status !== 201) { button.disabled = false; showErrors(body.errors || {}); return; }
        ws.dataset.application = body.id;
        ws.dataset.uploadUrl = body.upload_url;
        ws.dataset.statusUrl = body.status_url;
        ws.dataset.checklistUrl = body.url + "/checklist.part";
        history.replaceState(null, "", body.url);
        document.getElementById("app-header").innerHTML = body.header_html;
        var zone = document.getElementById("dropzone");
        newForm.parentNode.insertBefore(zone, newForm);
        zone.classList.add("after-create");
        newForm.remove();
        newForm = null;
        document.getElementById("checklist").hidden = false;
        waiting.forEach(function (pair) { setState(pair[1], "uploading"); queue.push(pair); });
        if (queue.length) { markBusy(); }
        waiting = [];
        pump();
        poll();
      })
      .catch(function () { button.disabled = false; });
  }

  var zone = document.getElementById("dropzone");
  var input = document.getElementById("file-input");
  if (zone && input) {
    ["dragenter", "dragover"].forEach(function (type) {
      zone.addEventListener(type, function (e) { e.preventDefault(); zone.classList.add("over"); });
    });
    zone.addEventListener("dragleave", function () { zone.classList.remove("over"); });
    zone.addEventListener("keydown", function (e) {  // a role=button answers Enter and Space like a button
      if (e.target === zone && (e.key === "Enter" || e.key === " ")) { e.preventDefault(); input.click(); }
    });
    zone.addEventListener("drop", function (e) {
      e.preventDefault();
      e.stopPropagation();
      zone.classList.remove("over");
      if (e.dataTransfer && e.dataTransfer.files.length) { addFiles(e.dataTransfer.files); }
    });
    input.addEventListener("change", function () {
      addFiles(input.files);
      input.value = "";
    });
  }
  if (newForm) { newForm.addEventListener("submit", create); }
  var upForm = document.getElementById("upload-form");
  if (upForm) { upForm.addEventListener("submit", function (e) { e.preventDefault(); }); }
  if (ws.dataset.busy === "1") { poll(); }

  // The page viewer: zoom in and out, fit the width, rotate a quarter turn (the overlay turns with the page).
  function viewerControls() {
    var sheet = document.getElementById("sheet");
    var tools = document.getElementById("viewer-tools");
    if (!sheet || !tools) { return; }
    var zoom = 1;
    var turn = 0;
    function apply() {
      sheet.style.width = (zoom * 100) + "%";
      sheet.style.transform = turn ? "rotate(" + turn + "deg)" : "";
      sheet.classList.toggle("turned", turn % 180 !== 0);
      tools.querySelector("[data-zoom-level]").textContent = Math.round(zoom * 100) + "%";
    }
    tools.addEventListener("click", function (e) {
      var button = e.target.closest("button");
      if (!button) { return; }
      var act = button.dataset.act;
      if (act === "in") { zoom = Math.min(4, zoom * 1.25); }
      if (act === "out") { zoom = Math.max(0.5, zoom / 1.25); }
      if (act === "fit") { zoom = 1; }
      if (act === "rotate") { turn = (turn + 90) % 360; }
      apply();
    });
  }

  function highlightOnHover() {
    var overlay = document.getElementById("overlay");
    if (!overlay) { return; }
    document.querySelectorAll(".values tr[data-label]").forEach(function (row) {
      var target = overlay.querySelector('.ov[data-fields~="' + row.dataset.label + '"]');
      if (!target) { return; }
      row.addEventListener("mouseenter", function () { target.classList.add("hot"); });
      row.addEventListener("mouseleave", function () { target.classList.remove("hot"); });
    });
  }
})();
