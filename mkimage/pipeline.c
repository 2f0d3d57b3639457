// SPDX-License-Identifier: GPL-2.0
/*
 * mkearlymod create: collect -> resolve -> layout -> emit.
 *
 * Every stage reports all the problems it finds (up to MK_MAX_ERRORS) as
 * "file: section+offset: what, against 'symbol'" and then fails; no stage
 * runs on the results of a failed one.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mkearlymod.h"

#ifndef NT_GNU_BUILD_ID
#define NT_GNU_BUILD_ID 3
#endif

/* =========================================================================
 * collect
 */
static Elf *open_elf(struct mk *mk, const char *path, int *fdp, GElf_Ehdr *eh,
		     int want_type)
{
	Elf *elf;
	int fd;

	fd = open(path, O_RDONLY);
	if (fd < 0) {
		mk_err(mk, "%s: %s", path, strerror(errno));
		return NULL;
	}
	elf = elf_begin(fd, ELF_C_READ_MMAP, NULL);
	if (!elf) {
		mk_err(mk, "%s: elf_begin: %s", path, elf_errmsg(-1));
		close(fd);
		return NULL;
	}
	if (elf_kind(elf) != ELF_K_ELF) {
		mk_err(mk, "%s: not an ELF file", path);
		goto bad;
	}
	if (!gelf_getehdr(elf, eh)) {
		mk_err(mk, "%s: gelf_getehdr: %s", path, elf_errmsg(-1));
		goto bad;
	}
	if (eh->e_ident[EI_CLASS] != ELFCLASS64 ||
	    eh->e_ident[EI_DATA] != ELFDATA2LSB || eh->e_machine != EM_X86_64) {
		mk_err(mk, "%s: not an x86-64 ELF file", path);
		goto bad;
	}
	if (eh->e_type != want_type) {
		mk_err(mk, "%s: %s", path, want_type == ET_REL ?
		       "not a relocatable object (ld -r output expected)" :
		       "not a linked executable (vmlinux expected)");
		goto bad;
	}
	*fdp = fd;
	return elf;
bad:
	elf_end(elf);
	close(fd);
	return NULL;
}

/* The section's name, or NULL with an error reported. */
static const char *sec_name(struct mk *mk, const char *path, Elf *elf,
			    size_t shstrndx, Elf_Scn *scn, const GElf_Shdr *sh)
{
	const char *n = elf_strptr(elf, shstrndx, sh->sh_name);

	if (!n)
		mk_err(mk, "%s: section %zu: name at 0x%x: elf_strptr: %s", path,
		       elf_ndxscn(scn), sh->sh_name, elf_errmsg(-1));
	return n;
}

/*
 * Whether the bytes a section header claims are all in the file: checked
 * before anything is sized by sh_size, so the message can say where.
 */
int sec_in_file(struct mk *mk, const char *path, Elf *elf,
		const GElf_Shdr *sh, const char *name)
{
	size_t size;

	if (sh->sh_type == SHT_NOBITS)
		return 0;
	if (!elf_rawfile(elf, &size)) {
		mk_err(mk, "%s: %s: elf_rawfile: %s", path, name, elf_errmsg(-1));
		return -1;
	}
	if (sh->sh_offset > size || sh->sh_size > size - sh->sh_offset) {
		mk_err(mk, "%s: %s: %llu bytes at file offset 0x%llx, past the end of the %zu-byte file",
		       path, name, (unsigned long long)sh->sh_size,
		       (unsigned long long)sh->sh_offset, size);
		return -1;
	}
	return 0;
}

/* The section's bytes, all of them, or NULL with an error reported. */
static const uint8_t *sec_bytes(struct mk *mk, const char *path, Elf *elf,
				Elf_Scn *scn, const GElf_Shdr *sh,
				const char *name)
{
	Elf_Data *d;

	if (sh->sh_type == SHT_NOBITS ||
	    sec_in_file(mk, path, elf, sh, name))
		return NULL;
	d = elf_getdata(scn, NULL);
	if (!d) {
		mk_err(mk, "%s: %s: elf_getdata: %s", path, name, elf_errmsg(-1));
		return NULL;
	}
	if (d->d_size != sh->sh_size || (sh->sh_size && !d->d_buf)) {
		mk_err(mk, "%s: %s: section data is %zu bytes, header says %llu",
		       path, name, d->d_size, (unsigned long long)sh->sh_size);
		return NULL;
	}
	return d->d_buf;
}

static void read_build_id(struct mk *mk, struct vmlinux *vm, Elf_Scn *scn)
{
	size_t off = 0, next, name_off, desc_off;
	Elf_Data *d = elf_getdata(scn, NULL);
	GElf_Nhdr nh;

	if (!d) {
		mk_err(mk, "%s: note section: elf_getdata: %s", vm->path,
		       elf_errmsg(-1));
		return;
	}
	while ((next = gelf_getnote(d, off, &nh, &name_off, &desc_off)) > 0) {
		if (nh.n_type == NT_GNU_BUILD_ID && nh.n_namesz == 4 &&
		    !memcmp((char *)d->d_buf + name_off, "GNU", 4)) {
			if (!nh.n_descsz || nh.n_descsz > EARLYMOD_BUILD_ID_MAX) {
				mk_err(mk, "%s: %u-byte GNU build-id (1..%u expected)",
				       vm->path, nh.n_descsz, EARLYMOD_BUILD_ID_MAX);
				return;
			}
			memcpy(vm->build_id, (char *)d->d_buf + desc_off, nh.n_descsz);
			vm->build_id_size = nh.n_descsz;
			return;
		}
		off = next;
	}
}

/* Symbols of a symbol table, with SHN_XINDEX resolved. */
struct symtab {
	Elf_Data	*data;
	Elf_Data	*xndx;
	size_t		strndx;
	size_t		n;
};

static int open_symtab(struct mk *mk, const char *path, Elf *elf,
		       size_t symtab_shndx, struct symtab *st)
{
	Elf_Scn *scn = elf_getscn(elf, symtab_shndx), *s = NULL;
	GElf_Shdr sh, xsh;

	memset(st, 0, sizeof(*st));
	if (!scn || !gelf_getshdr(scn, &sh)) {
		mk_err(mk, "%s: symbol table: %s", path, elf_errmsg(-1));
		return -1;
	}
	st->data = elf_getdata(scn, NULL);
	if (!st->data) {
		mk_err(mk, "%s: .symtab: elf_getdata: %s", path, elf_errmsg(-1));
		return -1;
	}
	if (sh.sh_entsize != sizeof(Elf64_Sym)) {
		mk_err(mk, "%s: .symtab: entry size %llu", path,
		       (unsigned long long)sh.sh_entsize);
		return -1;
	}
	/* What libelf read, not what the header says. */
	st->n = st->data->d_size / sizeof(Elf64_Sym);
	st->strndx = sh.sh_link;
	while ((s = elf_nextscn(elf, s))) {
		if (!gelf_getshdr(s, &xsh)) {
			mk_err(mk, "%s: gelf_getshdr: %s", path, elf_errmsg(-1));
			return -1;
		}
		if (xsh.sh_type == SHT_SYMTAB_SHNDX && xsh.sh_link == symtab_shndx) {
			st->xndx = elf_getdata(s, NULL);
			if (!st->xndx) {
				mk_err(mk, "%s: .symtab_shndx: elf_getdata: %s",
				       path, elf_errmsg(-1));
				return -1;
			}
		}
	}
	return 0;
}

