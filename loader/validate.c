// SPDX-License-Identifier: GPL-2.0
/*
 * Check a pack before anything uses it.
 *
 * emld_pack_validate() checks the header and the entry table; a defect there
 * rejects the pack.  emld_entry_validate() checks one entry body, item by
 * item and record by record; a defect there rejects that entry alone.  After
 * both, every offset, count and index the later steps use is known to be in
 * range, so they do not check again.
 *
 * Bounds are compared against the space left (`len > size - off`), never by
 * adding to an offset or a pointer first, so no check can overflow.
 */
#include "internal.h"

/* -------------------------------------------------------------------------
 * Names and record sizes from the X-macros
 */
static const char *const item_names[EARLYMOD_ITEM_MAX] = {
#define X(n, v, t, d) [v] = d,
	EARLYMOD_ITEMS(X)
#undef X
};

static const char *const stage_names[] = {
#define X(n, v, d) [v] = d,
	EARLYMOD_STAGES(X)
#undef X
};

static const char *const rule_names[EARLYMOD_RULE_MAX] = {
#define X(n, v, d) [v] = d,
	EARLYMOD_RULES(X)
#undef X
};

static const char *const dmi_names[EARLYMOD_DMI_MAX] = {
#define X(n, v, d, k) [v] = d,
	EARLYMOD_DMIS(X)
#undef X
};

static const char *const class_names[EARLYMOD_NR_CLASSES] = {
#define X(n, v, d) [v] = d,
	EARLYMOD_CLASSES(X)
#undef X
};

static const char *const reloc_names[] = {
#define X(n, v, w, d) [v] = d,
	EARLYMOD_RELOC_TYPES(X)
#undef X
};

static const u8 reloc_widths[] = {
#define X(n, v, w, d) [v] = w,
	EARLYMOD_RELOC_TYPES(X)
#undef X
};

static const char *const target_names[EARLYMOD_TGT_MAX] = {
#define X(n, v, d) [v] = d,
	EARLYMOD_TARGETS(X)
#undef X
};

static const char *const special_names[EARLYMOD_SPECIAL_MAX] = {
#define X(n, v, s, e) [v] = s,
	EARLYMOD_SPECIALS(X)
#undef X
};

static const char *name_in(const char *const *names, u32 nr, u32 v)
{
	return v < nr && names[v] ? names[v] : "?";
}

#define NAME_IN(table, v)	name_in(table, EMLD_ARRAY_SIZE(table), v)

const char *emld_item_name(u32 type)
{
	return NAME_IN(item_names, type);
}

const char *emld_stage_name(u32 stage)
{
	return NAME_IN(stage_names, stage);
}

const char *emld_rule_name(u32 type)
{
	return NAME_IN(rule_names, type);
}

const char *emld_dmi_name(u32 field)
{
	return NAME_IN(dmi_names, field);
}

const char *emld_class_name(u32 class_id)
{
	return NAME_IN(class_names, class_id);
}

const char *emld_reloc_name(u32 type)
{
	return NAME_IN(reloc_names, type);
}

u32 emld_reloc_width(u32 type)
{
	return type < EMLD_ARRAY_SIZE(reloc_widths) ? reloc_widths[type] : 0;
}

const char *emld_target_name(u32 target)
{
	return NAME_IN(target_names, target);
}

const char *emld_special_name(u32 kind)
{
	return NAME_IN(special_names, kind);
}

/* Record size of each item type; 0 for byte blobs (record type void). */
static const u32 item_recsize[EARLYMOD_ITEM_MAX] = {
#define X(n, v, t, d) \
	[v] = __builtin_types_compatible_p(t, void) ? 0 : (u32)sizeof(t),
	EARLYMOD_ITEMS(X)
#undef X
};

/* -------------------------------------------------------------------------
 * Small helpers
 */
enum str_defect { STR_OK, STR_UNTERMINATED, STR_PADDING };

/*
 * A fixed-size, NUL-terminated, NUL-padded string field.  Returns the
 * defect, and in *at the index of the offending byte.
 */
static enum str_defect check_str(const char *s, u32 cap, u32 *at)
{
	u32 i, n;

	for (n = 0; n < cap && s[n]; n++)
		;
	if (n == cap) {
		*at = cap - 1;
		return STR_UNTERMINATED;
	}
	for (i = n + 1; i < cap; i++) {
		if (s[i]) {
			*at = i;
			return STR_PADDING;
		}
	}
	*at = 0;
	return STR_OK;
}

static u32 str_len(const char *s, u32 cap)
{
	u32 n;

	for (n = 0; n < cap && s[n]; n++)
		;
	return n;
}

/* Entry names: [a-z0-9_-], not starting with '-', at most 31 characters. */
static const char *check_entry_name(const char *name, u32 *at)
{
	u32 i;

	switch (check_str(name, EARLYMOD_NAME_LEN, at)) {
	case STR_UNTERMINATED:
		return "entry name not NUL-terminated";
	case STR_PADDING:
		return "entry name padding not zero";
	case STR_OK:
		break;
	}
	if (!name[0]) {
		*at = 0;
		return "empty entry name";
	}
	for (i = 0; name[i]; i++) {
		char c = name[i];

		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    c == '_' || (c == '-' && i > 0))
			continue;
		*at = i;
		return "bad character in entry name";
	}
	return NULL;
}

