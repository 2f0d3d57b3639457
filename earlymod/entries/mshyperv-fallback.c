// SPDX-License-Identifier: GPL-2.0-only
/*
 * What vmlinux finds in place of the Hyper-V guest code while mshyperv.eko
 * is not linked: a machine that is no Hyper-V guest.
 *
 *   hypervisors[] (cpu/hypervisor.c) -> x86_hyper_ms_hyperv: .detect says 0
 */
#include <linux/init.h>
#include <linux/earlymod.h>
#include <asm/hypervisor.h>

EARLYMOD_FALLBACK_HYPERVISOR(x86_hyper_ms_hyperv, "Microsoft Hyper-V",
			     X86_HYPER_MS_HYPERV, __initconst);
