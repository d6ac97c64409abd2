// The correction desk's page: shows /desk/state, sends each key's action to /desk/act.
// Everything shown is set as text (never as HTML): the flags are the editor's text.
(function () {
  "use strict";
  var token = document.querySelector('meta[name="editio-token"]').content;
  var root = document.documentElement;
  var list = document.getElementById("flag-list");
  var message = document.getElementById("message");
  var state = null;
  var current = 0; // index into state.flags
  var run = 0; // words after the token that a deletion takes with it
  var series = null; // {flag, places: [{place, on}], focus} while the series is open
  var busy = false;
  var started = 0;

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined) { e.textContent = text; }
    return e;
  }

  function say(text, failed) {
    message.textContent = text;
    message.className = failed ? "state failed" : "state";
    fitBar();
  }

  // the side stays below the bar, however many lines the bar's message takes
  function fitBar() {
    root.style.setProperty("--bar", document.querySelector(".preview-bar").offsetHeight + "px");
  }

  function request(method, path, body) {
    var options = {method: method, headers: {"X-Editio-Token": token}};
    if (body) {
      options.headers["Content-Type"] = "application/json";
      options.body = JSON.stringify(body);
    }
    return fetch(path, options).then(function (r) {
      return r.json().then(function (data) { data.status = r.status; return data; });
    });
  }

  function flag() { return state && state.flags.length ? state.flags[current] : null; }

  function show(next, said) {
    var keep = flag();
    state = next;
    if (keep) { // stay where the editor was: the same flag, or the one that took its place
      var i = state.flags.findIndex(function (f) { return f.id >= keep.id; });
      current = i < 0 ? Math.max(0, state.flags.length - 1) : i;
    }
    current = Math.min(current, Math.max(0, state.flags.length - 1));
    run = 0;
    series = null;
    render();
    if (said !== undefined) { say(said, false); }
  }

  function render() {
    list.textContent = "";
    state.flags.forEach(function (f, i) {
      var li = el("li", "flag" + (i === current ? " current" : "") + (f.skipped ? " skipped" : ""));
      li.dataset.id = String(f.id);
      li.dataset.token = f.token;
      li.appendChild(el("div", "where", "text.md:" + f.line + ":" + f.column + " · page " +
        f.page + " · " + f.reason + (f.skipped ? " · skipped" : "") +
        (f.series.length ? " · " + f.series.length + " more in the work (e)" : "")));
      var p = el("p", "sentence");
      p.appendChild(document.createTextNode(f.before));
      p.appendChild(el("mark", "token", f.shown));
      var after = f.after;
      if (i === current && run > 0) {
        var taken = f.next.slice(0, run).join("");
        p.appendChild(el("span", "run", taken));
        after = after.slice(taken.length);
      }
      p.appendChild(document.createTextNode(after));
      li.appendChild(p);
      if (f.witness) {
        li.appendChild(el("p", "witness", "W " + f.witness.line + ": " + f.witness.text));
      }
      var readings = el("ol", "readings");
      if (!f.readings.length) { readings.appendChild(el("li", "none", "no suggestion: t types one")); }
      f.readings.forEach(function (r, k) {
        var item = el("li");
        item.appendChild(el("kbd", "", String(k + 1)));
        item.appendChild(document.createTextNode(" "));
        item.appendChild(el("span", "reading", r === "" ? "(delete)" : f.shown_readings[k]));
        if (f.places[k].token !== f.token) {  // it reads a neighbour too
          item.appendChild(el("span", "stretch", " for “" + f.places[k].shown + "”"));
        }
        readings.appendChild(item);
      });
      li.appendChild(readings);
      if (series && series.flag === f) { li.appendChild(renderSeries()); }
      list.appendChild(li);
    });
    document.getElementById("empty").hidden = state.flags.length > 0;
    var open = state.flags.filter(function (f) { return !f.skipped; }).length;
    document.getElementById("count").textContent = open + " flag(s)" +
      (state.flags.length > open ? ", " + (state.flags.length - open) + " skipped" : "");
    renderPage();
    renderLow();
    var li = list.children[current];
    if (li && li.scrollIntoView) { li.scrollIntoView({block: "nearest"}); }
    fitBar();
    root.dataset.flags = String(state.flags.length);
    root.dataset.digest = state.digest;
  }

  // about n characters of a sentence's end (n < 0) or beginning, cut between words
  function words(text, n) {
    if (Math.abs(n) >= text.length) { return text; }
    if (n < 0) {
      var tail = text.slice(n);
      return "… " + tail.slice(tail.search(/\s/) + 1);
    }
    var head = text.slice(0, n);
    var end = head.search(/\s\S*$/);
    return (end > 0 ? head.slice(0, end) : head) + " …";
  }

  function renderSeries() {
    var box = el("div", "series");
    var f = series.flag;
    box.appendChild(el("p", "", "“" + f.shown + "” → " + (f.shown_readings[0] || "(delete)") +
      ", and the same elsewhere: each checked place gets its reading too (Space leaves one " +
      "out, Enter writes, Esc closes)"));
    var ol = el("ol");
    series.places.forEach(function (entry, k) {
      var li = el("li", k === series.focus ? "focus" : "");
      var box2 = el("input");
      box2.type = "checkbox";
      box2.checked = entry.on;
      box2.dataset.id = String(entry.place.id);
      box2.addEventListener("change", function () { entry.on = box2.checked; });
      var label = el("label");
      label.appendChild(box2);
      label.appendChild(document.createTextNode(" text.md:" + entry.place.line + " " +
        words(entry.place.before, -40) + "[" + entry.place.shown + " → " +
        (entry.place.shown_reading || "(delete)") + "]" + words(entry.place.after, 40) +
        " (" + entry.place.why + ")"));
      li.appendChild(label);
      ol.appendChild(li);
    });
    box.appendChild(ol);
    return box;
  }

  function currentPage() {
    var f = flag();
    if (!state.pages.length) { return null; }
    var number = f ? f.page : state.pages[0].number;
    return state.pages.find(function (p) { return p.number === number; }) || state.pages[0];
  }

  function renderPage() {
    var page = currentPage();
    var select = document.getElementById("page-status");
    if (!page) { return; }
    document.getElementById("page-number").textContent = page.number;
    if (select.options.length !== state.statuses.length) {
      select.textContent = "";
      state.statuses.forEach(function (s) { select.appendChild(el("option", "", s)); });
    }
    select.value = page.status;
    root.dataset.pageStatus = page.status;
    var img = document.getElementById("page-image");
    var src = "/desk/page/" + encodeURIComponent(page.number) + "?t=" + token;
    img.hidden = !page.image;
    document.getElementById("no-image").hidden = page.image;
    document.getElementById("no-image-name").textContent = page.number + ".png";
    if (page.image && img.getAttribute("src") !== src) {
      img.setAttribute("src", src);
      img.alt = "page " + page.number + " of the original";
    }
  }

  function renderLow() {
    var ol = document.getElementById("low-list");
    ol.textContent = "";
    document.getElementById("low-count").textContent = "(" + state.low.length + ")";
    state.low.forEach(function (r) {
      var li = el("li");
      li.dataset.line = String(r.line);
      li.appendChild(document.createTextNode("text.md:" + r.line + " "));
      li.appendChild(el("span", "reading", r.reading || "(deleted)"));
      li.appendChild(document.createTextNode(" for W " + (r.sic || "(nothing)") + " "));
      var button = el("button", "", "confirm");
      button.type = "button";
      button.addEventListener("click", function () { confirm(r); });
      li.appendChild(button);
      ol.appendChild(li);
    });
  }

  function act(body) {
    if (busy) { return Promise.resolve(); }
    busy = true;
    delete root.dataset.error;
    started = performance.now();
    body.digest = state.digest;
    return request("POST", "/desk/act", body).then(function (data) {
      busy = false;
      if (data.status !== 200) {
        if (data.state) { show(data.state); }
        say(data.error + (data.hint ? " (" + data.hint + ")" : ""), true);
        root.dataset.error = data.error;
        return;
      }
      delete root.dataset.error;
      show(data, data.message);
      if (body.action === "skip" && current < state.flags.length - 1 &&
          state.flags[current].skipped) {
        move(1); // skipped: on to the next
      }
      root.dataset.lastMs = String(Math.round(performance.now() - started));
      root.dataset.serverMs = String(Math.round(data.seconds * 1000));
      root.dataset.cpuMs = String(Math.round(data.cpu_seconds * 1000));
      root.dataset.actions = String(Number(root.dataset.actions || 0) + 1);
    }, function (err) {
      busy = false;
      say("the desk's server did not answer: " + err, true);
    });
  }

  // where reading k of a flag is written: its own stretch when it reads the token with a
  // neighbour (a word split in two), else the token and the run of words widened with +
  function place(f, reading, k) {
    var at = k === undefined || run > 0 ? null : f.places[k];
    if (at) { return {id: at.id, token: at.token, reading: reading}; }
    var taken = f.next.slice(0, run).join("");
    return {id: f.id, token: f.token + taken, reading: reading};
  }

  function accept(k) {
    var f = flag();
    if (!f || k >= f.readings.length) { return; }
    act({action: "write", places: [place(f, f.readings[k], k)]});
  }

  function openType() {
    var f = flag();
    if (!f) { return; }
    var form = document.getElementById("type-form");
    var input = document.getElementById("typed");
    // what the reader sees: a typed reading is escaped as Markdown by the server
    document.getElementById("typed-token").textContent = f.shown + f.next.slice(0, run).join("");
    input.value = f.shown + f.next.slice(0, run).join("");
    form.hidden = false;
    input.focus();
    input.select();
  }

  function closeType() {
    document.getElementById("type-form").hidden = true;
    document.getElementById("typed").blur();
  }

  document.getElementById("type-form").addEventListener("submit", function (event) {
    event.preventDefault();
    var f = flag();
    var reading = document.getElementById("typed").value;
    closeType();
    if (f) { act({action: "write", typed: true, places: [place(f, reading)]}); }
  });
  document.getElementById("typed").addEventListener("keydown", function (event) {
    if (event.key === "Escape") { event.preventDefault(); closeType(); }
  });

  function openSeries() {
    var f = flag();
    if (!f || !f.series.length) { say("“" + (f ? f.shown : "") + "” stands nowhere else", false); return; }
    series = {flag: f, focus: 0,
              places: f.series.map(function (p) { return {place: p, on: true}; })};
    render();
  }

  function writeSeries() {
    var f = series.flag;
    var reading = f.readings.length ? f.readings[0] : null;
    if (reading === null) { say("no reading to write: type it at one place first", true); return; }
    var places = [{id: f.places[0].id, token: f.places[0].token, reading: reading}];
    series.places.forEach(function (entry) {
      if (entry.on && entry.place.reading !== null) {
        places.push({id: entry.place.id, token: entry.place.token, reading: entry.place.reading});
      }
    });
    act({action: "write", places: places});
  }

  function confirm(r) {
    act({action: "confirm", line: r.line, column: r.column});
  }

  function cyclePage() {
    var page = currentPage();
    if (!page) { return; }
    var i = state.statuses.indexOf(page.status);
    act({action: "page-status", page: page.number,
         status: state.statuses[(i + 1) % state.statuses.length]});
  }

  document.getElementById("page-status").addEventListener("change", function (event) {
    var page = currentPage();
    if (page) { act({action: "page-status", page: page.number, status: event.target.value}); }
  });

  function move(by) {
    if (!state.flags.length) { return; }
    current = Math.max(0, Math.min(state.flags.length - 1, current + by));
    run = 0;
    series = null;
    render();
  }

  function seriesKey(event) {
    if (event.key === "Escape") { series = null; render(); }
    else if (event.key === "ArrowDown" || event.key === "j") {
      series.focus = Math.min(series.places.length - 1, series.focus + 1); render();
    } else if (event.key === "ArrowUp" || event.key === "k") {
      series.focus = Math.max(0, series.focus - 1); render();
    } else if (event.key === " ") {
      var entry = series.places[series.focus];
      entry.on = !entry.on; render();
    } else if (event.key === "Enter") { writeSeries(); }
    else { return; }
    event.preventDefault();
  }

  document.addEventListener("keydown", function (event) {
    if (!state || event.altKey || event.metaKey) { return; }
    if (series && event.target.type === "checkbox" && event.key !== " ") {
      seriesKey(event); // a place clicked with the mouse: Enter still writes the series
      return;
    }
    if (event.target.tagName === "INPUT" || event.target.tagName === "SELECT") { return; }
    if (event.ctrlKey) {
      if (event.key === "z") { event.preventDefault(); act({action: "undo"}); }
      return;
    }
    if (series) { seriesKey(event); return; }
    var f = flag();
    var key = event.key;
    if (key === "Enter") { accept(0); }
    else if (/^[1-9]$/.test(key)) { accept(Number(key) - 1); }
    else if (key === "j" || key === "ArrowDown") { move(1); }
    else if (key === "k" || key === "ArrowUp") { move(-1); }
    else if (key === "Home") { move(-current); }
    else if (key === "t") { openType(); }
    else if (key === "x" || key === "Delete") {
      if (f) { act({action: "write", places: [place(f, "")]}); }
    } else if (key === "+" || key === "=") {
      if (f && run < f.next.length) { run += 1; render(); }
    } else if (key === "-") {
      if (run > 0) { run -= 1; render(); }
    } else if (key === "e") { openSeries(); }
    else if (key === "w") { if (f) { act({action: "accept-word", word: f.token}); } }
    else if (key === "s") { if (f) { act({action: "skip", id: f.id}); } }
    else if (key === "u") { act({action: "undo"}); }
    else if (key === "c") { if (state.low.length) { confirm(state.low[0]); } }
    else if (key === "p") { cyclePage(); }
    else if (key === "r") { act({action: "rescan"}); }
    else { return; }
    event.preventDefault();
  });

  // the edition is rebuilt after each write (the preview watches source/): say when
  var events = new EventSource("/events");
  events.onmessage = function () { root.dataset.edition = String(Date.now()); };

  request("GET", "/desk/state").then(function (data) {
    if (data.status !== 200) { say(data.error || "the desk could not read the text", true); return; }
    show(data, data.flags.length ? "Enter accepts the first reading" : "no flag");
    root.dataset.ready = "1";
  });
})();
