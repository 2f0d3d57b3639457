/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tests/unit/loader_test.h: what the loader test files share.
 */
#ifndef _EARLYMOD_LOADER_TEST_H
#define _EARLYMOD_LOADER_TEST_H

#include <stdint.h>
#include "loader/loader.h"
#include "packgen.h"

/* A fake vmlinux: link-time addresses, the KASLR offset the tests use. */
#define VM_LINK		0xffffffff81000000ULL
#define VM_SIZE		0x1000U
#define KASLR		0x3000000ULL
#define PCPU_END	0x1fb58ULL

/* Where the test regions sit at run time. */
#define TEXT_ADDR	0xffffffffa0000000ULL
#define DATA_ADDR	0xffffffffa0100000ULL
#define PCPU_ADDR	0x20000ULL
#define REGION_SIZE	0x10000U
#define PCPU_SIZE	0x2000U

#define TEST_BUILD_ID_INIT {					\
	0x3f, 0x2a, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88,	\
	0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff, 0x01, 0x02, 0x03,	\
}
#define TEST_FACTS_INIT {						\
	.cpu_vendor = "GenuineIntel",					\
	.acpi_tables = "APICFACPDMAR",					\
}

extern uint8_t vm_mem[VM_SIZE];
extern const uint8_t test_build_id[20];

/* Results: `ok NAME` or `not ok NAME - why`. */
void report(const char *name, int ok, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* The standard regions: text (TEXT, INIT_TEXT), data, per-CPU template. */
struct test_regions {
	struct emld_region text, data, pcpu;
	struct emld_region *map[EARLYMOD_NR_CLASSES];
};
void regions_reset(struct test_regions *r);

/* The fake vmlinux the fixups patch. */
void vm_reset(void);
void vm_plant(const struct earlymod_fixup *f, uint32_t n, uint64_t kaslr);
const struct emld_vmlinux *test_vm(void);

/* The good two-entry pack (alpha; beta depends on alpha). */
struct pg_pack *base_pack(void);
void base_build(struct pg_out *o);
extern const struct earlymod_fixup base_fixups[3];
#define BASE_NR_RELOCS	5

/* Pipeline: validate, validate entries, select, then link in order. */
enum step {
	ST_DONE = 0, ST_PACK, ST_ENTRY, ST_SELECT, ST_LAYOUT, ST_RELOC,
	ST_PREPARE,
};
struct run_result {
	enum step step;
	struct emld_error err;
};
int run_pipeline(struct emld_pack *pack, const void *buf, size_t len,
		 const struct emld_facts *facts, struct test_regions *regs,
		 struct run_result *res);
extern const struct emld_facts default_facts;
const char *step_name(enum step s);

/* The damaged-pack corpus (loader_corpus.c). */
void run_corpus(void);
void write_corpus_seeds(const char *dir, int *n);
void write_seed(const char *dir, const char *name, const uint8_t *buf,
		uint32_t len, uint8_t flags);

/* Fuzzer input: one flags byte, then the pack. */
#define FUZZ_FIX_CRCS	0x01	/* recompute CRCs before validating */
#define FUZZ_PLANT	0x02	/* make vmlinux hold the expected old values */

#endif /* _EARLYMOD_LOADER_TEST_H */
