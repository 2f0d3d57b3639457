// SPDX-License-Identifier: GPL-2.0-only
/*
 * dom0's driver for the ACPI processor aggregator device
 * (drivers/xen/xen-acpi-pad.c, ACPI000C: the firmware asks for idle CPUs,
 * Xen parks them) as an early module.  Its initcall is all there is, and it
 * declines in any domain but the initial one (xen_acpi_pad_init()), so the
 * entry is linked in dom0 only.
 */
#include <linux/earlymod.h>

EARLYMOD_ENTRY("xen-acpi-pad", "6.1", PLATFORM);
EARLYMOD_MATCH_XEN(EARLYMOD_XEN_DOM0);
