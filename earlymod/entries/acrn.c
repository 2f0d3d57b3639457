// SPDX-License-Identifier: GPL-2.0-only
/*
 * The ACRN guest code (arch/x86/kernel/cpu/acrn.c) as an early module of
 * the hypervisor stage, linked where acrn_detect() would say yes: the CPUID
 * hypervisor signature "ACRNACRNACRN".  init_hypervisor_platform() reaches
 * the entry's x86_hyper_acrn through its table (a vmlinux fixup).
 */
#include <linux/earlymod.h>

EARLYMOD_ENTRY("acrn", "6.1", HYPERVISOR);
EARLYMOD_MATCH_HYPERVISOR("ACRNACRNACRN");
