// SPDX-License-Identifier: GPL-2.0-only
/*
 * earlymod selftest fixture.  A TEST FIXTURE, not a backend: it goes into
 * the test pack only (build/earlymod-test.img) and proves, in a booted
 * kernel, the parts of linking that the real backends rely on:
 *
 *   - per-CPU variables defined here, with an initial value that must reach
 *     every CPU's copy, and vmlinux per-CPU variables used from here
 *     (cpu_number through smp_processor_id()), on every online CPU;
 *   - vmlinux calling a function and reading data defined here, through the
 *     fallback mechanism (checked from vmlinux by earlymod/selftest_check.c);
 *   - an exception-table fixup taken at run time;
 *   - a static key defined here, and one vmlinux defines, each flipped on
 *     and off at run time (the second through the module code's lists);
 *   - a PCI header fixup, run for every device vmlinux enumerates;
 *   - that all of it ran with the kernel at a randomized (KASLR) address;
 *   - the ORC unwinder walking from this code back into vmlinux;
 *   - early_param and __setup handlers, given on the command line before the
 *     link (earlymod_selftest=N, earlymod_selftest_setup=WORD);
 *   - initcalls at their levels, in order: early, arch, late;
 *   - a paravirt site (.parainstructions) patched by the module code;
 *   - being a module: a WARN() on request (earlymod_selftest_warn) whose
 *     trace names the fixture's functions and module.
 *
 * Each check prints "earlymod-selftest: PASS name" or "... FAIL name: why".
 */
#define pr_fmt(fmt) "earlymod-selftest: " fmt

#include <linux/bug.h>
#include <linux/cpumask.h>
#include <linux/init.h>
#include <linux/jump_label.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/pci.h>
#include <linux/percpu.h>
#include <linux/smp.h>
#include <linux/string.h>
#include <asm/asm.h>
#include <asm/paravirt.h>
#include <asm/setup.h>
#include <asm/unwind.h>
#include "selftest.h"

#define PCPU_SEED	0x5eed

/* initial value in the per-CPU template: every CPU's copy starts with it */
static DEFINE_PER_CPU(unsigned long, st_pcpu) = PCPU_SEED;
static DEFINE_PER_CPU(int, st_seen_cpu);

static DEFINE_STATIC_KEY_FALSE(st_key);

static unsigned long st_early_value;
static int st_pci_fixups;
static char st_setup_word[32];
static unsigned int st_levels;	/* one digit per initcall, in run order */

int earlymod_selftest_value = EARLYMOD_SELFTEST_VALUE;

int earlymod_selftest_call(int x)
{
	return x * 6;
}

/* earlymod_selftest_warn: a WARN() in entry text, traced like module code */
static bool st_warn_wanted;

static int __init st_warn_setup(char *s)
{
	st_warn_wanted = true;
	return 1;
}
__setup("earlymod_selftest_warn", st_warn_setup);

static noinline void st_warn(void)
{
	WARN(1, "earlymod-selftest: warning on request\n");
}

static int __init st_early(char *s)
{
	return s && kstrtoul(s, 0, &st_early_value) ? -EINVAL : 0;
}
early_param("earlymod_selftest", st_early);

static int __init st_setup(char *s)
{
	strscpy(st_setup_word, s, sizeof(st_setup_word));
	return 1;
}
__setup("earlymod_selftest_setup=", st_setup);

static void st_touch(void *unused)
{
	int cpu = smp_processor_id();	/* vmlinux per-CPU cpu_number */

	this_cpu_add(st_pcpu, 1000UL * (cpu + 1));
	this_cpu_write(st_seen_cpu, cpu + 1);
}

static void __init st_percpu(void)
{
	int cpu, n = 0;

	on_each_cpu(st_touch, NULL, 1);
	for_each_online_cpu(cpu) {
		unsigned long v = per_cpu(st_pcpu, cpu);
		int seen = per_cpu(st_seen_cpu, cpu);

		if (v != PCPU_SEED + 1000UL * (cpu + 1) || seen != cpu + 1) {
			pr_info("FAIL per-cpu: cpu %d has value %#lx, saw cpu %d\n",
				cpu, v, seen - 1);
			return;
		}
		n++;
	}
	pr_info("PASS per-cpu: %d CPUs, each its own copy\n", n);
}

static void __init st_extable(void)
{
	unsigned long v = 0, faulted;

	/* a non-canonical address: #GP, and the fixup skips the clear */
	asm volatile("mov $1, %[f]\n"
		     "1: movq (%[p]), %[v]\n"
		     "mov $0, %[f]\n"
		     "2:\n"
		     _ASM_EXTABLE(1b, 2b)
		     : [f] "=&r" (faulted), [v] "+r" (v)
		     : [p] "r" (0x8000000000000000UL)
		     : "memory");
	if (faulted)
		pr_info("PASS extable: fault at a non-canonical address fixed up\n");
	else
		pr_info("FAIL extable: the load did not fault\n");
}

static void st_pci_header_fixup(struct pci_dev *dev)
{
	st_pci_fixups++;
}
DECLARE_PCI_FIXUP_HEADER(PCI_ANY_ID, PCI_ANY_ID, st_pci_header_fixup);

