#!/bin/bash
# host.sh -- "lab hypervisor hosts": one libvirtd per host, each in its own mount + UTS
# (+ optionally network) namespace on this one machine.  Tests never touch a system libvirtd.
#
# usage: lab/host.sh start NAME [--netns IP/NN]   start host NAME; prints libvirtd's PID on stdout
#        lab/host.sh stop NAME                    destroy+undefine domains, kill everything, clean up
#        lab/host.sh stop-all                     stop every lab host
#        lab/host.sh purge                        stop-all, then delete all host state dirs (logs)
#        lab/host.sh exec NAME CMD [ARGS...]      run CMD inside the host's namespaces (exec'd: same PID)
#        lab/host.sh virsh NAME [ARGS...]         = exec NAME virsh -c qemu:///system ARGS...
#        lab/host.sh pid NAME                     print libvirtd's PID (exit 3 if not running)
#        lab/host.sh dir NAME                     print the host's state dir (root-namespace path)
#        lab/host.sh status                       one line per known host
#        lab/host.sh ovs NAME                     start ovsdb-server + ovs-vswitchd inside the host (its own
#                                                 database, socket and logs; bridges must use datapath_type=netdev)
#
# State: ${VIREO_LAB:-/var/tmp/vireo-lab}/hosts/NAME/{run,lib,log,cache,etc} bind-mounted (inside the
# host's mount namespace only) onto /run, /var/lib/libvirt, /var/log/libvirt, /var/cache/libvirt,
# /etc/libvirt, and {ovs-etc,ovs-lib,ovs-log} onto /etc/openvswitch, /var/lib/openvswitch, /var/log/openvswitch
# (Open vSwitch's socket lives in the private /run).  /var/lib/vireo/images is not bind-mounted: all lab hosts
# share it.
# `start` wipes the host's state dir; `stop` keeps it (logs) for post-mortem.
# stdout carries only results (PID, dir, status lines); messages go to stderr.
# Exit codes: 0 ok, 1 error, 2 usage, 3 host already running (start) / not running (exec, virsh, pid).
set -euo pipefail

SELF=$(readlink -f "${BASH_SOURCE[0]}")
LAB=${VIREO_LAB:-/var/tmp/vireo-lab}
HOSTS=$LAB/hosts
BRIDGE=vireobr0
BRIDGE_ADDR=10.78.0.1
BRIDGE_CIDR=$BRIDGE_ADDR/24
NETNS_PREFIX=vireo-
NETREG=$LAB/netns-hosts          # "IP NAME" of running --netns hosts (for their /etc/hosts)
CAPS_CACHE=$LAB/qemu-capabilities  # libvirt's qemu capability cache, reused across host starts
START_TIMEOUT=30
URI=qemu:///system

msg()  { echo "host.sh: $*" >&2; }
die()  { echo "host.sh: ERROR: $*" >&2; exit 1; }
usage() { sed -n '2,24s/^# \{0,1\}//p' "$SELF" >&2; exit 2; }

now_ms() { local t; t=$(date +%s%N); echo $(( t / 1000000 )); }
need_root() { [ "$(id -u)" -eq 0 ] || die "must be run as root"; }

check_name() {
  [[ "${1:-}" =~ ^[A-Za-z0-9]([A-Za-z0-9-]{0,30}[A-Za-z0-9])?$ ]] \
    || die "bad host name '${1:-}' (letters, digits, '-', at most 32 characters)"
}

hdir() { echo "$HOSTS/$1"; }

# ns file written by _hostinit: "PID UTS_INODE MNT_INODE NET_INODE"
read_ns() {  # read_ns NAME -> sets NS_PID NS_UTS NS_MNT; returns 1 if no ns file
  local f; f=$(hdir "$1")/ns
  NS_PID='' NS_UTS='' NS_MNT=''
  [ -s "$f" ] || return 1
  read -r NS_PID NS_UTS NS_MNT _ < "$f" || true
  [ -n "$NS_PID" ] && [ -n "$NS_UTS" ]
}

ns_inode() { stat -L -c %i "/proc/$1/ns/$2" 2>/dev/null || true; }

