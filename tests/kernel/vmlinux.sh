#!/bin/sh
# Checks of the built kernel and its packs (suite `vmlinux`):
#   - for each entry (.eko), vmlinux defines none of its global symbols but
#     its fallbacks (earlymod-NAME-fallback.o), and each
#     fallback has vmlinux sites (FIXUPS) in the pack;
#   - vmlinux carries no .earlymod.* metadata section;
#   - the production pack has every backend and no test fixture, the test
#     pack has the selftest fixture too;
#   - mkearlymod verify accepts both packs against vmlinux;
#   - the build's Module.symvers lists each entry's exports under its module
#     name, and a module of the build that uses some (ptp_kvm) names the
#     entry in its depends (earlymod/Makefile.symvers).
# Usage: vmlinux.sh KERNEL_OBJDIR MKEARLYMOD PACK TEST_PACK
set -u
kdir=$1 mk=$2 pack=$3 tpack=$4
vmlinux=$kdir/vmlinux
tmp=${TMPDIR:-/tmp}/vmlinux-suite.$$
mkdir -p "$tmp"
trap 'rm -rf "$tmp"' EXIT

ok() { echo "ok $*"; }
notok() { echo "not ok $*"; }

globals() { nm -g --defined-only "$1" | awk '{print $3}' | sort -u; }

nm "$vmlinux" | awk '{print $NF}' | sort -u > "$tmp/vmlinux.syms"
ekos=$(find "$kdir" -name '*.eko' | sort)
[ -n "$ekos" ] && ok "entries built: $(echo $ekos | wc -w)" || notok "no .eko built"

"$mk" list --json "$pack" > "$tmp/pack.json" 2>&1 ||
	notok "mkearlymod list $pack: $(head -1 "$tmp/pack.json")"

for eko in $ekos; do
	dir=$(dirname "$eko")
	name=$(basename "$eko" .eko)
	fb=$dir/earlymod-$name-fallback.o
	globals "$eko" > "$tmp/eko.syms"
	globals "$fb" > "$tmp/fb.syms" 2>/dev/null || : > "$tmp/fb.syms"
	comm -12 "$tmp/eko.syms" "$tmp/vmlinux.syms" > "$tmp/both"
	extra=$(comm -23 "$tmp/both" "$tmp/fb.syms" | tr '\n' ' ')
	n=$(wc -l < "$tmp/both")
	if [ -z "$extra" ]; then
		ok "$name: vmlinux defines none of its symbols but its $n fallbacks"
	else
		notok "$name: vmlinux still defines $extra"
	fi
	missing=$(comm -13 "$tmp/eko.syms" "$tmp/fb.syms" | tr '\n' ' ')
	[ -z "$missing" ] && ok "$name: every fallback has its definition in the entry" ||
		notok "$name: fallbacks with nothing to replace them: $missing"
done

# Fixups of the production entries: every entry vmlinux refers to has sites.
# (`list --json` prints each entry's "name" before its "fixups" count.)
grep -o '"name":"[a-z0-9_-]*"\|"fixups":[0-9]*' "$tmp/pack.json" |
	sed 's/"name":"\(.*\)"/\1/; s/"fixups"://' | paste - - > "$tmp/fixups"
for name in intel-iommu amd-iommu gart vmware acrn jailhouse kvm-guest mshyperv; do
	n=$(awk -v e="$name" '$1 == e {print $2}' "$tmp/fixups")
	[ -n "$n" ] && [ "$n" -gt 0 ] && ok "$name: $n vmlinux sites point at its fallbacks" ||
		notok "$name: no fixups in the pack (got '${n:-none}')"
done

if readelf -SW "$vmlinux" | grep -q '\.earlymod\.'; then
	notok "vmlinux carries .earlymod.* metadata sections"
else
	ok "vmlinux carries no .earlymod.* metadata section"
fi

"$mk" list "$pack" > "$tmp/list" 2>&1
"$mk" list "$tpack" > "$tmp/tlist" 2>&1
for name in intel-iommu amd-iommu gart vmware acrn jailhouse kvm-guest mshyperv; do
	grep -q "^[0-9]* *$name " "$tmp/list" && ok "production pack has $name" ||
		notok "production pack lacks $name"
done
grep -q "^[0-9]* *selftest[a-z-]* " "$tmp/list" && notok "production pack carries a test fixture" ||
	ok "production pack carries no test fixture"
grep -q "^[0-9]* *vmware .* hypervisor " "$tmp/list" && ok "vmware is an entry of the hypervisor stage" ||
	notok "vmware is not an entry of the hypervisor stage"
grep -q "^[0-9]* *selftest .* test" "$tmp/tlist" && ok "test pack has the selftest fixture, flagged test" ||
	notok "test pack lacks the selftest fixture or its test flag"
grep -q "^[0-9]* *selftest-hv .* hypervisor .*test" "$tmp/tlist" &&
	ok "test pack has the hypervisor-stage fixture, flagged test" ||
	notok "test pack lacks the hypervisor-stage fixture or its test flag"

for p in "$pack" "$tpack"; do
	if "$mk" verify --vmlinux "$vmlinux" "$p" > "$tmp/verify" 2>&1; then
		ok "mkearlymod verify $(basename "$p")"
	else
		notok "mkearlymod verify $(basename "$p"): $(tail -1 "$tmp/verify")"
	fi
done

# The entries' exports in Module.symvers: the symbols of each entry's
# kernel_symbol records (__ksymtab_SYM, nm) against the lines owned by its
# module; a module of the build that uses them depends on the entry.
symvers=$kdir/Module.symvers
for eko in $ekos; do
	name=$(basename "$eko" .eko)
	mod=$(echo "$name" | tr - _)
	nm "$eko" | sed -n 's/^[0-9a-f]* [rR] __ksymtab_\(.*\)$/\1/p' | grep -vx strings |
		LC_ALL=C sort > "$tmp/want"
	awk -F'\t' -v m="$mod" '$3 == m { print $2 }' "$symvers" | LC_ALL=C sort > "$tmp/have"
	n=$(wc -l < "$tmp/want")
	if cmp -s "$tmp/want" "$tmp/have"; then
		[ "$n" -gt 0 ] && ok "$name: Module.symvers has its $n exports as module $mod" ||
			ok "$name: exports nothing, and Module.symvers has nothing of module $mod"
	else
		notok "$name: Module.symvers differs from its $n exports: $(diff "$tmp/want" "$tmp/have" | grep '^[<>]' | head -3 | tr '\n' ' ')"
	fi
done
if grep -qP '^0x00000000\tkvm_clock\tkvm_guest\tEXPORT_SYMBOL_GPL\t$' "$symvers"; then
	ok "Module.symvers: kvm_clock, EXPORT_SYMBOL_GPL of module kvm_guest"
else
	notok "Module.symvers: no kvm_clock line of kvm_guest: $(grep -P '\tkvm_clock\t' "$symvers")"
fi
ptp=$kdir/drivers/ptp/ptp_kvm.ko
dep=$(modinfo -F depends "$ptp" 2>&1)
[ "$dep" = kvm_guest ] && ok "ptp_kvm.ko (PTP_1588_CLOCK_KVM=m) depends on kvm_guest" ||
	notok "ptp_kvm.ko depends on '$dep', not kvm_guest"
