#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# The exports of early-linked entries as Module.symvers lines, for modpost
# and for external modules (earlymod/Makefile.symvers):
#
#   symvers.sh ENTRY.eko... > earlymod.symvers
#
# One line per export, as modpost writes them: CRC, symbol, module,
# EXPORT_SYMBOL or EXPORT_SYMBOL_GPL, namespace; tab-separated.
#   - The module is the entry's name (struct earlymod_info.name, the first
#     field of section .earlymod.info) with '-' made '_': the name
#     earlymod/module.c registers the entry under.
#   - An export is a section ___ksymtab+SYM or ___ksymtab_gpl+SYM, its
#     namespace the string at __kstrtabns_SYM in __ksymtab_strings
#     (___EXPORT_SYMBOL, include/linux/export.h).  In an object of `ld -r`
#     a symbol's value is its offset in its section.
#   - The CRC is 0: mkearlymod refuses an entry built with CONFIG_MODVERSIONS.
# OBJCOPY, NM and READELF name the tools (kbuild's $(OBJCOPY) and friends).
set -eu
OBJCOPY=${OBJCOPY:-objcopy} NM=${NM:-nm} READELF=${READELF:-readelf}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "symvers.sh: $*" >&2; exit 1; }

# The NUL-terminated string at byte OFFSET of FILE.
string_at() { tail -c +$(($2 + 1)) "$1" | tr '\0' '\n' | head -n 1; }

for eko; do
	$OBJCOPY -O binary -j .earlymod.info --set-section-flags .earlymod.info=alloc \
		"$eko" "$tmp/info" 2> "$tmp/err" ||
		fail "$eko: cannot read section .earlymod.info: $(head -n 1 "$tmp/err")"
	name=$(string_at "$tmp/info" 0)
	[ -n "$name" ] || fail "$eko: section .earlymod.info: no entry name"
	mod=$(echo "$name" | tr - _)
	$READELF -SW "$eko" | sed -n 's/.* ___ksymtab\(_gpl\)\{0,1\}+\([^ ]*\) .*/\2 \1/p' > "$tmp/exports"
	[ -s "$tmp/exports" ] || continue
	$OBJCOPY -O binary -j __ksymtab_strings "$eko" "$tmp/strings" 2> "$tmp/err" ||
		fail "$eko: cannot read section __ksymtab_strings: $(head -n 1 "$tmp/err")"
	$NM "$eko" > "$tmp/nm"
	while read -r sym gpl; do
		at=$(sed -n "s/^\([0-9a-f]*\) . __kstrtabns_$sym\$/\1/p" "$tmp/nm")
		[ -n "$at" ] || fail "$eko: export $sym: no symbol __kstrtabns_$sym"
		ns=$(string_at "$tmp/strings" $((0x$at)))
		kind=EXPORT_SYMBOL${gpl:+_GPL}
		printf '0x00000000\t%s\t%s\t%s\t%s\n' "$sym" "$mod" "$kind" "$ns"
	done < "$tmp/exports"
done
