// Filter the entries by kind. The state lives in the address (#kind=ocr,compositor) so a
// filtered view can be bookmarked and handed on, and a headless browser can be told it.
(function () {
  "use strict";
  var boxes = Array.prototype.slice.call(
    document.querySelectorAll("#filters input[name=kind]"));
  var entries = Array.prototype.slice.call(document.querySelectorAll("#entries > li.entry"));
  var shown = document.getElementById("shown");
  var none = document.getElementById("none");

  function apply() {
    var on = {};
    boxes.forEach(function (b) { on[b.value] = b.checked; });
    var n = 0;
    entries.forEach(function (e) {
      var visible = on[e.getAttribute("data-kind")] === true;
      e.hidden = !visible;
      if (visible) { n += 1; }
    });
    shown.textContent = String(n);
    none.hidden = n > 0;
    document.documentElement.setAttribute("data-shown", String(n));
  }

  function readHash() {
    var m = /(?:^#|&)kind=([a-z,]*)/.exec(window.location.hash);
    var kinds = m ? m[1].split(",") : null;
    boxes.forEach(function (b) { b.checked = kinds === null || kinds.indexOf(b.value) >= 0; });
  }

  function writeHash() {
    var on = boxes.filter(function (b) { return b.checked; })
      .map(function (b) { return b.value; });
    var hash = on.length === boxes.length ? "" : "#kind=" + on.join(",");
    var url = window.location.pathname + window.location.search + hash;
    try {
      window.history.replaceState(null, "", url);
    } catch (err) {
      // some browsers refuse replaceState on file:// pages; the filter still works
    }
  }

  boxes.forEach(function (b) {
    b.addEventListener("change", function () { apply(); writeHash(); });
  });
  document.getElementById("show-all").addEventListener("click", function () {
    boxes.forEach(function (b) { b.checked = true; });
    apply();
    writeHash();
  });
  window.addEventListener("hashchange", function () { readHash(); apply(); });

  readHash();
  apply();
  document.documentElement.setAttribute("data-ready", "1");
})();
