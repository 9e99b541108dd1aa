// Progressive enhancement of the suggestion form (views/partials/submissions/form.hbs): once the title and the
// problem are filled, asks the server for published similar suggestions and for a personal-data hint, and shows the
// HTML fragment it answers in a polite live region. Without this script the form works exactly the same.
(function () {
  "use strict";
  var region = document.getElementById("draft-hints");
  var form = region && region.closest("form");
  if (!region || !form || !window.fetch || !window.URLSearchParams) return;
  var endpoint = region.getAttribute("data-endpoint");
  var names = ["title", "problem", "proposal", "realName"];
  var timer = null;
  var last = "";
  var inFlight = null;

  function value(name) {
    var el = form.elements.namedItem(name);
    return el && typeof el.value === "string" ? el.value : "";
  }

  function ask() {
    timer = null;
    var body = new URLSearchParams();
    var token = form.elements.namedItem("_csrf");
    body.set("_csrf", token ? token.value : "");
    names.forEach(function (n) { body.set(n, value(n)); });
    var key = names.map(value).join("\u0000");
    if (key === last) return;
    // Only the personal-data hint makes sense before the title and problem are there; the server decides on lengths.
    last = key;
    if (inFlight) inFlight.abort();
    inFlight = window.AbortController ? new AbortController() : null;
    fetch(endpoint, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "Accept": "text/html" },
      signal: inFlight ? inFlight.signal : undefined,
    })
      .then(function (res) { return res.ok ? res.text() : null; })
      .then(function (html) {
        // A refusal (rate limit, expired token) leaves the last hints in place: they are advice, not a gate.
        if (html === null) return;
        region.innerHTML = html;
        region.hidden = html.trim() === "";
      })
      .catch(function () { /* offline or aborted: the form does not depend on it */ });
  }

  function later() {
    if (timer) clearTimeout(timer);
    timer = setTimeout(ask, 1200);
  }

  names.forEach(function (n) {
    var el = form.elements.namedItem(n);
    if (!el || !el.addEventListener) return;
    el.addEventListener("input", later);
    el.addEventListener("change", function () { if (timer) clearTimeout(timer); ask(); });
  });
})();
