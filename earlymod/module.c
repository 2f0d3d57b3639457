// SPDX-License-Identifier: GPL-2.0-only
/*
 * earlymod: a linked entry becomes a module of the running kernel.
 *
 * A loaded module keeps its struct module and its kallsyms in its own
 * memory; so does an entry: its struct module is its own data
 * (.data..this_module, earlymod/this_module.c, the THIS_MODULE of its code),
 * its kallsyms (symbol table, type table, names) end its core block, built
 * here from the pack's SYMS and STRTAB.  Its sections, at
 * their final addresses and under the names a .ko gives them, go to
 * kernel/module/earlymod.c, which sets the module up with the module code's
 * own steps: every lookup the kernel makes for modules (kallsyms, exception
 * and bug tables, ORC, text checks, jump labels, static calls, exports,
 * /proc/modules, /sys/module) then serves the entry.  The steps run when what
 * they need exists (tables.c calls them from the initcall levels):
 *
 *   at link         on the module list, state COMING     em_module_add()
 *   early initcalls text patched, COMING notifiers       em_module_coming()
 *   subsys level    /sys/module/NAME                     em_module_sysfs()
 *   after late      LIVE                                 em_module_live()
 *   mark_rodata_ro  RO/NX/X as for a module              earlymod_mark_ro()
 */
#define pr_fmt(fmt) "earlymod: " fmt

#include <linux/elf.h>
#include <linux/gfp.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/memory.h>
#include <linux/string.h>
#include <asm/sections.h>
#include <asm/setup.h>
#include <asm/text-patching.h>
#include "internal.h"

/* The section a class is in a .ko; PERCPU: see em_module_sections(). */
static const struct {
	const char *name;
	unsigned long flags;
} em_class_sec[EARLYMOD_NR_CLASSES] __initconst = {
	[EARLYMOD_CLASS_TEXT]		= { ".text", SHF_ALLOC | SHF_EXECINSTR },
	[EARLYMOD_CLASS_RODATA]		= { ".rodata", SHF_ALLOC },
	[EARLYMOD_CLASS_RO_AFTER_INIT]	= { ".data..ro_after_init", SHF_ALLOC | SHF_WRITE },
	[EARLYMOD_CLASS_DATA]		= { ".data", SHF_ALLOC | SHF_WRITE },
	[EARLYMOD_CLASS_BSS]		= { ".bss", SHF_ALLOC | SHF_WRITE },
	[EARLYMOD_CLASS_INIT_TEXT]	= { ".init.text", SHF_ALLOC | SHF_EXECINSTR },
	[EARLYMOD_CLASS_INIT_DATA]	= { ".init.data", SHF_ALLOC | SHF_WRITE },
};

/* Tables the module code walks; the pack names them as a .ko does. */
static bool __init em_module_walks(u32 kind)
{
	switch (kind) {
	case EARLYMOD_SPECIAL_EXTABLE:
	case EARLYMOD_SPECIAL_ALTINSTR:
	case EARLYMOD_SPECIAL_PARAINSTR:
	case EARLYMOD_SPECIAL_SMP_LOCKS:
	case EARLYMOD_SPECIAL_JUMP_TABLE:
	case EARLYMOD_SPECIAL_STATIC_CALL:
	case EARLYMOD_SPECIAL_RETPOLINE:
	case EARLYMOD_SPECIAL_RETURN:
	case EARLYMOD_SPECIAL_IBT_SEAL:
	case EARLYMOD_SPECIAL_ORC_UNWIND:
	case EARLYMOD_SPECIAL_ORC_UNWIND_IP:
	case EARLYMOD_SPECIAL_BUG_TABLE:
	case EARLYMOD_SPECIAL_KSYMTAB:
	case EARLYMOD_SPECIAL_KSYMTAB_GPL:
	case EARLYMOD_SPECIAL_NOINSTR:
		return true;
	}
	return false;
}

/* ------------------------------------------------------------------------
 * kallsyms, as add_kallsyms() sets them up for a loaded module: while the
 * module is COMING, all its symbols, in init memory (here: the init pool,
 * after the entry's init classes); from LIVE on, its core symbols, in its
 * core memory.  Core symbols are text, and with KALLSYMS_ALL also data and
 * per-CPU symbols.
 */
