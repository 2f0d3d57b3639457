// SPDX-License-Identifier: GPL-2.0-only
/*
 * AMD-Vi (drivers/iommu/amd/) as an early module: linked when the firmware
 * describes an AMD IOMMU (ACPI IVRS), before pci_iommu_alloc() calls
 * amd_iommu_detect().
 */
#include <linux/earlymod.h>

EARLYMOD_ENTRY("amd-iommu", "6.1", PLATFORM);
EARLYMOD_MATCH_ACPI("IVRS");
/*
 * Not in a Xen PV domain: Xen owns the IOMMUs there, and pci_iommu_alloc()
 * sets up swiotlb-xen instead of looking for one.
 */
EARLYMOD_MATCH_NOT(XEN, 0, "pv");
