// SPDX-License-Identifier: GPL-2.0-only
/*
 * The hypervisor-stage fixture's entry: test-only, and on demand, so that it
 * links only where a case asks for it (earlymod=selftest-hv).
 */
#include <linux/earlymod.h>

EARLYMOD_ENTRY_FLAGS("selftest-hv", "1", HYPERVISOR,
		     EARLYMOD_F_TEST | EARLYMOD_F_ON_DEMAND, 0, 0);
