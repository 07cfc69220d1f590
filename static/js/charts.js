// Draws the figures the server put on the page as JSON (json_script); no inline script.
(function () {
  "use strict";
  function draw() {
    if (!window.Plotly) return;
    document.querySelectorAll("[data-figure]").forEach(function (target) {
      var source = document.getElementById(target.dataset.figure);
      if (!source || target.dataset.drawn) return;
      var figure = JSON.parse(source.textContent);
      target.dataset.drawn = "1";
      target.classList.add("drawn");
      window.Plotly.newPlot(target, figure.data, figure.layout, {
        responsive: true,
        displayModeBar: false,
        scrollZoom: false,
        staticPlot: false
      });
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
