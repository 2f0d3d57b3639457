#!/bin/sh
# Suite `stock`: the linked backends behave as the built-in ones.  Each
# machine boots twice, directly, with the same command line: the `stock`
# kernel (every backend built in, no earlymod; an empty early archive in
# place of the pack) and the earlymod kernel with build/earlymod.img.  The
# IOMMU groups (`REPORT iommu_group`) must be the same, and so must the
# driver's own dmesg lines (DMAR / AMD-Vi / iommu, timestamps removed).
# Usage: stock-compare.sh QEMU_RUN STOCK_BZIMAGE PACK WORKDIR
set -u
run=$1 stock=$2 pack=$3 work=$4
mkdir -p "$work"
cpio --quiet -o -H newc < /dev/null > "$work/empty.cpio"

# name | device | cmdline | pattern of the driver's lines
machines='q35-intel|intel-iommu,intremap=on|intel_iommu=on|DMAR|iommu:
q35-amd|amd-iommu||AMD-Vi|iommu:
q35-none|||DMAR|AMD-Vi|iommu:'

boot() {	# name kernel pack device cmdline -> $work/name.log
	{
		echo "machine q35"
		[ -n "$4" ] && echo "device $4"
		echo "boot direct"
		[ -n "$5" ] && echo "cmdline $5"
		[ -n "$2" ] && echo "kernel $2"
		echo "pack $3"
	} > "$work/$1.case"
	"$run" --console "$work/$1.case" > "$work/$1.log" 2>&1
}

same() {	# name suffix what: stock and earlymod files must be equal
	n=$(wc -l < "$work/$1-stock.$2")
	if cmp -s "$work/$1-stock.$2" "$work/$1-earlymod.$2"; then
		echo "ok stock $1: the same $n $3 as the stock kernel"
	else
		echo "not ok stock $1 - $3 differ from the stock kernel:"
		diff "$work/$1-stock.$2" "$work/$1-earlymod.$2" | sed 's/^/#   /'
	fi
}

echo "$machines" | while IFS='|' read -r name dev cmd pat; do
	boot "$name-stock" "$stock" "$work/empty.cpio" "$dev" "$cmd" ||
		{ echo "not ok stock $name - stock kernel did not boot (see $work/$name-stock.log)"; continue; }
	boot "$name-earlymod" "" "$pack" "$dev" "$cmd" ||
		{ echo "not ok stock $name - earlymod kernel did not boot (see $work/$name-earlymod.log)"; continue; }
	for k in stock earlymod; do
		grep '^REPORT iommu_group ' "$work/$name-$k.log" > "$work/$name-$k.groups"
		sed -n 's/^\[ *[0-9.]*\] //p' "$work/$name-$k.log" |
			grep -E "^($pat)" | grep -v 'Adding to iommu group' |
			sed 's/[0-9]\+\.[0-9]\+ *us//' > "$work/$name-$k.driver"
	done
	same "$name" groups "IOMMU group lines"
	same "$name" driver "driver lines in dmesg"
done
