#!/bin/sh
# Suite `initramfs-tools`: `make install`, the initramfs-tools hook and the
# initrd Debian's own mkinitramfs makes with it, booted (docs/install.md).
#   - `make install DESTDIR=...` lays out the kernel, its modules, its pack
#     and the hook; without a built kernel install.sh refuses and installs
#     nothing;
#   - the host's mkinitramfs builds the test kernel's initrd in a private
#     mount namespace: the DESTDIR's /boot, this directory's conf/ as
#     /etc/initramfs-tools, a copy of the host's hooks with the installed
#     earlymod hook and the stand-in intel_microcode hook as
#     /usr/share/initramfs-tools/hooks, an empty /lib/modules (if the host
#     has one); nothing on the host changes;
#   - the initrd is the microcode archive, the pack, then Debian's main
#     archive, byte for byte, and unmkinitramfs reads it so; without a pack
#     the hook adds nothing and says so, and a file that is no cpio archive
#     it leaves out with an error;
#   - `make install` into the root, in a sandbox (overlays): the kernel
#     postinst hook's update-initramfs makes initrd.img-KVER with the pack;
#     with a second version and pack, `update-initramfs -u -k all` gives
#     each initrd its own;
#   - it boots (debian-initrd.case): VT-d from the pack, Debian's init
#     through all of its stages to run-init.
# Needs root (unshare -m, mount --bind, overlayfs).  Work files:
# build/tests/initramfs-tools (the case file names its initrd there).
#
#   debian-initrd.sh KERNEL_OBJDIR PACK TEST_PACK INITRAMFS MKEARLYMOD QEMU_RUN
set -u
kdir=$1 pack=$2 tpack=$3 initramfs=$4 mk=$5 run=$6
top=$(cd "$(dirname "$0")/../.." && pwd)
here=$top/tests/initramfs-tools
work=$top/build/tests/initramfs-tools
kver=$(cat "$kdir/include/config/kernel.release")

failed=0
ok() { echo "ok initramfs-tools $1"; }
nok() { echo "not ok initramfs-tools $1 - $2"; failed=1; }

[ "$(id -u)" = 0 ] || { nok setup "needs root (unshare -m, mount)"; exit 1; }
for t in mkinitramfs unmkinitramfs unshare zstd; do
	command -v $t > /dev/null || { nok setup "no $t (make deps installs initramfs-tools)"; exit 1; }
done
rm -rf "$work"
mkdir -p "$work/tmp" "$work/modules"
export TMPDIR="$work/tmp"

# --- make install ------------------------------------------------------------

# What of the host install.sh, mkinitramfs or update-initramfs could touch,
# and the mount table.
snapshot() {
	for d in /boot /etc/initramfs-tools /etc/initramfs /etc/kernel \
			/usr/share/initramfs-tools /lib/modules /var/lib/initramfs-tools; do
		if [ -e "$d" ]; then
			find "$d" -printf '%p %y %s %m %T@ %l\n' | LC_ALL=C sort
		else
			echo "$d absent"
		fi
	done
	find /var/tmp -maxdepth 1 -name 'mkinitramfs*'
	awk '{ print $5 }' /proc/self/mountinfo | LC_ALL=C sort
}

snapshot > "$work/host.before"

root=$work/root
if ! make -s --no-print-directory -C "$top" install DESTDIR="$root" > "$work/install.log" 2>&1; then
	nok install "make install failed: $(tail -n 1 "$work/install.log")"
	exit 1
fi
why=
printf '%s\n' "./boot/System.map-$kver" "./boot/config-$kver" "./boot/earlymod-$kver.img" \
	"./boot/vmlinuz-$kver" ./usr/share/initramfs-tools/hooks/earlymod > "$work/want"
(cd "$root" && find . -type f ! -path './lib/modules/*' | LC_ALL=C sort) > "$work/got"
cmp -s "$work/want" "$work/got" ||
	why="files: $(diff "$work/want" "$work/got" | grep '^[<>]' | tr '\n' ' ')"
while read -r src dst; do
	cmp -s "$src" "$root/$dst" || why="$why $dst is not $src;"
done <<EOF
$kdir/arch/x86/boot/bzImage boot/vmlinuz-$kver
$kdir/System.map boot/System.map-$kver
$kdir/.config boot/config-$kver
$pack boot/earlymod-$kver.img
$top/packaging/initramfs-tools/hooks/earlymod usr/share/initramfs-tools/hooks/earlymod
EOF
[ -x "$root/usr/share/initramfs-tools/hooks/earlymod" ] || why="$why the hook is not executable;"
while read -r m; do
	[ -f "$root/lib/modules/$kver/kernel/$m" ] || why="$why no lib/modules/$kver/kernel/$m;"
