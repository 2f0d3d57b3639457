// SPDX-License-Identifier: GPL-2.0
/*
 * End-to-end entry "beta": depends on "alpha" and calls into it (DEP
 * targets), and is called by the program through its own fallback.
 */
#include <linux/earlymod.h>

EARLYMOD_ENTRY("beta", "1.0", PLATFORM);
EARLYMOD_DEPENDS("alpha");
EARLYMOD_MATCH_CPU_VENDOR("GenuineIntel");
EARLYMOD_MATCH_CPU_VENDOR("AuthenticAMD");

extern int em_alpha_compute(int x);
extern int em_alpha_data;

int em_beta_twice(int x)
{
	return 2 * em_alpha_compute(x) + em_alpha_data;
}
