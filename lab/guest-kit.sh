#!/bin/bash
# guest-kit.sh -- build the tiny bootable guest kit used by the lab and the system tests.
#
# usage: lab/guest-kit.sh [DIR]        (default DIR: /var/lib/vireo/images/kit)
#        lab/guest-kit.sh --force [DIR]  rebuild even if the kit is up to date
#
# Produces, for direct kernel boot (<kernel>DIR/vmlinuz</kernel><initrd>DIR/initrd.gz</initrd>,
# cmdline "console=ttyS0 console=tty0"):
#   DIR/vmlinuz      Debian linux-image-*-cloud-amd64 kernel (fetched with apt-get download)
#   DIR/initrd.gz    busybox-static initramfs; its /init
#                      - prints "GUEST-BOOTED <uname -r>" to /dev/ttyS0 and "GUEST-BOOTED on tty0" to tty0
#                      - loads virtio (pci/net/blk) modules and prints GUEST-NET / GUEST-DISK lines
#                        to ttyS0 when a virtio NIC (eth0) or disk (vda) is present
#                      - configures eth0 from the kernel cmdline "vireo.ip=A.B.C.D/NN" if given
#                      - with a disk: prints "GUEST-DISK-READ <first 64 bytes of vda, printable>"; with the
#                        cmdline flag "vireo.disk-stamp" it then writes "STAMP-<its SMBIOS UUID = VM id>-<n>"
#                        there at boot and with every tick, n counting on from the stamp it read, and prints
#                        "GUEST-DISK-WROTE STAMP-…" (storage tests: whose writes a disk holds, and which)
#                      - powers off on an ACPI power-button press (virsh shutdown), printing
#                        "GUEST-SHUTDOWN acpi-power-button" to ttyS0 first
#                      - prints "tick <uptime>" to ttyS0 every 2 s
#   DIR/kit.version  format line + kernel/busybox versions
# Idempotent: does nothing when both files exist and kit.version's first line matches.
# Built in a temporary directory and moved into place atomically (rename in DIR).
set -euo pipefail

KIT_FORMAT="vireo-guest-kit format=4"
# virtio + ACPI power-button modules put into the initramfs, in load order
MODULES=(
  drivers/virtio/virtio_ring drivers/virtio/virtio drivers/virtio/virtio_pci_legacy_dev
  drivers/virtio/virtio_pci_modern_dev drivers/virtio/virtio_pci
  net/core/failover drivers/net/net_failover drivers/net/virtio_net drivers/block/virtio_blk
  drivers/input/evdev drivers/acpi/button
)

force=0
if [ "${1:-}" = "--force" ]; then force=1; shift; fi
case "${1:-}" in -h|--help) sed -n '2,21s/^# \{0,1\}//p' "$0"; exit 0 ;; esac
DIR=${1:-/var/lib/vireo/images/kit}

msg() { echo "guest-kit.sh: $*"; }
die() { echo "guest-kit.sh: ERROR: $*" >&2; exit 1; }

if [ "$force" = 0 ] && [ -s "$DIR/vmlinuz" ] && [ -s "$DIR/initrd.gz" ] && [ -f "$DIR/kit.version" ] \
   && [ "$(head -n1 "$DIR/kit.version")" = "$KIT_FORMAT" ]; then
  msg "kit up to date in $DIR ($(sed -n 2p "$DIR/kit.version"))"
  exit 0
fi

for c in apt-get apt-cache dpkg gzip; do
  command -v "$c" >/dev/null || die "'$c' not found (run lab/install-deps.sh)"
done

