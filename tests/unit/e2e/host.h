/* SPDX-License-Identifier: GPL-2.0 */
/* End-to-end test program: what its halves share. */
#ifndef E2E_HOST_H
#define E2E_HOST_H

#include "percpu.h"

/* From percpu.lds: the program's .data..percpu, like vmlinux's. */
extern char __per_cpu_start[], __per_cpu_end[];

extern int host_value;
extern int host_table[4];
extern long host_add_calls;
int host_add(int a, int b);
DECLARE_PER_CPU(int, host_cpu_id);
DECLARE_PER_CPU(unsigned long, host_this_cpu_off);

/* Defined by the entries; the program has fallbacks (host_fallback.c). */
int em_alpha_compute(int x);
extern int em_alpha_data;
int em_beta_twice(int x);
int em_gamma_probe(void);

/* Entry symbols the program only reaches through the pack's SYMS. */

/* host_vm.c */
int vm_call_alpha(int x);
int vm_read_alpha_data(void);
int *vm_alpha_data_addr(void);
int vm_call_beta(int x);
int vm_call_gamma(void);
extern int (*vm_ops[3])(int);
extern long vm_alpha_pc64;
int vm_cpu_id(void);

#endif
