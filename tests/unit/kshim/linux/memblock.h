/* SPDX-License-Identifier: GPL-2.0 */
/* Host shim (tests/unit/kshim/README): frees are recorded by the test. */
#ifndef KSHIM_MEMBLOCK_H
#define KSHIM_MEMBLOCK_H
void memblock_phys_free(unsigned long base, unsigned long size);
#define __pa(x)	((unsigned long)(x))
#endif