/* -------------------------------------------------------------------------
 * Pack header and entry table
 */
static int check_descs(struct emld_pack *pack, u32 total, u32 table_end,
		       struct emld_error *err)
{
	const struct earlymod_entry_desc *d = pack->desc;
	u8 order[EARLYMOD_MAX_ENTRIES];
	u32 nr = pack->nr_entries, i, j, cursor, bad;
	const char *msg;

	for (i = 0; i < nr; i++) {
		u32 doff = emld_pack_off(pack, &d[i]);
		u32 off = EMLD_LE32(d[i].offset);
		u32 size = EMLD_LE32(d[i].size);

		msg = check_entry_name(d[i].name, &bad);
		if (msg)
			return emld_fail(err, -ENOEXEC, msg, doff + bad, NULL);
		if (!emld_all_zero(d[i].reserved, sizeof(d[i].reserved), &bad))
			return emld_fail(err, -ENOEXEC,
					 "entry descriptor reserved field not zero",
					 emld_pack_off(pack, d[i].reserved) + bad,
					 d[i].name);
		if (off & (EARLYMOD_ALIGN - 1))
			return emld_fail(err, -ENOEXEC, "entry offset not aligned",
					 emld_pack_off(pack, &d[i].offset),
					 d[i].name);
		if (off < table_end || off > total)
			return emld_fail(err, -ENOEXEC,
					 "entry offset outside the pack",
					 emld_pack_off(pack, &d[i].offset),
					 d[i].name);
		if (size > total - off)
			return emld_fail(err, -ENOEXEC, "entry size beyond the pack",
					 emld_pack_off(pack, &d[i].size),
					 d[i].name);
		for (j = 0; j < i; j++) {
			if (!emld_memcmp(d[i].name, d[j].name,
					 EARLYMOD_NAME_LEN))
				return emld_fail(err, -ENOEXEC,
						 "duplicate entry name", doff,
						 d[i].name);
		}
	}

	/* Bodies by offset (insertion sort; at most 64), then walk the gaps. */
	for (i = 0; i < nr; i++) {
		u8 k = (u8)i;

		for (j = i; j > 0 && EMLD_LE32(d[order[j - 1]].offset) >
				     EMLD_LE32(d[k].offset); j--)
			order[j] = order[j - 1];
		order[j] = k;
	}
	cursor = table_end;
	for (i = 0; i < nr; i++) {
		const struct earlymod_entry_desc *x = &d[order[i]];
		u32 off = EMLD_LE32(x->offset);

		if (off < cursor)
			return emld_fail(err, -ENOEXEC, "entries overlap",
					 emld_pack_off(pack, &x->offset),
					 x->name);
		if (!emld_all_zero(pack->base + cursor, off - cursor, &bad))
			return emld_fail(err, -ENOEXEC,
					 "nonzero padding between entries",
					 cursor + bad, NULL);
		cursor = off + EMLD_LE32(x->size);
	}
	if (cursor != total)
		return emld_fail(err, -ENOEXEC,
				 "total size does not end at the last entry",
				 offsetof(struct earlymod_pack_header,
					  total_size), NULL);
	return 0;
}

static int check_expect(struct emld_pack *pack,
			const struct earlymod_pack_header *h,
			const struct emld_expect *expect,
			struct emld_error *err)
{

	if (!expect)
		return 0;
	if (expect->build_id &&
	    (expect->build_id_len != EMLD_LE32(h->build_id_size) ||
	     emld_memcmp(expect->build_id, h->build_id,
			 expect->build_id_len)))
		return emld_fail(err, -ESTALE, "build-id mismatch",
				 emld_pack_off(pack, h->build_id), NULL);
	if (expect->link_text && expect->link_text != EMLD_LE64(h->link_text))
		return emld_fail(err, -ESTALE,
				 "link_text differs from the running kernel",
				 emld_pack_off(pack, &h->link_text), NULL);
	if (expect->link_percpu_end &&
	    expect->link_percpu_end != EMLD_LE64(h->link_percpu_end))
		return emld_fail(err, -ESTALE,
				 "link_percpu_end differs from the running kernel",
				 emld_pack_off(pack, &h->link_percpu_end), NULL);
	return 0;
}

int emld_pack_validate(struct emld_pack *pack, const void *buf, size_t len,
		       const struct emld_expect *expect,
		       struct emld_error *err)
{
	static const u8 zero_crc[4];
	const struct earlymod_pack_header *h = buf;
	const u8 *p = buf;
	u32 total, nr, table_end, crc, bid, bad, i;
	size_t t;
	int ret;

	emld_clear_error(err);
	if (!pack)
		return emld_fail(err, -EINVAL, "no pack state", EMLD_NO_OFFSET,
				 NULL);
	emld_memset(pack, 0, sizeof(*pack));
	if (!buf)
		return emld_fail(err, -EINVAL, "no pack", EMLD_NO_OFFSET, NULL);
	if ((unsigned long)buf & (EARLYMOD_ALIGN - 1))
		return emld_fail(err, -EINVAL, "pack buffer not 8-byte aligned",
				 EMLD_NO_OFFSET, NULL);
	if (len < sizeof(*h))
		return emld_fail(err, -ENOEXEC, "pack shorter than its header",
				 0, NULL);
	pack->base = p;	/* for emld_pack_off(); hdr only once valid */

