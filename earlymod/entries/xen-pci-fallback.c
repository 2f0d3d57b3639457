// SPDX-License-Identifier: GPL-2.0-only
/*
 * What vmlinux finds in place of the xen-pci entry while it is not
 * linked.  Only dom0's MSI set-up calls it (arch/x86/pci/xen.c); without
 * the entry no device has an owner registered, which is the entry's own
 * answer for a device nobody registered: -ENODEV, and the MSI is mapped
 * for dom0 itself (DOMID_SELF).  xen-pciback, the module that registers
 * owners, needs the entry's exports and does not load without it.
 *
 *   dom0 MSI set-up   -> xen_find_device_domain_owner(): -ENODEV
 *     (xen_initdom_setup_msi_irqs())
 */
#include <linux/errno.h>
#include <linux/pci.h>
#include <linux/earlymod.h>
#include <xen/pci.h>

EARLYMOD_FALLBACK_RET(int, xen_find_device_domain_owner, (struct pci_dev *dev), -ENODEV);