static int get_sym(struct mk *mk, const char *path, Elf *elf,
		   const struct symtab *st, size_t i, GElf_Sym *sym,
		   size_t *shndx, const char **name)
{
	Elf32_Word x = 0;

	if (!gelf_getsymshndx(st->data, st->xndx, (int)i, sym, &x)) {
		mk_err(mk, "%s: symbol %zu: gelf_getsymshndx: %s", path, i,
		       elf_errmsg(-1));
		return -1;
	}
	*shndx = sym->st_shndx == SHN_XINDEX ? x : sym->st_shndx;
	*name = elf_strptr(elf, st->strndx, sym->st_name);
	if (!*name) {
		mk_err(mk, "%s: symbol %zu: name: %s", path, i, elf_errmsg(-1));
		return -1;
	}
	return 0;
}

int collect_vmlinux(struct mk *mk)
{
	struct vmlinux *vm = &mk->vm;
	size_t shstrndx, i, idx;
	Elf_Scn *scn = NULL;
	struct symtab st;
	GElf_Ehdr eh;
	GElf_Shdr sh;

	if (elf_version(EV_CURRENT) == EV_NONE)
		die("libelf: %s", elf_errmsg(-1));
	vm->elf = open_elf(mk, vm->path, &vm->fd, &eh, ET_EXEC);
	if (!vm->elf)
		return -1;
	if (elf_getshdrstrndx(vm->elf, &shstrndx)) {
		mk_err(mk, "%s: elf_getshdrstrndx: %s", vm->path, elf_errmsg(-1));
		return -1;
	}
	while ((scn = elf_nextscn(vm->elf, scn))) {
		const char *name;

		if (!gelf_getshdr(scn, &sh)) {
			mk_err(mk, "%s: section %zu: gelf_getshdr: %s", vm->path,
			       elf_ndxscn(scn), elf_errmsg(-1));
			return -1;
		}
		name = sec_name(mk, vm->path, vm->elf, shstrndx, scn, &sh);
		if (!name)
			return -1;
		if (sh.sh_type == SHT_SYMTAB)
			vm->symtab_shndx = elf_ndxscn(scn);
		else if (sh.sh_type == SHT_NOTE && !vm->build_id_size)
			read_build_id(mk, vm, scn);	/* vmlinux: in .notes */
		else if (!strcmp(name, ".data..percpu")) {
			vm->percpu_shndx = elf_ndxscn(scn);
			vm->percpu_addr = sh.sh_addr;
			vm->percpu_size = sh.sh_size;
		}
	}
	if (!vm->build_id_size)
		mk_err(mk, "%s: no GNU build-id note (link with --build-id)",
		       vm->path);
	if (!vm->symtab_shndx)
		mk_err(mk, "%s: no symbol table", vm->path);
	if (mk->errors || open_symtab(mk, vm->path, vm->elf, vm->symtab_shndx, &st))
		return -1;

	vm->nsyms = st.n;
	vm->syms = xzalloc(st.n * sizeof(*vm->syms));
	strmap_init(&vm->globals);
	for (i = 1; i < st.n; i++) {
		struct vsym *v = &vm->syms[i];
		GElf_Sym sym;
		size_t shndx;
		int bind, type;

		if (get_sym(mk, vm->path, vm->elf, &st, i, &sym, &shndx, &v->name))
			return -1;
		bind = GELF_ST_BIND(sym.st_info);
		type = GELF_ST_TYPE(sym.st_info);
		v->value = sym.st_value;
		v->percpu = vm->percpu_shndx && shndx == vm->percpu_shndx;
		v->size = sym.st_size;
		if (v->percpu)
			v->value -= vm->percpu_addr;
		if (!strcmp(v->name, "_text") && shndx != SHN_UNDEF)
			vm->link_text = sym.st_value;
		if (!strcmp(v->name, "__per_cpu_end") && v->percpu)
			vm->percpu_end = v->value;
		if (!strcmp(v->name, EARLYMOD_SEAL_SYMBOL) && shndx != SHN_UNDEF &&
		    !v->percpu) {
			vm->seal_addr = sym.st_value;
			vm->seal_size = sym.st_size;
		}
		if ((bind != STB_GLOBAL && bind != STB_WEAK) ||
		    shndx == SHN_UNDEF || type == STT_SECTION || type == STT_FILE ||
		    !*v->name)
			continue;
		strmap_put(&vm->globals, v->name, i);
	}
	if (!strmap_get(&vm->globals, "_text", &idx) && !vm->link_text)
		mk_err(mk, "%s: no symbol '_text'", vm->path);
	if (vm->percpu_shndx && !vm->percpu_end)
		vm->percpu_end = vm->percpu_size;
	return mk->errors ? -1 : 0;
}

/* Read one metadata section into a private array of records. */
static void *read_meta(struct mk *mk, struct entry *e, const struct osec *s,
		       size_t recsz, size_t *count)
{
	void *p;

	if (s->sh.sh_type != SHT_PROGBITS || !s->bytes) {
		mk_err(mk, "%s: %s: metadata section without contents", e->path,
		       s->name);
		return NULL;
	}
	if (s->sh.sh_size % recsz) {
		mk_err(mk, "%s: %s: %llu bytes, not a multiple of the %zu-byte record",
		       e->path, s->name, (unsigned long long)s->sh.sh_size, recsz);
		return NULL;
	}
	*count = s->sh.sh_size / recsz;
	p = xzalloc(s->sh.sh_size);
	memcpy(p, s->bytes, s->sh.sh_size);
	return p;
}

/*
 * Rules by type, keeping the order within a type: the compiler emits the
 * records of one file in an order of its own, and the list reads better.
 */
static void sort_rules(struct earlymod_rule *r, size_t n)
{
	size_t i, j;

	for (i = 1; r && i < n; i++) {
		struct earlymod_rule t = r[i];

		for (j = i; j > 0 && r[j - 1].type > t.type; j--)
			r[j] = r[j - 1];
		r[j] = t;
	}
}

