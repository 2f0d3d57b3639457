// SPDX-License-Identifier: GPL-2.0
/*
 * tests/unit/loader_test.c: unit tests of the loader's steps.
 *
 *   loader-test               run every test: `ok NAME` / `not ok NAME - why`
 *   loader-test --seeds DIR   write the fuzzer's seed corpus into DIR
 *
 * Exit status 1 when any test failed.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "loader_test.h"

static int nr_pass, nr_fail;

void report(const char *name, int ok, const char *fmt, ...)
{
	va_list ap;

	if (ok) {
		printf("ok %s\n", name);
		nr_pass++;
		return;
	}
	printf("not ok %s - ", name);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	nr_fail++;
}

static const char *msg_of(const struct emld_error *e)
{
	return e->msg ? e->msg : "(none)";
}

/* -------------------------------------------------------------------------
 * Environment: regions and fake vmlinux
 */
uint8_t vm_mem[VM_SIZE];
static uint8_t text_mem[REGION_SIZE] __attribute__((aligned(4096)));
static uint8_t data_mem[REGION_SIZE] __attribute__((aligned(4096)));
static uint8_t pcpu_tmpl[PCPU_SIZE] __attribute__((aligned(4096)));

const uint8_t test_build_id[20] = TEST_BUILD_ID_INIT;

void regions_reset(struct test_regions *r)
{
	uint32_t c;

	memset(text_mem, 0xa5, sizeof(text_mem));
	memset(data_mem, 0xa5, sizeof(data_mem));
	memset(pcpu_tmpl, 0xa5, sizeof(pcpu_tmpl));
	r->text = (struct emld_region){ TEXT_ADDR, text_mem, REGION_SIZE, 0 };
	r->data = (struct emld_region){ DATA_ADDR, data_mem, REGION_SIZE, 0 };
	r->pcpu = (struct emld_region){ PCPU_ADDR, pcpu_tmpl, PCPU_SIZE, 0 };
	for (c = 0; c < EARLYMOD_NR_CLASSES; c++)
		r->map[c] = &r->data;
	r->map[EARLYMOD_CLASS_TEXT] = &r->text;
	r->map[EARLYMOD_CLASS_INIT_TEXT] = &r->text;
	r->map[EARLYMOD_CLASS_PERCPU] = &r->pcpu;
}

static struct emld_range vm_range = { VM_LINK + KASLR, VM_SIZE, vm_mem };
static int vm_writes;

static void vm_write(void *ctx, __u8 *dst, const void *src, __u32 len)
{
	(void)ctx;
	memcpy(dst, src, len);
	vm_writes++;
}

static const struct emld_vmlinux the_vm = {
	.ranges = &vm_range, .nr_ranges = 1, .write = vm_write,
};

const struct emld_vmlinux *test_vm(void)
{
	return &the_vm;
}

void vm_reset(void)
{
	memset(vm_mem, 0xcc, sizeof(vm_mem));
	vm_writes = 0;
}

static uint32_t width_of(uint32_t type)
{
	return type == EARLYMOD_R_X86_64_64 || type == EARLYMOD_R_X86_64_PC64 ?
	       8 : 4;
}

static int is_pc(uint32_t type)
{
	return type == EARLYMOD_R_X86_64_PC32 ||
	       type == EARLYMOD_R_X86_64_PLT32 ||
	       type == EARLYMOD_R_X86_64_PC64;
}

/* Make vmlinux hold what a fixup says it holds now (the test's own math). */
void vm_plant(const struct earlymod_fixup *f, uint32_t n, uint64_t kaslr)
{
	uint32_t i;

	for (i = 0; i < n; i++) {
		uint64_t site = f[i].site + kaslr;
		uint64_t v = f[i].old_value +
			     (f[i].class == EARLYMOD_CLASS_PERCPU ? 0 : kaslr);

		if (is_pc(f[i].type))
			v -= site;
		if (f[i].site < VM_LINK || f[i].site - VM_LINK > VM_SIZE - 8)
			continue;
		memcpy(vm_mem + (f[i].site - VM_LINK), &v, width_of(f[i].type));
	}
}

/* -------------------------------------------------------------------------
 * The base pack
 */
static const uint8_t alpha_text[32] = {
	0xe8, 0, 0, 0, 0,		/* call vmlinux function (PLT32 @1) */
	0x90, 0x90, 0x90,
	0, 0, 0, 0,			/* 32S: vmlinux per-CPU var (@8) */
	0, 0, 0, 0,			/* PC32: own per-CPU var (@12) */
	0xc3, 0xcc, 0xcc, 0xcc, 0xcc, 0xcc, 0xcc, 0xcc,
	0xcc, 0xcc, 0xcc, 0xcc, 0xcc, 0xcc, 0xcc, 0xcc,
};
static const uint8_t alpha_rodata[16] = "extable-record!";
static const uint8_t alpha_data[16];
static const uint8_t alpha_pcpu[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };
static const uint8_t beta_text[16] = {
	0xe9, 0, 0, 0, 0, 0xcc, 0xcc, 0xcc,
	0xcc, 0xcc, 0xcc, 0xcc, 0xcc, 0xcc, 0xcc, 0xcc,
};
static const char alpha_strtab[] = "\0alpha_fn\0alpha_pcpu";

static struct earlymod_rule alpha_rules[1];
static struct earlymod_reloc alpha_relocs[BASE_NR_RELOCS];
static struct earlymod_reloc beta_relocs[1];
const struct earlymod_fixup base_fixups[3] = {
	{ .site = VM_LINK + 0x100, .old_value = VM_LINK + 0x800 - 4,
	  .value = (uint64_t)-4, .type = EARLYMOD_R_X86_64_PLT32,
	  .class = EARLYMOD_CLASS_TEXT },
	{ .site = VM_LINK + 0x200, .old_value = VM_LINK + 0x808,
	  .value = 8, .type = EARLYMOD_R_X86_64_64,
	  .class = EARLYMOD_CLASS_DATA },
	{ .site = VM_LINK + 0x300, .old_value = 0x100,
	  .value = 0, .type = EARLYMOD_R_X86_64_32S,
	  .class = EARLYMOD_CLASS_PERCPU },
};
static const struct earlymod_special alpha_specials[1] = {
	{ .kind = EARLYMOD_SPECIAL_EXTABLE, .class = EARLYMOD_CLASS_RODATA,
	  .offset = 0, .size = 12, .entsize = 12 },
};
static const struct earlymod_sym alpha_syms[2] = {
	{ .name = 1, .value = 0, .size = 16, .class = EARLYMOD_CLASS_TEXT,
	  .type = EARLYMOD_SYM_FUNC, .flags = EARLYMOD_SYM_F_GLOBAL },
	{ .name = 10, .value = 0, .size = 8, .class = EARLYMOD_CLASS_PERCPU,
	  .type = EARLYMOD_SYM_OBJECT },
};

static struct pg_entry base_entries[PG_MAX_ENTRIES];
static struct pg_pack base;

struct pg_pack *base_pack(void)
{
	struct pg_entry *a = &base_entries[0], *b = &base_entries[1];

	alpha_rules[0] = pg_rule(EARLYMOD_RULE_ACPI_TABLE, 0, 0, "DMAR");
	alpha_relocs[0] = pg_reloc(EARLYMOD_CLASS_TEXT, 1,
				   EARLYMOD_R_X86_64_PLT32, EARLYMOD_TGT_VMLINUX,
				   0, 0, (int64_t)(VM_LINK + 0x900 - 4));
	alpha_relocs[1] = pg_reloc(EARLYMOD_CLASS_TEXT, 8,
				   EARLYMOD_R_X86_64_32S, EARLYMOD_TGT_PERCPU,
				   0, 0, 0x40);
	alpha_relocs[2] = pg_reloc(EARLYMOD_CLASS_TEXT, 12,
				   EARLYMOD_R_X86_64_PC32, EARLYMOD_TGT_LOCAL,
				   EARLYMOD_CLASS_PERCPU, 0, -4);
	alpha_relocs[3] = pg_reloc(EARLYMOD_CLASS_DATA, 0,
				   EARLYMOD_R_X86_64_64, EARLYMOD_TGT_LOCAL,
				   EARLYMOD_CLASS_RODATA, 0, 4);
	alpha_relocs[4] = pg_reloc(EARLYMOD_CLASS_DATA, 8,
				   EARLYMOD_R_X86_64_64, EARLYMOD_TGT_VMLINUX,
				   0, 0, (int64_t)(VM_LINK + 0x400));
	beta_relocs[0] = pg_reloc(EARLYMOD_CLASS_TEXT, 1,
				  EARLYMOD_R_X86_64_PC32, EARLYMOD_TGT_DEP,
				  EARLYMOD_CLASS_TEXT, 0, -4);

	memset(base_entries, 0, sizeof(base_entries));
	a->name = "alpha";
	a->version = "6.1";
	a->rules = alpha_rules;
	a->nr_rules = 1;
	a->classes[EARLYMOD_CLASS_TEXT] =
		(struct pg_class){ 32, 16, alpha_text, 32 };
	a->classes[EARLYMOD_CLASS_RODATA] =
		(struct pg_class){ 16, 8, alpha_rodata, 16 };
	a->classes[EARLYMOD_CLASS_DATA] =
		(struct pg_class){ 16, 8, alpha_data, 16 };
	a->classes[EARLYMOD_CLASS_BSS] = (struct pg_class){ 64, 64, NULL, 0 };
	a->classes[EARLYMOD_CLASS_PERCPU] =
		(struct pg_class){ 8, 8, alpha_pcpu, 8 };
	a->relocs = alpha_relocs;
	a->nr_relocs = BASE_NR_RELOCS;
	a->fixups = base_fixups;
	a->nr_fixups = 3;
	a->specials = alpha_specials;
	a->nr_specials = 1;
	a->syms = alpha_syms;
	a->nr_syms = 2;
	a->strtab = alpha_strtab;
	a->strtab_size = sizeof(alpha_strtab);

	b->name = "beta";
	b->deps[0] = "alpha";
	b->nr_deps = 1;
	b->classes[EARLYMOD_CLASS_TEXT] =
		(struct pg_class){ 16, 16, beta_text, 16 };
	b->relocs = beta_relocs;
	b->nr_relocs = 1;

	memset(&base, 0, sizeof(base));
	base.build_id = test_build_id;
	base.build_id_size = sizeof(test_build_id);
	base.link_text = VM_LINK;
	base.link_percpu_end = PCPU_END;
	base.entries = base_entries;
	base.nr_entries = 2;
	return &base;
}

void base_build(struct pg_out *o)
{
	pg_build(base_pack(), o);
}

/* -------------------------------------------------------------------------
 * Pipeline
 */
const struct emld_facts default_facts = TEST_FACTS_INIT;

static const struct emld_expect test_expect = {
	.build_id = test_build_id,
	.build_id_len = sizeof(test_build_id),
	.link_text = VM_LINK,
	.link_percpu_end = PCPU_END,
};

const char *step_name(enum step s)
{
	static const char *const names[] = {
		"done", "pack", "entry", "select", "layout", "relocate",
		"prepare",
	};
	return names[s];
}

int run_pipeline(struct emld_pack *pack, const void *buf, size_t len,
		 const struct emld_facts *facts, struct test_regions *regs,
		 struct run_result *res)
{
	uint32_t i;
	int n;