# PID of NAME's libvirtd if it is running (the PID still lives in the recorded UTS namespace)
host_pid() {
  read_ns "$1" || return 1
  [ -d "/proc/$NS_PID" ] || return 1
  [ "$(ns_inode "$NS_PID" uts)" = "$NS_UTS" ] || return 1
  echo "$NS_PID"
}

uses_netns() { [ -s "$(hdir "$1")/netns" ]; }
netns_name() { echo "$NETNS_PREFIX$1"; }
veth_name() {
  if [ ${#1} -le 12 ]; then echo "vr-$1"; else echo "vr-$(printf %s "$1" | md5sum | cut -c1-12)"; fi
}

# Deterministic host UUID from the name (md5, shaped as an RFC 4122 name-based v3 UUID)
host_uuid() {
  local h; h=$(printf 'vireo-lab-host:%s' "$1" | md5sum | cut -c1-32)
  printf '%s-%s-3%s-%x%s-%s\n' "${h:0:8}" "${h:8:4}" "${h:13:3}" $(( (16#${h:16:1} & 3) | 8 )) \
    "${h:17:3}" "${h:20:12}"
}

# Every PID living in NAME's namespaces: same UTS or mount namespace as its libvirtd was started in
# (libvirt gives each qemu a private mount namespace, but qemu keeps the UTS one), plus anything in
# its network namespace.  Never matches this script's own namespaces.
ns_pids() {
  local name=$1 my_uts my_mnt p kind ino
  read_ns "$name" || return 0
  my_uts=$(ns_inode self uts); my_mnt=$(ns_inode self mnt)
  {
    # "INODE /proc/PID/ns/KIND" for every process; vanished processes are just skipped
    stat -L -c '%i %n' /proc/[0-9]*/ns/uts /proc/[0-9]*/ns/mnt 2>/dev/null || true
  } | while read -r ino p; do
    kind=${p##*/}; p=${p#/proc/}; p=${p%%/*}
    case $kind in
      uts) [ "$ino" = "$NS_UTS" ] && [ "$ino" != "$my_uts" ] && echo "$p" ;;
      mnt) [ -n "$NS_MNT" ] && [ "$ino" = "$NS_MNT" ] && [ "$ino" != "$my_mnt" ] && echo "$p" ;;
    esac
    true
  done
  if uses_netns "$name" && [ -e "/run/netns/$(netns_name "$name")" ]; then
    ip netns pids "$(netns_name "$name")" 2>/dev/null || true
  fi
}
ns_pids_sorted() { ns_pids "$1" | grep -vx -e "$$" -e "${BASHPID:-$$}" | sort -un || true; }

lock() {  # lock FD FILE: exclusive flock, waits up to 120 s
  mkdir -p "$LAB"
  eval "exec $1>\"\$2\""
  flock -w 120 "$1" || die "timed out waiting for lock $2"
}

nsenter_args() {  # nsenter_args NAME PID -> array NSARGS
  NSARGS=(-t "$2" -m -u)
  if uses_netns "$1"; then NSARGS+=(-n); fi
}

# ------------------------------------------------------------------ network (--netns only)
ensure_bridge() {
  if ! ip link show "$BRIDGE" >/dev/null 2>&1; then
    msg "creating bridge $BRIDGE $BRIDGE_CIDR"
    ip link add "$BRIDGE" type bridge
  fi
  ip -4 addr show dev "$BRIDGE" | grep -q "inet $BRIDGE_CIDR " || ip addr add "$BRIDGE_CIDR" dev "$BRIDGE"
  ip link set "$BRIDGE" up
}

# rewrite (in place: they are bind-mounted files) the /etc/hosts of every running --netns host
refresh_hosts_files() {
  local d n
  for d in "$HOSTS"/*/; do
    n=$(basename "$d")
    if [ ! -s "$d/netns" ] || [ ! -f "$d/hosts" ]; then continue; fi
    { cat /etc/hosts; echo "$BRIDGE_ADDR vireo-lab-root"; cat "$NETREG" 2>/dev/null || true; } > "$d/hosts"
  done
}

setup_netns() {  # setup_netns NAME IP/NN
  local name=$1 cidr=$2 ns veth ip
  ns=$(netns_name "$name"); veth=$(veth_name "$name"); ip=${cidr%/*}
  ensure_bridge
  if [ -e "/run/netns/$ns" ]; then ip netns del "$ns" || true; fi
  if ip link show "$veth" >/dev/null 2>&1; then ip link del "$veth" || true; fi
  ip netns add "$ns"
  ip link add "$veth" type veth peer name eth0 netns "$ns"
  ip link set "$veth" master "$BRIDGE" up
  ip -n "$ns" link set lo up
  ip -n "$ns" addr add "$cidr" dev eth0
  ip -n "$ns" link set eth0 up
  ip -n "$ns" route add default via "$BRIDGE_ADDR" 2>/dev/null || true
  { grep -v " $name\$" "$NETREG" 2>/dev/null || true; echo "$ip $name"; } > "$NETREG.tmp"
  mv -f "$NETREG.tmp" "$NETREG"
}

teardown_netns() {  # teardown_netns NAME
  local name=$1 ns veth
  ns=$(netns_name "$name"); veth=$(veth_name "$name")
  if ip link show "$veth" >/dev/null 2>&1; then ip link del "$veth" 2>/dev/null || true; fi
  if [ -e "/run/netns/$ns" ]; then ip netns del "$ns" 2>/dev/null || msg "warning: ip netns del $ns failed"; fi
  if [ -f "$NETREG" ]; then
    { grep -v " $name\$" "$NETREG" || true; } > "$NETREG.tmp"; mv -f "$NETREG.tmp" "$NETREG"
  fi
  # last --netns host gone: remove the bridge too
  if [ ! -s "$NETREG" ] && ip link show "$BRIDGE" >/dev/null 2>&1; then
    msg "removing bridge $BRIDGE"
    ip link del "$BRIDGE" 2>/dev/null || true
  fi
}

# ------------------------------------------------------------------ _hostinit (inside the namespaces)
# Runs as: [ip netns exec NS] unshare --mount --uts --propagation private -- host.sh _hostinit NAME
# and becomes the host's libvirtd (exec: same PID).
cmd_hostinit() {
  local name=$1 d listen=()
  d=$(hdir "$name")
  hostname "$name"
  # Mounts under /run inherited from the root namespace (e.g. /run/netns/* of other lab hosts)
  # would pin those namespaces as long as this host lives: detach them first.
  { findmnt -rn -o TARGET | grep -E '^/run/' | sort -r || true; } | while read -r m; do
    umount -l "$m" 2>/dev/null || true
  done
  mount --bind "$d/run"   /run
  mount --bind "$d/lib"   /var/lib/libvirt
  mount --bind "$d/log"   /var/log/libvirt
  mount --bind "$d/cache" /var/cache/libvirt
  mount --bind "$d/etc"   /etc/libvirt
  mount --bind "$d/hosts" /etc/hosts
  # a private Open vSwitch database per host (`host.sh ovs NAME` starts the daemons)
  mount --bind "$d/ovs-etc" /etc/openvswitch
  mount --bind "$d/ovs-lib" /var/lib/openvswitch
  mount --bind "$d/ovs-log" /var/log/openvswitch
  echo "$$ $(ns_inode self uts) $(ns_inode self mnt) $(ns_inode self net)" > "$d/ns.tmp"
  mv -f "$d/ns.tmp" "$d/ns"
  [ -s "$d/netns" ] && listen=(--listen)
  echo "host.sh: host $name: exec libvirtd ${listen[*]} (pid $$)"
  exec libvirtd "${listen[@]}" --config /etc/libvirt/libvirtd.conf --pid-file /run/libvirt/libvirtd.pid
}

# ------------------------------------------------------------------ start
write_config() {  # write_config NAME IP-or-empty
  local name=$1 ip=$2 d
  d=$(hdir "$name")
  if [ -d /etc/libvirt ]; then cp -a /etc/libvirt/. "$d/etc/" 2>/dev/null || true; fi
  rm -f "$d/etc/libvirtd.conf" "$d/etc/qemu.conf"
  {
    echo "# written by lab/host.sh for lab host $name"
    echo 'listen_tls = 0'
    if [ -n "$ip" ]; then
      echo 'listen_tcp = 1'
      echo "listen_addr = \"$ip\""
      echo 'tcp_port = "16509"'
      echo 'auth_tcp = "none"'
    else
      echo 'listen_tcp = 0'
    fi
    echo 'unix_sock_group = "root"'
    echo 'unix_sock_rw_perms = "0770"'
    echo 'auth_unix_rw = "none"'
    echo 'auth_unix_ro = "none"'
    echo "host_uuid = \"$(host_uuid "$name")\""
    echo 'log_outputs = "3:file:/var/log/libvirt/libvirtd.log"'
  } > "$d/etc/libvirtd.conf"
  {
    echo "# written by lab/host.sh for lab host $name"
    echo 'user = "root"'
    echo 'group = "root"'
    echo 'dynamic_ownership = 0'
    echo 'remember_owner = 0'
    echo 'security_driver = "none"'
    echo 'stdio_handler = "file"'
    echo 'cgroup_controllers = [ ]'
    if [ -n "$ip" ]; then
      echo "migration_address = \"$ip\""
      echo "migration_host = \"$ip\""
    fi
  } > "$d/etc/qemu.conf"
  if [ -n "$ip" ]; then
    { cat /etc/hosts; echo "$BRIDGE_ADDR vireo-lab-root"; cat "$NETREG" 2>/dev/null || true; } > "$d/hosts"
  else
    { cat /etc/hosts; echo "127.0.1.1 $name"; } > "$d/hosts"
  fi
}

cmd_start() {
  local name='' cidr='' ip='' d pid t0 out p bgpid
  while [ $# -gt 0 ]; do
    case "$1" in
      --netns) [ $# -ge 2 ] || usage; cidr=$2; shift ;;
      --netns=*) cidr=${1#--netns=} ;;
      -*) die "start: unknown option '$1'" ;;
      *) [ -z "$name" ] || usage; name=$1 ;;
    esac
    shift
  done
  check_name "$name"
  need_root
  case "$LAB" in /run|/run/*|/var/run|/var/run/*) die "VIREO_LAB must not be under /run ($LAB)";; esac
  for c in libvirtd virsh nsenter unshare flock findmnt setsid hostname timeout; do
    command -v "$c" >/dev/null || die "'$c' not found (run lab/install-deps.sh)"
  done
  if [ -n "$cidr" ]; then
    [[ "$cidr" =~ ^([0-9]{1,3}\.){3}[0-9]{1,3}/[0-9]{1,2}$ ]] || die "--netns wants IP/NN, e.g. 10.78.0.11/24 (got '$cidr')"
    ip=${cidr%/*}
    [ "$ip" != "$BRIDGE_ADDR" ] || die "$BRIDGE_ADDR is the bridge's own address"
    command -v ip >/dev/null || die "'ip' not found (run lab/install-deps.sh)"
  fi
  d=$(hdir "$name")
  mkdir -p "$HOSTS"
  lock 8 "$HOSTS/.$name.lock"

  if pid=$(host_pid "$name"); then
    echo "host.sh: host $name is already running (libvirtd pid $pid); run 'host.sh stop $name' first" >&2
    exit 3
  fi
  if [ -n "$(ns_pids_sorted "$name")" ]; then
    msg "host $name: cleaning up leftovers of a previous run"
    stop_host "$name"
  fi

  # fresh state dir (logs of the previous run are dropped here, not at stop)
  rm -rf "$d"
  mkdir -p "$d"/{run/libvirt,run/lock,run/openvswitch,lib,log/qemu,cache,etc,ovs-etc,ovs-lib,ovs-log}
  mkdir -p /var/lib/libvirt /var/log/libvirt /var/cache/libvirt /etc/libvirt /var/lib/vireo/images \
           /etc/openvswitch /var/lib/openvswitch /var/log/openvswitch
  if compgen -G "$CAPS_CACHE/*.xml" >/dev/null; then
    mkdir -p "$d/cache/qemu/capabilities"
    cp "$CAPS_CACHE"/*.xml "$d/cache/qemu/capabilities/"
  fi

  if [ -n "$cidr" ]; then
    lock 7 "$LAB/.net.lock"
    if [ -f "$NETREG" ] && grep -q "^$ip " "$NETREG"; then
      die "address $ip is already used by lab host $(awk -v i="$ip" '$1==i{print $2}' "$NETREG")"
    fi
    echo "$cidr" > "$d/netns"
    write_config "$name" "$ip"
    setup_netns "$name" "$cidr"
    refresh_hosts_files
    exec 7>&-
  else
    write_config "$name" ""
  fi

  t0=$(now_ms)
  out=$d/libvirtd.out
  if [ -n "$cidr" ]; then
    setsid ip netns exec "$(netns_name "$name")" \
      unshare --mount --uts --propagation private -- "$SELF" _hostinit "$name" \
      </dev/null >>"$out" 2>&1 7>&- 8>&- &
  else
    setsid unshare --mount --uts --propagation private -- "$SELF" _hostinit "$name" \
      </dev/null >>"$out" 2>&1 7>&- 8>&- &
  fi
  bgpid=$!

  # wait for _hostinit to record its namespaces, then for libvirtd to answer
  pid=''
  while :; do
    if [ -z "$pid" ] && read_ns "$name"; then pid=$NS_PID; fi
    if [ -n "$pid" ]; then
      [ -d "/proc/$pid" ] || start_failed "$name" "libvirtd (pid $pid) exited"
      nsenter_args "$name" "$pid"
      if [ "$(timeout 5 nsenter "${NSARGS[@]}" -- virsh -q -c "$URI" hostname 2>/dev/null || true)" = "$name" ]; then
        break
      fi
    elif ! kill -0 "$bgpid" 2>/dev/null && ! read_ns "$name"; then
      start_failed "$name" "the namespace init exited before starting libvirtd"
    fi
    [ $(( $(now_ms) - t0 )) -le $(( START_TIMEOUT * 1000 )) ] \
      || start_failed "$name" "libvirtd did not answer within ${START_TIMEOUT}s"
    sleep 0.1
  done
  p=$(( $(now_ms) - t0 ))
  msg "host $name up: libvirtd pid $pid, hostname $name, uuid $(host_uuid "$name")${cidr:+, netns $(netns_name "$name") $cidr (qemu+tcp://$ip/system)}, after $((p / 1000)).$(printf %03d $((p % 1000)))s"
  echo "$pid"
}

start_failed() {  # start_failed NAME REASON
  local d; d=$(hdir "$1")
  msg "host $1: start failed: $2"
  if [ -s "$d/libvirtd.out" ]; then msg "--- $d/libvirtd.out:"; tail -n 15 "$d/libvirtd.out" >&2; fi
  if [ -s "$d/log/libvirtd.log" ]; then msg "--- $d/log/libvirtd.log:"; tail -n 15 "$d/log/libvirtd.log" >&2; fi
  stop_host "$1" || true
  exit 1
}

# ------------------------------------------------------------------ stop
# virsh inside the host with a timeout; never fails
hv() {  # hv PID NAME virsh-args...
  local pid=$1 name=$2; shift 2
  nsenter_args "$name" "$pid"
  timeout 20 nsenter "${NSARGS[@]}" -- virsh -q -c "$URI" "$@" 2>/dev/null || true
}

stop_host() {  # stop_host NAME (caller holds the host lock)
  local name=$1 d pid doms dom nets n pids i left p z
  d=$(hdir "$name")
  if pid=$(host_pid "$name"); then
    doms=$(hv "$pid" "$name" list --all --name)
    for dom in $doms; do
      hv "$pid" "$name" destroy "$dom" >/dev/null
      hv "$pid" "$name" undefine --managed-save --snapshots-metadata --checkpoints-metadata --nvram "$dom" >/dev/null
      if [ -n "$(hv "$pid" "$name" list --all --name | grep -x "$dom" || true)" ]; then
        hv "$pid" "$name" undefine "$dom" >/dev/null
      fi
      msg "host $name: destroyed domain $dom"
    done
    nets=$(hv "$pid" "$name" net-list --all --name)
    for n in $nets; do
      hv "$pid" "$name" net-destroy "$n" >/dev/null; hv "$pid" "$name" net-undefine "$n" >/dev/null
      msg "host $name: removed network $n"
    done
    # keep libvirt's qemu capability probe for the next start (saves seconds per host start)
    if compgen -G "$d/cache/qemu/capabilities/*.xml" >/dev/null; then
      mkdir -p "$CAPS_CACHE"; cp -f "$d"/cache/qemu/capabilities/*.xml "$CAPS_CACHE/" 2>/dev/null || true
    fi
  fi

  pids=$(ns_pids_sorted "$name")
  if [ -n "$pids" ]; then
    # shellcheck disable=SC2086
    kill -TERM $pids 2>/dev/null || true
    for i in $(seq 50); do
      left=$(ns_pids_sorted "$name"); [ -z "$left" ] && break
      [ "$i" = 30 ] && { # shellcheck disable=SC2086
        kill -KILL $left 2>/dev/null || true; }
      sleep 0.1
    done
    left=$(ns_pids_sorted "$name")
    if [ -n "$left" ]; then
      # shellcheck disable=SC2086
      kill -KILL $left 2>/dev/null || true; sleep 0.5
      left=$(ns_pids_sorted "$name")
    fi
    [ -z "$left" ] || msg "warning: host $name: processes still alive: $left"
    # killed processes whose parent is gone linger as zombies until PID 1 reaps them: wait a bit
    for i in $(seq 50); do
      z=0
      for p in $pids; do if [ -e "/proc/$p" ]; then z=1; fi; done
      [ "$z" = 1 ] || break
      sleep 0.1
    done
    msg "host $name: stopped processes: $(echo "$pids" | tr '\n' ' ')"
  fi
  if uses_netns "$name"; then
    lock 7 "$LAB/.net.lock"
    teardown_netns "$name"
    refresh_hosts_files
    exec 7>&-
  fi
  rm -f "$d/ns" "$d/netns"
  [ -z "${left:-}" ]
}

cmd_stop() {
  local name=${1:-}
  check_name "$name"; need_root
  if [ ! -d "$(hdir "$name")" ]; then msg "host $name: not known (nothing to stop)"; return 0; fi
  lock 8 "$HOSTS/.$name.lock"
  if ! read_ns "$name" && ! uses_netns "$name"; then msg "host $name: not running"; return 0; fi
  stop_host "$name" || die "host $name: could not stop everything"
  msg "host $name: stopped (logs kept in $(hdir "$name"))"
}

cmd_stop_all() {
  local d n rc=0 ns p pids=()
  need_root
  # hosts are stopped in parallel (each stop mostly waits: qemu teardown, zombie reaping)
  for d in "$HOSTS"/*/; do
    [ -d "$d" ] || continue
    n=$(basename "$d")
    ( cmd_stop "$n" ) &
    pids+=($!)
  done
  for p in "${pids[@]}"; do wait "$p" || rc=1; done
  # stray namespaces/links of ours (e.g. after a crash of this script)
  for ns in $(ip netns list 2>/dev/null | awk '{print $1}' | grep "^$NETNS_PREFIX" || true); do
    msg "removing stray netns $ns"; ip netns del "$ns" 2>/dev/null || true
  done
  if ip link show "$BRIDGE" >/dev/null 2>&1; then
    msg "removing bridge $BRIDGE"; ip link del "$BRIDGE" 2>/dev/null || true
  fi
  rm -f "$NETREG"
  # `ip netns add` bind-mounts /run/netns onto itself; undo that if no namespace is left at all
  if findmnt -rn /run/netns >/dev/null 2>&1 && [ -z "$(ls -A /run/netns 2>/dev/null)" ]; then
    umount /run/netns 2>/dev/null || true
  fi
  return $rc
}

cmd_purge() {  # stop everything, then delete all host state dirs (keeps the capability cache)
  local rc=0
  cmd_stop_all || rc=$?
  if [ "$rc" = 0 ]; then rm -rf "$HOSTS"; msg "removed $HOSTS"; fi
  return $rc
}

cmd_status() {
  local d n pid net
  for d in "$HOSTS"/*/; do
    [ -d "$d" ] || continue
    n=$(basename "$d")
    net=$(cat "$d/netns" 2>/dev/null || echo "-")
    if pid=$(host_pid "$n"); then
      nsenter_args "$n" "$pid"
      echo "$n running pid=$pid netns=$net domains=$(timeout 10 nsenter "${NSARGS[@]}" -- virsh -q -c "$URI" list --name 2>/dev/null | grep -c . || true)"
    elif [ -n "$(ns_pids_sorted "$n")" ]; then
      echo "$n broken (libvirtd gone, processes left: $(ns_pids_sorted "$n" | tr '\n' ' '); run 'host.sh stop $n')"
    else
      echo "$n stopped"
    fi
  done
}

cmd_exec() {
  local name=${1:-} pid wd=/
  check_name "$name"; shift
  [ $# -gt 0 ] || usage
  pid=$(host_pid "$name") || { echo "host.sh: host $name is not running" >&2; exit 3; }
  nsenter_args "$name" "$pid"
  # keep the caller's working directory if it exists inside the host's mount namespace
  if [ -d "/proc/$pid/root$PWD" ]; then wd=$PWD; fi
  exec nsenter "${NSARGS[@]}" --wd="$wd" -- "$@"
}

# Open vSwitch inside a running host: ovsdb-server and ovs-vswitchd, daemonised in the host's namespaces (so
# `stop` kills them with the rest). The kernel has no openvswitch module: bridges need datapath_type=netdev.
cmd_ovs() {
  local name=${1:-} pid i
  check_name "$name"; need_root
  command -v ovs-vswitchd >/dev/null || die "'ovs-vswitchd' not found (run lab/install-deps.sh)"
  pid=$(host_pid "$name") || { echo "host.sh: host $name is not running" >&2; exit 3; }
  nsenter_args "$name" "$pid"
  local in=(nsenter "${NSARGS[@]}" --)
  if "${in[@]}" ovs-vsctl --timeout=2 show >/dev/null 2>&1; then msg "host $name: Open vSwitch already runs"; return 0; fi
  "${in[@]}" mkdir -p /var/run/openvswitch
  [ -s "$(hdir "$name")/ovs-etc/conf.db" ] || \
    "${in[@]}" ovsdb-tool create /etc/openvswitch/conf.db /usr/share/openvswitch/vswitch.ovsschema
  "${in[@]}" ovsdb-server --remote=punix:/var/run/openvswitch/db.sock --pidfile --detach --log-file \
    /etc/openvswitch/conf.db
  "${in[@]}" ovs-vsctl --timeout=10 --no-wait init
  "${in[@]}" ovs-vswitchd --pidfile --detach --log-file >/dev/null 2>&1
  for i in $(seq 50); do
    "${in[@]}" ovs-appctl --timeout=2 version >/dev/null 2>&1 && { msg "host $name: Open vSwitch up"; return 0; }
    sleep 0.1
  done
  die "host $name: ovs-vswitchd did not come up (see $(hdir "$name")/ovs-log/ovs-vswitchd.log)"
}

cmd=${1:-}
[ $# -gt 0 ] && shift
case "$cmd" in
  start)     cmd_start "$@" ;;
  stop)      [ $# -eq 1 ] || usage; cmd_stop "$1" ;;
  stop-all)  cmd_stop_all ;;
  purge)     cmd_purge ;;
  exec)      [ $# -ge 2 ] || usage; cmd_exec "$@" ;;
  virsh)     [ $# -ge 1 ] || usage; n=$1; shift; cmd_exec "$n" virsh -c "$URI" "$@" ;;
  pid)       [ $# -eq 1 ] || usage; check_name "$1"
             host_pid "$1" || { echo "host.sh: host $1 is not running" >&2; exit 3; } ;;
  dir)       [ $# -eq 1 ] || usage; check_name "$1"; hdir "$1" ;;
  status)    cmd_status ;;
  ovs)       [ $# -eq 1 ] || usage; cmd_ovs "$1" ;;
  _hostinit) cmd_hostinit "$1" ;;
  -h|--help|help) usage ;;
  *)         usage ;;
esac
