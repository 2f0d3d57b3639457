// SPDX-License-Identifier: GPL-2.0-only
/*
 * earlymod hypervisor-stage fixture.  A TEST FIXTURE, not a backend: it is
 * in the test pack, links only when asked for (earlymod=selftest-hv; it is
 * on demand), and proves in a booted kernel what the guest backends rely
 * on:
 *
 *   - linked at the hypervisor stage, before memblock knows any memory:
 *     its early param (earlymod_selftest_hv, run when the entry is linked)
 *     sees memblock_phys_mem_size() == 0, which holds only before
 *     e820__memblock_setup();
 *   - per-CPU data of an entry linked that early: the template value
 *     reaches every CPU, and each CPU then keeps its own value;
 *   - vmlinux calling a function defined here through the fallback
 *     mechanism (earlymod/selftest_check.c).
 *
 * Each check prints "earlymod-selftest-hv: PASS name" or "... FAIL name: why".
 */
#define pr_fmt(fmt) "earlymod-selftest-hv: " fmt

#include <linux/cpumask.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/memblock.h>
#include <linux/percpu.h>
#include <linux/smp.h>
#include "hv.h"

#define HV_SEED		0x4876		/* "Hv" */
#define HV_MINE(cpu)	(0x10000UL + (cpu))

static DEFINE_PER_CPU(unsigned long, hv_pcpu) = HV_SEED;
static bool hv_param_seen;
static phys_addr_t hv_mem_at_link;

static int __init hv_param(char *s)
{
	hv_param_seen = true;
	hv_mem_at_link = memblock_phys_mem_size();
	return 0;
}
early_param("earlymod_selftest_hv", hv_param);

int earlymod_selftest_hv_call(int x)
{
	return x * 9;
}

/* On each CPU: the template's value must be there; then its own. */
static void hv_mark(void *unused)
{
	if (this_cpu_read(hv_pcpu) == HV_SEED)
		this_cpu_write(hv_pcpu, HV_MINE(smp_processor_id()));
}

static int __init hv_check(void)
{
	unsigned int cpu, n = 0, bad = 0;

	if (!hv_param_seen)
		pr_info("FAIL stage: earlymod_selftest_hv not seen at link time\n");
	else if (hv_mem_at_link)
		pr_info("FAIL stage: linked when memblock had %pa bytes of memory\n",
			&hv_mem_at_link);
	else
		pr_info("PASS stage: linked before memblock knew any memory\n");

	on_each_cpu(hv_mark, NULL, 1);
	for_each_online_cpu(cpu) {
		n++;
		if (per_cpu(hv_pcpu, cpu) != HV_MINE(cpu)) {
			pr_info("FAIL per-cpu: CPU %u holds %#lx\n", cpu,
				per_cpu(hv_pcpu, cpu));
			bad++;
		}
	}
	if (!bad)
		pr_info("PASS per-cpu: %u CPUs, the template's value on each, then each its own\n",
			n);
	return 0;
}
late_initcall(hv_check);
