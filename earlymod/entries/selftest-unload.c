// SPDX-License-Identifier: GPL-2.0-only
/* The unload fixture's entry: test-only, links whenever it is in a pack. */
#include <linux/earlymod.h>

EARLYMOD_ENTRY_FLAGS("selftest-unload", "1", PLATFORM, EARLYMOD_F_TEST, 0, 0);
