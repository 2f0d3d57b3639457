// SPDX-License-Identifier: GPL-2.0-only
/*
 * earlymod: link one entry into memory reserved inside the kernel image.
 *
 *   core pool (.bss, CONFIG_EARLYMOD_POOL_KB): per entry one contiguous,
 *     page-aligned block, the shape 6.1's struct module core_layout
 *     describes:
 *       [text][rodata, ro-after-init][data, bss, the module's kallsyms]
 *     each group rounded to pages, so that mark_rodata_ro() can give each
 *     its protection (earlymod_mark_ro());
 *   init pool (.init.data): init text and init data, freed with vmlinux's own
 *     init memory by free_initmem();
 *   per-CPU pool: a static per-CPU array; entries' per-CPU data is written
 *     into the template before setup_per_cpu_areas() copies it to every CPU.
 *
 * The image is mapped RWX with large pages until mark_rodata_ro(), so
 * linking writes plainly; vmlinux sites are patched with text_poke_early().
 * Everything that can fail is checked before the first vmlinux site changes
 * (emld_fixups_commit() cannot fail), so a refused entry leaves nothing.
 */
#define pr_fmt(fmt) "earlymod: " fmt

#include <linux/bug.h>
#include <linux/extable.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/memblock.h>
#include <linux/module.h>
#include <linux/percpu.h>
#include <linux/pci.h>
#include <linux/static_call.h>
#include <linux/string.h>
#include <asm/alternative.h>
#include <asm/paravirt.h>
#include <asm/sections.h>
#include <asm/setup.h>
#include <asm/text-patching.h>
#include <asm/unwind.h>
#include <crypto/sha2.h>
#include "internal.h"

#define EM_POOL_SIZE	(CONFIG_EARLYMOD_POOL_KB * 1024UL)
#define EM_INIT_SIZE	(CONFIG_EARLYMOD_INIT_POOL_KB * 1024UL)
#define EM_PERCPU_SIZE	CONFIG_EARLYMOD_PERCPU_BYTES

static u8 em_pool[EM_POOL_SIZE] __page_aligned_bss;
static u8 em_init_pool[EM_INIT_SIZE] __initdata __aligned(PAGE_SIZE);
static DEFINE_PER_CPU_ALIGNED(u8 [EM_PERCPU_SIZE], em_percpu_pool);

/*
 * What vmlinux vouches for: all zero when vmlinux is linked, filled in the
 * file by `mkearlymod seal` before bzImage is made (docs/trust.md).  Only
 * linking reads it, so it goes with the init memory.  Global: the tool
 * finds it by its name.
 */
struct earlymod_seal earlymod_seal __initdata __aligned(8);

static unsigned long em_pool_used __initdata;
/*
 * module_early_sig_check(), asked once, at the first entry the seal does
 * not vouch for (lockdown says so in its own line): may such entries link?
 */
static bool em_unsigned_asked __initdata;
static int em_unsigned_err __initdata;
static const char *em_unsigned_why __initdata;
static struct emld_region em_init_region __initdata;
static struct emld_region em_percpu_region __initdata;

int __init em_fail(struct emld_error *err, int code, const char *msg)
{
	err->err = code;
	err->msg = msg;
	err->offset = EMLD_NO_OFFSET;
	return code;
}

/* Once, before the first entry is linked (at whichever stage). */
void __init em_link_init(void)
{
	static bool done __initdata;
	struct emld_error err;

	if (done)
		return;
	done = true;

	BUILD_BUG_ON(EARLYMOD_DIGEST_LEN != SHA256_DIGEST_SIZE);
	if (emld_seal_validate(&earlymod_seal, &err)) {
		pr_err("vmlinux's seal is damaged (%s): it vouches for no entry and records no site\n",
		       err.msg);
		memset(&earlymod_seal, 0, sizeof(earlymod_seal));
	} else if (!earlymod_seal.magic) {
		pr_warn("vmlinux was never sealed (mkearlymod seal): it vouches for no entry and records no site\n");
	}
	em_init_region = (struct emld_region){
		(unsigned long)em_init_pool, em_init_pool, EM_INIT_SIZE, 0 };
	em_percpu_region = (struct emld_region){
		(unsigned long)&em_percpu_pool,
		(u8 *)per_cpu_ptr(&em_percpu_pool, 0), EM_PERCPU_SIZE, 0 };
}

