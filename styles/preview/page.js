// Reload when the preview server announces another build (Server-Sent Events).
(function () {
  var shown = document.documentElement.getAttribute("data-version");
  var events = new EventSource("/events");
  events.onmessage = function (event) {
    if (event.data !== shown) {
      window.location.reload();
    }
  };
})();
