#!/bin/sh
# Build a hybrid GRUB rescue ISO (BIOS El Torito + MBR, and UEFI x86_64) that
# boots one kernel with the pack and the initramfs on the initrd line, the
# pack first (it must sit at the front of the initrd).  Quiet on success.
#
#   mkiso.sh OUT BZIMAGE PACK INITRAMFS "CMDLINE" [XEN "XEN_CMDLINE"]
#
# With XEN (the hypervisor, gzip'd as Debian installs it) the entry boots
# Xen by multiboot2 and the kernel as its dom0, the way Debian's
# /etc/grub.d/20_linux_xen writes it: module2 lines, a placeholder where a
# multiboot1 loader puts the file name (it stays on both command lines),
# and one initrd module, the pack (zero-padded to 4 bytes) followed by the
# initramfs.
#
# GRUB talks on the first serial port (115200) as well as the screen, and
# boots at once.  GRUB's special characters in CMDLINE are backslash-escaped
# in grub.cfg so the kernel receives them unchanged.  Quotes and backslashes
# are refused: GRUB's linux command escapes them again on the way to the
# kernel, so they could not arrive unchanged.
set -eu

[ $# -eq 5 ] || [ $# -eq 7 ] ||
	{ echo "usage: mkiso.sh OUT BZIMAGE PACK INITRAMFS CMDLINE [XEN XEN_CMDLINE]" >&2; exit 2; }
out=$1 kernel=$2 pack=$3 initramfs=$4 cmdline=$5 xen=${6-} xen_cmdline=${7-}

for f in "$kernel" "$pack" "$initramfs" ${xen:+"$xen"}; do
	[ -f "$f" ] || { echo "mkiso: $f: no such file" >&2; exit 1; }
done
for d in i386-pc x86_64-efi; do
	[ -d "/usr/lib/grub/$d" ] ||
		{ echo "mkiso: /usr/lib/grub/$d missing (grub-pc-bin, grub-efi-amd64-bin)" >&2; exit 1; }
done
case $cmdline$xen_cmdline in
*[\\\"\']*)
	echo "mkiso: the command line must not contain quotes or backslashes" >&2
	exit 1 ;;
esac
grub_escape() {
	printf '%s\n' "$1" | sed 's/[][$;|&<>(){}#]/\\&/g'
}
args=$(grub_escape "$cmdline")

stage=$out.d
rm -rf "$stage"
mkdir -p "$stage/root/boot/grub"
cp "$kernel" "$stage/root/boot/bzImage"
if [ -n "$xen" ]; then
	cp "$xen" "$stage/root/boot/xen.gz"
	rd=$stage/root/boot/initrd.img
	cp "$pack" "$rd"
	pad=$(( (4 - $(wc -c < "$pack") % 4) % 4 ))
	head -c "$pad" /dev/zero >> "$rd"
	cat "$initramfs" >> "$rd"
	boot="insmod gzio
	multiboot2 /boot/xen.gz placeholder $(grub_escape "$xen_cmdline")
	module2 /boot/bzImage placeholder $args
	module2 --nounzip /boot/initrd.img"
else
	cp "$pack" "$stage/root/boot/earlymod.img"
	cp "$initramfs" "$stage/root/boot/initramfs.img"
	boot="linux /boot/bzImage $args
	initrd /boot/earlymod.img /boot/initramfs.img"
fi
cat > "$stage/root/boot/grub/grub.cfg" <<CFG
serial --unit=0 --speed=115200
terminal_input serial console
terminal_output serial console
set timeout=0
# Without a video driver GRUB's EFI linux loader complains that it has no
# video mode to hand over; give it the firmware's framebuffer.
if [ "\$grub_platform" = efi ]; then insmod all_video; fi
menuentry earlymod {
	$boot
}
CFG

if ! grub-mkrescue -o "$stage/iso" "$stage/root" > "$stage/log" 2>&1; then
	cat "$stage/log" >&2
	echo "mkiso: grub-mkrescue failed" >&2
	exit 1
fi
mv "$stage/iso" "$out"
rm -rf "$stage"
