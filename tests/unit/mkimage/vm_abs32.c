// SPDX-License-Identifier: GPL-2.0
/* Compiled with the small code model: &sym is an R_X86_64_32 immediate. */
extern int em_abs32_target;

int *vm_abs32(void)
{
	return &em_abs32_target;
}
