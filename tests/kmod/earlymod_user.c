// SPDX-License-Identifier: GPL-2.0-only
/*
 * A loadable module that uses an export of a linked entry: the unload
 * fixture's earlymod_unload_export().  Built by the tests against
 * build/kernel (tests/kmod/kmod.mk), loaded by the guest's init
 * (report.actions=insmod:...): it resolves through the module code's own
 * symbol search and makes the fixture's module its user.
 */
#include <linux/init.h>
#include <linux/module.h>
#include "unload.h"

static int __init earlymod_user_init(void)
{
	int v = earlymod_unload_export(7);

	pr_info("earlymod-user: earlymod_unload_export(7) = %d (%s)\n", v,
		v == 7 + EARLYMOD_UNLOAD_VALUE ? "as expected" : "WRONG");
	return 0;
}
module_init(earlymod_user_init);

static void __exit earlymod_user_exit(void)
{
}
module_exit(earlymod_user_exit);

MODULE_DESCRIPTION("earlymod test: a user of a linked entry's export");
MODULE_LICENSE("GPL");
