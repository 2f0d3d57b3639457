// SPDX-License-Identifier: GPL-2.0
/*
 * Only when a kernel has been built (VMLINUX set): an entry that defines
 * _printk and jiffies, so that every vmlinux reference to them becomes a
 * fixup, and `verify` checks each site against the real vmlinux's bytes.
 * Never loaded; it exercises the fallback convention at kernel scale.
 */
#include <linux/earlymod.h>

EARLYMOD_ENTRY_FLAGS("real-printk", "1", PLATFORM, EARLYMOD_F_TEST, 0, 0);

int _printk(const char *fmt, ...)
{
	(void)fmt;
	return 0;
}

unsigned long jiffies;
