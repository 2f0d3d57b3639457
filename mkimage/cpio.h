/* SPDX-License-Identifier: GPL-2.0 */
/* Reading a newc cpio archive (mkimage/cpio.c). */
#ifndef MKIMAGE_CPIO_H
#define MKIMAGE_CPIO_H

#include <stddef.h>
#include <stdint.h>
#include <linux/earlymod.h>

#define CPIO_MAGIC	"070701"
#define CPIO_HDR	110	/* header bytes before the name */

/*
 * Find the member PATH in the cpio archive at the start of P: 1 found
 * (*data, *len), 0 not a cpio archive, -1 damaged or missing (*why).
 */
int cpio_find(const uint8_t *p, size_t n, const char *path,
	      const uint8_t **data, size_t *len, const char **why);
/* The same, with *at the archive offset that -1 is about. */
int cpio_find_at(const uint8_t *p, size_t n, const char *path,
		 const uint8_t **data, size_t *len, const char **why,
		 size_t *at);

#endif
