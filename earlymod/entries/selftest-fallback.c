// SPDX-License-Identifier: GPL-2.0-only
/* What vmlinux finds in place of the selftest fixture while it is absent. */
#include <linux/errno.h>
#include <linux/earlymod.h>
#include "../selftest/selftest.h"

EARLYMOD_FALLBACK_RET(int, earlymod_selftest_call, (int x), -ENODEV);
int earlymod_selftest_value = -1;
