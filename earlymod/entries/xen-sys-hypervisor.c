// SPDX-License-Identifier: GPL-2.0-only
/*
 * Xen's files under /sys/hypervisor (drivers/xen/sys-hypervisor.c: type,
 * version, uuid, properties, ...) as an early module.  Two initcalls are
 * all there is, and both decline outside a Xen domain, so the entry is
 * linked in every kind of Xen domain and nowhere else.  /sys/hypervisor
 * itself (drivers/base/hypervisor.c) stays in vmlinux.
 */
#include <linux/earlymod.h>

EARLYMOD_ENTRY("xen-sys-hypervisor", "6.1", PLATFORM);
EARLYMOD_MATCH_XEN_DOMAIN();