mkdir -p "$DIR"
# temp dir inside DIR's filesystem so the final mv is a rename
TMP=$(mktemp -d "$DIR/.build.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
chmod 755 "$TMP"
mkdir -p "$TMP/debs"
# apt-get download as root drops to user _apt, which needs write access to the target dir
if getent passwd _apt >/dev/null; then chown _apt "$TMP/debs"; fi

# --- the kernel: the versioned package linux-image-cloud-amd64 depends on
kpkg=$(apt-cache depends linux-image-cloud-amd64 2>/dev/null \
         | sed -n 's/.*Depends: \(linux-image-[0-9][^ ]*\).*/\1/p' | head -n1 || true)
if [ -z "$kpkg" ]; then
  msg "apt lists do not know linux-image-cloud-amd64; running apt-get update"
  apt-get update -q
  kpkg=$(apt-cache depends linux-image-cloud-amd64 2>/dev/null \
           | sed -n 's/.*Depends: \(linux-image-[0-9][^ ]*\).*/\1/p' | head -n1 || true)
fi
[ -n "$kpkg" ] || die "cannot find the cloud kernel package (apt-cache depends linux-image-cloud-amd64)"

# --- busybox: the installed busybox-static if there, else download it too
bbver=$(dpkg-query -W -f='${db:Status-Status} ${Version}' busybox-static 2>/dev/null || true)
download=("$kpkg")
if [ "${bbver%% *}" = installed ] && [ -x /bin/busybox ]; then
  bbver=${bbver#* }
else
  download+=(busybox-static)
  bbver=""
fi

msg "downloading ${download[*]}"
(cd "$TMP/debs" && apt-get download -q "${download[@]}") || die "apt-get download ${download[*]} failed"
for f in "$TMP"/debs/*.deb; do dpkg -x "$f" "$TMP/root"; done

kfile=$(find "$TMP/root/boot" -maxdepth 1 -name 'vmlinuz-*' | head -n1)
[ -n "$kfile" ] || die "no vmlinuz in $kpkg"
kver=${kfile##*/vmlinuz-}
moddir=$TMP/root/lib/modules/$kver/kernel

ird=$TMP/initrd
mkdir -p "$ird"/{bin,proc,sys,dev,lib/modules}
if [ -n "$bbver" ]; then
  cp /bin/busybox "$ird/bin/busybox"
else
  cp "$TMP/root/bin/busybox" "$ird/bin/busybox"
  bbver=$(dpkg-deb -f "$TMP"/debs/busybox-static_*.deb Version)
fi
for m in "${MODULES[@]}"; do
  src=$moddir/$m.ko
  if [ -f "$src" ]; then cp "$src" "$ird/lib/modules/"
  elif [ -f "$src.xz" ]; then xz -dc "$src.xz" > "$ird/lib/modules/${m##*/}.ko"
  else msg "warning: module $m not in $kpkg (built in?)"
  fi
done

cat > "$ird/init" <<'INIT'
#!/bin/busybox sh
# Vireo lab guest init (guest-kit.sh)
/bin/busybox --install -s /bin
mount -t proc proc /proc; mount -t sysfs sys /sys; mount -t devtmpfs dev /dev
echo "GUEST-BOOTED $(uname -r)" > /dev/ttyS0
echo "GUEST-BOOTED on tty0" > /dev/tty0
for m in virtio_ring virtio virtio_pci_legacy_dev virtio_pci_modern_dev virtio_pci \
         failover net_failover virtio_net virtio_blk evdev button; do
  [ -f /lib/modules/$m.ko ] && insmod /lib/modules/$m.ko 2>/dev/null
done
ip link set lo up 2>/dev/null

# ACPI power button (virsh shutdown): the 'button' driver exposes an input device named
# "Power Button"; the first event read from its evdev node means "pressed" -> power off.
powerwatch() {
  n=0
  while [ $n -lt 50 ]; do
    for i in /sys/class/input/input*; do
      [ "$(cat "$i/name" 2>/dev/null)" = "Power Button" ] || continue
      for e in "$i"/event*; do
        [ -e "$e" ] || continue
        ev=/dev/input/${e##*/}
        [ -c "$ev" ] || mknod "$ev" c "$(cut -d: -f1 "$e/dev")" "$(cut -d: -f2 "$e/dev")" 2>/dev/null
        if dd if="$ev" of=/dev/null bs=24 count=1 2>/dev/null; then
          echo "GUEST-SHUTDOWN acpi-power-button" > /dev/ttyS0
          sync; poweroff -f
        fi
      done
    done
    sleep 0.2; n=$((n+1))
  done
}
mkdir -p /dev/input
powerwatch &

arg() { sed -n "s/.*$1=\([^ ]*\).*/\1/p" /proc/cmdline; }
IP=$(arg vireo.ip)
n=0; while [ ! -e /sys/class/net/eth0 ] && [ ! -b /dev/vda ] && [ $n -lt 10 ]; do sleep 0.1; n=$((n+1)); done
if [ -e /sys/class/net/eth0 ]; then
  ip link set eth0 up
  [ -n "$IP" ] && ip addr add "$IP" dev eth0
  echo "GUEST-NET eth0 mac=$(cat /sys/class/net/eth0/address) ip=${IP:-none}" > /dev/ttyS0
fi
n=0
stamp() {
  printf '%-64s' "STAMP-$uuid-$n" | dd of=/dev/vda bs=64 count=1 conv=notrunc,fsync 2>/dev/null
  echo "GUEST-DISK-WROTE STAMP-$uuid-$n" > /dev/ttyS0
  n=$((n+1))
}
if [ -b /dev/vda ]; then
  echo "GUEST-DISK vda sectors=$(cat /sys/block/vda/size)" > /dev/ttyS0
  prev=$(dd if=/dev/vda bs=64 count=1 2>/dev/null | tr -dc 'A-Za-z0-9_.:-')
  echo "GUEST-DISK-READ $prev" > /dev/ttyS0
  if grep -qw vireo.disk-stamp /proc/cmdline; then
    uuid=$(cat /sys/class/dmi/id/product_uuid 2>/dev/null | tr 'A-F' 'a-f')
    case "$prev" in STAMP-$uuid-*) n=$(( ${prev##*-} + 1 )) ;; esac
    stamping=1
    stamp
  fi
fi

while true; do
  echo "tick $(cut -d' ' -f1 /proc/uptime)" > /dev/ttyS0
  [ -n "$stamping" ] && stamp
  sleep 2
done
INIT
chmod 755 "$ird/init"
(cd "$ird" && find . | ./bin/busybox cpio -o -H newc 2>/dev/null | gzip -9) > "$TMP/initrd.gz"
cp "$kfile" "$TMP/vmlinuz"
printf '%s\nkernel=%s (%s) busybox-static=%s\nbuilt=%s\n' \
  "$KIT_FORMAT" "$kpkg" "$kver" "$bbver" "$(date -u +%Y-%m-%dT%H:%M:%SZ)" > "$TMP/kit.version"
chmod 644 "$TMP/vmlinuz" "$TMP/initrd.gz" "$TMP/kit.version"

# atomic replacement of each file; kit.version last so that a half-done install is rebuilt
rm -f "$DIR/kit.version"
mv -f "$TMP/vmlinuz" "$DIR/vmlinuz"
mv -f "$TMP/initrd.gz" "$DIR/initrd.gz"
mv -f "$TMP/kit.version" "$DIR/kit.version"
msg "kit built in $DIR: $(sed -n 2p "$DIR/kit.version")"
ls -l "$DIR/vmlinuz" "$DIR/initrd.gz"