/* The rest of the core pool goes back before mm_init(); returns its bytes. */
unsigned long __init em_link_release(void)
{
	unsigned long start = PAGE_ALIGN((unsigned long)em_pool + em_pool_used);
	unsigned long len = (unsigned long)em_pool + EM_POOL_SIZE - start;

	if (len)
		memblock_phys_free(__pa_symbol(start), len);
	return len;
}

/* Init memory after the entry's init classes (the module's init kallsyms). */
void *__init em_init_alloc(u32 size)
{
	u32 at = ALIGN(em_init_region.used, sizeof(u64));

	if (at > em_init_region.size || size > em_init_region.size - at)
		return NULL;
	em_init_region.used = at + size;
	return em_init_region.ptr + at;
}

/* Does vmlinux's seal vouch for the entry?  (lib/crypto: no allocation) */
static bool __init em_sealed(const struct emld_entry *e)
{
	u8 digest[SHA256_DIGEST_SIZE];
	struct sha256_state st;

	sha256_init(&st);
	sha256_update(&st, e->pack->desc[e->index].name, EARLYMOD_NAME_LEN);
	sha256_update(&st, e->pack->base + e->offset, e->size);
	sha256_final(&st, digest);
	return emld_seal_has_digest(&earlymod_seal, digest);
}

/* vmlinux as the fixups see it: the whole image, written by text_poke_early */
static void __init em_write(void *ctx, u8 *dst, const void *src, u32 len)
{
	text_poke_early(dst, src, len);
}

/* ------------------------------------------------------------------------
 * Special tables: what this kernel processes, and what it refuses
 */
static const char *__init em_check_table(const struct earlymod_special *s,
					 struct em_table *t)
{
	u32 kind = le32_to_cpu(s->kind), arg = le32_to_cpu(s->arg);
	u32 size = le32_to_cpu(s->size);
	size_t rec;

	switch (kind) {
	case EARLYMOD_SPECIAL_EXTABLE:
		rec = sizeof(struct exception_table_entry);
		break;
	case EARLYMOD_SPECIAL_BUG_TABLE:
		rec = sizeof(struct bug_entry);
		break;
	case EARLYMOD_SPECIAL_INITCALL:
		if (arg > EARLYMOD_INITCALL_ROOTFS)
			return "initcall table: bad level";
		rec = sizeof(initcall_entry_t);
		break;
	case EARLYMOD_SPECIAL_SETUP:
		rec = sizeof(struct obs_kernel_param);
		break;
	case EARLYMOD_SPECIAL_PCI_FIXUP:
		if (arg > EARLYMOD_PCI_FIXUP_SUSPEND_LATE)
			return "PCI fixup table: bad pass";
		rec = sizeof(struct pci_fixup);
		break;
	case EARLYMOD_SPECIAL_ALTINSTR:
		rec = sizeof(struct alt_instr);
		break;
	case EARLYMOD_SPECIAL_RETPOLINE:
	case EARLYMOD_SPECIAL_RETURN:
	case EARLYMOD_SPECIAL_IBT_SEAL:
	case EARLYMOD_SPECIAL_SMP_LOCKS:
	case EARLYMOD_SPECIAL_ORC_UNWIND_IP:
		rec = sizeof(s32);
		break;
	case EARLYMOD_SPECIAL_ORC_UNWIND:
		rec = sizeof(struct orc_entry);
		break;
	case EARLYMOD_SPECIAL_NOINSTR:
	case EARLYMOD_SPECIAL_THIS_MODULE:	/* sized in module.c */
		rec = 1;
		break;
	case EARLYMOD_SPECIAL_KSYMTAB:
	case EARLYMOD_SPECIAL_KSYMTAB_GPL:
		rec = sizeof(struct kernel_symbol);
		break;
	case EARLYMOD_SPECIAL_JUMP_TABLE:
		rec = sizeof(struct jump_entry);
		break;
	case EARLYMOD_SPECIAL_EXITCALL:
		rec = sizeof(exitcall_t);
		break;
#ifdef CONFIG_HAVE_STATIC_CALL_INLINE
	case EARLYMOD_SPECIAL_STATIC_CALL:
		rec = sizeof(struct static_call_site);
		break;
#endif
	case EARLYMOD_SPECIAL_PARAINSTR:
#ifdef CONFIG_PARAVIRT
		rec = sizeof(struct paravirt_patch_site);
		break;
#else
		return ".parainstructions: this kernel has no paravirt patching";
#endif
	case EARLYMOD_SPECIAL_STATIC_CALL_TRAMP_KEY:
		return ".static_call_tramp_key: only vmlinux's own table is read";
	case EARLYMOD_SPECIAL_PARAM:
		return "__param: module parameters of an entry are not supported";
	default:
		return "no code in this kernel walks this kind of table";
	}
	if (size % rec)
		return "special table: not a whole number of records";
	t->kind = kind;
	t->arg = arg;
	t->size = size;
	return NULL;
}