static bool __init em_ksym_kept(const struct earlymod_sym *s, bool init)
{
	switch (s->class) {
	case EARLYMOD_CLASS_INIT_TEXT:
		return init;
	case EARLYMOD_CLASS_TEXT:
		return true;
	case EARLYMOD_CLASS_INIT_DATA:
		return init && IS_ENABLED(CONFIG_KALLSYMS_ALL);
	case EARLYMOD_CLASS_RODATA:
	case EARLYMOD_CLASS_RO_AFTER_INIT:
	case EARLYMOD_CLASS_DATA:
	case EARLYMOD_CLASS_BSS:
	case EARLYMOD_CLASS_PERCPU:
		return IS_ENABLED(CONFIG_KALLSYMS_ALL);
	}
	return false;
}

/* The letter /proc/kallsyms shows, as kallsyms does for vmlinux. */
static char __init em_ksym_type(const struct earlymod_sym *s)
{
	static const char type[EARLYMOD_NR_CLASSES] __initconst = {
		[EARLYMOD_CLASS_TEXT] = 't', [EARLYMOD_CLASS_RODATA] = 'r',
		[EARLYMOD_CLASS_RO_AFTER_INIT] = 'd', [EARLYMOD_CLASS_DATA] = 'd',
		[EARLYMOD_CLASS_BSS] = 'b', [EARLYMOD_CLASS_INIT_TEXT] = 't',
		[EARLYMOD_CLASS_INIT_DATA] = 'd', [EARLYMOD_CLASS_PERCPU] = 'd',
	};
	char c = type[s->class];

	return s->flags & EARLYMOD_SYM_F_GLOBAL ? c - 'a' + 'A' : c;
}

/* Bytes of a table: symbols (the null symbol 0 first), types, names. */
static u32 __init em_ksyms_size(const struct emld_entry *e, bool init, u32 *nr)
{
	u32 i, names = 1;

	*nr = 1;
	if (!IS_ENABLED(CONFIG_KALLSYMS))
		return 0;
	for (i = 0; i < e->nr_syms; i++) {
		if (!em_ksym_kept(&e->syms[i], init))
			continue;
		(*nr)++;
		names += strlen(e->strtab + le32_to_cpu(e->syms[i].name)) + 1;
	}
	return *nr * (sizeof(Elf_Sym) + 1) + names;
}

/* An entry's exit function table, or NULL. */
static const struct earlymod_special *__init em_exitcall(const struct emld_entry *e)
{
	u32 i;

	for (i = 0; i < e->nr_specials; i++)
		if (le32_to_cpu(e->specials[i].kind) == EARLYMOD_SPECIAL_EXITCALL)
			return &e->specials[i];
	return NULL;
}

/*
 * Bytes after the entry's data (8-aligned): the module's core kallsyms,
 * then, for an entry with an exit function, its vmlinux sites as they were.
 */
u32 __init em_module_size(const struct emld_entry *e)
{
	u32 nr, size = ALIGN(em_ksyms_size(e, false, &nr), sizeof(u64));

	if (em_exitcall(e))
		size += e->nr_fixups * sizeof(struct em_site);
	return size;
}

static void __init em_ksyms_fill(const struct emld_entry *e, bool init,
				 struct mod_kallsyms *ks, void *at)
{
	u32 i, n = 1, names = 1;

