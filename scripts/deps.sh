#!/bin/sh
# Install the Debian packages earlymod needs, if any is missing.
# Quiet and idempotent when everything is present; runs `apt-get update`
# only when something has to be installed.
set -eu

PKGS="linux-source-6.1 gcc make bc flex bison libelf-dev libssl-dev openssl cpio ccache
qemu-system-x86 seabios ipxe-qemu ovmf grub-common grub-pc-bin grub-efi-amd64-bin xorriso mtools
dwarves xz-utils clang libclang-rt-14-dev llvm valgrind libc6-dev initramfs-tools zstd
sbsigntool xen-hypervisor-4.17-amd64 debootstrap fdisk e2fsprogs kmod"

missing=""
for p in $PKGS; do
	status=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
	[ "$status" = "installed" ] || missing="$missing $p"
done
[ -z "$missing" ] && exit 0

echo "deps: installing:$missing"
if [ "$(id -u)" != 0 ]; then
	echo "deps: must run as root to install packages" >&2
	exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing >/dev/null
