#!/bin/bash
# keycloak.sh -- the lab's Keycloak (identity provider for people logging in to Vireo): realm `vireo`
# imported from keycloak/vireo-realm.json, `kc.sh start-dev` (H2 file database), plain http on 127.0.0.1.
#
# usage: lab/keycloak.sh install                    fetch the dist zip (./mvnw dependency:copy), unpack + build once
#        lab/keycloak.sh start DIR PORT             start an instance in DIR on 127.0.0.1:PORT, wait for the realm;
#                                                   prints the PID (process group) on stdout
#        lab/keycloak.sh stop DIR                   stop it: TERM to its process group, KILL after 15 s
#        lab/keycloak.sh status DIR                 "running PID http://127.0.0.1:PORT" or "stopped"
#        lab/keycloak.sh token USER PASSWORD [PORT] print an access token (password grant, client vireo-cli;
#                                                   PORT default ${VIREO_KEYCLOAK_PORT:-8180})
#
# Dist: ${VIREO_KEYCLOAK_DIST:-/var/lib/vireo/keycloak-dist}/keycloak-quarkus-dist-VERSION.zip and a pristine
# unpacked keycloak-VERSION/ next to it, pre-built for start-dev (never run itself).  `start` runs `install`
# first (quick when done).
# Instance: DIR/keycloak is its own `cp -a` of the pristine tree (data/h2, the build in lib/quarkus), so
# instances never share state; also DIR/keycloak.{log,pid,port}, DIR/realm.sha256, DIR/kcadmin-password
# (master realm bootstrap admin `kcadmin`).  The realm JSON is copied to data/import at every start; when it
# changed since the last import, data/h2 is deleted so the realm is imported afresh (Keycloak never
# re-imports an existing realm).  `stop` keeps DIR (data, log).  Users admin, alice, bob, carol: password =
# user name.  Heap: JAVA_OPTS_KC_HEAP (default -Xms64m -Xmx512m).
# stdout carries only results (PID, token, status line); messages go to stderr.
# Exit codes: 0 ok, 1 error, 2 usage, 3 not running (status).
set -euo pipefail

SELF=$(readlink -f "${BASH_SOURCE[0]}")
REPO=$(dirname "$(dirname "$SELF")")
REALM_JSON=$REPO/keycloak/vireo-realm.json
REALM=vireo
KC_VERSION=26.5.6
DIST=${VIREO_KEYCLOAK_DIST:-/var/lib/vireo/keycloak-dist}
ZIP=$DIST/keycloak-quarkus-dist-$KC_VERSION.zip
PRISTINE=$DIST/keycloak-$KC_VERSION
START_TIMEOUT=180
STOP_TIMEOUT=15
# build-time options of every lab start (`install` pre-builds the pristine tree with exactly these, so an
# instance's first start skips Quarkus' re-augmentation; with other options start-dev just rebuilds)
BUILD_OPTS=(--cache=local --health-enabled=false --metrics-enabled=false)
BUILT_MARK=lib/quarkus/vireo-lab-build   # in the pristine tree: BUILD_OPTS it was built with ("unbuilt …")

msg()  { echo "keycloak.sh: $*" >&2; }
die()  { echo "keycloak.sh: ERROR: $*" >&2; exit 1; }
usage() { sed -n '2,/^set /s/^# \{0,1\}//p' "$SELF" >&2; exit 2; }

