/* SPDX-License-Identifier: GPL-2.0 */
/*
 * mkearlymod: the host tool that pre-links .eko objects against one vmlinux
 * and packs them (see docs/mkearlymod.md).
 *
 * `create` is a pipeline over one context (struct mk):
 *   collect  read vmlinux (build-id, symbols, retained relocations) and each
 *            object (sections, symbols, relocations, metadata)
 *   resolve  give every relocation a target (local, dependency, vmlinux,
 *            vmlinux per-CPU), find the vmlinux sites that refer to each
 *            entry (fixups), order the entries by dependency
 *   layout   map sections to memory classes, place them, build the class
 *            images and the special-table records
 *   emit     write the pack (and the cpio wrapper) reproducibly
 */
#ifndef MKEARLYMOD_H
#define MKEARLYMOD_H

#include <stddef.h>
#include <stdint.h>
#include <gelf.h>
#include <linux/earlymod.h>

#include "loader/loader.h"

#define MK_MAX_ERRORS	20

/*
 * The most bytes one class of an entry may take in memory.  The format sets
 * no limit, and a NOBITS section (a .bss) has no file bytes to bound it; a
 * class no larger than a whole pack keeps every allocation sized by what an
 * input claims (here and in verify) within reason.
 */
#define MK_MAX_CLASS_SIZE	EARLYMOD_MAX_PACK_SIZE

/* A growable array of fixed-size records. */
struct vec {
	void	*p;
	size_t	n;
	size_t	cap;
	size_t	esz;
};

void vec_init(struct vec *v, size_t esz);
void *vec_push(struct vec *v);
void vec_free(struct vec *v);
#define VEC_AT(v, type, i)	(&((type *)(v)->p)[i])

/* A string -> index map (open addressing); the strings are not copied. */
struct strmap {
	const char	**key;
	size_t		*val;
	size_t		cap;
	size_t		n;
};

void strmap_init(struct strmap *m);
/* Returns 0 when added, 1 when the key was there (its value is left). */
int strmap_put(struct strmap *m, const char *key, size_t val);
int strmap_get(const struct strmap *m, const char *key, size_t *val);
void strmap_free(struct strmap *m);

/* A byte buffer. */
struct buf {
	uint8_t	*p;
	size_t	len;
	size_t	cap;
};

void buf_put(struct buf *b, const void *p, size_t n);
void buf_zero(struct buf *b, size_t n);
void buf_pad(struct buf *b, size_t align);
void buf_free(struct buf *b);

/* --- vmlinux --------------------------------------------------------- */
struct vsym {
	const char	*name;
	uint64_t	value;		/* link-time address, or per-CPU offset */
	int		percpu;		/* in the per-CPU section */
	uint64_t	size;
};

struct vmlinux {
	const char	*path;
	int		fd;
	Elf		*elf;
	uint8_t		build_id[EARLYMOD_BUILD_ID_MAX];
	uint32_t	build_id_size;
	uint64_t	link_text;
	size_t		percpu_shndx;	/* 0: none */
	uint64_t	percpu_addr;
	uint64_t	percpu_size;
	uint64_t	percpu_end;	/* relative to percpu_addr */
	size_t		symtab_shndx;
	struct vsym	*syms;
	size_t		nsyms;
	struct strmap	globals;	/* name -> index in syms */
	uint64_t	seal_addr;	/* EARLYMOD_SEAL_SYMBOL; 0: none */
	uint64_t	seal_size;
};

/* --- objects ---------------------------------------------------------- */
#define SEC_DROP	(-1)		/* not loaded */

struct osec {
	const char	*name;
	GElf_Shdr	sh;
	const uint8_t	*bytes;		/* NULL for NOBITS */
	int		cls;		/* EARLYMOD_CLASS_* or SEC_DROP */
	int		kind;		/* EARLYMOD_SPECIAL_* or 0 */
	uint32_t	arg;
	int		rank;		/* order inside the class */
	uint32_t	off;		/* in the class, after layout */
};

/* Where a symbol or a relocation's S points. */
enum { T_NONE, T_LOCAL, T_VMLINUX, T_PERCPU, T_DEP };

