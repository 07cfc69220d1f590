// Small progressive enhancements; every page works without this file.
(function () {
  "use strict";

  // Sign-up: preselect the phone's own time zone when the list has it.
  function detectTimeZone(root) {
    root.querySelectorAll("select[data-detect-time-zone]").forEach(function (select) {
      if (select.dataset.detected) return;
      select.dataset.detected = "1";
      var zone;
      try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch (e) { return; }
      if (!zone) return;
      for (var i = 0; i < select.options.length; i++) {
        if (select.options[i].value === zone) { select.value = zone; break; }
      }
    });
  }

  // A form sent once must not be sent again by a second tap while the first is on its way.
  // (The server also recognises the repeat; this just spares the second request.)
  function guardDoubleSubmit(event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || form.hasAttribute("hx-post")) return;
    if (form.dataset.sending) { event.preventDefault(); return; }
    form.dataset.sending = "1";
    form.setAttribute("aria-busy", "true");
  }

  document.addEventListener("DOMContentLoaded", function () { detectTimeZone(document); });
  document.addEventListener("htmx:load", function (e) { detectTimeZone(e.target); });
  document.addEventListener("submit", guardDoubleSubmit);
  // Coming back to a page from the browser's cache must not leave its forms locked.
  window.addEventListener("pageshow", function () {
    document.querySelectorAll("form[data-sending]").forEach(function (f) {
      delete f.dataset.sending;
      f.removeAttribute("aria-busy");
    });
  });
})();
