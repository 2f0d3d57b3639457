#!/bin/sh
# Build a kernel from Debian's linux-source-6.1 with the project overlaid.
#
#   scripts/kernel.sh kernel   -> build/kernel/{vmlinux,arch/x86/boot/bzImage}
#   scripts/kernel.sh stock    -> build/stock/...  (same source, every backend
#                                 built in, no earlymod; configs/stock.config)
#
# The source is extracted once under build/src; the project's kernel files are
# symlinked into it and patches/series is applied in order.  A change to the
# series reverse-applies the previously applied patches first, so the tree is
# never re-extracted and the out-of-tree objects stay valid.
set -eu

flavour=${1:?usage: kernel.sh kernel|stock}
top=$(cd "$(dirname "$0")/.." && pwd)
build=$top/build
tarball=${LINUX_TARBALL:-/usr/src/linux-source-6.1.tar.xz}
src=$build/src/linux-source-6.1
obj=$build/$flavour
jobs=$(nproc)

log() { echo "kernel: $*"; }
die() { echo "kernel: error: $*" >&2; exit 1; }

# One build at a time: both flavours share the patched source tree.
mkdir -p "$build"
exec 9> "$build/.kernel.lock"
flock 9

# --- extract -----------------------------------------------------------------
if [ ! -f "$build/src/.extracted" ]; then
	[ -f "$tarball" ] || die "$tarball missing (run 'make deps')"
	log "extracting $(basename "$tarball")"
	rm -rf "$build/src"
	mkdir -p "$build/src"
	tar -C "$build/src" -xf "$tarball"
	touch "$build/src/.extracted"
fi

# --- overlay -----------------------------------------------------------------
# Each project path is linked into the tree once it exists in the project.
for p in include/linux/earlymod.h earlymod loader arch/x86/boot/earlymod_reserve.c \
	 kernel/module/earlymod.c; do
	[ -e "$top/$p" ] || continue
	if [ "$(readlink "$src/$p" 2>/dev/null)" != "$top/$p" ]; then
		[ -e "$src/$p" ] && [ ! -L "$src/$p" ] && die "$p: upstream file in the way"
		mkdir -p "$(dirname "$src/$p")"
		ln -sfn "$top/$p" "$src/$p"
	fi
done

# --- patches -----------------------------------------------------------------
applied=$build/src/applied
mkdir -p "$applied"
series_now=$(grep -v -e '^#' -e '^[[:space:]]*$' "$top/patches/series" 2>/dev/null || true)
want=$( (for p in $series_now; do cat "$top/patches/$p"; done) | sha256sum | cut -d' ' -f1)
have=$(cat "$applied/.sum" 2>/dev/null || echo none)
if [ "$want" != "$have" ]; then
	# Undo what is applied, newest first.
	if [ -f "$applied/.order" ]; then
		for p in $(tac "$applied/.order"); do
			log "reverting $p"
			patch -s -R -p1 -d "$src" < "$applied/$p" ||
				die "cannot revert $p; remove build/src to start over"
		done
	fi
	rm -f "$applied"/* "$applied/.order" "$applied/.sum"
	for p in $series_now; do
		[ -f "$top/patches/$p" ] || die "patches/series names $p, which does not exist"
		if ! patch -s --dry-run -p1 -d "$src" < "$top/patches/$p" >/dev/null 2>&1; then
			patch --dry-run -p1 -d "$src" < "$top/patches/$p" >&2 || true
			die "patch $p does not apply"
		fi
		log "applying $p"
		patch -s -p1 -d "$src" < "$top/patches/$p"
		cp "$top/patches/$p" "$applied/$p"
		echo "$p" >> "$applied/.order"
	done
	echo "$want" > "$applied/.sum"
fi

# --- configure ---------------------------------------------------------------
fragments="$top/configs/earlymod.config $top/configs/system.config"
[ "$flavour" = stock ] && fragments="$fragments $top/configs/stock.config"
# Patches can add Kconfig symbols, so they are part of the configuration.
cfgsum=$( (cat $fragments; echo "$want") | sha256sum | cut -d' ' -f1)

export KBUILD_BUILD_TIMESTAMP="2025-01-01" KBUILD_BUILD_USER=earlymod \
	KBUILD_BUILD_HOST=earlymod
export CCACHE_BASEDIR="$top" CCACHE_NOHASHDIR=1 CCACHE_SLOPPINESS=time_macros
kmake() { make -s -C "$src" O="$obj" CC="ccache gcc" HOSTCC="ccache gcc" -j"$jobs" "$@"; }

mkdir -p "$obj"
if [ ! -f "$obj/.config" ] || [ "$(cat "$obj/.earlymod-config" 2>/dev/null)" != "$cfgsum" ]; then
	log "configuring $flavour"
	kmake tinyconfig >/dev/null
	# shellcheck disable=SC2086
	(cd "$obj" && "$src/scripts/kconfig/merge_config.sh" -m -O "$obj" "$obj/.config" $fragments >/dev/null)
	kmake olddefconfig >/dev/null
	# Every option the fragments set must have survived olddefconfig; a
	# later fragment overrides an earlier one (stock.config unsets EARLYMOD).
	bad=""
	# shellcheck disable=SC2086
	settings=$(cat $fragments | grep -E '^(CONFIG_[A-Z0-9_]+=|# CONFIG_[A-Z0-9_]+ is not set$)' |
		tac | awk '{ n = $0; sub(/^# /, "", n); sub(/[= ].*/, "", n)
			     if (!(n in seen)) { seen[n] = 1; print } }')
	for opt in $(echo "$settings" | grep '^CONFIG_'); do
		grep -qx "$opt" "$obj/.config" || bad="$bad $opt"
	done
	for opt in $(echo "$settings" | sed -n 's/^# \(CONFIG_[A-Z0-9_]*\) is not set$/\1/p'); do
		grep -q "^$opt=" "$obj/.config" && bad="$bad !$opt"
	done
	[ -z "$bad" ] || die "config options rejected by Kconfig:$bad"
	echo "$cfgsum" > "$obj/.earlymod-config"
fi

# --- build -------------------------------------------------------------------
log "building $flavour"
# modules: Module.symvers and the module linker script, for the external
# modules the tests build against this kernel (tests/kmod/)
if [ "$flavour" = kernel ]; then
	# vmlinux first: the build's packs are made against it and sealed into
	# it (`make seal`), and only then is bzImage made from it (docs/trust.md)
	kmake vmlinux modules
	make -s --no-print-directory -C "$top" seal
fi
kmake bzImage modules
log "build/$flavour/arch/x86/boot/bzImage: $(stat -c %s "$obj/arch/x86/boot/bzImage") bytes"
