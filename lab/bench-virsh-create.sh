#!/bin/bash
# bench-virsh-create.sh -- baseline timing of a plain `virsh create` of the lab guest on a lab host,
# for comparison with Vireo's own VM start path.
#
# usage: lab/bench-virsh-create.sh [-n RUNS] [--host NAME] [--kit DIR]
#   -n RUNS      number of runs (default 5)
#   --host NAME  lab host to use (default: vbench).  If it is not running it is started with
#                lab/host.sh and stopped again at the end; a running host is used and left running.
#   --kit DIR    guest kit dir (default /var/lib/vireo/images/kit; built with guest-kit.sh if missing)
#
# Per run (inside the host's namespaces, so no nsenter overhead is counted), wall clock of:
#   create->running : `virsh create dom.xml` until `virsh domstate` says "running"
#   create->booted  : same start until "GUEST-BOOTED" appears on the guest's serial log
# The domain (128 MiB, 1 vCPU, type qemu/TCG, direct kernel boot, serial to file, VNC on
# 127.0.0.1 autoport) is destroyed after each run.  Prints each run, then the medians.
set -euo pipefail

SELF=$(readlink -f "${BASH_SOURCE[0]}")
LABDIR=$(dirname "$SELF")

now_ms() { local t; t=$(date +%s%N); echo $(( t / 1000000 )); }
fmt_ms() { printf '%d.%03d' $(( $1 / 1000 )) $(( $1 % 1000 )); }
median() { sort -n | awk '{a[NR]=$1} END {if (NR==0) exit; if (NR%2) print a[(NR+1)/2]; else print int((a[NR/2]+a[NR/2+1])/2)}'; }

# ---------------------------------------------------------------- inner part, inside the host
if [ "${1:-}" = _inner ]; then
  runs=$2 kit=$3
  URI=qemu:///system
  for i in $(seq "$runs"); do
    dom=bench-$$-$i
    serial=/var/log/libvirt/qemu/$dom-serial.log
    xml=$(mktemp /tmp/bench-dom.XXXXXX.xml)
    cat > "$xml" <<EOF
<domain type='qemu'>
  <name>$dom</name>
  <memory unit='MiB'>128</memory>
  <vcpu>1</vcpu>
  <os><type arch='x86_64' machine='pc'>hvm</type>
    <kernel>$kit/vmlinuz</kernel><initrd>$kit/initrd.gz</initrd>
    <cmdline>console=ttyS0 console=tty0 quiet</cmdline></os>
  <features><acpi/></features>
  <on_poweroff>destroy</on_poweroff><on_reboot>restart</on_reboot><on_crash>destroy</on_crash>
  <devices>
    <serial type='file'><source path='$serial' append='on'/></serial>
    <graphics type='vnc' port='-1' autoport='yes' listen='127.0.0.1'/>
    <video><model type='vga'/></video>
  </devices>
</domain>
EOF
    rm -f "$serial"
    t0=$(now_ms)
    virsh -q -c "$URI" create "$xml" >/dev/null
    until [ "$(virsh -q -c "$URI" domstate "$dom" 2>/dev/null)" = running ]; do
      [ $(( $(now_ms) - t0 )) -lt 60000 ] || { echo "run $i: $dom not running after 60 s" >&2; exit 1; }
      sleep 0.02
    done
    t1=$(now_ms)
    until grep -q GUEST-BOOTED "$serial" 2>/dev/null; do
      [ $(( $(now_ms) - t0 )) -lt 120000 ] || { echo "run $i: no GUEST-BOOTED after 120 s" >&2; break; }
      sleep 0.02
    done
    t2=$(now_ms)
    virsh -q -c "$URI" destroy "$dom" >/dev/null 2>&1 || true
    rm -f "$xml" "$serial"
    echo "RUN $i $((t1 - t0)) $((t2 - t0))"
  done
  exit 0
fi

# ---------------------------------------------------------------- outer part
runs=5 host=vbench kit=/var/lib/vireo/images/kit
while [ $# -gt 0 ]; do
  case "$1" in
    -n|--host|--kit)
      [ $# -ge 2 ] || { echo "bench-virsh-create.sh: $1 needs a value" >&2; exit 2; }
      case "$1" in -n) runs=$2 ;; --host) host=$2 ;; --kit) kit=$2 ;; esac
      shift ;;
    -h|--help) sed -n '2,17s/^# \{0,1\}//p' "$SELF"; exit 0 ;;
    *) echo "bench-virsh-create.sh: unknown argument '$1'" >&2; exit 2 ;;
  esac
  shift
done
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || { echo "bench-virsh-create.sh: -n wants a positive number" >&2; exit 2; }

"$LABDIR/guest-kit.sh" "$kit" >&2

started=0
if ! "$LABDIR/host.sh" pid "$host" >/dev/null 2>&1; then
  "$LABDIR/host.sh" start "$host" >/dev/null
  started=1
fi
cleanup() { if [ "$started" = 1 ]; then "$LABDIR/host.sh" stop "$host" >/dev/null 2>&1 || true; fi; }
trap cleanup EXIT

echo "virsh create of a 128 MiB / 1 vCPU TCG guest (direct kernel boot) on lab host $host, $runs runs"
results=$("$LABDIR/host.sh" exec "$host" "$SELF" _inner "$runs" "$kit")
c_list=() b_list=()
while read -r _ i c b; do
  echo "  run $i: create->running $(fmt_ms "$c") s   create->GUEST-BOOTED $(fmt_ms "$b") s"
  c_list+=("$c"); b_list+=("$b")
done <<< "$results"
echo "median: create->running $(fmt_ms "$(printf '%s\n' "${c_list[@]}" | median)") s" \
     "  create->GUEST-BOOTED $(fmt_ms "$(printf '%s\n' "${b_list[@]}" | median)") s"
