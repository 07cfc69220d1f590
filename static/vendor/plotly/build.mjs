// esbuild with plotly.js's own settings (its esbuild-config.js), but for two things: CSS
// files are left out (plotly.js would inject the map trace's stylesheet in a <style>
// element, which the app's policy blocks, and no map is drawn), and so are licence
// comments (LICENSE beside the bundle carries plotly.js's).
import * as esbuild from "esbuild";
import { environmentPlugin } from "esbuild-plugin-environment";

await esbuild.build({
  entryPoints: ["entry.js"],
  outfile: "plotly-scatter-bar.min.js",
  format: "iife",
  globalName: "Plotly",
  bundle: true,
  minify: true,
  legalComments: "none",
  loader: { ".css": "empty" },
  plugins: [environmentPlugin({ NODE_DEBUG: false })],
  alias: { stream: "stream-browserify" },
  define: { global: "window", "define.amd": "false" },
  target: "es2016",
  logLevel: "warning",
});
