// Small progressive enhancements; every page works without this file.
(function () {
  "use strict";

  // The list's option for the phone's own time zone, or null when the list lacks it.
  function phoneZoneIn(select) {
    var zone;
    try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch (e) { return null; }
    for (var i = 0; i < select.options.length; i++) {
      if (zone && select.options[i].value === zone) return select.options[i];
    }
    return null;
  }

  // Sign-up: preselect the phone's zone.
  function detectTimeZone(select) {
    var option = phoneZoneIn(select);
    if (option) select.value = option.value;
  }

  // Profile: never change a saved zone behind the person's back; offer the phone's zone
  // beside the field when it differs, and leave saving to them.
  function suggestTimeZone(select) {
    var option = phoneZoneIn(select);
    if (!option || option.selected) return;
    var zone = option.value, words = option.textContent;
    var hint = document.createElement("div");
    hint.className = "zone-hint";
    var says = document.createElement("p");
    says.setAttribute("aria-live", "polite");
    says.textContent = "Your phone is set to " + words + ".";
    var use = document.createElement("button");
    use.type = "button";
    use.className = "secondary";
    use.textContent = "Use " + words;
    use.addEventListener("click", function () {
      select.value = zone;
      select.dispatchEvent(new Event("change", { bubbles: true }));
      says.textContent = words + " chosen. Save to keep it.";
      select.focus();
      use.remove();
    });
    hint.append(says, use);
    select.after(hint);
  }

  function timeZones(root) {
    root.querySelectorAll("select[data-detect-time-zone], select[data-suggest-time-zone]")
      .forEach(function (select) {
        if (select.dataset.detected) return;
        select.dataset.detected = "1";
        if (select.hasAttribute("data-detect-time-zone")) detectTimeZone(select);
        else suggestTimeZone(select);
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

  document.addEventListener("DOMContentLoaded", function () { timeZones(document); });
  document.addEventListener("htmx:load", function (e) { timeZones(e.target); });
  document.addEventListener("submit", guardDoubleSubmit);
  // Coming back to a page from the browser's cache must not leave its forms locked.
  window.addEventListener("pageshow", function () {
    document.querySelectorAll("form[data-sending]").forEach(function (f) {
      delete f.dataset.sending;
      f.removeAttribute("aria-busy");
    });
  });
})();
