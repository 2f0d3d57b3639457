#!/bin/sh
# Suite `stock`: the linked backends behave as the built-in ones.  Each
# machine boots twice, directly, with the same command line: the `stock`
# kernel (every backend built in, no earlymod; an empty early archive in
# place of the pack) and the earlymod kernel with build/earlymod.img.  The
# IOMMU groups (`REPORT iommu_group`) must be the same, and so must the
# driver's own dmesg lines (DMAR / AMD-Vi / iommu, VMware's, the board
# drivers', timestamps removed), and the hypervisor, the clocksource, the
# CPU flags, the LEDs, input and platform devices the guest reports.  The
# board machines boot the product pack (build/boards/product.img).
# Usage: stock-compare.sh QEMU_RUN STOCK_BZIMAGE PACK PRODUCT_PACK WORKDIR
set -u
run=$1 stock=$2 pack=$3 product=$4 work=$5
mkdir -p "$work"
cpio --quiet -o -H newc < /dev/null > "$work/empty.cpio"

# name | machine | device | cmdline | qemu and smbios lines | pack (empty:
# PACK) | pattern of the driver's lines.  vmware: QEMU's VMware backdoor with
# a VMware DMI serial and no CPUID hypervisor bit
# (tests/qemu/cases/pc-vmware-direct.case).  The boards: DMI identities from
# the drivers' own tables (tests/qemu/cases/board-*.case).  Their input
# devices are compared by the REPORT input lines: the kernel's `input:`
# line of a device may come out only while init prints its report, which
# lowers the console log level, so it is on the serial log in some boots
# only.
board_pat='leds-gpio|gpio-keys|gpio_amd_fch|gpio_ich|lpc_ich|pcengines|meraki|barco'
# Xen: the kernel as dom0 of Debian's Xen (tests/qemu/cases/xen-*.case);
# its DMA set-up and its Xen drivers' lines, under Xen's VT-d no DMAR line
# of dom0's own, and (loglvl=all) each PCI device Xen logs as dom0
# reports it (xen-pci).
xen='mem 1024;xen /boot/xen-4.17-amd64.gz;xen-cmdline dom0_mem=512M loglvl=all'
xen_pat='xen|Xen|PCI-DMA|software IO TLB|DMAR|iommu:|Booting paravirtualized'
machines="q35-intel|q35|intel-iommu,intremap=on|intel_iommu=on|||DMAR|iommu:
q35-amd|q35|amd-iommu||||AMD-Vi|iommu:
q35-none|q35|||||DMAR|AMD-Vi|iommu:|Hypervisor detected|$board_pat
pc-vmware|pc|||qemu -cpu qemu64,-hypervisor;smbios type=1,serial=VMware-56 4d 00 00 00 00 00 00-00 00 00 00 00 00 00 00||vmware:|Hypervisor detected|Booting paravirtualized
board-apu2|q35|||smbios type=1,manufacturer=PC Engines,product=apu2;smbios type=2,manufacturer=PC Engines,product=PC Engines apu2|$product|$board_pat
board-apu3-legacy|q35|||smbios type=1,manufacturer=PC Engines;smbios type=2,manufacturer=PC Engines,product=APU3|$product|$board_pat
board-mx100|q35|||smbios type=1,manufacturer=Cisco,product=MX100-HW|$product|$board_pat
board-p50|q35|||smbios type=1,manufacturer=Barco,family=P50|$product|$board_pat
xen-q35|q35|||$xen||$xen_pat
xen-q35-intel|q35|intel-iommu,intremap=on||$xen||$xen_pat"

boot() {	# name kernel pack machine device cmdline extra -> $work/name.log
	{
		echo "machine $4"
		[ -n "$5" ] && echo "device $5"
		echo "boot direct"
		[ -n "$6" ] && echo "cmdline $6"
		[ -n "$7" ] && echo "$7" | tr ';' '\n'
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

echo "$machines" | while IFS='|' read -r name mach dev cmd extra mpack pat; do
	boot "$name-stock" "$stock" "$work/empty.cpio" "$mach" "$dev" "$cmd" "$extra" ||
		{ echo "not ok stock $name - stock kernel did not boot (see $work/$name-stock.log)"; continue; }
	boot "$name-earlymod" "" "${mpack:-$pack}" "$mach" "$dev" "$cmd" "$extra" ||
		{ echo "not ok stock $name - earlymod kernel did not boot (see $work/$name-earlymod.log)"; continue; }
	for k in stock earlymod; do
		# tsc-early becomes tsc once the TSC is calibrated again, a
		# second or so into the boot: the same clocksource either way.
		# Input devices are numbered as they are probed, so the
		# numbers are left out (inputN).  The PS/2 keyboard and mouse
		# (and the keyboard's LEDs, inputN::capslock and friends) are
		# left out too: the i8042's serio ports are registered and
		# probed by the kernel's serio thread, apart from the
		# initcalls, so init's report has both, one or neither,
		# in either kernel, from boot to boot.  Neither kernel's PS/2
		# code is an entry.
		tr -d '\r' < "$work/$name-$k.log" |
			grep -E '^REPORT (iommu_group|hypervisor|clocksource|cpu_flags|led|input|platform_device) ' |
			grep -Ev '^REPORT (led input[0-9]+::|input (AT Translated Set 2 keyboard|.*PS/2.*)$)' |
			sed -e 's/^REPORT clocksource tsc-early$/REPORT clocksource tsc/' \
				-e 's/input[0-9]\+/inputN/g' > "$work/$name-$k.groups"
		# The driver lines as a set: an entry's initcall runs at its
		# level but not at the place in the level the built-in one had
		# (xen_evtchn and xen_netfront, both device initcalls, come out
		# in either order).
		{ tr -d '\r' < "$work/$name-$k.log" | sed -n 's/^\[ *[0-9.]*\] //p' |
			grep -E "^($pat)" | grep -v 'Adding to iommu group' |
			sed 's/[0-9]\+\.[0-9]\+ *us//'
		  tr -d '\r' < "$work/$name-$k.log" | grep -a '^(XEN) PCI add device '
		} | LC_ALL=C sort > "$work/$name-$k.driver"
	done
	# The one line that may differ: on any machine that is no APU the
	# built-in APU board driver starts anyway and reports an error; the
	# board entry is not linked there, so that line is gone.
	apu_err='pcengines_apuv2: failed to detect APU board via DMI'
	if grep -qx "$apu_err" "$work/$name-stock.driver"; then
		if grep -qx "$apu_err" "$work/$name-earlymod.driver"; then
			echo "not ok stock $name - the APU board driver started on a machine that is no APU"
		else
			echo "ok stock $name: no '$apu_err' (the stock kernel has it)"
		fi
		grep -vx "$apu_err" "$work/$name-stock.driver" > "$work/$name-stock.driver.tmp"
		mv "$work/$name-stock.driver.tmp" "$work/$name-stock.driver"
	fi
	same "$name" groups "IOMMU group, hypervisor, clocksource, CPU flags, LED, input and platform device lines"
	case $name in
	xen-*) same "$name" driver "driver lines in dmesg and Xen's PCI device lines" ;;
	*) same "$name" driver "driver lines in dmesg" ;;
	esac
done
