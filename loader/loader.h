/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The earlymod linker's API, shared by the kernel
 * (earlymod/), the host tool (mkearlymod verify) and the host tests.
 *
 * The steps, in the order a caller runs them:
 *
 *   emld_pack_validate()   header, entry table, build-id   (bad: whole pack)
 *   emld_entry_validate()  one entry body, every record    (bad: that entry)
 *   emld_select()          rules, earlymod=, groups, deps -> LINK or SKIP
 *   for each entry in pack->order (dependencies first):
 *     emld_layout()          place the classes into caller regions
 *     emld_relocate()        copy IMAGE, zero the rest, apply RELOCS
 *     emld_fixups_prepare()  check every vmlinux site; writes nothing
 *     emld_fixups_commit()   patch the vmlinux sites; cannot fail
 *
 * Up to and including emld_fixups_prepare() nothing outside the entry's own
 * memory is written, so an entry that fails any step can be dropped
 * (emld_layout_undo() gives its space back) and the kernel boots as if the
 * entry were absent.
 *
 * Every function that can fail returns 0 (or a count) or -errno and fills
 * struct emld_error with a static message, the byte offset in the pack the
 * message is about, and the entry name.  The messages are the same words on
 * the host and in the kernel.
 *
 * struct emld_pack is large (it holds the state of every entry): callers
 * allocate it statically (kernel: __initdata) or on the heap (host).
 */
#ifndef _EARLYMOD_LOADER_H
#define _EARLYMOD_LOADER_H

#include <linux/types.h>
#ifndef __KERNEL__
#include <stddef.h>
#endif
#include <linux/earlymod.h>

/* -------------------------------------------------------------------------
 * Errors
 */
#define EMLD_NO_OFFSET	0xffffffffU	/* the error is not about a pack byte */

struct emld_error {
	int err;		/* -errno; 0: no error */
	const char *msg;	/* static string, no trailing newline */
	__u32 offset;		/* byte offset into the pack, or EMLD_NO_OFFSET */
	const char *entry;	/* entry name, or NULL when not known */
};

/* -------------------------------------------------------------------------
 * Validation
 */

/* What the running kernel expects of the pack.  Zero/NULL fields: no check. */
struct emld_expect {
	const __u8 *build_id;	/* GNU build-id of the running vmlinux */
	__u32 build_id_len;
	__u64 link_text;	/* link-time address of _text */
	__u64 link_percpu_end;	/* __per_cpu_end - __per_cpu_start */
};

/* Entry states, in the order the steps move an entry through them. */
enum emld_state {
	EMLD_UNCHECKED = 0,	/* pack validated, entry not yet */
	EMLD_REJECTED,		/* emld_entry_validate() failed */
	EMLD_VALID,
	EMLD_LAID_OUT,
	EMLD_RELOCATED,
	EMLD_PREPARED,
	EMLD_COMMITTED,
};

/* Select decisions. */
enum emld_decision {
	EMLD_UNDECIDED = 0,	/* not looked at (a later stage) */
	EMLD_LINK,
	EMLD_SKIP,
};

#define EMLD_REASON_LEN		112
#define EMLD_MAX_UNKNOWN	8

/* A caller memory region that classes are laid out into. */
struct emld_region {
	__u64 addr;	/* runtime address of byte 0 (per-CPU: zero-based offset) */
	__u8 *ptr;	/* where byte 0 is written (per-CPU: into the template) */
	__u32 size;	/* bytes */
	__u32 used;	/* bytes handed out so far; layout advances it */
};

struct emld_pack;

struct emld_entry {
	struct emld_pack *pack;
	__u32 index;			/* in the entry table */
	const char *name;		/* NUL-terminated, in the pack */
	enum emld_state state;

	/* Filled by emld_entry_validate(); pointers into the pack. */
	__u32 offset;			/* of the body in the pack */
	__u32 size;			/* of the body */
	const struct earlymod_info *info;
	const struct earlymod_dep *deps;
	__u32 nr_deps;
	const struct earlymod_rule *rules;
	__u32 nr_rules;
	const struct earlymod_class *classes;	/* EARLYMOD_NR_CLASSES */
	const __u8 *image;
	__u32 image_size;
	const struct earlymod_reloc *relocs;
	__u32 nr_relocs;
	const struct earlymod_fixup *fixups;
	__u32 nr_fixups;
	const struct earlymod_special *specials;
	__u32 nr_specials;
	const struct earlymod_sym *syms;
	__u32 nr_syms;
	const char *strtab;
	__u32 strtab_size;
	/* pack offset of each item's payload, 0 when the item is absent */
	__u32 item_offset[EARLYMOD_ITEM_MAX];
	/* entry-table index of each dependency */
	__u8 dep[EARLYMOD_MAX_DEPS];

	/* Filled by emld_select(). */
	enum emld_decision decision;
	char reason[EMLD_REASON_LEN];	/* "no ACPI DMAR table", ... */