/* Every table once (per initcall level, per PCI fixup pass). */
static const char *__init em_check_tables(struct em_linked *l, u32 *nr_pci)
{
	const struct emld_entry *e = l->e;
	u32 i, j;

	if (e->nr_specials > EM_MAX_TABLES)
		return "too many special tables";
	*nr_pci = 0;
	for (i = 0; i < e->nr_specials; i++) {
		const char *why = em_check_table(&e->specials[i], &l->tab[i]);

		if (why)
			return why;
		for (j = 0; j < i; j++)
			if (l->tab[j].kind == l->tab[i].kind &&
			    l->tab[j].arg == l->tab[i].arg)
				return "special table: the same kind twice";
		if (l->tab[i].kind == EARLYMOD_SPECIAL_PCI_FIXUP)
			(*nr_pci)++;
	}
	if (*nr_pci > EM_MAX_PCI)
		return "too many PCI fixup tables";
	return NULL;
}

/*
 * The record layouts of the tables whose contents are checked once they are
 * relocated (emld_check_contents(), loader/contents.c): every field that
 * holds an address, and the classes it may name.  The layouts are this
 * kernel's; what runs only during boot may be init text, what runs later
 * (PCI fixups) core text only, exports name core memory.
 */
#define EM_PREL	IS_ENABLED(CONFIG_HAVE_ARCH_PREL32_RELOCATIONS)
#define EM_REL(type, m, to, end)					\
	{ offsetof(type, m), 1, end, to, 0, 0 }
#define EM_ABS(type, m, to)						\
	{ offsetof(type, m), 0, 0, to, 0, 0 }
#define EM_S32_SITES(k)							\
	{ k, sizeof(s32), "site table: a site outside the entry's text", 1, \
	  { { 0, 1, 0, EMLD_TO_ANY_TEXT, 0, 0 } } }

static const struct emld_table_layout em_layouts[] __initconst = {
	{ EARLYMOD_SPECIAL_INITCALL, sizeof(initcall_entry_t),
	  "initcall table: a call outside the entry's text", 1,
	  { { 0, EM_PREL, 0, EMLD_TO_ANY_TEXT, 0, 0 } } },
	/* the name is __initconst: init data, or core with it */
	{ EARLYMOD_SPECIAL_SETUP, sizeof(struct obs_kernel_param),
	  ".init.setup: a handler or name outside the entry", 2,
	  { EM_ABS(struct obs_kernel_param, setup_func, EMLD_TO_ANY_TEXT),
	    EM_ABS(struct obs_kernel_param, str,
		   EMLD_TO_CORE | EMLD_TO(INIT_DATA)) } },
	{ EARLYMOD_SPECIAL_PCI_FIXUP, sizeof(struct pci_fixup),
	  "PCI fixup table: a hook outside the entry's text", 1,
#ifdef CONFIG_HAVE_ARCH_PREL32_RELOCATIONS
	  { EM_REL(struct pci_fixup, hook_offset, EMLD_TO(TEXT), 0) } },
#else
	  { EM_ABS(struct pci_fixup, hook, EMLD_TO(TEXT)) } },
