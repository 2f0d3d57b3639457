// SPDX-License-Identifier: GPL-2.0-only
/*
 * vCPU hotplug through xenstore (drivers/xen/cpu_hotplug.c) as an early
 * module.  Its initcall is all there is, and it declines outside a PV or
 * PVH domain (setup_vcpu_hotplug_event()), so the entry is linked there
 * only.
 */
#include <linux/earlymod.h>

EARLYMOD_ENTRY("xen-cpu-hotplug", "6.1", PLATFORM);
EARLYMOD_MATCH_XEN("pv");
EARLYMOD_MATCH_XEN("pvh");
