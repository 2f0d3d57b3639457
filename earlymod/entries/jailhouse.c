// SPDX-License-Identifier: GPL-2.0-only
/*
 * The Jailhouse non-root cell support (arch/x86/kernel/jailhouse.c) as an
 * early module of the hypervisor stage, linked where jailhouse_detect()
 * would say yes: the CPUID hypervisor signature "Jailhouse".  It ignores
 * nopv, as the built-in descriptor does (ignore_nopv).
 */
#include <linux/earlymod.h>

EARLYMOD_ENTRY("jailhouse", "6.1", HYPERVISOR);
EARLYMOD_MATCH_HYPERVISOR("Jailhouse");