	if (EMLD_LE32(h->magic) != EARLYMOD_PACK_MAGIC)
		return emld_fail(err, -ENOEXEC, "bad pack magic", 0, NULL);
	if (EMLD_LE16(h->version) != EARLYMOD_VERSION)
		return emld_fail(err, -ENOEXEC, "unsupported pack version",
				 emld_pack_off(pack, &h->version), NULL);
	if (EMLD_LE16(h->header_size) != sizeof(*h))
		return emld_fail(err, -ENOEXEC, "unexpected pack header size",
				 emld_pack_off(pack, &h->header_size), NULL);
	if (EMLD_LE32(h->entry_size) != sizeof(struct earlymod_entry_desc))
		return emld_fail(err, -ENOEXEC,
				 "unexpected entry descriptor size",
				 emld_pack_off(pack, &h->entry_size), NULL);

	total = EMLD_LE32(h->total_size);
	if (total > EARLYMOD_MAX_PACK_SIZE)
		return emld_fail(err, -E2BIG,
				 "pack larger than EARLYMOD_MAX_PACK_SIZE",
				 emld_pack_off(pack, &h->total_size), NULL);
	if (total > len)
		return emld_fail(err, -ENOEXEC, "pack truncated",
				 emld_pack_off(pack, &h->total_size), NULL);
	if (total < sizeof(*h))
		return emld_fail(err, -ENOEXEC,
				 "total size smaller than the header",
				 emld_pack_off(pack, &h->total_size), NULL);
	nr = EMLD_LE32(h->nr_entries);
	if (nr > EARLYMOD_MAX_ENTRIES)
		return emld_fail(err, -E2BIG, "too many entries",
				 emld_pack_off(pack, &h->nr_entries), NULL);
	if (nr * (u32)sizeof(struct earlymod_entry_desc) >
	    total - (u32)sizeof(*h))
		return emld_fail(err, -ENOEXEC, "entry table beyond the pack",
				 emld_pack_off(pack, &h->nr_entries), NULL);
	table_end = (u32)sizeof(*h) +
		    nr * (u32)sizeof(struct earlymod_entry_desc);

	/* hdr_crc: header and table, with the hdr_crc field taken as zero */
	crc = earlymod_crc32c(0, p, offsetof(struct earlymod_pack_header,
					     hdr_crc));
	crc = earlymod_crc32c(crc, zero_crc, sizeof(zero_crc));
	crc = earlymod_crc32c(crc, &h->nr_entries,
			      table_end - offsetof(struct earlymod_pack_header,
						   nr_entries));
	if (crc != EMLD_LE32(h->hdr_crc))
		return emld_fail(err, -EBADMSG, "pack header checksum mismatch",
				 emld_pack_off(pack, &h->hdr_crc), NULL);

	if (EMLD_LE32(h->flags))
		return emld_fail(err, -ENOEXEC, "unknown pack flags",
				 emld_pack_off(pack, &h->flags), NULL);
	if (!emld_all_zero(h->reserved, sizeof(h->reserved), &bad))
		return emld_fail(err, -ENOEXEC,
				 "pack header reserved field not zero",
				 emld_pack_off(pack, h->reserved) + bad, NULL);
	bid = EMLD_LE32(h->build_id_size);
	if (bid == 0 || bid > EARLYMOD_BUILD_ID_MAX)
		return emld_fail(err, -ENOEXEC, "bad build-id size",
				 emld_pack_off(pack, &h->build_id_size), NULL);
	if (!emld_all_zero(h->build_id + bid, EARLYMOD_BUILD_ID_MAX - bid, &bad))
		return emld_fail(err, -ENOEXEC, "build-id padding not zero",
				 emld_pack_off(pack, h->build_id) + bid + bad,
				 NULL);

	pack->size = total;
	pack->desc = (const struct earlymod_entry_desc *)(p + sizeof(*h));
	pack->nr_entries = nr;

	ret = check_expect(pack, h, expect, err);
	if (ret)
		goto bad;
	ret = check_descs(pack, total, table_end, err);
	if (ret)
		goto bad;

	/* Bootloaders pad: tolerate trailing bytes, as long as they are 0. */
	for (t = total; t < len; t++) {
		if (p[t]) {
			ret = emld_fail(err, -ENOEXEC,
					"nonzero bytes after the pack",
					t < EMLD_NO_OFFSET ? (u32)t :
					EMLD_NO_OFFSET - 1, NULL);
			goto bad;
		}
	}

	pack->hdr = h;
	for (i = 0; i < nr; i++) {
		struct emld_entry *e = &pack->entries[i];

		e->pack = pack;
		e->index = i;
		e->name = pack->desc[i].name;
		e->state = EMLD_UNCHECKED;
		e->offset = EMLD_LE32(pack->desc[i].offset);
		e->size = EMLD_LE32(pack->desc[i].size);
	}
	return 0;

bad:
	pack->nr_entries = 0;
	pack->desc = NULL;
	return ret;
}

