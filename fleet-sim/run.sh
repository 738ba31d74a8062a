#!/usr/bin/env bash
# Runs the fleet simulator: N host agents in one JVM, each on its own libvirt test-driver node, against a
# running engine. Options after the script go to the simulator (fleet-sim/run.sh --help lists them), e.g.
#   fleet-sim/run.sh --engine-url http://127.0.0.1:8080 --token "$TOKEN" --hosts 1000
# Environment: FLEET_BUILD=0 skips the Maven build (classes and classpath from the last one);
# FLEET_HEAP (default 2g) is the heap; JAVA_OPTS is added to the java command line.
# Needs libvirt's client library (libvirt0). Stop it with Ctrl-C or SIGTERM: it closes every websocket.
set -euo pipefail
ROOT=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
cd "$ROOT"
if [ "${FLEET_BUILD:-1}" != 0 ]; then
  ./mvnw -B -q -pl fleet-sim -am install -DskipTests
  ./mvnw -B -q -pl fleet-sim dependency:build-classpath -DincludeScope=runtime -Dmdep.outputFile=target/classpath.txt
fi
# shellcheck disable=SC2086
exec java -Xmx"${FLEET_HEAP:-2g}" ${JAVA_OPTS:-} \
  -cp "fleet-sim/target/classes:$(cat fleet-sim/target/classpath.txt)" dev.vireo.fleet.FleetSimulator "$@"
