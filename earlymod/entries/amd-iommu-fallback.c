// SPDX-License-Identifier: GPL-2.0-only
/*
 * What vmlinux finds in place of AMD-Vi while amd-iommu.eko is not linked:
 * the behaviour of a kernel without an AMD IOMMU.
 *
 *   pci_iommu_alloc()       -> amd_iommu_detect(): -ENODEV
 *   irq_remapping_prepare() -> amd_iommu_irq_ops.prepare(): -ENODEV
 *   io_pgtable_init_table[] -> the AMD v1/v2 formats allocate nothing
 *   the AMD IOMMU perf PMU  -> no IOMMU, no performance counters
 */
#include <linux/amd-iommu.h>
#include <linux/errno.h>
#include <linux/io-pgtable.h>
#include <linux/earlymod.h>
#include "../irq_remapping.h"

EARLYMOD_FALLBACK_RET(int, amd_iommu_detect, (void), -ENODEV);
EARLYMOD_FALLBACK_RET(bool, amd_iommu_pc_supported, (void), false);
EARLYMOD_FALLBACK_RET(int, amd_iommu_get_num_iommus, (void), 0);
EARLYMOD_FALLBACK_RET(struct amd_iommu *, get_amd_iommu, (unsigned int idx), NULL);
EARLYMOD_FALLBACK_RET(u8, amd_iommu_pc_get_max_banks, (unsigned int idx), 0);
EARLYMOD_FALLBACK_RET(u8, amd_iommu_pc_get_max_counters, (unsigned int idx), 0);
EARLYMOD_FALLBACK_RET(int, amd_iommu_pc_get_reg,
		      (struct amd_iommu *iommu, u8 bank, u8 cntr, u8 fxn, u64 *value),
		      -ENODEV);
EARLYMOD_FALLBACK_RET(int, amd_iommu_pc_set_reg,
		      (struct amd_iommu *iommu, u8 bank, u8 cntr, u8 fxn, u64 *value),
		      -ENODEV);

static int amd_irq_remap_absent(void)
{
	return -ENODEV;
}

struct irq_remap_ops amd_iommu_irq_ops = {
	.prepare = amd_irq_remap_absent,
};

static struct io_pgtable *amd_pgtable_absent(struct io_pgtable_cfg *cfg,
					     void *cookie)
{
	return NULL;
}

struct io_pgtable_init_fns io_pgtable_amd_iommu_v1_init_fns = {
	.alloc = amd_pgtable_absent,
};

struct io_pgtable_init_fns io_pgtable_amd_iommu_v2_init_fns = {
	.alloc = amd_pgtable_absent,
};
