// SPDX-License-Identifier: GPL-2.0-only
/*
 * earlymod: link the pack's entries early in boot, and run what they carry.
 *
 * setup_arch() calls earlymod_link_platform() once the ACPI tables can be
 * read and memblock allocates, before initmem_init() and mm_init() (so before
 * pci_iommu_alloc() looks for an IOMMU).  It finds the pack in the initrd,
 * validates it, selects the entries this machine needs, and links them with
 * the loader (loader/) into memory reserved inside the kernel image:
 *
 *   core pool (.bss, CONFIG_EARLYMOD_POOL_KB): per entry one contiguous,
 *     page-aligned block  [text][rodata][ro-after-init][data+bss],  the shape
 *     6.1's struct module core_layout describes; mark_rodata_ro() makes text
 *     RO+X and rodata RO (earlymod_mark_ro());
 *   init pool (.init.data): init text and init data, freed with vmlinux's own
 *     init memory by free_initmem();
 *   per-CPU pool: a static per-CPU array; entries' per-CPU data is written
 *     into the template before setup_per_cpu_areas() copies it to every CPU.
 *
 * What is not used of the core pool, and the pack itself, goes back to
 * memblock before mm_init(), so the page allocator gets it.  The image is
 * mapped RWX with large pages until mark_rodata_ro(), so linking writes
 * plainly; vmlinux sites are patched with text_poke_early().
 *
 * After the link, the entries' tables are run where vmlinux runs its own:
 * early params and __setup at link time (over the boot command line),
 * initcalls after each vmlinux initcall level (hook in init/main.c),
 * alternatives, retpoline, return and IBT sites right after vmlinux patched
 * its own (before the early initcalls), PCI fixups from pci_fixup_device(),
 * the exception and bug tables from their vmlinux lookups; jump-label
 * updates, the ORC unwinder and core_kernel_text() see linked text
 * (docs/kernel.md lists every table and hook).
 */
#define pr_fmt(fmt) "earlymod: " fmt

#include <linux/acpi.h>
#include <linux/bug.h>
#include <linux/dmi.h>
#include <linux/elf.h>
#include <linux/extable.h>
#include <linux/init.h>
#include <linux/jump_label.h>
#include <linux/kernel.h>
#include <linux/memblock.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/percpu.h>
#include <linux/pci.h>
#include <linux/set_memory.h>
#include <linux/sort.h>
#include <linux/string.h>
#include <linux/earlymod.h>
#include <asm/alternative.h>
#include <asm/cmdline.h>
#include <asm/pci-direct.h>
#include <asm/processor.h>
#include <asm/sections.h>
#include <asm/setup.h>
#include <asm/text-patching.h>
#include <asm/tsc.h>
#include <asm/unwind.h>
#include "../loader/loader.h"

#define EM_POOL_SIZE	(CONFIG_EARLYMOD_POOL_KB * 1024UL)
#define EM_INIT_SIZE	(CONFIG_EARLYMOD_INIT_POOL_KB * 1024UL)
#define EM_PERCPU_SIZE	CONFIG_EARLYMOD_PERCPU_BYTES
#define EM_MAX_LINKED	8	/* entries linked in one boot */
#define EM_MAX_TABLES	24	/* special tables per entry */
#define EM_MAX_PCI	4	/* PCI fixup tables per entry */

static u8 em_pool[EM_POOL_SIZE] __page_aligned_bss;
static u8 em_init_pool[EM_INIT_SIZE] __initdata __aligned(PAGE_SIZE);
static DEFINE_PER_CPU_ALIGNED(u8 [EM_PERCPU_SIZE], em_percpu_pool);

/* A special table of a linked entry, at its final address. */
struct em_table {
	u8 kind;
	u8 arg;
	u32 size;
	void *start;
};

/* What boot needs of a linked entry until init memory is freed. */
struct em_linked {
	struct emld_entry *e;
	struct em_table tab[EM_MAX_TABLES];
	u32 nr_tab;
};

/* What stays: the lookups vmlinux makes at any time. */
struct em_resident {
	const struct exception_table_entry *ex;
	u32 nr_ex;
	struct bug_entry *bug;
	u32 nr_bug;
	struct em_table pci[EM_MAX_PCI];
	u32 nr_pci;
	struct jump_entry *jump, *jump_end;	/* sorted by key */
	unsigned long init_text, init_text_end;	/* until init is freed */
	/*
	 * Not on the module list (yet): it holds the entry's name, its core
	 * layout (text, ro, ro_after_init, rw) and its sorted ORC tables.
	 */
	struct module *mod;
};

