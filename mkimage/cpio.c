// SPDX-License-Identifier: GPL-2.0
/*
 * Reading a newc cpio archive: finding the pack inside its cpio wrapper.
 * Plain C, no libelf, so that test tools can use it too (tests/qemu/damage.c).
 */
#include <stdint.h>
#include <string.h>

#include "cpio.h"

static int hex8(const uint8_t *p, uint32_t *v)
{
	int i;

	*v = 0;
	for (i = 0; i < 8; i++) {
		uint8_t c = p[i];

		*v <<= 4;
		if (c >= '0' && c <= '9')
			*v |= c - '0';
		else if (c >= 'a' && c <= 'f')
			*v |= c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			*v |= c - 'A' + 10;
		else
			return -1;
	}
	return 0;
}

int cpio_find(const uint8_t *p, size_t n, const char *path,
	      const uint8_t **data, size_t *len, const char **why)
{
	size_t off = 0;

	if (n < 6 || memcmp(p, CPIO_MAGIC, 6))
		return 0;
	for (;;) {
		uint32_t namesize, filesize;
		const char *name;
		size_t left;

		left = n - off;
		if (left < CPIO_HDR || memcmp(p + off, CPIO_MAGIC, 6)) {
			*why = "truncated or damaged cpio archive";
			return -1;
		}
		if (hex8(p + off + 54, &filesize) || hex8(p + off + 94, &namesize)) {
			*why = "bad number in a cpio header";
			return -1;
		}
		left -= CPIO_HDR;
		if (!namesize || namesize > left) {
			*why = "cpio member name outside the archive";
			return -1;
		}
		name = (const char *)p + off + CPIO_HDR;
		if (name[namesize - 1]) {
			*why = "cpio member name not NUL-terminated";
			return -1;
		}
		off += CPIO_HDR + namesize;
		off = (off + 3) & ~(size_t)3;
		if (off > n || filesize > n - off) {
			*why = "cpio member data outside the archive";
			return -1;
		}
		if (!strcmp(name, "TRAILER!!!")) {
			*why = "no " EARLYMOD_CPIO_PATH " in the cpio archive";
			return -1;
		}
		if (!strcmp(name, path)) {
			*data = p + off;
			*len = filesize;
			return 1;
		}
		off += filesize;
		off = (off + 3) & ~(size_t)3;
	}
}