	em_ksyms_size(e, init, &ks->num_symtab);
	ks->symtab = at;
	ks->typetab = (char *)(ks->symtab + ks->num_symtab);
	ks->strtab = ks->typetab + ks->num_symtab;
	ks->symtab[0] = (Elf_Sym){};
	ks->typetab[0] = 0;
	ks->strtab[0] = 0;
	for (i = 0; i < e->nr_syms && IS_ENABLED(CONFIG_KALLSYMS); i++) {
		const struct earlymod_sym *s = &e->syms[i];
		const char *name = e->strtab + le32_to_cpu(s->name);
		size_t len = strlen(name) + 1;

		if (!em_ksym_kept(s, init))
			continue;
		ks->symtab[n] = (Elf_Sym){
			.st_name = names,
			/* ELF's st_info: binding in the high nibble */
			.st_info = (s->flags & EARLYMOD_SYM_F_GLOBAL ?
				    STB_GLOBAL : STB_LOCAL) << 4 |
				   (s->type == EARLYMOD_SYM_FUNC ?
				    STT_FUNC : STT_OBJECT),
			/* any defined section: kallsyms only tests SHN_UNDEF */
			.st_shndx = 1 + s->class,
			.st_value = e->base[s->class] + le32_to_cpu(s->value),
			.st_size = le32_to_cpu(s->size),
		};
		ks->typetab[n] = em_ksym_type(s);
		memcpy(ks->strtab + names, name, len);
		names += len;
		n++;
	}
}

/* Core kallsyms at @at (core memory); all symbols in the init pool. */
static int __init em_ksyms(const struct emld_entry *e, struct module *mod,
			   void *at)
{
	struct mod_kallsyms *init;
	u32 nr;

	em_ksyms_fill(e, false, &mod->core_kallsyms, at);
	init = em_init_alloc(sizeof(*init) + em_ksyms_size(e, true, &nr));
	if (!init)
		return -ENOSPC;
	em_ksyms_fill(e, true, init, init + 1);
	RCU_INIT_POINTER(mod->kallsyms, init);
	return 0;
}

/* ------------------------------------------------------------------------
 * The module record
 */
static int __init em_sec_add(struct em_linked *l, const char *name,
			     unsigned long addr, u32 size, unsigned long flags,
			     bool nobits)
{
	if (!size)
		return 0;
	if (l->nr_sec == EARLYMOD_MAX_SECTIONS)
		return -E2BIG;
	l->sec[l->nr_sec++] = (struct earlymod_section){
		.name = name, .addr = addr, .size = size, .flags = flags,
		.nobits = nobits,
	};
	return 0;
}

/*
 * Per-CPU data is not a section here: the module code would take it for
 * memory of the per-CPU allocator (mod->percpu), but it lies in vmlinux's
 * static per-CPU area, which every lookup already counts as the kernel's.
 */
static int __init em_module_sections(struct em_linked *l)
{
	const struct emld_entry *e = l->e;
	int c, err = 0;
	u32 i;

	for (c = 0; c < EARLYMOD_NR_CLASSES && !err; c++)
		if (em_class_sec[c].name)
			err = em_sec_add(l, em_class_sec[c].name, e->base[c],
					 le32_to_cpu(e->classes[c].size),
					 em_class_sec[c].flags,
					 c == EARLYMOD_CLASS_BSS);
	for (i = 0; i < l->nr_tab && !err; i++) {
		const struct em_table *t = &l->tab[i];
		u32 cls = le32_to_cpu(e->specials[i].class);

		if (em_module_walks(t->kind))
			err = em_sec_add(l, emld_special_name(t->kind),
					 (unsigned long)t->start, t->size,
					 em_class_sec[cls].flags & ~SHF_EXECINSTR,
					 false);
	}
	return err;
}

/* Module names use underscores: intel-iommu is the module intel_iommu. */
static void __init em_module_name(struct module *mod, const char *entry)
{
	char *p;

	strscpy(mod->name, entry, sizeof(mod->name));
	for (p = mod->name; *p; p++)
		if (*p == '-')
			*p = '_';
}

int __init em_module_prepare(struct em_linked *l, void *at,
			     const struct module_layout *core,
			     struct emld_error *err)
{
	const struct emld_entry *e = l->e;
	u32 it = le32_to_cpu(e->classes[EARLYMOD_CLASS_INIT_TEXT].size);
	u32 id = le32_to_cpu(e->classes[EARLYMOD_CLASS_INIT_DATA].size);
	struct module *mod = NULL;
	u32 i;

