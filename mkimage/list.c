// SPDX-License-Identifier: GPL-2.0
/*
 * mkearlymod list: what a pack holds, as a table or as JSON.
 *
 * The pack is checked by the loader first (pack_open() in check.c); this
 * file only prints the records the loader found, with the loader's names.
 * Entries the loader rejected are listed with its reason.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mkearlymod.h"
#include "pack.h"

static const char *flag_names[] = { "on-demand", "test" };

static void flags_str(uint32_t f, char *s, size_t n)
{
	size_t i, len = 0;

	s[0] = 0;
	for (i = 0; i < sizeof(flag_names) / sizeof(flag_names[0]); i++)
		if (f & (1u << i))
			len += snprintf(s + len, n - len, "%s%s", len ? "," : "",
					flag_names[i]);
	if (!len)
		snprintf(s, n, "-");
}

static void rule_str(const struct earlymod_rule *r, char *s, size_t n)
{
	char str[EARLYMOD_RULE_STR_LEN + 1];
	const char *not = r->flags & EARLYMOD_RULE_NOT ? "!" : "";

	memcpy(str, r->str, EARLYMOD_RULE_STR_LEN);
	str[EARLYMOD_RULE_STR_LEN] = 0;
	switch (r->type) {
	case EARLYMOD_RULE_DMI: {
		/*
		 * glob: field=glob; exact: field=="s"; substring: field~"s".
		 * A rule of a set leaves the type to the caller: dmi(a & b).
		 */
		const char *field = emld_dmi_name(EARLYMOD_DMI_FIELD(r->arg0));
		const char *type = EARLYMOD_DMI_SET(r->arg0) ? "" : "dmi ";

		if (r->flags & EARLYMOD_RULE_DMI_EXACT)
			snprintf(s, n, "%s%s%s==\"%s\"", not, type, field, str);
		else if (r->flags & EARLYMOD_RULE_DMI_SUBSTR)
			snprintf(s, n, "%s%s%s~\"%s\"", not, type, field, str);
		else
			snprintf(s, n, "%s%s%s=%s", not, type, field, str);
		break;
	}
	case EARLYMOD_RULE_PCI:
		if ((r->arg0 >> 16) == EARLYMOD_PCI_ANY)
			snprintf(s, n, "%s%s %04x:*", not, emld_rule_name(r->type),
				 r->arg0 & 0xffff);
		else
			snprintf(s, n, "%s%s %04x:%04x", not, emld_rule_name(r->type),
				 r->arg0 & 0xffff, r->arg0 >> 16);
		break;
	default:	/* an empty string: "hypervisor", "!xen" */
		snprintf(s, n, "%s%s%s%s", not, emld_rule_name(r->type),
			 str[0] ? " " : "", str);
	}
}

/* Per-entry counts that both outputs print. */
struct counts {
	size_t	relocs, by_target[EARLYMOD_TGT_MAX], by_type[256];
	size_t	fixups, specials, syms;
};

static void count(const struct emld_entry *pe, struct counts *c)
{
	size_t i;

	memset(c, 0, sizeof(*c));
	c->relocs = pe->nr_relocs;
	for (i = 0; i < pe->nr_relocs; i++) {
		if (pe->relocs[i].target < EARLYMOD_TGT_MAX)
			c->by_target[pe->relocs[i].target]++;
		c->by_type[pe->relocs[i].type]++;
	}
	c->fixups = pe->nr_fixups;
	c->specials = pe->nr_specials;
	c->syms = pe->nr_syms;
}

