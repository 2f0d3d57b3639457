/* SPDX-License-Identifier: GPL-2.0 */
/*
 * earlymod: the pack format, defined once for the kernel and for host tools.
 *
 * A pack carries pre-linked early modules ("entries") for exactly one vmlinux.
 * The bootloader hands it over as a member of an uncompressed newc cpio
 * archive at the front of the initrd (EARLYMOD_CPIO_PATH).
 *
 * Rules (docs/pack-format.md says the same at more length):
 *
 *  - All integers are fixed-width little-endian.  All structures have explicit
 *    reserved fields, which a writer sets to zero and a reader rejects when
 *    they are not zero.  Every offset is relative to the start of the object
 *    it belongs to (the pack, the entry body, an item's payload, a class).
 *    Entry bodies (in the pack) and items (in a body) start at multiples of
 *    EARLYMOD_ALIGN.  Lengths exclude padding; padding bytes are zero.
 *
 *  - Layout:  [pack header][entry table: nr_entries descriptors]
 *             [entry body 0][pad][entry body 1][pad]...
 *    The pack's total_size counts everything up to the end of the last body
 *    (without its padding).  A reader tolerates trailing zero bytes after
 *    total_size (bootloaders pad initrd files to 4 bytes).
 *
 *  - The pack header and the entry table are covered by hdr_crc (CRC32C,
 *    computed with the hdr_crc field taken as zero).  A bad header or table
 *    rejects the whole pack.  Each entry body is covered by the crc in its
 *    descriptor; a bad body rejects that entry alone.
 *
 *  - The pack is bound to one vmlinux by its GNU build-id; every vmlinux
 *    address in the pack is a link-time address (KASLR offset not applied),
 *    and link_text records the link-time address of _text so the reader can
 *    check that it agrees.
 *
 *  - An entry body is a sequence of items, each an earlymod_item header and
 *    `length` bytes of payload padded to EARLYMOD_ALIGN.  The first item is
 *    INFO.  Each item type appears at most once.  Array items have a fixed
 *    record size (entsize) that the reader checks against its own.
 *
 *  - Memory classes: the bytes of an entry are grouped into EARLYMOD_NR_CLASSES
 *    classes (text, rodata, ...), each placed as one block.  Everything the
 *    linker writes is addressed as (class, offset).  Per-CPU class offsets are
 *    zero-based offsets into every CPU's per-CPU area.
 *
 *  - Relocations are pre-resolved by the host tool: no symbol names are looked
 *    up at boot.  A relocation's target is an entry-local (class, offset), a
 *    vmlinux link-time address (KASLR offset added at boot), a vmlinux per-CPU
 *    offset (never shifted), or a (class, offset) of a dependency entry.
 *
 *  - Checksums are CRC32C (Castagnoli).  They detect damage, not malice: an
 *    unkeyed digest of any strength can be recomputed by whoever alters the
 *    pack.  What vouches for an entry is vmlinux itself: the SHA-256 of the
 *    entries its own build made, sealed into vmlinux (struct earlymod_seal
 *    below), which a signed kernel image covers.
 */
#ifndef _LINUX_EARLYMOD_H
#define _LINUX_EARLYMOD_H

#include <linux/types.h>

#define EARLYMOD_PACK_MAGIC	0x4b504d45	/* "EMPK" */
#define EARLYMOD_VERSION	1
#define EARLYMOD_ALIGN		8
#define EARLYMOD_NAME_LEN	32	/* names are NUL-padded, NUL-terminated */
#define EARLYMOD_VERSION_LEN	32
#define EARLYMOD_BUILD_ID_MAX	32
#define EARLYMOD_RULE_STR_LEN	64
#define EARLYMOD_MAX_ENTRIES	64
#define EARLYMOD_MAX_DEPS	8
#define EARLYMOD_MAX_RULES	256	/* per entry */
#define EARLYMOD_MAX_CLASS_ALIGN 4096
#define EARLYMOD_MAX_PACK_SIZE	(64U << 20)
/* The pack's path inside the cpio archive. */
#define EARLYMOD_CPIO_PATH	"kernel/earlymod/pack.bin"

/* -------------------------------------------------------------------------
 * Pack header and entry table
 */
struct earlymod_pack_header {
	__le32 magic;		/* EARLYMOD_PACK_MAGIC */
	__le16 version;		/* EARLYMOD_VERSION */
	__le16 header_size;	/* sizeof(struct earlymod_pack_header) */
	__le32 total_size;	/* bytes of the pack, excluding trailing padding */
	__le32 hdr_crc;		/* CRC32C of header + entry table, this field 0 */
	__le32 nr_entries;	/* descriptors following the header */
	__le32 entry_size;	/* sizeof(struct earlymod_entry_desc) */
	__le32 flags;		/* none defined: must be 0 */
	__le32 build_id_size;	/* bytes used in build_id, 1..32 */
	__u8   build_id[EARLYMOD_BUILD_ID_MAX];	/* GNU build-id of vmlinux */
	__le64 link_text;	/* link-time address of vmlinux _text */
	__le64 link_percpu_end;	/* size of vmlinux per-CPU data: __per_cpu_end
				 * - __per_cpu_start (= __per_cpu_end) */
	__le32 reserved[4];	/* must be 0 */
};

struct earlymod_entry_desc {
	char   name[EARLYMOD_NAME_LEN];
	__le32 offset;		/* of the body, from the start of the pack */
	__le32 size;		/* of the body, excluding padding */
	__le32 crc;		/* CRC32C of the body */
	__le32 reserved[5];	/* must be 0 */
};

