#!/bin/bash
# os-template.sh -- make the "debian-12" template on a running engine from the image lab/os-image.sh built, the
# way an administrator would through the public API: upload the qcow2 (resumable upload, 1 MiB chunks), complete
# it into a disk, then POST /templates with that disk, the image's kernel and initrd and its OS name.
#
# usage: lab/os-template.sh ENGINE_URL IMAGE_DIR     (an administrator's bearer token in $VIREO_TOKEN)
# Does nothing when a template named debian-12 exists. Prints the template's id.
set -euo pipefail
ENGINE=${1:?usage: os-template.sh ENGINE_URL IMAGE_DIR}
DIR=${2:?usage: os-template.sh ENGINE_URL IMAGE_DIR}
NAME=debian-12
: "${VIREO_TOKEN:?set VIREO_TOKEN to an administrator bearer token}"
msg() { echo "os-template.sh: $*" >&2; }
api() { curl -fsS -H "Authorization: Bearer $VIREO_TOKEN" "$@"; }
# the engine writes a record's id as its first member: the first "id" of an answer is the new object's
first_id() { grep -o '"id":"[0-9a-f-]*"' | head -1 | cut -d'"' -f4; }

existing=$(api "$ENGINE/api/v1/templates" | grep -o "\"id\":\"[0-9a-f-]*\",\"name\":\"$NAME\"" | cut -d'"' -f4 || true)
if [ -n "$existing" ]; then
  echo "$existing"; exit 0
fi
image=$DIR/disk.qcow2
size=$(stat -c %s "$image")
os=$(. "$DIR/os-release" && echo "$PRETTY_NAME")
msg "uploading $image ($((size >> 20)) MiB) to the engine"
upload=$(api -X POST -H 'Content-Type: application/json' \
  -d "{\"name\":\"$NAME\",\"format\":\"qcow2\",\"sizeBytes\":$size,\"sha256\":\"$(sha256sum "$image" | cut -d' ' -f1)\"}" \
  "$ENGINE/api/v1/images/uploads" | first_id)
chunk=$((1 << 20))
for ((at = 0; at < size; at += chunk)); do
  end=$(( at + chunk < size ? at + chunk : size ))
  dd if="$image" bs=$chunk skip=$((at / chunk)) count=1 status=none \
    | api -X PUT -H 'Content-Type: application/octet-stream' -H "Content-Range: bytes $at-$((end - 1))/$size" \
        --data-binary @- -o /dev/null "$ENGINE/api/v1/images/uploads/$upload"
done
disk=$(api -X POST "$ENGINE/api/v1/images/uploads/$upload/complete" | first_id)
# the kernel and initrd stay with this disk: a later image build (a newer kernel) must not boot it with modules
# its /lib/modules lacks
boot=$(dirname "$DIR")/boot-$disk
mkdir -p "$boot"
cp "$DIR/vmlinuz" "$DIR/initrd.img" "$boot/"
msg "making template $NAME ($os) from disk $disk"
api -X POST -H 'Content-Type: application/json' -d "{\"name\":\"$NAME\",\"description\":\"Debian 12 with cloud-init, \
qemu-guest-agent and openssh-server\",\"diskId\":\"$disk\",\"osName\":\"$os\",\"kernel\":\"$boot/vmlinuz\",\"initrd\":\"$boot/initrd.img\",\
\"cmdline\":\"root=/dev/vda rw console=ttyS0\",\"memoryMiB\":512,\"vcpus\":1}" "$ENGINE/api/v1/templates" | first_id
