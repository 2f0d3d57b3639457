// SPDX-License-Identifier: GPL-2.0-only
/*
 * What vmlinux finds in place of the xen-pcpu entry while it is not
 * linked.  Outside dom0 nothing calls it (a kernel without XEN_DOM0 has a
 * stub that BUG()s, include/xen/xen.h); in a dom0 whose pack does not
 * link the entry (earlymod=off) Xen is not asked and no physical CPU
 * counts as present, so ACPI _PDC is evaluated for none.
 *
 *   ACPI _PDC set-up, dom0 only   -> xen_processor_present(): false
 *     (processor_pdc.c)
 */
#include <linux/types.h>
#include <linux/earlymod.h>
#include <xen/xen.h>

EARLYMOD_FALLBACK_RET(bool, xen_processor_present, (uint32_t acpi_id), false);
