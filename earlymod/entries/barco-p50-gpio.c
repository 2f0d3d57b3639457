// SPDX-License-Identifier: GPL-2.0-only
/*
 * A board driver as an early module: the identify LED and button of the
 * Barco P50, behind its embedded controller
 * (drivers/platform/x86/barco-p50-gpio.c).
 *
 * Linked where the driver's own DMI table, dmi_ids, names the board (as
 * pcengines-apuv2.c explains).
 */
#include <linux/earlymod.h>

EARLYMOD_ENTRY("barco-p50-gpio", "6.1", PLATFORM);
EARLYMOD_MATCH_DMI_TABLE(dmi_ids);
