// SPDX-License-Identifier: GPL-2.0-only
/*
 * Modules that were linked before the module loader could run: the entries
 * of an earlymod pack (earlymod/), placed and relocated by the early linker
 * inside the kernel image before mm_init().
 *
 * Such a module has no ELF image left; the early linker describes it by its
 * sections at their final addresses (struct earlymod_section), named as the
 * sections of a .ko are, and this file turns that list into the section
 * table load_module() works from.  The module code then does for it what it
 * does for a loaded module, with its own functions and in its own order:
 *
 *   module_early_add()     find_module_sections(), verify_exported_symbols(),
 *                          sort_extable(), the bug table, ORC, on the
 *                          module list and in the tree:
 *                          from here every address lookup (kallsyms,
 *                          exception and bug tables, unwinder, text checks)
 *                          finds it.  State COMING.  Runs before mm_init(),
 *                          so nothing here allocates.
 *   module_early_coming()  module_finalize() (alternatives, retpolines,
 *                          return thunks, IBT seal), then the COMING
 *                          notifiers (jump labels, static calls): needs slab
 *                          and the CPU features of alternative_instructions().
 *   module_early_sysfs()   /sys/module/NAME, once param_sysfs_init() made the
 *                          module kset.
 *   module_early_live()    after its last initcall: LIVE, the init part
 *                          dropped as do_init_module() drops it.
 *   module_early_protect() from mark_rodata_ro(), once the image past _etext
 *                          is NX: the protections complete_formation() and
 *                          do_init_module() give a module.
 *
 * Unloading is delete_module()'s, with two calls of its own: before the
 * exit, module_early_going() lets the early linker point vmlinux back at
 * the fallbacks; free_module() gives the pages back through
 * module_early_free() instead of module_memfree().
 *
 * Before any of it, module_early_sig_check() applies to an entry that no
 * signature vouches for the rules the module code applies to an unsigned
 * module (module_sig_check()), and module_early_add() taints as it does.
 *
 * What stays different from a loaded module: the memory is the kernel
 * image's, not module_alloc()'s, and the module's initcalls run at their
 * initcall levels, as built-in code's do, so mod->init is only a marker.
 */
#define pr_fmt(fmt) "earlymod: " fmt

#include <linux/bug.h>
#include <linux/earlymod.h>
#include <linux/elf.h>
#include <linux/extable.h>
#include <linux/init.h>
#include <linux/kobject.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/moduleloader.h>
#include <linux/notifier.h>
#include <linux/security.h>
#include <linux/string.h>
#include <asm/sections.h>
#include <asm/setup.h>
#include <asm/unwind.h>
#include "internal.h"

/* The section table of one module, rebuilt for each step (all at boot). */
static struct {
	Elf_Ehdr hdr;
	Elf_Shdr shdr[EARLYMOD_MAX_SECTIONS + 2];	/* null, ..., .shstrtab */
	char strings[EARLYMOD_MAX_SECTIONS * 32];
} me_elf __initdata;
static struct load_info me_info __initdata;

static int __init me_build(struct module *mod, const struct earlymod_section *s,
			   unsigned int n)
{
	unsigned int i, len = 1, str;

	if (n > EARLYMOD_MAX_SECTIONS)
		return -E2BIG;
	memset(&me_elf, 0, sizeof(me_elf));
	for (i = 0; i <= n; i++) {
		const char *name = i < n ? s[i].name : ".shstrtab";
		size_t l = strlen(name) + 1;
		Elf_Shdr *sh = &me_elf.shdr[i + 1];

		if (l > sizeof(me_elf.strings) - len)
			return -E2BIG;
		memcpy(me_elf.strings + len, name, l);
		sh->sh_name = len;
		len += l;
		if (i == n)
			break;
		sh->sh_type = s[i].nobits ? SHT_NOBITS : SHT_PROGBITS;
		sh->sh_flags = s[i].flags;
		sh->sh_addr = s[i].addr;
		sh->sh_size = s[i].size;
	}
	str = n + 1;
	me_elf.shdr[str].sh_type = SHT_STRTAB;
	me_elf.shdr[str].sh_offset = offsetof(typeof(me_elf), strings);
	me_elf.shdr[str].sh_size = len;
	me_elf.hdr.e_shnum = n + 2;
	me_elf.hdr.e_shstrndx = str;
	me_elf.hdr.e_shentsize = sizeof(Elf_Shdr);
	me_elf.hdr.e_shoff = offsetof(typeof(me_elf), shdr);

	memset(&me_info, 0, sizeof(me_info));
	me_info.name = mod->name;
	me_info.mod = mod;
	me_info.hdr = &me_elf.hdr;
	me_info.len = sizeof(me_elf);
	me_info.sechdrs = me_elf.shdr;
	me_info.secstrings = me_elf.strings;
	return 0;
}

