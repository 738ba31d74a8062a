#!/bin/bash
# install-deps.sh -- install what the Vireo lab (lab/host.sh, lab/guest-kit.sh) needs on Debian 12.
#
# usage: lab/install-deps.sh [--browser]
#   --browser   also install chromium + chromium-driver (UI tests)
#
# Run as root.  Idempotent: when everything is present it only runs dpkg-query and a few
# getent/stat calls (well under a second) and changes nothing.
# libvirt-daemon-system is deliberately NOT installed (it wants systemd); instead this script
# creates the users, groups and directories that libvirtd needs without it.
set -euo pipefail

PACKAGES=(
  libvirt-daemon libvirt-daemon-driver-qemu libvirt-clients libvirt0
  qemu-system-x86 qemu-utils
  busybox-static cpio
  iproute2 util-linux procps curl unzip
  openvswitch-switch
  mmdebstrap genisoimage e2fsprogs openssh-client
  openjdk-17-jdk-headless
)
BROWSER_PACKAGES=(chromium chromium-driver)

usage() { sed -n '2,10s/^# \{0,1\}//p' "$0"; }

browser=0
while [ $# -gt 0 ]; do
  case "$1" in
    --browser) browser=1 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "install-deps.sh: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
  esac
  shift
done

if [ "$(id -u)" -ne 0 ]; then
  echo "install-deps.sh: must be run as root" >&2
  exit 1
fi

wanted=("${PACKAGES[@]}")
[ "$browser" = 1 ] && wanted+=("${BROWSER_PACKAGES[@]}")

# --- packages: only the missing ones, apt-get update only if something is missing
# one dpkg-query for all of them ("PACKAGE STATUS" lines; unknown packages print nothing)
installed=" $(dpkg-query -W -f='${Package} ${db:Status-Status}\n' "${wanted[@]}" 2>/dev/null \
              | awk '$2 == "installed" {printf "%s ", $1}' || true)"
missing=()
for p in "${wanted[@]}"; do
  [[ "$installed" == *" $p "* ]] || missing+=("$p")
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "install-deps.sh: installing missing packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q "${missing[@]}"
fi

# --- npm fetches noVNC once for the web UI's build (web-ui/src/main/novnc); any Node.js on the PATH will do
if ! command -v npm >/dev/null; then
  echo "install-deps.sh: installing npm (for noVNC)"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q npm
fi

# --- users/groups that libvirt's qemu driver expects (normally created by libvirt-daemon-system)
ensure_group() {
  getent group "$1" >/dev/null && return 0
  echo "install-deps.sh: creating group $1"
  groupadd --system "$1"
}
ensure_group kvm
ensure_group libvirt-qemu
ensure_group libvirt
if ! getent passwd libvirt-qemu >/dev/null; then
  echo "install-deps.sh: creating user libvirt-qemu"
  useradd --system --gid libvirt-qemu --groups kvm --home-dir /var/lib/libvirt \
          --no-create-home --shell /usr/sbin/nologin libvirt-qemu
fi

# --- directories libvirtd needs (host.sh also bind-mounts onto the /var/*/libvirt ones)
for d in /var/log/libvirt /var/run/libvirt /var/lib/libvirt /var/cache/libvirt /etc/libvirt \
         /var/lib/vireo/images; do
  [ -d "$d" ] && continue
  echo "install-deps.sh: creating $d"
  mkdir -p "$d"
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps.sh: all packages present, nothing to install"
else
  echo "install-deps.sh: done"
fi
