#!/bin/sh
# Boot cost: the early link of an object against the kernel's own module
# loader on the same object, in the same QEMU boot.  The object is the unload
# fixture (earlymod/selftest-unload/unload.c): built once as an entry
# (build/earlymod-unload.img) and once as a .ko, unsigned and signed with the
# build's key (build/kmod/fixture/, in build/initramfs-kmod.img).  Each boot
# links the entry early (its time is in the kernel's summary line), then init
# removes it (rmmod) and loads the unsigned .ko of the same name with
# finit_module(), timed around the system call, removes that and loads the
# signed one.  Two kinds of boot:
#   tcg     QEMU's TCG as in the tests (2 CPUs): wall time, which is mostly
#           QEMU translating code the first time it runs;
#   icount  -icount shift=0 (1 CPU): QEMU's clock advances 1 ns per guest
#           instruction, so every time is thousands of instructions
#           executed, free of the translation cost.
# Per boot: the times and the ratios of the early link (which includes its
# seal check) to the unsigned load (no signature check) and to the signed
# load (with the check a distribution kernel makes); the goal is at most
# 0.25.  Then the medians per kind.  Figures are printed, never asserted;
# the script fails only when a boot does not complete.  What the times
# cover: docs/bench.md.
#
#   loadcost.sh QEMU_RUN KERNEL_DIR PACK INITRAMFS WORKDIR
#
# Environment: BENCH_BOOTS (boots of each kind, default 5).
set -u

[ $# -eq 5 ] || { echo "usage: loadcost.sh QEMU_RUN KERNEL_DIR PACK INITRAMFS WORKDIR" >&2; exit 2; }
BENCH=bench-loadcost
. "$(dirname "$0")/common.sh"
run=$(abs "$1") kernel=$(abs "$2") pack=$(abs "$3") initramfs=$(abs "$4") work=$5
top=${TOP:-$(cd "$(dirname "$0")/.." && pwd)}
boots=${BENCH_BOOTS:-5}
prefix=bench-load

bench_check "$run" "$kernel/arch/x86/boot/bzImage" "$pack" "$initramfs"
bench_workdir

ko=/kmod/selftest_unload.ko sko=/kmod/signed/selftest_unload.ko
# case KIND: the boot of that kind
mkcase() {
	cat <<CASE
machine q35
smp $([ "$1" = icount ] && echo 1 || echo 2)
boot direct
kernel $kernel/arch/x86/boot/bzImage
pack $pack
initramfs $initramfs
cmdline report.actions=rmmod:selftest_unload,insmod:$ko,rmmod:selftest_unload,insmod:$sko
report action ^rmmod:selftest_unload ok\$
report insmod_us ^$ko [0-9]+\$
report insmod_us ^$sko [0-9]+\$
report klog ^earlymod: linked selftest-unload
CASE
	# icount: single-threaded TCG; a second CPU never came up with it
	[ "$1" != icount ] || echo "qemu -icount shift=0"
}

failed=0
for kind in tcg icount; do
	c=$work/$prefix-$kind.case
	mkcase $kind > "$c"
	i=1
	while [ $i -le "$boots" ]; do
		log=$work/$kind-$i.log
		"$run" --console "$c" 2>&1 | tr -d '\r' > "$log"
		if ! grep -q "^ok $prefix-$kind\$" "$log"; then
			echo "bench-loadcost: $kind boot $i did not complete:" >&2
			grep -E '^(not ok|# )' "$log" | sed 's/^/  /' >&2
			failed=1
		fi
		i=$((i + 1))
	done
	rm -rf "${EARLYMOD_TOP:-$top}/build/test-work/$prefix-$kind"
done

# per boot: kind, KiB, relocs, link us, unsigned load us, signed load us.
# Where the TSC was not calibrated yet at the link, the summary gives
# kcycles: converted with the frequency the kernel reports later ("tsc:
# Detected N MHz processor").
for kind in tcg icount; do
	for log in "$work"/$kind-*.log; do
		awk -v kind=$kind -v ko="$ko" -v sko="$sko" '
			/^REPORT klog earlymod: linked selftest-unload / {
				s = $0; sub(/^.*linked selftest-unload \(/, "", s)
				split(s, f, /[ ,()]+/)	# KiB "KiB" relocs "relocs" time unit
				kib = f[1]; relocs = f[3]; t = f[5]; unit = f[6]
			}
			/\] tsc: Detected [0-9.]+ MHz processor$/ { mhz = $(NF - 2) }
			/^REPORT insmod_us / { if ($3 == ko) u = $4; if ($3 == sko) sg = $4 }
			END {
				if (unit == "kcycles")
					t = mhz ? t * 1000 / mhz : ""
				if (t != "" && u != "" && sg != "")
					printf "%s %d %d %d %d %d\n", kind, kib, relocs, t, u, sg
			}' "$log"
	done
done > "$work/times.txt"

echo "boot cost of one object (the unload fixture): early link against finit_module()"
echo "(tcg: wall time in us; icount: thousands of guest instructions)"
echo
printf '%-7s %4s %5s %7s %11s %15s %13s %9s %9s\n' kind boot KiB relocs "early link" \
	"load unsigned" "load signed" "/unsigned" "/signed"
awk '{ n[$1]++
       printf "%-7s %4d %5d %7d %11d %15d %13d %9.3f %9.3f\n", $1, n[$1], $2, $3, $4, $5, $6,
	      $5 ? $4 / $5 : 0, $6 ? $4 / $6 : 0 }' "$work/times.txt"
# the median of column $2 of the boots of kind $1
med() { awk -v k="$1" '$1 == k' "$work/times.txt" | sort -n -k"$2" |
	awk -v c="$2" '{ a[NR] = $c } END { if (NR) print a[int((NR + 1) / 2)] }'; }
echo
for kind in tcg icount; do
	link=$(med $kind 4) u=$(med $kind 5) sg=$(med $kind 6)
	[ -n "$link" ] || continue
	awk -v k=$kind -v l="$link" -v u="$u" -v s="$sg" -v n="$boots" 'BEGIN {
		printf "%s, median of %d boots: early link %d, load unsigned %d, signed %d;", k, n, l, u, s
		printf " ratio %.3f to unsigned, %.3f to signed (goal <= 0.25)\n",
		       u ? l / u : 0, s ? l / s : 0 }'
done
exit $failed
