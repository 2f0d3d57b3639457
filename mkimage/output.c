// SPDX-License-Identifier: GPL-2.0
/*
 * mkearlymod: files in and out, and the newc cpio wrapper.
 *
 * The wrapper follows the early-microcode convention: an uncompressed newc
 * archive with the directories first, then the one file, then the trailer.
 * Everything that could vary between runs is fixed: mtime 0, uid/gid 0,
 * inode numbers 1, 2, 3 in archive order, device numbers 0.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cpio.h"
#include "mkearlymod.h"

/* Write to PATH.XXXXXX next to the target, then rename over it. */
int write_file_atomic(const char *path, const void *p, size_t n)
{
	size_t tlen = strlen(path) + 8;
	char *tmp = xzalloc(tlen);
	const char *q = p;
	int fd;

	snprintf(tmp, tlen, "%s.XXXXXX", path);
	fd = mkstemp(tmp);
	if (fd < 0) {
		fprintf(stderr, "mkearlymod: %s: %s\n", tmp, strerror(errno));
		free(tmp);
		return -1;
	}
	while (n) {
		ssize_t w = write(fd, q, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			goto fail;
		q += w;
		n -= (size_t)w;
	}
	if (fchmod(fd, 0644) || fsync(fd) || close(fd)) {
		fd = -1;
		goto fail;
	}
	if (rename(tmp, path)) {
		fd = -1;
		goto fail;
	}
	free(tmp);
	return 0;
fail:
	fprintf(stderr, "mkearlymod: %s: %s\n", path, strerror(errno));
	if (fd >= 0)
		close(fd);
	unlink(tmp);
	free(tmp);
	return -1;
}

int read_file(const char *path, uint8_t **p, size_t *n)
{
	struct buf b = { 0 };
	char chunk[65536];
	ssize_t r;
	int fd;

	fd = open(path, O_RDONLY);
	if (fd < 0) {
		fprintf(stderr, "mkearlymod: %s: %s\n", path, strerror(errno));
		return -1;
	}
	for (;;) {
		r = read(fd, chunk, sizeof(chunk));
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			fprintf(stderr, "mkearlymod: %s: %s\n", path, strerror(errno));
			close(fd);
			buf_free(&b);
			return -1;
		}
		if (!r)
			break;
		buf_put(&b, chunk, (size_t)r);
		if (b.len > (size_t)EARLYMOD_MAX_PACK_SIZE * 2) {
			fprintf(stderr, "mkearlymod: %s: larger than any pack\n", path);
			close(fd);
			buf_free(&b);
			return -1;
		}
	}
	close(fd);
	*p = b.p;
	*n = b.len;
	return 0;
}

/* --- newc cpio ---------------------------------------------------------- */
static void cpio_member(struct buf *b, unsigned int ino, unsigned int mode,
			unsigned int nlink, const char *name,
			const void *data, size_t size)
{
	char h[CPIO_HDR + 1];

	snprintf(h, sizeof(h),
		 "%s%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X",
		 CPIO_MAGIC, ino, mode, 0, 0, nlink, 0, (unsigned int)size,
		 0, 0, 0, 0, (unsigned int)strlen(name) + 1, 0);
	buf_put(b, h, CPIO_HDR);
	buf_put(b, name, strlen(name) + 1);
	buf_pad(b, 4);
	buf_put(b, data, size);
	buf_pad(b, 4);
}

/* One directory entry for every parent of path, then the file, then the end. */
void cpio_wrap(struct buf *out, const char *path, const void *p, size_t n)
{
	char dir[PATH_MAX];
	unsigned int ino = 1;
	const char *s;

	for (s = strchr(path, '/'); s; s = strchr(s + 1, '/')) {
		snprintf(dir, sizeof(dir), "%.*s", (int)(s - path), path);
		cpio_member(out, ino++, 040755, 2, dir, NULL, 0);
	}
	cpio_member(out, ino, 0100644, 1, path, p, n);
	cpio_member(out, 0, 0, 1, "TRAILER!!!", NULL, 0);
}