/* -------------------------------------------------------------------------
 * Entry body: items
 */
struct earlymod_item {
	__le32 type;		/* EARLYMOD_ITEM_* */
	__le32 length;		/* payload bytes, excluding padding */
	__le32 entsize;		/* record size for arrays, 0 for blobs */
	__le32 reserved;	/* must be 0 */
};

/*
 * X(NAME, value, record type or void, description)
 * One list so that the kernel's messages and `mkearlymod list` use the same
 * names.  Records marked void are byte blobs (entsize 0).
 */
#define EARLYMOD_ITEMS(X)						\
	X(INFO,    1, struct earlymod_info,    "info")			\
	X(DEPS,    2, struct earlymod_dep,     "dependencies")		\
	X(RULES,   3, struct earlymod_rule,    "match rules")		\
	X(CLASSES, 4, struct earlymod_class,   "memory classes")	\
	X(IMAGE,   5, void,                    "class bytes")		\
	X(RELOCS,  6, struct earlymod_reloc,   "relocations")		\
	X(FIXUPS,  7, struct earlymod_fixup,   "vmlinux fixups")	\
	X(SPECIAL, 8, struct earlymod_special, "special tables")	\
	X(SYMS,    9, struct earlymod_sym,     "symbols")		\
	X(STRTAB, 10, void,                    "string table")

enum earlymod_item_type {
#define EARLYMOD_X_ENUM(n, v, t, d) EARLYMOD_ITEM_##n = v,
	EARLYMOD_ITEMS(EARLYMOD_X_ENUM)
#undef EARLYMOD_X_ENUM
	EARLYMOD_ITEM_MAX
};

/* Link stages: where in boot an entry is linked. */
#define EARLYMOD_STAGES(X)						\
	X(HYPERVISOR, 1, "hypervisor")	/* before init_hypervisor_platform() */ \
	X(PLATFORM,   2, "platform")	/* after ACPI tables, before mm_init() */

enum earlymod_stage {
#define EARLYMOD_X_ENUM(n, v, d) EARLYMOD_STAGE_##n = v,
	EARLYMOD_STAGES(EARLYMOD_X_ENUM)
#undef EARLYMOD_X_ENUM
};

/* Entry flags */
#define EARLYMOD_F_ON_DEMAND	0x1	/* link only when a linked entry needs it */
#define EARLYMOD_F_TEST		0x2	/* test fixture, never in a production pack */
#define EARLYMOD_F_ALL		0x3

struct earlymod_info {
	char   name[EARLYMOD_NAME_LEN];	/* equals the descriptor's name */
	char   version[EARLYMOD_VERSION_LEN];
	__le32 stage;		/* EARLYMOD_STAGE_* */
	__le32 flags;		/* EARLYMOD_F_* */
	__le32 group;		/* 0: none; else at most one entry of a group links */
	__le32 priority;	/* signed; the highest matching entry of a group wins */
	__le32 reserved[4];	/* must be 0 */
};

/* A dependency on another entry of the same pack, by name. */
struct earlymod_dep {
	char name[EARLYMOD_NAME_LEN];
};

/*
 * Match rules.  Rules of the same type are alternatives (OR); the types
 * present must all hold (AND).  A rule with EARLYMOD_RULE_NOT must not hold,
 * and is AND-ed on its own.  An entry without rules matches.  A fact the
 * kernel does not know counts as the empty string: a HYPERVISOR rule with
 * an empty string holds on bare metal.
 *
 * DMI rules may come in sets (EARLYMOD_DMI_SET(arg0) != 0): the rules of one
 * set hold only together and count as one alternative, as one row of a
 * driver's struct dmi_system_id table does for dmi_first_match().
 */
#define EARLYMOD_RULES(X)						\
	X(ACPI_TABLE, 1, "acpi")	/* str: 4-char signature present */ \
	X(CPU_VENDOR, 2, "cpu-vendor")	/* str: CPUID 0 vendor, e.g. AuthenticAMD */ \
	X(HYPERVISOR, 3, "hypervisor")	/* str: CPUID 0x40000000 signature */ \
	X(DMI,        4, "dmi")		/* arg0: EARLYMOD_DMI_*, str: glob */ \
	X(PCI,        5, "pci")		/* arg0: vendor | device << 16 */ \
	X(XEN,        6, "xen")		/* str: EARLYMOD_XEN_DOMAINS, or dom0 */

enum earlymod_rule_type {
#define EARLYMOD_X_ENUM(n, v, d) EARLYMOD_RULE_##n = v,
	EARLYMOD_RULES(EARLYMOD_X_ENUM)
#undef EARLYMOD_X_ENUM
	EARLYMOD_RULE_MAX
};

/*
 * The kinds of Xen domain a XEN rule names, as the kernel knows them at the
 * moment of the link: a PV domain (xen_pv_domain()) and a PVH one from
 * their own entry points, before either stage; an HVM domain
 * (xen_hvm_domain()) only from init_hypervisor_platform() on, so at the
 * platform stage only.  "" holds when the kernel is no Xen guest.
 * EARLYMOD_XEN_DOM0 names the role instead of a kind: the initial domain
 * (xen_initial_domain()), of any kind, known from the entry points on.
 */
