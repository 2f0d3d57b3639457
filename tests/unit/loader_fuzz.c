// SPDX-License-Identifier: GPL-2.0
/*
 * tests/unit/loader_fuzz.c: libFuzzer target over the whole loader.
 *
 * Input: one flags byte, then a pack.
 *   FUZZ_FIX_CRCS  recompute the checksums first, so that mutations reach
 *                  the checks behind them instead of dying at the CRC;
 *   FUZZ_PLANT     make the fake vmlinux hold the values the fixups
 *                  expect, so that prepare and commit run to the end;
 *   0x04           pass the test build-id/link_text as expectations;
 *   0x08           select stage by stage instead of all at once;
 *   0x70           which earlymod= value to use.
 *
 * Every entry that selects is laid out into fixed fake regions, relocated,
 * and its fixups prepared (and committed) against a fake vmlinux range.
 * The input is copied into a buffer of exactly its size, so ASan catches
 * any read past the end.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "loader_test.h"

#define HDR_SIZE	96U
#define DESC_SIZE	64U

static struct emld_pack pack;
static const uint8_t build_id[20] = TEST_BUILD_ID_INIT;
static uint8_t text_mem[0x4000], data_mem[0x4000], pcpu_mem[PCPU_SIZE];
static uint8_t vm_buf[VM_SIZE];

static const char *const cmdlines[8] = {
	NULL, "off", "alpha,-beta", "-alpha", "e00,-e01,nosuch,,x",
	"beta", "top,-e03", "-",
};

static uint32_t get32(const uint8_t *p)
{
	uint32_t v;

	memcpy(&v, p, 4);
	return v;
}

static void put32(uint8_t *p, uint32_t v)
{
	memcpy(p, &v, 4);
}

/* The harness's own CRC fixing, bounded by the buffer size. */
static void fix_crcs(uint8_t *buf, size_t size)
{
	uint32_t nr, table, i;

	if (size < HDR_SIZE)
		return;
	nr = get32(buf + 16);
	if (nr > EARLYMOD_MAX_ENTRIES)
		return;
	table = HDR_SIZE + nr * DESC_SIZE;
	if (table > size)
		return;
	for (i = 0; i < nr; i++) {
		uint8_t *d = buf + HDR_SIZE + i * DESC_SIZE;
		uint32_t off = get32(d + 32), len = get32(d + 36);

		if (off <= size && len <= size - off)
			put32(d + 40, earlymod_crc32c(0, buf + off, len));
	}
	put32(buf + 12, 0);
	put32(buf + 12, earlymod_crc32c(0, buf, table));
}

static int is_pc(uint32_t type)
{
	return type == EARLYMOD_R_X86_64_PC32 ||
	       type == EARLYMOD_R_X86_64_PLT32 ||
	       type == EARLYMOD_R_X86_64_PC64;
}

/* Write what each fixup expects to find, where the site is in range. */
static void plant(const struct emld_entry *e)
{
	uint32_t i;

	for (i = 0; i < e->nr_fixups; i++) {
		const struct earlymod_fixup *f = &e->fixups[i];
		uint32_t w = emld_reloc_width(f->type);
		uint64_t site = f->site + KASLR;
		uint64_t v = f->old_value +
			     (f->class == EARLYMOD_CLASS_PERCPU ? 0 : KASLR);

		if (is_pc(f->type))
			v -= site;
		if (f->site < VM_LINK || f->site - VM_LINK > VM_SIZE - w)
			continue;
		memcpy(vm_buf + (f->site - VM_LINK), &v, w);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct emld_expect expect = {
		.build_id = build_id, .build_id_len = 20,
		.link_text = VM_LINK, .link_percpu_end = PCPU_END,
	};
	struct emld_region text = { TEXT_ADDR, text_mem, sizeof(text_mem), 0 };
	struct emld_region rw = { DATA_ADDR, data_mem, sizeof(data_mem), 0 };
	struct emld_region pcpu = { PCPU_ADDR, pcpu_mem, sizeof(pcpu_mem), 0 };
	struct emld_region *map[EARLYMOD_NR_CLASSES];
	struct emld_range range = { VM_LINK + KASLR, VM_SIZE, vm_buf };
	struct emld_vmlinux vm = { .ranges = &range, .nr_ranges = 1 };
	static const char *const kvm[] = { "KVMKVMKVM", NULL };
	/* two PC-relative fields (exception table, jump entry) ... */
	static const struct emld_table_layout rel_pair = {
		EARLYMOD_SPECIAL_EXTABLE, 8, "rel", 2,
		{ { 0, 1, 0, EMLD_TO_ANY_TEXT, 0, 0 }, { 4, 1, 1, EMLD_TO_ANY_TEXT, 0, 0 } } };
	/* ... an absolute one and a conditional one that names as many bytes
	 * as its condition byte says (__setup, alternatives) */
	static const struct emld_table_layout abs_cond = {
		EARLYMOD_SPECIAL_SETUP, 12, "abs", 2,
		{ { 0, 0, 0, EMLD_TO_CORE, 0, 0 }, { 8, 1, 0, EMLD_TO_ANY_TEXT, 1 + 11, 1 + 11 } } };
	struct emld_facts facts = TEST_FACTS_INIT;
	struct emld_error err;
	uint8_t flags, *buf;
	uint32_t i, c, k, pass;

	if (size < 1)
		return 0;
	flags = data[0];
	data++;
	size--;
	buf = malloc(size ? size : 1);
	if (!buf)
		return 0;
	memcpy(buf, data, size);
	if (flags & FUZZ_FIX_CRCS)
		fix_crcs(buf, size);

	if (emld_pack_validate(&pack, buf, size, flags & 0x04 ? &expect : NULL,
			       &err))
		goto out;
	for (i = 0; i < pack.nr_entries; i++)
		emld_entry_validate(&pack, i, &err);

	facts.cmdline = cmdlines[(flags >> 4) & 7];
	facts.hypervisors = flags & 0x80 ? kvm : NULL;
	for (c = 0; c < EARLYMOD_NR_CLASSES; c++)
		map[c] = &rw;
	map[EARLYMOD_CLASS_TEXT] = &text;
	map[EARLYMOD_CLASS_INIT_TEXT] = &text;
	map[EARLYMOD_CLASS_PERCPU] = &pcpu;
	memset(vm_buf, 0xcc, sizeof(vm_buf));

	for (pass = 0; pass < 2; pass++) {
		uint32_t stage = 0;

		if (flags & 0x08)
			stage = pass ? EARLYMOD_STAGE_PLATFORM :
				       EARLYMOD_STAGE_HYPERVISOR;
		else if (pass)
			break;
		if (emld_select(&pack, &facts, stage, &err) < 0)
			goto out;
		for (i = 0; i < pack.nr_order; i++) {
			struct emld_entry *e = &pack.entries[pack.order[i]];

			if (emld_layout(e, map, &err))
				continue;
			if (emld_relocate(e, KASLR, &err)) {
				emld_layout_undo(e);
				continue;
			}
			if (flags & FUZZ_PLANT)
				plant(e);
			/* every table, as records of both shapes the kernel has */
			for (k = 0; k < e->nr_specials; k++) {
				emld_check_contents(e, &e->specials[k], &rel_pair);
				emld_check_contents(e, &e->specials[k], &abs_cond);
			}
			if (emld_fixups_prepare(e, &vm, &err)) {
				emld_layout_undo(e);
				continue;
			}
			emld_fixups_commit(e, &vm);
		}
	}
out:
	free(buf);
	return 0;
}
