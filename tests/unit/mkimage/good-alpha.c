// SPDX-License-Identifier: GPL-2.0
/* A valid entry with rules of every kind, a fallback, per-CPU data. */
#include <linux/earlymod.h>

EARLYMOD_ENTRY_GROUP("alpha", "2.5-test", PLATFORM, 3, -4);
EARLYMOD_MATCH_ACPI("DMAR");
EARLYMOD_MATCH_CPU_VENDOR("GenuineIntel");
EARLYMOD_MATCH_DMI(BOARD_NAME, "APU*");
EARLYMOD_MATCH_PCI(0x8086, EARLYMOD_PCI_ANY);
EARLYMOD_MATCH_NOT(HYPERVISOR, 0, "Microsoft Hv");

extern int host_func(int x);
extern int host_value;
extern int host_pcpu;

__attribute__((section(".data..percpu"))) int alpha_pcpu = 3;

int em_good_fn(int x)
{
	int v;

	asm volatile("movl %%gs:%1, %0" : "=r" (v) : "m" (alpha_pcpu));
	asm volatile("addl %%gs:%1, %0" : "+r" (v) : "m" (host_pcpu));
	return host_func(x) + host_value + v;
}