static void collect_meta(struct mk *mk, struct entry *e)
{
	const struct osec *info = NULL, *rules = NULL, *deps = NULL, *use = NULL;
	size_t i, n = 0;
	void *p;

	for (i = 0; i < e->nsecs; i++) {
		const struct osec *s = &e->secs[i];

		if (!strcmp(s->name, EARLYMOD_SEC_INFO))
			info = s;
		else if (!strcmp(s->name, EARLYMOD_SEC_RULES))
			rules = s;
		else if (!strcmp(s->name, EARLYMOD_SEC_DEPS))
			deps = s;
		else if (!strcmp(s->name, EARLYMOD_SEC_VMLINUX))
			use = s;
		else if (!strncmp(s->name, EARLYMOD_SEC_PREFIX,
				  strlen(EARLYMOD_SEC_PREFIX)))
			mk_err(mk, "%s: %s: unknown metadata section", e->path,
			       s->name);
	}
	if (!info) {
		mk_err(mk, "%s: no %s section: missing metadata (EARLYMOD_ENTRY())",
		       e->path, EARLYMOD_SEC_INFO);
		return;
	}
	p = read_meta(mk, e, info, sizeof(struct earlymod_info), &n);
	if (p && n != 1)
		mk_err(mk, "%s: %s: %zu records, exactly one EARLYMOD_ENTRY() expected",
		       e->path, info->name, n);
	if (p && n == 1) {
		memcpy(&e->info, p, sizeof(e->info));
		if (!memchr(e->info.name, 0, sizeof(e->info.name)) ||
		    !e->info.name[0])
			mk_err(mk, "%s: %s: entry name empty or not NUL-terminated",
			       e->path, info->name);
		else	/* NUL-padded; INFO keeps the object's bytes */
			memcpy(e->name, e->info.name, strlen(e->info.name));
	}
	free(p);
	if (rules) {
		e->rules = read_meta(mk, e, rules, sizeof(struct earlymod_rule),
				     &e->nrules);
		sort_rules(e->rules, e->nrules);
	}
	if (deps) {
		e->deps = read_meta(mk, e, deps, sizeof(struct earlymod_dep),
				    &e->ndeps);
		if (e->ndeps > EARLYMOD_MAX_DEPS)
			mk_err(mk, "%s: %s: %zu dependencies, at most %u allowed",
			       e->path, deps->name, e->ndeps, EARLYMOD_MAX_DEPS);
		for (i = 0; e->deps && i < e->ndeps; i++)
			if (!memchr(e->deps[i].name, 0, EARLYMOD_NAME_LEN))
				mk_err(mk, "%s: %s+0x%zx: dependency name not NUL-terminated",
				       e->path, deps->name, i * sizeof(*e->deps));
	}
	if (use) {
		e->use_vm = read_meta(mk, e, use, sizeof(*e->use_vm), &e->nuse_vm);
		for (i = 0; e->use_vm && i < e->nuse_vm; i++)
			if (!memchr(e->use_vm[i].name, 0, sizeof(e->use_vm[i].name)))
				mk_err(mk, "%s: %s+0x%zx: symbol name not NUL-terminated",
				       e->path, use->name, i * sizeof(*e->use_vm));
	}
}

/*
 * EARLYMOD_USE_VMLINUX(): each name must be a global data or function
 * definition of the entry's objects that vmlinux defines too, with the same
 * size; the entry's symbol is marked, so that its references resolve to
 * vmlinux's and no fixup is made for it.
 */
static void mark_use_vmlinux(struct mk *mk, struct entry *e)
{
	size_t i, j, v;

	for (i = 0; i < e->nuse_vm; i++) {
		const char *name = e->use_vm[i].name;
		struct osym *o = NULL;

		for (j = 1; j < e->nsyms; j++)
			if (e->syms[j].global && e->syms[j].sym.st_shndx != SHN_UNDEF &&
			    !strcmp(e->syms[j].name, name))
				o = &e->syms[j];
		if (!o) {
			mk_err(mk, "%s: %s: '%s' is not a global definition of the entry",
			       e->path, EARLYMOD_SEC_VMLINUX, name);
			continue;
		}
		if (!strmap_get(&mk->vm.globals, name, &v)) {
			mk_err(mk, "%s: %s: vmlinux does not define '%s' (define it in the entry's fallbacks)",
			       e->path, EARLYMOD_SEC_VMLINUX, name);
			continue;
		}
		if (mk->vm.syms[v].size != o->sym.st_size ||
		    mk->vm.syms[v].percpu !=
		    (e->secs[o->shndx].cls == EARLYMOD_CLASS_PERCPU)) {
			mk_err(mk, "%s: %s: '%s' is %llu bytes%s in the entry, %llu%s in vmlinux",
			       e->path, EARLYMOD_SEC_VMLINUX, name,
			       (unsigned long long)o->sym.st_size,
			       e->secs[o->shndx].cls == EARLYMOD_CLASS_PERCPU ?
			       " of per-CPU data" : "",
			       (unsigned long long)mk->vm.syms[v].size,
			       mk->vm.syms[v].percpu ? " of per-CPU data" : "");
			continue;
		}
		o->use_vmlinux = 1;
	}
}

static int site_is_zero(const struct osec *s, uint64_t off, unsigned int w)
{
	unsigned int i;

	for (i = 0; i < w; i++)
		if (s->bytes[off + i])
			return 0;
	return 1;
}

static void collect_relocs(struct mk *mk, struct entry *e, Elf_Scn *scn,
			   const GElf_Shdr *sh, size_t symtab_shndx)
{
	const struct osec *rs = &e->secs[elf_ndxscn(scn)];
	const struct osec *site;
	Elf_Data *d;
	size_t i, n;

	if (sh->sh_info >= e->nsecs || sh->sh_info == 0) {
		mk_err(mk, "%s: %s: target section index %u out of range",
		       e->path, rs->name, sh->sh_info);
		return;
	}
	site = &e->secs[sh->sh_info];
	if (!strncmp(site->name, EARLYMOD_SEC_PREFIX, strlen(EARLYMOD_SEC_PREFIX))) {
		mk_err(mk, "%s: %s: metadata must not need relocation (pointers in EARLYMOD_*()?)",
		       e->path, site->name);
		return;
	}
	if (site->cls == SEC_DROP)
		return;
	if (sh->sh_type == SHT_REL) {
		mk_err(mk, "%s: %s: REL relocations (x86-64 objects use RELA)",
		       e->path, rs->name);
		return;
	}
	if (sh->sh_link != symtab_shndx || sh->sh_entsize != sizeof(Elf64_Rela)) {
		mk_err(mk, "%s: %s: bad symbol table link or entry size",
		       e->path, rs->name);
		return;
	}
	d = elf_getdata(scn, NULL);
	if (!d) {
		mk_err(mk, "%s: %s: elf_getdata: %s", e->path, rs->name,
		       elf_errmsg(-1));
		return;
	}
	n = d->d_size / sizeof(Elf64_Rela);
	for (i = 0; i < n; i++) {
		unsigned int type, w;
		const char *sname;
		struct orel *r;
		GElf_Rela rela;
		size_t sym;

		if (!gelf_getrela(d, (int)i, &rela)) {
			mk_err(mk, "%s: %s: gelf_getrela: %s", e->path, rs->name,
			       elf_errmsg(-1));
			return;
		}
		type = GELF_R_TYPE(rela.r_info);
		sym = GELF_R_SYM(rela.r_info);
		if (type == R_X86_64_NONE)
			continue;
		if (sym == 0 || sym >= e->nsyms) {
			mk_err(mk, "%s: %s+0x%llx: %s with symbol index %zu out of range",
			       e->path, site->name, (unsigned long long)rela.r_offset,
			       reloc_name(type), sym);
			continue;
		}
		sname = e->syms[sym].name;
		if (!reloc_supported(type)) {
			mk_err(mk, "%s: %s+0x%llx: unsupported relocation %s against '%s'",
			       e->path, site->name, (unsigned long long)rela.r_offset,
			       reloc_name(type), sname);
			continue;
		}
		w = emld_reloc_width(type);
		if (rela.r_offset > site->sh.sh_size ||
		    site->sh.sh_size - rela.r_offset < w) {
			mk_err(mk, "%s: %s+0x%llx: %s against '%s' outside the section",
			       e->path, site->name, (unsigned long long)rela.r_offset,
			       reloc_name(type), sname);
			continue;
		}
		if (!site->bytes) {
			mk_err(mk, "%s: %s+0x%llx: %s against '%s' in a section without contents",
			       e->path, site->name, (unsigned long long)rela.r_offset,
			       reloc_name(type), sname);
			continue;
		}
		if (!site_is_zero(site, rela.r_offset, w)) {
			mk_err(mk, "%s: %s+0x%llx: %s against '%s': site bytes are not zero",
			       e->path, site->name, (unsigned long long)rela.r_offset,
			       reloc_name(type), sname);
			continue;
		}
		r = vec_push(&e->rels);
		r->sec = sh->sh_info;
		r->off = rela.r_offset;
		r->type = type;
		r->sym = sym;
		r->addend = rela.r_addend;
	}
}

