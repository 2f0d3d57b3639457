// SPDX-License-Identifier: GPL-2.0-only
/*
 * An entry's module record: linked into every .eko (earlymod/Makefile.eko),
 * never into vmlinux.  The entry's objects are compiled as built-in code
 * with __EARLYMOD_ENTRY, so their THIS_MODULE is &__this_module, as a
 * loadable module's is (patches/0007): the owner of what the entry registers
 * (IOMMU ops, drivers) is the entry's module.  earlymod/module.c fills the
 * record in at boot; the pack carries it as the table ".data..this_module".
 */
#include <linux/module.h>

struct module __this_module __section(".data..this_module") __used;
