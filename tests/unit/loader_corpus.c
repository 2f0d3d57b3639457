// SPDX-License-Identifier: GPL-2.0
/*
 * tests/unit/loader_corpus.c: good and damaged packs, table-driven.
 *
 * Each case starts from a pack (the base pack unless it has its own
 * builder), pokes up to two fields, recomputes the checksums (unless the
 * damage is the checksum), and runs the whole pipeline.  It expects the
 * first failure at one step with one exact message, errno, pack offset and
 * entry name; good-* cases expect no failure.  Select cases also check one
 * entry's decision reason.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "loader_test.h"

enum at_kind {
	AT_NONE,	/* no offset check */
	AT_ABS,		/* rel is a pack offset */
	AT_DESC,	/* descriptor of entry */
	AT_BODY,	/* body of entry */
	AT_IHDR,	/* item header of (entry, type) */
	AT_ITEM,	/* item payload of (entry, type) */
	AT_END,		/* total_size */
	AT_CUSTOM,	/* what the case's builder returned */
};

struct at {
	uint8_t kind, entry, type;
	uint32_t rel;
};

struct poke {
	struct at at;
	uint8_t width;		/* 0: no poke */
	uint64_t value;
};

struct bad {
	const char *name;
	long (*make)(struct pg_out *o);
	struct poke poke[2];
	unsigned int flags;
	int len_add;
	enum step step;
	int err;
	const char *msg;
	struct at where;
	const char *entry;
	const char *sel_entry, *sel_reason;
};

#define NOFIX		0x1	/* keep the checksums as they are after poking */

#define ABS(r)		{ AT_ABS, 0, 0, (r) }
#define DESC(e, r)	{ AT_DESC, (e), 0, (r) }
#define BODY(e, r)	{ AT_BODY, (e), 0, (r) }
#define IHDR(e, t, r)	{ AT_IHDR, (e), EARLYMOD_ITEM_##t, (r) }
#define ITEM(e, t, r)	{ AT_ITEM, (e), EARLYMOD_ITEM_##t, (r) }
#define END(r)		{ AT_END, 0, 0, (r) }
#define CUSTOM		{ AT_CUSTOM, 0, 0, 0 }
#define P(at, w, v)	{ at, (w), (uint64_t)(v) }

/* struct offsets used in pokes */
#define RELOC(i, f)	((i) * 24 + (f))
#define FIXUP(i, f)	((i) * 32 + (f))
#define SYM(i, f)	((i) * 16 + (f))
#define CLS(c, f)	((c) * 16 + (f))
#define TEXT		EARLYMOD_CLASS_TEXT
#define DATA		EARLYMOD_CLASS_DATA
#define BSS		EARLYMOD_CLASS_BSS

static uint32_t at_off(const struct pg_out *o, struct at a)
{
	switch (a.kind) {
	case AT_ABS:
		return a.rel;
	case AT_DESC:
		return pg_desc(a.entry) + a.rel;
	case AT_BODY:
		return o->entry_off[a.entry] + a.rel;
	case AT_IHDR:
		return o->item_hdr[a.entry][a.type] + a.rel;
	case AT_ITEM:
		return pg_item(o, a.entry, a.type) + a.rel;
	case AT_END:
		return o->len + a.rel;
	}
	return 0;
}

/* -------------------------------------------------------------------------
 * Builders for cases the base pack cannot express by poking
 */
static struct pg_entry ents[PG_MAX_ENTRIES];
static char names[PG_MAX_ENTRIES][16];

static struct pg_pack *pack_of(uint32_t n)
{
	static struct pg_pack p;

	memset(&p, 0, sizeof(p));
	p.build_id = test_build_id;
	p.build_id_size = sizeof(test_build_id);
	p.link_text = VM_LINK;
	p.link_percpu_end = PCPU_END;
	p.entries = ents;
	p.nr_entries = n;
	return &p;
}

static void many(uint32_t n)
{
	uint32_t i;

	memset(ents, 0, sizeof(ents));
	for (i = 0; i < n; i++) {
		snprintf(names[i], sizeof(names[i]), "e%02u", i);
		ents[i].name = names[i];
	}
}

static long make_entries_64(struct pg_out *o)
{
	many(EARLYMOD_MAX_ENTRIES);
	pg_build(pack_of(EARLYMOD_MAX_ENTRIES), o);
	return -1;
}

static long make_entries_65(struct pg_out *o)
{
	many(EARLYMOD_MAX_ENTRIES + 1);
	pg_build(pack_of(EARLYMOD_MAX_ENTRIES + 1), o);
	return -1;
}

static long make_deps(struct pg_out *o, uint32_t nd)
{
	uint32_t i;

	many(nd + 1);
	ents[0].name = "top";
	for (i = 0; i < nd; i++)
		ents[0].deps[i] = names[i + 1];
	ents[0].nr_deps = nd;
	pg_build(pack_of(nd + 1), o);
	return pg_item(o, 0, EARLYMOD_ITEM_DEPS);
}

static long make_deps_8(struct pg_out *o)
{
	return make_deps(o, EARLYMOD_MAX_DEPS);
}

static long make_deps_9(struct pg_out *o)
{
	return make_deps(o, EARLYMOD_MAX_DEPS + 1);
}

static long make_dup_dep(struct pg_out *o)
{
	struct pg_pack *p = base_pack();
	struct pg_entry *b = (struct pg_entry *)&p->entries[1];

	b->deps[1] = "alpha";
	b->nr_deps = 2;
	pg_build(p, o);
	return pg_item(o, 1, EARLYMOD_ITEM_DEPS) + 32;
}

static long make_cycle(struct pg_out *o)
{
	struct pg_pack *p = base_pack();
	struct pg_entry *a = (struct pg_entry *)&p->entries[0];

	a->deps[0] = "beta";
	a->nr_deps = 1;
	pg_build(p, o);
	return -1;
}

/* The biggest pack allowed: one entry whose IMAGE fills it up. */
static long make_max_size(struct pg_out *o, uint32_t extra)
{
	static uint8_t *blob;
	uint32_t body = EARLYMOD_MAX_PACK_SIZE - 96 - 64;
	uint32_t img = body - (16 + 96) - (16 + 128) - 16 + extra;

	blob = realloc(blob, img);
	memset(blob, 0x5a, img);
	many(1);
	ents[0].nr_extra = 1;
	ents[0].extra[0] = (struct pg_item){ EARLYMOD_ITEM_IMAGE, 0, img,
					     blob };
	pg_build(pack_of(1), o);
	free(blob);
	blob = NULL;
	return -1;
}

static long make_max_size_at(struct pg_out *o)
{
	return make_max_size(o, 0);
}

static long make_max_size_over(struct pg_out *o)
{
	return make_max_size(o, 8);
}

/*
 * A single entry whose STRTAB (odd length) is followed by an empty DEPS
 * item, so the STRTAB padding lies inside the body.  Returns the body
 * offset just after the STRTAB payload.
 */
static long make_padded(struct pg_out *o)
{
	static const struct earlymod_class none;

	(void)none;
	many(1);
	ents[0].strtab = "\0abc";
	ents[0].strtab_size = 5;
	ents[0].nr_extra = 1;
	ents[0].extra[0] = (struct pg_item){ EARLYMOD_ITEM_DEPS, 32, 0, NULL };
	pg_build(pack_of(1), o);
	return pg_item(o, 0, EARLYMOD_ITEM_STRTAB) + 5;
}

static long make_pad_nonzero(struct pg_out *o)
{
	long at = make_padded(o);

	pg_put8(o, (uint32_t)at + 1, 7);
	pg_fix_crcs(o);
	return at + 1;
}