static int collect_object(struct mk *mk, struct entry *e)
{
	size_t shstrndx, symtab_shndx = 0, i;
	unsigned int errors = mk->errors;
	Elf_Scn *scn = NULL;
	struct symtab st;
	GElf_Ehdr eh;

	vec_init(&e->rels, sizeof(struct orel));
	vec_init(&e->fixes, sizeof(struct ofix));
	vec_init(&e->specials, sizeof(struct earlymod_special));
	strmap_init(&e->defs);

	e->elf = open_elf(mk, e->path, &e->fd, &eh, ET_REL);
	if (!e->elf)
		return -1;
	if (elf_getshdrnum(e->elf, &e->nsecs) || elf_getshdrstrndx(e->elf, &shstrndx)) {
		mk_err(mk, "%s: section count: %s", e->path, elf_errmsg(-1));
		return -1;
	}
	if (!e->nsecs) {
		mk_err(mk, "%s: no sections", e->path);
		return -1;
	}
	e->secs = xzalloc(e->nsecs * sizeof(*e->secs));
	e->secs[0].name = "";
	e->secs[0].cls = SEC_DROP;
	while ((scn = elf_nextscn(e->elf, scn))) {
		struct osec *s = &e->secs[elf_ndxscn(scn)];
		const char *why;

		if (!gelf_getshdr(scn, &s->sh)) {
			mk_err(mk, "%s: section %zu: gelf_getshdr: %s", e->path,
			       elf_ndxscn(scn), elf_errmsg(-1));
			return -1;
		}
		s->name = sec_name(mk, e->path, e->elf, shstrndx, scn, &s->sh);
		if (!s->name) {
			/* reported; nothing more to say about a nameless one */
			s->name = "?";
			s->cls = SEC_DROP;
			continue;
		}
		if (s->sh.sh_type == SHT_SYMTAB) {
			if (symtab_shndx)
				mk_err(mk, "%s: more than one symbol table", e->path);
			symtab_shndx = elf_ndxscn(scn);
		}
		if (classify_section(s->name, &s->sh, s, &why)) {
			mk_err(mk, "%s: %s: %s", e->path, s->name, why);
			continue;
		}
		if ((s->cls != SEC_DROP || !strncmp(s->name, EARLYMOD_SEC_PREFIX,
						    strlen(EARLYMOD_SEC_PREFIX))) &&
		    s->sh.sh_type != SHT_NOBITS) {
			s->bytes = sec_bytes(mk, e->path, e->elf, scn, &s->sh,
					     s->name);
			if (!s->bytes && s->sh.sh_size)
				s->cls = SEC_DROP;
		}
		if (s->cls == SEC_DROP)
			continue;
		if (s->sh.sh_addralign & (s->sh.sh_addralign - 1) ||
		    s->sh.sh_addralign > EARLYMOD_MAX_CLASS_ALIGN)
			mk_err(mk, "%s: %s: alignment %llu (a power of two up to %u expected)",
			       e->path, s->name, (unsigned long long)s->sh.sh_addralign,
			       EARLYMOD_MAX_CLASS_ALIGN);
		/* NOBITS has no bytes to bound it: the class limit does. */
		if (s->sh.sh_size > MK_MAX_CLASS_SIZE)
			mk_err(mk, "%s: %s: %llu bytes, more than a class may hold (%u)",
			       e->path, s->name, (unsigned long long)s->sh.sh_size,
			       MK_MAX_CLASS_SIZE);
	}
	if (mk->errors != errors)
		return -1;
	if (!symtab_shndx) {
		mk_err(mk, "%s: no symbol table", e->path);
		return -1;
	}
	collect_meta(mk, e);

	if (open_symtab(mk, e->path, e->elf, symtab_shndx, &st))
		return -1;
	e->nsyms = st.n;
	e->syms = xzalloc((st.n ? st.n : 1) * sizeof(*e->syms));
	for (i = 1; i < st.n; i++) {
		struct osym *o = &e->syms[i];
		int bind, type;

		if (get_sym(mk, e->path, e->elf, &st, i, &o->sym, &o->shndx, &o->name))
			return -1;
		bind = GELF_ST_BIND(o->sym.st_info);
		type = GELF_ST_TYPE(o->sym.st_info);
		o->global = bind == STB_GLOBAL || bind == STB_WEAK;
		if (o->sym.st_shndx == SHN_COMMON) {
			mk_err(mk, "%s: common symbol '%s' (compile with -fno-common)",
			       e->path, o->name);
			continue;
		}
		if (o->sym.st_shndx == SHN_UNDEF || o->sym.st_shndx == SHN_ABS)
			continue;
		if (o->shndx >= e->nsecs) {
			mk_err(mk, "%s: symbol '%s': section index %zu out of range",
			       e->path, o->name, o->shndx);
			continue;
		}
		if (type == STT_SECTION)
			o->name = e->secs[o->shndx].name;
	}
	mark_use_vmlinux(mk, e);
	for (i = 1; i < st.n; i++) {
		const struct osym *o = &e->syms[i];
		int type = GELF_ST_TYPE(o->sym.st_info);

		if (o->global && !o->use_vmlinux && o->shndx < e->nsecs &&
		    o->sym.st_shndx != SHN_UNDEF && o->sym.st_shndx != SHN_ABS &&
		    o->sym.st_shndx != SHN_COMMON &&
		    e->secs[o->shndx].cls != SEC_DROP &&
		    type != STT_SECTION && type != STT_FILE && *o->name)
			strmap_put(&e->defs, o->name, i);
	}
	if (mk->errors != errors)
		return -1;

	scn = NULL;
	while ((scn = elf_nextscn(e->elf, scn))) {
		GElf_Shdr sh;

		if (!gelf_getshdr(scn, &sh)) {
			mk_err(mk, "%s: section %zu: gelf_getshdr: %s", e->path,
			       elf_ndxscn(scn), elf_errmsg(-1));
			return -1;
		}
		if (sh.sh_type == SHT_RELA || sh.sh_type == SHT_REL)
			collect_relocs(mk, e, scn, &sh, symtab_shndx);
	}
	/* rules that name the entry's DMI tables need its data and relocations */
	if (mk->errors == errors)
		expand_dmi_tables(mk, e);
	return mk->errors != errors ? -1 : 0;
}

int collect(struct mk *mk)
{
	size_t i;

	if (collect_vmlinux(mk))
		return -1;
	for (i = 0; i < mk->nents; i++)
		collect_object(mk, &mk->ents[i]);
	return mk->errors ? -1 : 0;
}

/* =========================================================================
 * resolve
 */
static struct entry *find_entry(struct mk *mk, const char *name)
{
	size_t i;

	for (i = 0; i < mk->nents; i++)
		if (!strcmp(mk->ents[i].name, name))
			return &mk->ents[i];
	return NULL;
}

static int cmp_entry_name(const void *a, const void *b)
{
	const struct entry *x = *(struct entry *const *)a;
	const struct entry *y = *(struct entry *const *)b;

	return strcmp(x->name, y->name);
}