#endif
	{ EARLYMOD_SPECIAL_EXTABLE, sizeof(struct exception_table_entry),
	  "__ex_table: an instruction or fixup outside the entry's text", 2,
	  { EM_REL(struct exception_table_entry, insn, EMLD_TO_ANY_TEXT, 0),
	    EM_REL(struct exception_table_entry, fixup, EMLD_TO_ANY_TEXT, 0) } },
	/* sites the kernel patches: all of their bytes in the entry's text */
	{ EARLYMOD_SPECIAL_ALTINSTR, sizeof(struct alt_instr),
	  ".altinstructions: a site or replacement outside the entry's text", 2,
	  { { offsetof(struct alt_instr, instr_offset), 1, 0, EMLD_TO_ANY_TEXT, 0,
	      1 + offsetof(struct alt_instr, instrlen) },
	    { offsetof(struct alt_instr, repl_offset), 1, 0, EMLD_TO_ANY_TEXT,
	      1 + offsetof(struct alt_instr, replacementlen),
	      1 + offsetof(struct alt_instr, replacementlen) } } },
#ifdef CONFIG_PARAVIRT
	{ EARLYMOD_SPECIAL_PARAINSTR, sizeof(struct paravirt_patch_site),
	  ".parainstructions: a site outside the entry's text", 1,
	  { { offsetof(struct paravirt_patch_site, instr), 0, 0, EMLD_TO_ANY_TEXT, 0,
	      1 + offsetof(struct paravirt_patch_site, len) } } },
#endif
	{ EARLYMOD_SPECIAL_JUMP_TABLE, sizeof(struct jump_entry),
	  "__jump_table: code or target outside the entry's text", 2,
	  { EM_REL(struct jump_entry, code, EMLD_TO_ANY_TEXT, 0),
	    EM_REL(struct jump_entry, target, EMLD_TO_ANY_TEXT, 1) } },
	EM_S32_SITES(EARLYMOD_SPECIAL_RETPOLINE),
	EM_S32_SITES(EARLYMOD_SPECIAL_RETURN),
	EM_S32_SITES(EARLYMOD_SPECIAL_IBT_SEAL),
	EM_S32_SITES(EARLYMOD_SPECIAL_SMP_LOCKS),
	{ EARLYMOD_SPECIAL_ORC_UNWIND_IP, sizeof(s32),
	  ".orc_unwind_ip: an address outside the entry's text", 1,
	  { { 0, 1, 1, EMLD_TO_ANY_TEXT, 0, 0 } } },
	{ EARLYMOD_SPECIAL_BUG_TABLE, sizeof(struct bug_entry),
	  "__bug_table: an address outside the entry's text", 1,
#ifdef CONFIG_GENERIC_BUG_RELATIVE_POINTERS
	  { EM_REL(struct bug_entry, bug_addr_disp, EMLD_TO_ANY_TEXT, 0) } },
#else
	  { EM_ABS(struct bug_entry, bug_addr, EMLD_TO_ANY_TEXT) } },
#endif
#ifdef CONFIG_HAVE_STATIC_CALL_INLINE
	{ EARLYMOD_SPECIAL_STATIC_CALL, sizeof(struct static_call_site),
	  ".static_call_sites: a site outside the entry's text", 1,
	  { EM_REL(struct static_call_site, addr, EMLD_TO_ANY_TEXT, 0) } },
#endif
	/* an export names the entry's own code or data, never vmlinux's */
#ifdef CONFIG_HAVE_ARCH_PREL32_RELOCATIONS
#define EM_KSYM	EM_REL(struct kernel_symbol, value_offset, EMLD_TO_EXPORT, 0)
#else
#define EM_KSYM	EM_ABS(struct kernel_symbol, value, EMLD_TO_EXPORT)
#endif
	{ EARLYMOD_SPECIAL_KSYMTAB, sizeof(struct kernel_symbol),
	  "__ksymtab: an export outside the entry's memory", 1, { EM_KSYM } },
	{ EARLYMOD_SPECIAL_KSYMTAB_GPL, sizeof(struct kernel_symbol),
	  "__ksymtab: an export outside the entry's memory", 1, { EM_KSYM } },
};

