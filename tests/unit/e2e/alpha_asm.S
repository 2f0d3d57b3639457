/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The relocation types the compiler does not emit for kernel code on its
 * own: R_X86_64_32 (zero-extended absolute) and R_X86_64_PC64.  Together
 * with alpha.c the entry has all of 64, 32, 32S, PC32, PLT32 and PC64.
 */
	.section .rodata, "a"
	.balign 8
	.globl em_alpha_abs32_host
	.type em_alpha_abs32_host, @object
	.size em_alpha_abs32_host, 4
em_alpha_abs32_host:
	.long host_value		/* R_X86_64_32 against vmlinux data */
	.globl em_alpha_abs32_self
	.type em_alpha_abs32_self, @object
	.size em_alpha_abs32_self, 4
em_alpha_abs32_self:
	.long em_alpha_data		/* R_X86_64_32 against own data */
	.globl em_alpha_pc64_host
	.type em_alpha_pc64_host, @object
	.size em_alpha_pc64_host, 8
em_alpha_pc64_host:
	.quad host_add - .		/* R_X86_64_PC64 against vmlinux text */
	.globl em_alpha_pc64_self
	.type em_alpha_pc64_self, @object
	.size em_alpha_pc64_self, 8
em_alpha_pc64_self:
	.quad em_alpha_compute - .	/* R_X86_64_PC64 against own text */

	.section .note.GNU-stack, "", @progbits
