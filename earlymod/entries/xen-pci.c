// SPDX-License-Identifier: GPL-2.0-only
/*
 * dom0's PCI code (drivers/xen/pci.c) as an early module: the bus notifier
 * that reports every PCI device to Xen as it is added or removed
 * (PHYSDEVOP_pci_device_add, and the MMCONFIG areas with the first one),
 * and the table of which domain owns a device, which the xen-pciback
 * module fills and reads through the entry's three exports
 * (Module.symvers).  Its arch_initcall registers the notifier before PCI
 * is enumerated, and only in the initial domain (register_xen_pci_notifier(),
 * xen_initial_domain()), so the entry is linked in dom0 only.
 */
#include <linux/earlymod.h>

EARLYMOD_ENTRY("xen-pci", "6.1", PLATFORM);
EARLYMOD_MATCH_XEN(EARLYMOD_XEN_DOM0);
