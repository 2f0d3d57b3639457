// SPDX-License-Identifier: GPL-2.0
/*
 * The "vmlinux" half of the end-to-end test program.  Compiled with the
 * kernel code model like the kernel, so its references to the entries'
 * symbols are the kernel's kinds: PLT32 calls, PC32 loads, 32S address
 * immediates, R_X86_64_64 pointers in data, and (from the asm below) PC64.
 * The program is linked with --emit-relocs; mkearlymod turns every
 * relocation against a fallback (host_fallback.c) into a fixup.
 */
#include "host.h"

/* What the entries call and read. */
int host_value = 1000;
int host_table[4] = { 10, 20, 30, 40 };
long host_add_calls;

__attribute__((noinline)) int host_add(int a, int b)
{
	host_add_calls++;
	return a + b;
}

DEFINE_PER_CPU(int, host_cpu_id);
DEFINE_PER_CPU(unsigned long, host_this_cpu_off);

/* The sites that refer to the entries (patched when they are linked). */
__attribute__((noinline)) int vm_call_alpha(int x)
{
	return em_alpha_compute(x) + 0;		/* PLT32 */
}

__attribute__((noinline)) int vm_read_alpha_data(void)
{
	return em_alpha_data;			/* PC32 */
}

__attribute__((noinline)) int *vm_alpha_data_addr(void)
{
	return &em_alpha_data;			/* 32S */
}

__attribute__((noinline)) int vm_call_beta(int x)
{
	return em_beta_twice(x) + 0;		/* PLT32 */
}

__attribute__((noinline)) int vm_call_gamma(void)
{
	return em_gamma_probe() + 0;		/* PLT32, never patched */
}

int (*vm_ops[3])(int) = {			/* R_X86_64_64 ×2 */
	em_alpha_compute, em_beta_twice, 0,
};

/* PC64 */
asm(".pushsection .data, \"aw\"\n"
    ".balign 8\n"
    ".globl vm_alpha_pc64\n"
    "vm_alpha_pc64: .quad em_alpha_compute - .\n"
    ".popsection\n");

/* The current CPU's copy of a per-CPU variable of the program. */
static void *this_cpu_ptr_vm(void *var)
{
	unsigned long base;

	asm volatile("movq %%gs:(%1), %0" : "=r" (base)
		     : "r" ((char *)&host_this_cpu_off - __per_cpu_start));
	return (char *)base + ((char *)var - __per_cpu_start);
}

int vm_cpu_id(void)
{
	return *(int *)this_cpu_ptr_vm(&host_cpu_id);
}
