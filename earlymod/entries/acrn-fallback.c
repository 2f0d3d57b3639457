// SPDX-License-Identifier: GPL-2.0-only
/*
 * What vmlinux finds in place of the ACRN guest code while acrn.eko is not
 * linked: a hypervisor that is never detected.
 *
 *   hypervisors[] (cpu/hypervisor.c) -> x86_hyper_acrn: .detect says 0
 *   asm_sysvec_acrn_hv_callback     -> sysvec_acrn_hv_callback(): the
 *     (entry code)                     vector is only installed by the
 *                                      entry's init_platform, so never runs
 */
#include <linux/init.h>
#include <linux/earlymod.h>
#include <asm/hypervisor.h>
#include <asm/idtentry.h>

EARLYMOD_FALLBACK_HYPERVISOR(x86_hyper_acrn, "ACRN",
			     X86_HYPER_ACRN, __initconst);

__visible noinstr void sysvec_acrn_hv_callback(struct pt_regs *regs)
{
}
