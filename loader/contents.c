// SPDX-License-Identifier: GPL-2.0
/*
 * What the relocated special tables of an entry point at (loader.h:
 * emld_check_contents()).  Addresses are runtime addresses: a field's
 * PC-relative value is taken from where the field will be at run time
 * (e->base), and read from where it was written (e->mem).
 */
#include "internal.h"

/* [a, a + len) in class c; with end_ok and len 0, a may be its end */
static int in_class(const struct emld_entry *e, u32 c, u64 a, u32 len,
		    int end_ok)
{
	u64 b = e->base[c], n = EMLD_LE32(e->classes[c].size);

	if (a - b < n)
		return len <= n - (a - b);
	return end_ok && !len && n && a == b + n;
}

static int points_into(const struct emld_entry *e, u64 a, u32 len,
		       u32 where, int end_ok)
{
	u32 c;

	for (c = 0; c < EARLYMOD_NR_CLASSES; c++)
		if ((where & (1u << c)) && in_class(e, c, a, len, end_ok))
			return 1;
	return 0;
}

const char *emld_check_contents(const struct emld_entry *e,
				const struct earlymod_special *s,
				const struct emld_table_layout *l)
{
	u32 c = EMLD_LE32(s->class), off = EMLD_LE32(s->offset);
	u32 size = EMLD_LE32(s->size), i, k;

	if (e->state < EMLD_RELOCATED || c >= EARLYMOD_NR_CLASSES ||
	    c == EARLYMOD_CLASS_BSS || c == EARLYMOD_CLASS_PERCPU)
		return "special table: not in a relocated class";
	if (!l->rec || size % l->rec)
		return "special table: not a whole number of records";
	if (off > EMLD_LE32(e->classes[c].size) ||
	    size > EMLD_LE32(e->classes[c].size) - off)
		return "special table: outside its class";
	for (i = 0; i < size; i += l->rec) {
		const u8 *rec = e->mem[c] + off + i;
		u64 at = e->base[c] + off + i;

		for (k = 0; k < l->nr_fields && k < EMLD_MAX_FIELDS; k++) {
			const struct emld_field *f = &l->field[k];
			u64 a;

			if (f->if_nonzero && !rec[f->if_nonzero - 1])
				continue;
			if (f->rel) {
				s32 v;

				emld_memcpy(&v, rec + f->offset, sizeof(v));
				a = at + f->offset + (u64)(s64)(s32)EMLD_LE32(v);
			} else {
				u64 v;

				emld_memcpy(&v, rec + f->offset, sizeof(v));
				a = EMLD_LE64(v);
			}
			if (!points_into(e, a, f->len_at ? rec[f->len_at - 1] : 0,
					 f->where, f->end_ok))
				return l->msg;
		}
	}
	return NULL;
}