#define EARLYMOD_XEN_DOMAINS(X)						\
	X(PV,  "pv")							\
	X(PVH, "pvh")							\
	X(HVM, "hvm")
#define EARLYMOD_XEN_DOM0	"dom0"

#define EARLYMOD_RULE_NOT	0x1
/*
 * DMI rules: how str is compared with the field.  Neither flag: a glob of
 * `*` and `?`.  The two flags compare as dmi_first_match() does (an absent
 * field never matches).
 */
#define EARLYMOD_RULE_DMI_EXACT	0x2	/* equal: DMI_EXACT_MATCH() */
#define EARLYMOD_RULE_DMI_SUBSTR 0x4	/* contained: DMI_MATCH() */
/*
 * In an entry's source only, never in a pack: str names a struct
 * dmi_system_id table of the entry's own objects, which mkearlymod turns
 * into one set of DMI rules per row (EARLYMOD_MATCH_DMI_TABLE()).
 */
#define EARLYMOD_RULE_DMI_TABLE	0x8
#define EARLYMOD_RULE_FLAGS	(EARLYMOD_RULE_NOT | EARLYMOD_RULE_DMI_EXACT | \
				 EARLYMOD_RULE_DMI_SUBSTR)

/* A DMI rule's arg0: the field (EARLYMOD_DMI_*) and its set (0: none). */
#define EARLYMOD_DMI_FIELD(arg0)	((arg0) & 0xffff)
#define EARLYMOD_DMI_SET(arg0)		((arg0) >> 16)
#define EARLYMOD_DMI_ARG0(field, set)	((__u32)(field) | (__u32)(set) << 16)
#define EARLYMOD_DMI_MAX_SETS		0xffff

/*
 * DMI fields a rule can test: name, earlymod's number, name in messages,
 * and the kernel's enum dmi_field number, which mkearlymod reads in driver
 * tables (earlymod/facts.c checks each against <linux/mod_devicetable.h>).
 */
#define EARLYMOD_DMIS(X)						\
	X(SYS_VENDOR,      1, "sys-vendor",       6)			\
	X(PRODUCT_NAME,    2, "product-name",     7)			\
	X(BOARD_VENDOR,    3, "board-vendor",    13)			\
	X(BOARD_NAME,      4, "board-name",      14)			\
	X(BIOS_VENDOR,     5, "bios-vendor",      1)			\
	X(BIOS_VERSION,    6, "bios-version",     2)			\
	X(PRODUCT_VERSION, 7, "product-version",  8)			\
	X(PRODUCT_SKU,     8, "product-sku",     11)			\
	X(PRODUCT_FAMILY,  9, "product-family",  12)			\
	X(BOARD_VERSION,  10, "board-version",   15)

enum earlymod_dmi_field {
#define EARLYMOD_X_ENUM(n, v, d, k) EARLYMOD_DMI_##n = v,
	EARLYMOD_DMIS(EARLYMOD_X_ENUM)
#undef EARLYMOD_X_ENUM
	EARLYMOD_DMI_MAX
};

/*
 * The kernel's struct dmi_system_id (<linux/mod_devicetable.h>) as
 * mkearlymod reads it from an object: the rows end with one whose first
 * match has slot 0 (DMI_NONE); a row's matches end likewise.  Each match is
 * one byte (slot:7, exact_match:1 from bit 7), then substr[].  Checked
 * against the kernel's types at build time (earlymod/facts.c).
 */
#define EARLYMOD_DMI_ID_SIZE		344
#define EARLYMOD_DMI_ID_MATCHES		16	/* offset of matches[] */
#define EARLYMOD_DMI_ID_NR_MATCHES	4
#define EARLYMOD_DMI_MATCH_SIZE		80	/* the byte, then substr[79] */

#define EARLYMOD_PCI_ANY	0xffff	/* device wildcard */

struct earlymod_rule {
	__le16 type;		/* EARLYMOD_RULE_* */
	__le16 flags;		/* EARLYMOD_RULE_NOT */
	__le32 arg0;
	__le32 reserved[2];	/* must be 0 */
	char   str[EARLYMOD_RULE_STR_LEN];	/* NUL-terminated, NUL-padded */
};

/* Memory classes: each placed as one block with its own protection. */
#define EARLYMOD_CLASSES(X)						\
	X(TEXT,       0, "text")	/* RX */			\
	X(RODATA,     1, "rodata")	/* R */				\
	X(RO_AFTER_INIT, 2, "ro-after-init") /* RW until init ends, then R */ \
	X(DATA,       3, "data")	/* RW */			\
	X(BSS,        4, "bss")		/* RW, zero: no file bytes */	\
	X(INIT_TEXT,  5, "init-text")	/* RX, freed after init */	\
	X(INIT_DATA,  6, "init-data")	/* RW, freed after init */	\
	X(PERCPU,     7, "percpu")	/* per-CPU template, zero-based */

enum earlymod_class_id {
#define EARLYMOD_X_ENUM(n, v, d) EARLYMOD_CLASS_##n = v,
	EARLYMOD_CLASSES(EARLYMOD_X_ENUM)
#undef EARLYMOD_X_ENUM
	EARLYMOD_NR_CLASSES
};

/* CLASSES is an array of exactly EARLYMOD_NR_CLASSES of these. */
struct earlymod_class {
	__le32 size;		/* bytes in memory */
	__le32 align;		/* power of two, 1..EARLYMOD_MAX_CLASS_ALIGN */
	__le32 file_size;	/* bytes from IMAGE; the rest is zero. 0 for BSS */
	__le32 file_offset;	/* into the IMAGE payload */
};

