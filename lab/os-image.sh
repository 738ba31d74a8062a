#!/bin/bash
# os-image.sh -- build the "Debian 12" OS template image from Debian packages, offline from anything but
# Debian's package repositories: mmdebstrap a bookworm tree with systemd, cloud-init, qemu-guest-agent,
# openssh-server and dbus (logind needs it to act on a shutdown from the guest agent or the ACPI power button),
# make an ext4 filesystem from it (mkfs.ext4 -d, nothing mounted) and convert it to qcow2. The guest boots the
# kernel and initrd taken from the same tree with root=/dev/vda (no boot loader on the disk).
#
# usage: lab/os-image.sh OUT_DIR      (as root; e.g. /var/lib/vireo/images/os/debian-12)
#
# OUT_DIR gets disk.qcow2 (3 GiB virtual), vmlinuz, initrd.img, os-release and recipe.sha256. The build is
# cached: it is skipped while recipe.sha256 matches this script's own hash (the recipe), and done again when
# this file changes. About a minute and ~500 MiB on these machines (see bench/RESULTS.md).
set -euo pipefail

OUT=${1:?usage: os-image.sh OUT_DIR}
SELF=$(readlink -f "${BASH_SOURCE[0]}")
RECIPE=$(sha256sum "$SELF" | cut -d' ' -f1)
SIZE=3G
PACKAGES=systemd-sysv,dbus,linux-image-cloud-amd64,cloud-init,qemu-guest-agent,openssh-server,sudo,ifupdown,isc-dhcp-client,netbase,iproute2,udev,procps

msg() { echo "os-image.sh: $*" >&2; }
[ "$(id -u)" = 0 ] || { msg "must be run as root"; exit 1; }
if [ -s "$OUT/recipe.sha256" ] && [ "$(cat "$OUT/recipe.sha256")" = "$RECIPE" ] && [ -s "$OUT/disk.qcow2" ]; then
  msg "$OUT is up to date (recipe $RECIPE)"
  exit 0
fi
for tool in mmdebstrap mkfs.ext4 qemu-img; do
  command -v "$tool" >/dev/null || { msg "$tool is missing (lab/install-deps.sh installs it)"; exit 1; }
done

mkdir -p "$(dirname "$OUT")"
WORK=$(mktemp -d "$(dirname "$OUT")/.os-image.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
ROOTFS=$WORK/rootfs
started=$(date +%s)

msg "debootstrapping Debian bookworm into $ROOTFS"
# customize hooks run on the host with the tree as $1
mmdebstrap --variant=minbase --include="$PACKAGES" \
  --customize-hook='echo "LABEL=root / ext4 defaults,errors=remount-ro 0 1" > "$1/etc/fstab"' \
  --customize-hook='printf "datasource_list: [ NoCloud, None ]\n" > "$1/etc/cloud/cloud.cfg.d/90-vireo.cfg"' \
  --customize-hook='rm -f "$1"/etc/ssh/ssh_host_*' \
  --customize-hook=': > "$1/etc/machine-id"; rm -f "$1/var/lib/dbus/machine-id"' \
  --customize-hook='echo debian > "$1/etc/hostname"' \
  --customize-hook='rm -rf "$1"/var/cache/apt/archives/*.deb "$1"/var/lib/apt/lists/*' \
  bookworm "$ROOTFS" >&2

kernel=$(ls "$ROOTFS"/boot/vmlinuz-* | sort -V | tail -1)
initrd=$(ls "$ROOTFS"/boot/initrd.img-* | sort -V | tail -1)
[ -s "$kernel" ] && [ -s "$initrd" ] || { msg "no kernel or initrd in the tree"; exit 1; }
cp "$kernel" "$WORK/vmlinuz"
cp "$initrd" "$WORK/initrd.img"
cp "$ROOTFS/etc/os-release" "$WORK/os-release"

msg "making a $SIZE ext4 filesystem from the tree"
truncate -s "$SIZE" "$WORK/disk.raw"
mkfs.ext4 -q -L root -d "$ROOTFS" "$WORK/disk.raw"
qemu-img convert -f raw -O qcow2 "$WORK/disk.raw" "$WORK/disk.qcow2"
rm -f "$WORK/disk.raw"
rm -rf "$ROOTFS"

echo "$RECIPE" > "$WORK/recipe.sha256"
rm -rf "$OUT.old"
[ -d "$OUT" ] && mv "$OUT" "$OUT.old"
mv "$WORK" "$OUT"
rm -rf "$OUT.old"
chmod 755 "$OUT"
trap - EXIT
msg "built $OUT in $(( $(date +%s) - started )) s: $(du -h --apparent-size "$OUT/disk.qcow2" | cut -f1) qcow2 (virtual $SIZE), kernel $(basename "$kernel")"
