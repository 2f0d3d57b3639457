// SPDX-License-Identifier: GPL-2.0
/*
 * tests/unit/packgen.c: the test-only pack writer (see packgen.h).
 *
 * Written from docs/pack-format.md, not from the loader: a second producer
 * in miniature.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "packgen.h"

#define HDR_SIZE	sizeof(struct earlymod_pack_header)
#define DESC_SIZE	sizeof(struct earlymod_entry_desc)

struct wbuf {
	uint8_t *p;
	uint32_t len, cap;
};

static void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n);
	if (!p) {
		fprintf(stderr, "packgen: out of memory\n");
		exit(2);
	}
	return p;
}

static void w_reserve(struct wbuf *w, uint32_t n)
{
	if (w->cap - w->len >= n)
		return;
	while (w->cap - w->len < n)
		w->cap = w->cap ? w->cap * 2 : 4096;
	w->p = xrealloc(w->p, w->cap);
}

static void w_bytes(struct wbuf *w, const void *d, uint32_t n)
{
	w_reserve(w, n);
	if (d)
		memcpy(w->p + w->len, d, n);
	else
		memset(w->p + w->len, 0, n);
	w->len += n;
}

static void w_pad(struct wbuf *w)
{
	static const uint8_t zero[EARLYMOD_ALIGN];

	w_bytes(w, zero, earlymod_align(w->len) - w->len);
}

/* One item: header, payload, padding.  Returns the header's body offset. */
static uint32_t w_item(struct wbuf *w, uint32_t type, uint32_t entsize,
		       const void *data, uint32_t length)
{
	struct earlymod_item it = {
		.type = type, .length = length, .entsize = entsize,
	};
	uint32_t at;

	w_pad(w);
	at = w->len;
	w_bytes(w, &it, sizeof(it));
	w_bytes(w, data, length);
	return at;
}

/* Copy at most @cap bytes of @src; NUL-padded; unterminated if it is long. */
static void copy_str(char *dst, uint32_t cap, const char *src)
{
	size_t n = src ? strlen(src) : 0;

	memset(dst, 0, cap);
	memcpy(dst, src ? src : "", n < cap ? n : cap);
}

static void set_name(char *dst, const char *src)
{
	copy_str(dst, EARLYMOD_NAME_LEN, src);
}