/* Relocation types: the ELF R_X86_64_* numbers. */
#define EARLYMOD_RELOC_TYPES(X)						\
	X(64,     1, 8, "R_X86_64_64")		/* S + A */		\
	X(PC32,   2, 4, "R_X86_64_PC32")	/* S + A - P, signed 32 */ \
	X(32,    10, 4, "R_X86_64_32")		/* S + A, unsigned 32 */ \
	X(32S,   11, 4, "R_X86_64_32S")		/* S + A, signed 32 */	\
	X(PC64,  24, 8, "R_X86_64_PC64")	/* S + A - P */		\
	X(PLT32,  4, 4, "R_X86_64_PLT32")	/* S + A - P, signed 32 */

#define EARLYMOD_R_X86_64_64	1
#define EARLYMOD_R_X86_64_PC32	2
#define EARLYMOD_R_X86_64_PLT32	4
#define EARLYMOD_R_X86_64_32	10
#define EARLYMOD_R_X86_64_32S	11
#define EARLYMOD_R_X86_64_PC64	24

/* Where a relocation's symbol lives. */
#define EARLYMOD_TARGETS(X)						\
	X(LOCAL,   1, "local")		/* this entry: class + value */	\
	X(VMLINUX, 2, "vmlinux")	/* link-time address; + KASLR offset */ \
	X(PERCPU,  3, "vmlinux-percpu")	/* vmlinux per-CPU offset, unshifted */ \
	X(DEP,     4, "dep")		/* dependency dep_index: class + value */

enum earlymod_target {
#define EARLYMOD_X_ENUM(n, v, d) EARLYMOD_TGT_##n = v,
	EARLYMOD_TARGETS(EARLYMOD_X_ENUM)
#undef EARLYMOD_X_ENUM
	EARLYMOD_TGT_MAX
};

/*
 * One relocation.  The site is (site_class, offset).  S + A is
 *   LOCAL:   base(target_class) + value
 *   VMLINUX: value + kaslr_offset
 *   PERCPU:  value
 *   DEP:     base of target_class in dependency dep_index, + value
 * The bytes at the site must be zero before the relocation is applied.
 */
struct earlymod_reloc {
	__le32 offset;		/* of the site within site_class */
	__u8   site_class;	/* EARLYMOD_CLASS_* (not BSS) */
	__u8   type;		/* EARLYMOD_R_X86_64_* */
	__u8   target;		/* EARLYMOD_TGT_* */
	__u8   target_class;	/* LOCAL, DEP: EARLYMOD_CLASS_*; else 0 */
	__le16 dep_index;	/* DEP: index into the DEPS item; else 0 */
	__le16 reserved;	/* must be 0 */
	__le32 reserved2;	/* must be 0 */
	__le64 value;		/* see above; signed */
};

/*
 * One site in vmlinux that must refer to this entry once it is linked
 * (two-way linkage).  Before commit the site holds a reference to the
 * generated fallback, old_value (= S + A at link time, KASLR not applied);
 * commit checks that and then points it at base(class) + value.
 * Only 64, PC32, PLT32, 32S and PC64 are allowed here.  Fixups are sorted
 * by site and their sites do not overlap.  A fixup whose class is PERCPU
 * takes no KASLR offset in old_value or in the new value (per-CPU offsets
 * do not move); the site itself always does.  value lies in [0, class size]
 * for absolute types and in [-8, class size] for PC-relative ones (the
 * addend is minus the distance from the field to the instruction's end).
 */
struct earlymod_fixup {
	__le64 site;		/* link-time vmlinux address of the site */
	__le64 old_value;	/* link-time S + A the site holds now */
	__le64 value;		/* offset in class + addend, signed */
	__u8   type;		/* EARLYMOD_R_X86_64_* */
	__u8   class;		/* EARLYMOD_CLASS_* of the target */
	__u8   reserved[6];	/* must be 0 */
};

/*
 * Special tables the kernel registers after linking.  Each lives inside a
 * class like any other section (its relocations are ordinary relocations);
 * the SPECIAL record says where, so the kernel finds it without ELF.
 */
#define EARLYMOD_SPECIALS(X)						\
	X(EXTABLE,        1, "__ex_table",		12)		\
	X(ALTINSTR,       2, ".altinstructions",	0)		\
	X(SMP_LOCKS,      3, ".smp_locks",		4)		\
	X(JUMP_TABLE,     4, "__jump_table",		16)		\
	X(STATIC_CALL,    5, ".static_call_sites",	8)		\
	X(RETPOLINE,      6, ".retpoline_sites",	4)		\
	X(RETURN,         7, ".return_sites",		4)		\
	X(IBT_SEAL,       8, ".ibt_endbr_seal",		4)		\
	X(ORC_UNWIND,     9, ".orc_unwind",		6)		\
	X(ORC_UNWIND_IP, 10, ".orc_unwind_ip",		4)		\
	X(BUG_TABLE,     11, "__bug_table",		0)		\
	X(INITCALL,      12, ".initcallN.init",		4)		\
	X(SETUP,         13, ".init.setup",		0)		\
	X(PCI_FIXUP,     14, ".pci_fixup_*",		0)		\
	X(KSYMTAB,       15, "__ksymtab",		0)		\
	X(KSYMTAB_GPL,   16, "__ksymtab_gpl",		0)		\
	X(PARAINSTR,     17, ".parainstructions",	0)		\
	X(PARAM,         18, "__param",			0)		\
	X(NOINSTR,       19, ".noinstr.text",		0)		\
	X(STATIC_CALL_TRAMP_KEY, 20, ".static_call_tramp_key", 8)	\
	X(THIS_MODULE,   21, ".data..this_module",	0)	\
	X(EXITCALL,      22, ".exitcall.exit",		8)