	/* Filled by emld_layout() and emld_relocate(). */
	__u64 base[EARLYMOD_NR_CLASSES];	/* runtime address (per-CPU offset) */
	__u8 *mem[EARLYMOD_NR_CLASSES];		/* where the class is written */
	struct emld_region *region[EARLYMOD_NR_CLASSES];
	__u32 region_used[EARLYMOD_NR_CLASSES];	/* region->used before layout */
	__u32 region_end[EARLYMOD_NR_CLASSES];	/* region->used after layout */
	__u64 kaslr_offset;
};

/* A word of earlymod= that names no entry (not NUL-terminated). */
struct emld_token {
	const char *s;
	__u32 len;
};

struct emld_pack {
	const __u8 *base;
	__u32 size;			/* total_size */
	const struct earlymod_pack_header *hdr;
	const struct earlymod_entry_desc *desc;
	__u32 nr_entries;
	struct emld_entry entries[EARLYMOD_MAX_ENTRIES];

	/* Filled by emld_select(): the entries to link, dependencies first. */
	__u8 order[EARLYMOD_MAX_ENTRIES];
	__u32 nr_order;
	/* earlymod= words that name no entry: nr_unknown counts all of them */
	struct emld_token unknown[EMLD_MAX_UNKNOWN];
	__u32 nr_unknown;
};

/*
 * Check the pack header, the entry table and the bytes after the pack, and
 * set up @pack (every entry EMLD_UNCHECKED).  @buf must be 8-byte aligned
 * and stay in place while @pack is used.  @expect may be NULL.
 */
int emld_pack_validate(struct emld_pack *pack, const void *buf, size_t len,
		       const struct emld_expect *expect,
		       struct emld_error *err);

/* Check entry @idx's body.  0: EMLD_VALID; else EMLD_REJECTED. */
int emld_entry_validate(struct emld_pack *pack, __u32 idx,
			struct emld_error *err);

/*
 * The pack moved: it was validated at one address and is now at @base (the
 * same bytes: the initrd was moved, or the same memory is seen through
 * another mapping).  Points everything @pack holds into it there.
 */
void emld_pack_rebase(struct emld_pack *pack, const void *base);

/* -------------------------------------------------------------------------
 * Select
 */

/* What the machine has.  NULL/0 fields: unknown, i.e. absent. */
struct emld_facts {
	const char *cpu_vendor;		/* CPUID 0, e.g. "GenuineIntel" */
	/*
	 * Hypervisor signatures, NULL-terminated, lowest leaf first: each
	 * CPUID 0x40000000 + 0x100 * n that names one ("Microsoft Hv", then
	 * "KVMKVMKVM" for KVM with Hyper-V's interface), as the kernel's
	 * hypervisor_cpuid_base() looks for them.  NULL or empty: bare metal.
	 */
	const char *const *hypervisors;
	const char *dmi[EARLYMOD_DMI_MAX];	/* by EARLYMOD_DMI_* */
	/* ACPI tables: the callback if set, else the list */
	int (*acpi_present)(void *ctx, const char *sig);	/* 4 chars */
	const char *acpi_tables;	/* "DMARAPIC...": 4 chars each */
	/* PCI devices: the callback if set, else the list */
	int (*pci_present)(void *ctx, __u16 vendor, __u16 device);
	const __u32 *pci_ids;		/* vendor | device << 16 */
	__u32 nr_pci_ids;
	void *ctx;
	const char *cmdline;		/* the value of earlymod=, or NULL */
	/* the Xen domain kind (EARLYMOD_XEN_DOMAINS), or NULL: no Xen guest */
	const char *xen_domain;
	int xen_dom0;			/* it is the initial domain */
};

/*
 * Decide LINK or SKIP for every entry of @stage (EARLYMOD_STAGE_*; 0 = all
 * stages, in stage order), with a reason in entry->reason.  Entries of
 * earlier stages keep their decisions; entries of later stages stay
 * EMLD_UNDECIDED.  Fills pack->order with this call's LINK entries,
 * dependencies first.  Returns their number or -errno.
 */
int emld_select(struct emld_pack *pack, const struct emld_facts *facts,
		__u32 stage, struct emld_error *err);

/* -------------------------------------------------------------------------
 * Link
 */

/*
 * Place each class in regions[class] (several classes may share a region;
 * a NULL region is allowed for classes of size 0), honouring the class
 * alignment.  Records entry->base/mem.  On failure no region changes.
 */
int emld_layout(struct emld_entry *e,
		struct emld_region *const regions[EARLYMOD_NR_CLASSES],
		struct emld_error *err);

/* Give the space back, where nothing was laid out after it. */
void emld_layout_undo(struct emld_entry *e);

/*
 * Copy the IMAGE bytes of each class, zero the rest, apply the relocations.
 * Dependencies must be laid out first.  Writes only the entry's memory.
 */
int emld_relocate(struct emld_entry *e, __u64 kaslr_offset,
		  struct emld_error *err);

/* Writable vmlinux, as the fixups see it (runtime addresses). */
struct emld_range {
	__u64 addr;
	__u64 size;
	__u8 *ptr;		/* where byte 0 of the range can be read/written */
};

