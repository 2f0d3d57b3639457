/* SPDX-License-Identifier: GPL-2.0 */
/* Host shim (tests/unit/kshim/README): the test owns the initrd. */
#ifndef KSHIM_INITRD_H
#define KSHIM_INITRD_H
extern unsigned long initrd_start, initrd_end;
extern unsigned long phys_initrd_start, phys_initrd_size;
#endif
