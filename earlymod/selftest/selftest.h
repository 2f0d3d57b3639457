/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The selftest fixture's interface with vmlinux: what vmlinux calls and reads
 * in the entry (through fallbacks while it is absent).
 */
#ifndef _EARLYMOD_SELFTEST_H
#define _EARLYMOD_SELFTEST_H

/* linked: x * 6; fallback: -ENODEV */
int earlymod_selftest_call(int x);
/* linked: EARLYMOD_SELFTEST_VALUE; fallback: -1 */
extern int earlymod_selftest_value;
#define EARLYMOD_SELFTEST_VALUE	4242

/*
 * A static key vmlinux defines (earlymod/selftest_check.c) and the fixture
 * branches on: its jump entries go through the module code's lists.
 */
#include <linux/jump_label.h>
DECLARE_STATIC_KEY_FALSE(earlymod_selftest_vmlinux_key);

#endif
