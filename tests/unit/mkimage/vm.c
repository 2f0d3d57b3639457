// SPDX-License-Identifier: GPL-2.0
/*
 * A small stand-in for vmlinux for the mkimage tests: symbols the entries
 * use, per-CPU data, and fallbacks whose references are of kinds the tool
 * must refuse (a per-CPU initializer, an R_X86_64_32 address).  Linked
 * non-PIE with --emit-relocs, like vmlinux.
 */
__attribute__((section(".data..percpu"))) int host_pcpu = 5;

int host_value = 1;

__attribute__((noinline)) int host_func(int x)
{
	return x + host_value;
}

/* Fallbacks. */
__attribute__((weak, noinline)) int em_good_fn(int x) { return -x; }
__attribute__((weak, noinline)) int em_dup_fn(void) { return -1; }
__attribute__((weak)) int em_pcpu_target = -1;
__attribute__((weak)) int em_abs32_target = -1;

/* Defined here for good: good-gamma.c uses it (EARLYMOD_USE_VMLINUX). */
int em_shared_key = 4;

/* A per-CPU initializer that points at a fallback: cannot be patched. */
__attribute__((section(".data..percpu"))) int *host_pcpu_ptr = &em_pcpu_target;

int *vm_abs32(void);

int main(void)
{
	return em_good_fn(1) + em_dup_fn() + *vm_abs32() + host_func(0) +
	       (host_pcpu_ptr != 0) + em_shared_key;
}
