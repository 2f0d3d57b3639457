// SPDX-License-Identifier: GPL-2.0-only
/*
 * Xen's DMA backend for PV domains (drivers/xen/swiotlb-xen.c) as an early
 * module: a PV domain's pseudo-physical pages are not the machine's, so
 * DMA bounces through machine-contiguous buffers that it asks Xen for.
 * pci_iommu_alloc() calls pci_xen_swiotlb_init() in a Xen PV domain only,
 * and only such a domain links the entry (a XEN rule: xen_pv_domain() is
 * set by xen_start_kernel(), long before the platform stage).
 */
#include <linux/earlymod.h>

EARLYMOD_ENTRY("swiotlb-xen", "6.1", PLATFORM);
EARLYMOD_MATCH_XEN("pv");
