// SPDX-License-Identifier: GPL-2.0
/*
 * Damaged inputs for tests/unit/mkimage.sh that a compiler cannot make.
 *
 *   craft shdr FILE SECTION FIELD VALUE   set one field (size, type, name,
 *                                         offset) of a section header of a
 *                                         64-bit ELF file, in place
 *   craft bigpack PACK OUT                a pack for PACK's vmlinux whose
 *                                         EARLYMOD_MAX_ENTRIES entries each
 *                                         claim classes of almost 4 GiB
 *   craft cpioguard FILE                  cpio_find() on FILE's bytes put
 *                                         just before an unmapped page, so
 *                                         a read past them faults; prints
 *                                         its result
 *
 * Plain C on the file's bytes, no libelf: the point is to write what
 * libelf would not.
 */
#include <elf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "mkimage/cpio.h"
#include "tests/unit/packgen.h"

static void die(const char *msg, const char *arg)
{
	fprintf(stderr, "craft: %s%s%s\n", msg, arg ? ": " : "", arg ? arg : "");
	exit(2);
}

static unsigned char *slurp(const char *path, size_t *n)
{
	unsigned char *p = NULL;
	size_t cap = 0, r;
	FILE *f = fopen(path, "rb");

	if (!f)
		die("cannot open", path);
	*n = 0;
	do {
		cap = cap ? cap * 2 : 65536;
		p = realloc(p, cap);
		if (!p)
			die("out of memory", NULL);
		r = fread(p + *n, 1, cap - *n, f);
		*n += r;
	} while (*n == cap);
	fclose(f);
	return p;
}

static void spill(const char *path, const void *p, size_t n)
{
	FILE *f = fopen(path, "wb");

	if (!f || fwrite(p, 1, n, f) != n || fclose(f))
		die("cannot write", path);
}

static int shdr(const char *path, const char *sec, const char *field,
		const char *value)
{
	unsigned long long v = strtoull(value, NULL, 0);
	Elf64_Shdr *sh, *str;
	Elf64_Ehdr *eh;
	unsigned char *p;
	size_t n, i;

	p = slurp(path, &n);
	eh = (Elf64_Ehdr *)p;
	if (n < sizeof(*eh) || memcmp(p, ELFMAG, SELFMAG) ||
	    p[EI_CLASS] != ELFCLASS64 || eh->e_shoff > n ||
	    (n - eh->e_shoff) / sizeof(*sh) < eh->e_shnum ||
	    eh->e_shstrndx >= eh->e_shnum)
		die("not a 64-bit ELF file with section headers", path);
	sh = (Elf64_Shdr *)(p + eh->e_shoff);
	str = &sh[eh->e_shstrndx];
	for (i = 0; i < eh->e_shnum; i++) {
		if (str->sh_offset + sh[i].sh_name >= n ||
		    strcmp((char *)p + str->sh_offset + sh[i].sh_name, sec))
			continue;
		if (!strcmp(field, "size"))
			sh[i].sh_size = v;
		else if (!strcmp(field, "type"))
			sh[i].sh_type = (Elf64_Word)v;
		else if (!strcmp(field, "name"))
			sh[i].sh_name = (Elf64_Word)v;
		else if (!strcmp(field, "offset"))
			sh[i].sh_offset = v;
		else
			die("unknown field", field);
		spill(path, p, n);
		free(p);
		return 0;
	}
	die("no such section", sec);
	return 2;
}

static int bigpack(const char *in, const char *out)
{
	static struct pg_entry ents[EARLYMOD_MAX_ENTRIES];
	static char names[EARLYMOD_MAX_ENTRIES][16];
	const struct earlymod_pack_header *h;
	struct pg_pack pk = { 0 };
	struct pg_out o;
	unsigned char *p;
	size_t n;
	int i, c;

	p = slurp(in, &n);
	h = (const struct earlymod_pack_header *)p;
	if (n < sizeof(*h))
		die("not a pack", in);
	for (i = 0; i < EARLYMOD_MAX_ENTRIES; i++) {
		snprintf(names[i], sizeof(names[i]), "big%d", i);
		ents[i].name = names[i];
		for (c = 0; c < EARLYMOD_NR_CLASSES; c++) {
			ents[i].classes[c].size = 0xffffe000;
			ents[i].classes[c].align = 4096;
		}
	}
	pk.build_id = h->build_id;
	pk.build_id_size = h->build_id_size;
	pk.link_text = h->link_text;
	pk.link_percpu_end = h->link_percpu_end;
	pk.entries = ents;
	pk.nr_entries = EARLYMOD_MAX_ENTRIES;
	if (pg_build(&pk, &o))
		die("pg_build failed", NULL);
	spill(out, o.buf, o.len);
	pg_free(&o);
	free(p);
	return 0;
}

static int cpioguard(const char *path)
{
	size_t n, pg = (size_t)sysconf(_SC_PAGESIZE), span, len;
	const char *why = "";
	const uint8_t *data;
	unsigned char *p, *m;
	int ret;

	p = slurp(path, &n);
	span = (n + pg - 1) / pg * pg;
	m = mmap(NULL, span + pg, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (m == MAP_FAILED || mprotect(m + span, pg, PROT_NONE))
		die("mmap", NULL);
	memcpy(m + span - n, p, n);
	ret = cpio_find(m + span - n, n, EARLYMOD_CPIO_PATH, &data, &len, &why);
	printf("%d %s\n", ret, ret < 0 ? why : "");
	munmap(m, span + pg);
	free(p);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 3 && !strcmp(argv[1], "cpioguard"))
		return cpioguard(argv[2]);
	if (argc == 6 && !strcmp(argv[1], "shdr"))
		return shdr(argv[2], argv[3], argv[4], argv[5]);
	if (argc == 4 && !strcmp(argv[1], "bigpack"))
		return bigpack(argv[2], argv[3]);
	die("usage: craft shdr FILE SECTION FIELD VALUE | bigpack PACK OUT | cpioguard FILE",
	    NULL);
	return 2;
}
