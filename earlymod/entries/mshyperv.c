// SPDX-License-Identifier: GPL-2.0-only
/*
 * The Hyper-V guest code (arch/x86/kernel/cpu/mshyperv.c) as an early
 * module of the hypervisor stage, linked where ms_hyperv_platform() would
 * look further: the CPUID signature "Microsoft Hv" (at 0x40000000, where
 * Hyper-V and every hypervisor with its interface puts it).  The
 * descriptor's own detect() then checks the leaf range and the mandatory
 * MSRs, as built in.
 */
#include <linux/earlymod.h>

EARLYMOD_ENTRY("mshyperv", "6.1", HYPERVISOR);
EARLYMOD_MATCH_HYPERVISOR("Microsoft Hv");
