#!/usr/bin/env bash
# fetch-novnc.sh TARGET_DIR — put noVNC's ES modules (npm @novnc/novnc: core/ and vendor/) where the web UI
# serves them as static files (META-INF/resources/novnc). The tarball is cached, so builds after the first
# need no network. There is no webjar of noVNC on Maven Central, hence npm.
set -euo pipefail
VERSION=1.7.0
CACHE=${VIREO_NPM_CACHE:-/var/lib/vireo/npm}
TARBALL=$CACHE/novnc-novnc-$VERSION.tgz
TARGET=${1:?usage: fetch-novnc.sh TARGET_DIR}

if [ ! -s "$TARBALL" ]; then
  mkdir -p "$CACHE"
  command -v npm >/dev/null || { echo "fetch-novnc.sh: npm is needed once to fetch @novnc/novnc@$VERSION" >&2; exit 1; }
  (cd "$CACHE" && npm pack --silent "@novnc/novnc@$VERSION" >/dev/null)
fi
if [ -f "$TARGET/.version" ] && [ "$(cat "$TARGET/.version")" = "$VERSION" ]; then
  exit 0
fi
rm -rf "$TARGET" && mkdir -p "$TARGET"
tar -xzf "$TARBALL" -C "$TARGET" --strip-components=1 package/core package/vendor package/docs/LICENSE.MPL-2.0
echo "$VERSION" > "$TARGET/.version"
