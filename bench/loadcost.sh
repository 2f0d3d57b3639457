#!/bin/sh
# Boot cost: the early link of an object against the kernel's own module
# loader on the same object, in the same QEMU boot.  The object is the unload
# fixture (earlymod/selftest-unload/unload.c): built once as an entry
# (build/earlymod-unload.img) and once as a .ko (build/kmod/fixture/
# selftest_unload.ko, in build/initramfs-kmod.img).  Each boot links the
# entry early (its time is in the kernel's summary line), then init removes
# it (rmmod) and loads the .ko of the same name with finit_module(), timed
# around the system call.  Per boot: both times and their ratio (goal: the
# early link at most 0.25 of the load); then the medians.  Figures are
# printed, never asserted; the script fails only when a boot does not
# complete.  What the two times cover: docs/bench.md.
#
#   loadcost.sh QEMU_RUN KERNEL_DIR PACK INITRAMFS WORKDIR
#
# Environment: BENCH_BOOTS (boots, default 5).
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

c=$work/$prefix.case
cat > "$c" <<CASE
machine q35
smp 2
boot direct
kernel $kernel/arch/x86/boot/bzImage
pack $pack
initramfs $initramfs
cmdline report.actions=rmmod:selftest_unload,insmod:/kmod/selftest_unload.ko
report action ^rmmod:selftest_unload ok\$
report insmod_us ^/kmod/selftest_unload\\.ko [0-9]+\$
report klog ^earlymod: linked selftest-unload
CASE

i=1 failed=0
while [ $i -le "$boots" ]; do
	log=$work/boot-$i.log
	"$run" --console "$c" 2>&1 | tr -d '\r' > "$log"
	if ! grep -q "^ok $prefix\$" "$log"; then
		echo "bench-loadcost: boot $i did not complete:" >&2
		grep -E '^(not ok|# )' "$log" | sed 's/^/  /' >&2
		failed=1
	fi
	i=$((i + 1))
done
rm -rf "${EARLYMOD_TOP:-$top}/build/test-work/$prefix"

# per boot: KiB, relocs, link us, insmod us.  Where the TSC was not
# calibrated yet at the link, the summary gives kcycles: converted with the
# frequency the kernel reports later ("tsc: Detected N MHz processor").
for log in "$work"/boot-*.log; do
	awk '
		/^REPORT klog earlymod: linked selftest-unload / {
			s = $0; sub(/^.*linked selftest-unload \(/, "", s)
			split(s, f, /[ ,()]+/)	# KiB "KiB" relocs "relocs" time unit
			kib = f[1]; relocs = f[3]; t = f[5]; unit = f[6]
		}
		/\] tsc: Detected [0-9.]+ MHz processor$/ { mhz = $(NF - 2) }
		/^REPORT insmod_us / { load = $4 }
		END {
			if (unit == "kcycles")
				t = mhz ? t * 1000 / mhz : ""
			if (t != "" && load != "")
				printf "%d %d %d %d\n", kib, relocs, t, load
		}' "$log"
done > "$work/times.txt"

echo "boot cost of one object (the unload fixture): early link against finit_module()"
echo
printf '%-6s %8s %8s %14s %16s %8s\n' boot KiB relocs "early link" "finit_module" ratio
awk '{ printf "%-6d %8d %8d %11d us %13d us %8s\n", NR, $1, $2, $3, $4,
	      $4 ? sprintf("%.3f", $3 / $4) : "-" }' "$work/times.txt"
med() { sort -n -k"$1" "$work/times.txt" |
	awk -v k="$1" '{ a[NR] = $k } END { if (NR) print a[int((NR + 1) / 2)] }'; }
link=$(med 3) load=$(med 4)
if [ -n "$link" ] && [ -n "$load" ]; then
	echo
	awk -v l="$link" -v d="$load" 'BEGIN {
		printf "median of %d boots: early link %d us, finit_module %d us", '"$boots"', l, d
		if (d > 0) printf ", their ratio %.3f (goal <= 0.25)", l / d
		printf "\n" }'
fi
exit $failed