struct osym {
	const char	*name;		/* section name for STT_SECTION */
	GElf_Sym	sym;
	size_t		shndx;		/* resolved through SHN_XINDEX */
	int		global;		/* GLOBAL or WEAK */
	int		use_vmlinux;	/* EARLYMOD_USE_VMLINUX(): vmlinux's */
	/* resolution of an undefined symbol */
	int		target;		/* T_* */
	int		dep;		/* T_DEP: index into entry deps */
	size_t		dep_sym;	/* T_DEP: symbol index in that entry */
	uint64_t	value;		/* T_VMLINUX, T_PERCPU */
};

/* A relocation, between resolve and emit. */
struct orel {
	size_t		sec;		/* site section */
	uint64_t	off;		/* in that section */
	uint32_t	type;
	size_t		sym;		/* symbol index in the object */
	int64_t		addend;
};

/* A vmlinux site that refers to an entry's symbol. */
struct ofix {
	uint64_t	site;
	uint64_t	old_value;
	uint32_t	type;
	size_t		sym;		/* the entry's symbol */
	int64_t		addend;
};

struct class_img {
	uint32_t	size;
	uint32_t	align;
	struct buf	bytes;		/* size bytes, BSS: none */
};

struct entry {
	const char	*path;
	int		fd;
	Elf		*elf;
	struct earlymod_info info;
	char		name[EARLYMOD_NAME_LEN];
	struct earlymod_rule *rules;
	size_t		nrules;
	struct earlymod_dep *deps;
	size_t		ndeps;
	struct earlymod_use_vmlinux *use_vm;
	size_t		nuse_vm;
	struct entry	*dep[EARLYMOD_MAX_DEPS];

	struct osec	*secs;
	size_t		nsecs;
	struct osym	*syms;
	size_t		nsyms;
	struct strmap	defs;		/* global definitions: name -> sym */

	struct vec	rels;		/* struct orel */
	struct vec	fixes;		/* struct ofix */

	struct class_img cls[EARLYMOD_NR_CLASSES];
	struct vec	specials;	/* struct earlymod_special */
	struct buf	body;

	int		mark;		/* topological sort */
};

struct mk {
	const char	*out;
	int		cpio;
	struct vmlinux	vm;
	struct entry	*ents;
	size_t		nents;
	struct entry	**order;	/* entries in link order */
	unsigned int	errors;
};

/* dmi.c: EARLYMOD_MATCH_DMI_TABLE() rules into DMI rule sets */
void expand_dmi_tables(struct mk *mk, struct entry *e);

/* Report a problem; the stage fails at its end when any was reported. */
void mk_err(struct mk *mk, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void die(const char *fmt, ...)
	__attribute__((format(printf, 1, 2), noreturn));
void *xzalloc(size_t n);
void *xrealloc(void *p, size_t n);

/* Every R_X86_64_* name; the loader's emld_*_name() cover the format. */
const char *reloc_name(unsigned int type);
#define reloc_supported(type)	(emld_reloc_width(type) != 0)

/* sections.c: map an input section to its class. Returns 0 or -1 (why set). */
int classify_section(const char *name, const GElf_Shdr *sh, struct osec *s,
		     const char **why);

/* pipeline.c */
int sec_in_file(struct mk *mk, const char *path, Elf *elf,
		const GElf_Shdr *sh, const char *name);
int collect(struct mk *mk);
int collect_vmlinux(struct mk *mk);	/* mk->vm.path set; also for verify */
int resolve(struct mk *mk);
int layout(struct mk *mk);
int emit(struct mk *mk);
void mk_free(struct mk *mk);

/* output.c */
int write_file_atomic(const char *path, const void *p, size_t n);
void cpio_wrap(struct buf *out, const char *path, const void *p, size_t n);
int read_file(const char *path, uint8_t **p, size_t *n);

/* seal.c */
struct emld_pack;
/* The digest the seal records for entry @idx (SHA-256, <linux/earlymod.h>) */
void entry_digest(const struct emld_pack *ep, uint32_t idx,
		  uint8_t out[EARLYMOD_DIGEST_LEN]);
/* vmlinux's seal from its file; 1 when it has none (not an earlymod kernel) */
int read_seal(struct mk *mk, struct earlymod_seal *seal);

/* commands */
int cmd_list(int argc, char **argv);
int cmd_verify(int argc, char **argv);
int cmd_seal(int argc, char **argv);

#endif /* MKEARLYMOD_H */
