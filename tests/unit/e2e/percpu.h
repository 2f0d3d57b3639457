/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Per-CPU variables for the end-to-end test, in the kernel's x86-64 form:
 * variables live in .data..percpu, code reaches the current CPU's copy
 * through %gs.  In an entry (kernel code model) a variable's link value is
 * its 0-based per-CPU offset, so `%gs:var(%rip)` (PC32) works as in the
 * kernel.  The test program ("vmlinux") is an ordinary executable whose
 * .data..percpu is not at 0, so it addresses by (&var - __per_cpu_start).
 */
#ifndef E2E_PERCPU_H
#define E2E_PERCPU_H

#define DEFINE_PER_CPU(type, name) \
	__attribute__((section(".data..percpu"))) __typeof__(type) name
#define DECLARE_PER_CPU(type, name) extern __typeof__(type) name

/* Entry side: the kernel's this_cpu_read()/this_cpu_write() for ints/longs. */
#define this_cpu_read_4(var) ({						\
	int __v;							\
	asm volatile("movl %%gs:%1, %0" : "=r" (__v) : "m" (var));	\
	__v; })
#define this_cpu_read_8(var) ({						\
	unsigned long __v;						\
	asm volatile("movq %%gs:%1, %0" : "=r" (__v) : "m" (var));	\
	__v; })
#define this_cpu_add_4(var, n)						\
	asm volatile("addl %1, %%gs:%0" : "+m" (var) : "ri" (n))

#endif
