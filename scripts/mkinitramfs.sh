#!/bin/sh
# Build the boot-test initramfs: a gzip'd newc cpio holding only the static
# report program tests/initramfs/init.c as /init, plus the empty mount points
# it uses.  Reproducible: fixed mtimes and owners, sorted names, cpio
# --reproducible, gzip -n.  No root needed (no device nodes: init mounts
# devtmpfs and opens /dev/console itself).
#
#   mkinitramfs.sh OUT
#
# Environment: HOSTCC (default gcc), SOURCE_DATE_EPOCH (default 0).
set -eu

out=${1:?usage: mkinitramfs.sh OUT}
top=$(cd "$(dirname "$0")/.." && pwd)
cc=${HOSTCC:-gcc}
epoch=${SOURCE_DATE_EPOCH:-0}

stage=$out.d
rm -rf "$stage"
mkdir -p "$stage/root/dev" "$stage/root/proc" "$stage/root/sys"

$cc -static -Os -s -Wall -Wextra -Werror -std=gnu11 \
	-o "$stage/root/init" "$top/tests/initramfs/init.c"

find "$stage/root" -exec touch -h -d "@$epoch" {} +
(
	cd "$stage/root"
	find . -mindepth 1 | LC_ALL=C sort |
		cpio --quiet --reproducible -o -H newc -R 0:0
) | gzip -n -9 > "$stage/img"
mv "$stage/img" "$out"
rm -rf "$stage"
