// SPDX-License-Identifier: GPL-2.0-only
/*
 * What vmlinux finds in place of the Jailhouse guest code while
 * jailhouse.eko is not linked: a machine that is no Jailhouse cell.
 *
 *   hypervisors[] (cpu/hypervisor.c) -> x86_hyper_jailhouse: .detect says 0
 *   flat APIC probe, PCI legacy scan -> jailhouse_paravirt(): false
 */
#include <linux/init.h>
#include <linux/earlymod.h>
#include <asm/hypervisor.h>
#include <asm/jailhouse_para.h>

EARLYMOD_FALLBACK_HYPERVISOR(x86_hyper_jailhouse, "Jailhouse",
			     X86_HYPER_JAILHOUSE, __refconst);

EARLYMOD_FALLBACK_RET(bool, jailhouse_paravirt, (void), false);