	/* the entry's own record, its code's THIS_MODULE (this_module.c) */
	for (i = 0; i < l->nr_tab; i++) {
		const struct em_table *t = &l->tab[i];

		if (t->kind != EARLYMOD_SPECIAL_THIS_MODULE)
			continue;
		if (t->size != sizeof(*mod) ||
		    le32_to_cpu(e->specials[i].class) != EARLYMOD_CLASS_DATA ||
		    !IS_ALIGNED((unsigned long)t->start, __alignof__(*mod)))
			return em_fail(err, -ENOEXEC,
				       ".data..this_module: not a struct module of this kernel in the entry's data");
		mod = t->start;
	}
	if (!mod)
		return em_fail(err, -ENOEXEC,
			       "no module record (.data..this_module): not built by this kernel's earlymod/Makefile.eko");

	memset(mod, 0, sizeof(*mod));
	em_module_name(mod, e->name);
	mod->core_layout = *core;
	/* init text, then init data, one after the other in the init pool */
	if (it || id) {
		unsigned long b = it ? e->base[EARLYMOD_CLASS_INIT_TEXT] :
				       e->base[EARLYMOD_CLASS_INIT_DATA];
		unsigned long end = id ? e->base[EARLYMOD_CLASS_INIT_DATA] + id :
					 b + it;

		mod->init_layout.base = (void *)b;
		mod->init_layout.size = end - b;
		mod->init_layout.text_size = it;
		mod->init_layout.ro_size = it;
		mod->init_layout.ro_after_init_size = it;
	}
	if (em_ksyms(e, mod, at))
		return em_fail(err, -ENOSPC,
			       "no room for the module's symbols in the init reserve (CONFIG_EARLYMOD_INIT_POOL_KB)");
	l->mod = mod;
	l->exit = NULL;
	l->sites = NULL;
	l->nr_sites = 0;
	for (i = 0; i < l->nr_tab; i++) {
		unsigned long fn;
		u32 nr;

		if (l->tab[i].kind != EARLYMOD_SPECIAL_EXITCALL)
			continue;
		/* one exit, in the entry's own text: what a .ko's cleanup is */
		fn = (unsigned long)*(exitcall_t *)l->tab[i].start;
		if (l->tab[i].size != sizeof(exitcall_t) ||
		    fn - (unsigned long)core->base >= core->text_size)
			return em_fail(err, -ENOEXEC,
				       ".exitcall.exit: not one exit function in the entry's text");
		l->exit = (exitcall_t)fn;
		l->sites = at + ALIGN(em_ksyms_size(e, false, &nr), sizeof(u64));
		break;
	}
	l->nr_sec = 0;
	if (em_module_sections(l))
		return em_fail(err, -E2BIG, "too many sections for a module");
	return 0;
}

/*
 * An entry with an exit can be unloaded if unloading can undo its link
 * safely: every vmlinux text site that refers to it is the rel32 of a CALL
 * or JMP (text_poke_bp() switches those back under running CPUs), and it has
 * no PCI fixups (the PCI core runs them at any time, in any context, with
 * nothing to wait for).  Otherwise it is permanent, as one without an exit
 * is.  Called once its sites are checked, before they change.
 */
void __init em_module_sites(struct em_linked *l)
{
	const struct emld_entry *e = l->e;
	const char *why = NULL;
	u32 i;

	if (!l->exit)
		return;
	for (i = 0; i < l->nr_tab; i++)
		if (l->tab[i].kind == EARLYMOD_SPECIAL_PCI_FIXUP)
			why = "its PCI fixups may run at any time";
	for (i = 0; i < e->nr_fixups && !why; i++) {
		const struct earlymod_fixup *f = &e->fixups[i];
		struct em_site *s = &l->sites[i];
		u8 *p;

		s->addr = le64_to_cpu(f->site) + kaslr_offset();
		s->len = emld_reloc_width(f->type);
		p = (u8 *)s->addr;
		memcpy(s->bytes, p, s->len);
		/* vmlinux's init text is gone before anyone can unload */
		s->insn = core_kernel_text(s->addr) &&
			  !is_kernel_inittext(s->addr);
		if (s->insn && ((f->type != EARLYMOD_R_X86_64_PC32 &&
				 f->type != EARLYMOD_R_X86_64_PLT32) ||
				(p[-1] != CALL_INSN_OPCODE && p[-1] != JMP32_INSN_OPCODE)))
			why = "vmlinux refers to it from an instruction other than a CALL or JMP";
	}
	if (why) {
		pr_info("%s: permanent: %s\n", e->name, why);
		l->exit = NULL;
		l->sites = NULL;
		return;
	}
	l->nr_sites = e->nr_fixups;
}