static void print_table(const char *path, const struct pack *pk)
{
	const struct earlymod_pack_header *h = pk->ep->hdr;
	char s[512];
	size_t i, j;
	int c;

	printf("%s: %u bytes, %u entr%s, format %u\n", path, h->total_size,
	       h->nr_entries, h->nr_entries == 1 ? "y" : "ies", h->version);
	printf("  vmlinux build-id ");
	for (i = 0; i < h->build_id_size && i < EARLYMOD_BUILD_ID_MAX; i++)
		printf("%02x", h->build_id[i]);
	printf(", _text 0x%llx, per-CPU end 0x%llx\n\n",
	       (unsigned long long)h->link_text,
	       (unsigned long long)h->link_percpu_end);

	printf("%-3s %-20s %-12s %-10s %-16s %5s %5s  %s\n", "#", "entry",
	       "version", "stage", "flags", "group", "prio", "depends on");
	for (i = 0; i < pk->ep->nr_entries; i++) {
		const struct emld_entry *pe = &pk->ep->entries[i];
		size_t len = 0;

		if (pe->state == EMLD_REJECTED) {
			printf("%-3zu %-20s invalid: %s\n", i, pe->name,
			       pk->bad[i].msg);
			continue;
		}
		flags_str(pe->info->flags, s, sizeof(s));
		printf("%-3zu %-20s %-12.32s %-10s %-16s %5u %5d  ", i,
		       pe->name, pe->info->version, emld_stage_name(pe->info->stage), s,
		       pe->info->group, (int32_t)pe->info->priority);
		for (j = 0; j < pe->nr_deps; j++)
			len += printf("%s%.32s", j ? " " : "", pe->deps[j].name);
		printf("%s\n", len ? "" : "-");
	}

	printf("\n%-20s %s\n", "entry", "rules (same type: any; all types: all)");
	for (i = 0; i < pk->ep->nr_entries; i++) {
		const struct emld_entry *pe = &pk->ep->entries[i];

		if (pe->state == EMLD_REJECTED)
			continue;
		printf("%-20s ", pe->name);
		for (j = 0; j < pe->nr_rules; j++) {
			const struct earlymod_rule *r = &pe->rules[j];
			uint32_t set = r->type == EARLYMOD_RULE_DMI ?
				EARLYMOD_DMI_SET(r->arg0) : 0;
			uint32_t prev = j && r[-1].type == EARLYMOD_RULE_DMI ?
				EARLYMOD_DMI_SET(r[-1].arg0) : 0;
			uint32_t next = j + 1 < pe->nr_rules &&
				r[1].type == EARLYMOD_RULE_DMI ?
				EARLYMOD_DMI_SET(r[1].arg0) : 0;

			/* a set (one row of a DMI table): dmi(a & b) */
			rule_str(r, s, sizeof(s));
			if (set && set == prev)
				printf(" & %s", s);
			else
				printf("%s%s%s", j ? "; " : "", set ? "dmi(" : "", s);
			if (set && set != next)
				printf(")");
		}
		printf("%s\n", pe->nr_rules ? "" : "(always)");
	}

	printf("\n%-20s", "class bytes");
	for (c = 0; c < EARLYMOD_NR_CLASSES; c++)
		printf(" %13s", emld_class_name(c));
	printf("\n");
	for (i = 0; i < pk->ep->nr_entries; i++) {
		const struct emld_entry *pe = &pk->ep->entries[i];

		if (pe->state == EMLD_REJECTED)
			continue;
		printf("%-20s", pe->name);
		for (c = 0; c < EARLYMOD_NR_CLASSES; c++)
			printf(" %13u", pe->classes[c].size);
		printf("\n");
	}

	printf("\n%-20s %7s %7s %7s %7s %7s %7s %7s %7s\n", "records", "relocs",
	       emld_target_name(EARLYMOD_TGT_LOCAL), emld_target_name(EARLYMOD_TGT_VMLINUX),
	       "percpu", emld_target_name(EARLYMOD_TGT_DEP), "fixups", "special",
	       "syms");
	for (i = 0; i < pk->ep->nr_entries; i++) {
		const struct emld_entry *pe = &pk->ep->entries[i];
		struct counts ct;

		if (pe->state == EMLD_REJECTED)
			continue;
		count(pe, &ct);
		printf("%-20s %7zu %7zu %7zu %7zu %7zu %7zu %7zu %7zu\n", pe->name,
		       ct.relocs, ct.by_target[EARLYMOD_TGT_LOCAL],
		       ct.by_target[EARLYMOD_TGT_VMLINUX],
		       ct.by_target[EARLYMOD_TGT_PERCPU],
		       ct.by_target[EARLYMOD_TGT_DEP], ct.fixups, ct.specials,
		       ct.syms);
	}

	for (i = 0; i < pk->ep->nr_entries; i++) {
		const struct emld_entry *pe = &pk->ep->entries[i];

		if (pe->state == EMLD_REJECTED || !pe->nr_specials)
			continue;
		printf("\n%s: special tables\n", pe->name);
		for (j = 0; j < pe->nr_specials; j++) {
			const struct earlymod_special *sp = &pe->specials[j];

			printf("  %-24s arg %-3u %s+0x%x, %u bytes\n",
			       emld_special_name(sp->kind), sp->arg,
			       emld_class_name(sp->class), sp->offset, sp->size);
		}
	}
}

static void json_str(const char *s, size_t max)
{
	size_t i;

	putchar('"');
	for (i = 0; i < max && s[i]; i++) {
		unsigned char ch = (unsigned char)s[i];

		if (ch == '"' || ch == '\\')
			printf("\\%c", ch);
		else if (ch < 0x20 || ch >= 0x7f)
			printf("\\u%04x", ch);
		else
			putchar(ch);
	}
	putchar('"');
}