done < "$kdir/modules.order"
[ -f "$root/lib/modules/$kver/modules.dep" ] || why="$why no modules.dep;"
if [ -z "$why" ]; then
	ok "install: DESTDIR/boot/{vmlinuz,System.map,config}-$kver, earlymod-$kver.img, lib/modules/$kver, the hook"
else
	nok install "$why"
fi

mkdir -p "$work/nokernel"
if DESTDIR=$work/root2 sh "$top/scripts/install.sh" "$work/nokernel" "$pack" "$mk" \
		> "$work/nokernel.log" 2>&1; then
	nok install-no-kernel "installed without a kernel"
elif ! grep -q "the kernel is not built (run 'make kernel')" "$work/nokernel.log"; then
	nok install-no-kernel "said: $(head -n 1 "$work/nokernel.log")"
elif [ -e "$work/root2" ]; then
	nok install-no-kernel "created $work/root2"
else
	ok "install: refuses without a built kernel and installs nothing"
fi

# --- Debian's mkinitramfs, isolated --------------------------------------------

cp -R "$here/conf" "$work/conf"
gzip -dc "$initramfs" | (cd "$work" && cpio -i --quiet --to-stdout init) > "$work/conf/report-init"
chmod 755 "$work/conf/report-init"
[ -s "$work/conf/report-init" ] || { nok setup "no init in $initramfs"; exit 1; }
mkdir -p "$work/ucode/kernel/x86/microcode"
printf 'not a microcode update: a stand-in for the early-microcode archive\n' \
	> "$work/ucode/kernel/x86/microcode/GenuineIntel.bin"
(cd "$work/ucode" && find kernel | LC_ALL=C sort |
	cpio --quiet --reproducible -o -H newc -R 0:0) > "$work/conf/ucode.cpio"
# the host's hooks (its real microcode hooks left out), ours, the stand-in
mkdir -p "$work/hooks"
cp -p /usr/share/initramfs-tools/hooks/* "$work/hooks/"
rm -f "$work/hooks/intel_microcode" "$work/hooks/amd64_microcode"
cp -p "$here/intel_microcode" "$root/usr/share/initramfs-tools/hooks/earlymod" "$work/hooks/"
mkdir -p "$work/boot-nopack"
cp -p "$root/boot/config-$kver" "$work/boot-nopack/"

# mkinitramfs BOOTDIR OUT LOG: mkinitramfs -v for $kver, BOOTDIR as /boot
mkinitrd() {
	# shellcheck disable=SC2016  # expanded by the inner shell
	unshare -m --propagation private sh -eu -c '
		mount --bind "$1" /boot
		mount --bind "$2" /etc/initramfs-tools
		mount --bind "$3" /usr/share/initramfs-tools/hooks
		if [ -d /lib/modules ]; then mount --bind "$4" /lib/modules; fi
		mkinitramfs -v -o "$5" "$6"
	' sh "$1" "$work/conf" "$work/hooks" "$work/modules" "$2" "$kver" > "$3" 2>&1
}

# holds, magic, ZSTD
# shellcheck source=tests/initramfs-tools/initrd-parts.sh
. "$here/initrd-parts.sh"
# no_pack FILE: FILE is the microcode archive, then at once the zstd archive
no_pack() { holds "$1" 0 "$work/conf/ucode.cpio" && [ "$(magic "$1" "$u")" = $ZSTD ]; }

initrd=$work/initrd.img
mkver=$(dpkg-query -W -f '${Version}' initramfs-tools 2>/dev/null)
if mkinitrd "$root/boot" "$initrd" "$work/mkinitramfs.log" && [ -s "$initrd" ]; then
	ok "mkinitramfs $kver: initramfs-tools $mkver made the initrd with the installed hook"
else
	nok mkinitramfs "failed (see $work/mkinitramfs.log): $(grep -m 1 '^E:' "$work/mkinitramfs.log")"
	exit 1
fi
if grep -q "^earlymod: adding /boot/earlymod-$kver.img " "$work/mkinitramfs.log"; then
	ok "hook: adds /boot/earlymod-$kver.img and says so (-v)"
else
	nok hook "mkinitramfs -v shows no 'earlymod: adding /boot/earlymod-$kver.img'"
fi

u=$(wc -c < "$work/conf/ucode.cpio")
p=$(wc -c < "$pack")
if ! holds "$initrd" 0 "$work/conf/ucode.cpio"; then
	if holds "$initrd" 0 "$pack"; then
		nok order "the pack is in front of the microcode archive"
	else
		nok order "the initrd does not start with the microcode archive"
	fi
elif ! holds "$initrd" "$u" "$pack"; then
	nok order "the pack does not follow the microcode archive"
elif [ "$(magic "$initrd" $((u + p)))" != $ZSTD ]; then
	nok order "no zstd archive after the pack (found $(magic "$initrd" $((u + p))))"
else
	ok "order: the microcode archive ($u bytes), the pack ($p bytes), then a zstd archive"
fi

cpio -i --quiet --to-stdout kernel/earlymod/pack.bin < "$pack" > "$work/pack.bin"
un=$work/unmkinitramfs
unmkinitramfs "$initrd" "$un" > "$work/unmkinitramfs.log" 2>&1
parts=$(for d in "$un"/*; do [ -e "$d" ] && printf '%s ' "${d##*/}"; done)
if [ "$parts" != "early early2 main " ]; then
	nok unmkinitramfs "parts: ${parts:-none}, not early early2 main"
