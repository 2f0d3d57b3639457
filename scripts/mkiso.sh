#!/bin/sh
# Build a hybrid GRUB rescue ISO (BIOS El Torito + MBR, and UEFI x86_64) that
# boots one kernel with the pack and the initramfs on the initrd line, the
# pack first (it must sit at the front of the initrd).  Quiet on success.
#
#   mkiso.sh OUT BZIMAGE PACK INITRAMFS "CMDLINE"
#
# GRUB talks on the first serial port (115200) as well as the screen, and
# boots at once.  GRUB's special characters in CMDLINE are backslash-escaped
# in grub.cfg so the kernel receives them unchanged.  Quotes and backslashes
# are refused: GRUB's linux command escapes them again on the way to the
# kernel, so they could not arrive unchanged.
set -eu

[ $# -eq 5 ] || { echo "usage: mkiso.sh OUT BZIMAGE PACK INITRAMFS CMDLINE" >&2; exit 2; }
out=$1 kernel=$2 pack=$3 initramfs=$4 cmdline=$5

for f in "$kernel" "$pack" "$initramfs"; do
	[ -f "$f" ] || { echo "mkiso: $f: no such file" >&2; exit 1; }
done
for d in i386-pc x86_64-efi; do
	[ -d "/usr/lib/grub/$d" ] ||
		{ echo "mkiso: /usr/lib/grub/$d missing (grub-pc-bin, grub-efi-amd64-bin)" >&2; exit 1; }
done
case $cmdline in
*[\\\"\']*)
	echo "mkiso: the command line must not contain quotes or backslashes" >&2
	exit 1 ;;
esac
args=$(printf '%s\n' "$cmdline" | sed 's/[][$;|&<>(){}#]/\\&/g')

stage=$out.d
rm -rf "$stage"
mkdir -p "$stage/root/boot/grub"
cp "$kernel" "$stage/root/boot/bzImage"
cp "$pack" "$stage/root/boot/earlymod.img"
cp "$initramfs" "$stage/root/boot/initramfs.img"
cat > "$stage/root/boot/grub/grub.cfg" <<CFG
serial --unit=0 --speed=115200
terminal_input serial console
terminal_output serial console
set timeout=0
# Without a video driver GRUB's EFI linux loader complains that it has no
# video mode to hand over; give it the firmware's framebuffer.
if [ "\$grub_platform" = efi ]; then insmod all_video; fi
menuentry earlymod {
	linux /boot/bzImage $args
	initrd /boot/earlymod.img /boot/initramfs.img
}
CFG

if ! grub-mkrescue -o "$stage/iso" "$stage/root" > "$stage/log" 2>&1; then
	cat "$stage/log" >&2
	echo "mkiso: grub-mkrescue failed" >&2
	exit 1
fi
mv "$stage/iso" "$out"
rm -rf "$stage"
