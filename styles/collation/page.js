// Filter the entries by kind and by certainty. The state lives in the address
// (#kind=ocr,compositor&cert=low) so a filtered view can be bookmarked and handed on, and a
// headless browser can be told it. An entry is shown when its kind and its certainty are on.
(function () {
  "use strict";
  var groups = ["kind", "cert"];
  var attribute = {kind: "data-kind", cert: "data-certainty"};
  var boxes = {};
  groups.forEach(function (g) {
    boxes[g] = Array.prototype.slice.call(
      document.querySelectorAll("#filters input[name=" + g + "]"));
  });
  var entries = Array.prototype.slice.call(document.querySelectorAll("#entries > li.entry"));
  var shown = document.getElementById("shown");
  var none = document.getElementById("none");

  function apply() {
    var on = {};
    groups.forEach(function (g) {
      on[g] = {};
      boxes[g].forEach(function (b) { on[g][b.value] = b.checked; });
    });
    var n = 0;
    entries.forEach(function (e) {
      var visible = groups.every(function (g) {
        return on[g][e.getAttribute(attribute[g])] === true;
      });
      e.hidden = !visible;
      if (visible) { n += 1; }
    });
    shown.textContent = String(n);
    none.hidden = n > 0;
    document.documentElement.setAttribute("data-shown", String(n));
  }

  function readHash() {
    groups.forEach(function (g) {
      var m = new RegExp("(?:^#|&)" + g + "=([a-z,]*)").exec(window.location.hash);
      var values = m ? m[1].split(",") : null;
      boxes[g].forEach(function (b) {
        b.checked = values === null || values.indexOf(b.value) >= 0;
      });
    });
  }

  function writeHash() {
    var parts = [];
    groups.forEach(function (g) {
      var on = boxes[g].filter(function (b) { return b.checked; })
        .map(function (b) { return b.value; });
      if (on.length !== boxes[g].length) { parts.push(g + "=" + on.join(",")); }
    });
    var hash = parts.length ? "#" + parts.join("&") : "";
    var url = window.location.pathname + window.location.search + hash;
    try {
      window.history.replaceState(null, "", url);
    } catch (err) {
      // some browsers refuse replaceState on file:// pages; the filter still works
    }
  }

  groups.forEach(function (g) {
    boxes[g].forEach(function (b) {
      b.addEventListener("change", function () { apply(); writeHash(); });
    });
  });
  document.getElementById("show-all").addEventListener("click", function () {
    groups.forEach(function (g) { boxes[g].forEach(function (b) { b.checked = true; }); });
    apply();
    writeHash();
  });
  window.addEventListener("hashchange", function () { readHash(); apply(); });

  readHash();
  apply();
  document.documentElement.setAttribute("data-ready", "1");
})();
