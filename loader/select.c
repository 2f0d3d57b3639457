// SPDX-License-Identifier: GPL-2.0
/*
 * Decide which entries this machine links.
 *
 * Inputs: each valid entry's rules, flags, group, priority and dependencies,
 * the machine facts the caller collected, and the value of earlymod=.
 * Output: LINK or SKIP per entry with a short reason, and the link order.
 *
 * The semantics (docs/pack-format.md, "Selection"):
 *  - rules: same type OR, types AND, each NOT rule AND-ed; no rules: match;
 *  - earlymod=: NAME forces (rules and on-demand ignored), -NAME excludes,
 *    off disables everything; the last word about a name wins;
 *  - entries whose dependencies form a cycle are skipped;
 *  - a dependency must link at the same or an earlier stage;
 *  - per nonzero group at most one entry: a group already taken at an
 *    earlier stage stays taken; else forced beats unforced, then the
 *    highest priority, then the first in the pack;
 *  - an on-demand entry links only when a linked entry of its stage depends
 *    on it (and its own rules match or it is forced);
 *  - an entry whose dependency does not link does not link; the decisions
 *    are recomputed until nothing changes, so a group falls to the next
 *    candidate when its winner drops out.
 */
#include "internal.h"

#define NONE	0xff

enum { CMD_NONE, CMD_FORCE, CMD_EXCLUDE };

struct sel_ctx {
	struct emld_pack *pack;
	const struct emld_facts *facts;
	u8 cmd[EARLYMOD_MAX_ENTRIES];
	bool off;
	u64 cycle;		/* entries on a dependency cycle */
};

/* -------------------------------------------------------------------------
 * Reasons: a bounded string builder, no formatting library needed
 */
struct reason {
	char *buf;
	u32 len;
};

static void r_str(struct reason *r, const char *s)
{
	while (*s && r->len < EMLD_REASON_LEN - 1)
		r->buf[r->len++] = *s++;
	r->buf[r->len] = 0;
}