	memset(res, 0, sizeof(*res));
	regions_reset(regs);
	if (emld_pack_validate(pack, buf, len, &test_expect, &res->err)) {
		res->step = ST_PACK;
		return -1;
	}
	/* a bad entry is rejected alone: go on, report the first failure */
	for (i = 0; i < pack->nr_entries; i++) {
		struct emld_error e;

		if (emld_entry_validate(pack, i, &e) && !res->step) {
			res->step = ST_ENTRY;
			res->err = e;
		}
	}
	n = emld_select(pack, facts, 0, res->step ? NULL : &res->err);
	if (n < 0) {
		res->step = ST_SELECT;
		return -1;
	}
	if (res->step)
		return -1;
	for (i = 0; i < pack->nr_order; i++) {
		struct emld_entry *e = &pack->entries[pack->order[i]];

		if (emld_layout(e, regs->map, &res->err)) {
			res->step = ST_LAYOUT;
			return -1;
		}
		if (emld_relocate(e, KASLR, &res->err)) {
			res->step = ST_RELOC;
			return -1;
		}
		if (emld_fixups_prepare(e, test_vm(), &res->err)) {
			res->step = ST_PREPARE;
			return -1;
		}
		emld_fixups_commit(e, test_vm());
	}
	return 0;
}

/* -------------------------------------------------------------------------
 * Small helpers for the tests
 */
static struct emld_pack pack;	/* large: not on the stack */

static uint64_t rd(const uint8_t *p, uint32_t w)
{
	uint64_t v = 0;

	memcpy(&v, p, w);
	return v;
}

static int validate_all(struct emld_pack *pk, const struct pg_out *o,
			struct emld_error *err)
{
	uint32_t i;
	int ret = emld_pack_validate(pk, o->buf, o->len, NULL, err);

	for (i = 0; !ret && i < pk->nr_entries; i++)
		ret = emld_entry_validate(pk, i, err);
	return ret;
}

/* -------------------------------------------------------------------------
 * Format basics
 */
static void test_format(void)
{
	static const char check[] = "123456789";
	uint32_t c = earlymod_crc32c(0, check, 9);

	report("crc32c-check-value", c == 0xe3069283,
	       "crc32c(\"123456789\") = %#x, want 0xe3069283", c);
	c = earlymod_crc32c(earlymod_crc32c(0, check, 4), check + 4, 5);
	report("crc32c-incremental", c == 0xe3069283, "got %#x", c);
	report("record-sizes",
	       sizeof(struct earlymod_pack_header) == 96 &&
	       sizeof(struct earlymod_entry_desc) == 64 &&
	       sizeof(struct earlymod_item) == 16 &&
	       sizeof(struct earlymod_info) == 96 &&
	       sizeof(struct earlymod_dep) == 32 &&
	       sizeof(struct earlymod_rule) == 80 &&
	       sizeof(struct earlymod_class) == 16 &&
	       sizeof(struct earlymod_reloc) == 24 &&
	       sizeof(struct earlymod_fixup) == 32 &&
	       sizeof(struct earlymod_special) == 24 &&
	       sizeof(struct earlymod_sym) == 16,
	       "a record changed size");
	report("names",
	       !strcmp(emld_item_name(EARLYMOD_ITEM_RELOCS), "relocations") &&
	       !strcmp(emld_reloc_name(EARLYMOD_R_X86_64_PLT32),
		       "R_X86_64_PLT32") &&
	       !strcmp(emld_class_name(EARLYMOD_CLASS_PERCPU), "percpu") &&
	       !strcmp(emld_stage_name(EARLYMOD_STAGE_HYPERVISOR),
		       "hypervisor") &&
	       !strcmp(emld_rule_name(EARLYMOD_RULE_DMI), "dmi") &&
	       !strcmp(emld_dmi_name(EARLYMOD_DMI_BOARD_NAME), "board-name") &&
	       !strcmp(emld_target_name(EARLYMOD_TGT_DEP), "dep") &&
	       !strcmp(emld_special_name(EARLYMOD_SPECIAL_EXTABLE),
		       "__ex_table") &&
	       !strcmp(emld_item_name(99), "?") &&
	       emld_reloc_width(EARLYMOD_R_X86_64_PC64) == 8 &&
	       emld_reloc_width(3) == 0,
	       "a name or width is wrong");
}

/* -------------------------------------------------------------------------
 * Validation of the good pack, and API misuse
 */
static void test_validate_good(void)
{
	struct emld_error err;
	struct pg_out o;
	struct emld_entry *a;
	int ret;

	base_build(&o);
	ret = validate_all(&pack, &o, &err);
	report("validate-base", ret == 0, "%d %s at %#x", ret, msg_of(&err),
	       err.offset);
	a = &pack.entries[0];
	report("validate-records",
	       a->state == EMLD_VALID && a->nr_relocs == BASE_NR_RELOCS &&
	       a->nr_fixups == 3 && a->nr_syms == 2 && a->nr_specials == 1 &&
	       a->nr_rules == 1 && a->image_size == 32 + 16 + 16 + 8 &&
	       pack.entries[1].nr_deps == 1 && pack.entries[1].dep[0] == 0 &&
	       !strcmp(pack.entries[1].name, "beta") &&
	       a->item_offset[EARLYMOD_ITEM_RELOCS] ==
	       pg_item(&o, 0, EARLYMOD_ITEM_RELOCS),
	       "parsed view differs from what was written");

	ret = emld_pack_validate(&pack, o.buf, o.len, NULL, &err);
	report("validate-no-expect", ret == 0, "%s", msg_of(&err));

	ret = emld_pack_validate(&pack, o.buf + 4, o.len - 4, NULL, &err);
	report("validate-misaligned-buffer",
	       ret == -EINVAL && !strcmp(msg_of(&err),
					"pack buffer not 8-byte aligned"),
	       "%d %s", ret, msg_of(&err));

	ret = emld_pack_validate(&pack, o.buf, 1, NULL, &err);
	ret = emld_entry_validate(&pack, 0, &err);
	report("entry-before-pack", ret == -EINVAL &&
	       !strcmp(msg_of(&err), "no such entry"), "%d %s", ret,
	       msg_of(&err));
	ret = emld_select(&pack, NULL, 0, &err);
	report("select-before-pack", ret == -EINVAL &&
	       !strcmp(msg_of(&err), "pack not validated"), "%d %s", ret,
	       msg_of(&err));

	validate_all(&pack, &o, &err);
	ret = emld_entry_validate(&pack, 2, &err);
	report("entry-index-out-of-range", ret == -EINVAL, "%d", ret);
	ret = emld_select(&pack, NULL, 7, &err);
	report("select-unknown-stage", ret == -EINVAL &&
	       !strcmp(msg_of(&err), "unknown stage"), "%d %s", ret,
	       msg_of(&err));
	ret = emld_relocate(&pack.entries[0], 0, &err);
	report("relocate-before-layout", ret == -EINVAL &&
	       !strcmp(msg_of(&err), "entry not laid out"), "%d %s", ret,
	       msg_of(&err));
	ret = emld_fixups_prepare(&pack.entries[0], test_vm(), &err);
	report("prepare-before-relocate", ret == -EINVAL &&
	       !strcmp(msg_of(&err), "entry not relocated"), "%d %s", ret,
	       msg_of(&err));
	pg_free(&o);
}

/* -------------------------------------------------------------------------
 * Relocation arithmetic: one relocation at TEXT+4, at the boundaries
 */
struct rl {
	int ret;
	const char *msg;
	uint8_t site[8];
};

static struct rl reloc_one(uint32_t type, uint32_t target, uint32_t tclass,
			   int64_t value, uint64_t text_addr, uint64_t kaslr)
{
	static uint8_t text[16];
	struct earlymod_reloc r = pg_reloc(EARLYMOD_CLASS_TEXT, 4, type,
					   target, tclass, 0, value);
	struct pg_entry e;
	struct pg_pack p;
	struct pg_out o;
	struct emld_error err;
	struct test_regions regs;
	struct rl out;

	memset(&e, 0, sizeof(e));
	e.name = "r";
	e.classes[EARLYMOD_CLASS_TEXT] = (struct pg_class){ 16, 16, text, 16 };
	e.classes[EARLYMOD_CLASS_DATA] = (struct pg_class){ 64, 64, NULL, 0 };
	e.classes[EARLYMOD_CLASS_PERCPU] = (struct pg_class){ 8, 8, NULL, 0 };
	e.relocs = &r;
	e.nr_relocs = 1;
	memset(&p, 0, sizeof(p));
	p.build_id = test_build_id;
	p.build_id_size = 20;
	p.entries = &e;
	p.nr_entries = 1;
	pg_build(&p, &o);

	memset(&out, 0, sizeof(out));
	regions_reset(&regs);
	regs.text.addr = text_addr;
	regs.data.addr = text_addr + 0x1000;
	out.ret = emld_pack_validate(&pack, o.buf, o.len, NULL, &err);
	if (!out.ret)
		out.ret = emld_entry_validate(&pack, 0, &err);
	if (!out.ret)
		out.ret = emld_layout(&pack.entries[0], regs.map, &err);
	if (!out.ret)
		out.ret = emld_relocate(&pack.entries[0], kaslr, &err);
	out.msg = out.ret ? err.msg : NULL;
	if (!out.ret)
		memcpy(out.site, pack.entries[0].mem[EARLYMOD_CLASS_TEXT] + 4,
		       8);
	pg_free(&o);
	return out;
}

static void expect_fit(const char *name, struct rl r, uint32_t width,
		       uint64_t want)
{
	uint64_t got = rd(r.site, width);

	if (width == 4)
		want &= 0xffffffff;
	report(name, r.ret == 0 && got == want,
	       "ret %d (%s), value %#llx, want %#llx", r.ret,
	       r.msg ? r.msg : "", (unsigned long long)got,
	       (unsigned long long)want);
}

static void expect_overflow(const char *name, struct rl r, const char *msg)
{
	report(name, r.ret == -ERANGE && r.msg && !strcmp(r.msg, msg),
	       "ret %d (%s), want -ERANGE (%s)", r.ret,
	       r.msg ? r.msg : "", msg);
}