static const char *__init em_check_contents(const struct emld_entry *e,
					    const struct earlymod_special *s)
{
	u32 i, kind = le32_to_cpu(s->kind);

	for (i = 0; i < ARRAY_SIZE(em_layouts); i++)
		if (em_layouts[i].kind == kind)
			return emld_check_contents(e, s, &em_layouts[i]);
	return NULL;	/* no address in it, or refused by em_check_table() */
}

/* The two ORC tables describe the same addresses: as many of one as of the other. */
static const char *__init em_check_orc(const struct em_linked *l)
{
	u32 i, ips = 0, orcs = 0;

	for (i = 0; i < l->nr_tab; i++) {
		if (l->tab[i].kind == EARLYMOD_SPECIAL_ORC_UNWIND_IP)
			ips = l->tab[i].size / sizeof(s32);
		else if (l->tab[i].kind == EARLYMOD_SPECIAL_ORC_UNWIND)
			orcs = l->tab[i].size / sizeof(struct orc_entry);
	}
	return ips == orcs ? NULL : ".orc_unwind and .orc_unwind_ip differ in count";
}

/*
 * What apply_alternatives() and apply_paravirt() (module_finalize()) trust
 * in a site beyond its place (em_layouts): they BUG() on a length above
 * their buffer (MAX_PATCH_LEN, 255 - 1 in alternative.c) or a CPU feature
 * bit beyond the capability words; an alternative writes
 * max(instrlen, replacementlen) bytes at the site; a paravirt site's type
 * indexes pv_ops read as an array of pointers, and the call it becomes
 * (CALL_INSN_SIZE) must fit.
 */
static const char *__init em_check_alt(const struct em_table *t)
{
	const struct alt_instr *a = t->start, *end = t->start + t->size;

	for (; a < end; a++) {
		if (a->instrlen == U8_MAX || a->replacementlen > a->instrlen)
			return ".altinstructions: a replacement longer than its site, or a site too long";
		if ((a->cpuid & ~ALTINSTR_FLAG_INV) >= (NCAPINTS + NBUGINTS) * 32)
			return ".altinstructions: a CPU feature beyond the capability words";
	}
	return NULL;
}

static const char *__init em_check_para(const struct em_table *t)
{
#ifdef CONFIG_PARAVIRT
	const struct paravirt_patch_site *p = t->start, *end = t->start + t->size;

	for (; p < end; p++) {
		if (p->type >= sizeof(pv_ops) / sizeof(void *))
			return ".parainstructions: a type beyond pv_ops";
		if (p->len < CALL_INSN_SIZE || p->len == U8_MAX)
			return ".parainstructions: a site that the patched call does not fit";
	}
#endif
	return NULL;
}

static const char *__init em_check_patch_sites(const struct em_linked *l)
{
	const char *why = NULL;
	u32 i;

	for (i = 0; i < l->nr_tab && !why; i++) {
		if (l->tab[i].kind == EARLYMOD_SPECIAL_ALTINSTR)
			why = em_check_alt(&l->tab[i]);
		else if (l->tab[i].kind == EARLYMOD_SPECIAL_PARAINSTR)
			why = em_check_para(&l->tab[i]);
	}
	return why;
}

/*
 * The IBT seal list (objtool's ENDBRs that nothing in the object refers to)
 * cannot know about vmlinux's references into the entry, which fixups
 * create, nor about those of the entries that depend on it: keep the ENDBR
 * of every such target, seal the rest.  The list is
 * compacted in place (init data of the entry), entries being PC-relative;
 * module_finalize() then seals what is left.
 */
static bool __init em_fixup_target(const struct emld_entry *e, unsigned long a)
{
	u32 i;

	for (i = 0; i < e->nr_fixups; i++) {
		const struct earlymod_fixup *f = &e->fixups[i];
		unsigned long t = e->base[f->class] + (s64)le64_to_cpu(f->value);

		/* absolute references, and PC-relative ones (addend -4) */
		if (a == t || a == t + 4)
			return true;
	}
	return false;
}

