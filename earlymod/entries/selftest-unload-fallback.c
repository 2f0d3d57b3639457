// SPDX-License-Identifier: GPL-2.0-only
/* What vmlinux finds in place of the unload fixture while it is absent or gone. */
#include <linux/errno.h>
#include <linux/earlymod.h>
#include "../selftest-unload/unload.h"

EARLYMOD_FALLBACK_RET(int, earlymod_unload_call, (int x), -ENODEV);