static void test_reloc_math(void)
{
	const uint64_t T = TEXT_ADDR, P = TEXT_ADDR + 4;
	static const char u32m[] =
		"relocation value out of unsigned 32-bit range";
	static const char s32m[] = "relocation value out of signed 32-bit range";
	const uint32_t V = EARLYMOD_TGT_VMLINUX;
	uint32_t pcs[2] = { EARLYMOD_R_X86_64_PC32, EARLYMOD_R_X86_64_PLT32 };
	char name[64];
	int i;

	/* R_X86_64_64: S + A, any value, modulo 2^64 */
	expect_fit("reloc-64", reloc_one(EARLYMOD_R_X86_64_64, V, 0,
					 0x123456789abcdef0, T, 0), 8,
		   0x123456789abcdef0);
	expect_fit("reloc-64-wraps", reloc_one(EARLYMOD_R_X86_64_64, V, 0,
					       -1, T, 1), 8, 0);

	/* R_X86_64_32: S + A must zero-extend */
	expect_fit("reloc-32-max", reloc_one(EARLYMOD_R_X86_64_32, V, 0,
					     0xffffffff, T, 0), 4, 0xffffffff);
	expect_fit("reloc-32-zero", reloc_one(EARLYMOD_R_X86_64_32, V, 0,
					      0, T, 0), 4, 0);
	expect_overflow("reloc-32-over", reloc_one(EARLYMOD_R_X86_64_32, V,
						   0, 0x100000000, T, 0), u32m);
	expect_overflow("reloc-32-negative",
			reloc_one(EARLYMOD_R_X86_64_32, V, 0, -1, T, 0), u32m);
	expect_overflow("reloc-32-over-by-kaslr",
			reloc_one(EARLYMOD_R_X86_64_32, V, 0, 0xffffffff, T, 1),
			u32m);

	/* R_X86_64_32S: S + A must sign-extend */
	expect_fit("reloc-32s-max", reloc_one(EARLYMOD_R_X86_64_32S, V, 0,
					      0x7fffffff, T, 0), 4, 0x7fffffff);
	expect_overflow("reloc-32s-over", reloc_one(EARLYMOD_R_X86_64_32S, V,
						    0, 0x80000000, T, 0), s32m);
	expect_fit("reloc-32s-min", reloc_one(EARLYMOD_R_X86_64_32S, V, 0,
					      -0x80000000LL, T, 0), 4,
		   0x80000000);
	expect_overflow("reloc-32s-under",
			reloc_one(EARLYMOD_R_X86_64_32S, V, 0,
				  -0x80000001LL, T, 0), s32m);
	expect_fit("reloc-32s-kernel-address",
		   reloc_one(EARLYMOD_R_X86_64_32S, V, 0, (int64_t)VM_LINK,
			     T, KASLR), 4, VM_LINK + KASLR);

	/* R_X86_64_PC32 and PLT32: S + A - P must sign-extend */
	for (i = 0; i < 2; i++) {
		const char *n = i ? "plt32" : "pc32";

		snprintf(name, sizeof(name), "reloc-%s-max", n);
		expect_fit(name, reloc_one(pcs[i], V, 0,
					   (int64_t)(P + 0x7fffffff), T, 0),
			   4, 0x7fffffff);
		snprintf(name, sizeof(name), "reloc-%s-over", n);
		expect_overflow(name, reloc_one(pcs[i], V, 0,
						(int64_t)(P + 0x80000000), T,
						0), s32m);
		snprintf(name, sizeof(name), "reloc-%s-min", n);
		expect_fit(name, reloc_one(pcs[i], V, 0,
					   (int64_t)(P - 0x80000000), T, 0),
			   4, 0x80000000);
		snprintf(name, sizeof(name), "reloc-%s-under", n);
		expect_overflow(name, reloc_one(pcs[i], V, 0,
						(int64_t)(P - 0x80000001), T,
						0), s32m);
	}
	/* kaslr moves a vmlinux target, not the module: +KASLR in the result */
	expect_fit("reloc-pc32-kaslr",
		   reloc_one(EARLYMOD_R_X86_64_PC32, V, 0, (int64_t)P, T, 0x200),
		   4, 0x200);

	/* R_X86_64_PC64: S + A - P, any value */
	expect_fit("reloc-pc64", reloc_one(EARLYMOD_R_X86_64_PC64, V, 0, 0, T,
					   0), 8, -P);
	expect_fit("reloc-pc64-neg-one",
		   reloc_one(EARLYMOD_R_X86_64_PC64, V, 0, (int64_t)(P - 1), T,
			     0), 8, ~0ULL);

	/* targets */
	expect_fit("reloc-target-local",
		   reloc_one(EARLYMOD_R_X86_64_64, EARLYMOD_TGT_LOCAL,
			     EARLYMOD_CLASS_DATA, 8, T, KASLR), 8,
		   T + 0x1000 + 8);
	expect_fit("reloc-target-local-pc",
		   reloc_one(EARLYMOD_R_X86_64_PC32, EARLYMOD_TGT_LOCAL,
			     EARLYMOD_CLASS_TEXT, -4, T, KASLR), 4,
		   (uint64_t)-8);
	expect_fit("reloc-target-vmlinux",
		   reloc_one(EARLYMOD_R_X86_64_64, V, 0, (int64_t)VM_LINK, T,
			     KASLR), 8, VM_LINK + KASLR);
	expect_fit("reloc-target-percpu-no-kaslr",
		   reloc_one(EARLYMOD_R_X86_64_32S, EARLYMOD_TGT_PERCPU, 0,
			     0x1234, T, KASLR), 4, 0x1234);
	expect_fit("reloc-target-local-percpu",
		   reloc_one(EARLYMOD_R_X86_64_32S, EARLYMOD_TGT_LOCAL,
			     EARLYMOD_CLASS_PERCPU, 0x10, T, KASLR), 4,
		   PCPU_ADDR + 0x10);
	/* %gs-relative PC32 to a zero-based per-CPU offset from module text */
	expect_fit("reloc-percpu-pc32",
		   reloc_one(EARLYMOD_R_X86_64_PC32, EARLYMOD_TGT_LOCAL,
			     EARLYMOD_CLASS_PERCPU, -4, T, KASLR), 4,
		   PCPU_ADDR - 4 - P);
}

/* A site that holds a nonzero byte, and a second relocation at a site. */
static void test_reloc_site_guard(void)
{
	static uint8_t text[16] = { [5] = 1 };
	struct earlymod_reloc r[2];
	struct pg_entry e;
	struct pg_pack p;
	struct pg_out o;
	struct emld_error err;
	struct test_regions regs;
	int ret;

	memset(&e, 0, sizeof(e));
	e.name = "g";
	e.classes[EARLYMOD_CLASS_TEXT] = (struct pg_class){ 16, 1, text, 16 };
	r[0] = pg_reloc(EARLYMOD_CLASS_TEXT, 4, EARLYMOD_R_X86_64_32,
			EARLYMOD_TGT_PERCPU, 0, 0, 1);
	e.relocs = r;
	e.nr_relocs = 1;
	memset(&p, 0, sizeof(p));
	p.build_id = test_build_id;
	p.build_id_size = 20;
	p.entries = &e;
	p.nr_entries = 1;
	pg_build(&p, &o);
	regions_reset(&regs);
	validate_all(&pack, &o, &err);
	emld_layout(&pack.entries[0], regs.map, &err);
	ret = emld_relocate(&pack.entries[0], 0, &err);
	report("reloc-site-not-zero", ret == -ENOEXEC &&
	       !strcmp(msg_of(&err), "relocation site not zero"),
	       "%d %s", ret, msg_of(&err));
	pg_free(&o);

	/* the same site twice: the second application is refused */
	text[5] = 0;
	r[0] = pg_reloc(EARLYMOD_CLASS_TEXT, 8, EARLYMOD_R_X86_64_32,
			EARLYMOD_TGT_PERCPU, 0, 0, 1);
	r[1] = r[0];
	e.nr_relocs = 2;
	pg_build(&p, &o);
	regions_reset(&regs);
	validate_all(&pack, &o, &err);
	emld_layout(&pack.entries[0], regs.map, &err);
	ret = emld_relocate(&pack.entries[0], 0, &err);
	report("reloc-applied-twice", ret == -ENOEXEC &&
	       !strcmp(msg_of(&err), "relocation site not zero") &&
	       err.offset == pg_item(&o, 0, EARLYMOD_ITEM_RELOCS) +
	       (uint32_t)sizeof(struct earlymod_reloc),
	       "%d %s at %#x", ret, msg_of(&err), err.offset);
	pg_free(&o);
}

/* -------------------------------------------------------------------------
 * The base pack end to end: layout, copy, relocations, per-CPU, fixups
 */
static void test_link_base(void)
{
	struct run_result res;
	struct test_regions regs;
	struct emld_entry *a, *b;
	struct pg_out o;
	uint64_t text, data, pc, v;
	int ret;

	base_build(&o);
	vm_reset();
	vm_plant(base_fixups, 3, KASLR);
	ret = run_pipeline(&pack, o.buf, o.len, &default_facts, &regs, &res);
	report("link-base", ret == 0, "%s: %s at %#x", step_name(res.step),
	       msg_of(&res.err), res.err.offset);
	if (ret) {
		pg_free(&o);
		return;
	}
	a = &pack.entries[0];
	b = &pack.entries[1];
	text = a->base[EARLYMOD_CLASS_TEXT];
	data = a->base[EARLYMOD_CLASS_DATA];
	pc = a->base[EARLYMOD_CLASS_PERCPU];

	report("select-base-order", pack.nr_order == 2 && pack.order[0] == 0 &&
	       pack.order[1] == 1 && a->decision == EMLD_LINK &&
	       !strcmp(a->reason, "rules matched") &&
	       !strcmp(b->reason, "no rules"), "order %u %u, %s / %s",
	       pack.order[0], pack.order[1], a->reason, b->reason);
	report("layout-addresses",
	       text == TEXT_ADDR && b->base[EARLYMOD_CLASS_TEXT] ==
	       TEXT_ADDR + 32 &&
	       a->base[EARLYMOD_CLASS_RODATA] == DATA_ADDR &&
	       data == DATA_ADDR + 16 &&
	       a->base[EARLYMOD_CLASS_BSS] == DATA_ADDR + 64 &&
	       pc == PCPU_ADDR && regs.data.used == 128 &&
	       regs.text.used == 48 && regs.pcpu.used == 8,
	       "text %#llx data %#llx bss %#llx used %u/%u",
	       (unsigned long long)text, (unsigned long long)data,
	       (unsigned long long)a->base[EARLYMOD_CLASS_BSS],
	       regs.text.used, regs.data.used);
	report("copy-zero-fill",
	       !memcmp(a->mem[EARLYMOD_CLASS_RODATA], alpha_rodata, 16) &&
	       a->mem[EARLYMOD_CLASS_TEXT][16] == 0xc3 &&
	       a->mem[EARLYMOD_CLASS_BSS][0] == 0 &&
	       a->mem[EARLYMOD_CLASS_BSS][63] == 0 &&
	       data_mem[32] == 0xa5 /* alignment gap untouched */,
	       "class bytes not copied or zeroed as expected");
	report("percpu-template",
	       !memcmp(pcpu_tmpl, alpha_pcpu, 8) &&
	       a->mem[EARLYMOD_CLASS_PERCPU] == pcpu_tmpl,
	       "per-CPU bytes not in the template");

	v = rd(a->mem[EARLYMOD_CLASS_TEXT] + 1, 4);
	report("reloc-base-plt32-vmlinux",
	       v == ((VM_LINK + 0x900 - 4 + KASLR - (text + 1)) & 0xffffffff),
	       "%#llx", (unsigned long long)v);
	v = rd(a->mem[EARLYMOD_CLASS_TEXT] + 8, 4);
	report("reloc-base-32s-percpu", v == 0x40, "%#llx",
	       (unsigned long long)v);
	v = rd(a->mem[EARLYMOD_CLASS_TEXT] + 12, 4);
	report("reloc-base-pc32-local-percpu",
	       v == ((pc - 4 - (text + 12)) & 0xffffffff), "%#llx",
	       (unsigned long long)v);
	v = rd(a->mem[EARLYMOD_CLASS_DATA], 8);
	report("reloc-base-64-local", v == DATA_ADDR + 4, "%#llx",
	       (unsigned long long)v);
	v = rd(a->mem[EARLYMOD_CLASS_DATA] + 8, 8);
	report("reloc-base-64-vmlinux", v == VM_LINK + 0x400 + KASLR, "%#llx",
	       (unsigned long long)v);
	v = rd(b->mem[EARLYMOD_CLASS_TEXT] + 1, 4);
	report("reloc-dep", v == ((text - 4 - (TEXT_ADDR + 32 + 1)) &
				  0xffffffff), "%#llx",
	       (unsigned long long)v);

	/* fixups, committed through the write callback */
	v = rd(vm_mem + 0x100, 4);
	report("fixup-plt32", v == ((text - 4 - (VM_LINK + 0x100 + KASLR)) &
				    0xffffffff), "%#llx",
	       (unsigned long long)v);
	v = rd(vm_mem + 0x200, 8);
	report("fixup-64", v == data + 8, "%#llx", (unsigned long long)v);
	v = rd(vm_mem + 0x300, 4);
	report("fixup-32s-percpu", v == pc, "%#llx", (unsigned long long)v);
	report("fixup-write-callback", vm_writes == 3 &&
	       a->state == EMLD_COMMITTED, "%d writes", vm_writes);
	pg_free(&o);
}

