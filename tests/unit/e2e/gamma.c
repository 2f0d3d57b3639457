// SPDX-License-Identifier: GPL-2.0
/*
 * End-to-end entry "gamma": its rule never matches in the test, so it is
 * not linked and the program keeps calling its fallback.
 */
#include <linux/earlymod.h>

EARLYMOD_ENTRY("gamma", "1.0", PLATFORM);
EARLYMOD_MATCH_ACPI("NONE");

extern int host_value;

int em_gamma_probe(void)
{
	return host_value + 1;
}