enum earlymod_special_kind {
#define EARLYMOD_X_ENUM(n, v, s, e) EARLYMOD_SPECIAL_##n = v,
	EARLYMOD_SPECIALS(EARLYMOD_X_ENUM)
#undef EARLYMOD_X_ENUM
	EARLYMOD_SPECIAL_MAX
};

/*
 * arg: INITCALL: the level (0 early, 1 core ... 7 late, 8 rootfs; sync
 *      variants share their level); PCI_FIXUP: the EARLYMOD_PCI_FIXUP_* pass;
 *      0 for every other kind.
 */
#define EARLYMOD_INITCALL_EARLY		0
#define EARLYMOD_INITCALL_ROOTFS	8
#define EARLYMOD_PCI_FIXUP_EARLY	0
#define EARLYMOD_PCI_FIXUP_HEADER	1
#define EARLYMOD_PCI_FIXUP_FINAL	2
#define EARLYMOD_PCI_FIXUP_ENABLE	3
#define EARLYMOD_PCI_FIXUP_RESUME	4
#define EARLYMOD_PCI_FIXUP_SUSPEND	5
#define EARLYMOD_PCI_FIXUP_RESUME_EARLY	6
#define EARLYMOD_PCI_FIXUP_SUSPEND_LATE	7

struct earlymod_special {
	__le32 kind;		/* EARLYMOD_SPECIAL_* */
	__le32 arg;		/* per kind, see above */
	__le32 class;		/* EARLYMOD_CLASS_* holding the table */
	__le32 offset;		/* of the table in its class */
	__le32 size;		/* bytes, a multiple of entsize */
	__le32 entsize;		/* record size; 0 where records vary */
};

/* Symbols: for kallsyms, exports and messages; never looked up to link. */
#define EARLYMOD_SYM_FUNC	1
#define EARLYMOD_SYM_OBJECT	2
#define EARLYMOD_SYM_F_GLOBAL	0x1

struct earlymod_sym {
	__le32 name;		/* offset into STRTAB */
	__le32 value;		/* offset in class */
	__le32 size;
	__u8   class;		/* EARLYMOD_CLASS_* */
	__u8   type;		/* EARLYMOD_SYM_* */
	__u8   flags;		/* EARLYMOD_SYM_F_* */
	__u8   reserved;	/* must be 0 */
};

/* -------------------------------------------------------------------------
 * Helpers shared by writer and reader
 */
static inline __u32 earlymod_align(__u32 n)
{
	return (n + EARLYMOD_ALIGN - 1) & ~(__u32)(EARLYMOD_ALIGN - 1);
}

/* CRC32C (Castagnoli, reflected polynomial 0x82f63b78), a nibble at a time. */
static inline __u32 earlymod_crc32c(__u32 crc, const void *buf, __u32 len)
{
	static const __u32 t[16] = {
		0x00000000, 0x105ec76f, 0x20bd8ede, 0x30e349b1,
		0x417b1dbc, 0x5125dad3, 0x61c69362, 0x7198540d,
		0x82f63b78, 0x92a8fc17, 0xa24bb5a6, 0xb21572c9,
		0xc38d26c4, 0xd3d3e1ab, 0xe330a81a, 0xf36e6f75,
	};
	const __u8 *p = (const __u8 *)buf;

	crc = ~crc;
	while (len--) {
		crc ^= *p++;
		crc = (crc >> 4) ^ t[crc & 15];
		crc = (crc >> 4) ^ t[crc & 15];
	}
	return ~crc;
}

/* =========================================================================
 * Metadata in objects
 *
 * (This part belongs to mkimage/: the macros a backend uses to describe
 * itself, and the sections mkearlymod reads them from.)
 *
 * An .eko is a relocatable ELF object (ld -r of a backend's objects).  Its
 * metadata travels in sections that mkearlymod reads and never loads:
 *
 *   .earlymod.info   exactly one struct earlymod_info     EARLYMOD_ENTRY*()
 *   .earlymod.rules  struct earlymod_rule records          EARLYMOD_MATCH_*()
 *   .earlymod.deps   struct earlymod_dep records           EARLYMOD_DEPENDS()
 *
 * The records are the pack's own INFO, RULES and DEPS records, byte for byte;
 * mkearlymod checks them with the same rules the kernel applies to a pack.
 * Each record is a separate static object, aligned to 4 with an explicit
 * attribute so that the compiler cannot raise the alignment and leave gaps.
 * The sections must not carry relocations.
 *
 *	EARLYMOD_ENTRY("kvm-guest", "6.1", HYPERVISOR);
 *	EARLYMOD_MATCH_HYPERVISOR("KVMKVMKVM");
 *
 *	EARLYMOD_ENTRY_GROUP("intel-iommu", "6.1", PLATFORM, 1, 10);
 *	EARLYMOD_MATCH_ACPI("DMAR");
 *	EARLYMOD_MATCH_CPU_VENDOR("GenuineIntel");
 *	EARLYMOD_MATCH_CPU_VENDOR("CentaurHauls");	(OR-ed with the above)
 *
 *	EARLYMOD_ENTRY("amd-iommu", "6.1", PLATFORM);
 *	EARLYMOD_MATCH_ACPI("IVRS");
 *	EARLYMOD_DEPENDS("gart");
 *
 *	EARLYMOD_MATCH_DMI(BOARD_NAME, "APU2*");
 *	EARLYMOD_MATCH_DMI_TABLE(apu_gpio_dmi_table);
 *	EARLYMOD_MATCH_PCI(0x1022, EARLYMOD_PCI_ANY);
 *	EARLYMOD_MATCH_NOT(HYPERVISOR, 0, "Microsoft Hv");
 *
 * Usable from kernel C and from host C (tests); in host C, include
 * <linux/types.h> (or this header) and nothing else is needed.
 *
 * The sections are allocated (SHF_ALLOC) only so that the compiler keeps
 * them: in the kernel the macros belong in earlymod/entries/NAME.c, which
 * earlymod/Makefile.eko links into the .eko and never into vmlinux (the
 * `vmlinux` test suite checks that vmlinux has no .earlymod.* section).
 */
