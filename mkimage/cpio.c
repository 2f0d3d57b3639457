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

/* The fields after the magic, in header order, as in lib/earlycpio.c. */
enum {
	C_INO, C_MODE, C_UID, C_GID, C_NLINK, C_MTIME, C_FILESIZE,
	C_MAJ, C_MIN, C_RMAJ, C_RMIN, C_NAMESIZE, C_CHKSUM, C_NFIELDS
};

#define CPIO_ALIGN4(x)	(((x) + 3) & ~(size_t)3)

/* newc without and with checksums, as the kernel takes both. */
static int cpio_magic(const uint8_t *p)
{
	return !memcmp(p, CPIO_MAGIC, 6) || !memcmp(p, "070702", 6);
}

/*
 * Every size is compared with the bytes left after OFF, never added to a
 * pointer first; OFF stays 4-aligned and within the archive.
 */
int cpio_find_at(const uint8_t *p, size_t n, const char *path,
		 const uint8_t **data, size_t *len, const char **why,
		 size_t *at)
{
	size_t off = 0;

	*at = 0;
	if (n < 6 || !cpio_magic(p))
		return 0;
	for (;;) {
		uint32_t f[C_NFIELDS];
		size_t left = n - off, name_end, data_end;
		const char *name;
		int i;

		*at = off;
		if (!left) {
			*why = "cpio archive without a trailer";
			return -1;
		}
		if (left < CPIO_HDR || !cpio_magic(p + off)) {
			*why = "truncated or damaged cpio header";
			return -1;
		}
		for (i = 0; i < C_NFIELDS; i++) {
			if (hex8(p + off + 6 + 8 * i, &f[i])) {
				*at = off + 6 + 8 * i;
				*why = "cpio header field not 8 hex digits";
				return -1;
			}
		}
		/* The name, then the data, each padded to 4 within the archive. */
		if (!f[C_NAMESIZE] || f[C_NAMESIZE] > left - CPIO_HDR ||
		    CPIO_ALIGN4(CPIO_HDR + (size_t)f[C_NAMESIZE]) > left) {
			*why = "cpio member name outside the archive";
			return -1;
		}
		name_end = CPIO_ALIGN4(CPIO_HDR + (size_t)f[C_NAMESIZE]);
		name = (const char *)p + off + CPIO_HDR;
		if (memchr(name, 0, f[C_NAMESIZE]) != name + f[C_NAMESIZE] - 1) {
			*why = "cpio member name not NUL-terminated at its namesize";
			return -1;
		}
		if (f[C_FILESIZE] > left - name_end ||
		    CPIO_ALIGN4((size_t)f[C_FILESIZE]) > left - name_end) {
			*why = "cpio member data outside the archive";
			return -1;
		}
		data_end = name_end + CPIO_ALIGN4((size_t)f[C_FILESIZE]);
		if (!strcmp(name, "TRAILER!!!")) {
			*why = "no " EARLYMOD_CPIO_PATH " in the cpio archive";
			return -1;
		}
		if (!strcmp(name, path)) {
			if ((f[C_MODE] & 0170000) != 0100000) {
				*why = EARLYMOD_CPIO_PATH " is not a regular file";
				return -1;
			}
			*data = p + off + name_end;
			*len = f[C_FILESIZE];
			return 1;
		}
		off += data_end;
	}
}

int cpio_find(const uint8_t *p, size_t n, const char *path,
	      const uint8_t **data, size_t *len, const char **why)
{
	size_t at;

	return cpio_find_at(p, n, path, data, len, why, &at);
}
