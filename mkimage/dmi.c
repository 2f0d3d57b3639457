// SPDX-License-Identifier: GPL-2.0-only
/*
 * mkearlymod: a driver's DMI table as the entry's DMI rules.
 *
 * EARLYMOD_MATCH_DMI_TABLE(name) in an entry's source names a struct
 * dmi_system_id table of the entry's own objects: the same rows the driver
 * hands to dmi_first_match() when it starts.  Each row becomes one set of
 * DMI rules (all of a set must hold, any set may), each match one rule that
 * compares as the kernel does: DMI_MATCH() by substring, DMI_EXACT_MATCH()
 * by equality.  The layout read here is the one <linux/earlymod.h> states
 * and earlymod/facts.c checks against the kernel's own types.
 */
#include <stdlib.h>
#include <string.h>
#include "mkearlymod.h"

static const struct {
	unsigned int kernel;	/* enum dmi_field */
	unsigned int field;	/* EARLYMOD_DMI_* */
} dmi_fields[] = {
#define X(n, v, d, k) { k, v },
	EARLYMOD_DMIS(X)
#undef X
};

static unsigned int dmi_field_of(unsigned int kernel)
{
	size_t i;

	for (i = 0; i < sizeof(dmi_fields) / sizeof(dmi_fields[0]); i++)
		if (dmi_fields[i].kernel == kernel)
			return dmi_fields[i].field;
	return 0;
}

/* The one defined data symbol called @name, or 0 (reported). */
static size_t table_symbol(struct mk *mk, struct entry *e, const char *name)
{
	size_t i, found = 0, n = 0;

	for (i = 1; i < e->nsyms; i++) {
		const struct osym *o = &e->syms[i];

		if (GELF_ST_TYPE(o->sym.st_info) != STT_OBJECT ||
		    o->sym.st_shndx == SHN_UNDEF || o->sym.st_shndx == SHN_ABS ||
		    o->shndx >= e->nsecs || strcmp(o->name, name))
			continue;
		found = i;
		n++;
	}
	if (!n)
		mk_err(mk, "%s: %s: DMI table '%s' is not a data object of the entry",
		       e->path, EARLYMOD_SEC_RULES, name);
	else if (n > 1)
		mk_err(mk, "%s: %s: DMI table '%s' is defined %zu times in the entry",
		       e->path, EARLYMOD_SEC_RULES, name, n);
	return n == 1 ? found : 0;
}

/* A relocation against [off, off + len) of section @sec. */
static int relocated(const struct entry *e, size_t sec, uint64_t off,
		     uint64_t len)
{
	size_t i;

	for (i = 0; i < e->rels.n; i++) {
		const struct orel *r = VEC_AT(&e->rels, struct orel, i);

		if (r->sec == sec && r->off + 8 > off && r->off < off + len)
			return 1;
	}
	return 0;
}

static void put_rule(struct vec *out, unsigned int flags, unsigned int field,
		     unsigned int set, const char *str)
{
	struct earlymod_rule *r = vec_push(out);

	r->type = EARLYMOD_RULE_DMI;
	r->flags = flags;
	r->arg0 = EARLYMOD_DMI_ARG0(field, set);
	memcpy(r->str, str, strlen(str));
}

/* The rows of table @name as sets @*set + 1, ...; returns the rows made. */
static unsigned int expand_table(struct mk *mk, struct entry *e,
				 const char *name, unsigned int *set,
				 struct vec *out)
{
	const struct osym *o;
	const struct osec *s;
	uint64_t base, size, row, m;
	size_t idx = table_symbol(mk, e, name);

