// SPDX-License-Identifier: GPL-2.0
/* A valid entry that depends on alpha and calls it. */
#include <linux/earlymod.h>

EARLYMOD_ENTRY_FLAGS("beta", "1", HYPERVISOR, EARLYMOD_F_ON_DEMAND, 0, 0);
EARLYMOD_MATCH_HYPERVISOR("KVMKVMKVM");
EARLYMOD_DEPENDS("alpha");

extern int em_good_fn(int x);

int beta_fn(int x)
{
	return em_good_fn(x) * 2;
}

__attribute__((section(".init.text"), used)) static int beta_init(void)
{
	return beta_fn(1);
}

/* early_initcall(beta_init), in the kernel's PREL32 form */
asm(".pushsection .initcallearly.init, \"a\"\n"
    ".balign 4\n"
    ".long beta_init - .\n"
    ".popsection\n");
