// SPDX-License-Identifier: GPL-2.0-only
/*
 * A board driver as an early module: the front LEDs and button of the
 * PC Engines APU2, APU3 and APU4 (drivers/platform/x86/pcengines-apuv2.c).
 *
 * Linked where the driver's own DMI table names the board: mkearlymod reads
 * the rows of apu_gpio_dmi_table from the object and makes each a set of
 * DMI rules, compared as dmi_first_match() compares them.  On any other
 * board the entry is skipped (no DMI match) and its memory goes back.
 */
#include <linux/earlymod.h>

EARLYMOD_ENTRY("pcengines-apuv2", "6.1", PLATFORM);
EARLYMOD_MATCH_DMI_TABLE(apu_gpio_dmi_table);