/* -------------------------------------------------------------------------
 * Entry body: items
 */
static int parse_items(struct emld_entry *e, const u8 *body,
		       struct emld_error *err)
{
	u32 off = 0, seen = 0, bad;

	while (off < e->size) {
		const struct earlymod_item *it = (const void *)(body + off);
		u32 ioff = e->offset + off;
		u32 type, length, entsize, recsize, pad;
		const void *payload;

		if (e->size - off < sizeof(*it))
			return emld_fail(err, -ENOEXEC, "item header truncated",
					 ioff, e->name);
		type = EMLD_LE32(it->type);
		length = EMLD_LE32(it->length);
		entsize = EMLD_LE32(it->entsize);
		if (type == 0 || type >= EARLYMOD_ITEM_MAX)
			return emld_fail(err, -ENOEXEC, "unknown item type",
					 ioff, e->name);
		if (EMLD_LE32(it->reserved))
			return emld_fail(err, -ENOEXEC,
					 "item reserved field not zero",
					 ioff + 12, e->name);
		if (off == 0 && type != EARLYMOD_ITEM_INFO)
			return emld_fail(err, -ENOEXEC, "first item is not INFO",
					 ioff, e->name);
		if (seen & (1U << type))
			return emld_fail(err, -ENOEXEC, "duplicate item", ioff,
					 e->name);
		seen |= 1U << type;
		off += sizeof(*it);
		if (length > e->size - off)
			return emld_fail(err, -ENOEXEC,
					 "item length beyond the entry",
					 ioff + 4, e->name);
		recsize = item_recsize[type];
		if (entsize != recsize)
			return emld_fail(err, -ENOEXEC,
					 "item entsize does not match its record",
					 ioff + 8, e->name);
		if (recsize && length % recsize)
			return emld_fail(err, -ENOEXEC,
					 "item length not a multiple of its entsize",
					 ioff + 4, e->name);

		payload = body + off;
		e->item_offset[type] = e->offset + off;
		switch (type) {
		case EARLYMOD_ITEM_INFO:
			if (length != sizeof(struct earlymod_info))
				return emld_fail(err, -ENOEXEC,
						 "INFO item is not one record",
						 ioff + 4, e->name);
			e->info = payload;
			break;
		case EARLYMOD_ITEM_DEPS:
			e->deps = payload;
			e->nr_deps = length / recsize;
			break;
		case EARLYMOD_ITEM_RULES:
			e->rules = payload;
			e->nr_rules = length / recsize;
			break;
		case EARLYMOD_ITEM_CLASSES:
			if (length / recsize != EARLYMOD_NR_CLASSES)
				return emld_fail(err, -ENOEXEC,
						 "CLASSES item does not have one record per class",
						 ioff + 4, e->name);
			e->classes = payload;
			break;
		case EARLYMOD_ITEM_IMAGE:
			e->image = payload;
			e->image_size = length;
			break;
		case EARLYMOD_ITEM_RELOCS:
			e->relocs = payload;
			e->nr_relocs = length / recsize;
			break;
		case EARLYMOD_ITEM_FIXUPS:
			e->fixups = payload;
			e->nr_fixups = length / recsize;
			break;
		case EARLYMOD_ITEM_SPECIAL:
			e->specials = payload;
			e->nr_specials = length / recsize;
			break;
		case EARLYMOD_ITEM_SYMS:
			e->syms = payload;
			e->nr_syms = length / recsize;
			break;
		case EARLYMOD_ITEM_STRTAB:
			e->strtab = payload;
			e->strtab_size = length;
			break;
		}

		/* off + length <= size < 2^26: neither sum can overflow */
		off += length;
		if (off == e->size)
			break;	/* the last item's padding is not in the body */
		pad = earlymod_align(off) - off;
		if (pad > e->size - off)
			return emld_fail(err, -ENOEXEC,
					 "entry ends inside item padding",
					 e->offset + off, e->name);
		if (!emld_all_zero(body + off, pad, &bad))
			return emld_fail(err, -ENOEXEC, "item padding not zero",
					 e->offset + off + bad, e->name);
		off += pad;
	}
	if (!e->info)
		return emld_fail(err, -ENOEXEC, "entry has no INFO item",
				 e->offset, e->name);
	if (!e->classes)
		return emld_fail(err, -ENOEXEC, "entry has no CLASSES item",
				 e->offset, e->name);
	return 0;
}

/* -------------------------------------------------------------------------
 * Entry body: records
 */