static struct emld_pack em_pack __initdata;
static struct em_linked em_linked[EM_MAX_LINKED] __initdata;
static struct em_resident em_res[EM_MAX_LINKED] __ro_after_init;
static u32 em_nr_linked __ro_after_init;
static unsigned long em_pool_used __initdata;
static struct emld_region em_init_region __initdata;
static struct emld_region em_percpu_region __initdata;
static char em_line[1024] __initdata;
static char em_cmdline[COMMAND_LINE_SIZE] __initdata;
static bool em_patched __initdata;

/* ------------------------------------------------------------------------
 * The running kernel, as the loader checks it
 */
extern const char __start_notes[] __weak, __stop_notes[] __weak;

static u32 __init em_build_id(const u8 **id)
{
	const char *p = __start_notes, *end = __stop_notes;

	while (p && end - p >= (long)sizeof(Elf64_Nhdr)) {
		const Elf64_Nhdr *n = (const Elf64_Nhdr *)p;
		size_t name = ALIGN(n->n_namesz, 4), desc = ALIGN(n->n_descsz, 4);

		if (name + desc > (size_t)(end - p) - sizeof(*n))
			break;
		if (n->n_type == 3 /* NT_GNU_BUILD_ID */ && n->n_namesz == 4 &&
		    !memcmp(n + 1, "GNU", 4)) {
			*id = (const u8 *)(n + 1) + name;
			return n->n_descsz;
		}
		p += sizeof(*n) + name + desc;
	}
	return 0;
}

static int __init em_acpi_present(void *ctx, const char *sig)
{
	struct acpi_table_header *t;
	char s[5];

	if (acpi_disabled)
		return 0;
	memcpy(s, sig, 4);
	s[4] = 0;
	if (ACPI_FAILURE(acpi_get_table(s, 0, &t)))
		return 0;
	acpi_put_table(t);
	return 1;
}

/*
 * PCI devices, read through type 1 configuration cycles as the early quirks
 * do: bus 0 only, where the host bridge, northbridge functions and chipset
 * devices that board and IOMMU rules name sit.
 */
static int __init em_pci_present(void *ctx, u16 vendor, u16 device)
{
	unsigned int slot, func;

	if (!early_pci_allowed())
		return 0;
	for (slot = 0; slot < 32; slot++) {
		for (func = 0; func < 8; func++) {
			u32 id = read_pci_config(0, slot, func, PCI_VENDOR_ID);

			if ((id & 0xffff) == 0xffff || !id) {
				if (!func)
					break;
				continue;
			}
			if ((id & 0xffff) == vendor &&
			    (device == EARLYMOD_PCI_ANY || id >> 16 == device))
				return 1;
			if (!func && !(read_pci_config_byte(0, slot, 0,
							    PCI_HEADER_TYPE) & 0x80))
				break;
		}
	}
	return 0;
}

static char em_hv_sig[13] __initdata;
static char em_earlymod_arg[256] __initdata;

static void __init em_facts(struct emld_facts *f)
{
	static const u8 dmi_field[EARLYMOD_DMI_MAX] __initconst = {
		[EARLYMOD_DMI_SYS_VENDOR] = DMI_SYS_VENDOR,
		[EARLYMOD_DMI_PRODUCT_NAME] = DMI_PRODUCT_NAME,
		[EARLYMOD_DMI_BOARD_VENDOR] = DMI_BOARD_VENDOR,
		[EARLYMOD_DMI_BOARD_NAME] = DMI_BOARD_NAME,
		[EARLYMOD_DMI_BIOS_VENDOR] = DMI_BIOS_VENDOR,
	};
	int i;

	memset(f, 0, sizeof(*f));
	f->cpu_vendor = boot_cpu_data.x86_vendor_id;
	if (boot_cpu_has(X86_FEATURE_HYPERVISOR)) {
		u32 eax, sig[3];

		cpuid(0x40000000, &eax, &sig[0], &sig[1], &sig[2]);
		memcpy(em_hv_sig, sig, 12);
		f->hypervisor = em_hv_sig;
	}
	for (i = 1; i < EARLYMOD_DMI_MAX; i++)
		f->dmi[i] = dmi_get_system_info(dmi_field[i]);
	f->acpi_present = em_acpi_present;
	f->pci_present = em_pci_present;
	if (cmdline_find_option(boot_command_line, "earlymod", em_earlymod_arg,
				sizeof(em_earlymod_arg)) >= 0)
		f->cmdline = em_earlymod_arg;
}

/* vmlinux as the fixups see it: the whole image, written by text_poke_early */
static void __init em_write(void *ctx, u8 *dst, const void *src, u32 len)
{
	text_poke_early(dst, src, len);
}

static int __init em_fail(struct emld_error *err, int code, const char *msg)
{
	err->err = code;
	err->msg = msg;
	err->offset = EMLD_NO_OFFSET;
	return code;
}

/* ------------------------------------------------------------------------
 * Special tables: what this kernel processes, and what it refuses
 */