now_ms() { local t; t=$(date +%s%N); echo $(( t / 1000000 )); }
need_root() { [ "$(id -u)" -eq 0 ] || die "must be run as root"; }
check_port() { [[ "${1:-}" =~ ^[0-9]+$ ]] && [ "$1" -ge 1 ] && [ "$1" -le 65535 ] || die "bad port '${1:-}'"; }
port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# --- install: zip (Maven Central via the repo's mvnw) + pristine unpacked, pre-built tree
cmd_install() {
  local mark; mark=$(cat "$PRISTINE/$BUILT_MARK" 2>/dev/null || true)
  [ -x "$PRISTINE/bin/kc.sh" ] && [ "${mark#unbuilt }" = "${BUILD_OPTS[*]}" ] && return 0
  need_root
  mkdir -p "$DIST"
  if [ ! -s "$ZIP" ]; then
    msg "fetching org.keycloak:keycloak-quarkus-dist:$KC_VERSION:zip into $DIST"
    local tmp; tmp=$(mktemp -d "$DIST/.fetch.XXXXXX")
    # -N: root pom only (dependency:copy needs no project, but would otherwise run once per module)
    if ! (cd "$REPO" && ./mvnw -B -q -N dependency:copy \
            "-Dartifact=org.keycloak:keycloak-quarkus-dist:$KC_VERSION:zip" "-DoutputDirectory=$tmp") >&2; then
      rm -rf "$tmp"; die "could not fetch the Keycloak dist"
    fi
    mv "$tmp/keycloak-quarkus-dist-$KC_VERSION.zip" "$ZIP"
    rm -rf "$tmp"
  fi
  if ! command -v unzip >/dev/null; then
    msg "installing unzip"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q unzip >&2 \
      || { apt-get update -q >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q unzip >&2; }
  fi
  msg "unpacking $ZIP"
  local tmp; tmp=$(mktemp -d "$DIST/.unpack.XXXXXX")
  unzip -q "$ZIP" -d "$tmp" || { rm -rf "$tmp"; die "unzip $ZIP failed"; }
  [ -x "$tmp/keycloak-$KC_VERSION/bin/kc.sh" ] || { rm -rf "$tmp"; die "unexpected zip layout in $ZIP"; }
  # Pre-build for start-dev (~15 s, saved at every new instance's first start).  kc.sh has no dev-mode
  # `build`; its start-dev runs java once to re-augment (exit 10) and then execs java again with
  # -Dkc.config.built=true to serve.  A JAVA wrapper that ends that second run keeps only the build.
  msg "pre-building Keycloak for start-dev (${BUILD_OPTS[*]})"
  printf '#!/bin/sh\ncase " $* " in *" -Dkc.config.built=true "*) exit 0 ;; esac\nexec "${JAVA_HOME:+$JAVA_HOME/bin/}java" "$@"\n' \
    > "$tmp/java"
  chmod +x "$tmp/java"
  if JAVA=$tmp/java timeout 600 "$tmp/keycloak-$KC_VERSION/bin/kc.sh" start-dev "${BUILD_OPTS[@]}" \
       < /dev/null > "$tmp/build.log" 2>&1 && [ ! -d "$tmp/keycloak-$KC_VERSION/data" ]; then
    echo "${BUILD_OPTS[*]}" > "$tmp/keycloak-$KC_VERSION/$BUILT_MARK"
  else
    msg "pre-build failed (instances will build at their first start):"
    tail -n 20 "$tmp/build.log" >&2
    rm -rf "$tmp/keycloak-$KC_VERSION"
    unzip -q "$ZIP" -d "$tmp" || { rm -rf "$tmp"; die "unzip $ZIP failed"; }
    echo "unbuilt ${BUILD_OPTS[*]}" > "$tmp/keycloak-$KC_VERSION/$BUILT_MARK"
  fi
  rm -rf "$PRISTINE"
  mv "$tmp/keycloak-$KC_VERSION" "$PRISTINE"   # atomic: a half-unpacked tree never looks installed
  rm -rf "$tmp"
  msg "installed $PRISTINE"
}

# --- instances
idir() { [ -n "${1:-}" ] || usage; readlink -m "$1"; }

# PID (= process group) of DIR's Keycloak if it is running: the recorded PID is alive and is kc.sh or
# the java it exec'd, both of which name DIR/keycloak/bin on their command line
kc_pid() {
  local d=$1 pid
  [ -s "$d/keycloak.pid" ] || return 1
  pid=$(cat "$d/keycloak.pid")
  [[ "$pid" =~ ^[0-9]+$ ]] && [ -r "/proc/$pid/cmdline" ] || return 1
  grep -qaF "$d/keycloak/bin/" "/proc/$pid/cmdline" 2>/dev/null || return 1
  echo "$pid"
}

# every process of DIR's instance: its process group, plus any other process naming DIR/keycloak/bin
kc_procs() {
  local d=$1 pgid=${2:-}
  {
    [ -z "$pgid" ] || pgrep -g "$pgid" || true
    pgrep -f -- "$(printf '%s' "$d/keycloak/bin/" | sed 's/[][\\.*^$+?(){}|]/\\&/g')" || true
  } | sort -un
}

