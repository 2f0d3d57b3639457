#!/bin/sh
# make install: the built kernel and its pack in the layout of a Debian
# system, every name carrying the kernel release KVER, under DESTDIR (default
# the root), with the initramfs-tools hook that puts each kernel's pack into
# its own initrd (docs/install.md):
#
#   /boot/vmlinuz-KVER, /boot/System.map-KVER, /boot/config-KVER
#   /boot/earlymod-KVER.img                     the pack of this vmlinux
#   /lib/modules/KVER/                          the loadable modules (signed
#                                               and indexed as modules_install does)
#   /usr/share/initramfs-tools/hooks/earlymod   the hook
#
# Without DESTDIR it then runs /etc/kernel/postinst.d as Debian's
# installkernel does: initramfs-tools makes /boot/initrd.img-KVER (the hook
# adds the pack) and GRUB's hook runs update-grub.
#
#   install.sh KERNEL_OBJDIR PACK MKEARLYMOD
set -eu

[ $# -eq 3 ] || { echo "usage: install.sh KERNEL_OBJDIR PACK MKEARLYMOD" >&2; exit 2; }
kdir=$1 pack=$2 mk=$3
top=$(cd "$(dirname "$0")/.." && pwd)
dest=${DESTDIR:-}
dest=${dest%/}

die() { echo "install: $*" >&2; exit 1; }

for f in arch/x86/boot/bzImage vmlinux System.map .config include/config/kernel.release; do
	[ -f "$kdir/$f" ] || die "$kdir/$f missing: the kernel is not built (run 'make kernel')"
done
[ -f "$pack" ] || die "$pack missing (run 'make pack')"
if ! out=$("$mk" verify --vmlinux "$kdir/vmlinux" "$pack" 2>&1); then
	die "$pack does not fit $kdir/vmlinux (run 'make pack'): $(echo "$out" | head -n 1)"
fi
kver=$(cat "$kdir/include/config/kernel.release")
case $kver in
'' | */* | *[[:space:]]*) die "bad kernel release '$kver' in $kdir/include/config/kernel.release" ;;
esac

put() {	# SRC DST MODE
	install -D -m "$3" "$1" "$2"
	echo "install: $2"
}

put "$kdir/arch/x86/boot/bzImage" "$dest/boot/vmlinuz-$kver" 0644
put "$kdir/System.map" "$dest/boot/System.map-$kver" 0644
put "$kdir/.config" "$dest/boot/config-$kver" 0644
put "$pack" "$dest/boot/earlymod-$kver.img" 0644

# The modules, as the kernel's modules_install leaves them (signed when the
# config says so, indexed by depmod); vmlinux's own list of what is built in.
mods=$dest/lib/modules/$kver
if [ -f "$kdir/modules.order" ]; then
	conf() { sed -n "s/^$1=\"\\{0,1\\}\\([^\"]*\\)\"\\{0,1\\}\$/\\1/p" "$kdir/.config"; }
	sign=n
	if [ "$(conf CONFIG_MODULE_SIG_ALL)" = y ]; then
		sign=y hash=$(conf CONFIG_MODULE_SIG_HASH) key=$(conf CONFIG_MODULE_SIG_KEY)
		case $key in /* | pkcs11:*) ;; *) key=$kdir/$key ;; esac
	fi
	rm -rf "$mods/kernel"
	n=0
	while read -r m; do
		install -D -m 0644 "$kdir/$m" "$mods/kernel/$m"
		[ "$sign" = n ] || "$kdir/scripts/sign-file" "$hash" "$key" \
			"$kdir/certs/signing_key.x509" "$mods/kernel/$m"
		n=$((n + 1))
	done < "$kdir/modules.order"
	for f in modules.order modules.builtin modules.builtin.modinfo; do
		install -m 0644 "$kdir/$f" "$mods/$f"
	done
	depmod -a -F "$kdir/System.map" -b "${dest:-/}" "$kver"
	echo "install: $mods/ ($n modules)"
fi

put "$top/packaging/initramfs-tools/hooks/earlymod" \
	"$dest/usr/share/initramfs-tools/hooks/earlymod" 0755

if [ -z "$dest" ] && [ -d /etc/kernel/postinst.d ]; then
	PATH="$PATH:/usr/sbin:/sbin" run-parts --verbose --exit-on-error \
		--arg="$kver" --arg="/boot/vmlinuz-$kver" /etc/kernel/postinst.d
fi