static void r_u32(struct reason *r, u32 v)
{
	char tmp[11];
	int n = 0;

	do {
		tmp[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (n && r->len < EMLD_REASON_LEN - 1)
		r->buf[r->len++] = tmp[--n];
	r->buf[r->len] = 0;
}

static void r_hex4(struct reason *r, u32 v)
{
	static const char hex[] = "0123456789abcdef";
	int i;

	for (i = 12; i >= 0 && r->len < EMLD_REASON_LEN - 1; i -= 4)
		r->buf[r->len++] = hex[(v >> i) & 15];
	r->buf[r->len] = 0;
}

static struct reason r_begin(struct emld_entry *e)
{
	struct reason r = { e->reason, 0 };

	e->reason[0] = 0;
	return r;
}

static void decide(struct emld_entry *e, enum emld_decision d,
		   const char *why)
{
	struct reason r = r_begin(e);

	e->decision = d;
	r_str(&r, why);
}

/* -------------------------------------------------------------------------
 * Rules
 */
/* Glob with `*` (any run) and `?` (any one character); no escapes. */
static bool glob_match(const char *pat, const char *s)
{
	const char *star = NULL, *resume = NULL;

	if (!s)
		s = "";
	while (*s) {
		if (*pat == '*') {
			star = ++pat;
			resume = s;
		} else if (*pat && (*pat == '?' || *pat == *s)) {
			pat++;
			s++;
		} else if (star) {
			pat = star;
			s = ++resume;
		} else {
			return false;
		}
	}
	while (*pat == '*')
		pat++;
	return !*pat;
}

/* @needle within @s, as strstr() */
static bool str_has(const char *s, const char *needle)
{
	for (; *s; s++) {
		const char *a = s, *b = needle;

		while (*b && *a == *b) {
			a++;
			b++;
		}
		if (!*b)
			return true;
	}
	return !*needle;
}

/* A DMI field (NULL: absent) against one rule, as its flags say. */
static bool dmi_holds(const struct earlymod_rule *r, const char *v)
{
	u32 flags = EMLD_LE16(r->flags);

	if (flags & EARLYMOD_RULE_DMI_EXACT)
		return v && emld_str_eq(v, r->str);
	if (flags & EARLYMOD_RULE_DMI_SUBSTR)
		return v && str_has(v, r->str);
	return glob_match(r->str, v);
}

static bool acpi_present(const struct emld_facts *f, const char *sig)
{
	const char *t = f->acpi_tables;

	if (f->acpi_present)
		return f->acpi_present(f->ctx, sig) != 0;
	if (!t)
		return false;
	for (; t[0] && t[1] && t[2] && t[3]; t += 4) {
		if (!emld_memcmp(t, sig, 4))
			return true;
	}
	return false;
}

static bool pci_present(const struct emld_facts *f, u16 vendor, u16 device)
{
	u32 i;

	if (f->pci_present)
		return f->pci_present(f->ctx, vendor, device) != 0;
	for (i = 0; f->pci_ids && i < f->nr_pci_ids; i++) {
		u32 id = f->pci_ids[i];

		if ((id & 0xffff) == vendor &&
		    (device == EARLYMOD_PCI_ANY || id >> 16 == device))
			return true;
	}
	return false;
}

/* A signature among the facts; "": none at all (bare metal). */
static bool hypervisor_found(const struct emld_facts *f, const char *sig)
{
	const char *const *h = f->hypervisors;

	if (!*sig)
		return !h || !h[0] || !h[0][0];
	for (; h && *h; h++)
		if (emld_str_eq(*h, sig))
			return true;
	return false;
}

static bool rule_holds(const struct earlymod_rule *r,
		       const struct emld_facts *f)
{
	u32 arg0 = EMLD_LE32(r->arg0);

	switch (EMLD_LE16(r->type)) {
	case EARLYMOD_RULE_ACPI_TABLE:
		return acpi_present(f, r->str);
	case EARLYMOD_RULE_CPU_VENDOR:
		return emld_str_eq(f->cpu_vendor, r->str);
	case EARLYMOD_RULE_HYPERVISOR:
		return hypervisor_found(f, r->str);
	case EARLYMOD_RULE_DMI:
		return dmi_holds(r, f->dmi[EARLYMOD_DMI_FIELD(arg0)]);
	case EARLYMOD_RULE_PCI:
		return pci_present(f, arg0 & 0xffff, arg0 >> 16);
	case EARLYMOD_RULE_XEN:
		if (emld_str_eq(r->str, EARLYMOD_XEN_DOM0))
			return f->xen_domain && f->xen_dom0;
		return emld_str_eq(f->xen_domain, r->str);
	}
	return false;
}

/* Why @r decided against the entry: it failed, or (NOT) it held. */
static void rule_reason(struct emld_entry *e, const struct earlymod_rule *r)
{
	bool neg = EMLD_LE16(r->flags) & EARLYMOD_RULE_NOT;
	u32 arg0 = EMLD_LE32(r->arg0);
	struct reason s = r_begin(e);

	switch (EMLD_LE16(r->type)) {
	case EARLYMOD_RULE_ACPI_TABLE:
		r_str(&s, neg ? "ACPI " : "no ACPI ");
		r_str(&s, r->str);
		r_str(&s, neg ? " table present" : " table");
		break;
	case EARLYMOD_RULE_CPU_VENDOR:
		r_str(&s, neg ? "CPU vendor is " : "CPU vendor is not ");
		r_str(&s, r->str);
		break;
	case EARLYMOD_RULE_HYPERVISOR:
		if (!r->str[0]) {
			r_str(&s, neg ? "no hypervisor" : "running on a hypervisor");
			break;
		}
		r_str(&s, neg ? "hypervisor is " : "hypervisor is not ");
		r_str(&s, r->str);
		break;
	case EARLYMOD_RULE_DMI:
		if (EARLYMOD_DMI_SET(arg0)) {	/* a table: no row matched */
			r_str(&s, "no DMI match");
			break;
		}
		r_str(&s, "DMI ");
		r_str(&s, emld_dmi_name(arg0));
		r_str(&s, neg ? " matches " : " does not match ");
		r_str(&s, r->str);
		break;
	case EARLYMOD_RULE_PCI:
		r_str(&s, neg ? "PCI device " : "no PCI device ");
		r_hex4(&s, arg0 & 0xffff);
		r_str(&s, ":");
		if (arg0 >> 16 == EARLYMOD_PCI_ANY)
			r_str(&s, "*");
		else
			r_hex4(&s, arg0 >> 16);
		if (neg)
			r_str(&s, " present");
		break;
	case EARLYMOD_RULE_XEN:
		if (!r->str[0]) {
			r_str(&s, neg ? "not a Xen guest" : "a Xen guest");
			break;
		}
		if (emld_str_eq(r->str, EARLYMOD_XEN_DOM0)) {
			r_str(&s, neg ? "Xen's dom0" : "not Xen's dom0");
			break;
		}
		r_str(&s, neg ? "in a Xen " : "not in a Xen ");
		r_str(&s, r->str);
		r_str(&s, " domain");
		break;
	}
}

/* Every DMI rule of @set holds (validate.c bounds the number of rules). */
static bool dmi_set_holds(const struct emld_entry *e, u32 set,
			  const struct emld_facts *f)
{
	u32 i;

	for (i = 0; i < e->nr_rules; i++) {
		const struct earlymod_rule *r = &e->rules[i];

		if (EMLD_LE16(r->type) == EARLYMOD_RULE_DMI &&
		    EARLYMOD_DMI_SET(EMLD_LE32(r->arg0)) == set &&
		    !rule_holds(r, f))
			return false;
	}
	return true;
}

/* True when the rules match; else sets the reason from the deciding rule. */
static bool rules_match(struct emld_entry *e, const struct emld_facts *f)
{
	u32 want = 0, have = 0, i, t;

	for (i = 0; i < e->nr_rules; i++) {
		const struct earlymod_rule *r = &e->rules[i];
		bool holds = rule_holds(r, f);
		u32 set = EARLYMOD_DMI_SET(EMLD_LE32(r->arg0));

		t = EMLD_LE16(r->type);
		if (holds && t == EARLYMOD_RULE_DMI && set)
			holds = dmi_set_holds(e, set, f);
		if (EMLD_LE16(r->flags) & EARLYMOD_RULE_NOT) {
			if (holds) {
				rule_reason(e, r);
				return false;
			}
			continue;
		}
		want |= 1U << t;
		if (holds)
			have |= 1U << t;
	}
	if (want == have)
		return true;
	/* the first positive rule of the first type that found nothing */
	for (i = 0; i < e->nr_rules; i++) {
		const struct earlymod_rule *r = &e->rules[i];

		t = EMLD_LE16(r->type);
		if (!(EMLD_LE16(r->flags) & EARLYMOD_RULE_NOT) &&
		    !(have & (1U << t))) {
			rule_reason(e, r);
			break;
		}
	}
	return false;
}

/* -------------------------------------------------------------------------
 * earlymod= and the dependency graph
 */
static void parse_cmdline(struct sel_ctx *c, const char *s)
{
	struct emld_pack *pack = c->pack;
	u32 i;

	pack->nr_unknown = 0;
	if (!s)
		return;
	while (*s && *s != ' ' && *s != '\t' && *s != '\n') {
		const char *w = s, *name = s;
		u32 len = 0, nlen;
		u8 cmd = CMD_FORCE;

		while (s[len] && s[len] != ',' && s[len] != ' ' &&
		       s[len] != '\t' && s[len] != '\n')
			len++;
		s += len;
		if (*s == ',')
			s++;
		if (!len)
			continue;
		nlen = len;
		if (*name == '-') {
			cmd = CMD_EXCLUDE;
			name++;
			nlen--;
		}
		if (cmd == CMD_FORCE && len == 3 && !emld_memcmp(w, "off", 3)) {
			c->off = true;
			continue;
		}
		for (i = 0; i < pack->nr_entries; i++) {
			const char *en = pack->desc[i].name;

			if (nlen < EARLYMOD_NAME_LEN && !en[nlen] &&
			    !emld_memcmp(en, name, nlen))
				break;
		}
		if (i < pack->nr_entries) {
			c->cmd[i] = cmd;
			continue;
		}
		if (pack->nr_unknown < EMLD_MAX_UNKNOWN) {
			pack->unknown[pack->nr_unknown].s = w;
			pack->unknown[pack->nr_unknown].len = len;
		}
		pack->nr_unknown++;
	}
}

static bool usable(const struct emld_entry *e)
{
	return e->state >= EMLD_VALID;
}

/*
 * Transitive closure of "depends on" over bit masks: i is on a cycle iff it
 * reaches itself.
 */
static u64 find_cycles(const struct emld_pack *pack)
{
	u64 reach[EARLYMOD_MAX_ENTRIES];
	u64 cyc = 0;
	u32 n = pack->nr_entries, i, k;

	for (i = 0; i < n; i++) {
		const struct emld_entry *e = &pack->entries[i];

		reach[i] = 0;
		if (!usable(e))
			continue;
		for (k = 0; k < e->nr_deps; k++)
			reach[i] |= EMLD_BIT(e->dep[k]);
	}
	for (k = 0; k < n; k++)
		for (i = 0; i < n; i++)
			if (reach[i] & EMLD_BIT(k))
				reach[i] |= reach[k];
	for (i = 0; i < n; i++)
		if (reach[i] & EMLD_BIT(i))
			cyc |= EMLD_BIT(i);
	return cyc;
}

static u32 stage_of(const struct emld_entry *e)
{
	return EMLD_LE32(e->info->stage);
}

static u32 group_of(const struct emld_entry *e)
{
	return EMLD_LE32(e->info->group);
}

static bool on_demand(const struct emld_entry *e)
{
	return EMLD_LE32(e->info->flags) & EARLYMOD_F_ON_DEMAND;
}

/* An entry of an earlier stage that linked and holds group @g, or NONE. */
static u32 earlier_holder(const struct emld_pack *pack, u32 g, u32 stage)
{
	u32 i;

	for (i = 0; i < pack->nr_entries; i++) {
		const struct emld_entry *e = &pack->entries[i];

		if (e->decision == EMLD_LINK && usable(e) &&
		    stage_of(e) < stage && group_of(e) == g)
			return i;
	}
	return NONE;
}

/* Does @a beat @b for a group?  Forced, then priority, then pack order. */
static bool beats(const struct sel_ctx *c, u32 a, u32 b)
{
	const struct emld_entry *ea = &c->pack->entries[a];
	const struct emld_entry *eb = &c->pack->entries[b];
	bool fa = c->cmd[a] == CMD_FORCE, fb = c->cmd[b] == CMD_FORCE;
	s32 pa = (s32)EMLD_LE32(ea->info->priority);
	s32 pb = (s32)EMLD_LE32(eb->info->priority);

	if (fa != fb)
		return fa;
	if (pa != pb)
		return pa > pb;
	return a < b;
}

/* -------------------------------------------------------------------------
 * One stage
 */
static void skip_group(struct emld_entry *e, u32 g, const char *winner)
{
	struct reason r = r_begin(e);

	e->decision = EMLD_SKIP;
	r_str(&r, "group ");
	r_u32(&r, g);
	r_str(&r, " taken by ");
	r_str(&r, winner);
}

static void skip_needs(struct emld_entry *e, const char *dep,
		       const char *why)
{
	struct reason r = r_begin(e);

	e->decision = EMLD_SKIP;
	r_str(&r, "needs ");
	r_str(&r, dep);
	r_str(&r, why);
}

/* The decisions of one stage while they are being made. */
struct stage_sel {
	u32 stage;
	u64 elig;		/* may link: rules match or forced */
	u64 forced;
	u64 demand;		/* on-demand entries */
	u64 removed;		/* dropped for a missing dependency */
	u64 sel;		/* selected in the current round */
	u8 lost_to[EARLYMOD_MAX_ENTRIES];	/* group winner, or NONE */
	u8 needed_by[EARLYMOD_MAX_ENTRIES];	/* who pulled it in, or NONE */
	u8 missing[EARLYMOD_MAX_ENTRIES];	/* the dependency it lacks */
};

/* What each entry of the stage decides on its own. */
static void decide_alone(struct sel_ctx *c, struct stage_sel *st)
{
	struct emld_pack *pack = c->pack;
	u32 i, k;

	for (i = 0; i < pack->nr_entries; i++) {
		struct emld_entry *e = &pack->entries[i];

		if (!usable(e) || stage_of(e) != st->stage)
			continue;
		if (c->off) {
			decide(e, EMLD_SKIP, "earlymod=off");
			continue;
		}
		if (c->cmd[i] == CMD_EXCLUDE) {
			decide(e, EMLD_SKIP, "excluded by earlymod=");
			continue;
		}
		if (c->cycle & EMLD_BIT(i)) {
			decide(e, EMLD_SKIP, "dependency cycle");
			continue;
		}
		for (k = 0; k < e->nr_deps; k++) {
			const struct emld_entry *d = &pack->entries[e->dep[k]];

			if (usable(d) && stage_of(d) > st->stage)
				break;
		}
		if (k < e->nr_deps) {
			skip_needs(e, pack->entries[e->dep[k]].name,
				   ", which links at a later stage");
			continue;
		}
		if (c->cmd[i] == CMD_FORCE) {
			st->forced |= EMLD_BIT(i);
		} else if (!rules_match(e, c->facts)) {
			e->decision = EMLD_SKIP;
			continue;
		}
		st->elig |= EMLD_BIT(i);
		if (on_demand(e))
			st->demand |= EMLD_BIT(i);
	}
}

/*
 * Who keeps @i out of its group: an earlier stage's entry of the group,
 * else the best of @rivals in the group when that is not @i (best: @i is
 * compared, so pass @rivals including @i), else NONE.  With @best false any
 * member of @rivals holds the group.
 */
static u32 group_holder(const struct sel_ctx *c, const struct stage_sel *st,
			u32 i, u64 rivals, bool best)
{
	const struct emld_pack *pack = c->pack;
	u32 g = group_of(&pack->entries[i]), h, k;

	if (!g)
		return NONE;
	h = earlier_holder(pack, g, st->stage);
	if (h != NONE)
		return h;
	h = best ? i : NONE;
	for (k = 0; k < pack->nr_entries; k++) {
		if (!(rivals & EMLD_BIT(k)) ||
		    group_of(&pack->entries[k]) != g)
			continue;
		if (!best)
			return k;
		if (beats(c, k, h))
			h = k;
	}
	return h == i ? NONE : h;
}

/* Entries that link for their own sake, at most one per group. */
static void pick_roots(const struct sel_ctx *c, struct stage_sel *st)
{
	u64 roots = st->elig & ~st->removed & ~(st->demand & ~st->forced);
	u32 i, h;

	for (i = 0; i < c->pack->nr_entries; i++) {
		if (!(roots & EMLD_BIT(i)))
			continue;
		h = group_holder(c, st, i, roots, true);
		if (h != NONE)
			st->lost_to[i] = (u8)h;
		else
			st->sel |= EMLD_BIT(i);
	}
}

/* Pull in the on-demand entries that selected entries depend on. */
static void pull_demanded(const struct sel_ctx *c, struct stage_sel *st)
{
	const struct emld_pack *pack = c->pack;
	u64 wanted = st->elig & st->demand & ~st->forced & ~st->removed;
	bool changed;
	u32 i, k, d, h;

	do {
		changed = false;
		for (i = 0; i < pack->nr_entries; i++) {
			const struct emld_entry *e = &pack->entries[i];

			if (!(st->sel & EMLD_BIT(i)))
				continue;
			for (k = 0; k < e->nr_deps; k++) {
				d = e->dep[k];
				if (st->sel & EMLD_BIT(d) ||
				    !(wanted & EMLD_BIT(d)))
					continue;
				h = group_holder(c, st, d, st->sel, false);
				if (h != NONE) {
					st->lost_to[d] = (u8)h;
					continue;
				}
				st->sel |= EMLD_BIT(d);
				st->needed_by[d] = (u8)i;
				changed = true;
			}
		}
	} while (changed);
}

/* Selected entries with a dependency that does not link. */
static u64 find_missing(const struct sel_ctx *c, struct stage_sel *st)
{
	const struct emld_pack *pack = c->pack;
	u64 dropped = 0;
	u32 i, k;

	for (i = 0; i < pack->nr_entries; i++) {
		const struct emld_entry *e = &pack->entries[i];

		if (!(st->sel & EMLD_BIT(i)))
			continue;
		for (k = 0; k < e->nr_deps; k++) {
			const struct emld_entry *d = &pack->entries[e->dep[k]];

			if (st->sel & EMLD_BIT(e->dep[k]))
				continue;
			if (usable(d) && stage_of(d) < st->stage &&
			    d->decision == EMLD_LINK)
				continue;
			dropped |= EMLD_BIT(i);
			st->missing[i] = e->dep[k];
			break;
		}
	}
	return dropped;
}

static void give_reasons(const struct sel_ctx *c, const struct stage_sel *st)
{
	struct emld_pack *pack = c->pack;
	u32 i;

	for (i = 0; i < pack->nr_entries; i++) {
		struct emld_entry *e = &pack->entries[i];
		struct reason r;

		if (!(st->elig & EMLD_BIT(i)))
			continue;
		if (!(st->sel & EMLD_BIT(i))) {
			if (st->removed & EMLD_BIT(i))
				skip_needs(e, pack->entries[st->missing[i]].name,
					   ", which is not linked");
			else if (st->lost_to[i] != NONE)
				skip_group(e, group_of(e),
					   pack->entries[st->lost_to[i]].name);
			else
				decide(e, EMLD_SKIP, "on demand, not needed");
		} else if (st->forced & EMLD_BIT(i)) {
			decide(e, EMLD_LINK, "forced by earlymod=");
		} else if (st->needed_by[i] != NONE) {
			r = r_begin(e);
			e->decision = EMLD_LINK;
			r_str(&r, "needed by ");
			r_str(&r, pack->entries[st->needed_by[i]].name);
		} else {
			decide(e, EMLD_LINK,
			       e->nr_rules ? "rules matched" : "no rules");
		}
	}
}

/* Append the selected entries to pack->order, each after its deps. */
static void link_order(struct emld_pack *pack, u64 sel)
{
	u64 placed = 0, before;
	u32 i, k;

	do {
		before = placed;
		for (i = 0; i < pack->nr_entries; i++) {
			const struct emld_entry *e = &pack->entries[i];

			if (!(sel & ~placed & EMLD_BIT(i)))
				continue;
			for (k = 0; k < e->nr_deps; k++)
				if (sel & ~placed & EMLD_BIT(e->dep[k]))
					break;
			if (k < e->nr_deps)
				continue;
			pack->order[pack->nr_order++] = (u8)i;
			placed |= EMLD_BIT(i);
		}
	} while (placed != before);	/* stops early only on a cycle */
}

static u32 select_stage(struct sel_ctx *c, u32 stage)
{
	struct stage_sel st;
	u64 dropped;
	u32 i, count = 0;

	emld_memset(&st, 0, sizeof(st));
	st.stage = stage;
	decide_alone(c, &st);

	/* Together, until no entry drops out for a missing dependency. */
	do {
		st.sel = 0;
		emld_memset(st.lost_to, NONE, sizeof(st.lost_to));
		emld_memset(st.needed_by, NONE, sizeof(st.needed_by));
		pick_roots(c, &st);
		pull_demanded(c, &st);
		dropped = find_missing(c, &st);
		st.removed |= dropped;
	} while (dropped);

	give_reasons(c, &st);
	link_order(c->pack, st.sel);
	for (i = 0; i < c->pack->nr_entries; i++)
		if (st.sel & EMLD_BIT(i))
			count++;
	return count;
}

int emld_select(struct emld_pack *pack, const struct emld_facts *facts,
		u32 stage, struct emld_error *err)
{
	static const u32 stages[] = {
#define X(n, v, d) v,
		EARLYMOD_STAGES(X)
#undef X
	};
	static const struct emld_facts none;
	struct sel_ctx c;
	u32 i, count = 0;

	emld_clear_error(err);
	if (!pack || !pack->hdr)
		return emld_fail(err, -EINVAL, "pack not validated",
				 EMLD_NO_OFFSET, NULL);
	if (stage) {
		for (i = 0; i < EMLD_ARRAY_SIZE(stages); i++)
			if (stages[i] == stage)
				break;
		if (i == EMLD_ARRAY_SIZE(stages))
			return emld_fail(err, -EINVAL, "unknown stage",
					 EMLD_NO_OFFSET, NULL);
	}
	emld_memset(&c, 0, sizeof(c));
	c.pack = pack;
	c.facts = facts ? facts : &none;
	parse_cmdline(&c, c.facts->cmdline);
	c.cycle = find_cycles(pack);
	pack->nr_order = 0;

	for (i = 0; i < pack->nr_entries; i++) {
		struct emld_entry *e = &pack->entries[i];

		if (!usable(e)) {
			decide(e, EMLD_SKIP, "rejected");
		} else if (!stage || stage_of(e) >= stage) {
			e->decision = EMLD_UNDECIDED;
			e->reason[0] = 0;
		}
	}
	for (i = 0; i < EMLD_ARRAY_SIZE(stages); i++) {
		if (!stage || stages[i] == stage)
			count += select_stage(&c, stages[i]);
	}
	return (int)count;
}
