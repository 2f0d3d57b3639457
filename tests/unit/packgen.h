/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tests/unit/packgen.h: a pack writer for tests only.
 *
 * Builds packs from C descriptions, independently of the loader (it shares
 * only <linux/earlymod.h>), so the tests can craft good and damaged packs
 * without mkearlymod.  pg_build() records where every entry and item landed,
 * so a test can patch a field and call pg_fix_crcs() to make the damage
 * reach the check it is aimed at instead of the checksum.
 */
#ifndef _EARLYMOD_PACKGEN_H
#define _EARLYMOD_PACKGEN_H

#include <stddef.h>
#include <stdint.h>
#include <linux/earlymod.h>

#define PG_MAX_ENTRIES	(EARLYMOD_MAX_ENTRIES + 2)
#define PG_MAX_DEPS	(EARLYMOD_MAX_DEPS + 2)
#define PG_MAX_EXTRA	4

struct pg_class {
	uint32_t size;
	uint32_t align;			/* 0: 1 */
	const void *bytes;		/* file bytes, or NULL */
	uint32_t file_size;
};

/* A raw item, appended after the standard ones (for damaged packs). */
struct pg_item {
	uint32_t type, entsize, length;
	const void *data;
};

struct pg_entry {
	const char *name;
	const char *version;		/* NULL: "1" */
	uint32_t stage;			/* 0: PLATFORM */
	uint32_t flags, group;
	int32_t priority;
	const char *deps[PG_MAX_DEPS];
	uint32_t nr_deps;
	const struct earlymod_rule *rules;
	uint32_t nr_rules;
	struct pg_class classes[EARLYMOD_NR_CLASSES];
	const struct earlymod_reloc *relocs;
	uint32_t nr_relocs;
	const struct earlymod_fixup *fixups;
	uint32_t nr_fixups;
	const struct earlymod_special *specials;
	uint32_t nr_specials;
	const struct earlymod_sym *syms;
	uint32_t nr_syms;
	const char *strtab;		/* with its NULs */
	uint32_t strtab_size;
	struct pg_item extra[PG_MAX_EXTRA];
	uint32_t nr_extra;
	int no_classes;			/* leave out the CLASSES item */
};

struct pg_pack {
	const uint8_t *build_id;
	uint32_t build_id_size;
	uint64_t link_text, link_percpu_end;
	const struct pg_entry *entries;
	uint32_t nr_entries;
};

/* The built pack and where things are in it. */
struct pg_out {
	uint8_t *buf;			/* malloc'd, 8-byte aligned */
	uint32_t len;			/* = total_size */
	uint32_t cap;			/* allocated bytes (>= len + 64) */
	uint32_t nr_entries;
	uint32_t entry_off[PG_MAX_ENTRIES];
	uint32_t entry_size[PG_MAX_ENTRIES];
	/* pack offset of each item header (0: absent) */
	uint32_t item_hdr[PG_MAX_ENTRIES][EARLYMOD_ITEM_MAX];
};

int pg_build(const struct pg_pack *p, struct pg_out *o);
void pg_free(struct pg_out *o);
/* Recompute entry CRCs (for bodies in range) and the header CRC. */
void pg_fix_crcs(struct pg_out *o);
/* Offset of the payload of item @type of entry @i. */
uint32_t pg_item(const struct pg_out *o, uint32_t i, uint32_t type);
/* Offset of entry descriptor @i. */
uint32_t pg_desc(uint32_t i);

/* Little-endian pokes at pack offsets. */
void pg_put8(struct pg_out *o, uint32_t off, uint8_t v);
void pg_put16(struct pg_out *o, uint32_t off, uint16_t v);
void pg_put32(struct pg_out *o, uint32_t off, uint32_t v);
void pg_put64(struct pg_out *o, uint32_t off, uint64_t v);
uint32_t pg_get32(const struct pg_out *o, uint32_t off);

/* Record constructors. */
struct earlymod_rule pg_rule(uint32_t type, uint32_t flags, uint32_t arg0,
			     const char *str);
struct earlymod_reloc pg_reloc(uint32_t site_class, uint32_t offset,
			       uint32_t type, uint32_t target,
			       uint32_t target_class, uint32_t dep_index,
			       int64_t value);
struct earlymod_fixup pg_fixup(uint64_t site, uint64_t old_value,
			       int64_t value, uint32_t type, uint32_t class_id);

#endif /* _EARLYMOD_PACKGEN_H */
