// SPDX-License-Identifier: GPL-2.0-only
/*
 * What vmlinux finds in place of the GART IOMMU while gart.eko is not
 * linked: the behaviour of a machine without a GART.
 *
 *   iommu= (pci-dma.c)        -> gart_parse_options(): nothing to set yet
 *   gart_iommu_hole_init()    -> gart_iommu_init(): no GART IOMMU, 0
 *   aperture suspend/resume   -> set_up_gart_resume(): nothing to restore
 *   amd_iommu_init() failing  -> gart_iommu_init(): no fallback to GART
 */
#include <linux/init.h>
#include <linux/pci.h>
#include <linux/earlymod.h>
#include <asm/gart.h>

EARLYMOD_FALLBACK_VOID(gart_parse_options, (char *options));
EARLYMOD_FALLBACK_RET(int, gart_iommu_init, (void), 0);
EARLYMOD_FALLBACK_VOID(set_up_gart_resume, (u32 aper_order, u32 aper_alloc));
