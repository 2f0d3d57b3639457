// SPDX-License-Identifier: GPL-2.0
/*
 * Link throughput of the loader, next to the cost of merely reading the
 * same object's relocations with libelf.
 *
 *   linkbench PACK EKO time ITER   wall-clock: one line per step,
 *                                   "step nrelocs iterations nanoseconds"
 *   linkbench PACK EKO read|link|validate 1
 *                                   one run of one step, for callgrind
 *                                   (--toggle-collect=bench_<step>)
 *
 * read:     elf_memory() on the object, every RELA section, gelf_getrela()
 *           of every relocation (the least any ELF-reading linker does)
 * validate: emld_entry_validate() of the pack's entry (every record checked)
 * link:     emld_layout() + emld_relocate() (copy the image, apply every
 *           relocation), then emld_layout_undo() for the next round
 */
#include <fcntl.h>
#include <gelf.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "loader/loader.h"
#include "tests/unit/read_file.h"

static uint8_t *eko;
static size_t eko_len;
static struct emld_pack *pk;
static struct emld_region region;
static struct emld_region *regions[EARLYMOD_NR_CLASSES];
static volatile uint64_t sink;

__attribute__((noinline)) size_t bench_read(void)
{
	Elf *elf = elf_memory((char *)eko, eko_len);
	Elf_Scn *scn = NULL;
	size_t n = 0;

	if (!elf) {
		fprintf(stderr, "elf_memory: %s\n", elf_errmsg(-1));
		exit(1);
	}
	while ((scn = elf_nextscn(elf, scn))) {
		GElf_Shdr sh;
		Elf_Data *d;
		size_t i;

		if (!gelf_getshdr(scn, &sh)) {
			fprintf(stderr, "gelf_getshdr: %s\n", elf_errmsg(-1));
			exit(1);
		}
		if (sh.sh_type != SHT_RELA)
			continue;
		d = elf_getdata(scn, NULL);
		if (!d) {
			fprintf(stderr, "elf_getdata: %s\n", elf_errmsg(-1));
			exit(1);
		}
		for (i = 0; i < sh.sh_size / sizeof(Elf64_Rela); i++) {
			GElf_Rela r;

			if (!gelf_getrela(d, (int)i, &r)) {
				fprintf(stderr, "gelf_getrela: %s\n", elf_errmsg(-1));
				exit(1);
			}
			sink += r.r_offset ^ r.r_info ^ (uint64_t)r.r_addend;
			n++;
		}
	}
	elf_end(elf);
	return n;
}

__attribute__((noinline)) size_t bench_validate(void)
{
	struct emld_error err;

	pk->entries[0].state = EMLD_UNCHECKED;
	if (emld_entry_validate(pk, 0, &err) < 0) {
		fprintf(stderr, "validate: %s\n", err.msg);
		exit(1);
	}
	return pk->entries[0].nr_relocs;
}

__attribute__((noinline)) size_t bench_link(void)
{
	struct emld_entry *e = &pk->entries[0];
	struct emld_error err;

	if (emld_layout(e, regions, &err) < 0 || emld_relocate(e, 0, &err) < 0) {
		fprintf(stderr, "link: %s (pack offset 0x%x)\n", err.msg, err.offset);
		exit(1);
	}
	emld_layout_undo(e);
	region.used = 0;
	return e->nr_relocs;
}

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static void timed(const char *name, size_t (*fn)(void), long iter)
{
	uint64_t best = UINT64_MAX;
	size_t n = 0;
	long i, round;

	/* best of 5 rounds, each ITER runs: the least disturbed figure */
	for (round = 0; round < 5; round++) {
		uint64_t t = now_ns();

		for (i = 0; i < iter; i++)
			n = fn();
		t = now_ns() - t;
		if (t < best)
			best = t;
	}
	printf("%s %zu %ld %llu\n", name, n, iter, (unsigned long long)best);
}

int main(int argc, char **argv)
{
	struct emld_error err;
	uint8_t *pack;
	size_t pack_len;
	uint32_t c, total = 0;
	long iter;

	if (argc != 5) {
		fprintf(stderr, "usage: linkbench PACK EKO time|read|validate|link ITER\n");
		return 2;
	}
	iter = atol(argv[4]);
	pack = read_file_aligned(argv[1], &pack_len);
	eko = read_file_aligned(argv[2], &eko_len);
	if (elf_version(EV_CURRENT) == EV_NONE)
		return 1;
	pk = calloc(1, sizeof(*pk));
	if (!pk || emld_pack_validate(pk, pack, pack_len, NULL, &err) < 0 ||
	    emld_entry_validate(pk, 0, &err) < 0) {
		fprintf(stderr, "%s: invalid pack\n", argv[1]);
		return 1;
	}
	for (c = 0; c < EARLYMOD_NR_CLASSES; c++)
		total += pk->entries[0].classes[c].size +
			 pk->entries[0].classes[c].align;
	/* where an early-module pool would be: within reach of the program */
	region.addr = 0x10000000;
	region.size = total;
	region.ptr = aligned_alloc(4096, (total + 4095) & ~4095u);
	for (c = 0; c < EARLYMOD_NR_CLASSES; c++)
		regions[c] = &region;

	if (!strcmp(argv[3], "time")) {
		timed("read", bench_read, iter);
		timed("validate", bench_validate, iter);
		timed("link", bench_link, iter);
	} else if (!strcmp(argv[3], "read")) {
		bench_read();
	} else if (!strcmp(argv[3], "validate")) {
		bench_validate();
	} else if (!strcmp(argv[3], "link")) {
		bench_link();
	} else {
		return 2;
	}
	free(region.ptr);
	free(pk);
	free(pack);
	free(eko);
	return 0;
}
