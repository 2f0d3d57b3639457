// SPDX-License-Identifier: GPL-2.0-only
/*
 * The vmlinux side of the selftest fixture (earlymod/selftest/): calls a
 * function and reads data that the fixture defines.  vmlinux links against
 * the fallbacks (earlymod/entries/selftest-fallback.c); linking the fixture
 * repoints both references.  Either way exactly one consistent answer must
 * come back.
 */
#define pr_fmt(fmt) "earlymod-selftest: " fmt

#include <linux/errno.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include "selftest/selftest.h"

static int __init selftest_check(void)
{
	int r = earlymod_selftest_call(7), v = earlymod_selftest_value;

	if (r == 42 && v == EARLYMOD_SELFTEST_VALUE)
		pr_info("PASS fallback: vmlinux reaches the linked entry (call %d, data %d)\n",
			r, v);
	else if (r == -ENODEV && v == -1)
		pr_info("PASS fallback: entry absent, the fallbacks answered (call %d, data %d)\n",
			r, v);
	else
		pr_info("FAIL fallback: inconsistent call %d, data %d\n", r, v);
	return 0;
}
late_initcall(selftest_check);
