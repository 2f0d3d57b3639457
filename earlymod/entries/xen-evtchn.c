// SPDX-License-Identifier: GPL-2.0-only
/*
 * /dev/xen/evtchn, user space's access to event channels
 * (drivers/xen/evtchn.c), as an early module.  Its initcall is all there
 * is, and it declines outside a Xen domain (evtchn_init(): xen_domain()),
 * so the entry is linked in every kind of Xen domain and nowhere else.
 * Xen's own event channels (drivers/xen/events/) stay in vmlinux: the PV
 * entry path sets them up (xen_init_IRQ()).
 */
#include <linux/earlymod.h>

EARLYMOD_ENTRY("xen-evtchn", "6.1", PLATFORM);
EARLYMOD_MATCH_XEN_DOMAIN();
