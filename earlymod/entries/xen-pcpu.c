// SPDX-License-Identifier: GPL-2.0-only
/*
 * dom0's view of the physical CPUs (drivers/xen/pcpu.c: /sys/devices/
 * system/xen_cpu, Xen's CPU hotplug events) as an early module.  Its
 * initcall is all there is, and it declines in any domain but the initial
 * one (xen_pcpu_init(): xen_initial_domain()), so the entry is linked in
 * dom0 only.
 */
#include <linux/earlymod.h>

EARLYMOD_ENTRY("xen-pcpu", "6.1", PLATFORM);
EARLYMOD_MATCH_XEN(EARLYMOD_XEN_DOM0);