/* Cut the body (and the pack) at @cut bytes after the STRTAB payload. */
static long cut_padded(struct pg_out *o, uint32_t cut)
{
	uint32_t at = (uint32_t)make_padded(o) + cut;

	pg_put32(o, pg_desc(0) + 36, at - o->entry_off[0]);
	pg_put32(o, 8, at);
	o->len = at;
	pg_fix_crcs(o);
	return at - cut;
}

static long make_ends_in_padding(struct pg_out *o)
{
	return cut_padded(o, 2);
}

static long make_header_truncated(struct pg_out *o)
{
	return cut_padded(o, 3 + 8) + 3;
}

static long make_empty_body(struct pg_out *o)
{
	many(1);
	pg_build(pack_of(1), o);
	pg_put32(o, pg_desc(0) + 36, 0);
	pg_put32(o, 8, o->entry_off[0]);
	o->len = o->entry_off[0];
	pg_fix_crcs(o);
	return o->entry_off[0];
}

static long make_no_classes(struct pg_out *o)
{
	many(1);
	ents[0].no_classes = 1;
	pg_build(pack_of(1), o);
	return o->entry_off[0];
}

static long make_trunc_body(struct pg_out *o)
{
	base_build(o);
	o->len = o->entry_off[1] + 4;
	return 8;
}

static long make_trunc_last(struct pg_out *o)
{
	base_build(o);
	o->len -= 1;
	return 8;
}

static long make_overlap(struct pg_out *o)
{
	base_build(o);
	pg_put32(o, pg_desc(1) + 32, o->entry_off[0]);
	pg_put32(o, pg_desc(1) + 36, o->entry_size[0]);
	pg_fix_crcs(o);
	return pg_desc(1) + 32;
}

static long make_gap_nonzero(struct pg_out *o)
{
	uint32_t at;

	base_build(o);
	at = o->entry_off[0] + o->entry_size[0];
	if (at % 8 == 0)
		return -2;	/* the base pack changed: no gap to damage */
	pg_put8(o, at, 1);
	pg_fix_crcs(o);
	return at;
}

static long make_total_not_end(struct pg_out *o)
{
	base_build(o);
	pg_put32(o, 8, o->len + 8);
	o->len += 8;
	pg_fix_crcs(o);
	return 8;
}

static long make_desc_name_long(struct pg_out *o)
{
	base_build(o);
	memset(o->buf + pg_desc(0), 'a', 32);
	pg_fix_crcs(o);
	return pg_desc(0) + 31;
}

static long make_version_long(struct pg_out *o)
{
	base_build(o);
	memset(o->buf + pg_item(o, 0, EARLYMOD_ITEM_INFO) + 32, 'v', 32);
	pg_fix_crcs(o);
	return pg_item(o, 0, EARLYMOD_ITEM_INFO) + 32 + 31;
}

static long make_dep_name_long(struct pg_out *o)
{
	base_build(o);
	memset(o->buf + pg_item(o, 1, EARLYMOD_ITEM_DEPS), 'd', 32);
	pg_fix_crcs(o);
	return pg_item(o, 1, EARLYMOD_ITEM_DEPS) + 31;
}

static long make_rule_str_long(struct pg_out *o)
{
	uint32_t s;

	base_build(o);
	s = pg_item(o, 0, EARLYMOD_ITEM_RULES) + 16;
	memset(o->buf + s, 'x', 64);
	pg_fix_crcs(o);
	return s + 63;
}

static long make_dep_rename(struct pg_out *o, const char *to)
{
	uint32_t d;

	base_build(o);
	d = pg_item(o, 1, EARLYMOD_ITEM_DEPS);
	memset(o->buf + d, 0, 32);
	memcpy(o->buf + d, to, strlen(to));
	pg_fix_crcs(o);
	return d;
}

static long make_dep_missing(struct pg_out *o)
{
	return make_dep_rename(o, "gamma");
}

static long make_dep_self(struct pg_out *o)
{
	return make_dep_rename(o, "beta");
}

static long make_dup_name(struct pg_out *o)
{
	base_build(o);
	memcpy(o->buf + pg_desc(1), "alpha", 6);
	pg_fix_crcs(o);
	return pg_desc(1);
}

static long make_rule_pci_str(struct pg_out *o)
{
	uint32_t r;

	base_build(o);
	r = pg_item(o, 0, EARLYMOD_ITEM_RULES);
	pg_put16(o, r, EARLYMOD_RULE_PCI);
	pg_put32(o, r + 4, 0x10228086);
	pg_fix_crcs(o);
	return r + 16;
}

static long make_rule_acpi_short(struct pg_out *o)
{
	uint32_t r;

	base_build(o);
	r = pg_item(o, 0, EARLYMOD_ITEM_RULES);
	pg_put8(o, r + 16 + 3, 0);
	pg_fix_crcs(o);
	return r + 16;
}

static long make_rule_dmi_field(struct pg_out *o)
{
	uint32_t r;

	base_build(o);
	r = pg_item(o, 0, EARLYMOD_ITEM_RULES);
	pg_put16(o, r, EARLYMOD_RULE_DMI);
	pg_put32(o, r + 4, EARLYMOD_DMI_MAX);
	pg_fix_crcs(o);
	return r + 4;
}

/* A DMI rule of set 1 with @flags (in place of alpha's first rule). */
static long make_rule_dmi_flags(struct pg_out *o, uint32_t flags)
{
	uint32_t r;

	base_build(o);
	r = pg_item(o, 0, EARLYMOD_ITEM_RULES);
	pg_put16(o, r, EARLYMOD_RULE_DMI);
	pg_put16(o, r + 2, flags);
	pg_put32(o, r + 4, EARLYMOD_DMI_ARG0(EARLYMOD_DMI_BOARD_NAME, 1));
	pg_fix_crcs(o);
	return r + 2;
}

static long make_rule_dmi_table(struct pg_out *o)
{
	return make_rule_dmi_flags(o, EARLYMOD_RULE_DMI_TABLE);
}

static long make_rule_dmi_set_not(struct pg_out *o)
{
	return make_rule_dmi_flags(o, EARLYMOD_RULE_NOT);
}

static long make_rule_dmi_both(struct pg_out *o)
{
	return make_rule_dmi_flags(o, EARLYMOD_RULE_DMI_EXACT |
				   EARLYMOD_RULE_DMI_SUBSTR);
}

/* alpha with @n DMI rules of one set */
static long make_rules(struct pg_out *o, uint32_t n)
{
	static struct earlymod_rule r[EARLYMOD_MAX_RULES + 1];
	uint32_t i;

	for (i = 0; i < n; i++)
		r[i] = pg_rule(EARLYMOD_RULE_DMI, EARLYMOD_RULE_DMI_SUBSTR,
			       EARLYMOD_DMI_ARG0(EARLYMOD_DMI_BOARD_NAME, 1), "b");
	many(1);
	ents[0].name = "alpha";
	ents[0].rules = r;
	ents[0].nr_rules = n;
	pg_build(pack_of(1), o);
	return pg_item(o, 0, EARLYMOD_ITEM_RULES);
}

static long make_rules_max(struct pg_out *o)
{
	return make_rules(o, EARLYMOD_MAX_RULES);
}

static long make_rules_over(struct pg_out *o)
{
	return make_rules(o, EARLYMOD_MAX_RULES + 1);
}

/* -------------------------------------------------------------------------
 * The table
 */
