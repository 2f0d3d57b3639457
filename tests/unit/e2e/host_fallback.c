// SPDX-License-Identifier: GPL-2.0
/*
 * The generated fallbacks' stand-in: weak definitions with the entries'
 * names, which the program uses until an entry is linked and its sites
 * are patched.
 */
#include "host.h"

__attribute__((weak, noinline)) int em_alpha_compute(int x)
{
	(void)x;
	return -1;
}

__attribute__((weak)) int em_alpha_data = -7;

__attribute__((weak, noinline)) int em_beta_twice(int x)
{
	(void)x;
	return -2;
}

__attribute__((weak, noinline)) int em_gamma_probe(void)
{
	return -3;
}
