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
  var switches = document.getElementById("explore-series");
  if (!plot || !button || !switches || !window.fetch || !window.Promise) return;

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

  // What the buttons under the plot switch: each trace, and each treatment's shaded periods
  // together (shapes that share a legendgroup), with its colour and whether it shows now.
  function series() {
    var found = plot.data.map(function (trace, index) {
      return {
        name: trace.name,
        colour: trace.type === "bar" ? trace.marker.color : trace.line.color,
        shown: trace.visible !== "legendonly",
        show: function (on) {
          return window.Plotly.restyle(plot, { visible: on ? true : "legendonly" }, [index]);
        },
      };
    });
    var treatments = {};
    (plot.layout.shapes || []).forEach(function (shape, index) {
      var treatment = treatments[shape.legendgroup];
      if (!treatment) {
        treatment = treatments[shape.legendgroup] = {
          name: shape.name,
          colour: shape.fillcolor,
          shaded: true,
          shown: shape.visible !== "legendonly",
          shapes: [],
          show: function (on) {
            var update = {};
            treatment.shapes.forEach(function (at) {
              update["shapes[" + at + "].visible"] = on ? true : "legendonly";
            });
            return window.Plotly.relayout(plot, update);
          },
        };
        found.push(treatment);
      }
      treatment.shapes.push(index);
    });
    return found;
  }

  // A "#rrggbb" colour laid thinly over white, as the chart's shading is over its white card.
  function tint(colour, share) {
    var mixed = [1, 3, 5].map(function (at) {
      var channel = parseInt(colour.slice(at, at + 2), 16);
      return Math.round(255 - (255 - channel) * share);
    });
    return "rgb(" + mixed.join(", ") + ")";
  }

  // Plotly's own legend is a row of names 20 px tall, which a shaky finger misses and a
  // screen reader does not take for buttons: these are buttons, each a finger's size.
  function switchButton(one) {
    var toggle = document.createElement("button");
    toggle.type = "button";
    toggle.className = "series-switch";
    toggle.setAttribute("aria-pressed", String(one.shown));
    var swatch = document.createElement("span");
    swatch.className = one.shaded ? "swatch shaded" : "swatch";
    swatch.setAttribute("aria-hidden", "true");
    // The policy allows a colour set through element.style, not a style attribute.
    swatch.style.backgroundColor = one.shaded ? tint(one.colour, 0.3) : one.colour;
    swatch.style.borderColor = one.colour;
    toggle.appendChild(swatch);
    toggle.appendChild(document.createTextNode(one.name));
    toggle.addEventListener("click", function () {
      var on = toggle.getAttribute("aria-pressed") !== "true";
      toggle.setAttribute("aria-pressed", String(on));
      one.show(on);
    });
    var item = document.createElement("li");
    item.appendChild(toggle);
    return item;
  }

  function listSwitches() {
    var list = switches.querySelector("ul");
    list.textContent = "";
    series().forEach(function (one) { list.appendChild(switchButton(one)); });
    switches.hidden = false;
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
      // plotly.js 4 adds a "Share chart..." button (a chain link) that opens plotly's cloud
      // and posts it the chart, which here is someone's health: never offered, and with no
      // address to post to even if it were.
      showSendToCloud: false,
      plotlyServerURL: "",
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
      listSwitches();
      drawn.hidden = true;
      button.hidden = true;
      status.textContent = "Drag across the chart to zoom in, double-tap it to zoom out, " +
        "and use the buttons below it to show or hide each line.";
    }).catch(function () {
      button.disabled = false;
      status.textContent = "The chart could not be loaded just now: the charts and table " +
        "below show the same days.";
    });
  });
})();
