#!/bin/sh
# Rebuilds plotly-scatter-bar.min.js, plotly.css and LICENSE from plotly.js on the npm
# registry, at the version pinned in package.json. `npm ci` installs exactly what
# package-lock.json names and refuses any package whose sha512 differs from the lock's
# `integrity`. To move to a new version: change it in package.json, run
# `npm install --package-lock-only --ignore-scripts` here, then this script, and commit
# the lock with the files. Nothing is installed here: the work is done in a temporary
# folder that is removed afterwards.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$here/package.json" "$here/package-lock.json" "$here/entry.js" "$here/build.mjs" "$work/"
cd "$work"
npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
node build.mjs
version=$(node -p 'require("plotly.js/package.json").version')
cp plotly-scatter-bar.min.js "$here/"
cp node_modules/plotly.js/dist/plotly.css "$here/plotly.css"
cp node_modules/plotly.js/LICENSE "$here/LICENSE"
cd "$here"
sha256sum plotly-scatter-bar.min.js plotly.css LICENSE > SHA256SUMS
echo "plotly.js $version, integrity $(node -p 'require("./package-lock.json").packages["node_modules/plotly.js"].integrity')"
cat SHA256SUMS
