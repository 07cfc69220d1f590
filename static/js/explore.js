// Explore's "Zoom and explore". The page is the server's charts and table; plotly.js (a
// megabyte to run) and the figure's JSON load only when asked, once the page is on
// screen, so a phone that only reads pays nothing for them. Without JavaScript, and in
// print, the server's charts and table stay.
(function () {
  "use strict";

  var plot = document.getElementById("explore-plot");
  var button = document.getElementById("explore-start");
  var drawn = document.getElementById("explore-drawn");
  var status = document.getElementById("explore-status");
  if (!plot || !button || !window.fetch || !window.Promise) return;

  function load(tag, attributes) {
    return new Promise(function (resolve, reject) {
      var element = document.createElement(tag);
      Object.keys(attributes).forEach(function (name) { element[name] = attributes[name]; });
      element.onload = resolve;
      element.onerror = reject;
      document.head.appendChild(element);
    });
  }

  function figure() {
    return fetch(plot.dataset.figure, { credentials: "same-origin" }).then(function (answer) {
      if (!answer.ok) throw new Error("figure " + answer.status);
      return answer.json();
    });
  }

  function draw(results) {
    var shown = results[2];
    plot.hidden = false;
    return window.Plotly.newPlot(plot, shown.data, shown.layout, {
      responsive: true,
      displaylogo: false,
      displayModeBar: true,
      // Selecting points means nothing here, saving a picture needs blob: images, "reset
      // axes" does what autoscale would and spike lines add nothing to the hover's
      // list: five buttons of a finger's size fit a 320 px phone.
      modeBarButtonsToRemove: ["select2d", "lasso2d", "toImage", "autoScale2d", "toggleSpikelines"],
    });
  }

  button.hidden = false;
  button.addEventListener("click", function () {
    button.disabled = true;
    status.textContent = "Loading the chart…";
    // plotly.js would put its styles in a <style> element, which this app's policy
    // blocks; it leaves them out when this marker is there, and plotly.css brings them.
    if (!document.getElementById("plotly.js-style-global")) {
      var marker = document.createElement("meta");
      marker.id = "plotly.js-style-global";
      marker.className = "no-inline-styles";
      document.head.appendChild(marker);
    }
    Promise.all([
      load("link", { rel: "stylesheet", href: plot.dataset.plotlyCss }),
      window.Plotly ? null : load("script", { src: plot.dataset.plotly }),
      figure(),
    ]).then(draw).then(function () {
      drawn.hidden = true;
      button.hidden = true;
      status.textContent = "Drag across the chart to zoom in, double-tap it to zoom out, " +
        "and tap a name below it to switch that line on or off.";
    }).catch(function () {
      button.disabled = false;
      status.textContent = "The chart could not be loaded just now: the charts and table " +
        "below show the same days.";
    });
  });
})();
