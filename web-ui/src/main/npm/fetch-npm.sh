#!/usr/bin/env bash
# fetch-npm.sh NAME@VERSION TARGET_DIR PATH... — put files of an npm package where the web UI serves them as
# static files (META-INF/resources/…): noVNC's ES modules for the console, Chart.js's UMD build for the
# dashboard. Each PATH is a file or folder of the package (core, dist/chart.umd.js …) and keeps its name
# directly under TARGET_DIR. The tarball is cached, so builds after the first need no network. There are no
# webjars of these on Maven Central, and Vaadin's own front-end build cannot take extra npm packages here.
set -euo pipefail
SPEC=${1:?usage: fetch-npm.sh NAME@VERSION TARGET_DIR PATH...}
TARGET=${2:?usage: fetch-npm.sh NAME@VERSION TARGET_DIR PATH...}
shift 2
CACHE=${VIREO_NPM_CACHE:-/var/lib/vireo/npm}
# npm pack names the tarball after the package: @novnc/novnc@1.7.0 -> novnc-novnc-1.7.0.tgz
TARBALL=$CACHE/$(echo "${SPEC%@*}" | sed 's|^@||; s|/|-|')-${SPEC##*@}.tgz

if [ ! -s "$TARBALL" ]; then
  mkdir -p "$CACHE"
  command -v npm >/dev/null || { echo "fetch-npm.sh: npm is needed once to fetch $SPEC" >&2; exit 1; }
  (cd "$CACHE" && npm pack --silent "$SPEC" >/dev/null)
fi
if [ -f "$TARGET/.version" ] && [ "$(cat "$TARGET/.version")" = "$SPEC" ]; then
  exit 0
fi
rm -rf "$TARGET" && mkdir -p "$TARGET"
for path in "$@"; do
  depth=$(($(echo "$path" | tr -cd / | wc -c) + 1))
  tar -xzf "$TARBALL" -C "$TARGET" --strip-components="$depth" "package/$path"
done
echo "$SPEC" > "$TARGET/.version"