/* A fixup that fails leaves every site as it was. */
static void test_fixup_transaction(void)
{
	struct emld_error err;
	struct test_regions regs;
	struct pg_out o;
	uint8_t before[VM_SIZE];
	struct emld_entry *a;
	int ret;

	base_build(&o);
	vm_reset();
	vm_plant(base_fixups, 3, KASLR);
	vm_mem[0x300] ^= 1;	/* the last site holds something else */
	memcpy(before, vm_mem, sizeof(before));
	regions_reset(&regs);
	validate_all(&pack, &o, &err);
	a = &pack.entries[0];
	emld_layout(a, regs.map, &err);
	emld_relocate(a, KASLR, &err);
	ret = emld_fixups_prepare(a, test_vm(), &err);
	report("fixup-prepare-fails-late",
	       ret == -ENOEXEC && !strcmp(msg_of(&err),
		"fixup site does not hold the expected value") &&
	       err.offset == pg_item(&o, 0, EARLYMOD_ITEM_FIXUPS) + 2 * 32 + 8,
	       "%d %s at %#x", ret, msg_of(&err), err.offset);
	emld_fixups_commit(a, test_vm());	/* not prepared: no-op */
	report("fixup-no-trace", !memcmp(before, vm_mem, sizeof(before)) &&
	       vm_writes == 0, "vmlinux changed after a failed prepare");

	/* undo gives the space back */
	emld_layout_undo(a);
	report("layout-undo", regs.text.used == 0 && regs.data.used == 0 &&
	       regs.pcpu.used == 0 && a->state == EMLD_VALID,
	       "used %u/%u/%u", regs.text.used, regs.data.used,
	       regs.pcpu.used);

	/*
	 * The new value must fit: the 32S fixup to a per-CPU class placed at
	 * 2 GiB.  Text sits low so that the entry's own PC32 to that per-CPU
	 * variable still fits.
	 */
	vm_reset();
	vm_plant(base_fixups, 3, KASLR);
	regions_reset(&regs);
	regs.text.addr = 0x1000;
	regs.pcpu.addr = 0x80000000ULL;
	ret = emld_layout(a, regs.map, &err);
	if (!ret)
		ret = emld_relocate(a, KASLR, &err);
	if (!ret)
		ret = emld_fixups_prepare(a, test_vm(), &err);
	report("fixup-new-value-overflow", ret == -ERANGE &&
	       !strcmp(msg_of(&err), "fixup value out of signed 32-bit range") &&
	       err.offset == pg_item(&o, 0, EARLYMOD_ITEM_FIXUPS) + 2 * 32 + 16,
	       "%d %s at %#x", ret, msg_of(&err), err.offset);
	pg_free(&o);
}

/* -------------------------------------------------------------------------
 * The seal: only the sites vmlinux records are patched
 */
static struct earlymod_seal seal;

static void seal_sites(const struct earlymod_fixup *f, uint32_t n)
{
	uint32_t i;

	memset(&seal, 0, sizeof(seal));
	seal.magic = EARLYMOD_SEAL_MAGIC;
	seal.size = sizeof(seal);
	seal.nr_sites = n;
	for (i = 0; i < n; i++) {
		seal.site[i].site = f[i].site;
		seal.site[i].old_value = f[i].old_value;
		seal.site[i].type = f[i].type;
	}
}

static int seal_prepare(struct pg_out *o, struct emld_error *err)
{
	struct emld_vmlinux vm = *test_vm();
	struct test_regions regs;
	struct emld_entry *a;

	vm.seal = &seal;
	vm_reset();
	vm_plant(base_fixups, 3, KASLR);
	regions_reset(&regs);
	validate_all(&pack, o, err);
	a = &pack.entries[0];
	emld_layout(a, regs.map, err);
	emld_relocate(a, KASLR, err);
	return emld_fixups_prepare(a, &vm, err);
}

static int seal_invalid(const char *msg)
{
	struct emld_error err;
	int ret = emld_seal_validate(&seal, &err);

	return ret == -EINVAL && !strcmp(msg_of(&err), msg);
}

static void test_seal(void)
{
	const char *not_recorded = "fixup site is not one vmlinux records (seal)";
	struct earlymod_fixup two[2] = { base_fixups[0], base_fixups[2] };
	uint32_t fix;
	struct emld_error err;
	struct pg_out o;
	uint8_t d[EARLYMOD_DIGEST_LEN];
	int ret;

	base_build(&o);
	fix = pg_item(&o, 0, EARLYMOD_ITEM_FIXUPS);

	seal_sites(base_fixups, 3);
	ret = emld_seal_validate(&seal, &err);
	report("seal-valid", ret == 0, "%d %s", ret, msg_of(&err));
	ret = seal_prepare(&o, &err);
	report("seal-recorded-sites-link", ret == 0, "%d %s", ret, msg_of(&err));

	/* the middle site holds the right value, but vmlinux does not list it */
	seal_sites(two, 2);
	ret = seal_prepare(&o, &err);
	report("seal-unrecorded-site-refused", ret == -EPERM &&
	       !strcmp(msg_of(&err), not_recorded) && err.offset == fix + 32 &&
	       vm_writes == 0, "%d %s at %#x", ret, msg_of(&err), err.offset);

	seal_sites(base_fixups, 3);
	seal.site[1].old_value++;
	ret = seal_prepare(&o, &err);
	report("seal-site-other-old-value", ret == -EPERM &&
	       err.offset == fix + 32, "%d %s", ret, msg_of(&err));
	seal_sites(base_fixups, 3);
	seal.site[0].type = EARLYMOD_R_X86_64_PC32;
	ret = seal_prepare(&o, &err);
	report("seal-site-other-type", ret == -EPERM && err.offset == fix,
	       "%d %s", ret, msg_of(&err));

	/* a vmlinux never sealed records nothing */
	memset(&seal, 0, sizeof(seal));
	ret = emld_seal_validate(&seal, &err);
	report("seal-empty-valid", ret == 0, "%d %s", ret, msg_of(&err));
	ret = seal_prepare(&o, &err);
	report("seal-empty-refuses-every-site", ret == -EPERM &&
	       err.offset == fix, "%d %s", ret, msg_of(&err));
	memcpy(d, "\x01", 1);
	report("seal-empty-no-digest", !emld_seal_has_digest(&seal, d), "found");
	seal.site[3].site = 1;
	report("seal-no-magic-not-zero",
	       seal_invalid("seal: no magic, but not all zero"), "accepted");

	/* what the kernel checks once at boot */
	seal_sites(base_fixups, 3);
	seal.magic = 0x12345678;
	report("seal-bad-magic", seal_invalid("seal: bad magic"), "accepted");
	seal_sites(base_fixups, 3);
	seal.size = 64;
	report("seal-bad-size", seal_invalid("seal: size is not this format's"),
	       "accepted");
	seal_sites(base_fixups, 3);
	seal.nr_sites = EARLYMOD_SEAL_SITES + 1;
	report("seal-too-many-sites",
	       seal_invalid("seal: more records than it holds"), "accepted");
	seal_sites(base_fixups, 3);
	seal.site[2].site = seal.site[1].site;
	report("seal-sites-repeated",
	       seal_invalid("seal: sites not sorted or repeated"), "accepted");
	seal_sites(base_fixups, 3);
	seal.site[1].reserved[6] = 1;
	report("seal-site-reserved", seal_invalid("seal: bad site record"),
	       "accepted");
	seal_sites(base_fixups, 3);
	seal.site[5].old_value = 1;
	report("seal-unused-not-zero",
	       seal_invalid("seal: unused records not zero"), "accepted");

	/* digests: sorted, bisected */
	seal_sites(base_fixups, 3);
	seal.nr_digests = 3;
	seal.digest[0][0] = 0x01;
	seal.digest[1][0] = 0x05;
	seal.digest[2][0] = 0x09;
	seal.digest[2][31] = 0x01;
	ret = emld_seal_validate(&seal, &err);
	report("seal-digests-valid", ret == 0, "%d %s", ret, msg_of(&err));
	memcpy(d, seal.digest[2], sizeof(d));
	ret = emld_seal_has_digest(&seal, seal.digest[0]) &&
	      emld_seal_has_digest(&seal, seal.digest[1]) &&
	      emld_seal_has_digest(&seal, d);
	d[31] = 0;
	report("seal-digest-found", ret && !emld_seal_has_digest(&seal, d),
	       "lookup wrong");
	memcpy(seal.digest[1], seal.digest[0], EARLYMOD_DIGEST_LEN);
	report("seal-digests-repeated",
	       seal_invalid("seal: digests not sorted or repeated"), "accepted");
	pg_free(&o);
}

static __u8 *map_none(void *ctx, __u64 addr, __u32 len)
{
	(void)ctx;
	(void)addr;
	(void)len;
	return NULL;
}

static void test_fixup_map_callback(void)
{
	struct emld_vmlinux vm = { .map = map_none };
	struct emld_error err;
	struct test_regions regs;
	struct pg_out o;
	struct emld_entry *a;
	int ret;

	base_build(&o);
	regions_reset(&regs);
	validate_all(&pack, &o, &err);
	a = &pack.entries[0];
	emld_layout(a, regs.map, &err);
	emld_relocate(a, KASLR, &err);
	ret = emld_fixups_prepare(a, &vm, &err);
	report("fixup-map-callback", ret == -EFAULT &&
	       !strcmp(msg_of(&err), "fixup site outside the vmlinux ranges"),
	       "%d %s", ret, msg_of(&err));
	/* a range that ends one byte short of the last site */
	{
		struct emld_range r = { VM_LINK + KASLR, 0x303, vm_mem };
		struct emld_vmlinux v2 = { .ranges = &r, .nr_ranges = 1 };

		vm_reset();
		vm_plant(base_fixups, 3, KASLR);
		ret = emld_fixups_prepare(a, &v2, &err);
		report("fixup-site-straddles-range-end", ret == -EFAULT &&
		       err.offset == pg_item(&o, 0, EARLYMOD_ITEM_FIXUPS) + 64,
		       "%d %s at %#x", ret, msg_of(&err), err.offset);
		r.size = 0x304;
		ret = emld_fixups_prepare(a, &v2, &err);
		report("fixup-site-at-range-end", ret == 0, "%d %s", ret,
		       msg_of(&err));
	}
	pg_free(&o);
}

/* -------------------------------------------------------------------------
 * What relocated tables point at (emld_check_contents())
 */
static void put_rel(uint8_t *rec, uint64_t at, uint64_t target)
{
	int32_t v = (int32_t)(target - at);

	memcpy(rec, &v, sizeof(v));
}

