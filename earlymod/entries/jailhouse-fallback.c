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

static u32 __init jailhouse_absent(void)
{
	return 0;
}

const struct hypervisor_x86 x86_hyper_jailhouse __refconst = {
	.name		= "Jailhouse",
	.detect		= jailhouse_absent,
	.ignore_nopv	= true,
};

EARLYMOD_FALLBACK_RET(bool, jailhouse_paravirt, (void), false);