static const char *__init em_check_table(const struct earlymod_special *s,
					 struct em_table *t)
{
	u32 kind = le32_to_cpu(s->kind), arg = le32_to_cpu(s->arg);
	u32 size = le32_to_cpu(s->size);

	switch (kind) {
	case EARLYMOD_SPECIAL_EXTABLE:
		if (size % sizeof(struct exception_table_entry))
			return "__ex_table: not a whole number of entries";
		break;
	case EARLYMOD_SPECIAL_BUG_TABLE:
		if (size % sizeof(struct bug_entry))
			return "__bug_table: not a whole number of entries";
		break;
	case EARLYMOD_SPECIAL_INITCALL:
		if (arg > EARLYMOD_INITCALL_ROOTFS || size % sizeof(initcall_entry_t))
			return "initcall table: bad level or size";
		break;
	case EARLYMOD_SPECIAL_SETUP:
		if (size % sizeof(struct obs_kernel_param))
			return ".init.setup: not a whole number of entries";
		break;
	case EARLYMOD_SPECIAL_PCI_FIXUP:
		if (arg > EARLYMOD_PCI_FIXUP_SUSPEND_LATE ||
		    size % sizeof(struct pci_fixup))
			return "PCI fixup table: bad pass or size";
		break;
	case EARLYMOD_SPECIAL_ALTINSTR:
		if (size % sizeof(struct alt_instr))
			return ".altinstructions: not a whole number of entries";
		break;
	case EARLYMOD_SPECIAL_RETPOLINE:
	case EARLYMOD_SPECIAL_RETURN:
	case EARLYMOD_SPECIAL_IBT_SEAL:
	case EARLYMOD_SPECIAL_SMP_LOCKS:
	case EARLYMOD_SPECIAL_ORC_UNWIND_IP:
		if (size % sizeof(s32))
			return "site table: not a whole number of entries";
		break;
	case EARLYMOD_SPECIAL_ORC_UNWIND:
		if (size % sizeof(struct orc_entry))
			return ".orc_unwind: not a whole number of entries";
		break;
	case EARLYMOD_SPECIAL_NOINSTR:
	case EARLYMOD_SPECIAL_KSYMTAB:
	case EARLYMOD_SPECIAL_KSYMTAB_GPL:
		break;
	case EARLYMOD_SPECIAL_JUMP_TABLE:
		if (size % sizeof(struct jump_entry))
			return "__jump_table: not a whole number of entries";
		break;
	case EARLYMOD_SPECIAL_STATIC_CALL:
	case EARLYMOD_SPECIAL_STATIC_CALL_TRAMP_KEY:
		return "static call sites need module registration (not supported yet)";
	case EARLYMOD_SPECIAL_PARAINSTR:
		return ".parainstructions: paravirt patching of an entry is not supported";
	case EARLYMOD_SPECIAL_PARAM:
		return "__param: module parameters of an entry are not supported";
	default:
		return "unknown special table";
	}
	t->kind = kind;
	t->arg = arg;
	t->size = size;
	return NULL;
}

/* ------------------------------------------------------------------------
 * Static keys: the entry's __jump_table, sorted by key like vmlinux's.
 * Keys the entry defines point at their run of entries; a key defined
 * elsewhere would need the module notifier's linked lists (slab), so an
 * entry that uses one is refused.
 */
static int __init em_jump_cmp(const void *a, const void *b)
{
	const struct jump_entry *ja = a, *jb = b;
	unsigned long ka = (unsigned long)jump_entry_key(ja);
	unsigned long kb = (unsigned long)jump_entry_key(jb);

	if (ka != kb)
		return ka < kb ? -1 : 1;
	if (jump_entry_code(ja) != jump_entry_code(jb))
		return jump_entry_code(ja) < jump_entry_code(jb) ? -1 : 1;
	return 0;
}

/* Entries hold offsets relative to themselves: moving one shifts them. */
static void __init em_jump_swap(void *a, void *b, int size)
{
	long delta = (unsigned long)a - (unsigned long)b;
	struct jump_entry *ja = a, *jb = b, tmp = *ja;

	ja->code = jb->code - delta;
	ja->target = jb->target - delta;
	ja->key = jb->key - delta;
	jb->code = tmp.code + delta;
	jb->target = tmp.target + delta;
	jb->key = tmp.key + delta;
}

static bool __init em_in_core(const struct emld_entry *e, unsigned long a)
{
	static const u8 core[] = {
		EARLYMOD_CLASS_RODATA, EARLYMOD_CLASS_RO_AFTER_INIT,
		EARLYMOD_CLASS_DATA, EARLYMOD_CLASS_BSS,
	};
	u32 i;

	for (i = 0; i < ARRAY_SIZE(core); i++) {
		unsigned long b = (unsigned long)e->mem[core[i]];

		if (a >= b && a < b + le32_to_cpu(e->classes[core[i]].size))
			return true;
	}
	return false;
}

