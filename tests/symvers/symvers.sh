#!/bin/sh
# Suite `symvers`: earlymod/symvers.sh, the entries' exports as
# Module.symvers lines, on objects made here as the kernel build makes an
# entry: an .earlymod.info whose first field is the entry name, and exports
# laid out as ___EXPORT_SYMBOL of include/linux/export.h lays them out (the
# symbol and namespace strings in __ksymtab_strings, a ___ksymtab[_gpl]+SYM
# section per export), linked with `ld -r`.  The build's own entries are
# checked against vmlinux's build in suite `vmlinux`.
#
#   symvers.sh SCRIPT
set -u
script=${1:?usage: symvers.sh EARLYMOD_SYMVERS_SH}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

ok() { echo "ok symvers: $*"; }
notok() { echo "not ok symvers: $*"; }

# export SYM NAMESPACE [_gpl]: the assembly of one export
export_asm() {
	cat <<ASM
	.section "__ksymtab_strings","aMS",%progbits,1
__kstrtab_$1:
	.asciz "$1"
__kstrtabns_$1:
	.asciz "$2"
	.section "___ksymtab$3+$1","a"
	.balign 4
__ksymtab_$1:
	.long $1 - .
	.long __kstrtab_$1 - .
	.long __kstrtabns_$1 - .
ASM
}

# obj NAME FILE EXPORTS...: an entry object named NAME (empty: no
# .earlymod.info) with exports "SYM:NAMESPACE:GPL"
obj() {
	name=$1 out=$2
	shift 2
	{
		echo '	.text'
		for e; do
			sym=${e%%:*}
			echo "	.globl $sym"
			echo "$sym: ret"
		done
		if [ -n "$name" ]; then
			echo '	.section ".earlymod.info","a"'
			echo "	.asciz \"$name\""
			echo '	.balign 32'
		fi
		for e; do
			sym=${e%%:*} rest=${e#*:}
			export_asm "$sym" "${rest%%:*}" "${rest#*:}"
		done
	} > "$out.s"
	gcc -c -o "$out.o" "$out.s" && ld -r -o "$out" "$out.o"
}

obj my-entry "$tmp/a.eko" "alpha::" "beta::_gpl" "gamma:MY_NS:_gpl" || {
	notok "cannot make the test object"; exit 1; }
obj other "$tmp/b.eko" "delta::" || { notok "cannot make the test object"; exit 1; }
obj "" "$tmp/noinfo.eko" "alpha::" || { notok "cannot make the test object"; exit 1; }
obj quiet "$tmp/none.eko" || { notok "cannot make the test object"; exit 1; }

tab=$(printf '\t')
if sh "$script" "$tmp/a.eko" "$tmp/none.eko" "$tmp/b.eko" > "$tmp/out" 2> "$tmp/err"; then
	printf '0x00000000\t%s\t%s\t%s\t%s\n' \
		alpha my_entry EXPORT_SYMBOL "" \
		beta my_entry EXPORT_SYMBOL_GPL "" \
		gamma my_entry EXPORT_SYMBOL_GPL MY_NS \
		delta other EXPORT_SYMBOL "" > "$tmp/want"
	if cmp -s "$tmp/want" "$tmp/out"; then
		ok "three entries: each export under its module (my-entry is my_entry), GPL and namespace kept, none for an entry without exports"
	else
		notok "wrong lines: $(diff "$tmp/want" "$tmp/out" | grep '^[<>]' | tr "$tab\n" '  ')"
	fi
else
	notok "failed on good objects: $(head -n 1 "$tmp/err")"
fi

if sh "$script" "$tmp/a.eko" "$tmp/noinfo.eko" > "$tmp/out" 2> "$tmp/err"; then
	notok "an object without .earlymod.info passed"
elif grep -q "^symvers.sh: $tmp/noinfo.eko: " "$tmp/err"; then
	ok "an object without .earlymod.info fails, naming it: $(head -n 1 "$tmp/err" | sed "s|$tmp/||")"
else
	notok "an object without .earlymod.info: unclear message: $(head -n 1 "$tmp/err")"
fi

printf 'not an object' > "$tmp/junk.eko"
if sh "$script" "$tmp/junk.eko" > "$tmp/out" 2> "$tmp/err"; then
	notok "a file that is no object passed"
elif grep -q "^symvers.sh: $tmp/junk.eko: cannot read section .earlymod.info: .*format not recognized" "$tmp/err"; then
	ok "a file that is no object fails, naming it and objcopy's reason"
else
	notok "a file that is no object: unclear message: $(head -n 1 "$tmp/err")"
fi