#define EARLYMOD_SEC_INFO	".earlymod.info"
#define EARLYMOD_SEC_RULES	".earlymod.rules"
#define EARLYMOD_SEC_DEPS	".earlymod.deps"
#define EARLYMOD_SEC_VMLINUX	".earlymod.vmlinux"
#define EARLYMOD_SEC_PREFIX	".earlymod."

#ifndef __KERNEL__
# ifndef __used
#  define __used		__attribute__((__used__))
# endif
# ifndef __section
#  define __section(s)		__attribute__((__section__(s)))
# endif
# ifndef __aligned
#  define __aligned(x)		__attribute__((__aligned__(x)))
# endif
# ifndef __force
#  define __force
# endif
#endif

/* x86 is little-endian: a constant needs no swapping, only the sparse cast. */
#define __EARLYMOD_LE16(x)	((__force __le16)(__u16)(x))
#define __EARLYMOD_LE32(x)	((__force __le32)(__u32)(x))

#define __EARLYMOD_CAT2(a, b)	a##b
#define __EARLYMOD_CAT(a, b)	__EARLYMOD_CAT2(a, b)
#define __EARLYMOD_ID(p)	__EARLYMOD_CAT(p, __COUNTER__)

#define __EARLYMOD_META(sec)	static const __used __section(sec) __aligned(4)

/*
 * The entry: name (at most 31 characters: [a-z0-9_-]), version string,
 * stage token (HYPERVISOR or PLATFORM), EARLYMOD_F_* flags, group (0: none)
 * and signed priority.  One per .eko: the variable's fixed name makes a
 * second one in the same file a compile error, mkearlymod catches the rest.
 */
