// SPDX-License-Identifier: GPL-2.0-only
/*
 * The xenfs file system (drivers/xen/xenfs/: mounted on /proc/xen by the
 * Xen tools; in dom0 also xsd_kva, xsd_port and xensyms) as an early
 * module.  Its initcall registers the file system in a Xen domain only
 * (xenfs_init()), so the entry is linked in every kind of Xen domain and
 * nowhere else.
 */
#include <linux/earlymod.h>

EARLYMOD_ENTRY("xenfs", "6.1", PLATFORM);
EARLYMOD_MATCH_XEN_DOMAIN();