static void build_body(const struct pg_entry *e, struct wbuf *w,
		       uint32_t item_hdr[EARLYMOD_ITEM_MAX])
{
	struct earlymod_info info;
	struct earlymod_dep deps[PG_MAX_DEPS];
	struct earlymod_class cls[EARLYMOD_NR_CLASSES];
	struct wbuf img = { 0 };
	uint32_t i, c;

	memset(&info, 0, sizeof(info));
	set_name(info.name, e->name);
	copy_str(info.version, EARLYMOD_VERSION_LEN,
		 e->version ? e->version : "1");
	info.stage = e->stage ? e->stage : EARLYMOD_STAGE_PLATFORM;
	info.flags = e->flags;
	info.group = e->group;
	info.priority = (uint32_t)e->priority;
	item_hdr[EARLYMOD_ITEM_INFO] =
		w_item(w, EARLYMOD_ITEM_INFO, sizeof(info), &info,
		       sizeof(info));

	if (e->nr_deps) {
		memset(deps, 0, sizeof(deps));
		for (i = 0; i < e->nr_deps; i++)
			set_name(deps[i].name, e->deps[i]);
		item_hdr[EARLYMOD_ITEM_DEPS] =
			w_item(w, EARLYMOD_ITEM_DEPS, sizeof(deps[0]), deps,
			       e->nr_deps * sizeof(deps[0]));
	}
	if (e->nr_rules)
		item_hdr[EARLYMOD_ITEM_RULES] =
			w_item(w, EARLYMOD_ITEM_RULES, sizeof(*e->rules),
			       e->rules, e->nr_rules * sizeof(*e->rules));

	memset(cls, 0, sizeof(cls));
	for (c = 0; c < EARLYMOD_NR_CLASSES; c++) {
		const struct pg_class *k = &e->classes[c];

		cls[c].size = k->size;
		cls[c].align = k->align ? k->align : 1;
		cls[c].file_size = k->bytes ? k->file_size : 0;
		cls[c].file_offset = k->bytes ? img.len : 0;
		if (k->bytes)
			w_bytes(&img, k->bytes, k->file_size);
	}
	if (!e->no_classes)
		item_hdr[EARLYMOD_ITEM_CLASSES] =
			w_item(w, EARLYMOD_ITEM_CLASSES, sizeof(cls[0]), cls,
			       sizeof(cls));
	if (img.len)
		item_hdr[EARLYMOD_ITEM_IMAGE] =
			w_item(w, EARLYMOD_ITEM_IMAGE, 0, img.p, img.len);
	free(img.p);
	if (e->nr_relocs)
		item_hdr[EARLYMOD_ITEM_RELOCS] =
			w_item(w, EARLYMOD_ITEM_RELOCS, sizeof(*e->relocs),
			       e->relocs, e->nr_relocs * sizeof(*e->relocs));
	if (e->nr_fixups)
		item_hdr[EARLYMOD_ITEM_FIXUPS] =
			w_item(w, EARLYMOD_ITEM_FIXUPS, sizeof(*e->fixups),
			       e->fixups, e->nr_fixups * sizeof(*e->fixups));
	if (e->nr_specials)
		item_hdr[EARLYMOD_ITEM_SPECIAL] =
			w_item(w, EARLYMOD_ITEM_SPECIAL, sizeof(*e->specials),
			       e->specials,
			       e->nr_specials * sizeof(*e->specials));
	if (e->nr_syms)
		item_hdr[EARLYMOD_ITEM_SYMS] =
			w_item(w, EARLYMOD_ITEM_SYMS, sizeof(*e->syms),
			       e->syms, e->nr_syms * sizeof(*e->syms));
	if (e->strtab)
		item_hdr[EARLYMOD_ITEM_STRTAB] =
			w_item(w, EARLYMOD_ITEM_STRTAB, 0, e->strtab,
			       e->strtab_size);
	for (i = 0; i < e->nr_extra; i++) {
		const struct pg_item *x = &e->extra[i];
		uint32_t at = w_item(w, x->type, x->entsize, x->data,
				     x->length);

		if (x->type < EARLYMOD_ITEM_MAX && !item_hdr[x->type])
			item_hdr[x->type] = at;
	}
}

int pg_build(const struct pg_pack *p, struct pg_out *o)
{
	struct earlymod_pack_header h;
	struct wbuf w = { 0 };
	uint32_t i;

	memset(o, 0, sizeof(*o));
	if (p->nr_entries > PG_MAX_ENTRIES)
		return -1;
	w_bytes(&w, NULL, HDR_SIZE + p->nr_entries * DESC_SIZE);
	for (i = 0; i < p->nr_entries; i++) {
		const struct pg_entry *e = &p->entries[i];
		struct earlymod_entry_desc d;
		uint32_t start;

		w_pad(&w);
		start = w.len;
		build_body(e, &w, o->item_hdr[i]);	/* pack offsets */
		memset(&d, 0, sizeof(d));
		set_name(d.name, e->name);
		d.offset = start;
		d.size = w.len - start;
		o->entry_off[i] = start;
		o->entry_size[i] = d.size;
		memcpy(w.p + HDR_SIZE + i * DESC_SIZE, &d, sizeof(d));
	}

	memset(&h, 0, sizeof(h));
	h.magic = EARLYMOD_PACK_MAGIC;
	h.version = EARLYMOD_VERSION;
	h.header_size = HDR_SIZE;
	h.total_size = w.len;
	h.nr_entries = p->nr_entries;
	h.entry_size = DESC_SIZE;
	h.build_id_size = p->build_id_size;
	if (p->build_id)
		memcpy(h.build_id, p->build_id,
		       p->build_id_size < EARLYMOD_BUILD_ID_MAX ?
		       p->build_id_size : EARLYMOD_BUILD_ID_MAX);
	h.link_text = p->link_text;
	h.link_percpu_end = p->link_percpu_end;
	memcpy(w.p, &h, sizeof(h));

	/* slack after the pack, zeroed, so tests can append or pad */
	o->len = w.len;
	w_bytes(&w, NULL, 64);
	o->buf = w.p;
	o->cap = w.len;
	o->nr_entries = p->nr_entries;
	pg_fix_crcs(o);
	return 0;
}

