// Progressive enhancement of every form (issue 11, item 6). Without JavaScript the forms work as they are; the
// server enforces every limit. The words come from the page (<body data-t-*>), in its language.
(function () {
  "use strict";
  var body = document.body;
  var words = {
    remaining: body.getAttribute("data-t-remaining") || "{n}",
    over: body.getAttribute("data-t-over") || "-{n}",
    sending: body.getAttribute("data-t-sending") || "…",
    uploading: body.getAttribute("data-t-uploading") || "{p}%",
  };
  function say(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_m, k) { return String(values[k]); });
  }

  // Characters left, under each long text field with a limit (data-count-max, or a textarea's maxlength).
  function counter(field) {
    var max = Number(field.getAttribute("data-count-max") || field.getAttribute("maxlength"));
    if (!max) return;
    var out = document.createElement("p");
    out.className = "hint char-count";
    out.id = field.id + "-count";
    // Polite and atomic: a screen reader hears the number when typing pauses, not every keystroke's echo.
    out.setAttribute("aria-live", "polite");
    out.setAttribute("aria-atomic", "true");
    field.insertAdjacentElement("afterend", out);
    function update() {
      // The server counts the trimmed text the same way (string length).
      var left = max - field.value.trim().length;
      out.textContent = left >= 0 ? say(words.remaining, { n: left }) : say(words.over, { n: -left });
      out.classList.toggle("over", left < 0);
    }
    field.addEventListener("input", update);
    update();
  }
  Array.prototype.forEach.call(document.querySelectorAll("textarea[data-count-max], textarea[maxlength], input[data-count-max]"), counter);

  function buttonsOf(form) {
    return Array.prototype.filter.call(form.querySelectorAll("button, input[type=submit]"), function (b) {
      return b.type === "submit";
    });
  }

  function markSending(form) {
    form.setAttribute("data-sending", "1");
    buttonsOf(form).forEach(function (b) {
      // aria-disabled, not disabled: a disabled button's name and value would not be sent with the form.
      b.setAttribute("aria-disabled", "true");
      b.classList.add("is-sending");
      if (!b.hasAttribute("data-label")) b.setAttribute("data-label", b.textContent);
      b.textContent = words.sending;
    });
  }

  function unmarkSending(form) {
    form.removeAttribute("data-sending");
    buttonsOf(form).forEach(function (b) {
      b.removeAttribute("aria-disabled");
      b.classList.remove("is-sending");
      if (b.hasAttribute("data-label")) b.textContent = b.getAttribute("data-label");
    });
  }

  // Large attachments go through XMLHttpRequest so the page can show how far the upload is.
  var PROGRESS_FROM_BYTES = 256 * 1024;

  function selectedBytes(form) {
    var total = 0;
    Array.prototype.forEach.call(form.querySelectorAll("input[type=file]"), function (input) {
      Array.prototype.forEach.call(input.files || [], function (f) { total += f.size; });
    });
    return total;
  }

  function uploadWithProgress(form) {
    var box = document.createElement("div");
    box.className = "upload-progress";
    box.id = "upload-progress";
    var bar = document.createElement("progress");
    bar.max = 100;
    bar.value = 0;
    bar.id = "upload-progress-bar";
    var label = document.createElement("p");
    label.setAttribute("role", "status");
    label.textContent = say(words.uploading, { p: 0 });
    bar.setAttribute("aria-label", label.textContent);
    box.appendChild(label);
    box.appendChild(bar);
    var buttons = buttonsOf(form);
    (buttons.length ? buttons[buttons.length - 1].parentNode : form).appendChild(box);

    var xhr = new XMLHttpRequest();
    xhr.open("POST", form.action);
    xhr.upload.addEventListener("progress", function (e) {
      if (!e.lengthComputable) return;
      var p = Math.floor((e.loaded / e.total) * 100);
      bar.value = p;
      label.textContent = say(words.uploading, { p: p });
    });
    xhr.addEventListener("load", function () {
      var target = new URL(xhr.responseURL || form.action, location.href);
      if (target.pathname !== new URL(form.action, location.href).pathname) {
        // Redirected (the receipt): open it as the browser would have after the post.
        location.assign(target.href);
        return;
      }
      // The form again, with the server's messages: show that page.
      document.open();
      document.write(xhr.responseText);
      document.close();
    });
    xhr.addEventListener("error", function () {
      // The connection broke (a file over the limit can make the server close it): send it the ordinary way, so
      // the citizen gets the server's own answer.
      box.remove();
      HTMLFormElement.prototype.submit.call(form);
    });
    xhr.send(new FormData(form));
  }

  document.addEventListener("submit", function (e) {
    var form = e.target;
    if (!(form instanceof HTMLFormElement) || (form.method || "").toLowerCase() !== "post") return;
    if (form.getAttribute("data-sending") === "1") {
      // Pressed twice: the first post is on its way.
      e.preventDefault();
      return;
    }
    markSending(form);
    if (form.enctype === "multipart/form-data" && window.FormData && selectedBytes(form) >= PROGRESS_FROM_BYTES) {
      e.preventDefault();
      uploadWithProgress(form);
    }
  });

  // Back to a page kept in the back-forward cache: its forms can be sent again.
  window.addEventListener("pageshow", function (e) {
    if (e.persisted) Array.prototype.forEach.call(document.querySelectorAll("form[data-sending]"), unmarkSending);
  });
})();
