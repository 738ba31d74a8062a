#!/usr/bin/env bash
# fetch-chartjs.sh TARGET_DIR — put Chart.js's UMD build (npm chart.js: dist/chart.umd.js) where the web UI
# serves it as a static file (META-INF/resources/chartjs) for the dashboard's charts. The tarball is cached
# like noVNC's, so builds after the first need no network. Vaadin Charts is paid, hence Chart.js (MIT).
set -euo pipefail
VERSION=4.6.1
CACHE=${VIREO_NPM_CACHE:-/var/lib/vireo/npm}
TARBALL=$CACHE/chart.js-$VERSION.tgz
TARGET=${1:?usage: fetch-chartjs.sh TARGET_DIR}

if [ ! -s "$TARBALL" ]; then
  mkdir -p "$CACHE"
  command -v npm >/dev/null || { echo "fetch-chartjs.sh: npm is needed once to fetch chart.js@$VERSION" >&2; exit 1; }
  (cd "$CACHE" && npm pack --silent "chart.js@$VERSION" >/dev/null)
fi
if [ -f "$TARGET/.version" ] && [ "$(cat "$TARGET/.version")" = "$VERSION" ]; then
  exit 0
fi
rm -rf "$TARGET" && mkdir -p "$TARGET"
tar -xzf "$TARBALL" -C "$TARGET" --strip-components=2 package/dist/chart.umd.js
tar -xzf "$TARBALL" -C "$TARGET" --strip-components=1 package/LICENSE.md
echo "$VERSION" > "$TARGET/.version"
