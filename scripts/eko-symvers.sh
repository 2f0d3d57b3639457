#!/bin/sh
# The exports of an entry, as Module.symvers lines, so that an external
# module built against this kernel (KBUILD_EXTRA_SYMBOLS=) resolves them and
# records the entry's module as its dependency.  vmlinux.symvers cannot have
# them: the entry is not part of vmlinux.o.
#
#   eko-symvers.sh ENTRY.eko MODULE > entry.symvers
#
# An export is a section ___ksymtab+NAME or ___ksymtab_gpl+NAME (the
# EXPORT_SYMBOL macros of include/linux/export.h).  No symbol CRCs: a pack
# cannot carry them (CONFIG_MODVERSIONS entries are refused by mkearlymod).
set -eu
eko=${1:?usage: eko-symvers.sh ENTRY.eko MODULE}
mod=${2:?usage: eko-symvers.sh ENTRY.eko MODULE}
readelf -SW "$eko" | sed -n 's/.* ___ksymtab\(_gpl\)\{0,1\}+\([^ ]*\) .*/\1 \2/p' |
while read -r a b; do
	if [ -n "$b" ]; then
		printf '0x00000000\t%s\t%s\tEXPORT_SYMBOL_GPL\t\n' "$b" "$mod"
	else
		printf '0x00000000\t%s\t%s\tEXPORT_SYMBOL\t\n' "$a" "$mod"
	fi
done | LC_ALL=C sort -k2
