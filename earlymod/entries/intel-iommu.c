// SPDX-License-Identifier: GPL-2.0-only
/*
 * Intel VT-d (drivers/iommu/intel/) as an early module: linked when the
 * firmware describes DMA remapping hardware (ACPI DMAR), before
 * pci_iommu_alloc() calls detect_intel_iommu().
 */
#include <linux/earlymod.h>

EARLYMOD_ENTRY("intel-iommu", "6.1", PLATFORM);
EARLYMOD_MATCH_ACPI("DMAR");
/*
 * Not in a Xen PV domain: Xen owns the IOMMUs there, and pci_iommu_alloc()
 * sets up swiotlb-xen instead of looking for one.
 */
EARLYMOD_MATCH_NOT(XEN, 0, "pv");