static int check_info(struct emld_entry *e, struct emld_error *err)
{
	const struct earlymod_info *in = e->info;
	const struct emld_pack *pack = e->pack;
	u32 bad;

	if (emld_memcmp(in->name, pack->desc[e->index].name,
			EARLYMOD_NAME_LEN))
		return emld_fail(err, -ENOEXEC,
				 "INFO name differs from the entry table",
				 emld_pack_off(pack, in->name), e->name);
	switch (check_str(in->version, EARLYMOD_VERSION_LEN, &bad)) {
	case STR_UNTERMINATED:
		return emld_fail(err, -ENOEXEC, "INFO version not NUL-terminated",
				 emld_pack_off(pack, in->version) + bad,
				 e->name);
	case STR_PADDING:
		return emld_fail(err, -ENOEXEC, "INFO version padding not zero",
				 emld_pack_off(pack, in->version) + bad,
				 e->name);
	case STR_OK:
		break;
	}
	if (EMLD_LE32(in->stage) >= EMLD_ARRAY_SIZE(stage_names) ||
	    !stage_names[EMLD_LE32(in->stage)])
		return emld_fail(err, -ENOEXEC, "unknown stage",
				 emld_pack_off(pack, &in->stage), e->name);
	if (EMLD_LE32(in->flags) & ~(u32)EARLYMOD_F_ALL)
		return emld_fail(err, -ENOEXEC, "unknown entry flags",
				 emld_pack_off(pack, &in->flags), e->name);
	if (!emld_all_zero(in->reserved, sizeof(in->reserved), &bad))
		return emld_fail(err, -ENOEXEC, "INFO reserved field not zero",
				 emld_pack_off(pack, in->reserved) + bad,
				 e->name);
	return 0;
}

static int check_deps(struct emld_entry *e, struct emld_error *err)
{
	const struct emld_pack *pack = e->pack;
	u32 i, j, bad;

	if (e->nr_deps > EARLYMOD_MAX_DEPS)
		return emld_fail(err, -E2BIG, "too many dependencies",
				 e->item_offset[EARLYMOD_ITEM_DEPS], e->name);
	for (i = 0; i < e->nr_deps; i++) {
		const char *name = e->deps[i].name;
		u32 off = emld_pack_off(pack, name);

		switch (check_str(name, EARLYMOD_NAME_LEN, &bad)) {
		case STR_UNTERMINATED:
			return emld_fail(err, -ENOEXEC,
					 "dependency name not NUL-terminated",
					 off + bad, e->name);
		case STR_PADDING:
			return emld_fail(err, -ENOEXEC,
					 "dependency name padding not zero",
					 off + bad, e->name);
		case STR_OK:
			break;
		}
		if (!emld_memcmp(name, e->name, EARLYMOD_NAME_LEN))
			return emld_fail(err, -ENOEXEC, "entry depends on itself",
					 off, e->name);
		for (j = 0; j < i; j++) {
			if (!emld_memcmp(name, e->deps[j].name,
					 EARLYMOD_NAME_LEN))
				return emld_fail(err, -ENOEXEC,
						 "duplicate dependency", off,
						 e->name);
		}
		for (j = 0; j < pack->nr_entries; j++) {
			if (!emld_memcmp(name, pack->desc[j].name,
					 EARLYMOD_NAME_LEN))
				break;
		}
		if (j == pack->nr_entries)
			return emld_fail(err, -ENOENT,
					 "dependency not in the pack", off,
					 e->name);
		e->dep[i] = (u8)j;
	}
	return 0;
}

static const char *const xen_domains[] = {
#define X(n, s) s,
	EARLYMOD_XEN_DOMAINS(X)
#undef X
};

/* A XEN rule's string: a kind of EARLYMOD_XEN_DOMAINS, dom0, or "" (no Xen). */
static int xen_domain_known(const char *s)
{
	u32 i;

	if (!s[0] || emld_str_eq(s, EARLYMOD_XEN_DOM0))
		return 1;
	for (i = 0; i < EMLD_ARRAY_SIZE(xen_domains); i++)
		if (emld_str_eq(s, xen_domains[i]))
			return 1;
	return 0;
}