static int __init em_jump_prepare(struct emld_entry *e, struct em_table *t,
				  struct emld_error *err)
{
	struct jump_entry *j = t->start, *end = t->start + t->size;

	sort(j, end - j, sizeof(*j), em_jump_cmp, em_jump_swap);
	for (; j < end; j++)
		if (!em_in_core(e, (unsigned long)jump_entry_key(j)))
			return em_fail(err, -ENOEXEC,
				       "__jump_table: uses a static key defined outside the entry (needs module registration)");
	return 0;
}

static void __init em_jump_commit(struct em_resident *r, struct em_table *t)
{
	struct jump_entry *j = t->start, *end = t->start + t->size;
	struct static_key *key = NULL;

	r->jump = j;
	r->jump_end = end;
	for (; j < end; j++) {
		unsigned long code = jump_entry_code(j);

		if (code >= r->init_text && code < r->init_text_end)
			jump_entry_set_init(j, true);
		if (jump_entry_key(j) == key)
			continue;
		/* first entry of this key: what jump_label_init() does */
		key = jump_entry_key(j);
		key->type = (unsigned long)j | (key->type & JUMP_TYPE_MASK);
	}
}

/*
 * The IBT seal list (objtool's ENDBRs that nothing in the object refers to)
 * cannot know about vmlinux's references into the entry, which fixups
 * create: keep the ENDBR of every fixup target, seal the rest.  The list is
 * compacted in place (init data of the entry), entries being PC-relative.
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

static void __init em_seal_prepare(const struct emld_entry *e, struct em_table *t)
{
	s32 *in = t->start, *end = t->start + t->size, *out = t->start;

	for (; in < end; in++) {
		unsigned long a = (unsigned long)in + *in;

		if (em_fixup_target(e, a))
			continue;
		*out = (s32)(a - (unsigned long)out);
		out++;
	}
	t->size = (void *)out - t->start;
}

/* Sort the ORC tables once, as unwind_module_init() does for a module. */
static void __init em_orc_commit(struct em_linked *l, struct em_resident *r)
{
	struct em_table *ip = NULL, *orc = NULL;
	u32 i;

	for (i = 0; i < l->nr_tab; i++) {
		if (l->tab[i].kind == EARLYMOD_SPECIAL_ORC_UNWIND_IP)
			ip = &l->tab[i];
		else if (l->tab[i].kind == EARLYMOD_SPECIAL_ORC_UNWIND)
			orc = &l->tab[i];
	}
	if (ip && orc)
		unwind_module_init(r->mod, ip->start, ip->size, orc->start,
				   orc->size);
}

/* ------------------------------------------------------------------------
 * Linking one entry
 */
static int __init em_link_entry(struct emld_entry *e, struct em_linked *l,
				struct em_resident *r, struct emld_error *err)
{
	struct emld_region rt = {}, rro = {}, rai = {}, rw = {};
	struct emld_region *regs[EARLYMOD_NR_CLASSES];
	const struct emld_range image = {
		.addr = (unsigned long)_text,
		.size = (unsigned long)_end - (unsigned long)_text,
		.ptr = (u8 *)_text,
	};
	const struct emld_vmlinux vm = {
		.ranges = &image, .nr_ranges = 1, .write = em_write,
	};
	u32 sz[EARLYMOD_NR_CLASSES], i, nr_pci = 0, nr_jump = 0, nr_exports = 0;
	unsigned long base, t, ro, ai, rwsz;
	struct module *mod;
	int ret;

	for (i = 0; i < EARLYMOD_NR_CLASSES; i++)
		sz[i] = le32_to_cpu(e->classes[i].size);
	t = PAGE_ALIGN(sz[EARLYMOD_CLASS_TEXT]);
	ro = PAGE_ALIGN(sz[EARLYMOD_CLASS_RODATA]);
	ai = PAGE_ALIGN(sz[EARLYMOD_CLASS_RO_AFTER_INIT]);
	rwsz = PAGE_ALIGN(ALIGN(sz[EARLYMOD_CLASS_DATA],
				le32_to_cpu(e->classes[EARLYMOD_CLASS_BSS].align)) +
			  sz[EARLYMOD_CLASS_BSS]);
	if (t + ro + ai + rwsz > EM_POOL_SIZE - em_pool_used)
		return em_fail(err, -ENOSPC,
			       "no room left in the early-module reserve (CONFIG_EARLYMOD_POOL_KB)");
	if (e->nr_specials > EM_MAX_TABLES)
		return em_fail(err, -E2BIG, "too many special tables");