alive() { [ -r "/proc/$1/stat" ] && [ "$(cut -d' ' -f3 "/proc/$1/stat" 2>/dev/null)" != Z ]; }

cmd_start() {
  local d port pid pass sum old t0 elapsed
  d=$(idir "${1:-}"); port=${2:-}
  check_port "$port"
  [ -f "$REALM_JSON" ] || die "realm file $REALM_JSON missing"
  if pid=$(kc_pid "$d"); then
    msg "already running in $d (PID $pid, port $(cat "$d/keycloak.port" 2>/dev/null || echo '?'))"
    echo "$pid"; return 0
  fi
  rm -f "$d/keycloak.pid"
  port_busy "$port" && die "port $port on 127.0.0.1 is already in use"
  cmd_install
  mkdir -p "$d"

  # own copy of the pristine tree (re-made if it is of another Keycloak version)
  if [ -d "$d/keycloak" ] && ! cmp -s "$PRISTINE/version.txt" "$d/keycloak/version.txt"; then
    msg "$d/keycloak is not Keycloak $KC_VERSION, replacing it (realm re-imported)"
    rm -rf "$d/keycloak" "$d/realm.sha256"
  fi
  if [ ! -d "$d/keycloak" ]; then
    rm -rf "$d/keycloak.tmp"
    cp -a "$PRISTINE" "$d/keycloak.tmp"
    mv "$d/keycloak.tmp" "$d/keycloak"
  fi

  # realm: always refresh the import file; a changed realm means a fresh database
  mkdir -p "$d/keycloak/data/import"
  cp "$REALM_JSON" "$d/keycloak/data/import/$REALM-realm.json"
  sum=$(sha256sum < "$REALM_JSON" | cut -d' ' -f1)
  old=$(cat "$d/realm.sha256" 2>/dev/null || true)
  if [ "$sum" != "$old" ]; then
    if [ -d "$d/keycloak/data/h2" ]; then
      msg "realm file changed since the last import: deleting $d/keycloak/data/h2"
      rm -rf "$d/keycloak/data/h2"
    fi
    echo "$sum" > "$d/realm.sha256"
  fi

  # master realm bootstrap admin (only used when the database is new)
  if [ ! -s "$d/kcadmin-password" ]; then
    (umask 077; head -c 18 /dev/urandom | base64 | tr -d '/+=\n' > "$d/kcadmin-password")
  fi
  pass=$(cat "$d/kcadmin-password")

  echo "$port" > "$d/keycloak.port"
  echo "=== $(date '+%F %T') keycloak.sh start $d $port" >> "$d/keycloak.log"
  t0=$(now_ms)
  # setsid: kc.sh and its java child (or the java it execs after a re-augmentation) get their own
  # session and process group, whose id is $!; `stop` signals the whole group.
  # Nothing here reaches the internet: local cache (no JGroups discovery), H2 file database, no
  # management interface (health/metrics off), tracing off by default.  Listeners: PORT, plus an
  # ephemeral one of the transaction manager, both on 127.0.0.1.
  KC_BOOTSTRAP_ADMIN_USERNAME=kcadmin KC_BOOTSTRAP_ADMIN_PASSWORD=$pass \
  JAVA_OPTS_KC_HEAP=${JAVA_OPTS_KC_HEAP:--Xms64m -Xmx512m} \
    setsid "$d/keycloak/bin/kc.sh" start-dev "${BUILD_OPTS[@]}" --http-host=127.0.0.1 --http-port="$port" \
      --import-realm --log-console-color=false \
      < /dev/null >> "$d/keycloak.log" 2>&1 &
  pid=$!
  echo "$pid" > "$d/keycloak.pid"

  local url=http://127.0.0.1:$port/realms/$REALM/.well-known/openid-configuration
  while :; do
    if curl -sf -o /dev/null --max-time 5 "$url"; then break; fi
    elapsed=$(( $(now_ms) - t0 ))
    if ! alive "$pid"; then
      msg "Keycloak exited during startup; last lines of $d/keycloak.log:"
      tail -n 40 "$d/keycloak.log" >&2
      rm -f "$d/keycloak.pid"
      exit 1
    fi
    if [ "$elapsed" -ge $(( START_TIMEOUT * 1000 )) ]; then
      msg "realm $REALM not served after ${START_TIMEOUT} s; last lines of $d/keycloak.log:"
      tail -n 40 "$d/keycloak.log" >&2
      cmd_stop "$d" || true
      exit 1
    fi
    sleep 0.5
  done
  elapsed=$(( $(now_ms) - t0 ))
  msg "Keycloak up in $d: http://127.0.0.1:$port/realms/$REALM (PID $pid, $((elapsed / 1000)).$(( elapsed % 1000 / 100 )) s)"
  echo "$pid"
}

