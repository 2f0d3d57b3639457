// SPDX-License-Identifier: GPL-2.0-only
/*
 * A board driver as an early module: the front LEDs and button of the
 * Cisco Meraki MX100 (drivers/platform/x86/meraki-mx100.c).
 *
 * Linked where the driver's own DMI table, tink_systems, names the board
 * (as pcengines-apuv2.c explains).
 */
#include <linux/earlymod.h>

EARLYMOD_ENTRY("meraki-mx100", "6.1", PLATFORM);
EARLYMOD_MATCH_DMI_TABLE(tink_systems);