/* The same for the entries that depend on this one (their DEP relocations). */
static bool __init em_dep_target(const struct emld_entry *e, unsigned long a)
{
	const struct emld_pack *pack = e->pack;
	u32 i, j, k;

	for (i = 0; i < pack->nr_entries; i++) {
		const struct emld_entry *d = &pack->entries[i];

		if (d == e || d->state < EMLD_VALID)
			continue;
		for (k = 0; k < d->nr_deps; k++) {
			if (d->dep[k] != e->index)
				continue;
			for (j = 0; j < d->nr_relocs; j++) {
				const struct earlymod_reloc *r = &d->relocs[j];
				unsigned long t;

				if (r->target != EARLYMOD_TGT_DEP ||
				    le16_to_cpu(r->dep_index) != k)
					continue;
				t = e->base[r->target_class] +
				    (s64)le64_to_cpu(r->value);
				if (a == t || a == t + 4)
					return true;
			}
		}
	}
	return false;
}

static void __init em_seal_prepare(const struct emld_entry *e, struct em_table *t)
{
	s32 *in = t->start, *end = t->start + t->size, *out = t->start;

	for (; in < end; in++) {
		unsigned long a = (unsigned long)in + *in;

		if (em_fixup_target(e, a) || em_dep_target(e, a))
			continue;
		*out = (s32)(a - (unsigned long)out);
		out++;
	}
	t->size = (void *)out - t->start;
}

/* ------------------------------------------------------------------------
 * Linking one entry
 */
int __init em_link_entry(struct emld_entry *e, struct em_linked *l,
			 struct em_resident *r, struct emld_error *err)
{
	struct emld_region rt = {}, rro = {}, rw = {};
	struct emld_region *regs[EARLYMOD_NR_CLASSES];
	const struct emld_range image = {
		.addr = (unsigned long)_text,
		.size = (unsigned long)_end - (unsigned long)_text,
		.ptr = (u8 *)_text,
	};
	const struct emld_vmlinux vm = {
		.ranges = &image, .nr_ranges = 1, .write = em_write,
		.seal = &earlymod_seal,
	};
	u32 sz[EARLYMOD_NR_CLASSES], i, nr_pci, init_used;
	unsigned long base, t, ro, rwsz, data;
	const char *why;
	int ret;

	/* trust first: sealed, or the rules for unsigned modules (docs/trust.md) */
	l->sealed = em_sealed(e);
	if (!l->sealed && !em_unsigned_asked) {
		em_unsigned_err = module_early_sig_check(&em_unsigned_why);
		em_unsigned_asked = true;
	}
	if (!l->sealed && em_unsigned_err)
		return em_fail(err, em_unsigned_err, em_unsigned_why);
	if ((le32_to_cpu(e->info->flags) & EARLYMOD_F_TEST) &&
	    !IS_ENABLED(CONFIG_EARLYMOD_SELFTEST))
		return em_fail(err, -EPERM,
			       "a test fixture, and this kernel is not built for tests (CONFIG_EARLYMOD_SELFTEST)");
	/* its relocations into a dependency need the dependency in place */
	for (i = 0; i < e->nr_deps; i++)
		if (e->pack->entries[e->dep[i]].state != EMLD_COMMITTED)
			return em_fail(err, -ENOENT, "a dependency of the entry was not linked");
	l->e = e;
	why = em_check_tables(l, &nr_pci);
	if (why)
		return em_fail(err, -ENOEXEC, why);