void pg_free(struct pg_out *o)
{
	free(o->buf);
	o->buf = NULL;
}

void pg_fix_crcs(struct pg_out *o)
{
	struct earlymod_pack_header *h = (void *)o->buf;
	uint32_t nr = h->nr_entries, i, table, crc;

	if (nr > PG_MAX_ENTRIES)
		nr = 0;
	table = HDR_SIZE + nr * DESC_SIZE;
	if (table > o->cap)
		return;
	for (i = 0; i < nr; i++) {
		struct earlymod_entry_desc *d =
			(void *)(o->buf + HDR_SIZE + i * DESC_SIZE);

		if (d->offset <= o->cap && d->size <= o->cap - d->offset)
			d->crc = earlymod_crc32c(0, o->buf + d->offset,
						 d->size);
	}
	h->hdr_crc = 0;
	crc = earlymod_crc32c(0, o->buf, table);
	h->hdr_crc = crc;
}

uint32_t pg_item(const struct pg_out *o, uint32_t i, uint32_t type)
{
	uint32_t at = o->item_hdr[i][type];

	return at ? at + (uint32_t)sizeof(struct earlymod_item) : 0;
}

uint32_t pg_desc(uint32_t i)
{
	return HDR_SIZE + i * DESC_SIZE;
}

void pg_put8(struct pg_out *o, uint32_t off, uint8_t v)
{
	o->buf[off] = v;
}

void pg_put16(struct pg_out *o, uint32_t off, uint16_t v)
{
	memcpy(o->buf + off, &v, 2);
}

void pg_put32(struct pg_out *o, uint32_t off, uint32_t v)
{
	memcpy(o->buf + off, &v, 4);
}

void pg_put64(struct pg_out *o, uint32_t off, uint64_t v)
{
	memcpy(o->buf + off, &v, 8);
}

uint32_t pg_get32(const struct pg_out *o, uint32_t off)
{
	uint32_t v;

	memcpy(&v, o->buf + off, 4);
	return v;
}

struct earlymod_rule pg_rule(uint32_t type, uint32_t flags, uint32_t arg0,
			     const char *str)
{
	struct earlymod_rule r;

	memset(&r, 0, sizeof(r));
	r.type = (uint16_t)type;
	r.flags = (uint16_t)flags;
	r.arg0 = arg0;
	copy_str(r.str, EARLYMOD_RULE_STR_LEN, str);
	return r;
}

struct earlymod_reloc pg_reloc(uint32_t site_class, uint32_t offset,
			       uint32_t type, uint32_t target,
			       uint32_t target_class, uint32_t dep_index,
			       int64_t value)
{
	struct earlymod_reloc r;

	memset(&r, 0, sizeof(r));
	r.offset = offset;
	r.site_class = (uint8_t)site_class;
	r.type = (uint8_t)type;
	r.target = (uint8_t)target;
	r.target_class = (uint8_t)target_class;
	r.dep_index = (uint16_t)dep_index;
	r.value = (uint64_t)value;
	return r;
}

struct earlymod_fixup pg_fixup(uint64_t site, uint64_t old_value,
			       int64_t value, uint32_t type, uint32_t class_id)
{
	struct earlymod_fixup f;

	memset(&f, 0, sizeof(f));
	f.site = site;
	f.old_value = old_value;
	f.value = (uint64_t)value;
	f.type = (uint8_t)type;
	f.class = (uint8_t)class_id;
	return f;
}