static void __init st_pci(void)
{
	struct pci_dev *dev = NULL;
	int n = 0;

	for_each_pci_dev(dev)
		n++;
	if (n && st_pci_fixups == n)
		pr_info("PASS pci-fixup: header fixup ran for each of %d devices\n", n);
	else
		pr_info("FAIL pci-fixup: ran %d times for %d devices\n",
			st_pci_fixups, n);
}

/* Off, on, off again: what @branch returns as @key is flipped. */
static void __init st_flip(struct static_key_false *key, int (*branch)(void),
			   int seen[3])
{
	seen[0] = branch();
	static_branch_enable(key);
	seen[1] = branch();
	static_branch_disable(key);
	seen[2] = branch();
}

static noinline int st_branch(void)
{
	return static_branch_unlikely(&st_key) ? 1 : 0;
}

static void __init st_static_key(void)
{
	int s[3];

	st_flip(&st_key, st_branch, s);
	if (!s[0] && s[1] && !s[2])
		pr_info("PASS static-key: branch followed the key off, on, off\n");
	else
		pr_info("FAIL static-key: branch went %d, %d, %d for off, on, off\n",
			s[0], s[1], s[2]);
}

/* A key of vmlinux's: the module code keeps this entry's sites on its list. */
static noinline int st_vmlinux_branch(void)
{
	return static_branch_unlikely(&earlymod_selftest_vmlinux_key) ? 1 : 0;
}

static void __init st_vmlinux_key(void)
{
	int s[3];

	st_flip(&earlymod_selftest_vmlinux_key, st_vmlinux_branch, s);
	if (!s[0] && s[1] && !s[2])
		pr_info("PASS static-key-vmlinux: branch on a vmlinux key followed it off, on, off\n");
	else
		pr_info("FAIL static-key-vmlinux: branch went %d, %d, %d for off, on, off\n",
			s[0], s[1], s[2]);
}

/* Unwind from here (entry text) through do_one_initcall() to the top. */
static noinline void __init st_unwind(void)
{
	struct unwind_state state;
	int frames = 0;

	for (unwind_start(&state, current, NULL, NULL); !unwind_done(&state);
	     unwind_next_frame(&state))
		frames++;
	if (!unwind_error(&state) && frames >= 3)
		pr_info("PASS unwind: %d frames from the entry to the top, no error\n",
			frames);
	else
		pr_info("FAIL unwind: %d frames, error %d\n", frames,
			unwind_error(&state));
}

static int __init st_early_initcall(void)
{
	st_levels = st_levels * 10 + 1;
	return 0;
}
early_initcall(st_early_initcall);

static int __init st_arch_initcall(void)
{
	st_levels = st_levels * 10 + 3;
	return 0;
}
arch_initcall(st_arch_initcall);

/*
 * A paravirt site: slow_down_io() calls pv_ops.cpu.io_delay indirectly
 * until module_finalize() (apply_paravirt()) patches the site into a
 * direct call of the function pv_ops holds.
 */
static noinline void st_pv_site(void)
{
	slow_down_io();
}

static void __init st_paravirt(void)
{
	const u8 *p = (const u8 *)st_pv_site;
	unsigned long want = (unsigned long)pv_ops.cpu.io_delay;
	int i;

	st_pv_site();
	for (i = 0; i < 16; i++) {
		s32 rel;

		memcpy(&rel, p + i + 1, sizeof(rel));
		if (p[i] == 0xe8 && (unsigned long)(p + i + 5) + rel == want) {
			pr_info("PASS paravirt: the pv_ops.cpu.io_delay site is a direct call of %ps\n",
				(void *)want);
			return;
		}
	}
	pr_info("FAIL paravirt: st_pv_site() does not call %ps directly\n",
		(void *)want);
}

static int __init st_late_initcall(void)
{
	st_levels = st_levels * 10 + 7;
	WARN_ON_ONCE(!num_online_cpus());	/* a __bug_table entry */

	if (st_levels == 137)
		pr_info("PASS initcalls: early, arch, late in order\n");
	else
		pr_info("FAIL initcalls: ran as %u, expected 137\n", st_levels);
	if (st_early_value)
		pr_info("PASS early_param: earlymod_selftest=%lu\n", st_early_value);
	else
		pr_info("FAIL early_param: earlymod_selftest not seen\n");
	if (st_setup_word[0])
		pr_info("PASS setup: earlymod_selftest_setup=%s\n", st_setup_word);
	else
		pr_info("FAIL setup: earlymod_selftest_setup not seen\n");
	st_percpu();
	st_extable();
	st_static_key();
	st_vmlinux_key();
	st_unwind();
	st_pci();
	st_paravirt();
	if (st_warn_wanted)
		st_warn();
	if (kaslr_enabled() && kaslr_offset())
		pr_info("PASS kaslr: linked against a kernel moved by %#lx\n",
			kaslr_offset());
	else
		pr_info("FAIL kaslr: the kernel runs at its link address\n");
	return 0;
}
late_initcall(st_late_initcall);
