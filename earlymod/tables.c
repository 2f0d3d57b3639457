// SPDX-License-Identifier: GPL-2.0-only
/*
 * earlymod: the tables of a linked entry that vmlinux walks over its own
 * (and a loaded module has no place for): initcalls after each vmlinux
 * initcall level (hook in init/main.c), early params and __setup over the
 * boot command line, PCI fixups from pci_fixup_device().  The module steps
 * of module.c hang on the same initcall levels.
 */
#define pr_fmt(fmt) "earlymod: " fmt

#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/moduleparam.h>
#include <linux/pci.h>
#include <linux/string.h>
#include <asm/setup.h>
#include "internal.h"

static char em_cmdline[COMMAND_LINE_SIZE] __initdata;

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
static u32 em_setup_from __initdata;	/* entries linked by this stage */

static int __init em_setup_one(char *param, char *val, const char *doing,
			       void *arg)
{
	const struct obs_kernel_param *p;
	u32 i, tab;

	/* __setup("foo=") sees "foo=value": undo parse_args' split */
	if (!em_setup_early && val && val == param + strlen(param) + 1)
		val[-1] = '=';
	for (i = em_setup_from; i < em_nr_linked; i++) {
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
void __init em_run_setup(u32 first)
{
	em_setup_from = first;
	for (em_setup_early = true; ; em_setup_early = false) {
		strscpy(em_cmdline, boot_command_line, sizeof(em_cmdline));
		parse_args("earlymod", em_cmdline, NULL, 0, 0, 0, NULL, em_setup_one);
		if (!em_setup_early)
			break;
	}
}

/* ------------------------------------------------------------------------
 * Initcalls
 */
/*
 * After each initcall level of vmlinux: the module steps that need what
 * the level made (tables.c is where the boot's order is), then the
 * entries' own initcalls of that level.
 */
void __init earlymod_run_initcalls(int level)
{
	int want;
	u32 i, j;

	if (level == EARLYMOD_HOOK_EARLY_INITCALLS) {
		/* after alternative_instructions(), slab up, notifiers in */
		for (i = 0; i < em_nr_linked; i++)
			em_module_coming(&em_linked[i]);
		want = EARLYMOD_INITCALL_EARLY;
	} else if (level >= 1 && level <= 7) {
		want = level;
	} else {
		return;		/* pure_initcall: no entry has any */
	}
	/* param_sysfs_init(), a subsys_initcall, made the module kset */
	if (level == 4)
		for (i = 0; i < em_nr_linked; i++)
			em_module_sysfs(&em_linked[i]);

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
	/* the last initcall of every entry has run */
	if (level == 7)
		for (i = 0; i < em_nr_linked; i++)
			em_module_live(&em_linked[i]);
}

/* ------------------------------------------------------------------------
 * PCI fixups, at every pass, for every device (also after boot)
 */
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

/* earlymod= is read by earlymod_link_platform(); keep it from init's env */
static int __init em_param(char *s)
{
	return 1;
}
__setup("earlymod=", em_param);