static const struct bad corpus[] = {
	/* good packs, and every named limit at the limit */
	{ "good-base", .step = ST_DONE },
	{ "good-trailing-zeros", .len_add = 3, .step = ST_DONE },
	{ "good-trailing-page", .len_add = 64, .step = ST_DONE },
	{ "good-max-entries", make_entries_64, .step = ST_DONE },
	{ "good-max-deps", make_deps_8, .step = ST_DONE },
	{ "good-max-rules", make_rules_max, .step = ST_DONE },
	{ "good-max-class-align", .poke = { P(ITEM(0, CLASSES, CLS(BSS, 4)), 4,
					      EARLYMOD_MAX_CLASS_ALIGN) },
	  .step = ST_DONE },
	{ "good-max-pack-size", make_max_size_at, .step = ST_DONE },
	{ "good-fixup-pc-addend", .poke = { P(ITEM(0, FIXUPS, FIXUP(0, 16)),
					      8, -8) }, .step = ST_DONE },

	/* limits, one over */
	{ "limit-entries-over", make_entries_65, .step = ST_PACK, .err = -E2BIG,
	  .msg = "too many entries", .where = ABS(16) },
	{ "limit-deps-over", make_deps_9, .step = ST_ENTRY, .err = -E2BIG,
	  .msg = "too many dependencies", .where = CUSTOM, .entry = "top" },
	{ "limit-rules-over", make_rules_over, .step = ST_ENTRY, .err = -E2BIG,
	  .msg = "too many rules", .where = CUSTOM, .entry = "alpha" },
	{ "limit-class-align-over",
	  .poke = { P(ITEM(0, CLASSES, CLS(BSS, 4)), 4,
		      2 * EARLYMOD_MAX_CLASS_ALIGN) },
	  .step = ST_ENTRY, .err = -E2BIG,
	  .msg = "class alignment above EARLYMOD_MAX_CLASS_ALIGN",
	  .where = ITEM(0, CLASSES, CLS(BSS, 4)), .entry = "alpha" },
	{ "limit-pack-size-over", make_max_size_over, .step = ST_PACK,
	  .err = -E2BIG, .msg = "pack larger than EARLYMOD_MAX_PACK_SIZE",
	  .where = ABS(8) },
	{ "limit-pack-size-u32", .poke = { P(ABS(8), 4, 0xffffffff) },
	  .step = ST_PACK, .err = -E2BIG,
	  .msg = "pack larger than EARLYMOD_MAX_PACK_SIZE", .where = ABS(8) },

	/* truncation */
	{ "trunc-empty", .len_add = -100000, .step = ST_PACK, .err = -ENOEXEC,
	  .msg = "pack shorter than its header", .where = ABS(0) },
	{ "trunc-header", .poke = { P(ABS(0), 0, 0) }, .len_add = -100001,
	  .step = ST_PACK, .err = -ENOEXEC,
	  .msg = "pack shorter than its header", .where = ABS(0) },
	{ "trunc-body", make_trunc_body, .step = ST_PACK, .err = -ENOEXEC,
	  .msg = "pack truncated", .where = ABS(8) },
	{ "trunc-last-byte", make_trunc_last, .step = ST_PACK,
	  .err = -ENOEXEC, .msg = "pack truncated", .where = ABS(8) },

	/* header */
	{ "bad-magic", .poke = { P(ABS(0), 4, 0x4b504d46) }, .step = ST_PACK,
	  .err = -ENOEXEC, .msg = "bad pack magic", .where = ABS(0) },
	{ "bad-version", .poke = { P(ABS(4), 2, 2) }, .step = ST_PACK,
	  .err = -ENOEXEC, .msg = "unsupported pack version", .where = ABS(4) },
	{ "bad-header-size", .poke = { P(ABS(6), 2, 128) }, .step = ST_PACK,
	  .err = -ENOEXEC, .msg = "unexpected pack header size",
	  .where = ABS(6) },
	{ "bad-entry-size", .poke = { P(ABS(20), 4, 72) }, .step = ST_PACK,
	  .err = -ENOEXEC, .msg = "unexpected entry descriptor size",
	  .where = ABS(20) },
	{ "bad-hdr-crc", .poke = { P(ABS(12), 4, 0x12345678) },
	  .flags = NOFIX, .step = ST_PACK, .err = -EBADMSG,
	  .msg = "pack header checksum mismatch", .where = ABS(12) },
	{ "bad-hdr-crc-covers-table", .poke = { P(DESC(1, 48), 1, 1) },
	  .flags = NOFIX, .step = ST_PACK, .err = -EBADMSG,
	  .msg = "pack header checksum mismatch", .where = ABS(12) },
	{ "nr-entries-overflow", .poke = { P(ABS(16), 4, 0xffffffff) },
	  .step = ST_PACK, .err = -E2BIG, .msg = "too many entries",
	  .where = ABS(16) },
	{ "entry-table-beyond-pack", .poke = { P(ABS(16), 4, 64) },
	  .step = ST_PACK, .err = -ENOEXEC,
	  .msg = "entry table beyond the pack", .where = ABS(16) },
	{ "total-size-below-header", .poke = { P(ABS(8), 4, 95) },
	  .step = ST_PACK, .err = -ENOEXEC,
	  .msg = "total size smaller than the header", .where = ABS(8) },
	{ "total-size-past-last-entry", make_total_not_end, .step = ST_PACK,
	  .err = -ENOEXEC, .msg = "total size does not end at the last entry",
	  .where = ABS(8) },
	{ "pack-flags", .poke = { P(ABS(24), 4, 1) }, .step = ST_PACK,
	  .err = -ENOEXEC, .msg = "unknown pack flags", .where = ABS(24) },
	{ "pack-reserved", .poke = { P(ABS(92), 4, 1) }, .step = ST_PACK,
	  .err = -ENOEXEC, .msg = "pack header reserved field not zero",
	  .where = ABS(92) },
	{ "build-id-size-zero", .poke = { P(ABS(28), 4, 0) }, .step = ST_PACK,
	  .err = -ENOEXEC, .msg = "bad build-id size", .where = ABS(28) },
	{ "build-id-size-over", .poke = { P(ABS(28), 4, 33) },
	  .step = ST_PACK, .err = -ENOEXEC, .msg = "bad build-id size",
	  .where = ABS(28) },
	{ "build-id-padding", .poke = { P(ABS(32 + 25), 1, 1) },
	  .step = ST_PACK, .err = -ENOEXEC, .msg = "build-id padding not zero",
	  .where = ABS(32 + 25) },
	{ "wrong-build-id", .poke = { P(ABS(32 + 19), 1, 0x04) },
	  .step = ST_PACK, .err = -ESTALE, .msg = "build-id mismatch",
	  .where = ABS(32) },
	{ "wrong-build-id-length", .poke = { P(ABS(28), 4, 19),
					     P(ABS(32 + 19), 1, 0) },
	  .step = ST_PACK, .err = -ESTALE, .msg = "build-id mismatch",
	  .where = ABS(32) },
	{ "wrong-link-text", .poke = { P(ABS(64), 8, VM_LINK + 0x200000) },
	  .step = ST_PACK, .err = -ESTALE,
	  .msg = "link_text differs from the running kernel",
	  .where = ABS(64) },
	{ "wrong-percpu-end", .poke = { P(ABS(72), 8, PCPU_END + 8) },
	  .step = ST_PACK, .err = -ESTALE,
	  .msg = "link_percpu_end differs from the running kernel",
	  .where = ABS(72) },

	/* entry table */
	{ "desc-name-empty", .poke = { P(DESC(0, 0), 8, 0) }, .step = ST_PACK,
	  .err = -ENOEXEC, .msg = "empty entry name", .where = DESC(0, 0) },
	{ "desc-name-unterminated", make_desc_name_long, .step = ST_PACK,
	  .err = -ENOEXEC, .msg = "entry name not NUL-terminated",
	  .where = CUSTOM },
	{ "desc-name-padding", .poke = { P(DESC(0, 7), 1, 'x') },
	  .step = ST_PACK, .err = -ENOEXEC,
	  .msg = "entry name padding not zero", .where = DESC(0, 7) },
	{ "desc-name-uppercase", .poke = { P(DESC(0, 0), 1, 'A') },
	  .step = ST_PACK, .err = -ENOEXEC,
	  .msg = "bad character in entry name", .where = DESC(0, 0) },
	{ "desc-name-leading-dash", .poke = { P(DESC(1, 0), 1, '-') },
	  .step = ST_PACK, .err = -ENOEXEC,
	  .msg = "bad character in entry name", .where = DESC(1, 0) },
	{ "desc-name-comma", .poke = { P(DESC(1, 2), 1, ',') },
	  .step = ST_PACK, .err = -ENOEXEC,
	  .msg = "bad character in entry name", .where = DESC(1, 2) },
	{ "desc-reserved", .poke = { P(DESC(0, 60), 4, 1) }, .step = ST_PACK,
	  .err = -ENOEXEC, .msg = "entry descriptor reserved field not zero",
	  .where = DESC(0, 60), .entry = "alpha" },
	{ "desc-offset-in-table", .poke = { P(DESC(1, 32), 4, 0) },
	  .step = ST_PACK, .err = -ENOEXEC, .msg = "entry offset outside the pack",
	  .where = DESC(1, 32), .entry = "beta" },
	{ "desc-offset-misaligned", .poke = { P(DESC(0, 32), 4, 0xa4) },
	  .step = ST_PACK, .err = -ENOEXEC, .msg = "entry offset not aligned",
	  .where = DESC(0, 32), .entry = "alpha" },
	{ "desc-offset-overflow", .poke = { P(DESC(0, 32), 4, 0xfffffff8) },
	  .step = ST_PACK, .err = -ENOEXEC,
	  .msg = "entry offset outside the pack", .where = DESC(0, 32),
	  .entry = "alpha" },
	{ "desc-size-overflow", .poke = { P(DESC(0, 36), 4, 0xffffffff) },
	  .step = ST_PACK, .err = -ENOEXEC, .msg = "entry size beyond the pack",
	  .where = DESC(0, 36), .entry = "alpha" },
	{ "desc-duplicate-name", make_dup_name, .step = ST_PACK,
	  .err = -ENOEXEC, .msg = "duplicate entry name", .where = CUSTOM,
	  .entry = "alpha" },
	{ "desc-overlapping-entries", make_overlap, .step = ST_PACK,
	  .err = -ENOEXEC, .msg = "entries overlap", .where = CUSTOM,
	  .entry = "beta" },
	{ "gap-nonzero", make_gap_nonzero, .step = ST_PACK, .err = -ENOEXEC,
	  .msg = "nonzero padding between entries", .where = CUSTOM },
	{ "trailing-nonzero", .poke = { P(END(2), 1, 1) }, .len_add = 4,
	  .step = ST_PACK, .err = -ENOEXEC, .msg = "nonzero bytes after the pack",
	  .where = END(2) },

	/* entry bodies: items */
	{ "entry-crc", .poke = { P(ITEM(1, IMAGE, 3), 1, 0x55) },
	  .flags = NOFIX, .step = ST_ENTRY, .err = -EBADMSG,
	  .msg = "entry checksum mismatch", .where = BODY(1, 0),
	  .entry = "beta" },
	{ "missing-dep-rejected", .poke = { P(ITEM(0, IMAGE, 0), 1, 0x55) },
	  .flags = NOFIX, .step = ST_ENTRY, .err = -EBADMSG,
	  .msg = "entry checksum mismatch", .where = BODY(0, 0),
	  .entry = "alpha", .sel_entry = "beta",
	  .sel_reason = "needs alpha, which is not linked" },
	{ "item-unknown-type", .poke = { P(IHDR(0, STRTAB, 0), 4, 42) },
	  .step = ST_ENTRY, .err = -ENOEXEC, .msg = "unknown item type",
	  .where = IHDR(0, STRTAB, 0), .entry = "alpha" },
	{ "item-type-zero", .poke = { P(IHDR(0, SYMS, 0), 4, 0) },
	  .step = ST_ENTRY, .err = -ENOEXEC, .msg = "unknown item type",
	  .where = IHDR(0, SYMS, 0), .entry = "alpha" },
	{ "item-duplicate", .poke = { P(IHDR(0, STRTAB, 0), 4,
					EARLYMOD_ITEM_IMAGE) },
	  .step = ST_ENTRY, .err = -ENOEXEC, .msg = "duplicate item",
	  .where = IHDR(0, STRTAB, 0), .entry = "alpha" },
	{ "item-first-not-info", .poke = { P(IHDR(0, INFO, 0), 4,
					     EARLYMOD_ITEM_DEPS) },
	  .step = ST_ENTRY, .err = -ENOEXEC, .msg = "first item is not INFO",
	  .where = IHDR(0, INFO, 0), .entry = "alpha" },
	{ "item-reserved", .poke = { P(IHDR(0, RELOCS, 12), 4, 1) },
	  .step = ST_ENTRY, .err = -ENOEXEC,
	  .msg = "item reserved field not zero", .where = IHDR(0, RELOCS, 12),
	  .entry = "alpha" },
	{ "item-length-beyond", .poke = { P(IHDR(0, STRTAB, 4), 4, 0x1000) },
	  .step = ST_ENTRY, .err = -ENOEXEC,
	  .msg = "item length beyond the entry", .where = IHDR(0, STRTAB, 4),
	  .entry = "alpha" },
	{ "item-length-overflow", .poke = { P(IHDR(0, RELOCS, 4), 4,
					      0xfffffff0) },
	  .step = ST_ENTRY, .err = -ENOEXEC,
	  .msg = "item length beyond the entry", .where = IHDR(0, RELOCS, 4),
	  .entry = "alpha" },
	{ "item-entsize-mismatch", .poke = { P(IHDR(0, RELOCS, 8), 4, 16) },
	  .step = ST_ENTRY, .err = -ENOEXEC,
	  .msg = "item entsize does not match its record",
	  .where = IHDR(0, RELOCS, 8), .entry = "alpha" },
	{ "item-blob-entsize", .poke = { P(IHDR(0, IMAGE, 8), 4, 1) },
	  .step = ST_ENTRY, .err = -ENOEXEC,
	  .msg = "item entsize does not match its record",
	  .where = IHDR(0, IMAGE, 8), .entry = "alpha" },
	{ "item-length-not-multiple", .poke = { P(IHDR(0, RELOCS, 4), 4, 100) },
	  .step = ST_ENTRY, .err = -ENOEXEC,
	  .msg = "item length not a multiple of its entsize",
	  .where = IHDR(0, RELOCS, 4), .entry = "alpha" },
	{ "item-padding-nonzero", make_pad_nonzero, .step = ST_ENTRY,
	  .err = -ENOEXEC, .msg = "item padding not zero", .where = CUSTOM,
	  .entry = "e00" },
	{ "item-ends-in-padding", make_ends_in_padding, .step = ST_ENTRY,
	  .err = -ENOEXEC, .msg = "entry ends inside item padding",
	  .where = CUSTOM, .entry = "e00" },
	{ "item-header-truncated", make_header_truncated, .step = ST_ENTRY,
	  .err = -ENOEXEC, .msg = "item header truncated", .where = CUSTOM,
	  .entry = "e00" },
	{ "entry-empty", make_empty_body, .step = ST_ENTRY, .err = -ENOEXEC,
	  .msg = "entry has no INFO item", .where = CUSTOM, .entry = "e00" },
	{ "entry-no-classes", make_no_classes, .step = ST_ENTRY,
	  .err = -ENOEXEC, .msg = "entry has no CLASSES item", .where = CUSTOM,
	  .entry = "e00" },
	{ "info-two-records", .poke = { P(IHDR(0, INFO, 4), 4, 192) },
	  .step = ST_ENTRY, .err = -ENOEXEC, .msg = "INFO item is not one record",
	  .where = IHDR(0, INFO, 4), .entry = "alpha" },
	{ "classes-count", .poke = { P(IHDR(0, CLASSES, 4), 4, 112) },
	  .step = ST_ENTRY, .err = -ENOEXEC,
	  .msg = "CLASSES item does not have one record per class",
	  .where = IHDR(0, CLASSES, 4), .entry = "alpha" },

	/* INFO, DEPS, RULES */
	{ "info-name", .poke = { P(ITEM(0, INFO, 0), 1, 'b') },
	  .step = ST_ENTRY, .err = -ENOEXEC,
	  .msg = "INFO name differs from the entry table",
	  .where = ITEM(0, INFO, 0), .entry = "alpha" },
	{ "info-version-unterminated", make_version_long, .step = ST_ENTRY,
	  .err = -ENOEXEC, .msg = "INFO version not NUL-terminated",
	  .where = CUSTOM, .entry = "alpha" },
	{ "info-version-padding", .poke = { P(ITEM(0, INFO, 32 + 30), 1, 1) },
	  .step = ST_ENTRY, .err = -ENOEXEC,
	  .msg = "INFO version padding not zero",
	  .where = ITEM(0, INFO, 32 + 30), .entry = "alpha" },
	{ "info-stage", .poke = { P(ITEM(0, INFO, 64), 4, 3) },
	  .step = ST_ENTRY, .err = -ENOEXEC, .msg = "unknown stage",
	  .where = ITEM(0, INFO, 64), .entry = "alpha" },
	{ "info-flags", .poke = { P(ITEM(0, INFO, 68), 4, 4) },
	  .step = ST_ENTRY, .err = -ENOEXEC, .msg = "unknown entry flags",
	  .where = ITEM(0, INFO, 68), .entry = "alpha" },
	{ "info-reserved", .poke = { P(ITEM(0, INFO, 92), 4, 1) },
	  .step = ST_ENTRY, .err = -ENOEXEC,
	  .msg = "INFO reserved field not zero", .where = ITEM(0, INFO, 92),
	  .entry = "alpha" },
	{ "dep-not-in-pack", make_dep_missing, .step = ST_ENTRY,
	  .err = -ENOENT, .msg = "dependency not in the pack", .where = CUSTOM,
	  .entry = "beta" },
	{ "dep-self", make_dep_self, .step = ST_ENTRY, .err = -ENOEXEC,
	  .msg = "entry depends on itself", .where = CUSTOM, .entry = "beta" },
	{ "dep-duplicate", make_dup_dep, .step = ST_ENTRY, .err = -ENOEXEC,
	  .msg = "duplicate dependency", .where = CUSTOM, .entry = "beta" },
	{ "dep-name-unterminated", make_dep_name_long, .step = ST_ENTRY,
	  .err = -ENOEXEC, .msg = "dependency name not NUL-terminated",
	  .where = CUSTOM, .entry = "beta" },
	{ "dep-name-padding", .poke = { P(ITEM(1, DEPS, 20), 1, 'z') },
	  .step = ST_ENTRY, .err = -ENOEXEC,
	  .msg = "dependency name padding not zero",
	  .where = ITEM(1, DEPS, 20), .entry = "beta" },
	{ "rule-type", .poke = { P(ITEM(0, RULES, 0), 2, EARLYMOD_RULE_MAX) },
	  .step = ST_ENTRY, .err = -ENOEXEC, .msg = "unknown rule type",
	  .where = ITEM(0, RULES, 0), .entry = "alpha" },
	{ "rule-flags", .poke = { P(ITEM(0, RULES, 2), 2, 0x10) },
	  .step = ST_ENTRY, .err = -ENOEXEC, .msg = "unknown rule flags",
	  .where = ITEM(0, RULES, 2), .entry = "alpha" },
	{ "rule-flags-type", .poke = { P(ITEM(0, RULES, 2), 2,
					 EARLYMOD_RULE_DMI_EXACT) },
	  .step = ST_ENTRY, .err = -ENOEXEC,
	  .msg = "rule flags not valid for the rule type",
	  .where = ITEM(0, RULES, 2), .entry = "alpha" },
	{ "rule-dmi-exact-and-substring", make_rule_dmi_both,
	  .step = ST_ENTRY, .err = -ENOEXEC,
	  .msg = "rule flags not valid for the rule type", .where = CUSTOM,
	  .entry = "alpha" },
	{ "rule-dmi-table-unexpanded", make_rule_dmi_table, .step = ST_ENTRY,
	  .err = -ENOEXEC, .msg = "DMI table rule not expanded by mkearlymod",
	  .where = CUSTOM, .entry = "alpha" },
	{ "rule-dmi-set-negated", make_rule_dmi_set_not, .step = ST_ENTRY,
	  .err = -ENOEXEC, .msg = "negated DMI rule in a set", .where = CUSTOM,
	  .entry = "alpha" },
	{ "rule-reserved", .poke = { P(ITEM(0, RULES, 12), 4, 1) },
	  .step = ST_ENTRY, .err = -ENOEXEC,
	  .msg = "rule reserved field not zero", .where = ITEM(0, RULES, 12),
	  .entry = "alpha" },
	{ "rule-string-unterminated", make_rule_str_long, .step = ST_ENTRY,
	  .err = -ENOEXEC, .msg = "rule string not NUL-terminated",
	  .where = CUSTOM, .entry = "alpha" },
	{ "rule-string-padding", .poke = { P(ITEM(0, RULES, 16 + 40), 1, 1) },
	  .step = ST_ENTRY, .err = -ENOEXEC,
	  .msg = "rule string padding not zero",
	  .where = ITEM(0, RULES, 16 + 40), .entry = "alpha" },
	{ "rule-acpi-signature", make_rule_acpi_short, .step = ST_ENTRY,
	  .err = -ENOEXEC, .msg = "ACPI rule signature is not 4 characters",
	  .where = CUSTOM, .entry = "alpha" },
	{ "rule-argument", .poke = { P(ITEM(0, RULES, 4), 4, 1) },
	  .step = ST_ENTRY, .err = -ENOEXEC, .msg = "rule argument not zero",
	  .where = ITEM(0, RULES, 4), .entry = "alpha" },
	{ "rule-dmi-field", make_rule_dmi_field, .step = ST_ENTRY,
	  .err = -ENOEXEC, .msg = "unknown DMI field", .where = CUSTOM,
	  .entry = "alpha" },
	{ "rule-pci-string", make_rule_pci_str, .step = ST_ENTRY,
	  .err = -ENOEXEC, .msg = "PCI rule has a string", .where = CUSTOM,
	  .entry = "alpha" },
	{ "rule-xen-kind", .poke = { P(ITEM(0, RULES, 0), 2, EARLYMOD_RULE_XEN) },
	  .step = ST_ENTRY, .err = -ENOEXEC, .msg = "unknown Xen domain kind",
	  .where = ITEM(0, RULES, 16), .entry = "alpha" },

	/* CLASSES */
	{ "class-align-not-power", .poke = { P(ITEM(0, CLASSES, CLS(TEXT, 4)),
					       4, 24) },
	  .step = ST_ENTRY, .err = -ENOEXEC,
	  .msg = "class alignment not a power of two",
	  .where = ITEM(0, CLASSES, CLS(TEXT, 4)), .entry = "alpha" },
	{ "class-align-zero", .poke = { P(ITEM(0, CLASSES, CLS(DATA, 4)), 4,
					  0) },
	  .step = ST_ENTRY, .err = -ENOEXEC,
	  .msg = "class alignment not a power of two",
	  .where = ITEM(0, CLASSES, CLS(DATA, 4)), .entry = "alpha" },
	{ "class-file-size", .poke = { P(ITEM(0, CLASSES, CLS(TEXT, 8)), 4,
					 33) },
	  .step = ST_ENTRY, .err = -ENOEXEC,
	  .msg = "class file size above its size",
	  .where = ITEM(0, CLASSES, CLS(TEXT, 8)), .entry = "alpha" },
	{ "class-bss-file-bytes", .poke = { P(ITEM(0, CLASSES, CLS(BSS, 8)),
					      4, 1) },
	  .step = ST_ENTRY, .err = -ENOEXEC, .msg = "BSS class has file bytes",
	  .where = ITEM(0, CLASSES, CLS(BSS, 8)), .entry = "alpha" },
	{ "class-outside-image", .poke = { P(ITEM(0, CLASSES, CLS(TEXT, 12)),
					     4, 0xfffffff0) },
	  .step = ST_ENTRY, .err = -ENOEXEC, .msg = "class bytes outside IMAGE",
	  .where = ITEM(0, CLASSES, CLS(TEXT, 12)), .entry = "alpha" },
	{ "class-past-image-end", .poke = { P(ITEM(0, CLASSES, CLS(TEXT, 12)),
					      4, 72 - 31) },
	  .step = ST_ENTRY, .err = -ENOEXEC, .msg = "class bytes outside IMAGE",
	  .where = ITEM(0, CLASSES, CLS(TEXT, 12)), .entry = "alpha" },

	/* RELOCS */
	{ "reloc-site-class", .poke = { P(ITEM(0, RELOCS, RELOC(0, 4)), 1, 8) },
	  .step = ST_ENTRY, .err = -ENOEXEC,
	  .msg = "relocation site class unknown",
	  .where = ITEM(0, RELOCS, RELOC(0, 4)), .entry = "alpha" },
	{ "reloc-site-bss", .poke = { P(ITEM(0, RELOCS, RELOC(3, 4)), 1, BSS) },
	  .step = ST_ENTRY, .err = -ENOEXEC, .msg = "relocation site in BSS",
	  .where = ITEM(0, RELOCS, RELOC(3, 4)), .entry = "alpha" },
	{ "reloc-unknown-type", .poke = { P(ITEM(0, RELOCS, RELOC(1, 5)), 1,
					    3) },
	  .step = ST_ENTRY, .err = -ENOEXEC, .msg = "unknown relocation type",
	  .where = ITEM(0, RELOCS, RELOC(1, 5)), .entry = "alpha" },
	{ "reloc-outside-class", .poke = { P(ITEM(0, RELOCS, RELOC(1, 0)), 4,
					     29) },
	  .step = ST_ENTRY, .err = -ENOEXEC,
	  .msg = "relocation outside its class",
	  .where = ITEM(0, RELOCS, RELOC(1, 0)), .entry = "alpha" },
	{ "reloc-outside-class-64", .poke = { P(ITEM(0, RELOCS, RELOC(4, 0)),
						4, 9) },
	  .step = ST_ENTRY, .err = -ENOEXEC,
	  .msg = "relocation outside its class",
	  .where = ITEM(0, RELOCS, RELOC(4, 0)), .entry = "alpha" },
	{ "reloc-offset-overflow", .poke = { P(ITEM(0, RELOCS, RELOC(0, 0)), 4,
					       0xfffffffe) },
	  .step = ST_ENTRY, .err = -ENOEXEC,
	  .msg = "relocation outside its class",
	  .where = ITEM(0, RELOCS, RELOC(0, 0)), .entry = "alpha" },
	{ "reloc-target-kind", .poke = { P(ITEM(0, RELOCS, RELOC(0, 6)), 1,
					   5) },
	  .step = ST_ENTRY, .err = -ENOEXEC,
	  .msg = "unknown relocation target kind",
	  .where = ITEM(0, RELOCS, RELOC(0, 6)), .entry = "alpha" },
	{ "reloc-target-class", .poke = { P(ITEM(0, RELOCS, RELOC(2, 7)), 1,
					    8) },
	  .step = ST_ENTRY, .err = -ENOEXEC,
	  .msg = "relocation target class unknown",
	  .where = ITEM(0, RELOCS, RELOC(2, 7)), .entry = "alpha" },
	{ "reloc-dep-index", .poke = { P(ITEM(1, RELOCS, RELOC(0, 8)), 2, 1) },
	  .step = ST_ENTRY, .err = -ENOEXEC,
	  .msg = "relocation dependency index out of range",
	  .where = ITEM(1, RELOCS, RELOC(0, 8)), .entry = "beta" },
	{ "reloc-unused-class", .poke = { P(ITEM(0, RELOCS, RELOC(0, 7)), 1,
					    1) },
	  .step = ST_ENTRY, .err = -ENOEXEC,
	  .msg = "unused relocation field not zero",
	  .where = ITEM(0, RELOCS, RELOC(0, 7)), .entry = "alpha" },
	{ "reloc-unused-dep", .poke = { P(ITEM(0, RELOCS, RELOC(3, 8)), 2, 1) },
	  .step = ST_ENTRY, .err = -ENOEXEC,
	  .msg = "unused relocation field not zero",
	  .where = ITEM(0, RELOCS, RELOC(3, 8)), .entry = "alpha" },
	{ "reloc-reserved", .poke = { P(ITEM(0, RELOCS, RELOC(2, 12)), 4, 1) },
	  .step = ST_ENTRY, .err = -ENOEXEC,
	  .msg = "relocation reserved field not zero",
	  .where = ITEM(0, RELOCS, RELOC(2, 10)), .entry = "alpha" },
	{ "reloc-overflow-32s", .poke = { P(ITEM(0, RELOCS, RELOC(1, 16)), 8,
					    0x80000000) },
	  .step = ST_RELOC, .err = -ERANGE,
	  .msg = "relocation value out of signed 32-bit range",
	  .where = ITEM(0, RELOCS, RELOC(1, 0)), .entry = "alpha" },
	{ "reloc-overflow-pc32", .poke = { P(ITEM(0, RELOCS, RELOC(0, 16)), 8,
					     0x40000000) },
	  .step = ST_RELOC, .err = -ERANGE,
	  .msg = "relocation value out of signed 32-bit range",
	  .where = ITEM(0, RELOCS, RELOC(0, 0)), .entry = "alpha" },
	{ "reloc-overflow-32", .poke = { P(ITEM(0, RELOCS, RELOC(1, 5)), 1,
					   EARLYMOD_R_X86_64_32),
					 P(ITEM(0, RELOCS, RELOC(1, 16)), 8,
					   -1) },
	  .step = ST_RELOC, .err = -ERANGE,
	  .msg = "relocation value out of unsigned 32-bit range",
	  .where = ITEM(0, RELOCS, RELOC(1, 0)), .entry = "alpha" },
	{ "reloc-site-not-zero", .poke = { P(ITEM(0, IMAGE, 2), 1, 0x11) },
	  .step = ST_RELOC, .err = -ENOEXEC, .msg = "relocation site not zero",
	  .where = ITEM(0, RELOCS, RELOC(0, 0)), .entry = "alpha" },

	/* FIXUPS */
	{ "fixup-type-32", .poke = { P(ITEM(0, FIXUPS, FIXUP(0, 24)), 1,
				       EARLYMOD_R_X86_64_32) },
	  .step = ST_ENTRY, .err = -ENOEXEC, .msg = "fixup type not allowed",
	  .where = ITEM(0, FIXUPS, FIXUP(0, 24)), .entry = "alpha" },
	{ "fixup-class", .poke = { P(ITEM(0, FIXUPS, FIXUP(1, 25)), 1, 8) },
	  .step = ST_ENTRY, .err = -ENOEXEC, .msg = "fixup class unknown",
	  .where = ITEM(0, FIXUPS, FIXUP(1, 25)), .entry = "alpha" },
	{ "fixup-reserved", .poke = { P(ITEM(0, FIXUPS, FIXUP(2, 29)), 1, 1) },
	  .step = ST_ENTRY, .err = -ENOEXEC,
	  .msg = "fixup reserved field not zero",
	  .where = ITEM(0, FIXUPS, FIXUP(2, 29)), .entry = "alpha" },
	{ "fixup-value-past-class", .poke = { P(ITEM(0, FIXUPS, FIXUP(1, 16)),
						8, 17) },
	  .step = ST_ENTRY, .err = -ENOEXEC,
	  .msg = "fixup value outside its class",
	  .where = ITEM(0, FIXUPS, FIXUP(1, 16)), .entry = "alpha" },
	{ "fixup-value-negative", .poke = { P(ITEM(0, FIXUPS, FIXUP(1, 16)),
					      8, -1) },
	  .step = ST_ENTRY, .err = -ENOEXEC,
	  .msg = "fixup value outside its class",
	  .where = ITEM(0, FIXUPS, FIXUP(1, 16)), .entry = "alpha" },
	{ "fixup-pc-addend-too-low", .poke = { P(ITEM(0, FIXUPS, FIXUP(0, 16)),
						 8, -9) },
	  .step = ST_ENTRY, .err = -ENOEXEC,
	  .msg = "fixup value outside its class",
	  .where = ITEM(0, FIXUPS, FIXUP(0, 16)), .entry = "alpha" },
	{ "fixup-overlapping", .poke = { P(ITEM(0, FIXUPS, FIXUP(1, 0)), 8,
					   VM_LINK + 0x102) },
	  .step = ST_ENTRY, .err = -ENOEXEC,
	  .msg = "fixups not sorted by site or overlapping",
	  .where = ITEM(0, FIXUPS, FIXUP(1, 0)), .entry = "alpha" },
	{ "fixup-unsorted", .poke = { P(ITEM(0, FIXUPS, FIXUP(1, 0)), 8,
					VM_LINK + 0x10) },
	  .step = ST_ENTRY, .err = -ENOEXEC,
	  .msg = "fixups not sorted by site or overlapping",
	  .where = ITEM(0, FIXUPS, FIXUP(1, 0)), .entry = "alpha" },
	{ "fixup-outside-vmlinux", .poke = { P(ITEM(0, FIXUPS, FIXUP(2, 0)), 8,
					       VM_LINK + VM_SIZE - 2) },
	  .step = ST_PREPARE, .err = -EFAULT,
	  .msg = "fixup site outside the vmlinux ranges",
	  .where = ITEM(0, FIXUPS, FIXUP(2, 0)), .entry = "alpha" },
	{ "fixup-wrong-old-value", .poke = { P(ITEM(0, FIXUPS, FIXUP(1, 8)), 8,
					       VM_LINK + 0x809) },
	  .step = ST_PREPARE, .err = -ENOEXEC,
	  .msg = "fixup site does not hold the expected value",
	  .where = ITEM(0, FIXUPS, FIXUP(1, 8)), .entry = "alpha" },
	{ "fixup-wrong-old-pc-value", .poke = { P(ITEM(0, FIXUPS,
						       FIXUP(0, 8)), 8,
						  VM_LINK + 0x800) },
	  .step = ST_PREPARE, .err = -ENOEXEC,
	  .msg = "fixup site does not hold the expected value",
	  .where = ITEM(0, FIXUPS, FIXUP(0, 8)), .entry = "alpha" },

	/* SPECIAL */
	{ "special-kind", .poke = { P(ITEM(0, SPECIAL, 0), 4, 0) },
	  .step = ST_ENTRY, .err = -ENOEXEC,
	  .msg = "unknown special table kind", .where = ITEM(0, SPECIAL, 0),
	  .entry = "alpha" },
	{ "special-argument", .poke = { P(ITEM(0, SPECIAL, 4), 4, 1) },
	  .step = ST_ENTRY, .err = -ENOEXEC,
	  .msg = "special table argument out of range",
	  .where = ITEM(0, SPECIAL, 4), .entry = "alpha" },
	{ "special-initcall-level", .poke = { P(ITEM(0, SPECIAL, 0), 4,
						EARLYMOD_SPECIAL_INITCALL),
					      P(ITEM(0, SPECIAL, 4), 4, 9) },
	  .step = ST_ENTRY, .err = -ENOEXEC,
	  .msg = "special table argument out of range",
	  .where = ITEM(0, SPECIAL, 4), .entry = "alpha" },
	{ "special-class", .poke = { P(ITEM(0, SPECIAL, 8), 4, 0x100) },
	  .step = ST_ENTRY, .err = -ENOEXEC,
	  .msg = "special table class unknown", .where = ITEM(0, SPECIAL, 8),
	  .entry = "alpha" },
	{ "special-outside-class", .poke = { P(ITEM(0, SPECIAL, 16), 4, 24) },
	  .step = ST_ENTRY, .err = -ENOEXEC,
	  .msg = "special table outside its class",
	  .where = ITEM(0, SPECIAL, 12), .entry = "alpha" },
	{ "special-offset-overflow", .poke = { P(ITEM(0, SPECIAL, 12), 4,
						 0xfffffffc) },
	  .step = ST_ENTRY, .err = -ENOEXEC,
	  .msg = "special table outside its class",
	  .where = ITEM(0, SPECIAL, 12), .entry = "alpha" },
	{ "special-entsize", .poke = { P(ITEM(0, SPECIAL, 16), 4, 8) },
	  .step = ST_ENTRY, .err = -ENOEXEC,
	  .msg = "special table size not a multiple of its entsize",
	  .where = ITEM(0, SPECIAL, 16), .entry = "alpha" },

	/* STRTAB, SYMS */
	{ "strtab-unterminated", .poke = { P(ITEM(0, STRTAB, 20), 1, 'x') },
	  .step = ST_ENTRY, .err = -ENOEXEC,
	  .msg = "string table not NUL-terminated",
	  .where = ITEM(0, STRTAB, 20), .entry = "alpha" },
	{ "sym-name", .poke = { P(ITEM(0, SYMS, SYM(1, 0)), 4, 21) },
	  .step = ST_ENTRY, .err = -ENOEXEC,
	  .msg = "symbol name outside the string table",
	  .where = ITEM(0, SYMS, SYM(1, 0)), .entry = "alpha" },
	{ "sym-class", .poke = { P(ITEM(0, SYMS, SYM(0, 12)), 1, 8) },
	  .step = ST_ENTRY, .err = -ENOEXEC, .msg = "symbol class unknown",
	  .where = ITEM(0, SYMS, SYM(0, 12)), .entry = "alpha" },
	{ "sym-outside-class", .poke = { P(ITEM(0, SYMS, SYM(1, 4)), 4, 4) },
	  .step = ST_ENTRY, .err = -ENOEXEC, .msg = "symbol outside its class",
	  .where = ITEM(0, SYMS, SYM(1, 4)), .entry = "alpha" },
	{ "sym-size-overflow", .poke = { P(ITEM(0, SYMS, SYM(0, 8)), 4,
					   0xffffffff) },
	  .step = ST_ENTRY, .err = -ENOEXEC, .msg = "symbol outside its class",
	  .where = ITEM(0, SYMS, SYM(0, 4)), .entry = "alpha" },
	{ "sym-type", .poke = { P(ITEM(0, SYMS, SYM(0, 13)), 1, 3) },
	  .step = ST_ENTRY, .err = -ENOEXEC, .msg = "unknown symbol type",
	  .where = ITEM(0, SYMS, SYM(0, 13)), .entry = "alpha" },
	{ "sym-flags", .poke = { P(ITEM(0, SYMS, SYM(0, 14)), 1, 2) },
	  .step = ST_ENTRY, .err = -ENOEXEC, .msg = "unknown symbol flags",
	  .where = ITEM(0, SYMS, SYM(0, 14)), .entry = "alpha" },
	{ "sym-reserved", .poke = { P(ITEM(0, SYMS, SYM(1, 15)), 1, 1) },
	  .step = ST_ENTRY, .err = -ENOEXEC,
	  .msg = "symbol reserved field not zero",
	  .where = ITEM(0, SYMS, SYM(1, 15)), .entry = "alpha" },

	/* select and layout */
	{ "dependency-cycle", make_cycle, .step = ST_DONE,
	  .sel_entry = "alpha", .sel_reason = "dependency cycle" },
	{ "dependency-cycle-other", make_cycle, .step = ST_DONE,
	  .sel_entry = "beta", .sel_reason = "dependency cycle" },
	{ "good-layout-exactly-full",
	  .poke = { P(ITEM(0, CLASSES, CLS(BSS, 0)), 4, REGION_SIZE - 64) },
	  .step = ST_DONE },
	{ "layout-out-of-space", .poke = { P(ITEM(0, CLASSES, CLS(BSS, 0)), 4,
					     REGION_SIZE - 63) },
	  .step = ST_LAYOUT, .err = -ENOSPC,
	  .msg = "no space left for a class in its region",
	  .where = ITEM(0, CLASSES, CLS(BSS, 0)), .entry = "alpha" },
	{ "layout-class-4g", .poke = { P(ITEM(0, CLASSES, CLS(BSS, 0)), 4,
					 0xffffffff) },
	  .step = ST_LAYOUT, .err = -ENOSPC,
	  .msg = "no space left for a class in its region",
	  .where = ITEM(0, CLASSES, CLS(BSS, 0)), .entry = "alpha" },
};