	base = (unsigned long)em_pool + em_pool_used;
	rt = (struct emld_region){ base, (u8 *)base, t, 0 };
	rro = (struct emld_region){ base + t, (u8 *)base + t, ro, 0 };
	rai = (struct emld_region){ base + t + ro, (u8 *)base + t + ro, ai, 0 };
	rw = (struct emld_region){ base + t + ro + ai, (u8 *)base + t + ro + ai,
				   rwsz, 0 };
	regs[EARLYMOD_CLASS_TEXT] = &rt;
	regs[EARLYMOD_CLASS_RODATA] = &rro;
	regs[EARLYMOD_CLASS_RO_AFTER_INIT] = &rai;
	regs[EARLYMOD_CLASS_DATA] = &rw;
	regs[EARLYMOD_CLASS_BSS] = &rw;
	regs[EARLYMOD_CLASS_INIT_TEXT] = &em_init_region;
	regs[EARLYMOD_CLASS_INIT_DATA] = &em_init_region;
	regs[EARLYMOD_CLASS_PERCPU] = &em_percpu_region;

	/* Everything the kernel cannot run is refused before anything moves. */
	for (i = 0; i < e->nr_specials; i++) {
		const char *why = em_check_table(&e->specials[i], &l->tab[i]);

		if (why)
			return em_fail(err, -ENOEXEC, why);
		if (l->tab[i].kind == EARLYMOD_SPECIAL_PCI_FIXUP)
			nr_pci++;
		else if (l->tab[i].kind == EARLYMOD_SPECIAL_JUMP_TABLE)
			nr_jump++;
	}
	if (nr_pci > EM_MAX_PCI || nr_jump > 1)
		return em_fail(err, -E2BIG, "too many PCI fixup or jump tables");
	mod = memblock_alloc(sizeof(*mod), SMP_CACHE_BYTES);
	if (!mod)
		return em_fail(err, -ENOMEM, "no memory for the module record");

	ret = emld_layout(e, regs, err);
	if (ret) {
		memblock_free(mod, sizeof(*mod));
		return ret;
	}
	ret = emld_relocate(e, kaslr_offset(), err);
	for (i = 0; !ret && i < e->nr_specials; i++) {
		l->tab[i].start = e->mem[le32_to_cpu(e->specials[i].class)] +
				  le32_to_cpu(e->specials[i].offset);
		if (l->tab[i].kind == EARLYMOD_SPECIAL_JUMP_TABLE)
			ret = em_jump_prepare(e, &l->tab[i], err);
	}
	if (!ret)
		ret = emld_fixups_prepare(e, &vm, err);
	if (ret) {
		emld_layout_undo(e);
		memblock_free(mod, sizeof(*mod));
		return ret;
	}
	/* From here on it cannot fail: vmlinux now refers to the entry. */
	emld_fixups_commit(e, &vm);
	em_pool_used += t + ro + ai + rwsz;

	l->e = e;
	l->nr_tab = e->nr_specials;
	r->init_text = (unsigned long)e->mem[EARLYMOD_CLASS_INIT_TEXT];
	r->init_text_end = r->init_text + sz[EARLYMOD_CLASS_INIT_TEXT];
	r->mod = mod;
	strscpy(mod->name, e->name, sizeof(mod->name));
	mod->core_layout.base = (void *)base;
	mod->core_layout.size = t + ro + ai + rwsz;
	mod->core_layout.text_size = t;
	mod->core_layout.ro_size = t + ro;
	mod->core_layout.ro_after_init_size = t + ro + ai;
	for (i = 0; i < l->nr_tab; i++) {
		struct em_table *tab = &l->tab[i];

		switch (tab->kind) {
		case EARLYMOD_SPECIAL_EXTABLE:
			/* sorted in place, as the module loader does */
			r->ex = tab->start;
			r->nr_ex = tab->size / sizeof(*r->ex);
			sort_extable((void *)r->ex, (void *)(r->ex + r->nr_ex));
			break;
		case EARLYMOD_SPECIAL_BUG_TABLE:
			r->bug = tab->start;
			r->nr_bug = tab->size / sizeof(*r->bug);
			break;
		case EARLYMOD_SPECIAL_PCI_FIXUP:
			r->pci[r->nr_pci++] = *tab;	/* at most EM_MAX_PCI */
			break;
		case EARLYMOD_SPECIAL_JUMP_TABLE:
			em_jump_commit(r, tab);
			break;
		case EARLYMOD_SPECIAL_IBT_SEAL:
			em_seal_prepare(e, tab);
			break;
		case EARLYMOD_SPECIAL_KSYMTAB:
		case EARLYMOD_SPECIAL_KSYMTAB_GPL:
			nr_exports += tab->size / sizeof(struct kernel_symbol);
			break;
		}
	}
	em_orc_commit(l, r);
	if (nr_exports)
		pr_info("%s: %u exported symbols are not visible to loadable modules until the entry is registered as a module\n",
			e->name, nr_exports);
	return 0;
}