static void resolve_deps(struct mk *mk)
{
	size_t i, j, k;

	for (i = 0; i < mk->nents; i++) {
		struct entry *e = &mk->ents[i];

		for (j = i + 1; j < mk->nents; j++)
			if (!strcmp(e->name, mk->ents[j].name))
				mk_err(mk, "%s: duplicate entry name '%s' (also in %s)",
				       mk->ents[j].path, e->name, e->path);
		for (j = 0; j < e->ndeps; j++) {
			const char *dn = e->deps[j].name;

			for (k = 0; k < j; k++)
				if (!strcmp(e->deps[k].name, dn))
					mk_err(mk, "%s: %s: '%s' listed twice",
					       e->path, EARLYMOD_SEC_DEPS, dn);
			e->dep[j] = find_entry(mk, dn);
			if (!e->dep[j])
				mk_err(mk, "%s: %s: depends on '%s', which is not in the pack",
				       e->path, EARLYMOD_SEC_DEPS, dn);
			else if (e->dep[j] == e)
				mk_err(mk, "%s: %s: '%s' depends on itself",
				       e->path, EARLYMOD_SEC_DEPS, dn);
		}
	}
}

/*
 * Dependencies first; among the entries that are ready, by name, so the
 * order never depends on the command line.
 */
static void resolve_order(struct mk *mk)
{
	struct entry **byname = xzalloc(mk->nents * sizeof(*byname));
	size_t i, j, done = 0;

	mk->order = xzalloc(mk->nents * sizeof(*mk->order));
	for (i = 0; i < mk->nents; i++)
		byname[i] = &mk->ents[i];
	qsort(byname, mk->nents, sizeof(*byname), cmp_entry_name);

	while (done < mk->nents) {
		struct entry *ready = NULL;

		for (i = 0; i < mk->nents && !ready; i++) {
			struct entry *e = byname[i];

			if (e->mark)
				continue;
			for (j = 0; j < e->ndeps; j++)
				if (!e->dep[j]->mark)
					break;
			if (j == e->ndeps)
				ready = e;
		}
		if (!ready)
			break;
		ready->mark = 1;
		mk->order[done++] = ready;
	}
	if (done < mk->nents) {
		/* Walk unfinished dependencies until an entry repeats. */
		struct entry *path[EARLYMOD_MAX_ENTRIES + 1], *e = NULL;
		char msg[EARLYMOD_MAX_ENTRIES * (EARLYMOD_NAME_LEN + 4) + 1];
		size_t n = 0, start = 0, len = 0;

		for (i = 0; i < mk->nents && !e; i++)
			if (!byname[i]->mark)
				e = byname[i];
		while (n <= EARLYMOD_MAX_ENTRIES) {
			for (start = 0; start < n; start++)
				if (path[start] == e)
					break;
			if (start < n)
				break;
			path[n++] = e;
			for (j = 0; j < e->ndeps; j++)
				if (!e->dep[j]->mark)
					break;
			e = e->dep[j];
		}
		msg[0] = 0;
		for (i = start; i < n; i++)
			len += snprintf(msg + len, sizeof(msg) - len, "%s -> ",
					path[i]->name);
		snprintf(msg + len, sizeof(msg) - len, "%s", path[start]->name);
		mk_err(mk, "%s: dependency cycle: %s", path[start]->path, msg);
	}
	free(byname);
}

/* Give every undefined symbol that a relocation uses a target. */
static void resolve_symbols(struct mk *mk, struct entry *e)
{
	struct vmlinux *vm = &mk->vm;
	size_t i, j, idx;

	for (i = 0; i < e->rels.n; i++) {
		const struct orel *r = VEC_AT(&e->rels, struct orel, i);
		const struct osec *site = &e->secs[r->sec];
		struct osym *o = &e->syms[r->sym];

		if (o->target != T_NONE)
			continue;
		if (o->sym.st_shndx == SHN_ABS) {
			mk_err(mk, "%s: %s+0x%llx: %s against absolute symbol '%s'",
			       e->path, site->name, (unsigned long long)r->off,
			       reloc_name(r->type), o->name);
			o->target = -1;
			continue;
		}
		if (o->sym.st_shndx != SHN_UNDEF && !o->use_vmlinux) {
			if (e->secs[o->shndx].cls == SEC_DROP) {
				mk_err(mk, "%s: %s+0x%llx: %s against '%s' in discarded section %s",
				       e->path, site->name, (unsigned long long)r->off,
				       reloc_name(r->type), o->name,
				       e->secs[o->shndx].name);
				o->target = -1;
			} else {
				o->target = T_LOCAL;
			}
			continue;
		}
		for (j = 0; j < e->ndeps; j++) {
			if (strmap_get(&e->dep[j]->defs, o->name, &idx)) {
				o->target = T_DEP;
				o->dep = (int)j;
				o->dep_sym = idx;
				break;
			}
		}
		if (o->target != T_NONE)
			continue;
		if (*o->name && strmap_get(&vm->globals, o->name, &idx)) {
			const struct vsym *v = &vm->syms[idx];

			o->value = v->value;
			if (v->percpu) {
				o->target = T_PERCPU;
				continue;
			}
			o->target = T_VMLINUX;
			if (v->value < vm->link_text)
				mk_err(mk, "%s: %s+0x%llx: %s against '%s': vmlinux address 0x%llx below _text",
				       e->path, site->name, (unsigned long long)r->off,
				       reloc_name(r->type), o->name,
				       (unsigned long long)v->value);
			continue;
		}
		mk_err(mk, "%s: %s+0x%llx: %s against undefined symbol '%s' (not in vmlinux%s)",
		       e->path, site->name, (unsigned long long)r->off,
		       reloc_name(r->type), o->name,
		       e->ndeps ? " nor in a dependency" : "");
		o->target = -1;
	}
}

/* The vmlinux section holding an address, for messages. */
static const char *vm_where(struct mk *mk, size_t shndx, uint64_t addr,
			    uint64_t *off)
{
	Elf_Scn *scn = elf_getscn(mk->vm.elf, shndx);
	const char *name;
	size_t shstrndx;
	GElf_Shdr sh;

	*off = addr;
	if (!scn || !gelf_getshdr(scn, &sh) ||
	    elf_getshdrstrndx(mk->vm.elf, &shstrndx))
		return "?";
	*off = addr - sh.sh_addr;
	name = sec_name(mk, mk->vm.path, mk->vm.elf, shstrndx, scn, &sh);
	return name ? name : "?";
}

struct fixref {
	struct entry	*e;
	size_t		sym;
};