/* -------------------------------------------------------------------------
 * Runner
 */
static struct emld_pack cpack;

static int build_case(const struct bad *c, struct pg_out *o, long *custom)
{
	int i;

	*custom = -1;
	if (c->make)
		*custom = c->make(o);
	else
		base_build(o);
	if (*custom == -2)
		return -1;
	for (i = 0; i < 2; i++) {
		const struct poke *p = &c->poke[i];
		uint32_t at = at_off(o, p->at);

		if (!p->width)
			continue;
		if (at + p->width > o->cap)
			return -1;
		memcpy(o->buf + at, &p->value, p->width);
	}
	if (!(c->flags & NOFIX))
		pg_fix_crcs(o);
	if (c->len_add < 0 && (uint32_t)-c->len_add > o->len)
		o->len = c->len_add == -100000 ? 0 : 95;
	else if (o->len + c->len_add <= o->cap)
		o->len += c->len_add;
	return 0;
}

static void run_case(const struct bad *c)
{
	struct test_regions regs;
	struct run_result res;
	struct pg_out o;
	long custom;
	uint32_t want_off = EMLD_NO_OFFSET, i;
	const char *why = NULL;
	char buf[256];

	memset(&o, 0, sizeof(o));
	if (build_case(c, &o, &custom)) {
		report(c->name, 0, "could not build the case");
		pg_free(&o);
		return;
	}
	if (c->where.kind == AT_CUSTOM)
		want_off = (uint32_t)custom;
	else if (c->where.kind == AT_END)
		want_off = (uint32_t)(o.len - c->len_add + (int32_t)c->where.rel);
	else if (c->where.kind != AT_NONE)
		want_off = at_off(&o, c->where);

	vm_reset();
	vm_plant(base_fixups, 3, KASLR);
	run_pipeline(&cpack, o.buf, o.len, &default_facts, &regs, &res);

	if (res.step != c->step) {
		snprintf(buf, sizeof(buf), "failed at %s (%s), want %s",
			 step_name(res.step),
			 res.err.msg ? res.err.msg : "no error",
			 step_name(c->step));
		why = buf;
	} else if (c->step != ST_DONE &&
		   (res.err.err != c->err || strcmp(res.err.msg, c->msg))) {
		snprintf(buf, sizeof(buf), "%d \"%s\", want %d \"%s\"",
			 res.err.err, res.err.msg, c->err, c->msg);
		why = buf;
	} else if (c->step != ST_DONE && c->where.kind != AT_NONE &&
		   res.err.offset != want_off) {
		snprintf(buf, sizeof(buf), "\"%s\" at %#x, want %#x",
			 res.err.msg, res.err.offset, want_off);
		why = buf;
	} else if (c->step != ST_DONE &&
		   (c->entry ? !res.err.entry ||
			       strcmp(res.err.entry, c->entry) :
			       res.err.entry != NULL)) {
		snprintf(buf, sizeof(buf), "entry %s, want %s",
			 res.err.entry ? res.err.entry : "none",
			 c->entry ? c->entry : "none");
		why = buf;
	}
	if (!why && c->sel_entry) {
		for (i = 0; i < cpack.nr_entries; i++)
			if (!strcmp(cpack.entries[i].name, c->sel_entry))
				break;
		if (i == cpack.nr_entries ||
		    cpack.entries[i].decision != EMLD_SKIP ||
		    strcmp(cpack.entries[i].reason, c->sel_reason)) {
			snprintf(buf, sizeof(buf), "%s: \"%s\", want \"%s\"",
				 c->sel_entry, i == cpack.nr_entries ? "?" :
				 cpack.entries[i].reason, c->sel_reason);
			why = buf;
		}
	}
	report(c->name, !why, "%s", why ? why : "");
	pg_free(&o);
}

void run_corpus(void)
{
	size_t i;

	for (i = 0; i < sizeof(corpus) / sizeof(corpus[0]); i++)
		run_case(&corpus[i]);
}

void write_corpus_seeds(const char *dir, int *n)
{
	struct pg_out o;
	long custom;
	size_t i;

	for (i = 0; i < sizeof(corpus) / sizeof(corpus[0]); i++) {
		/* the 64 MiB pack would only slow the fuzzer down */
		if (corpus[i].make == make_max_size_at ||
		    corpus[i].make == make_max_size_over)
			continue;
		memset(&o, 0, sizeof(o));
		if (!build_case(&corpus[i], &o, &custom)) {
			write_seed(dir, corpus[i].name, o.buf, o.len,
				   FUZZ_PLANT);
			(*n)++;
		}
		pg_free(&o);
	}
}
