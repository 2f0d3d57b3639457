// SPDX-License-Identifier: GPL-2.0-only
/* What vmlinux finds in place of the hypervisor-stage fixture while it is absent. */
#include <linux/errno.h>
#include <linux/earlymod.h>
#include "../selftest-hv/hv.h"

EARLYMOD_FALLBACK_RET(int, earlymod_selftest_hv_call, (int x), -ENODEV);