static void resolve_rela_sec(struct mk *mk, Elf_Scn *scn, const GElf_Shdr *sh,
			     const struct fixref *fix)
{
	struct vmlinux *vm = &mk->vm;
	Elf_Scn *tscn = elf_getscn(vm->elf, sh->sh_info);
	Elf_Data *d;
	GElf_Shdr tsh;
	size_t i, n;

	if (!tscn || !gelf_getshdr(tscn, &tsh)) {
		mk_err(mk, "%s: relocation target section %u: %s", vm->path,
		       sh->sh_info, elf_errmsg(-1));
		return;
	}
	if (!(tsh.sh_flags & SHF_ALLOC))
		return;
	d = elf_getdata(scn, NULL);
	if (!d) {
		mk_err(mk, "%s: section %zu: elf_getdata: %s", vm->path,
		       elf_ndxscn(scn), elf_errmsg(-1));
		return;
	}
	n = d->d_size / sizeof(Elf64_Rela);
	for (i = 0; i < n; i++) {
		const struct fixref *f;
		unsigned int type;
		const char *where;
		struct ofix *x;
		GElf_Rela rela;
		uint64_t off;
		size_t sym;

		if (!gelf_getrela(d, (int)i, &rela)) {
			mk_err(mk, "%s: section %zu+0x%zx: gelf_getrela: %s",
			       vm->path, elf_ndxscn(scn), i * sizeof(Elf64_Rela),
			       elf_errmsg(-1));
			return;
		}
		sym = GELF_R_SYM(rela.r_info);
		type = GELF_R_TYPE(rela.r_info);
		if (sym >= vm->nsyms || !fix[sym].e || type == R_X86_64_NONE)
			continue;
		f = &fix[sym];
		where = vm_where(mk, sh->sh_info, rela.r_offset, &off);
		if (sh->sh_info == vm->percpu_shndx) {
			mk_err(mk, "%s: %s+0x%llx: per-CPU initializer refers to '%s' (defined by %s): per-CPU sites cannot be patched",
			       vm->path, where, (unsigned long long)off,
			       vm->syms[sym].name, f->e->path);
			continue;
		}
		if (!reloc_supported(type) || type == R_X86_64_32) {
			mk_err(mk, "%s: %s+0x%llx: %s against '%s' (defined by %s) cannot be patched",
			       vm->path, where, (unsigned long long)off,
			       reloc_name(type), vm->syms[sym].name, f->e->path);
			continue;
		}
		if (f->e->secs[f->e->syms[f->sym].shndx].cls == EARLYMOD_CLASS_PERCPU) {
			mk_err(mk, "%s: %s+0x%llx: %s against per-CPU '%s' (defined by %s): per-CPU fallbacks are not supported",
			       vm->path, where, (unsigned long long)off,
			       reloc_name(type), vm->syms[sym].name, f->e->path);
			continue;
		}
		x = vec_push(&f->e->fixes);
		x->site = rela.r_offset;
		x->old_value = vm->syms[sym].value + rela.r_addend;
		x->type = type;
		x->sym = f->sym;
		x->addend = rela.r_addend;
	}
}

/*
 * The fallback convention: a global symbol that an entry defines and vmlinux
 * defines too is the generated fallback; every retained vmlinux relocation
 * against it is a site to point at the entry when it is linked.
 */
static void resolve_fixups(struct mk *mk)
{
	struct vmlinux *vm = &mk->vm;
	struct fixref *fix = xzalloc(vm->nsyms * sizeof(*fix));
	Elf_Scn *scn = NULL;
	size_t i, j, v, nrela = 0, nfallbacks = 0;

	for (i = 0; i < mk->nents; i++) {
		struct entry *e = &mk->ents[i];

		for (j = 1; j < e->nsyms; j++) {
			const struct osym *o = &e->syms[j];
			size_t d;

			if (!strmap_get(&e->defs, o->name, &d) || d != j ||
			    !strmap_get(&vm->globals, o->name, &v))
				continue;
			if (fix[v].e) {
				mk_err(mk, "%s: '%s' is defined by %s too, and vmlinux has one fallback",
				       e->path, o->name, fix[v].e->path);
				continue;
			}
			if (vm->syms[v].percpu !=
			    (e->secs[o->shndx].cls == EARLYMOD_CLASS_PERCPU)) {
				mk_err(mk, "%s: '%s': per-CPU in one of the entry and its vmlinux fallback only",
				       e->path, o->name);
				continue;
			}
			fix[v].e = e;
			fix[v].sym = j;
			nfallbacks++;
		}
	}
	while ((scn = elf_nextscn(vm->elf, scn))) {
		GElf_Shdr sh;

		if (!gelf_getshdr(scn, &sh)) {
			mk_err(mk, "%s: section %zu: gelf_getshdr: %s", vm->path,
			       elf_ndxscn(scn), elf_errmsg(-1));
			break;
		}
		if (sh.sh_type != SHT_RELA || sh.sh_link != vm->symtab_shndx)
			continue;
		nrela++;
		if (sh.sh_entsize != sizeof(Elf64_Rela)) {
			mk_err(mk, "%s: relocation section entry size %llu",
			       vm->path, (unsigned long long)sh.sh_entsize);
			continue;
		}
		resolve_rela_sec(mk, scn, &sh, fix);
	}
	/* Without them every fallback would silently stay in place. */
	if (nfallbacks && !nrela)
		mk_err(mk, "%s: no relocation sections, so no fallback site can be found (link vmlinux with --emit-relocs)",
		       vm->path);
	free(fix);
}

int resolve(struct mk *mk)
{
	size_t i;

	if (mk->nents > EARLYMOD_MAX_ENTRIES) {
		mk_err(mk, "%zu entries, at most %u fit in a pack", mk->nents,
		       EARLYMOD_MAX_ENTRIES);
		return -1;
	}
	resolve_deps(mk);
	if (mk->errors)
		return -1;
	resolve_order(mk);
	for (i = 0; i < mk->nents; i++)
		resolve_symbols(mk, &mk->ents[i]);
	resolve_fixups(mk);
	return mk->errors ? -1 : 0;
}

/* =========================================================================
 * layout
 */
struct placing {
	struct osec	*s;
	size_t		index;
};

static int cmp_placing(const void *a, const void *b)
{
	const struct placing *x = a, *y = b;

	if (x->s->rank != y->s->rank)
		return x->s->rank < y->s->rank ? -1 : 1;
	if (x->s->kind != y->s->kind)
		return x->s->kind < y->s->kind ? -1 : 1;
	if (x->s->arg != y->s->arg)
		return x->s->arg < y->s->arg ? -1 : 1;
	/*
	 * Exports by name, as SORT(___ksymtab+*) in the kernel's linker
	 * scripts: the module code looks them up by binary search.
	 */
	if (x->s->kind == EARLYMOD_SPECIAL_KSYMTAB ||
	    x->s->kind == EARLYMOD_SPECIAL_KSYMTAB_GPL)
		return strcmp(x->s->name, y->s->name);
	return x->index < y->index ? -1 : x->index > y->index;
}

static unsigned int special_entsize(unsigned int kind)
{
#define ENTSZ_CASE(n, v, s, e)	case v: return e;
	switch (kind) {
	EARLYMOD_SPECIALS(ENTSZ_CASE)
	}
#undef ENTSZ_CASE
	return 0;
}