static void test_contents(void)
{
	/* an exception table as the kernel lays one out: two PC-relative s32 */
	static const struct emld_table_layout ex = {
		EARLYMOD_SPECIAL_EXTABLE, 12, "__ex_table: outside", 2,
		{ { 0, 1, 0, EMLD_TO_ANY_TEXT, 0, 0 }, { 4, 1, 0, EMLD_TO_ANY_TEXT, 0, 0 } } };
	struct emld_table_layout l = ex;
	struct earlymod_special sp;
	struct test_regions regs;
	struct run_result res;
	struct pg_out o;
	struct emld_entry *a;
	uint64_t rb, tb;
	uint8_t *rec;
	int ret;

	base_build(&o);
	vm_reset();
	vm_plant(base_fixups, 3, KASLR);
	ret = run_pipeline(&pack, o.buf, o.len, &default_facts, &regs, &res);
	a = &pack.entries[0];
	sp = a->specials[0];		/* EXTABLE, rodata+0, 12 bytes */
	rec = a->mem[EARLYMOD_CLASS_RODATA];
	rb = a->base[EARLYMOD_CLASS_RODATA];
	tb = a->base[EARLYMOD_CLASS_TEXT];

	put_rel(rec, rb, tb + 1);
	put_rel(rec + 4, rb + 4, tb + 5);
	report("contents-in-text", !ret && !emld_check_contents(a, &sp, &ex),
	       "%s", ret ? "pipeline failed" : emld_check_contents(a, &sp, &ex));
	put_rel(rec + 4, rb + 4, VM_LINK + KASLR);	/* the fixup into vmlinux */
	report("contents-into-vmlinux",
	       emld_check_contents(a, &sp, &ex) == ex.msg, "accepted");
	put_rel(rec + 4, rb + 4, tb + 32);	/* just past alpha's text */
	report("contents-end-of-text", emld_check_contents(a, &sp, &ex) == ex.msg,
	       "accepted");
	l.field[1].end_ok = 1;
	report("contents-end-ok", !emld_check_contents(a, &sp, &l),
	       "refused the end of the class");
	put_rel(rec + 4, rb + 4, rb + 8);	/* its own rodata: not text */
	report("contents-into-rodata", emld_check_contents(a, &sp, &ex) == ex.msg,
	       "accepted");
	l = ex;
	l.field[1].where = EMLD_TO_CORE;
	report("contents-core-allowed", !emld_check_contents(a, &sp, &l),
	       "refused core memory");
	/* an export of per-CPU data names its offset in the per-CPU area */
	put_rel(rec + 4, rb + 4, a->base[EARLYMOD_CLASS_PERCPU]);
	ret = a->classes[EARLYMOD_CLASS_PERCPU].size &&
	      emld_check_contents(a, &sp, &l) == l.msg;
	l.field[1].where = EMLD_TO_EXPORT;
	report("contents-percpu-export", ret && !emld_check_contents(a, &sp, &l),
	       "per-CPU data: not refused as core, or refused as an export");
	put_rel(rec + 4, rb + 4, rb + 8);
	/* a field checked only when a byte of the record says so */
	l = ex;
	l.field[1].if_nonzero = 1 + 8;
	rec[8] = 0;
	ret = !emld_check_contents(a, &sp, &l);
	rec[8] = 1;
	report("contents-if-nonzero", ret && emld_check_contents(a, &sp, &l) == l.msg,
	       "condition not honoured");
	/* a field that names len bytes (a site the kernel patches) */
	l = ex;
	l.field[0].len_at = 1 + 8;
	put_rel(rec, rb, tb + 28);	/* alpha's text is 32 bytes */
	put_rel(rec + 4, rb + 4, tb + 5);
	rec[8] = 4;
	ret = !emld_check_contents(a, &sp, &l);
	rec[8] = 5;
	report("contents-length", ret && emld_check_contents(a, &sp, &l) == l.msg,
	       "the site's length not held to the class");
	l.field[0].end_ok = 1;
	put_rel(rec, rb, tb + 32);
	rec[8] = 1;
	report("contents-length-at-end", emld_check_contents(a, &sp, &l) == l.msg,
	       "a site of one byte at the end of the class accepted");
	/* absolute fields */
	{
		static const struct emld_table_layout abs = {
			EARLYMOD_SPECIAL_SETUP, 12, "abs: outside", 1,
			{ { 0, 0, 0, EMLD_TO_ANY_TEXT, 0, 0 } } };
		uint64_t v = tb + 3;

		memcpy(rec, &v, 8);
		ret = !emld_check_contents(a, &sp, &abs);
		v = VM_LINK + KASLR + 0x100;
		memcpy(rec, &v, 8);
		report("contents-absolute", ret &&
		       emld_check_contents(a, &sp, &abs) == abs.msg, "wrong");
	}
	/* the table itself */
	l = ex;
	l.rec = 8;
	report("contents-partial-record", emld_check_contents(a, &sp, &l) &&
	       !strcmp(emld_check_contents(a, &sp, &l),
		       "special table: not a whole number of records"), "accepted");
	sp.offset = 12;		/* rodata is 16 bytes: 12 + 12 > 16 */
	report("contents-outside-class", emld_check_contents(a, &sp, &ex) &&
	       !strcmp(emld_check_contents(a, &sp, &ex),
		       "special table: outside its class"), "accepted");
	sp.offset = 0;
	sp.class = EARLYMOD_CLASS_BSS;
	report("contents-in-bss", emld_check_contents(a, &sp, &ex) &&
	       !strcmp(emld_check_contents(a, &sp, &ex),
		       "special table: not in a relocated class"), "accepted");
	pg_free(&o);
}

/* A pack validated at one address and moved: rebased, it links the same. */
static int inside(const void *p, const uint8_t *b, size_t len)
{
	return !p || ((const uint8_t *)p >= b && (const uint8_t *)p < b + len);
}

static void test_rebase(void)
{
	static uint8_t want_vm[VM_SIZE], want_text[REGION_SIZE];
	struct test_regions regs;
	struct run_result res;
	struct emld_error err;
	struct pg_out o;
	uint8_t *a, *b;
	uint32_t i;
	int ret, in = 1;

	base_build(&o);
	a = malloc(o.len);
	b = malloc(o.len);
	if (!a || !b)
		abort();
	memcpy(b, o.buf, o.len);
	vm_reset();
	vm_plant(base_fixups, 3, KASLR);
	ret = run_pipeline(&pack, b, o.len, &default_facts, &regs, &res);
	memcpy(want_vm, vm_mem, sizeof(want_vm));
	memcpy(want_text, text_mem, sizeof(want_text));

	memcpy(a, o.buf, o.len);
	vm_reset();
	vm_plant(base_fixups, 3, KASLR);
	regions_reset(&regs);
	ret |= emld_pack_validate(&pack, a, o.len, &test_expect, &err);
	for (i = 0; i < pack.nr_entries; i++)
		ret |= emld_entry_validate(&pack, i, &err);
	memset(a, 0xee, o.len);		/* the old place is gone */
	emld_pack_rebase(&pack, b);
	in = (const uint8_t *)pack.hdr == b && inside(pack.desc, b, o.len);
	for (i = 0; i < pack.nr_entries; i++) {
		const struct emld_entry *e = &pack.entries[i];

		in &= inside(e->name, b, o.len) && inside(e->info, b, o.len) &&
		      inside(e->rules, b, o.len) && inside(e->classes, b, o.len) &&
		      inside(e->image, b, o.len) && inside(e->relocs, b, o.len) &&
		      inside(e->fixups, b, o.len) && inside(e->specials, b, o.len) &&
		      inside(e->syms, b, o.len) && inside(e->strtab, b, o.len) &&
		      inside(e->deps, b, o.len);
	}
	report("rebase-points-into-new-place", !ret && in, "ret %d, inside %d",
	       ret, in);
	ret = emld_select(&pack, &default_facts, 0, &err) < 0;
	for (i = 0; !ret && i < pack.nr_order; i++) {
		struct emld_entry *e = &pack.entries[pack.order[i]];

		ret = emld_layout(e, regs.map, &err) ||
		      emld_relocate(e, KASLR, &err) ||
		      emld_fixups_prepare(e, test_vm(), &err);
		if (!ret)
			emld_fixups_commit(e, test_vm());
	}
	report("rebase-links-the-same", !ret &&
	       !memcmp(vm_mem, want_vm, sizeof(want_vm)) &&
	       !memcmp(text_mem, want_text, sizeof(want_text)),
	       "%d %s", ret, msg_of(&err));
	free(a);
	free(b);
	pg_free(&o);
}

/* Misuse and ordering mistakes a caller can make. */
static void test_link_misuse(void)
{
	struct emld_error err;
	struct test_regions regs;
	struct pg_out o;
	struct emld_entry *a, *b;
	uint32_t used;
	int ret;

	base_build(&o);
	regions_reset(&regs);
	validate_all(&pack, &o, &err);
	a = &pack.entries[0];
	b = &pack.entries[1];

	/* beta before its dependency */
	emld_layout(b, regs.map, &err);
	ret = emld_relocate(b, KASLR, &err);
	report("reloc-dep-not-linked", ret == -ENOENT &&
	       !strcmp(msg_of(&err),
		       "relocation against a dependency that is not linked") &&
	       !strcmp(err.entry, "beta"), "%d %s", ret, msg_of(&err));

	/* undo only gives space back when nothing came after it */
	emld_layout(a, regs.map, &err);
	used = regs.text.used;
	emld_layout_undo(b);
	report("layout-undo-not-last", regs.text.used == used &&
	       b->state == EMLD_VALID, "text used %#x, was %#x",
	       regs.text.used, used);

	emld_relocate(a, KASLR, &err);
	ret = emld_fixups_prepare(a, NULL, &err);
	report("prepare-no-vmlinux", ret == -EINVAL &&
	       !strcmp(msg_of(&err), "no vmlinux ranges"), "%d %s", ret,
	       msg_of(&err));

	/* a rejected entry is reset and stays rejected */
	pg_put8(&o, pg_item(&o, 0, EARLYMOD_ITEM_INFO) + 64, 9);
	pg_fix_crcs(&o);
	validate_all(&pack, &o, &err);
	ret = emld_entry_validate(&pack, 0, &err);
	report("entry-rejected-state", ret == -ENOEXEC &&
	       pack.entries[0].state == EMLD_REJECTED &&
	       pack.entries[0].relocs == NULL &&
	       !strcmp(pack.entries[0].name, "alpha"), "%d state %d", ret,
	       pack.entries[0].state);
	ret = emld_layout(&pack.entries[0], regs.map, &err);
	report("layout-rejected", ret == -EINVAL, "%d", ret);
	pg_free(&o);
}

/* Two entries that patch the same vmlinux site: the second is refused. */
static void test_fixup_same_site(void)
{
	struct test_regions regs;
	struct run_result res;
	struct pg_out o;
	struct pg_pack *p = base_pack();
	struct pg_entry *b = &base_entries[1];
	static struct earlymod_fixup f[1];
	int ret;

	(void)p;
	f[0] = base_fixups[0];
	f[0].value = 0;
	b->fixups = f;
	b->nr_fixups = 1;
	pg_build(&base, &o);
	vm_reset();
	vm_plant(base_fixups, 3, KASLR);
	ret = run_pipeline(&pack, o.buf, o.len, &default_facts, &regs, &res);
	report("fixup-same-site-twice", ret && res.step == ST_PREPARE &&
	       !strcmp(res.err.entry, "beta") &&
	       !strcmp(msg_of(&res.err),
		       "fixup site does not hold the expected value") &&
	       pack.entries[0].state == EMLD_COMMITTED,
	       "%s: %s", step_name(res.step), msg_of(&res.err));
	pg_free(&o);
}