/* ------------------------------------------------------------------------
 * Early params and __setup of the linked entries, over the command line
 */

/* The next .init.setup record of @l after @p (NULL: the first), or NULL. */
static const struct obs_kernel_param *__init
em_next_setup(const struct em_linked *l, u32 *tab, const struct obs_kernel_param *p)
{
	for (; *tab < l->nr_tab; (*tab)++, p = NULL) {
		const struct em_table *t = &l->tab[*tab];
		const struct obs_kernel_param *end = t->start + t->size;

		if (t->kind != EARLYMOD_SPECIAL_SETUP)
			continue;
		p = p ? p + 1 : t->start;
		if (p < end)
			return p;
	}
	return NULL;
}

#define for_each_em_setup(l, tab, p)					\
	for (tab = 0, p = em_next_setup(l, &tab, NULL); p;		\
	     p = em_next_setup(l, &tab, p))

static bool em_setup_early __initdata;

static int __init em_setup_one(char *param, char *val, const char *doing,
			       void *arg)
{
	const struct obs_kernel_param *p;
	u32 i, tab;

	/* __setup("foo=") sees "foo=value": undo parse_args' split */
	if (!em_setup_early && val && val == param + strlen(param) + 1)
		val[-1] = '=';
	for (i = 0; i < em_nr_linked; i++) {
		for_each_em_setup(&em_linked[i], tab, p) {
			if (em_setup_early) {
				if (p->early && parameq(param, p->str) &&
				    p->setup_func(val))
					pr_warn("%s: malformed early option '%s'\n",
						em_linked[i].e->name, param);
			} else if (!p->early && p->setup_func &&
				   parameqn(param, p->str, strlen(p->str))) {
				p->setup_func(param + strlen(p->str));
			}
		}
	}
	return 0;
}

/*
 * vmlinux's own pass over the command line (obsolete_checksetup()) asks
 * whether a parameter belongs to a linked entry: it was handled at link
 * time, so it is neither "unknown" nor passed to init.
 */
bool __init earlymod_checksetup(const char *line)
{
	const struct obs_kernel_param *p;
	u32 i, tab;

	for (i = 0; i < em_nr_linked; i++) {
		for_each_em_setup(&em_linked[i], tab, p) {
			size_t n = strlen(p->str);

			if (parameqn(line, p->str, n) &&
			    (!p->early || line[n] == '\0' || line[n] == '='))
				return true;
		}
	}
	return false;
}

/*
 * As vmlinux does for its own: every early param of the linked entries,
 * then every __setup, one pass each over the command line.
 */
static void __init em_run_setup(void)
{
	for (em_setup_early = true; ; em_setup_early = false) {
		strscpy(em_cmdline, boot_command_line, sizeof(em_cmdline));
		parse_args("earlymod", em_cmdline, NULL, 0, 0, 0, NULL, em_setup_one);
		if (!em_setup_early)
			break;
	}
}

/* ------------------------------------------------------------------------
 * The platform stage
 */
static size_t em_len __initdata;

static void __printf(1, 2) __init em_say(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	em_len += vscnprintf(em_line + em_len, sizeof(em_line) - em_len, fmt, ap);
	va_end(ap);
}

static void __init em_report_error(const char *what, const struct emld_error *err)
{
	if (err->offset != EMLD_NO_OFFSET)
		pr_warn("%s %s: %s (pack offset 0x%x, %d)\n", what,
			err->entry ? err->entry : "pack", err->msg, err->offset,
			err->err);
	else
		pr_warn("%s %s: %s (%d)\n", what, err->entry ? err->entry : "pack",
			err->msg, err->err);
}