static void layout_class(struct mk *mk, struct entry *e, int c)
{
	struct class_img *ci = &e->cls[c];
	struct placing *pl = xzalloc(e->nsecs * sizeof(*pl));
	uint64_t size = 0;
	size_t i, n = 0;

	ci->align = 1;
	for (i = 0; i < e->nsecs; i++)
		if (e->secs[i].cls == c)
			pl[n++] = (struct placing){ &e->secs[i], i };
	qsort(pl, n, sizeof(*pl), cmp_placing);

	for (i = 0; i < n; i++) {
		struct osec *s = pl[i].s;
		uint64_t a = s->sh.sh_addralign ? s->sh.sh_addralign : 1;

		size = (size + a - 1) & ~(a - 1);
		s->off = (uint32_t)size;
		size += s->sh.sh_size;
		if (a > ci->align)
			ci->align = (uint32_t)a;
		/* before buf_zero() below allocates it */
		if (size > MK_MAX_CLASS_SIZE) {
			mk_err(mk, "%s: class %s: %llu bytes, more than a class may hold (%u)",
			       e->path, emld_class_name(c),
			       (unsigned long long)size, MK_MAX_CLASS_SIZE);
			free(pl);
			return;
		}
	}
	ci->size = (uint32_t)size;
	if (c != EARLYMOD_CLASS_BSS)
		buf_zero(&ci->bytes, size);

	for (i = 0; i < n; i++) {
		struct osec *s = pl[i].s;
		struct earlymod_special *sp;

		if (s->bytes && c != EARLYMOD_CLASS_BSS)
			memcpy(ci->bytes.p + s->off, s->bytes, s->sh.sh_size);
		else if (s->bytes) {
			uint64_t k;

			for (k = 0; k < s->sh.sh_size; k++)
				if (s->bytes[k])
					break;
			if (k < s->sh.sh_size)
				mk_err(mk, "%s: %s+0x%llx: initialized bytes in a .bss section",
				       e->path, s->name, (unsigned long long)k);
		}
		if (!s->kind || !s->sh.sh_size)
			continue;
		sp = e->specials.n ? VEC_AT(&e->specials, struct earlymod_special,
					    e->specials.n - 1) : NULL;
		if (sp && sp->kind == (uint32_t)s->kind && sp->arg == s->arg &&
		    sp->class == (uint32_t)c && sp->offset + sp->size == s->off) {
			sp->size += (uint32_t)s->sh.sh_size;
			continue;
		}
		sp = vec_push(&e->specials);
		sp->kind = s->kind;
		sp->arg = s->arg;
		sp->class = c;
		sp->offset = s->off;
		sp->size = (uint32_t)s->sh.sh_size;
		sp->entsize = special_entsize(s->kind);
	}
	free(pl);
}

int layout(struct mk *mk)
{
	size_t i, k;
	int c;

	for (i = 0; i < mk->nents; i++) {
		struct entry *e = &mk->ents[i];

		for (c = 0; c < EARLYMOD_NR_CLASSES; c++)
			layout_class(mk, e, c);
		for (k = 0; k < e->specials.n; k++) {
			const struct earlymod_special *sp =
				VEC_AT(&e->specials, struct earlymod_special, k);

			if (sp->entsize && sp->size % sp->entsize)
				mk_err(mk, "%s: %s: %u bytes, not a multiple of the %u-byte record",
				       e->path, emld_special_name(sp->kind), sp->size,
				       sp->entsize);
		}
	}
	return mk->errors ? -1 : 0;
}

/* =========================================================================
 * emit
 */
static int cmp_reloc(const void *a, const void *b)
{
	const struct earlymod_reloc *x = a, *y = b;

	if (x->site_class != y->site_class)
		return x->site_class < y->site_class ? -1 : 1;
	return x->offset < y->offset ? -1 : x->offset > y->offset;
}

static int cmp_fixup(const void *a, const void *b)
{
	const struct earlymod_fixup *x = a, *y = b;

	return x->site < y->site ? -1 : x->site > y->site;
}

/* Symbols sort by class, offset, then name (names are compared at emit). */
struct symrec {
	struct earlymod_sym	s;
	const char		*name;
};

static int cmp_sym(const void *a, const void *b)
{
	const struct symrec *x = a, *y = b;
	int d;

	if (x->s.class != y->s.class)
		return x->s.class < y->s.class ? -1 : 1;
	if (x->s.value != y->s.value)
		return x->s.value < y->s.value ? -1 : 1;
	d = strcmp(x->name, y->name);
	if (d)
		return d;
	if (x->s.size != y->s.size)
		return x->s.size < y->s.size ? -1 : 1;
	return memcmp(&x->s, &y->s, sizeof(x->s));
}

static void put_item(struct buf *b, uint32_t type, uint32_t entsize,
		     const void *p, size_t len)
{
	struct earlymod_item it = {
		.type = type,
		.length = (uint32_t)len,
		.entsize = entsize,
	};

	buf_put(b, &it, sizeof(it));
	buf_put(b, p, len);
	buf_pad(b, EARLYMOD_ALIGN);
}

static uint32_t sym_class_off(const struct entry *e, size_t sym, int *cls)
{
	const struct osym *o = &e->syms[sym];
	const struct osec *s = &e->secs[o->shndx];

	*cls = s->cls;
	return s->off;
}

static void emit_relocs(struct entry *e, struct buf *b)
{
	struct earlymod_reloc *rr = xzalloc(e->rels.n * sizeof(*rr));
	size_t i;

	for (i = 0; i < e->rels.n; i++) {
		const struct orel *r = VEC_AT(&e->rels, struct orel, i);
		const struct osym *o = &e->syms[r->sym];
		struct earlymod_reloc *x = &rr[i];
		int cls;

		x->offset = (uint32_t)(e->secs[r->sec].off + r->off);
		x->site_class = (uint8_t)e->secs[r->sec].cls;
		x->type = (uint8_t)r->type;
		x->target = (uint8_t)o->target;
		switch (o->target) {
		case T_LOCAL:
			x->value = sym_class_off(e, r->sym, &cls) +
				   o->sym.st_value + r->addend;
			x->target_class = (uint8_t)cls;
			break;
		case T_DEP: {
			const struct entry *d = e->dep[o->dep];

			x->value = sym_class_off(d, o->dep_sym, &cls) +
				   d->syms[o->dep_sym].sym.st_value + r->addend;
			x->target_class = (uint8_t)cls;
			x->dep_index = (uint16_t)o->dep;
			break;
		}
		default:	/* T_VMLINUX, T_PERCPU */
			x->value = o->value + r->addend;
			break;
		}
	}
	qsort(rr, e->rels.n, sizeof(*rr), cmp_reloc);
	put_item(b, EARLYMOD_ITEM_RELOCS, sizeof(*rr), rr, e->rels.n * sizeof(*rr));
	free(rr);
}

static void emit_fixups(struct entry *e, struct buf *b)
{
	struct earlymod_fixup *ff = xzalloc(e->fixes.n * sizeof(*ff));
	size_t i;

	for (i = 0; i < e->fixes.n; i++) {
		const struct ofix *f = VEC_AT(&e->fixes, struct ofix, i);
		int cls;

		ff[i].site = f->site;
		ff[i].old_value = f->old_value;
		ff[i].value = sym_class_off(e, f->sym, &cls) +
			      e->syms[f->sym].sym.st_value + f->addend;
		ff[i].type = (uint8_t)f->type;
		ff[i].class = (uint8_t)cls;
	}
	qsort(ff, e->fixes.n, sizeof(*ff), cmp_fixup);
	put_item(b, EARLYMOD_ITEM_FIXUPS, sizeof(*ff), ff, e->fixes.n * sizeof(*ff));
	free(ff);
}

