// SPDX-License-Identifier: GPL-2.0-only
/*
 * earlymod unload fixture.  A TEST FIXTURE, not a backend: it goes into its
 * own test pack (build/earlymod-unload.img) and proves that a linked entry
 * can leave again, as a module with an exit does:
 *
 *   - vmlinux calls earlymod_unload_call() from run-time code
 *     (/sys/kernel/earlymod_unload_test, earlymod/selftest_check.c): the
 *     answer is the fixture's while it is linked, the fallback's after;
 *   - earlymod_unload_export() is used by tests/kmod/earlymod_user.ko, which
 *     blocks the removal while it is loaded;
 *   - its exit runs on rmmod, and its pages, with the ballast below, go
 *     back to the page allocator.
 */
#define pr_fmt(fmt) "earlymod-unload: " fmt

#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include "unload.h"

/* bss that must come back on unload: enough pages to see in MemFree */
static char st_ballast[16 * PAGE_SIZE] __aligned(PAGE_SIZE);
static int st_calls;

int earlymod_unload_call(int x)
{
	st_calls++;
	return x * 7;
}

int earlymod_unload_export(int x)
{
	return x + EARLYMOD_UNLOAD_VALUE;
}
EXPORT_SYMBOL_GPL(earlymod_unload_export);

static int __init st_unload_init(void)
{
	memset(st_ballast, 0x5a, sizeof(st_ballast));
	pr_info("linked, %zu bytes of ballast\n", sizeof(st_ballast));
	return 0;
}
module_init(st_unload_init);

static void __exit st_unload_exit(void)
{
	pr_info("exit: vmlinux called in %d times, ballast %s\n", st_calls,
		st_ballast[sizeof(st_ballast) - 1] == 0x5a ? "intact" : "DAMAGED");
}
module_exit(st_unload_exit);

MODULE_DESCRIPTION("earlymod test fixture: a linked entry that can be unloaded");
MODULE_LICENSE("GPL");
