/* SPDX-License-Identifier: GPL-2.0 */
/* Host shim (tests/unit/kshim/README). */
#ifndef KSHIM_PAGE_H
#define KSHIM_PAGE_H
#define PAGE_SIZE	4096UL
#define PAGE_ALIGN(x)	ALIGN((unsigned long)(x), PAGE_SIZE)
/* the direct map of the shim is the identity, as its __pa() */
#define __va(x)		((void *)(unsigned long)(x))
#endif