struct emld_vmlinux {
	/* the map callback if set, else the range list */
	__u8 *(*map)(void *ctx, __u64 addr, __u32 len);	/* NULL: not allowed */
	const struct emld_range *ranges;
	__u32 nr_ranges;
	/* how commit writes a site (text_poke_early); NULL: plain copy */
	void (*write)(void *ctx, __u8 *dst, const void *src, __u32 len);
	void *ctx;
	/*
	 * vmlinux's seal (checked by emld_seal_validate()): a fixup whose site
	 * it does not record is refused.  NULL: no such check (a host tool
	 * with a vmlinux that was never sealed).
	 */
	const struct earlymod_seal *seal;
};

/*
 * Check every fixup: the seal records the site, the site lies in a
 * declared range, holds the expected fallback reference, and the new value
 * fits.  Writes nothing.
 */
int emld_fixups_prepare(struct emld_entry *e, const struct emld_vmlinux *vm,
			struct emld_error *err);

/* Patch the sites checked by emld_fixups_prepare().  Cannot fail. */
void emld_fixups_commit(struct emld_entry *e, const struct emld_vmlinux *vm);

/* -------------------------------------------------------------------------
 * What the relocated special tables point at
 *
 * A table the kernel walks may name only the entry's own memory of the
 * right kind: its text, or its init text for what runs during boot only;
 * nothing a pack says may make the kernel call, patch or export vmlinux,
 * another entry, or memory that is freed after boot.  The record layouts
 * are the kernel's (struct exception_table_entry, jump_entry, ...), so the
 * caller describes them; the loader checks them.
 */
#define EMLD_TO(c)		(1u << EARLYMOD_CLASS_##c)
#define EMLD_TO_ANY_TEXT	(EMLD_TO(TEXT) | EMLD_TO(INIT_TEXT))
#define EMLD_TO_CORE		(EMLD_TO(TEXT) | EMLD_TO(RODATA) |	\
				 EMLD_TO(RO_AFTER_INIT) | EMLD_TO(DATA) | \
				 EMLD_TO(BSS))
/* what an export may name: core memory, or (EXPORT_PER_CPU_SYMBOL) the
 * entry's per-CPU data, by its offset in the per-CPU area as vmlinux's */
#define EMLD_TO_EXPORT		(EMLD_TO_CORE | EMLD_TO(PERCPU))

/* One field of a record that holds an address. */
struct emld_field {
	__u16 offset;		/* in the record */
	__u8 rel;		/* 1: s32 relative to the field; 0: absolute u64 */
	__u8 end_ok;		/* may name the end of a class (a label after
				 * the last instruction) */
	__u16 where;		/* EMLD_TO_* classes the address may lie in */
	__u16 if_nonzero;	/* 0, or 1 + offset of a u8 of the record:
				 * checked only when that byte is not 0 */
	__u16 len_at;		/* 0, or 1 + offset of a u8 of the record: the
				 * field names that many bytes, all of them
				 * in the same class (a site the kernel
				 * patches) */
};

#define EMLD_MAX_FIELDS	2

/* The kernel's record of one kind of special table, and its fields. */
struct emld_table_layout {
	__u32 kind;		/* EARLYMOD_SPECIAL_* */
	__u32 rec;		/* record size */
	const char *msg;	/* the reason when a field points elsewhere */
	__u32 nr_fields;
	struct emld_field field[EMLD_MAX_FIELDS];
};

/*
 * After emld_relocate(): check every field of every record of the entry's
 * special table @s (one of e->specials) laid out as @l.  NULL when all hold,
 * else @l->msg.  A table that is not a whole number of records, or that
 * lies outside its class, is refused too.
 */
const char *emld_check_contents(const struct emld_entry *e,
				const struct earlymod_special *s,
				const struct emld_table_layout *l);

/* -------------------------------------------------------------------------
 * The seal (struct earlymod_seal)
 */

/* Check the seal vmlinux carries; an all-zero seal (never sealed) is valid. */
int emld_seal_validate(const struct earlymod_seal *seal,
		       struct emld_error *err);
/* 1 if the seal vouches for an entry of this digest, else 0. */
int emld_seal_has_digest(const struct earlymod_seal *seal,
			 const __u8 digest[EARLYMOD_DIGEST_LEN]);
/* 1 if the seal records @f's site, with its old value and type, else 0. */
int emld_seal_has_site(const struct earlymod_seal *seal,
		       const struct earlymod_fixup *f);

/* -------------------------------------------------------------------------
 * Names, from the X-macros of <linux/earlymod.h> ("?" when unknown)
 */
const char *emld_item_name(__u32 type);
const char *emld_stage_name(__u32 stage);
const char *emld_rule_name(__u32 type);
const char *emld_dmi_name(__u32 field);
const char *emld_class_name(__u32 class_id);
const char *emld_reloc_name(__u32 type);
const char *emld_target_name(__u32 target);
const char *emld_special_name(__u32 kind);
/* Bytes a relocation type writes; 0 when the type is unknown. */
__u32 emld_reloc_width(__u32 type);

#endif /* _EARLYMOD_LOADER_H */