static const Elf_Shdr *__init me_sec(const char *name)
{
	unsigned int i;

	for (i = 1; i < me_elf.hdr.e_shnum; i++)
		if (!strcmp(me_elf.strings + me_elf.shdr[i].sh_name, name))
			return &me_elf.shdr[i];
	return NULL;
}

/*
 * The entry's initcalls run at their levels (earlymod_run_initcalls()), not
 * through mod->init.  mod->init is set so that, as for a loaded module with
 * an init and no exit, a module without mod->exit is [permanent]:
 * delete_module() refuses it with -EBUSY.
 */
static int module_early_init(void)
{
	return 0;
}

/*
 * May a module that no signature vouches for be linked?  The answer
 * module_sig_check() gives for an unsigned module: no when signatures are
 * enforced (CONFIG_MODULE_SIG_FORCE, or module.sig_enforce on the command
 * line: its module_param is parsed only after setup_arch(), so the command
 * line is read here) or when the kernel is locked down (lockdown=, UEFI
 * Secure Boot with CONFIG_LOCK_DOWN_IN_EFI_SECURE_BOOT); yes otherwise, and
 * the module taints the kernel.  Without CONFIG_MODULE_SIG the kernel has no
 * rule for unsigned modules, and neither has this.  0, or -errno and @why.
 */
static char me_cmdline[COMMAND_LINE_SIZE] __initdata;
static bool me_sig_enforce __initdata;

static int __init me_sig_param(char *param, char *val, const char *unused,
			       void *arg)
{
	bool on = true;

	/* bool_enable_only, as its module_param: "=0" cannot turn it off */
	if (!strcmp(param, "module.sig_enforce") && (!val || !kstrtobool(val, &on)))
		me_sig_enforce |= on;
	return 0;
}

int __init module_early_sig_check(const char **why)
{
	int err;

	if (!IS_ENABLED(CONFIG_MODULE_SIG))
		return 0;
	strscpy(me_cmdline, boot_command_line, sizeof(me_cmdline));
	parse_args("module.sig_enforce", me_cmdline, NULL, 0, 0, 0, NULL,
		   me_sig_param);
	if (is_module_sig_enforced() || me_sig_enforce) {
		*why = "module signatures are enforced (CONFIG_MODULE_SIG_FORCE, module.sig_enforce)";
		return -EKEYREJECTED;
	}
	err = security_locked_down(LOCKDOWN_MODULE_SIGNATURE);
	if (err)
		*why = "the kernel is locked down (lockdown=, UEFI Secure Boot)";
	return err;
}