static void __init em_link_pack(void *buf, size_t len)
{
	struct emld_pack *pack = &em_pack;
	struct emld_expect expect = {
		.link_text = (unsigned long)_text - kaslr_offset(),
		.link_percpu_end = (unsigned long)__per_cpu_end,
	};
	struct emld_facts facts;
	struct emld_error err = {};
	const char *sep = "";
	u32 i;
	int n;

	expect.build_id_len = em_build_id(&expect.build_id);
	if (emld_pack_validate(pack, buf, len, &expect, &err)) {
		em_report_error("rejected", &err);
		em_say("pack rejected, nothing linked");
		return;
	}
	for (i = 0; i < pack->nr_entries; i++) {
		err = (struct emld_error){};
		if (emld_entry_validate(pack, i, &err))
			em_report_error("rejected", &err);
	}
	em_facts(&facts);
	n = emld_select(pack, &facts, EARLYMOD_STAGE_PLATFORM, &err);
	if (n < 0) {
		em_report_error("cannot select from", &err);
		em_say("nothing linked");
		return;
	}

	em_init_region = (struct emld_region){
		(unsigned long)em_init_pool, em_init_pool, EM_INIT_SIZE, 0 };
	em_percpu_region = (struct emld_region){
		(unsigned long)&em_percpu_pool,
		(u8 *)per_cpu_ptr(&em_percpu_pool, 0), EM_PERCPU_SIZE, 0 };

	for (i = 0; i < pack->nr_order; i++) {
		struct emld_entry *e = &pack->entries[pack->order[i]];
		struct em_linked *l = &em_linked[em_nr_linked];
		u64 t0 = rdtsc_ordered(), cycles;
		u32 c, bytes = 0;

		err = (struct emld_error){};
		if (em_nr_linked == EM_MAX_LINKED) {
			em_fail(&err, -E2BIG, "too many entries linked");
		} else if (!em_link_entry(e, l, &em_res[em_nr_linked], &err)) {
			cycles = rdtsc_ordered() - t0;
			for (c = 0; c < EARLYMOD_NR_CLASSES; c++)
				bytes += le32_to_cpu(e->classes[c].size);
			em_say("%slinked %s (%u KiB, %u relocs, ", sep, e->name,
			       DIV_ROUND_UP(bytes, 1024), e->nr_relocs);
			/* the TSC may not be calibrated yet this early */
			if (tsc_khz)
				em_say("%llu us)", div_u64(cycles * 1000, tsc_khz));
			else
				em_say("%llu kcycles)", div_u64(cycles, 1000));
			sep = "; ";
			em_nr_linked++;
			continue;
		}
		err.entry = e->name;
		em_report_error("rejected", &err);
		e->decision = EMLD_SKIP;
		strscpy(e->reason, err.msg, sizeof(e->reason));
	}
	em_run_setup();
	for (i = 0; i < pack->nr_entries; i++) {
		struct emld_entry *e = &pack->entries[i];

		if (e->state == EMLD_COMMITTED)
			continue;
		em_say("%sskipped %s (%s)", sep, e->name,
		       e->state == EMLD_REJECTED ? "rejected" :
		       e->decision == EMLD_UNDECIDED ? "not a platform-stage entry" :
		       e->reason);
		sep = "; ";
	}
	if (!*sep)
		em_say("empty pack");
}

void __init earlymod_link_platform(void)
{
	struct earlymod_initrd_pack ip;
	const char *why = NULL;
	unsigned long pack_freed, pool_freed, pool_start;
	int found;

	found = earlymod_find_initrd_pack(&ip, &why);
	if (found < 0)
		pr_warn("initrd: %s; no pack used\n", why);
	if (found <= 0) {
		em_say("no pack");
	} else {
		em_link_pack(ip.pack, ip.len);
	}
	pack_freed = found > 0 ? earlymod_release_initrd_pack(&ip) : 0;

	/* The rest of the core pool goes back before mm_init(). */
	pool_start = PAGE_ALIGN((unsigned long)em_pool + em_pool_used);
	pool_freed = (unsigned long)em_pool + EM_POOL_SIZE - pool_start;
	if (pool_freed)
		memblock_phys_free(__pa_symbol(pool_start), pool_freed);

	pr_info("%s; returned %lu KiB (pack %lu KiB, unused reserve %lu KiB)\n",
		em_line, (pack_freed + pool_freed) >> 10, pack_freed >> 10,
		pool_freed >> 10);
}

/* ------------------------------------------------------------------------
 * Hooks into vmlinux's own table walks
 */

/* Patch the entries as vmlinux patched itself (alternative_instructions()). */
static void __init em_patch_text(void)
{
	u32 i, j;

	for (i = 0; i < em_nr_linked; i++) {
		struct em_linked *l = &em_linked[i];
		static const u8 order[] __initconst = {
			EARLYMOD_SPECIAL_RETPOLINE, EARLYMOD_SPECIAL_RETURN,
			EARLYMOD_SPECIAL_ALTINSTR, EARLYMOD_SPECIAL_IBT_SEAL,
		};
		u32 k;

		for (k = 0; k < ARRAY_SIZE(order); k++) {
			for (j = 0; j < l->nr_tab; j++) {
				struct em_table *t = &l->tab[j];
				void *end = t->start + t->size;

				if (t->kind != order[k])
					continue;
				if (t->kind == EARLYMOD_SPECIAL_RETPOLINE)
					apply_retpolines(t->start, end);
				else if (t->kind == EARLYMOD_SPECIAL_RETURN)
					apply_returns(t->start, end);
				else if (t->kind == EARLYMOD_SPECIAL_ALTINSTR)
					apply_alternatives(t->start, end);
				else	/* fixup targets taken out: em_seal_prepare() */
					apply_ibt_endbr(t->start, end);
			}
		}
	}
}

