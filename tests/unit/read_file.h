/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Host-side helper shared by test and bench programs: read a whole file
 * into an 8-byte aligned buffer (the loader requires an aligned pack).
 * Exits with a message on any failure; these are test programs.
 */
#ifndef _EARLYMOD_TESTS_READ_FILE_H
#define _EARLYMOD_TESTS_READ_FILE_H

#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

static inline uint8_t *read_file_aligned(const char *path, size_t *len)
{
	struct stat st;
	uint8_t *p;
	int fd = open(path, O_RDONLY);

	if (fd < 0 || fstat(fd, &st)) {
		perror(path);
		exit(1);
	}
	p = aligned_alloc(8, ((size_t)st.st_size + 7) & ~(size_t)7);
	if (!p || read(fd, p, (size_t)st.st_size) != st.st_size) {
		perror(path);
		exit(1);
	}
	close(fd);
	*len = (size_t)st.st_size;
	return p;
}

#endif