int __init module_early_add(struct module *mod, const struct earlymod_section *s,
			    unsigned int n, bool sig_ok)
{
	const Elf_Shdr *orc, *orc_ip;
	int err;

	err = me_build(mod, s, n);
	if (err)
		return err;

	mutex_lock(&module_mutex);
	if (find_module_all(mod->name, strlen(mod->name), true)) {
		err = -EEXIST;
		goto out;
	}
	mod->state = MODULE_STATE_UNFORMED;
	err = find_module_sections(mod, &me_info);
	if (err)
		goto out;
	/* as complete_formation(): no symbol exported twice (-ENOEXEC) */
	err = verify_exported_symbols(mod);
	if (err)
		goto out;
	module_unload_init(mod);
	init_param_lock(mod);
	mod->init = module_early_init;

	/*
	 * What post_relocation() does, all but module_finalize(): that one
	 * patches text for the CPU features, known by module_early_coming().
	 */
	sort_extable(mod->extable, mod->extable + mod->num_exentries);
	orc = me_sec(".orc_unwind");
	orc_ip = me_sec(".orc_unwind_ip");
	if (orc && orc_ip)
		unwind_module_init(mod, (void *)orc_ip->sh_addr, orc_ip->sh_size,
				   (void *)orc->sh_addr, orc->sh_size);

	/* what add_unformed_module() and complete_formation() do */
	mod_update_bounds(mod);
	list_add_rcu(&mod->list, &modules);
	mod_tree_insert(mod);
	module_bug_finalize(me_info.hdr, me_info.sechdrs, mod);
#ifdef CONFIG_MODULE_SIG
	/* what load_module() does for a module without a valid signature */
	mod->sig_ok = sig_ok;
	if (!sig_ok) {
		pr_notice("%s: vmlinux's seal does not vouch for the entry - tainting kernel\n",
			  mod->name);
		add_taint(TAINT_UNSIGNED_MODULE, LOCKDEP_STILL_OK);
		set_bit(TAINT_UNSIGNED_MODULE, &mod->taints);
	}
#endif
	mod->state = MODULE_STATE_COMING;
out:
	mutex_unlock(&module_mutex);
	return err;
}

int __init module_early_coming(struct module *mod,
			       const struct earlymod_section *s, unsigned int n)
{
	int err;

	err = me_build(mod, s, n);
	if (!err)
		err = module_finalize(me_info.hdr, me_info.sechdrs, mod);
	if (!err)
		err = prepare_coming_module(mod);
	return err;
}

int __init module_early_sysfs(struct module *mod,
			      const struct earlymod_section *s, unsigned int n)
{
	int err;

	err = me_build(mod, s, n);
	if (!err)
		err = mod_sysfs_setup(mod, &me_info, mod->kp, mod->num_kp);
	return err;
}

/* The entry's last initcall has run: what do_init_module() does after init. */
void __init module_early_live(struct module *mod, bool sysfs)
{
	mod->state = MODULE_STATE_LIVE;
	blocking_notifier_call_chain(&module_notify_list, MODULE_STATE_LIVE, mod);
	if (sysfs)
		kobject_uevent(&mod->mkobj.kobj, KOBJ_ADD);

	mutex_lock(&module_mutex);
	module_put(mod);	/* the reference module_unload_init() took */
	trim_init_extable(mod);
#ifdef CONFIG_KALLSYMS
	/* the early linker set both tables up: kallsyms may be walking */
	rcu_assign_pointer(mod->kallsyms, &mod->core_kallsyms);
#endif
	mod_tree_remove_init(mod);
	mod->init_layout.base = NULL;
	mod->init_layout.size = 0;
	mod->init_layout.ro_size = 0;
	mod->init_layout.ro_after_init_size = 0;
	mod->init_layout.text_size = 0;
	mutex_unlock(&module_mutex);
	/* its init memory is the kernel's: free_initmem() gives it back */
}

void module_early_protect(struct module *mod)
{
	module_enable_ro(mod, true);
	module_enable_nx(mod);
	module_enable_x(mod);
}

/* Modules the early linker placed live inside the image, loaded ones never. */
static bool me_is_early(const struct module *mod)
{
	return __is_kernel((unsigned long)mod->core_layout.base);
}

/* delete_module(), before the exit: the early linker undoes its links. */
void module_early_going(struct module *mod)
{
	if (me_is_early(mod))
		earlymod_module_going(mod);
}

/* free_module(), in place of module_memfree(): the image's pages go back. */
bool module_early_free(struct module *mod)
{
	if (!me_is_early(mod))
		return false;
	earlymod_module_free(mod);
	return true;
}
