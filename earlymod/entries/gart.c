// SPDX-License-Identifier: GPL-2.0-only
/*
 * The AMD GART IOMMU (arch/x86/kernel/amd_gart_64.c) as an early module.
 *
 * Linked under the conditions in which the built-in code can act: an AMD
 * CPU with a northbridge that has a GART (the misc. control device of
 * family 0fh, 10h, or 15h models 00h-0fh: amd_gart_present() and
 * amd_nb_misc_ids).  Its aperture code (aperture_64.c) stays in vmlinux:
 * setup_arch() calls it before any entry can be linked
 * (early_gart_iommu_check(), early_quirks()).
 *
 * `iommu=` is parsed by vmlinux before the link, when gart_parse_options()
 * is still the fallback; the entry parses it again when it is linked, in
 * the same way pci-dma.c's iommu_setup() does.
 */
#include <linux/init.h>
#include <linux/pci.h>
#include <linux/string.h>
#include <linux/earlymod.h>
#include <asm/gart.h>

EARLYMOD_ENTRY("gart", "6.1", PLATFORM);
EARLYMOD_MATCH_CPU_VENDOR("AuthenticAMD");
EARLYMOD_MATCH_PCI(0x1022, 0x1103);	/* K8 northbridge misc. */
EARLYMOD_MATCH_PCI(0x1022, 0x1203);	/* family 10h */
EARLYMOD_MATCH_PCI(0x1022, 0x1603);	/* family 15h, models 00h-0fh */
/*
 * Not in a Xen PV domain: Xen owns the IOMMUs there, and pci_iommu_alloc()
 * sets up swiotlb-xen instead of looking for one.
 */
EARLYMOD_MATCH_NOT(XEN, 0, "pv");

static int __init gart_iommu_param(char *p)
{
	if (!p)
		return -EINVAL;
	while (*p) {
		gart_parse_options(p);
		p += strcspn(p, ",");
		if (*p == ',')
			++p;
	}
	return 0;
}
early_param("iommu", gart_iommu_param);
