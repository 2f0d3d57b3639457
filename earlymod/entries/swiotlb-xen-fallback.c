// SPDX-License-Identifier: GPL-2.0-only
/*
 * What vmlinux finds in place of swiotlb-xen while swiotlb-xen.eko is not
 * linked: a kernel built without CONFIG_SWIOTLB_XEN
 * (asm/xen/swiotlb-xen.h).
 *
 *   pci_iommu_alloc(), PV domain    -> pci_xen_swiotlb_init(): no Xen
 *                                      bounce buffers, dma_ops unchanged
 *   xen-pcifront, PV domU           -> pci_xen_swiotlb_init_late(): -ENXIO
 */
#include <linux/errno.h>
#include <linux/init.h>
#include <linux/earlymod.h>
#include <asm/xen/swiotlb-xen.h>

EARLYMOD_FALLBACK_VOID(pci_xen_swiotlb_init, (void));
EARLYMOD_FALLBACK_RET(int, pci_xen_swiotlb_init_late, (void), -ENXIO);