#define EARLYMOD_ENTRY_FLAGS(_name, _version, _stage, _flags, _group, _prio) \
	__EARLYMOD_META(EARLYMOD_SEC_INFO)				\
	struct earlymod_info __earlymod_info = {			\
		.name = _name,						\
		.version = _version,					\
		.stage = __EARLYMOD_LE32(EARLYMOD_STAGE_##_stage),	\
		.flags = __EARLYMOD_LE32(_flags),			\
		.group = __EARLYMOD_LE32(_group),			\
		.priority = __EARLYMOD_LE32(_prio),			\
	}

#define EARLYMOD_ENTRY(_name, _version, _stage)				\
	EARLYMOD_ENTRY_FLAGS(_name, _version, _stage, 0, 0, 0)

#define EARLYMOD_ENTRY_GROUP(_name, _version, _stage, _group, _prio)	\
	EARLYMOD_ENTRY_FLAGS(_name, _version, _stage, 0, _group, _prio)

/* One rule: type token (ACPI_TABLE, ...), EARLYMOD_RULE_* flags, arg0, str. */
#define EARLYMOD_MATCH_RULE(_type, _flags, _arg0, _str)			\
	__EARLYMOD_META(EARLYMOD_SEC_RULES)				\
	struct earlymod_rule __EARLYMOD_ID(__earlymod_rule_) = {	\
		.type = __EARLYMOD_LE16(EARLYMOD_RULE_##_type),		\
		.flags = __EARLYMOD_LE16(_flags),			\
		.arg0 = __EARLYMOD_LE32(_arg0),				\
		.str = _str,						\
	}

#define EARLYMOD_MATCH_ACPI(sig)					\
	EARLYMOD_MATCH_RULE(ACPI_TABLE, 0, 0, sig)
#define EARLYMOD_MATCH_CPU_VENDOR(vendor)				\
	EARLYMOD_MATCH_RULE(CPU_VENDOR, 0, 0, vendor)
#define EARLYMOD_MATCH_HYPERVISOR(sig)					\
	EARLYMOD_MATCH_RULE(HYPERVISOR, 0, 0, sig)
/* field: a token of EARLYMOD_DMIS (BOARD_NAME, ...); glob: * and ? */
#define EARLYMOD_MATCH_DMI(field, glob)					\
	EARLYMOD_MATCH_RULE(DMI, 0, EARLYMOD_DMI_##field, glob)
/*
 * The boards of the entry's own DMI table, by the table's symbol name: the
 * rows the driver itself gives dmi_first_match(), read by mkearlymod from
 * the object, so that the rule and the driver cannot disagree.
 */
#define EARLYMOD_MATCH_DMI_TABLE(table)					\
	EARLYMOD_MATCH_RULE(DMI, EARLYMOD_RULE_DMI_TABLE, 0, #table)
/* kind: "pv", "pvh" or "hvm" (EARLYMOD_XEN_DOMAINS), or "dom0" */
#define EARLYMOD_MATCH_XEN(kind)					\
	EARLYMOD_MATCH_RULE(XEN, 0, 0, kind)
/* Any kind of Xen domain, as xen_domain(): not "no Xen" */
#define EARLYMOD_MATCH_XEN_DOMAIN()					\
	EARLYMOD_MATCH_NOT(XEN, 0, "")
/* device may be EARLYMOD_PCI_ANY */
#define EARLYMOD_MATCH_PCI(vendor, device)				\
	EARLYMOD_MATCH_RULE(PCI, 0, (__u32)(vendor) | (__u32)(device) << 16, "")
/* The negated form of any rule: EARLYMOD_MATCH_NOT(ACPI_TABLE, 0, "IVRS") */
#define EARLYMOD_MATCH_NOT(_type, _arg0, _str)				\
	EARLYMOD_MATCH_RULE(_type, EARLYMOD_RULE_NOT, _arg0, _str)

/*
 * A global the entry's objects define, whose vmlinux definition the entry
 * uses instead: a static key or other object that vmlinux's own code is
 * bound to before any pack is read (its jump entries, from
 * jump_label_init()).  vmlinux defines it (in NAME-fallback.c, the same
 * object); mkearlymod resolves every reference of the entry to vmlinux's,
 * makes no fixup for it and leaves the entry's own copy unused and out of
 * its symbols.  For mkearlymod only: nothing of it is in the pack.
 */
struct earlymod_use_vmlinux {
	char name[EARLYMOD_RULE_STR_LEN];
};

#define EARLYMOD_USE_VMLINUX(sym)					\
	__EARLYMOD_META(EARLYMOD_SEC_VMLINUX)				\
	struct earlymod_use_vmlinux __EARLYMOD_ID(__earlymod_use_) = {	\
		.name = #sym,						\
	}

/* Another entry of the same pack that must be linked first. */
#define EARLYMOD_DEPENDS(_name)						\
	__EARLYMOD_META(EARLYMOD_SEC_DEPS)				\
	struct earlymod_dep __EARLYMOD_ID(__earlymod_dep_) = { .name = _name }

/* =========================================================================
 * The seal: what vmlinux itself vouches for (docs/trust.md)
 *
 * vmlinux reserves one struct earlymod_seal (EARLYMOD_SEAL_SYMBOL, in init
 * data), all zero when it is linked.  The build fills it in place once it
 * has made its packs, before bzImage is made from vmlinux (`mkearlymod
 * seal`), so a signed kernel image covers it:
 *
 *  - digest: the SHA-256 of each entry of the build's own packs, over the
 *    entry's descriptor name (all EARLYMOD_NAME_LEN bytes) followed by its
 *    body; sorted as byte strings, no duplicates.  An entry whose digest is
 *    here is trusted as a signed module is.
 *  - site: every vmlinux site that the build's entries patch (their fixups),
 *    with the fallback reference it holds and the relocation type; sorted
 *    by site, no duplicates.  The kernel patches these sites and no other,
 *    whatever an entry's digest.
 *
 * A seal whose magic is zero (vmlinux never sealed) vouches for nothing and
 * records no site.
 */
#define EARLYMOD_SEAL_MAGIC	0x4c534d45	/* "EMSL" */
#define EARLYMOD_SEAL_SYMBOL	"earlymod_seal"
#define EARLYMOD_DIGEST_LEN	32		/* SHA-256 */
#define EARLYMOD_SEAL_DIGESTS	128
#define EARLYMOD_SEAL_SITES	512

struct earlymod_seal_site {
	__le64 site;		/* link-time vmlinux address */
	__le64 old_value;	/* as in struct earlymod_fixup */
	__u8   type;		/* EARLYMOD_R_X86_64_* */
	__u8   reserved[7];	/* must be 0 */
};

struct earlymod_seal {
	__le32 magic;		/* EARLYMOD_SEAL_MAGIC, or 0: not sealed */
	__le32 size;		/* sizeof(struct earlymod_seal) */
	__le32 nr_digests;	/* <= EARLYMOD_SEAL_DIGESTS */
	__le32 nr_sites;	/* <= EARLYMOD_SEAL_SITES */
	__u8   digest[EARLYMOD_SEAL_DIGESTS][EARLYMOD_DIGEST_LEN];
	struct earlymod_seal_site site[EARLYMOD_SEAL_SITES];
};

/* =========================================================================
 * Fallbacks (the vmlinux side of an entry)
 *
 * earlymod/entries/NAME-fallback.c defines, in vmlinux, every symbol that
 * vmlinux refers to in entry NAME.  Until the entry is linked, vmlinux's
 * references reach these definitions; linking the entry repoints every
 * reference to the entry's own definition (mkearlymod records each site).
 * Include the driver's own header so that the compiler checks that a
 * fallback's type is the real one's.
 *
 *	EARLYMOD_FALLBACK_VOID(detect_intel_iommu, (void));
 *	EARLYMOD_FALLBACK_RET(int, dmar_device_add, (acpi_handle h), 0);
 *
 * A data symbol is defined as an ordinary object holding the value the rest
 * of vmlinux expects while the backend is absent.
 */
#define EARLYMOD_FALLBACK_VOID(_name, _params)				\
	void _name _params {}
#define EARLYMOD_FALLBACK_RET(_type, _name, _params, _value)		\
	_type _name _params { return _value; }

/*
 * x86: a guest backend's descriptor in hypervisors[] (<asm/hypervisor.h>),
 * as a hypervisor whose detect() never finds it, so that
 * init_hypervisor_platform() goes on to the next.  @_attr: the section the
 * real descriptor is in (__initconst, or __refconst).
 */
#define EARLYMOD_FALLBACK_HYPERVISOR(_var, _name, _type, _attr)	\
	static u32 __init _var##_absent(void)				\
	{								\
		return 0;						\
	}								\
	const struct hypervisor_x86 _var _attr = {			\
		.name	= _name,					\
		.detect	= _var##_absent,				\
		.type	= _type,					\
	}

/* =========================================================================
 * Kernel hooks (earlymod/, arch/x86/boot/earlymod_reserve.c,
 * kernel/module/earlymod.c; patches/)
 */
#if defined(__KERNEL__) && !defined(__ASSEMBLY__)

#include <linux/stddef.h>

struct module;
struct pci_dev;
struct pci_fixup;

/* earlymod_run_initcalls() from do_pre_smp_initcalls() */
#define EARLYMOD_HOOK_EARLY_INITCALLS	(-1)

typedef void (*earlymod_pci_do_fixups_t)(struct pci_dev *dev,
					 struct pci_fixup *f,
					 struct pci_fixup *end);

/*
 * A section of a linked entry at its final address, named as the section
 * of a .ko is (".text", "__ex_table", "__ksymtab", ...): what the module
 * code is told of an entry in place of its ELF image.
 */
struct earlymod_section {
	const char *name;
	unsigned long addr;
	unsigned long size;
	unsigned long flags;	/* SHF_ALLOC, SHF_WRITE, SHF_EXECINSTR */
	bool nobits;		/* SHT_NOBITS (bss) */
};
/* the classes and the special tables of one entry */
#define EARLYMOD_MAX_SECTIONS	40

#ifdef CONFIG_EARLYMOD
/* setup_arch(), after dmi_setup(), before init_hypervisor_platform() */
void earlymod_link_hypervisor(void);
/* setup_arch(), after the ACPI tables, before initmem_init()/mm_init() */
void earlymod_link_platform(void);
/* after each initcall level of vmlinux: initcall level 0..7, or EARLY */
void earlymod_run_initcalls(int level);
/* obsolete_checksetup(): true if a linked entry took "param[=value]" */
bool earlymod_checksetup(const char *line);
void earlymod_pci_fixup_device(int pass, struct pci_dev *dev,
			       earlymod_pci_do_fixups_t do_fixups);
/* mark_rodata_ro(), after the image is read-only and its data NX */
void earlymod_mark_ro(void);
/* unloading a linked entry (kernel/module/earlymod.c): before its exit,
 * vmlinux's sites back at the fallbacks; after free_module(), its pages */
void earlymod_module_going(struct module *mod);
void earlymod_module_free(struct module *mod);

/* kernel/module/earlymod.c: a linked entry becomes a module, in steps */
int module_early_sig_check(const char **why);
int module_early_add(struct module *mod, const struct earlymod_section *s,
		     unsigned int n, bool sig_ok);
int module_early_coming(struct module *mod, const struct earlymod_section *s,
			unsigned int n);
int module_early_sysfs(struct module *mod, const struct earlymod_section *s,
		       unsigned int n);
void module_early_live(struct module *mod, bool sysfs);
void module_early_protect(struct module *mod);

/* arch/x86/boot/earlymod_reserve.c, for earlymod/stage.c */
struct earlymod_initrd_pack {
	void *pack;		/* 8-byte aligned, in the initrd */
	size_t len;		/* the cpio member's size */
	unsigned long arc;	/* what goes: the cpio archive holding it, or its */
	unsigned long arc_end;	/* member alone when the archive is @shared */
	unsigned long start;	/* the initrd's start these were found from */
	bool shared;		/* the archive holds other files too */
};
/* The initrd before reserve_initrd(), mapped; 1: there is one, else 0 */
int earlymod_boot_initrd(void **start, void **end);
/* 1: found; 0: no pack; -errno: an archive at the front is damaged */
int earlymod_find_initrd_pack(struct earlymod_initrd_pack *p, void *start,
			      void *end, const char **why);
/* The same initrd, now at @start (reserve_initrd() mapped or moved it) */
void earlymod_move_initrd_pack(struct earlymod_initrd_pack *p,
			       unsigned long start);
/* Hide the archive from the initramfs unpacker; returns the bytes freed */
unsigned long earlymod_release_initrd_pack(const struct earlymod_initrd_pack *p);
#else
static inline void earlymod_link_hypervisor(void) {}
static inline void earlymod_link_platform(void) {}
static inline void earlymod_run_initcalls(int level) {}
static inline bool earlymod_checksetup(const char *line) { return false; }
static inline void earlymod_pci_fixup_device(int pass, struct pci_dev *dev,
					     earlymod_pci_do_fixups_t do_fixups) {}
static inline void earlymod_mark_ro(void) {}
#endif /* CONFIG_EARLYMOD */

#endif /* __KERNEL__ && !__ASSEMBLY__ */

#endif /* _LINUX_EARLYMOD_H */
