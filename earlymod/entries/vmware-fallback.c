// SPDX-License-Identifier: GPL-2.0-only
/*
 * What vmlinux finds in place of the VMware guest code while vmware.eko is
 * not linked: a hypervisor that is never detected.
 *
 *   hypervisors[] (cpu/hypervisor.c) -> x86_hyper_vmware: .detect says 0,
 *                                       so the table goes on to the next
 */
#include <linux/init.h>
#include <linux/earlymod.h>
#include <asm/hypervisor.h>

EARLYMOD_FALLBACK_HYPERVISOR(x86_hyper_vmware, "VMware",
			     X86_HYPER_VMWARE, __initconst);