void __init earlymod_run_initcalls(int level)
{
	int want;
	u32 i, j;

	if (!em_patched) {
		/* the first hook runs after alternative_instructions() */
		em_patched = true;
		em_patch_text();
	}
	if (level == EARLYMOD_HOOK_EARLY_INITCALLS)
		want = EARLYMOD_INITCALL_EARLY;
	else if (level >= 1 && level <= 7)
		want = level;
	else
		return;		/* pure_initcall: no entry has any */

	for (;;) {
		for (i = 0; i < em_nr_linked; i++) {
			struct em_linked *l = &em_linked[i];

			for (j = 0; j < l->nr_tab; j++) {
				struct em_table *t = &l->tab[j];
				initcall_entry_t *p = t->start;
				initcall_entry_t *end = t->start + t->size;

				if (t->kind != EARLYMOD_SPECIAL_INITCALL ||
				    t->arg != want)
					continue;
				for (; p < end; p++)
					do_one_initcall(initcall_from_entry(p));
			}
		}
		/* rootfs_initcall runs at the end of level 5 (fs) */
		if (want != 5)
			break;
		want = EARLYMOD_INITCALL_ROOTFS;
	}
}

const struct exception_table_entry *earlymod_search_extables(unsigned long addr)
{
	const struct exception_table_entry *e;
	u32 i;

	for (i = 0; i < em_nr_linked; i++) {
		if (!em_res[i].nr_ex)
			continue;
		e = search_extable(em_res[i].ex, em_res[i].nr_ex, addr);
		if (e)
			return e;
	}
	return NULL;
}

static unsigned long em_bug_addr(const struct bug_entry *bug)
{
#ifdef CONFIG_GENERIC_BUG_RELATIVE_POINTERS
	return (unsigned long)&bug->bug_addr_disp + bug->bug_addr_disp;
#else
	return bug->bug_addr;
#endif
}

struct bug_entry *earlymod_find_bug(unsigned long bugaddr)
{
	u32 i, j;

	for (i = 0; i < em_nr_linked; i++)
		for (j = 0; j < em_res[i].nr_bug; j++)
			if (em_bug_addr(&em_res[i].bug[j]) == bugaddr)
				return &em_res[i].bug[j];
	return NULL;
}

void earlymod_pci_fixup_device(int pass, struct pci_dev *dev,
			       earlymod_pci_do_fixups_t do_fixups)
{
	u32 i, j;

	for (i = 0; i < em_nr_linked; i++) {
		for (j = 0; j < em_res[i].nr_pci; j++) {
			struct em_table *t = &em_res[i].pci[j];

			if (t->arg == pass)
				do_fixups(dev, t->start, t->start + t->size);
		}
	}
}

/* The linked entry whose text holds @addr (init text until it is freed). */
static notrace const struct em_resident *em_text_owner(unsigned long addr)
{
	u32 i;

	for (i = 0; i < em_nr_linked; i++) {
		const struct em_resident *r = &em_res[i];
		const struct module_layout *m = &r->mod->core_layout;

		if (addr - (unsigned long)m->base < m->text_size)
			return r;
		if (system_state < SYSTEM_FREEING_INITMEM &&
		    addr >= r->init_text && addr < r->init_text_end)
			return r;
	}
	return NULL;
}

int notrace earlymod_core_text(unsigned long addr)
{
	return em_text_owner(addr) != NULL;
}

struct jump_entry *earlymod_jump_entries_stop(struct jump_entry *entry,
					      struct jump_entry *stop)
{
	u32 i;

	for (i = 0; i < em_nr_linked; i++)
		if (entry >= em_res[i].jump && entry < em_res[i].jump_end)
			return em_res[i].jump_end;
	return stop;
}

struct module *earlymod_orc_module(unsigned long ip)
{
	const struct em_resident *r = em_text_owner(ip);

	return r && r->mod->arch.num_orcs ? r->mod : NULL;
}

void earlymod_mark_ro(void)
{
	u32 i;

	for (i = 0; i < em_nr_linked; i++) {
		const struct module_layout *m = &em_res[i].mod->core_layout;
		unsigned long base = (unsigned long)m->base;

		/* as module_enable_ro() and module_enable_x(); data stays NX */
		if (m->ro_after_init_size)
			set_memory_ro(base, m->ro_after_init_size >> PAGE_SHIFT);
		if (m->text_size)
			set_memory_x(base, m->text_size >> PAGE_SHIFT);
	}
}

/* earlymod= is read by earlymod_link_platform(); keep it from init's env */
static int __init em_param(char *s)
{
	return 1;
}
__setup("earlymod=", em_param);
