// SPDX-License-Identifier: GPL-2.0
/*
 * End-to-end entry "alpha": calls and data both ways, per-CPU data (its own
 * and the program's), an initcall, and with alpha_asm.S every relocation
 * type the loader supports.  Built like a backend: kernel code model, ld -r.
 */
#include <linux/earlymod.h>
#include "percpu.h"

EARLYMOD_ENTRY("alpha", "1.0", PLATFORM);

/* The program ("vmlinux") side. */
extern int host_add(int a, int b);
extern int host_value;
extern int host_table[4];
DECLARE_PER_CPU(int, host_cpu_id);
DECLARE_PER_CPU(unsigned long, host_this_cpu_off);

/* vmlinux has weak fallbacks of these two; its references get patched. */
int em_alpha_data = 42;

int em_alpha_compute(int x)
{
	return host_add(x, host_value) + em_alpha_data;
}

/* This entry's own per-CPU variable, with an initial value per CPU. */
DEFINE_PER_CPU(int, alpha_pcpu) = 7;

/* %gs:host_cpu_id (PC32 to a vmlinux per-CPU offset), %gs:alpha_pcpu (own) */
int em_alpha_cpu(void)
{
	return this_cpu_read_4(host_cpu_id) * 100 + this_cpu_read_4(alpha_pcpu);
}

void em_alpha_cpu_add(int n)
{
	this_cpu_add_4(alpha_pcpu, n);
}

/* The address form: $alpha_pcpu (32S to a per-CPU offset) + this CPU's base. */
int *em_alpha_pcpu_ptr(void)
{
	return (int *)((unsigned long)&alpha_pcpu +
		       this_cpu_read_8(host_this_cpu_off));
}

/* 32S against vmlinux data: the kernel code model's address immediates. */
int *em_alpha_table_slot(void)
{
	return &host_table[1];
}

/* R_X86_64_64 in .data: one to vmlinux, one local. */
int *em_alpha_host_ptr = &host_value;
int (*em_alpha_self_ptr)(int) = em_alpha_compute;

/* An initcall (level 3, .initcall3.init, PC32 as in the kernel) in .init.text */
int em_alpha_init_ran;

__attribute__((section(".init.text"), used, noinline))
static int alpha_init(void)
{
	em_alpha_init_ran++;
	em_alpha_data += 1000;
	return 0;
}

asm(".pushsection .initcall3.init, \"a\"\n"
    ".balign 4\n"
    ".long alpha_init - .\n"
    ".popsection\n");
