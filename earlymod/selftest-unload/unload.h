/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The unload fixture's interface: what vmlinux calls in it (through a
 * fallback while it is absent or gone), and what it exports.
 */
#ifndef _EARLYMOD_SELFTEST_UNLOAD_H
#define _EARLYMOD_SELFTEST_UNLOAD_H

/* linked: x * 7; fallback: -ENODEV */
int earlymod_unload_call(int x);
/* exported to loadable modules: x + EARLYMOD_UNLOAD_VALUE */
int earlymod_unload_export(int x);
#define EARLYMOD_UNLOAD_VALUE	4242

#endif