	for (i = 0; i < EARLYMOD_NR_CLASSES; i++)
		sz[i] = le32_to_cpu(e->classes[i].size);
	t = PAGE_ALIGN(sz[EARLYMOD_CLASS_TEXT]);
	/*
	 * rodata and ro-after-init share pages: an entry's get their final
	 * protection at the same moment, in mark_rodata_ro() after every
	 * initcall (earlymod_mark_ro()), so the layout counts both as rodata.
	 */
	ro = PAGE_ALIGN(ALIGN(sz[EARLYMOD_CLASS_RODATA],
			      le32_to_cpu(e->classes[EARLYMOD_CLASS_RO_AFTER_INIT].align)) +
			sz[EARLYMOD_CLASS_RO_AFTER_INIT]);
	/* data and bss as the loader places them, then the module's kallsyms */
	data = ALIGN(ALIGN(sz[EARLYMOD_CLASS_DATA],
			   le32_to_cpu(e->classes[EARLYMOD_CLASS_BSS].align)) +
		     sz[EARLYMOD_CLASS_BSS], sizeof(u64));
	rwsz = PAGE_ALIGN(data + em_module_size(e));
	if (t + ro + rwsz > EM_POOL_SIZE - em_pool_used)
		return em_fail(err, -ENOSPC,
			       "no room left in the early-module reserve (CONFIG_EARLYMOD_POOL_KB)");

	base = (unsigned long)em_pool + em_pool_used;
	rt = (struct emld_region){ base, (u8 *)base, t, 0 };
	rro = (struct emld_region){ base + t, (u8 *)base + t, ro, 0 };
	rw = (struct emld_region){ base + t + ro, (u8 *)base + t + ro,
				   data, 0 };
	regs[EARLYMOD_CLASS_TEXT] = &rt;
	regs[EARLYMOD_CLASS_RODATA] = &rro;
	regs[EARLYMOD_CLASS_RO_AFTER_INIT] = &rro;
	regs[EARLYMOD_CLASS_DATA] = &rw;
	regs[EARLYMOD_CLASS_BSS] = &rw;
	regs[EARLYMOD_CLASS_INIT_TEXT] = &em_init_region;
	regs[EARLYMOD_CLASS_INIT_DATA] = &em_init_region;
	regs[EARLYMOD_CLASS_PERCPU] = &em_percpu_region;

	ret = emld_layout(e, regs, err);
	if (ret)
		return ret;
	init_used = em_init_region.used;
	ret = emld_relocate(e, kaslr_offset(), err);
	for (i = 0; !ret && i < e->nr_specials; i++)
		l->tab[i].start = e->mem[le32_to_cpu(e->specials[i].class)] +
				  le32_to_cpu(e->specials[i].offset);
	l->nr_tab = e->nr_specials;
	why = ret ? NULL : em_check_orc(l);
	for (i = 0; !ret && !why && i < e->nr_specials; i++)
		why = em_check_contents(e, &e->specials[i]);
	if (!ret && !why)
		why = em_check_patch_sites(l);
	if (why)
		ret = em_fail(err, -ENOEXEC, why);
	if (!ret) {
		const struct module_layout core = {
			.base = (void *)base,
			.size = t + ro + rwsz,
			.text_size = t,
			.ro_size = t + ro,
			.ro_after_init_size = t + ro,
		};

		ret = em_module_prepare(l, (void *)base + t + ro + data,
					&core, err);
	}
	if (!ret)
		ret = emld_fixups_prepare(e, &vm, err);
	if (!ret)
		em_module_sites(l);	/* what unloading writes back */
	if (!ret) {
		for (i = 0; i < l->nr_tab; i++)
			if (l->tab[i].kind == EARLYMOD_SPECIAL_IBT_SEAL)
				em_seal_prepare(e, &l->tab[i]);
		/* on the module list: the last step that can fail */
		ret = em_module_add(l, err);
	}
	if (ret) {
		em_init_region.used = init_used;	/* em_init_alloc() */
		emld_layout_undo(e);
		return ret;
	}
	/* From here on it cannot fail: vmlinux now refers to the entry. */
	emld_fixups_commit(e, &vm);
	em_pool_used += t + ro + rwsz;

	r->mod = l->mod;
	r->sites = l->sites;
	r->nr_sites = l->nr_sites;
	for (i = 0; i < l->nr_tab; i++)
		if (l->tab[i].kind == EARLYMOD_SPECIAL_PCI_FIXUP)
			r->pci[r->nr_pci++] = l->tab[i];	/* at most EM_MAX_PCI */
	return 0;
}
