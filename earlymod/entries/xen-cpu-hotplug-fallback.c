// SPDX-License-Identifier: GPL-2.0-only
/*
 * vmlinux refers to nothing in the xen-cpu-hotplug entry: its initcall is all
 * there is, and it runs only when the entry is linked.
 */
