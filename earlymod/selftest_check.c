// SPDX-License-Identifier: GPL-2.0-only
/*
 * The vmlinux side of the test fixtures.  The selftest fixture
 * (earlymod/selftest/) and the hypervisor-stage one (earlymod/selftest-hv/):
 * calls a function and reads data that they define, at boot.  The unload fixture (earlymod/selftest-unload/): calls a function of
 * it whenever /sys/kernel/earlymod_unload_test is read, so that the answer
 * shows whether vmlinux reaches the fixture or its fallback, before and
 * after the fixture is unloaded.  vmlinux links against the fallbacks
 * (earlymod/entries/NAME-fallback.c); linking a fixture repoints the
 * references.
 */
#define pr_fmt(fmt) "earlymod-selftest: " fmt

#include <linux/errno.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/kobject.h>
#include <linux/sysfs.h>
#include "selftest/selftest.h"
#include "selftest-unload/unload.h"
#include "selftest-hv/hv.h"

DEFINE_STATIC_KEY_FALSE(earlymod_selftest_vmlinux_key);

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

	/* the hypervisor-stage fixture (earlymod/selftest-hv/) */
	r = earlymod_selftest_hv_call(7);
	if (r == 63)
		pr_info("PASS fallback-hv: vmlinux reaches the entry linked at the hypervisor stage\n");
	else if (r == -ENODEV)
		pr_info("PASS fallback-hv: entry absent, the fallback answered\n");
	else
		pr_info("FAIL fallback-hv: call %d\n", r);
	return 0;
}
late_initcall(selftest_check);

static ssize_t unload_test_show(struct kobject *kobj, struct kobj_attribute *attr,
				char *buf)
{
	return sysfs_emit(buf, "%d\n", earlymod_unload_call(6));
}
static struct kobj_attribute unload_test_attr = __ATTR_RO(unload_test);

static int __init unload_test_init(void)
{
	unload_test_attr.attr.name = "earlymod_unload_test";
	return sysfs_create_file(kernel_kobj, &unload_test_attr.attr);
}
late_initcall(unload_test_init);
