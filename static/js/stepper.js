// A number input with big − and + buttons beside it (the check-in's hours of sleep).
// Without this file the number input alone works. Safe to run again (after an htmx swap).
(function () {
  "use strict";

  function button(text, label) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "secondary";
    b.textContent = text;
    b.setAttribute("aria-label", label);
    return b;
  }

  function enhance(input) {
    if (input.dataset.stepperReady) return;
    input.dataset.stepperReady = "1";
    var step = parseFloat(input.step) || 1;
    var min = parseFloat(input.min);
    var max = parseFloat(input.max);
    var unit = step === 0.5 ? "half an hour" : String(step);
    var less = button("−", unit.charAt(0).toUpperCase() + unit.slice(1) + " less");
    var more = button("+", unit.charAt(0).toUpperCase() + unit.slice(1) + " more");
    var box = document.createElement("div");
    box.className = "stepper";
    input.parentNode.insertBefore(box, input);
    box.append(less, input, more);

    function move(direction) {
      var value = parseFloat(input.value);
      if (isNaN(value)) value = direction > 0 ? (isNaN(min) ? 0 : min) - step : (isNaN(max) ? 0 : max) + step;
      value = Math.round((value + direction * step) / step) * step;
      if (!isNaN(min)) value = Math.max(min, value);
      if (!isNaN(max)) value = Math.min(max, value);
      input.value = String(value);
      // Drafts kept on the phone listen for input.
      input.dispatchEvent(new Event("input", { bubbles: true }));
      input.dispatchEvent(new Event("change", { bubbles: true }));
    }
    less.addEventListener("click", function () { move(-1); });
    more.addEventListener("click", function () { move(1); });
  }

  function enhanceAll() { document.querySelectorAll("input[data-stepper]").forEach(enhance); }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", enhanceAll);
  } else {
    enhanceAll();
  }
})();