/* Without facts, select still works: nothing is known to be present. */
static void test_select_no_facts(void)
{
	struct emld_error err;
	struct pg_out o;
	int n;

	base_build(&o);
	validate_all(&pack, &o, &err);
	n = emld_select(&pack, NULL, 0, &err);
	report("select-no-facts", n == 0 &&
	       !strcmp(pack.entries[0].reason, "no ACPI DMAR table") &&
	       !strcmp(pack.entries[1].reason,
		       "needs alpha, which is not linked"),
	       "%d: %s / %s", n, pack.entries[0].reason,
	       pack.entries[1].reason);
	pg_free(&o);
}

/* -------------------------------------------------------------------------
 * Layout
 */
static void test_layout(void)
{
	struct emld_region shared = { 0x1001, NULL, 0x100, 0 };
	struct emld_region *map[EARLYMOD_NR_CLASSES] = { 0 };
	static uint8_t mem[0x100];
	struct emld_error err;
	struct pg_entry e;
	struct pg_pack p;
	struct pg_out o;
	struct emld_entry *x;
	int ret, c;

	memset(&e, 0, sizeof(e));
	e.name = "lay";
	e.classes[EARLYMOD_CLASS_TEXT] = (struct pg_class){ 3, 1, NULL, 0 };
	e.classes[EARLYMOD_CLASS_RODATA] = (struct pg_class){ 8, 16, NULL, 0 };
	e.classes[EARLYMOD_CLASS_DATA] = (struct pg_class){ 0, 64, NULL, 0 };
	e.classes[EARLYMOD_CLASS_BSS] = (struct pg_class){ 16, 8, NULL, 0 };
	memset(&p, 0, sizeof(p));
	p.build_id = test_build_id;
	p.build_id_size = 20;
	p.entries = &e;
	p.nr_entries = 1;
	pg_build(&p, &o);
	validate_all(&pack, &o, &err);
	x = &pack.entries[0];
	shared.ptr = mem;
	for (c = 0; c < EARLYMOD_NR_CLASSES; c++)
		map[c] = &shared;

	ret = emld_layout(x, map, &err);
	/* text at 0x1001 (3), rodata aligned to 0x1010, bss at 0x1018 */
	report("layout-align-shared", ret == 0 &&
	       x->base[EARLYMOD_CLASS_TEXT] == 0x1001 &&
	       x->base[EARLYMOD_CLASS_RODATA] == 0x1010 &&
	       x->base[EARLYMOD_CLASS_BSS] == 0x1018 &&
	       x->mem[EARLYMOD_CLASS_RODATA] == mem + 0xf &&
	       x->mem[EARLYMOD_CLASS_DATA] == NULL && shared.used == 0x27,
	       "%d %s: rodata %#llx bss %#llx used %#x", ret, msg_of(&err),
	       (unsigned long long)x->base[EARLYMOD_CLASS_RODATA],
	       (unsigned long long)x->base[EARLYMOD_CLASS_BSS], shared.used);
	ret = emld_layout(x, map, &err);
	report("layout-twice", ret == -EINVAL &&
	       !strcmp(msg_of(&err), "entry not ready for layout"), "%d", ret);
	emld_layout_undo(x);
	report("layout-undo-shared", shared.used == 0, "used %#x",
	       shared.used);

	/* exactly full, then one byte short */
	shared.used = 0x100 - 0x27;
	shared.addr = 0x1001 - shared.used;
	ret = emld_layout(x, map, &err);
	report("layout-exactly-full", ret == 0 && shared.used == 0x100,
	       "%d %s used %#x", ret, msg_of(&err), shared.used);
	emld_layout_undo(x);
	shared.used++;
	shared.addr--;
	ret = emld_layout(x, map, &err);
	report("layout-one-short", ret == -ENOSPC &&
	       !strcmp(msg_of(&err), "no space left for a class in its region") &&
	       shared.used == 0x100 - 0x27 + 1,
	       "%d %s used %#x", ret, msg_of(&err), shared.used);

	/* a NULL region is fine for empty classes only */
	memset(map, 0, sizeof(map));
	shared = (struct emld_region){ 0x1000, mem, 0x100, 0 };
	map[EARLYMOD_CLASS_TEXT] = &shared;
	map[EARLYMOD_CLASS_RODATA] = &shared;
	ret = emld_layout(x, map, &err);
	report("layout-no-region", ret == -EINVAL &&
	       !strcmp(msg_of(&err), "no region for a class") &&
	       err.offset == pg_item(&o, 0, EARLYMOD_ITEM_CLASSES) +
	       EARLYMOD_CLASS_BSS * 16 && shared.used == 0,
	       "%d %s at %#x", ret, msg_of(&err), err.offset);
	map[EARLYMOD_CLASS_BSS] = &shared;
	ret = emld_layout(x, map, &err);
	report("layout-null-region-empty-class", ret == 0, "%d %s", ret,
	       msg_of(&err));
	emld_layout_undo(x);

	/* a region that wraps around the address space */
	shared = (struct emld_region){ ~0ULL - 0x10, mem, 0x100, 0 };
	for (c = 0; c < EARLYMOD_NR_CLASSES; c++)
		map[c] = &shared;
	ret = emld_layout(x, map, &err);
	report("layout-bad-region", ret == -EINVAL &&
	       !strcmp(msg_of(&err), "bad region"), "%d %s", ret,
	       msg_of(&err));
	pg_free(&o);
}

/* -------------------------------------------------------------------------
 * Select
 */
#define MAXE 8
static struct pg_entry se[MAXE];
static struct earlymod_rule srules[MAXE][6];
static int nse;

static struct pg_entry *sel_add(const char *name)
{
	struct pg_entry *e = &se[nse];

	memset(e, 0, sizeof(*e));
	e->name = name;
	e->rules = srules[nse];
	nse++;
	return e;
}

static void sel_rule(struct pg_entry *e, uint32_t type, uint32_t flags,
		     uint32_t arg0, const char *str)
{
	srules[e - se][e->nr_rules++] = pg_rule(type, flags, arg0, str);
}

static void sel_dep(struct pg_entry *e, const char *dep)
{
	e->deps[e->nr_deps++] = dep;
}

static struct pg_out sel_out;

/* Build se[0..nse), validate everything, select with @f for @stage. */
static const char *const hv_ms[] = { "Microsoft Hv", NULL };
static const char *const hv_ms_kvm[] = { "Microsoft Hv", "KVMKVMKVM", NULL };

static int sel_run(const struct emld_facts *f, uint32_t stage)
{
	struct pg_pack p;
	struct emld_error err;
	uint32_t i;

	memset(&p, 0, sizeof(p));
	p.build_id = test_build_id;
	p.build_id_size = 20;
	p.entries = se;
	p.nr_entries = nse;
	pg_free(&sel_out);
	pg_build(&p, &sel_out);
	if (emld_pack_validate(&pack, sel_out.buf, sel_out.len, NULL, &err))
		return -1000;
	for (i = 0; i < pack.nr_entries; i++)
		emld_entry_validate(&pack, i, &err);
	return emld_select(&pack, f, stage, &err);
}

static const struct emld_entry *sel_get(const char *name)
{
	uint32_t i;

	for (i = 0; i < pack.nr_entries; i++)
		if (!strcmp(pack.entries[i].name, name))
			return &pack.entries[i];
	return NULL;
}

/* Expect @name decided @d with reason @why. */
static void sel_expect(const char *test, const char *name,
		       enum emld_decision d, const char *why)
{
	const struct emld_entry *e = sel_get(name);

	report(test, e && e->decision == d && !strcmp(e->reason, why),
	       "%s: %s \"%s\", want %s \"%s\"", name,
	       !e ? "missing" : e->decision == EMLD_LINK ? "LINK" :
	       e->decision == EMLD_SKIP ? "SKIP" : "UNDECIDED",
	       e ? e->reason : "", d == EMLD_LINK ? "LINK" :
	       d == EMLD_SKIP ? "SKIP" : "UNDECIDED", why);
}

static int acpi_cb(void *ctx, const char *sig)
{
	(void)ctx;
	return !memcmp(sig, "IVRS", 4);
}

static int pci_cb(void *ctx, __u16 vendor, __u16 device)
{
	(void)ctx;
	return vendor == 0x1af4 && (device == EARLYMOD_PCI_ANY ||
				    device == 0x1000);
}

/* XEN rules: each entry against each domain the kernel may know */
static void test_select_xen(void)
{
	static const struct {
		const char *entry;
		uint16_t flags;
		const char *str;
	} ents[] = {
		{ "xen-pv", 0, "pv" },
		{ "not-xen-pv", EARLYMOD_RULE_NOT, "pv" },
		{ "xen-hvm", 0, "hvm" },
		{ "no-xen", 0, "" },
		{ "dom0", 0, EARLYMOD_XEN_DOM0 },
		{ "any-xen", EARLYMOD_RULE_NOT, "" },	/* EARLYMOD_MATCH_XEN_DOMAIN() */
	};
	static const struct {
		const char *name, *domain;
		int dom0;
		const char *entry;
		enum emld_decision decision;
		const char *reason;
	} cases[] = {
		{ "select-xen-native", NULL, 0, "xen-pv", EMLD_SKIP, "not in a Xen pv domain" },
		{ "select-not-xen-native", NULL, 0, "not-xen-pv", EMLD_LINK, "rules matched" },
		{ "select-no-xen-native", NULL, 0, "no-xen", EMLD_LINK, "rules matched" },
		{ "select-any-xen-native", NULL, 0, "any-xen", EMLD_SKIP, "not a Xen guest" },
		/* a role without a domain: nothing */
		{ "select-dom0-native", NULL, 1, "dom0", EMLD_SKIP, "not Xen's dom0" },
		{ "select-xen-pv", "pv", 0, "xen-pv", EMLD_LINK, "rules matched" },
		{ "select-not-xen-pv", "pv", 0, "not-xen-pv", EMLD_SKIP, "in a Xen pv domain" },
		{ "select-xen-other-kind", "pv", 0, "xen-hvm", EMLD_SKIP, "not in a Xen hvm domain" },
		{ "select-no-xen-pv", "pv", 0, "no-xen", EMLD_SKIP, "a Xen guest" },
		{ "select-any-xen-pv", "pv", 0, "any-xen", EMLD_LINK, "rules matched" },
		{ "select-dom0-domu", "pv", 0, "dom0", EMLD_SKIP, "not Xen's dom0" },
		{ "select-dom0", "pv", 1, "dom0", EMLD_LINK, "rules matched" },
	};
	struct emld_facts f;
	size_t i;

	nse = 0;
	for (i = 0; i < sizeof(ents) / sizeof(ents[0]); i++)
		sel_rule(sel_add(ents[i].entry), EARLYMOD_RULE_XEN, ents[i].flags, 0,
			 ents[i].str);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		memset(&f, 0, sizeof(f));
		f.xen_domain = cases[i].domain;
		f.xen_dom0 = cases[i].dom0;
		sel_run(&f, 0);
		sel_expect(cases[i].name, cases[i].entry, cases[i].decision,
			   cases[i].reason);
	}
}