int __init em_module_add(struct em_linked *l, struct emld_error *err)
{
	int ret;

	l->mod->exit = l->exit;
	/* vmlinux's seal vouches for it as a signature would */
	ret = module_early_add(l->mod, l->sec, l->nr_sec, l->sealed);

	if (ret == -EEXIST)
		return em_fail(err, ret, "a module of this name is already loaded");
	if (ret == -ENOEXEC)	/* the module code names the symbol and its owner */
		return em_fail(err, ret, "it exports a symbol that the kernel or a module exports already");
	if (ret)
		return em_fail(err, ret, "the module code refused the entry");
	return 0;
}

void __init em_module_coming(struct em_linked *l)
{
	int ret = module_early_coming(l->mod, l->sec, l->nr_sec);

	if (ret)
		pr_warn("%s: module notifiers failed (%d); its text is patched, static keys and calls may not follow\n",
			l->mod->name, ret);
}

void __init em_module_sysfs(struct em_linked *l)
{
	int ret = module_early_sysfs(l->mod, l->sec, l->nr_sec);

	if (ret)
		pr_warn("%s: no /sys/module/%s (%d)\n", l->mod->name,
			l->mod->name, ret);
	l->sysfs = !ret;
}

void __init em_module_live(struct em_linked *l)
{
	module_early_live(l->mod, l->sysfs);
}

/* mark_rodata_ro() made the image past _etext NX: module protections now. */
void earlymod_mark_ro(void)
{
	u32 i;

	for (i = 0; i < em_nr_linked; i++)
		module_early_protect(em_res[i].mod);
}

/* ------------------------------------------------------------------------
 * Unloading (delete_module() through kernel/module/earlymod.c)
 */
static const struct em_resident *em_res_of(const struct module *mod)
{
	u32 i;

	for (i = 0; i < em_nr_linked; i++)
		if (em_res[i].mod == mod)
			return &em_res[i];
	return NULL;
}

/*
 * Before its exit runs: vmlinux back at the fallbacks, so that nothing new
 * enters the entry through them.  CALL and JMP sites by text_poke_bp(),
 * safe under running CPUs; data sites by text_poke() (they may be
 * read-only by now).  Sites in vmlinux's init memory went with it.
 */
void earlymod_module_going(struct module *mod)
{
	const struct em_resident *r = em_res_of(mod);
	u32 i, n = 0;

	if (!r)
		return;
	mutex_lock(&text_mutex);
	for (i = 0; i < r->nr_sites; i++) {
		const struct em_site *s = &r->sites[i];
		u8 insn[CALL_INSN_SIZE];

		if (system_state >= SYSTEM_FREEING_INITMEM &&
		    s->addr >= (unsigned long)__init_begin &&
		    s->addr < (unsigned long)__init_end)
			continue;
		if (s->insn) {
			insn[0] = *(u8 *)(s->addr - 1);
			memcpy(insn + 1, s->bytes, sizeof(insn) - 1);
			text_poke_bp((void *)s->addr - 1, insn, sizeof(insn), NULL);
		} else {
			text_poke((void *)s->addr, s->bytes, s->len);
		}
		n++;
	}
	mutex_unlock(&text_mutex);
	pr_info("%s: unlinked: %u vmlinux sites back at their fallbacks\n",
		mod->name, n);
}

/* After free_module() took it off every list: its pages go back. */
void earlymod_module_free(struct module *mod)
{
	void *base = mod->core_layout.base;
	unsigned int size = mod->core_layout.size;
	char what[MODULE_NAME_LEN + 16];

	/* the name is in the memory about to be freed */
	snprintf(what, sizeof(what), "earlymod %s", mod->name);
	free_kernel_image_pages(what, base, base + size);
	/* out of the per-CPU lists, so that they count as free at once */
	drain_all_pages(NULL);
}