static void emit_syms(struct entry *e, struct buf *b)
{
	struct symrec *sr = xzalloc(e->nsyms * sizeof(*sr));
	struct earlymod_sym *out;
	struct buf strtab = { 0 };
	struct strmap seen;
	size_t i, n = 0, off;

	for (i = 1; i < e->nsyms; i++) {
		const struct osym *o = &e->syms[i];
		int type = GELF_ST_TYPE(o->sym.st_info), cls;

		if ((type != STT_FUNC && type != STT_OBJECT) || !*o->name ||
		    o->use_vmlinux ||
		    o->sym.st_shndx == SHN_UNDEF || o->sym.st_shndx == SHN_ABS ||
		    o->sym.st_shndx == SHN_COMMON ||
		    e->secs[o->shndx].cls == SEC_DROP)
			continue;
		sr[n].name = o->name;
		sr[n].s.value = sym_class_off(e, i, &cls) + (uint32_t)o->sym.st_value;
		sr[n].s.size = (uint32_t)o->sym.st_size;
		sr[n].s.class = (uint8_t)cls;
		sr[n].s.type = type == STT_FUNC ? EARLYMOD_SYM_FUNC : EARLYMOD_SYM_OBJECT;
		sr[n].s.flags = o->global ? EARLYMOD_SYM_F_GLOBAL : 0;
		n++;
	}
	qsort(sr, n, sizeof(*sr), cmp_sym);

	out = xzalloc(n * sizeof(*out));
	strmap_init(&seen);
	buf_zero(&strtab, 1);
	for (i = 0; i < n; i++) {
		if (!strmap_get(&seen, sr[i].name, &off)) {
			off = strtab.len;
			strmap_put(&seen, sr[i].name, off);
			buf_put(&strtab, sr[i].name, strlen(sr[i].name) + 1);
		}
		out[i] = sr[i].s;
		out[i].name = (uint32_t)off;
	}
	put_item(b, EARLYMOD_ITEM_SYMS, sizeof(*out), out, n * sizeof(*out));
	put_item(b, EARLYMOD_ITEM_STRTAB, 0, strtab.p, strtab.len);
	strmap_free(&seen);
	buf_free(&strtab);
	free(out);
	free(sr);
}

/* Class bytes without their zero tail: the loader zero-fills the rest. */
static uint32_t file_size(const struct class_img *ci)
{
	uint32_t n = (uint32_t)ci->bytes.len;

	while (n && !ci->bytes.p[n - 1])
		n--;
	return n;
}

static void emit_entry(struct entry *e)
{
	struct earlymod_class classes[EARLYMOD_NR_CLASSES];
	struct buf *b = &e->body, image = { 0 };
	struct earlymod_info info = e->info;
	int c;

	memset(classes, 0, sizeof(classes));
	for (c = 0; c < EARLYMOD_NR_CLASSES; c++) {
		const struct class_img *ci = &e->cls[c];
		uint32_t fs = c == EARLYMOD_CLASS_BSS ? 0 : file_size(ci);

		buf_pad(&image, EARLYMOD_ALIGN);
		classes[c].size = ci->size;
		classes[c].align = ci->align;
		classes[c].file_size = fs;
		classes[c].file_offset = fs ? (uint32_t)image.len : 0;
		buf_put(&image, ci->bytes.p, fs);
	}

	put_item(b, EARLYMOD_ITEM_INFO, sizeof(info), &info, sizeof(info));
	put_item(b, EARLYMOD_ITEM_DEPS, sizeof(*e->deps), e->deps,
		 e->ndeps * sizeof(*e->deps));
	put_item(b, EARLYMOD_ITEM_RULES, sizeof(*e->rules), e->rules,
		 e->nrules * sizeof(*e->rules));
	put_item(b, EARLYMOD_ITEM_CLASSES, sizeof(classes[0]), classes,
		 sizeof(classes));
	put_item(b, EARLYMOD_ITEM_IMAGE, 0, image.p, image.len);
	emit_relocs(e, b);
	emit_fixups(e, b);
	put_item(b, EARLYMOD_ITEM_SPECIAL, sizeof(struct earlymod_special),
		 e->specials.p, e->specials.n * sizeof(struct earlymod_special));
	emit_syms(e, b);
	buf_free(&image);
}

/* Build the pack in memory; emit() writes it. */
static void emit_pack(struct mk *mk, struct buf *pack)
{
	struct earlymod_pack_header h;
	struct earlymod_entry_desc *d;
	size_t i, off, tables;

	tables = sizeof(h) + mk->nents * sizeof(*d);
	off = earlymod_align((uint32_t)tables);
	d = xzalloc((mk->nents ? mk->nents : 1) * sizeof(*d));
	for (i = 0; i < mk->nents; i++) {
		struct entry *e = mk->order[i];

		emit_entry(e);
		memcpy(d[i].name, e->name, sizeof(d[i].name));
		d[i].offset = (uint32_t)off;
		d[i].size = (uint32_t)e->body.len;
		d[i].crc = earlymod_crc32c(0, e->body.p, (uint32_t)e->body.len);
		off = earlymod_align((uint32_t)(off + e->body.len));
	}

	memset(&h, 0, sizeof(h));
	h.magic = EARLYMOD_PACK_MAGIC;
	h.version = EARLYMOD_VERSION;
	h.header_size = sizeof(h);
	h.nr_entries = (uint32_t)mk->nents;
	h.entry_size = sizeof(*d);
	h.build_id_size = mk->vm.build_id_size;
	memcpy(h.build_id, mk->vm.build_id, sizeof(h.build_id));
	h.link_text = mk->vm.link_text;
	h.link_percpu_end = mk->vm.percpu_end;

	buf_put(pack, &h, sizeof(h));
	buf_put(pack, d, mk->nents * sizeof(*d));
	for (i = 0; i < mk->nents; i++) {
		buf_pad(pack, EARLYMOD_ALIGN);
		buf_put(pack, mk->order[i]->body.p, mk->order[i]->body.len);
	}
	if (pack->len > EARLYMOD_MAX_PACK_SIZE)
		die("%s: pack of %zu bytes, at most %u allowed", mk->out,
		    pack->len, EARLYMOD_MAX_PACK_SIZE);
	((struct earlymod_pack_header *)pack->p)->total_size = (uint32_t)pack->len;
	/* CRC over header + table with hdr_crc zero, then stored. */
	((struct earlymod_pack_header *)pack->p)->hdr_crc =
		earlymod_crc32c(0, pack->p, (uint32_t)tables);
	free(d);
}

/* The loader's own checks on what we built (mkimage/check.c). */
int check_pack(struct mk *mk, const uint8_t *p, size_t n);

int emit(struct mk *mk)
{
	struct buf pack = { 0 }, out = { 0 };
	int ret;

	emit_pack(mk, &pack);
	if (check_pack(mk, pack.p, pack.len)) {
		buf_free(&pack);
		return -1;
	}
	if (mk->cpio)
		cpio_wrap(&out, EARLYMOD_CPIO_PATH, pack.p, pack.len);
	else
		out = pack, pack = (struct buf){ 0 };
	ret = write_file_atomic(mk->out, out.p, out.len);
	buf_free(&pack);
	buf_free(&out);
	return ret;
}

void mk_free(struct mk *mk)
{
	size_t i;
	int c;

	for (i = 0; i < mk->nents; i++) {
		struct entry *e = &mk->ents[i];

		free(e->rules);
		free(e->deps);
		free(e->use_vm);
		free(e->secs);
		free(e->syms);
		strmap_free(&e->defs);
		vec_free(&e->rels);
		vec_free(&e->fixes);
		vec_free(&e->specials);
		for (c = 0; c < EARLYMOD_NR_CLASSES; c++)
			buf_free(&e->cls[c].bytes);
		buf_free(&e->body);
		if (e->elf) {
			elf_end(e->elf);
			close(e->fd);
		}
	}
	free(mk->ents);
	free(mk->order);
	free(mk->vm.syms);
	strmap_free(&mk->vm.globals);
	if (mk->vm.elf) {
		elf_end(mk->vm.elf);
		close(mk->vm.fd);
	}
}
