// plotly.js's core (which holds the scatter trace) and the bar trace: a partial bundle as
// plotly.js's own custom-bundle task makes one with `--traces scatter,bar`.
var Plotly = require("plotly.js/lib/core");
Plotly.register([require("plotly.js/lib/bar")]);
module.exports = Plotly;