static void print_json(const struct pack *pk)
{
	const struct earlymod_pack_header *h = pk->ep->hdr;
	size_t i, j;
	int c, first;

	printf("{\"size\":%u,\"version\":%u,\"build_id\":\"", h->total_size,
	       h->version);
	for (i = 0; i < h->build_id_size && i < EARLYMOD_BUILD_ID_MAX; i++)
		printf("%02x", h->build_id[i]);
	printf("\",\"link_text\":%llu,\"link_percpu_end\":%llu,\"entries\":[",
	       (unsigned long long)h->link_text,
	       (unsigned long long)h->link_percpu_end);
	for (i = 0; i < pk->ep->nr_entries; i++) {
		const struct emld_entry *pe = &pk->ep->entries[i];
		struct counts ct;

		printf("%s{\"name\":", i ? "," : "");
		json_str(pe->name, EARLYMOD_NAME_LEN);
		if (pe->state == EMLD_REJECTED) {
			printf(",\"error\":");
			json_str(pk->bad[i].msg, 256);
			printf("}");
			continue;
		}
		printf(",\"version\":");
		json_str(pe->info->version, EARLYMOD_VERSION_LEN);
		printf(",\"stage\":\"%s\",\"flags\":[", emld_stage_name(pe->info->stage));
		for (j = 0, first = 1; j < sizeof(flag_names) / sizeof(flag_names[0]); j++)
			if (pe->info->flags & (1u << j)) {
				printf("%s\"%s\"", first ? "" : ",", flag_names[j]);
				first = 0;
			}
		printf("],\"group\":%u,\"priority\":%d,\"deps\":[", pe->info->group,
		       (int32_t)pe->info->priority);
		for (j = 0; j < pe->nr_deps; j++) {
			printf("%s", j ? "," : "");
			json_str(pe->deps[j].name, EARLYMOD_NAME_LEN);
		}
		printf("],\"rules\":[");
		for (j = 0; j < pe->nr_rules; j++) {
			const struct earlymod_rule *r = &pe->rules[j];

			printf("%s{\"type\":\"%s\",\"not\":%s,\"arg0\":%u,",
			       j ? "," : "", emld_rule_name(r->type),
			       r->flags & EARLYMOD_RULE_NOT ? "true" : "false",
			       r->arg0);
			if (r->type == EARLYMOD_RULE_DMI)
				printf("\"field\":\"%s\",\"compare\":\"%s\",\"set\":%u,",
				       emld_dmi_name(EARLYMOD_DMI_FIELD(r->arg0)),
				       r->flags & EARLYMOD_RULE_DMI_EXACT ? "exact" :
				       r->flags & EARLYMOD_RULE_DMI_SUBSTR ? "substring" :
				       "glob", EARLYMOD_DMI_SET(r->arg0));
			printf("\"str\":");
			json_str(r->str, EARLYMOD_RULE_STR_LEN);
			printf("}");
		}
		printf("],\"classes\":{");
		for (c = 0; c < EARLYMOD_NR_CLASSES; c++)
			printf("%s\"%s\":{\"size\":%u,\"align\":%u,\"file_size\":%u}",
			       c ? "," : "", emld_class_name(c), pe->classes[c].size,
			       pe->classes[c].align, pe->classes[c].file_size);
		count(pe, &ct);
		printf("},\"relocs\":{\"total\":%zu,\"by_target\":{", ct.relocs);
		for (c = 1, first = 1; c < EARLYMOD_TGT_MAX; c++) {
			printf("%s\"%s\":%zu", first ? "" : ",", emld_target_name(c),
			       ct.by_target[c]);
			first = 0;
		}
		printf("},\"by_type\":{");
		for (c = 0, first = 1; c < 256; c++) {
			if (!ct.by_type[c])
				continue;
			printf("%s\"%s\":%zu", first ? "" : ",", reloc_name(c),
			       ct.by_type[c]);
			first = 0;
		}
		printf("}},\"fixups\":%zu,\"symbols\":%zu,\"specials\":[",
		       ct.fixups, ct.syms);
		for (j = 0; j < pe->nr_specials; j++) {
			const struct earlymod_special *sp = &pe->specials[j];

			printf("%s{\"kind\":\"%s\",\"arg\":%u,\"class\":\"%s\",\"offset\":%u,\"size\":%u,\"entsize\":%u}",
			       j ? "," : "", emld_special_name(sp->kind), sp->arg,
			       emld_class_name(sp->class), sp->offset, sp->size,
			       sp->entsize);
		}
		printf("]}");
	}
	printf("]}\n");
}

int cmd_list(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct pack pk;
	int c, json = 0, ret;

	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'j':
			json = 1;
			break;
		case 'h':
			printf("usage: mkearlymod list [--json] PACK\n");
			return 0;
		default:
			fprintf(stderr, "usage: mkearlymod list [--json] PACK\n");
			return 2;
		}
	}
	if (argc - optind != 1) {
		fprintf(stderr, "usage: mkearlymod list [--json] PACK\n");
		return 2;
	}
	ret = pack_open(argv[optind], &pk, NULL);
	if (ret < 0)
		return 1;
	if (json)
		print_json(&pk);
	else
		print_table(argv[optind], &pk);
	pack_close(&pk);
	return ret ? 1 : 0;
}