static int check_rules(struct emld_entry *e, struct emld_error *err)
{
	const struct emld_pack *pack = e->pack;
	u32 i, bad;

	if (e->nr_rules > EARLYMOD_MAX_RULES)
		return emld_fail(err, -E2BIG, "too many rules",
				 e->item_offset[EARLYMOD_ITEM_RULES], e->name);
	for (i = 0; i < e->nr_rules; i++) {
		const struct earlymod_rule *r = &e->rules[i];
		u32 roff = emld_pack_off(pack, r);
		u32 type = EMLD_LE16(r->type), arg0 = EMLD_LE32(r->arg0);
		u32 flags = EMLD_LE16(r->flags);
		u32 how = flags & (EARLYMOD_RULE_DMI_EXACT |
				   EARLYMOD_RULE_DMI_SUBSTR);

		if (type == 0 || type >= EARLYMOD_RULE_MAX)
			return emld_fail(err, -ENOEXEC, "unknown rule type", roff,
					 e->name);
		if (flags & EARLYMOD_RULE_DMI_TABLE)
			return emld_fail(err, -ENOEXEC,
					 "DMI table rule not expanded by mkearlymod",
					 roff + 2, e->name);
		if (flags & ~(u32)EARLYMOD_RULE_FLAGS)
			return emld_fail(err, -ENOEXEC, "unknown rule flags",
					 roff + 2, e->name);
		if (how && (type != EARLYMOD_RULE_DMI ||
			    how == (EARLYMOD_RULE_DMI_EXACT |
				    EARLYMOD_RULE_DMI_SUBSTR)))
			return emld_fail(err, -ENOEXEC,
					 "rule flags not valid for the rule type",
					 roff + 2, e->name);
		if (!emld_all_zero(r->reserved, sizeof(r->reserved), &bad))
			return emld_fail(err, -ENOEXEC,
					 "rule reserved field not zero",
					 emld_pack_off(pack, r->reserved) + bad,
					 e->name);
		switch (check_str(r->str, EARLYMOD_RULE_STR_LEN, &bad)) {
		case STR_UNTERMINATED:
			return emld_fail(err, -ENOEXEC,
					 "rule string not NUL-terminated",
					 emld_pack_off(pack, r->str) + bad,
					 e->name);
		case STR_PADDING:
			return emld_fail(err, -ENOEXEC,
					 "rule string padding not zero",
					 emld_pack_off(pack, r->str) + bad,
					 e->name);
		case STR_OK:
			break;
		}
		switch (type) {
		case EARLYMOD_RULE_ACPI_TABLE:
			if (str_len(r->str, EARLYMOD_RULE_STR_LEN) != 4)
				return emld_fail(err, -ENOEXEC,
						 "ACPI rule signature is not 4 characters",
						 emld_pack_off(pack, r->str),
						 e->name);
			fallthrough;
		case EARLYMOD_RULE_CPU_VENDOR:
		case EARLYMOD_RULE_HYPERVISOR:
			if (arg0)
				return emld_fail(err, -ENOEXEC,
						 "rule argument not zero",
						 roff + 4, e->name);
			break;
		case EARLYMOD_RULE_DMI:
			if (EARLYMOD_DMI_FIELD(arg0) == 0 ||
			    EARLYMOD_DMI_FIELD(arg0) >= EARLYMOD_DMI_MAX)
				return emld_fail(err, -ENOEXEC,
						 "unknown DMI field", roff + 4,
						 e->name);
			if (EARLYMOD_DMI_SET(arg0) &&
			    (flags & EARLYMOD_RULE_NOT))
				return emld_fail(err, -ENOEXEC,
						 "negated DMI rule in a set",
						 roff + 2, e->name);
			break;
		case EARLYMOD_RULE_PCI:
			if (r->str[0])
				return emld_fail(err, -ENOEXEC,
						 "PCI rule has a string",
						 emld_pack_off(pack, r->str),
						 e->name);
			break;
		case EARLYMOD_RULE_XEN:
			if (arg0)
				return emld_fail(err, -ENOEXEC,
						 "rule argument not zero",
						 roff + 4, e->name);
			if (!xen_domain_known(r->str))
				return emld_fail(err, -ENOEXEC,
						 "unknown Xen domain kind",
						 emld_pack_off(pack, r->str),
						 e->name);
			break;
		}
	}
	return 0;
}

static int check_classes(struct emld_entry *e, struct emld_error *err)
{
	const struct emld_pack *pack = e->pack;
	u32 c;

	for (c = 0; c < EARLYMOD_NR_CLASSES; c++) {
		const struct earlymod_class *k = &e->classes[c];
		u32 koff = emld_pack_off(pack, k);
		u32 size = EMLD_LE32(k->size), align = EMLD_LE32(k->align);
		u32 fsize = EMLD_LE32(k->file_size);
		u32 foff = EMLD_LE32(k->file_offset);

		if (align == 0 || (align & (align - 1)))
			return emld_fail(err, -ENOEXEC,
					 "class alignment not a power of two",
					 koff + 4, e->name);
		if (align > EARLYMOD_MAX_CLASS_ALIGN)
			return emld_fail(err, -E2BIG,
					 "class alignment above EARLYMOD_MAX_CLASS_ALIGN",
					 koff + 4, e->name);
		if (fsize > size)
			return emld_fail(err, -ENOEXEC,
					 "class file size above its size",
					 koff + 8, e->name);
		if (c == EARLYMOD_CLASS_BSS && fsize)
			return emld_fail(err, -ENOEXEC, "BSS class has file bytes",
					 koff + 8, e->name);
		if (foff > e->image_size || fsize > e->image_size - foff)
			return emld_fail(err, -ENOEXEC,
					 "class bytes outside IMAGE", koff + 12,
					 e->name);
	}
	return 0;
}

static inline u32 class_size(const struct emld_entry *e, u32 c)
{
	return EMLD_LE32(e->classes[c].size);
}

