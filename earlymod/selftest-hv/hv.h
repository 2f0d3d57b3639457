/* SPDX-License-Identifier: GPL-2.0-only */
/* The hypervisor-stage fixture's interface: what vmlinux calls in it. */
#ifndef _EARLYMOD_SELFTEST_HV_H
#define _EARLYMOD_SELFTEST_HV_H

/* linked: x * 9; fallback: -ENODEV */
int earlymod_selftest_hv_call(int x);

#endif