	if (!idx)
		return 0;
	o = &e->syms[idx];
	s = &e->secs[o->shndx];
	base = o->sym.st_value;
	size = o->sym.st_size;
	if (!s->bytes || s->sh.sh_type == SHT_NOBITS) {
		mk_err(mk, "%s: %s+0x%llx: DMI table '%s' has no contents in the object",
		       e->path, s->name, (unsigned long long)base, name);
		return 0;
	}
	if (size < EARLYMOD_DMI_ID_SIZE || size % EARLYMOD_DMI_ID_SIZE ||
	    base > s->sh.sh_size || size > s->sh.sh_size - base) {
		mk_err(mk, "%s: %s+0x%llx: DMI table '%s': %llu bytes, not whole rows of %u inside the section",
		       e->path, s->name, (unsigned long long)base, name,
		       (unsigned long long)size, EARLYMOD_DMI_ID_SIZE);
		return 0;
	}
	for (row = 0; row * EARLYMOD_DMI_ID_SIZE < size; row++) {
		uint64_t at = base + row * EARLYMOD_DMI_ID_SIZE + EARLYMOD_DMI_ID_MATCHES;
		const uint8_t *p = s->bytes + at;

		if (!(p[0] & 0x7f))	/* DMI_NONE: the end of the table */
			return row;
		if (relocated(e, o->shndx, at, EARLYMOD_DMI_ID_NR_MATCHES *
			      EARLYMOD_DMI_MATCH_SIZE)) {
			mk_err(mk, "%s: %s+0x%llx: DMI table '%s' row %llu: its matches are relocated",
			       e->path, s->name, (unsigned long long)at, name,
			       (unsigned long long)row);
			return 0;
		}
		if (*set >= EARLYMOD_DMI_MAX_SETS) {
			mk_err(mk, "%s: %s+0x%llx: DMI table '%s': more than %u rows in the entry",
			       e->path, s->name, (unsigned long long)at, name,
			       EARLYMOD_DMI_MAX_SETS);
			return 0;
		}
		++*set;
		for (m = 0; m < EARLYMOD_DMI_ID_NR_MATCHES; m++) {
			const uint8_t *q = p + m * EARLYMOD_DMI_MATCH_SIZE;
			const char *str = (const char *)q + 1;
			unsigned int slot = q[0] & 0x7f, field;
			uint64_t qat = at + m * EARLYMOD_DMI_MATCH_SIZE;

			if (!slot)
				break;
			field = dmi_field_of(slot);
			if (!field) {
				mk_err(mk, "%s: %s+0x%llx: DMI table '%s' row %llu: DMI field %u (enum dmi_field) is not one a rule can test",
				       e->path, s->name, (unsigned long long)qat,
				       name, (unsigned long long)row, slot);
				return 0;
			}
			if (!memchr(str, 0, EARLYMOD_DMI_MATCH_SIZE - 1) ||
			    strlen(str) >= EARLYMOD_RULE_STR_LEN) {
				mk_err(mk, "%s: %s+0x%llx: DMI table '%s' row %llu: string longer than a rule holds (%u)",
				       e->path, s->name, (unsigned long long)qat + 1,
				       name, (unsigned long long)row,
				       EARLYMOD_RULE_STR_LEN - 1);
				return 0;
			}
			put_rule(out, q[0] & 0x80 ? EARLYMOD_RULE_DMI_EXACT :
				 EARLYMOD_RULE_DMI_SUBSTR, field, *set, str);
		}
	}
	mk_err(mk, "%s: %s+0x%llx: DMI table '%s' has no terminating row",
	       e->path, s->name, (unsigned long long)base, name);
	return 0;
}

void expand_dmi_tables(struct mk *mk, struct entry *e)
{
	struct vec out;
	unsigned int set = 0, errors;
	size_t i;

	vec_init(&out, sizeof(struct earlymod_rule));
	for (i = 0; i < e->nrules; i++) {
		const struct earlymod_rule *r = &e->rules[i];
		char name[EARLYMOD_RULE_STR_LEN];

		if (!(r->flags & EARLYMOD_RULE_DMI_TABLE)) {
			*(struct earlymod_rule *)vec_push(&out) = *r;
			continue;
		}
		if (r->type != EARLYMOD_RULE_DMI ||
		    r->flags != EARLYMOD_RULE_DMI_TABLE || r->arg0 ||
		    !memchr(r->str, 0, sizeof(r->str))) {
			mk_err(mk, "%s: %s+0x%zx: malformed DMI table rule",
			       e->path, EARLYMOD_SEC_RULES, i * sizeof(*r));
			continue;
		}
		memcpy(name, r->str, sizeof(name));
		errors = mk->errors;
		if (!expand_table(mk, e, name, &set, &out) &&
		    mk->errors == errors)
			mk_err(mk, "%s: DMI table '%s' names no board",
			       e->path, name);
	}
	if (out.n > EARLYMOD_MAX_RULES)
		mk_err(mk, "%s: %zu rules, at most %u allowed", e->path,
		       out.n, EARLYMOD_MAX_RULES);
	free(e->rules);
	e->rules = out.p;
	e->nrules = out.n;
}
