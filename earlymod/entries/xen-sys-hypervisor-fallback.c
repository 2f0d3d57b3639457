// SPDX-License-Identifier: GPL-2.0-only
/*
 * vmlinux refers to nothing in the xen-sys-hypervisor entry: its initcalls
 * are all there is, and they run only when the entry is linked.
 */
