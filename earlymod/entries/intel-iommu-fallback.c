// SPDX-License-Identifier: GPL-2.0-only
/*
 * What vmlinux finds in place of Intel VT-d while intel-iommu.eko is not
 * linked: the behaviour of a kernel without DMAR hardware.
 *
 *   pci_iommu_alloc()      -> detect_intel_iommu(): no DMAR, nothing to do
 *   irq_remapping_prepare() -> intel_irq_remap_ops.prepare(): -ENODEV, so
 *                             the AMD (or no) remapping is tried next
 *   dmar_msi_controller    -> dmar_msi_*(): no DMAR fault interrupts exist
 *   acpi_pci_root_add/remove -> dmar_device_add/remove(): nothing to track
 */
#include <linux/dmar.h>
#include <linux/errno.h>
#include <linux/earlymod.h>
#include "../irq_remapping.h"

EARLYMOD_FALLBACK_VOID(detect_intel_iommu, (void));
EARLYMOD_FALLBACK_RET(int, dmar_device_add, (acpi_handle handle), 0);
EARLYMOD_FALLBACK_RET(int, dmar_device_remove, (acpi_handle handle), 0);
EARLYMOD_FALLBACK_VOID(dmar_msi_mask, (struct irq_data *data));
EARLYMOD_FALLBACK_VOID(dmar_msi_unmask, (struct irq_data *data));
EARLYMOD_FALLBACK_VOID(dmar_msi_write, (int irq, struct msi_msg *msg));

static int intel_irq_remap_absent(void)
{
	return -ENODEV;
}

struct irq_remap_ops intel_irq_remap_ops = {
	.prepare = intel_irq_remap_absent,
};