static int check_relocs(struct emld_entry *e, struct emld_error *err)
{
	const struct emld_pack *pack = e->pack;
	u32 i;

	for (i = 0; i < e->nr_relocs; i++) {
		const struct earlymod_reloc *r = &e->relocs[i];
		u32 roff = emld_pack_off(pack, r);
		u32 off = EMLD_LE32(r->offset), width, size;
		u32 dep = EMLD_LE16(r->dep_index);

		if (r->site_class >= EARLYMOD_NR_CLASSES)
			return emld_fail(err, -ENOEXEC,
					 "relocation site class unknown",
					 roff + 4, e->name);
		if (r->site_class == EARLYMOD_CLASS_BSS)
			return emld_fail(err, -ENOEXEC, "relocation site in BSS",
					 roff + 4, e->name);
		width = emld_reloc_width(r->type);
		if (!width)
			return emld_fail(err, -ENOEXEC, "unknown relocation type",
					 roff + 5, e->name);
		size = class_size(e, r->site_class);
		if (off > size || width > size - off)
			return emld_fail(err, -ENOEXEC,
					 "relocation outside its class", roff,
					 e->name);
		switch (r->target) {
		case EARLYMOD_TGT_LOCAL:
		case EARLYMOD_TGT_DEP:
			if (r->target_class >= EARLYMOD_NR_CLASSES)
				return emld_fail(err, -ENOEXEC,
						 "relocation target class unknown",
						 roff + 7, e->name);
			if (r->target == EARLYMOD_TGT_LOCAL && dep)
				return emld_fail(err, -ENOEXEC,
						 "unused relocation field not zero",
						 roff + 8, e->name);
			if (r->target == EARLYMOD_TGT_DEP && dep >= e->nr_deps)
				return emld_fail(err, -ENOEXEC,
						 "relocation dependency index out of range",
						 roff + 8, e->name);
			break;
		case EARLYMOD_TGT_VMLINUX:
		case EARLYMOD_TGT_PERCPU:
			if (r->target_class)
				return emld_fail(err, -ENOEXEC,
						 "unused relocation field not zero",
						 roff + 7, e->name);
			if (dep)
				return emld_fail(err, -ENOEXEC,
						 "unused relocation field not zero",
						 roff + 8, e->name);
			break;
		default:
			return emld_fail(err, -ENOEXEC,
					 "unknown relocation target kind",
					 roff + 6, e->name);
		}
		if (EMLD_LE16(r->reserved) || EMLD_LE32(r->reserved2))
			return emld_fail(err, -ENOEXEC,
					 "relocation reserved field not zero",
					 roff + 10, e->name);
	}
	return 0;
}

static int check_fixups(struct emld_entry *e, struct emld_error *err)
{
	const struct emld_pack *pack = e->pack;
	u64 prev_site = 0;
	u32 prev_width = 0, i, bad;

	for (i = 0; i < e->nr_fixups; i++) {
		const struct earlymod_fixup *f = &e->fixups[i];
		u32 foff = emld_pack_off(pack, f);
		u64 site = EMLD_LE64(f->site);
		s64 value = (s64)EMLD_LE64(f->value), lo;
		u32 width;

		switch (f->type) {
		case EARLYMOD_R_X86_64_64:
		case EARLYMOD_R_X86_64_PC32:
		case EARLYMOD_R_X86_64_PLT32:
		case EARLYMOD_R_X86_64_32S:
		case EARLYMOD_R_X86_64_PC64:
			break;
		default:
			return emld_fail(err, -ENOEXEC, "fixup type not allowed",
					 foff + 24, e->name);
		}
		width = emld_reloc_width(f->type);
		if (f->class >= EARLYMOD_NR_CLASSES)
			return emld_fail(err, -ENOEXEC, "fixup class unknown",
					 foff + 25, e->name);
		if (!emld_all_zero(f->reserved, sizeof(f->reserved), &bad))
			return emld_fail(err, -ENOEXEC,
					 "fixup reserved field not zero",
					 foff + 26 + bad, e->name);
		/*
		 * value is the target's offset in its class plus the addend.
		 * PC-relative addends are minus the distance from the field
		 * to the end of its instruction: at most 8 on x86.
		 */
		lo = emld_reloc_is_pc(f->type) ? -8 : 0;
		if (value < lo || value > (s64)class_size(e, f->class))
			return emld_fail(err, -ENOEXEC,
					 "fixup value outside its class",
					 foff + 16, e->name);
		if (i && (site < prev_site || site - prev_site < prev_width))
			return emld_fail(err, -ENOEXEC,
					 "fixups not sorted by site or overlapping",
					 foff, e->name);
		prev_site = site;
		prev_width = width;
	}
	return 0;
}

static int check_specials(struct emld_entry *e, struct emld_error *err)
{
	const struct emld_pack *pack = e->pack;
	u32 i;

	for (i = 0; i < e->nr_specials; i++) {
		const struct earlymod_special *s = &e->specials[i];
		u32 soff = emld_pack_off(pack, s);
		u32 kind = EMLD_LE32(s->kind), arg = EMLD_LE32(s->arg);
		u32 cls = EMLD_LE32(s->class), off = EMLD_LE32(s->offset);
		u32 size = EMLD_LE32(s->size), entsize = EMLD_LE32(s->entsize);
		u32 max_arg = 0;

		if (kind == 0 || kind >= EARLYMOD_SPECIAL_MAX)
			return emld_fail(err, -ENOEXEC,
					 "unknown special table kind", soff,
					 e->name);
		if (kind == EARLYMOD_SPECIAL_INITCALL)
			max_arg = EARLYMOD_INITCALL_ROOTFS;
		else if (kind == EARLYMOD_SPECIAL_PCI_FIXUP)
			max_arg = EARLYMOD_PCI_FIXUP_SUSPEND_LATE;
		if (arg > max_arg)
			return emld_fail(err, -ENOEXEC,
					 "special table argument out of range",
					 soff + 4, e->name);
		if (cls >= EARLYMOD_NR_CLASSES)
			return emld_fail(err, -ENOEXEC,
					 "special table class unknown",
					 soff + 8, e->name);
		if (off > class_size(e, cls) || size > class_size(e, cls) - off)
			return emld_fail(err, -ENOEXEC,
					 "special table outside its class",
					 soff + 12, e->name);
		if (entsize && size % entsize)
			return emld_fail(err, -ENOEXEC,
					 "special table size not a multiple of its entsize",
					 soff + 16, e->name);
	}
	return 0;
}