cmd_stop() {
  local d pid pgid='' procs deadline
  d=$(idir "${1:-}")
  if pid=$(kc_pid "$d"); then pgid=$pid; fi
  procs=$(kc_procs "$d" "$pgid")
  if [ -z "$procs" ]; then
    msg "not running in $d"
    rm -f "$d/keycloak.pid"; return 0
  fi
  # shellcheck disable=SC2086
  kill -TERM $procs 2>/dev/null || true
  deadline=$(( $(now_ms) + STOP_TIMEOUT * 1000 ))
  while procs=$(kc_procs "$d" "$pgid"); [ -n "$procs" ] && [ "$(now_ms)" -lt "$deadline" ]; do
    sleep 0.1
  done
  if [ -n "$procs" ]; then
    msg "still running after ${STOP_TIMEOUT} s, killing PID(s) $(echo $procs)"
    # shellcheck disable=SC2086
    kill -KILL $procs 2>/dev/null || true
    deadline=$(( $(now_ms) + 5000 ))
    while procs=$(kc_procs "$d" "$pgid"); [ -n "$procs" ] && [ "$(now_ms)" -lt "$deadline" ]; do
      sleep 0.1
    done
    [ -z "$procs" ] || die "could not stop Keycloak in $d (PID(s) $(echo $procs))"
  fi
  rm -f "$d/keycloak.pid"
  msg "stopped Keycloak in $d"
}

cmd_status() {
  local d pid
  d=$(idir "${1:-}")
  if pid=$(kc_pid "$d"); then
    echo "running $pid http://127.0.0.1:$(cat "$d/keycloak.port" 2>/dev/null || echo '?')/realms/$REALM"
  else
    echo "stopped"; exit 3
  fi
}

cmd_token() {
  local user=${1:-} password=${2:-} port=${3:-${VIREO_KEYCLOAK_PORT:-8180}} body code
  [ -n "$user" ] || usage
  check_port "$port"
  body=$(mktemp)
  code=$(curl -s -o "$body" -w '%{http_code}' --max-time 30 \
           "http://127.0.0.1:$port/realms/$REALM/protocol/openid-connect/token" \
           -d grant_type=password -d client_id=vireo-cli \
           --data-urlencode "username=$user" --data-urlencode "password=$password") || code=000
  if ! python3 -c '
import json, sys
code, path = sys.argv[1], sys.argv[2]
try:
    r = json.load(open(path))
except ValueError:
    r = {}
if code == "200" and "access_token" in r:
    print(r["access_token"])
    sys.exit(0)
sys.stderr.write("keycloak.sh: ERROR: token request failed: HTTP %s %s %s\n"
                 % (code, r.get("error", ""), r.get("error_description", "")))
sys.exit(1)
' "$code" "$body"; then
    rm -f "$body"; exit 1
  fi
  rm -f "$body"
}

[ $# -gt 0 ] || usage
cmd=$1; shift
case "$cmd" in
  install) [ $# -eq 0 ] || usage; cmd_install ;;
  start)   [ $# -eq 2 ] || usage; cmd_start "$1" "$2" ;;
  stop)    [ $# -eq 1 ] || usage; cmd_stop "$1" ;;
  status)  [ $# -eq 1 ] || usage; cmd_status "$1" ;;
  token)   [ $# -ge 2 ] && [ $# -le 3 ] || usage; cmd_token "$@" ;;
  -h|--help|help) usage ;;
  *)       usage ;;
esac