elif ! cmp -s "$un/early/kernel/x86/microcode/GenuineIntel.bin" \
		"$work/ucode/kernel/x86/microcode/GenuineIntel.bin"; then
	nok unmkinitramfs "early: not the microcode archive"
elif ! cmp -s "$un/early2/kernel/earlymod/pack.bin" "$work/pack.bin"; then
	nok unmkinitramfs "early2: not the pack"
else
	ok "unmkinitramfs: early = the microcode archive, early2 = kernel/earlymod/pack.bin intact"
fi

miss=
for f in init scripts/functions scripts/earlymodtest conf/initramfs.conf earlymod-report; do
	[ -f "$un/main/$f" ] || miss="$miss $f"
done
if [ -n "$miss" ]; then
	nok main-archive "Debian's main archive lacks$miss"
elif ! cmp -s "$un/main/init" /usr/share/initramfs-tools/init; then
	nok main-archive "its /init is not Debian's"
elif [ -e "$un/main/kernel/earlymod" ]; then
	nok main-archive "the pack is in the main archive too"
else
	ok "main archive: Debian's init, its scripts and config, the test's boot script; no pack"
fi

nopack=$work/initrd-nopack.img
if ! mkinitrd "$work/boot-nopack" "$nopack" "$work/mkinitramfs-nopack.log"; then
	nok no-pack "mkinitramfs failed without a pack (see $work/mkinitramfs-nopack.log)"
elif ! grep -q "^earlymod: no /boot/earlymod-$kver.img: nothing to add" \
		"$work/mkinitramfs-nopack.log"; then
	nok no-pack "mkinitramfs -v shows no 'earlymod: no /boot/earlymod-$kver.img'"
elif ! no_pack "$nopack"; then
	nok no-pack "the initrd is not the microcode archive, then the zstd archive"
else
	ok "no pack: the hook adds nothing and says so (-v)"
fi

# a pack that is not a cpio archive (pack.bin itself) is left out, loudly
mkdir -p "$work/boot-raw"
cp -p "$root/boot/config-$kver" "$work/boot-raw/"
cp "$work/pack.bin" "$work/boot-raw/earlymod-$kver.img"
raw=$work/initrd-raw.img
if ! mkinitrd "$work/boot-raw" "$raw" "$work/mkinitramfs-raw.log"; then
	nok raw-pack "mkinitramfs failed (see $work/mkinitramfs-raw.log)"
elif ! grep -q "^E: earlymod: /boot/earlymod-$kver.img is not a newc cpio archive; not added" \
		"$work/mkinitramfs-raw.log"; then
	nok raw-pack "no 'E: earlymod: ... is not a newc cpio archive' from mkinitramfs"
elif ! no_pack "$raw"; then
	nok raw-pack "the initrd is not the microcode archive, then the zstd archive"
else
	ok "not a cpio archive: the hook leaves it out and says why"
fi

# --- make install into the root, in a sandbox -------------------------------------
# As a user would: `make install` without DESTDIR, which runs the kernel
# postinst hooks (initramfs-tools': update-initramfs -c); then a second
# kernel version with its own pack (the test pack, for the same vmlinux),
# both initrds emptied, and `update-initramfs -u -k all`.  /boot is an empty
# directory of $sb; /etc, /usr, /var (and /lib where it is no link into
# /usr) are overlays whose changes land in $sb; the test's conf/ is
# /etc/initramfs-tools; no kernel postinst hook but initramfs-tools' (not
# GRUB's) and no initramfs post-update hook runs.