static int check_strtab(struct emld_entry *e, struct emld_error *err)
{
	if (e->strtab_size && e->strtab[e->strtab_size - 1])
		return emld_fail(err, -ENOEXEC,
				 "string table not NUL-terminated",
				 e->item_offset[EARLYMOD_ITEM_STRTAB] +
				 e->strtab_size - 1, e->name);
	return 0;
}

static int check_syms(struct emld_entry *e, struct emld_error *err)
{
	const struct emld_pack *pack = e->pack;
	u32 i;

	for (i = 0; i < e->nr_syms; i++) {
		const struct earlymod_sym *s = &e->syms[i];
		u32 soff = emld_pack_off(pack, s);
		u32 value = EMLD_LE32(s->value), size = EMLD_LE32(s->size);

		if (EMLD_LE32(s->name) >= e->strtab_size)
			return emld_fail(err, -ENOEXEC,
					 "symbol name outside the string table",
					 soff, e->name);
		if (s->class >= EARLYMOD_NR_CLASSES)
			return emld_fail(err, -ENOEXEC, "symbol class unknown",
					 soff + 12, e->name);
		if (value > class_size(e, s->class) ||
		    size > class_size(e, s->class) - value)
			return emld_fail(err, -ENOEXEC, "symbol outside its class",
					 soff + 4, e->name);
		if (s->type != EARLYMOD_SYM_FUNC &&
		    s->type != EARLYMOD_SYM_OBJECT)
			return emld_fail(err, -ENOEXEC, "unknown symbol type",
					 soff + 13, e->name);
		if (s->flags & ~EARLYMOD_SYM_F_GLOBAL)
			return emld_fail(err, -ENOEXEC, "unknown symbol flags",
					 soff + 14, e->name);
		if (s->reserved)
			return emld_fail(err, -ENOEXEC,
					 "symbol reserved field not zero",
					 soff + 15, e->name);
	}
	return 0;
}

static void reset_entry(struct emld_entry *e)
{
	struct emld_pack *pack = e->pack;
	u32 index = e->index, offset = e->offset, size = e->size;
	const char *name = e->name;

	emld_memset(e, 0, sizeof(*e));
	e->pack = pack;
	e->index = index;
	e->name = name;
	e->offset = offset;
	e->size = size;
}

int emld_entry_validate(struct emld_pack *pack, u32 idx,
			struct emld_error *err)
{
	struct emld_entry *e;
	const u8 *body;
	int ret;

	emld_clear_error(err);
	if (!pack || !pack->hdr || idx >= pack->nr_entries)
		return emld_fail(err, -EINVAL, "no such entry", EMLD_NO_OFFSET,
				 NULL);
	e = &pack->entries[idx];
	reset_entry(e);
	e->state = EMLD_REJECTED;
	body = pack->base + e->offset;

	if (earlymod_crc32c(0, body, e->size) !=
	    EMLD_LE32(pack->desc[idx].crc))
		return emld_fail(err, -EBADMSG, "entry checksum mismatch",
				 e->offset, e->name);
	ret = parse_items(e, body, err);
	if (!ret)
		ret = check_info(e, err);
	if (!ret)
		ret = check_deps(e, err);
	if (!ret)
		ret = check_rules(e, err);
	if (!ret)
		ret = check_classes(e, err);
	if (!ret)
		ret = check_relocs(e, err);
	if (!ret)
		ret = check_fixups(e, err);
	if (!ret)
		ret = check_specials(e, err);
	if (!ret)
		ret = check_strtab(e, err);
	if (!ret)
		ret = check_syms(e, err);
	if (ret) {
		reset_entry(e);
		e->state = EMLD_REJECTED;
		return ret;
	}
	e->state = EMLD_VALID;
	return 0;
}

/* -------------------------------------------------------------------------
 * Moving a validated pack
 */
/* addresses as integers: the two copies are different objects */
#define EMLD_MOVE(p, delta)						\
	do {								\
		if (p)							\
			(p) = (const void *)((unsigned long)(p) + (delta)); \
	} while (0)

void emld_pack_rebase(struct emld_pack *pack, const void *base)
{
	unsigned long delta = (unsigned long)base - (unsigned long)pack->base;
	u32 i;

	if (!pack->base || !delta)
		return;
	pack->base = base;
	EMLD_MOVE(pack->hdr, delta);
	EMLD_MOVE(pack->desc, delta);
	for (i = 0; i < pack->nr_entries; i++) {
		struct emld_entry *e = &pack->entries[i];

		EMLD_MOVE(e->name, delta);
		EMLD_MOVE(e->info, delta);
		EMLD_MOVE(e->deps, delta);
		EMLD_MOVE(e->rules, delta);
		EMLD_MOVE(e->classes, delta);
		EMLD_MOVE(e->image, delta);
		EMLD_MOVE(e->relocs, delta);
		EMLD_MOVE(e->fixups, delta);
		EMLD_MOVE(e->specials, delta);
		EMLD_MOVE(e->syms, delta);
		EMLD_MOVE(e->strtab, delta);
	}
}
