#!/usr/bin/env bash
# Runs Vireo's benchmarks and prints the figures (record them in bench/RESULTS.md with the date).
#   bench/run.sh start [RUNS]                          start latency (API vs raw virsh create), engine start, idle RSS
#   bench/run.sh os [RUNS]                             the debian-12 template with cloud-init: start -> address
#                                                      reported -> first ssh, next to raw virsh create (same XML,
#                                                      same cidata volume), median of RUNS (5)
#   bench/run.sh migration [RUNS]                      live migration via the engine vs raw virsh migrate, two lab hosts
#   bench/run.sh placement [HOSTS] [VMS] [CLIENTS] [REPORT_S] [PER_REQUEST] [WARMUP]
#                                                      placement throughput and monitoring load with simulated
#                                                      hosts (fleet-sim), next to pgbench -N on the same PostgreSQL
#                                                      (PER_REQUEST > 1: bulk starts, POST /vms/start with that many;
#                                                      WARMUP: VMs started first, not measured)
#   bench/run.sh monitoring [HOSTS] [VMS_PER_HOST] [REPORT_S] [WINDOW_S]
#                                                      monitoring load: simulated hosts each running VMS_PER_HOST
#                                                      domains the engine knows, full reports every REPORT_S:
#                                                      engine CPU and RSS, report lag (5000 20 15 60)
#   bench/run.sh scheduler [PLACED_PER_HOST] [DECISIONS] [HOSTS,...]
#                                                      the placement decision alone (no database, HTTP or agents):
#                                                      decisions/s and p50/p99 at 100, 1,000 and 5,000 hosts
#   bench/run.sh grid [VMS] [PATH] [RUNS] [USER_PATH]  VM grid in Chromium with VMS (100000) VMs in the database: time
#                                                      to first render of PATH (/vms) and to apply a name filter, as
#                                                      admin and of USER_PATH (/) as alice, next to the list API's p50s
#                                                      (GRID_DROP_NAME_INDEX=1: without the V8 name index)
# Needs root (lab hosts run libvirtd; the start benchmark boots real guests from the guest kit).
set -euo pipefail
ROOT=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
cd "$ROOT"
what=${1:-start}; shift || true
if [ "$what" = grid ]; then lab/install-deps.sh --browser; else lab/install-deps.sh; fi
command -v pgbench >/dev/null || apt-get install -y -q postgresql-client postgresql-15 >/dev/null
if [ "${BENCH_BUILD:-1}" != 0 ]; then
  ./mvnw -B -q install -DskipTests -Dvaadin.productionMode=true
  ./mvnw -B -q -pl bench dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
  ./mvnw -B -q -pl fleet-sim dependency:build-classpath -DincludeScope=runtime -Dmdep.outputFile=target/classpath.txt
fi
mkdir -p bench/target/work
# BENCH_ENGINE_JVM: extra JVM options for the engine under test (a flight recording, say)
# BENCH_FLEET_NICE: run fleet-sim at this nice level (19: the simulated hosts take only what the engine leaves)
# BENCH_FLEET_CPU_SHARES: run fleet-sim in a cgroup v1 cpu group of this weight (2: stricter than nice 19)
run() { java -Xmx2g -Dvireo.root="$ROOT" -Dvireo.work="$ROOT/bench/target/work" \
  -Dvireo.engine-jvm-options="${BENCH_ENGINE_JVM:-}" \
  -cp "bench/target/classes:$(cat bench/target/classpath.txt)" "$@"; }
case $what in
  start)
    lab/guest-kit.sh /var/lib/vireo/images/kit
    run dev.vireo.bench.StartLatencyBench "${1:-10}" ;;
  os)
    lab/os-image.sh /var/lib/vireo/images/os/debian-12
    run dev.vireo.bench.OsBootBench "${1:-5}" ;;
  migration)
    lab/guest-kit.sh /var/lib/vireo/images/kit
    run dev.vireo.bench.MigrationBench "${1:-6}" ;;
  placement)
    export FLEET_BUILD=0
    run dev.vireo.bench.PlacementThroughputBench "${1:-1000}" "${2:-10000}" "${3:-32}" "${4:-15}" "${5:-1}" "${6:-0}" ;;
  monitoring)
    export FLEET_BUILD=0
    run dev.vireo.bench.MonitoringBench "${1:-5000}" "${2:-20}" "${3:-15}" "${4:-60}" ;;
  scheduler)
    run dev.vireo.bench.SchedulerBench "${1:-20}" "${2:-20000}" "${3:-100,1000,5000}" ;;
  grid)
    export SE_OFFLINE=true   # Selenium uses Debian's chromium/chromedriver, never downloads a driver
    # its own Keycloak (instance directory and port), so that test runs stopping theirs cannot stop it midway
    run -Dvireo.keycloak-dir="${BENCH_KEYCLOAK_DIR:-/var/tmp/vireo-keycloak-bench}" \
        -Dvireo.keycloak-port="${BENCH_KEYCLOAK_PORT:-18190}" \
        dev.vireo.bench.GridBench "${1:-100000}" "${2:-/vms}" "${3:-5}" "${4:-/}" ;;
  *) sed -n '2,19p' "$0"; exit 2 ;;
esac
