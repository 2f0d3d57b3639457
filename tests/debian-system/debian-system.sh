#!/bin/sh
# Suite `debian-system`: the install as a Debian user does it, on a Debian 12
# system that already has a kernel of its own (docs/install.md).
#   - debootstrap makes a bookworm system with systemd, initramfs-tools and
#     Debian's kernel (linux-image-amd64);
#   - inside that system (a chroot in a private mount namespace, this tree
#     bind-mounted at its own path) `make install` installs the earlymod
#     kernel and its pack, and the kernel's postinst hooks make its initrd;
#     then `update-initramfs -u -k all` remakes every kernel's initrd;
#   - each initrd holds its own kernel's pack, or none: ours starts with the
#     pack, Debian's with its main archive;
#   - the system goes onto a partitioned disk (ext4 made from the directory
#     by mkfs.ext4 -d: no loop device, nothing mounted on the host);
#   - both kernels boot it, with their initrds from its /boot, to systemd's
#     multi-user target (debian-system-earlymod.case, -debian.case), where
#     earlymod-report.service prints the report: the earlymod kernel with
#     VT-d linked from the pack in its initrd, Debian's with its own built-in
#     VT-d and no earlymod at all.
# Needs root and Debian's package archive (debootstrap, about 3 minutes the
# first time; the packages and the system are kept in
# /var/cache/earlymod/debian-system, a cache that is never required).
# Work files: build/tests/debian-system (the case files name them).
#
#   debian-system.sh KERNEL_OBJDIR PACK INITRAMFS QEMU_RUN
set -u
kdir=$1 pack=$2 initramfs=$3 run=$4
top=$(cd "$(dirname "$0")/../.." && pwd)
here=$top/tests/debian-system
work=$top/build/tests/debian-system
kver=$(cat "$kdir/include/config/kernel.release")
# The root file system's UUID, which the case files' root= names.
uuid=6d0c3f52-1e7a-4a55-9b1e-ea71c0de0012
suite=bookworm
mirror=${EARLYMOD_DEBIAN_MIRROR:-http://deb.debian.org/debian}
pkgs=systemd-sysv,udev,kmod,initramfs-tools,zstd,linux-image-amd64,make,libelf1
# Caches outside the tree, for speed only: the packages debootstrap fetched,
# and the system it made, keyed by what went into it.
cache=/var/cache/earlymod/debian-system
debs=$cache/debs

failed=0
ok() { echo "ok debian-system $1"; }
nok() { echo "not ok debian-system $1 - $2"; failed=1; }

[ "$(id -u)" = 0 ] || { nok setup "needs root (debootstrap, chroot, unshare -m)"; exit 1; }
for t in debootstrap mkfs.ext4 sfdisk unshare zstd cpio; do
	command -v $t > /dev/null || { nok setup "no $t (make deps installs it)"; exit 1; }
done
mkdir -p "$work" "$debs"
root=$work/root
# clear_root: remove the system's directory, never while anything is
# mounted in it (the chroot's mounts live in namespaces that are gone).
clear_root() {
	if awk -v r="$root" 'index($5, r) == 1 { f = 1 } END { exit !f }' /proc/self/mountinfo; then
		nok setup "something is mounted under $root; not removing it"
		exit 1
	fi
	rm -rf "$root"
}
clear_root
rm -f "$work/disk.img" "$work/fs.img" "$work"/boot-*

# --- the base system -------------------------------------------------------------

key=$(printf '%s\n' "$suite" "$mirror" "$pkgs" | sha256sum | cut -c1-16)
base=$cache/base-$key.tar
if [ ! -f "$base" ]; then
	rm -f "$cache"/base-*.tar
	mkdir -p "$root"
	# (in a mount namespace of its own: the /proc and /sys it mounts in the
	# target cannot outlive it, even if it fails half-way)
	if ! unshare -m --propagation private debootstrap --variant=minbase --include="$pkgs" \
			--cache-dir="$debs" "$suite" "$root" "$mirror" > "$work/debootstrap.log" 2>&1; then
		nok debootstrap "failed (see $work/debootstrap.log): $(grep -m 1 -E '^(E|W): ' "$work/debootstrap.log")"
		exit 1
	fi
	tar -C "$root" -cf "$base.tmp" . && mv "$base.tmp" "$base"
else
	mkdir -p "$root"
	tar -C "$root" -xf "$base"
fi
dkver=$(cd "$root/boot" && ls vmlinuz-*-amd64 2> /dev/null | sed 's/^vmlinuz-//' | sort -V | tail -n 1)
if [ -n "$dkver" ] && [ -f "$root/boot/initrd.img-$dkver" ] && [ -x "$root/lib/systemd/systemd" ]; then
	ok "debootstrap: Debian $(cat "$root/etc/debian_version") with systemd and its own kernel $dkver"
else
	nok debootstrap "no Debian kernel with an initrd, or no systemd, in $root"
	exit 1
fi

# What the system needs to boot from the disk and report: its fstab, a
# name, and the report service with the boot test's report program.
echo "UUID=$uuid / ext4 errors=remount-ro 0 1" > "$root/etc/fstab"
echo debian-test > "$root/etc/hostname"
gzip -dc "$initramfs" | (cd "$work" && cpio -i --quiet --to-stdout init) > "$root/usr/local/sbin/earlymod-report"
chmod 755 "$root/usr/local/sbin/earlymod-report"
[ -s "$root/usr/local/sbin/earlymod-report" ] || { nok setup "no init in $initramfs"; exit 1; }
install -m 0755 "$here/report-system" "$root/usr/local/sbin/report-system"
install -m 0644 "$here/earlymod-report.service" "$root/etc/systemd/system/earlymod-report.service"
mkdir -p "$root/etc/systemd/system/multi-user.target.wants"
ln -sf ../earlymod-report.service "$root/etc/systemd/system/multi-user.target.wants/"
# The serial line is the report's: no login prompt on it (its getty would
# hang the line up under the report).
ln -sf /dev/null "$root/etc/systemd/system/serial-getty@ttyS0.service"

# in_root CMD...: run CMD in the system, with /proc, /sys, /dev and this
# tree (at its own path) mounted in a private mount namespace.
in_root() {
	# shellcheck disable=SC2016  # expanded by the inner shell
	unshare -m --propagation private sh -eu -c '
		r=$1 t=$2; shift 2
		mount -t proc proc "$r/proc"
		mount -t sysfs sysfs "$r/sys"
		mount --rbind /dev "$r/dev"
		mkdir -p "$r$t"
		mount --bind "$t" "$r$t"
		exec chroot "$r" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root "$@"
	' sh "$root" "$top" "$@"
}

# --- make install inside the system ------------------------------------------------

if ! in_root make -s --no-print-directory -C "$top" install > "$work/install.log" 2>&1; then
	nok install "make install in the system failed: $(tail -n 1 "$work/install.log")"
	exit 1
fi
why=
for f in "vmlinuz-$kver" "System.map-$kver" "config-$kver" "earlymod-$kver.img" "initrd.img-$kver"; do
	[ -f "$root/boot/$f" ] || why="$why no /boot/$f;"
done
cmp -s "$pack" "$root/boot/earlymod-$kver.img" || why="$why /boot/earlymod-$kver.img is not $pack;"
[ -x "$root/usr/share/initramfs-tools/hooks/earlymod" ] || why="$why no hook;"
grep -q "update-initramfs: Generating /boot/initrd.img-$kver" "$work/install.log" ||
	why="$why the postinst hooks did not run update-initramfs;"
if [ -z "$why" ]; then
	ok "install: make install in the system put in kernel $kver with its pack, and its postinst hook made initrd.img-$kver"
else
	nok install "$why"
fi

if ! in_root update-initramfs -u -k all > "$work/update-initramfs.log" 2>&1; then
	nok update-initramfs "failed: $(tail -n 1 "$work/update-initramfs.log")"
elif ! grep -q "^update-initramfs: Generating /boot/initrd.img-$dkver\$" "$work/update-initramfs.log" ||
		! grep -q "^update-initramfs: Generating /boot/initrd.img-$kver\$" "$work/update-initramfs.log"; then
	nok update-initramfs "did not remake both initrds: $(grep Generating "$work/update-initramfs.log" | tr '\n' ' ')"
else
	ok "update-initramfs -u -k all: remade the initrds of $dkver and $kver, with the hook in place"
fi

# --- each initrd has its own kernel's pack, or none -----------------------------------

# holds, magic, ZSTD
# shellcheck source=tests/initramfs-tools/initrd-parts.sh
. "$top/tests/initramfs-tools/initrd-parts.sh"
ours=$root/boot/initrd.img-$kver theirs=$root/boot/initrd.img-$dkver
if ! holds "$ours" 0 "$pack"; then
	nok initrd-earlymod "initrd.img-$kver does not start with the pack"
elif [ "$(magic "$ours" "$(wc -c < "$pack")")" != $ZSTD ]; then
	nok initrd-earlymod "no zstd main archive after the pack in initrd.img-$kver"
else
	ok "initrd-earlymod: initrd.img-$kver is the pack, then Debian's main archive"
fi
if [ "$(magic "$theirs" 0)" = $ZSTD ]; then
	ok "initrd-debian: initrd.img-$dkver has no pack (the hook found no /boot/earlymod-$dkver.img)"
else
	nok initrd-debian "initrd.img-$dkver does not start with its main archive (found $(magic "$theirs" 0))"
fi

# --- the disk ----------------------------------------------------------------------------

# What the case files boot: each kernel and its initrd, as GRUB would load
# them from the system's /boot.
cp "$root/boot/vmlinuz-$kver" "$work/boot-earlymod-vmlinuz"
cp "$ours" "$work/boot-earlymod-initrd"
cp "$root/boot/vmlinuz-$dkver" "$work/boot-debian-vmlinuz"
cp "$theirs" "$work/boot-debian-initrd"
: > "$work/empty.img"
rmdir -p "$root$top" 2> /dev/null
# the file system from the directory, then a disk with one partition at 1 MiB
fs_mib=2048
if ! mkfs.ext4 -q -F -U "$uuid" -L debian -d "$root" "$work/fs.img" ${fs_mib}M \
		> "$work/mkfs.log" 2>&1; then
	nok disk "mkfs.ext4 -d failed: $(tail -n 1 "$work/mkfs.log")"
	exit 1
fi
truncate -s $((fs_mib + 2))M "$work/disk.img"
echo "2048,$((fs_mib * 2048)),L" | sfdisk -q -X dos "$work/disk.img" > "$work/sfdisk.log" 2>&1 &&
	dd if="$work/fs.img" of="$work/disk.img" bs=1M seek=1 conv=notrunc,sparse status=none &&
	rm -f "$work/fs.img" && clear_root ||
	{ nok disk "cannot make $work/disk.img: $(tail -n 1 "$work/sfdisk.log")"; exit 1; }
ok "disk: the system on an ext4 partition (UUID $uuid) of a $((fs_mib + 2)) MiB disk"

# --- both kernels boot it ---------------------------------------------------------------------

"$run" "$here/debian-system-earlymod.case" "$here/debian-system-debian.case" || failed=1
exit $failed