sb=$work/sandbox
other=$kver-other
mkdir -p "$sb/boot"
if [ -L /lib ]; then
	overlays="/etc /usr /var" modup=$sb/usr.upper/lib/modules
else
	overlays="/etc /usr /var /lib" modup=$sb/lib.upper/modules
fi
# shellcheck disable=SC2016  # expanded by the inner shell
unshare -m --propagation private sh -eu -c '
	sb=$1 kver=$3 other=$4
	mount --bind "$sb/boot" /boot
	for d in $7; do
		mkdir -p "$sb$d.upper" "$sb$d.work"
		mount -t overlay overlay -o "lowerdir=$d,upperdir=$sb$d.upper,workdir=$sb$d.work" "$d"
	done
	mount --bind "$2" /etc/initramfs-tools
	find /etc/kernel/postinst.d -mindepth 1 ! -name initramfs-tools -exec rm -rf {} +
	rm -rf /etc/initramfs/post-update.d
	make -s --no-print-directory -C "$5" install
	cp "/boot/initrd.img-$kver" "$sb/after-install.img"
	for f in vmlinuz config; do cp "/boot/$f-$kver" "/boot/$f-$other"; done
	cp "$6" "/boot/earlymod-$other.img"
	update-initramfs -c -k "$other"
	: > "/boot/initrd.img-$kver"
	: > "/boot/initrd.img-$other"
	update-initramfs -u -k all
' sh "$sb" "$work/conf" "$kver" "$other" "$top" "$tpack" "$overlays" \
	> "$work/sandbox.log" 2>&1
rc=$?

# packbin IMG OUT: unmkinitramfs IMG; OUT = the pack.bin of its last early
# archive (empty if that is not a pack); says so if the main archive is not
# Debian's
packbin() {
	rm -rf "$2.d"
	unmkinitramfs "$1" "$2.d" > /dev/null 2>&1
	last=$(cd "$2.d" 2> /dev/null && find . -maxdepth 1 -name 'early*' | LC_ALL=C sort | tail -n 1)
	cat "$2.d/$last/kernel/earlymod/pack.bin" > "$2" 2> /dev/null
	cmp -s "$2.d/main/init" /usr/share/initramfs-tools/init || echo "no Debian main archive"
}
cpio -i --quiet --to-stdout kernel/earlymod/pack.bin < "$tpack" > "$work/tpack.bin"
if [ $rc -ne 0 ]; then
	nok install-root "failed (see $work/sandbox.log): $(tail -n 1 "$work/sandbox.log")"
elif ! grep -q "^update-initramfs: Generating /boot/initrd.img-$kver$" "$work/sandbox.log"; then
	nok install-root "make install ran no update-initramfs for $kver"
elif [ -n "$(packbin "$sb/after-install.img" "$work/installed.bin")" ] ||
		! cmp -s "$work/installed.bin" "$work/pack.bin"; then
	nok install-root "/boot/initrd.img-$kver: the pack is not its last early archive"
elif [ ! -f "$modup/$kver/modules.dep" ] ||
		[ ! -x "$sb/usr.upper/share/initramfs-tools/hooks/earlymod" ]; then
	nok install-root "no /lib/modules/$kver/modules.dep or hook in the root"
else
	ok "make install into / (sandbox): update-initramfs made /boot/initrd.img-$kver with its pack"
fi
if [ $rc -ne 0 ]; then
	nok update-all "not run"
elif [ -n "$(packbin "$sb/boot/initrd.img-$kver" "$work/a.bin")" ] ||
		! cmp -s "$work/a.bin" "$work/pack.bin"; then
	nok update-all "initrd.img-$kver does not hold earlymod-$kver.img's pack"
elif [ -n "$(packbin "$sb/boot/initrd.img-$other" "$work/b.bin")" ] ||
		! cmp -s "$work/b.bin" "$work/tpack.bin"; then
	nok update-all "initrd.img-$other does not hold earlymod-$other.img's pack"
else
	ok "update-initramfs -u -k all, two kernels: each initrd holds its own version's pack"
fi

snapshot > "$work/host.after"
if cmp -s "$work/host.before" "$work/host.after"; then
	ok "host unchanged: /boot, /etc/{initramfs-tools,initramfs,kernel}, /usr/share/initramfs-tools, /lib/modules, /var/lib/initramfs-tools, mounts"
else
	nok host "changed:"
	diff "$work/host.before" "$work/host.after" | grep '^[<>]' | head -n 20 | sed 's/^/#   /'
fi

# --- boot it ---------------------------------------------------------------------

: > "$work/empty.img"
"$run" "$here/debian-initrd.case" || failed=1
exit $failed
