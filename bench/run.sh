#!/usr/bin/env bash
# Runs Vireo's benchmarks and prints the figures (record them in bench/RESULTS.md with the date).
#   bench/run.sh [RUNS]      start latency (API vs raw virsh create), engine start time, idle RSS
# Needs root (lab hosts run libvirtd) and a guest kit (./vireo test or ./vireo up builds it).
set -euo pipefail
ROOT=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
cd "$ROOT"
lab/install-deps.sh
lab/guest-kit.sh /var/lib/vireo/images/kit
./mvnw -B -q install -DskipTests
./mvnw -B -q -pl bench dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
mkdir -p bench/target/work
java -Dvireo.root="$ROOT" -Dvireo.work="$ROOT/bench/target/work" \
  -cp "bench/target/classes:$(cat bench/target/classpath.txt)" dev.vireo.bench.StartLatencyBench "${1:-10}"
