/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * earlymod glue: what its files share.  One file per job, in the order an
 * entry meets them:
 *
 *   stage.c   the hypervisor and platform stages: find the pack, validate,
 *             select, link each chosen entry, report one line, give back
 *             what is not used
 *   facts.c   what the machine has, as the selection rules see it
 *   link.c    one entry: its memory in the pools, the loader's steps, the
 *             vmlinux sites, and the tables it carries checked
 *   module.c  the entry as a module: struct module, kallsyms, its sections
 *             handed to kernel/module/earlymod.c; protections at the end
 *   tables.c  what vmlinux walks and a module has no place for: initcalls,
 *             early params and __setup, PCI fixups
 */
#ifndef _EARLYMOD_INTERNAL_H
#define _EARLYMOD_INTERNAL_H

#include <linux/earlymod.h>
#include <linux/init.h>
#include <linux/types.h>
#include "../loader/loader.h"

#define EM_MAX_LINKED	8	/* entries linked in one boot */
#define EM_MAX_TABLES	24	/* special tables per entry */
#define EM_MAX_PCI	4	/* PCI fixup tables per entry */

struct module;
struct emld_facts;

/* A special table of a linked entry, at its final address. */
struct em_table {
	u8 kind;
	u8 arg;
	u32 size;
	void *start;
};

/* A linked entry, from its link until init memory is freed. */
struct em_linked {
	struct emld_entry *e;
	struct module *mod;		/* in the entry's core memory */
	struct em_table tab[EM_MAX_TABLES];
	u32 nr_tab;
	/* its sections, as kernel/module/earlymod.c is handed them */
	struct earlymod_section sec[EARLYMOD_MAX_SECTIONS];
	u32 nr_sec;
	bool sysfs;			/* /sys/module/NAME made */
	bool sealed;			/* vmlinux's seal vouches for it */
	/* an entry with an exit function: room for its sites, and the exit */
	struct em_site *sites;
	u32 nr_sites;
	exitcall_t exit;
};

/*
 * A vmlinux site that refers to an entry, as it was before the link: what
 * unloading the entry writes back (module.c).  @insn: the site is the rel32
 * of a CALL or JMP that starts one byte before it.
 */
struct em_site {
	unsigned long addr;
	u8 len;
	u8 insn;
	u8 bytes[8];
};

/* What stays after boot: the tables vmlinux may walk at any time. */
struct em_resident {
	struct module *mod;
	struct em_table pci[EM_MAX_PCI];
	u32 nr_pci;
	struct em_site *sites;		/* an unloadable entry's, in its memory */
	u32 nr_sites;
};

extern struct em_linked em_linked[EM_MAX_LINKED];
extern struct em_resident em_res[EM_MAX_LINKED];
extern u32 em_nr_linked;

/* facts.c */
/* what is known at @stage (EARLYMOD_STAGE_*) */
void em_facts(struct emld_facts *f, u32 stage);
u32 em_build_id(const u8 **id);

/* link.c */
void em_link_init(void);
int em_link_entry(struct emld_entry *e, struct em_linked *l,
		  struct em_resident *r, struct emld_error *err);
unsigned long em_link_release(void);
void *em_init_alloc(u32 size);
int em_fail(struct emld_error *err, int code, const char *msg);

/* module.c */
u32 em_module_size(const struct emld_entry *e);
struct module_layout;
int em_module_prepare(struct em_linked *l, void *at,
		      const struct module_layout *core, struct emld_error *err);
int em_module_add(struct em_linked *l, struct emld_error *err);
void em_module_sites(struct em_linked *l);
void em_module_coming(struct em_linked *l);
void em_module_sysfs(struct em_linked *l);
void em_module_live(struct em_linked *l);

/* tables.c */
/* the early params, then __setup, of entries em_linked[@first] on */
void em_run_setup(u32 first);

#endif /* _EARLYMOD_INTERNAL_H */