static void test_select_rules(void)
{
	const uint32_t L = EMLD_LINK, S = EMLD_SKIP;
	struct emld_facts f = default_facts;
	static const uint32_t pci[] = { 0x10008086 /* 8086:1000 */ };
	struct pg_entry *e;

	nse = 0;
	sel_add("none");
	e = sel_add("acpi");
	sel_rule(e, EARLYMOD_RULE_ACPI_TABLE, 0, 0, "DMAR");
	e = sel_add("acpi-no");
	sel_rule(e, EARLYMOD_RULE_ACPI_TABLE, 0, 0, "IVRS");
	e = sel_add("vendor-or");
	sel_rule(e, EARLYMOD_RULE_CPU_VENDOR, 0, 0, "AuthenticAMD");
	sel_rule(e, EARLYMOD_RULE_CPU_VENDOR, 0, 0, "GenuineIntel");
	e = sel_add("and");
	sel_rule(e, EARLYMOD_RULE_ACPI_TABLE, 0, 0, "DMAR");
	sel_rule(e, EARLYMOD_RULE_CPU_VENDOR, 0, 0, "AuthenticAMD");
	e = sel_add("not-hv");
	sel_rule(e, EARLYMOD_RULE_HYPERVISOR, EARLYMOD_RULE_NOT, 0,
		 "Microsoft Hv");
	e = sel_add("not-acpi");
	sel_rule(e, EARLYMOD_RULE_ACPI_TABLE, 0, 0, "DMAR");
	sel_rule(e, EARLYMOD_RULE_ACPI_TABLE, EARLYMOD_RULE_NOT, 0, "APIC");
	e = sel_add("bare");
	sel_rule(e, EARLYMOD_RULE_HYPERVISOR, 0, 0, "");

	report("select-count", sel_run(&f, 0) == 5, "count");
	sel_expect("select-no-rules", "none", L, "no rules");
	sel_expect("select-acpi", "acpi", L, "rules matched");
	sel_expect("select-acpi-absent", "acpi-no", S, "no ACPI IVRS table");
	sel_expect("select-same-type-or", "vendor-or", L, "rules matched");
	sel_expect("select-types-and", "and", S,
		   "CPU vendor is not AuthenticAMD");
	sel_expect("select-not-holds", "not-hv", L, "rules matched");
	sel_expect("select-not-fails", "not-acpi", S, "ACPI APIC table present");
	sel_expect("select-bare-metal", "bare", L, "rules matched");

	f.hypervisors = hv_ms;
	f.acpi_present = acpi_cb;
	sel_run(&f, 0);
	sel_expect("select-not-hv", "not-hv", S, "hypervisor is Microsoft Hv");
	sel_expect("select-acpi-callback", "acpi-no", L, "rules matched");
	sel_expect("select-acpi-callback-absent", "acpi", S,
		   "no ACPI DMAR table");
	sel_expect("select-on-hypervisor", "bare", S,
		   "running on a hypervisor");

	/* hypervisor, DMI globs, PCI */
	nse = 0;
	e = sel_add("kvm");
	sel_rule(e, EARLYMOD_RULE_HYPERVISOR, 0, 0, "KVMKVMKVM");
	e = sel_add("apu2");
	sel_rule(e, EARLYMOD_RULE_DMI, 0, EARLYMOD_DMI_BOARD_NAME, "APU2*");
	e = sel_add("apu-q");
	sel_rule(e, EARLYMOD_RULE_DMI, 0, EARLYMOD_DMI_BOARD_NAME, "AP?2E?");
	e = sel_add("glob-multi");
	sel_rule(e, EARLYMOD_RULE_DMI, 0, EARLYMOD_DMI_SYS_VENDOR, "P*n*s");
	e = sel_add("glob-no");
	sel_rule(e, EARLYMOD_RULE_DMI, 0, EARLYMOD_DMI_BOARD_NAME, "APU?");
	e = sel_add("pci");
	sel_rule(e, EARLYMOD_RULE_PCI, 0, 0x8086 | 0x1000 << 16, "");
	e = sel_add("pci-any");
	sel_rule(e, EARLYMOD_RULE_PCI, 0, 0x8086 | 0xffffu << 16, "");
	e = sel_add("pci-no");
	sel_rule(e, EARLYMOD_RULE_PCI, 0, 0x1022 | 0xffffu << 16, "");

	memset(&f, 0, sizeof(f));
	f.hypervisors = hv_ms_kvm;	/* KVM behind Hyper-V's interface */
	f.dmi[EARLYMOD_DMI_BOARD_NAME] = "APU2E4";
	f.dmi[EARLYMOD_DMI_SYS_VENDOR] = "PC Engines";
	f.pci_ids = pci;
	f.nr_pci_ids = 1;
	sel_run(&f, 0);
	sel_expect("select-hypervisor", "kvm", L, "rules matched");
	sel_expect("select-dmi-star", "apu2", L, "rules matched");
	sel_expect("select-dmi-question", "apu-q", L, "rules matched");
	sel_expect("select-dmi-backtrack", "glob-multi", L, "rules matched");
	sel_expect("select-dmi-no-match", "glob-no", S,
		   "DMI board-name does not match APU?");
	sel_expect("select-pci", "pci", L, "rules matched");
	sel_expect("select-pci-any", "pci-any", L, "rules matched");
	sel_expect("select-pci-absent", "pci-no", S, "no PCI device 1022:*");

	f.hypervisors = NULL;
	f.dmi[EARLYMOD_DMI_BOARD_NAME] = NULL;
	f.pci_present = pci_cb;
	sel_run(&f, 0);
	sel_expect("select-hypervisor-absent", "kvm", S,
		   "hypervisor is not KVMKVMKVM");
	sel_expect("select-dmi-unknown", "apu2", S,
		   "DMI board-name does not match APU2*");
	sel_expect("select-pci-callback", "pci", S, "no PCI device 8086:1000");

	nse = 0;
	e = sel_add("not-pci");
	sel_rule(e, EARLYMOD_RULE_PCI, EARLYMOD_RULE_NOT, 0x1af4 | 0x1000 << 16,
		 "");
	e = sel_add("not-dmi");
	sel_rule(e, EARLYMOD_RULE_DMI, EARLYMOD_RULE_NOT,
		 EARLYMOD_DMI_PRODUCT_NAME, "*");
	e = sel_add("not-vendor");
	sel_rule(e, EARLYMOD_RULE_CPU_VENDOR, EARLYMOD_RULE_NOT, 0,
		 "GenuineIntel");
	e = sel_add("not-bare");
	sel_rule(e, EARLYMOD_RULE_HYPERVISOR, EARLYMOD_RULE_NOT, 0, "");
	memset(&f, 0, sizeof(f));
	f.pci_present = pci_cb;
	f.cpu_vendor = "GenuineIntel";
	sel_run(&f, 0);
	sel_expect("select-not-pci", "not-pci", S,
		   "PCI device 1af4:1000 present");
	sel_expect("select-not-dmi", "not-dmi", S,
		   "DMI product-name matches *");
	sel_expect("select-not-vendor", "not-vendor", S,
		   "CPU vendor is GenuineIntel");
	sel_expect("select-not-bare", "not-bare", S, "no hypervisor");

	/* the Xen domain kind, as the kernel knows it at the link */
	test_select_xen();
}

/* DMI rule sets: a driver's DMI table as mkearlymod expands it */
#define DMI_SET(field, set) EARLYMOD_DMI_ARG0(EARLYMOD_DMI_##field, set)

static void test_select_dmi_sets(void)
{
	const uint32_t L = EMLD_LINK, S = EMLD_SKIP;
	const uint32_t SUB = EARLYMOD_RULE_DMI_SUBSTR, EQ = EARLYMOD_RULE_DMI_EXACT;
	struct emld_facts f;
	struct pg_entry *e;

	nse = 0;
	e = sel_add("apu");		/* two rows of DMI_MATCH() */
	sel_rule(e, EARLYMOD_RULE_DMI, SUB, DMI_SET(SYS_VENDOR, 1), "PC Engines");
	sel_rule(e, EARLYMOD_RULE_DMI, SUB, DMI_SET(BOARD_NAME, 1), "APU2");
	sel_rule(e, EARLYMOD_RULE_DMI, SUB, DMI_SET(SYS_VENDOR, 2), "PC Engines");
	sel_rule(e, EARLYMOD_RULE_DMI, SUB, DMI_SET(BOARD_NAME, 2), "apu3");
	e = sel_add("mx100");		/* one row of DMI_EXACT_MATCH() */
	sel_rule(e, EARLYMOD_RULE_DMI, EQ, DMI_SET(SYS_VENDOR, 1), "Cisco");
	sel_rule(e, EARLYMOD_RULE_DMI, EQ, DMI_SET(PRODUCT_NAME, 1), "MX100-HW");
	e = sel_add("cross");		/* rows do not mix */
	sel_rule(e, EARLYMOD_RULE_DMI, EQ, DMI_SET(SYS_VENDOR, 1), "Cisco");
	sel_rule(e, EARLYMOD_RULE_DMI, EQ, DMI_SET(BOARD_NAME, 1), "X");
	sel_rule(e, EARLYMOD_RULE_DMI, EQ, DMI_SET(SYS_VENDOR, 2), "Barco");
	sel_rule(e, EARLYMOD_RULE_DMI, EQ, DMI_SET(PRODUCT_NAME, 2), "MX100-HW");
	e = sel_add("mixed");		/* a lone glob is an alternative too */
	sel_rule(e, EARLYMOD_RULE_DMI, 0, EARLYMOD_DMI_BOARD_NAME, "*apu3");
	sel_rule(e, EARLYMOD_RULE_DMI, EQ, DMI_SET(PRODUCT_FAMILY, 1), "P50");
	e = sel_add("present");		/* DMI_MATCH(f, ""): f present */
	sel_rule(e, EARLYMOD_RULE_DMI, SUB, DMI_SET(BOARD_VENDOR, 1), "");
	e = sel_add("and-pci");		/* the DMI sets AND the other types */
	sel_rule(e, EARLYMOD_RULE_DMI, EQ, DMI_SET(SYS_VENDOR, 1), "Cisco");
	sel_rule(e, EARLYMOD_RULE_PCI, 0, 0x8086 | 0xffffu << 16, "");

	memset(&f, 0, sizeof(f));
	f.dmi[EARLYMOD_DMI_SYS_VENDOR] = "PC Engines";
	f.dmi[EARLYMOD_DMI_BOARD_NAME] = "PC Engines apu3";
	report("select-dmi-set-count", sel_run(&f, 0) == 2, "count");
	sel_expect("select-dmi-set-substring", "apu", L, "rules matched");
	sel_expect("select-dmi-set-none", "mx100", S, "no DMI match");
	sel_expect("select-dmi-set-glob-alone", "mixed", L, "rules matched");
	sel_expect("select-dmi-set-absent-field", "present", S, "no DMI match");

	f.dmi[EARLYMOD_DMI_BOARD_NAME] = "apu4";	/* vendor alone: no row */
	f.dmi[EARLYMOD_DMI_BOARD_VENDOR] = "";
	sel_run(&f, 0);
	sel_expect("select-dmi-set-half-row", "apu", S, "no DMI match");
	sel_expect("select-dmi-set-present-empty", "present", L,
		   "rules matched");

	memset(&f, 0, sizeof(f));
	f.dmi[EARLYMOD_DMI_SYS_VENDOR] = "Cisco";
	f.dmi[EARLYMOD_DMI_PRODUCT_NAME] = "MX100-HW";
	sel_run(&f, 0);
	sel_expect("select-dmi-set-exact", "mx100", L, "rules matched");
	sel_expect("select-dmi-set-across-rows", "cross", S, "no DMI match");
	sel_expect("select-dmi-set-and-type", "and-pci", S,
		   "no PCI device 8086:*");

	f.dmi[EARLYMOD_DMI_SYS_VENDOR] = "Cisco Systems";
	sel_run(&f, 0);
	sel_expect("select-dmi-set-exact-longer", "mx100", S, "no DMI match");
	f.dmi[EARLYMOD_DMI_SYS_VENDOR] = "Barco";
	f.dmi[EARLYMOD_DMI_PRODUCT_FAMILY] = "P50";
	sel_run(&f, 0);
	sel_expect("select-dmi-set-second-row", "cross", L, "rules matched");
	sel_expect("select-dmi-set-family", "mixed", L, "rules matched");
}

static void test_select_groups(void)
{
	const uint32_t L = EMLD_LINK, S = EMLD_SKIP;
	struct emld_facts f = default_facts;
	struct pg_entry *e;
	int n;

	nse = 0;
	e = sel_add("intel-iommu");
	e->group = 2;
	e->priority = 10;
	e = sel_add("amd-iommu");
	e->group = 2;
	e->priority = 20;
	e = sel_add("swiotlb");
	e->group = 2;
	e->priority = -5;
	e = sel_add("tie-a");
	e->group = 7;
	e = sel_add("tie-b");
	e->group = 7;
	n = sel_run(&f, 0);
	report("select-groups-count", n == 2, "%d", n);
	sel_expect("select-group-priority", "amd-iommu", L, "no rules");
	sel_expect("select-group-loser", "intel-iommu", S,
		   "group 2 taken by amd-iommu");
	sel_expect("select-group-negative-priority", "swiotlb", S,
		   "group 2 taken by amd-iommu");
	sel_expect("select-group-tie-first", "tie-a", L, "no rules");
	sel_expect("select-group-tie-second", "tie-b", S,
		   "group 7 taken by tie-a");

	/* earlymod= forcing a lower priority entry wins its group */
	f.cmdline = "swiotlb";
	sel_run(&f, 0);
	sel_expect("select-group-forced", "swiotlb", L, "forced by earlymod=");
	sel_expect("select-group-forced-loser", "amd-iommu", S,
		   "group 2 taken by swiotlb");

	/* the winner drops out (missing dependency): the next one wins */
	nse = 0;
	e = sel_add("intel-iommu");
	e->group = 2;
	e->priority = 10;
	e = sel_add("amd-iommu");
	e->group = 2;
	e->priority = 20;
	sel_dep(e, "gart");
	e = sel_add("gart");
	sel_rule(e, EARLYMOD_RULE_ACPI_TABLE, 0, 0, "IVRS");
	f.cmdline = NULL;
	sel_run(&f, 0);
	sel_expect("select-group-fallback", "intel-iommu", L, "no rules");
	sel_expect("select-group-winner-dropped", "amd-iommu", S,
		   "needs gart, which is not linked");
	sel_expect("select-dep-skipped", "gart", S, "no ACPI IVRS table");
}

static void test_select_deps(void)
{
	const uint32_t L = EMLD_LINK, S = EMLD_SKIP;
	struct emld_facts f = default_facts;
	struct pg_entry *e;
	int n;

	/* on demand */
	nse = 0;
	e = sel_add("amd-iommu");
	sel_dep(e, "gart");
	e = sel_add("gart");
	e->flags = EARLYMOD_F_ON_DEMAND;
	e = sel_add("lib");
	e->flags = EARLYMOD_F_ON_DEMAND;
	e = sel_add("lib-failing");
	e->flags = EARLYMOD_F_ON_DEMAND;
	sel_rule(e, EARLYMOD_RULE_ACPI_TABLE, 0, 0, "IVRS");
	e = sel_add("user");
	sel_dep(e, "lib-failing");
	n = sel_run(&f, 0);
	report("select-deps-count", n == 2, "%d", n);
	sel_expect("select-on-demand-needed", "gart", L, "needed by amd-iommu");
	sel_expect("select-on-demand-unneeded", "lib", S,
		   "on demand, not needed");
	sel_expect("select-on-demand-rules", "lib-failing", S,
		   "no ACPI IVRS table");
	sel_expect("select-needs-unmatched", "user", S,
		   "needs lib-failing, which is not linked");
	report("select-order-deps-first", pack.nr_order == 2 &&
	       pack.order[0] == 1 && pack.order[1] == 0,
	       "order %u %u", pack.order[0], pack.order[1]);

	/* earlymod=: force, exclude, last word wins, unknown names */
	f.cmdline = "lib,-gart,nosuch,-other,,user,-user";
	sel_run(&f, 0);
	sel_expect("select-force-on-demand", "lib", L, "forced by earlymod=");
	sel_expect("select-exclude", "gart", S, "excluded by earlymod=");
	sel_expect("select-excluded-dep", "amd-iommu", S,
		   "needs gart, which is not linked");
	sel_expect("select-last-word-wins", "user", S, "excluded by earlymod=");
	report("select-unknown-names", pack.nr_unknown == 2 &&
	       pack.unknown[0].len == 6 &&
	       !memcmp(pack.unknown[0].s, "nosuch", 6) &&
	       pack.unknown[1].len == 6 &&
	       !memcmp(pack.unknown[1].s, "-other", 6),
	       "%u unknown", pack.nr_unknown);
	f.cmdline = "lib-failing";
	sel_run(&f, 0);
	sel_expect("select-force-ignores-rules", "lib-failing", L,
		   "forced by earlymod=");
	sel_expect("select-forced-dep", "user", L, "no rules");
	f.cmdline = "user,off";
	n = sel_run(&f, 0);
	report("select-off-count", n == 0 && pack.nr_order == 0, "%d", n);
	sel_expect("select-off", "user", S, "earlymod=off");
	f.cmdline = "offx,of";
	sel_run(&f, 0);
	report("select-off-exact", pack.nr_unknown == 2, "%u",
	       pack.nr_unknown);
	f.cmdline = "gart amd-iommu=x";	/* stops at the blank */
	sel_run(&f, 0);
	report("select-cmdline-blank", pack.nr_unknown == 0, "%u",
	       pack.nr_unknown);

	/* cycles */
	nse = 0;
	e = sel_add("a");
	sel_dep(e, "b");
	e = sel_add("b");
	sel_dep(e, "a");
	e = sel_add("c");
	sel_dep(e, "a");
	e = sel_add("d");
	f.cmdline = NULL;
	n = sel_run(&f, 0);
	report("select-cycle-count", n == 1, "%d", n);
	sel_expect("select-cycle-a", "a", S, "dependency cycle");
	sel_expect("select-cycle-b", "b", S, "dependency cycle");
	sel_expect("select-needs-cycle", "c", S,
		   "needs a, which is not linked");
	sel_expect("select-cycle-unrelated", "d", L, "no rules");

	/* a rejected dependency */
	nse = 0;
	e = sel_add("top");
	sel_dep(e, "broken");
	e = sel_add("broken");
	e->stage = 9;	/* makes the entry invalid */
	sel_run(&f, 0);
	sel_expect("select-rejected", "broken", S, "rejected");
	sel_expect("select-needs-rejected", "top", S,
		   "needs broken, which is not linked");

	/* a chain, declared backwards: the order puts dependencies first */
	nse = 0;
	e = sel_add("c3");
	sel_dep(e, "c2");
	e = sel_add("c2");
	sel_dep(e, "c1");
	e = sel_add("c1");
	n = sel_run(&f, 0);
	report("select-order-chain", n == 3 && pack.order[0] == 2 &&
	       pack.order[1] == 1 && pack.order[2] == 0, "%d: %u %u %u", n,
	       pack.order[0], pack.order[1], pack.order[2]);
}

static void test_select_stages(void)
{
	const uint32_t L = EMLD_LINK, S = EMLD_SKIP, U = EMLD_UNDECIDED;
	struct emld_facts f = default_facts;
	struct pg_entry *e;
	int n;

	nse = 0;
	e = sel_add("kvm");
	e->stage = EARLYMOD_STAGE_HYPERVISOR;
	e->group = 3;
	e = sel_add("iommu");
	e->group = 3;
	e->priority = 100;
	e = sel_add("early-user");
	e->stage = EARLYMOD_STAGE_HYPERVISOR;
	sel_dep(e, "late");
	e = sel_add("late");
	e = sel_add("late-user");
	sel_dep(e, "kvm");

	n = sel_run(&f, EARLYMOD_STAGE_HYPERVISOR);
	report("select-stage-hv-count", n == 1 && pack.nr_order == 1 &&
	       pack.order[0] == 0, "%d", n);
	sel_expect("select-stage-hv", "kvm", L, "no rules");
	sel_expect("select-stage-later-undecided", "iommu", U, "");
	sel_expect("select-stage-dep-later", "early-user", S,
		   "needs late, which links at a later stage");

	n = emld_select(&pack, &f, EARLYMOD_STAGE_PLATFORM, NULL);
	report("select-stage-platform-count", n == 2 && pack.nr_order == 2,
	       "%d", n);
	sel_expect("select-stage-group-held", "iommu", S,
		   "group 3 taken by kvm");
	sel_expect("select-stage-dep-earlier", "late-user", L, "no rules");
	sel_expect("select-stage-kept", "kvm", L, "no rules");

	/* stage 0 does both, in order, with the same result */
	n = sel_run(&f, 0);
	report("select-all-stages", n == 3, "%d", n);
	sel_expect("select-all-stages-group", "iommu", S,
		   "group 3 taken by kvm");
}

/* -------------------------------------------------------------------------
 * Seeds for the fuzzer
 */
void write_seed(const char *dir, const char *name, const uint8_t *buf,
		uint32_t len, uint8_t flags)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "wb");
	if (!f) {
		perror(path);
		exit(2);
	}
	fputc(flags, f);
	fwrite(buf, 1, len, f);
	fclose(f);
}

static int write_seeds(const char *dir)
{
	struct pg_out o;
	int n = 0;

	if (mkdir(dir, 0777) && errno != EEXIST) {
		perror(dir);
		return 2;
	}
	base_build(&o);
	write_seed(dir, "good-base", o.buf, o.len, FUZZ_FIX_CRCS | FUZZ_PLANT);
	write_seed(dir, "good-base-raw", o.buf, o.len, FUZZ_PLANT);
	n += 2;
	pg_free(&o);
	test_select_deps();	/* leaves its last pack in sel_out */
	write_seed(dir, "good-chain", sel_out.buf, sel_out.len, FUZZ_FIX_CRCS);
	n++;
	write_corpus_seeds(dir, &n);
	fprintf(stderr, "loader-test: %d seeds in %s\n", n, dir);
	return 0;
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IOLBF, 0);	/* keep order with stderr */
	if (argc == 3 && !strcmp(argv[1], "--seeds")) {
		FILE *null = freopen("/dev/null", "w", stdout);

		(void)null;
		return write_seeds(argv[2]);
	}
	test_format();
	test_validate_good();
	test_reloc_math();
	test_reloc_site_guard();
	test_link_base();
	test_fixup_transaction();
	test_fixup_map_callback();
	test_seal();
	test_rebase();
	test_contents();
	test_link_misuse();
	test_fixup_same_site();
	test_select_no_facts();
	test_layout();
	test_select_rules();
	test_select_dmi_sets();
	test_select_groups();
	test_select_deps();
	test_select_stages();
	run_corpus();
	pg_free(&sel_out);
	fprintf(stderr, "loader-test: %d passed, %d failed\n", nr_pass,
		nr_fail);
	return nr_fail ? 1 : 0;
}
