// SPDX-License-Identifier: GPL-2.0
/*
 * End-to-end test: this program plays vmlinux.  mkearlymod pre-linked the
 * entries alpha, beta and gamma against this very executable; here the
 * loader (loader/, the kernel's own files) validates the pack, selects,
 * lays the entries out in the low 2 GiB, relocates them, fills the per-CPU
 * template, and patches this program's own call sites and data references.
 * Then the linked code runs, both ways, on several "CPUs" (%gs bases).
 *
 *   e2e-host PACK      prints `ok ...` / `not ok ...`, exits 1 on failure
 */
#define _GNU_SOURCE
#include <asm/prctl.h>
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <link.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "loader/loader.h"
#include "tests/unit/read_file.h"
#include "host.h"

extern char _text[], __executable_start[], etext[], _end[];

#define NR_CPUS		3
#define PCPU_AREA	(64 * 1024)
#define REGION_SIZE	(1024 * 1024)

static int failures;

static void check(int cond, const char *name, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void check(int cond, const char *name, const char *fmt, ...)
{
	va_list ap;

	if (cond) {
		printf("ok e2e: %s\n", name);
		return;
	}
	failures++;
	printf("not ok e2e: %s - ", name);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

static void report(const char *what, const struct emld_error *err)
{
	printf("not ok e2e: %s - %s%s%s (%d) at pack offset 0x%x\n", what,
	       err->entry ? err->entry : "", err->entry ? ": " : "",
	       err->msg, err->err, err->offset);
	failures++;
}

/* This executable's GNU build-id, from its PT_NOTE segments. */
static int own_build_id(const uint8_t **id, uint32_t *len)
{
	const ElfW(Phdr) *ph = (const void *)getauxval(AT_PHDR);
	unsigned long i, n = getauxval(AT_PHNUM);

	for (i = 0; ph && i < n; i++) {
		const uint8_t *p, *end;

		if (ph[i].p_type != PT_NOTE)
			continue;
		/* non-PIE: p_vaddr is the address */
		p = (const uint8_t *)ph[i].p_vaddr;
		end = p + ph[i].p_memsz;
		while (p + sizeof(ElfW(Nhdr)) <= end) {
			const ElfW(Nhdr) *nh = (const void *)p;
			const uint8_t *name = p + sizeof(*nh);
			const uint8_t *desc = name + ((nh->n_namesz + 3) & ~3u);

			if (nh->n_type == NT_GNU_BUILD_ID && nh->n_namesz == 4 &&
			    !memcmp(name, "GNU", 4)) {
				*id = desc;
				*len = nh->n_descsz;
				return 0;
			}
			p = desc + ((nh->n_descsz + 3) & ~3u);
		}
	}
	return -1;
}

/* A mapping in the low 2 GiB, where PC32 and 32S reach this program. */
static uint8_t *map_low(size_t size)
{
	static const uintptr_t tries[] = { 0x10000000, 0x20000000, 0x30000000 };
	void *p;
	size_t i;

	for (i = 0; i < sizeof(tries) / sizeof(tries[0]); i++) {
		p = mmap((void *)tries[i], size, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
		if (p == (void *)tries[i])
			return p;
		if (p != MAP_FAILED)
			munmap(p, size);
	}
	p = mmap(NULL, size, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_32BIT, -1, 0);
	if (p == MAP_FAILED) {
		perror("mmap");
		exit(1);
	}
	return p;
}

static struct emld_entry *entry(struct emld_pack *pk, const char *name)
{
	uint32_t i;

	for (i = 0; i < pk->nr_entries; i++)
		if (!strcmp(pk->entries[i].name, name))
			return &pk->entries[i];
	return NULL;
}

/* An entry symbol's runtime address (per-CPU: its offset), from SYMS. */
static uintptr_t sym(const struct emld_entry *e, const char *name)
{
	uint32_t i;

	for (i = 0; e && i < e->nr_syms; i++) {
		const struct earlymod_sym *s = &e->syms[i];

		if (s->name < e->strtab_size && !strcmp(e->strtab + s->name, name))
			return (uintptr_t)(e->base[s->class] + s->value);
	}
	fprintf(stderr, "e2e: no symbol %s in %s\n", name, e ? e->name : "?");
	exit(1);
}

static void set_gs(void *base)
{
	if (syscall(SYS_arch_prctl, ARCH_SET_GS, (unsigned long)base)) {
		perror("arch_prctl(ARCH_SET_GS)");
		exit(1);
	}
}

static void *cpu_area[NR_CPUS];

/* Make CPU n's area current, as the kernel's GS base per CPU. */
static void on_cpu(int n)
{
	set_gs(cpu_area[n]);
}

static void *pcpu_slot(int cpu, void *var)
{
	return (char *)cpu_area[cpu] + ((char *)var - __per_cpu_start);
}

static void set_text_writable(int on)
{
	uintptr_t a = (uintptr_t)__executable_start & ~(uintptr_t)4095;
	uintptr_t b = ((uintptr_t)etext + 4095) & ~(uintptr_t)4095;

	if (mprotect((void *)a, b - a, PROT_READ | PROT_EXEC | (on ? PROT_WRITE : 0))) {
		perror("mprotect");
		exit(1);
	}
}

static int has_type(const struct emld_entry *e, unsigned int type)
{
	uint32_t i;

	for (i = 0; i < e->nr_relocs; i++)
		if (e->relocs[i].type == type)
			return 1;
	return 0;
}

int main(int argc, char **argv)
{
	struct emld_region text = { 0 }, data = { 0 }, percpu = { 0 };
	struct emld_region *regions[EARLYMOD_NR_CLASSES];
	struct emld_facts facts = { 0 };
	struct emld_expect expect = { 0 };
	struct emld_vmlinux vmx = { 0 };
	struct emld_range image;
	struct emld_error err;
	struct emld_pack *pk;
	struct emld_entry *a, *b, *g;
	uint8_t *buf, *tmpl;
	size_t len;
	uint32_t i, c;
	int n, ok;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc != 2) {
		fprintf(stderr, "usage: e2e-host PACK\n");
		return 2;
	}
	buf = read_file_aligned(argv[1], &len);
	pk = calloc(1, sizeof(*pk));
	if (!pk)
		return 1;

	/* --- the fallbacks answer before anything is linked ------------- */
	check(vm_call_alpha(5) == -1 && vm_read_alpha_data() == -7 &&
	      vm_call_beta(5) == -2 && vm_call_gamma() == -3 &&
	      vm_ops[0](1) == -1 && vm_ops[1](1) == -2,
	      "before linking, vmlinux reaches the fallbacks",
	      "alpha %d data %d beta %d gamma %d", vm_call_alpha(5),
	      vm_read_alpha_data(), vm_call_beta(5), vm_call_gamma());

	/* --- validate: bound to this executable ---------------------------- */
	if (own_build_id(&expect.build_id, &expect.build_id_len))
		check(0, "own build-id", "no NT_GNU_BUILD_ID note");
	expect.link_text = (uintptr_t)_text;
	expect.link_percpu_end = (uintptr_t)(__per_cpu_end - __per_cpu_start);
	if (emld_pack_validate(pk, buf, len, &expect, &err) < 0) {
		report("pack validates against this executable", &err);
		return 1;
	}
	check(pk->nr_entries == 3, "pack validates against this executable",
	      "%u entries", pk->nr_entries);
	for (i = 0, ok = 1; i < pk->nr_entries; i++) {
		if (emld_entry_validate(pk, i, &err) < 0) {
			report("entry validates", &err);
			ok = 0;
		}
	}
	if (!ok)
		return 1;
	a = entry(pk, "alpha");
	b = entry(pk, "beta");
	g = entry(pk, "gamma");
	check(a && b && g, "entries alpha, beta, gamma present", "missing");
	if (!a || !b || !g)
		return 1;
	check(has_type(a, EARLYMOD_R_X86_64_64) && has_type(a, EARLYMOD_R_X86_64_32) &&
	      has_type(a, EARLYMOD_R_X86_64_32S) && has_type(a, EARLYMOD_R_X86_64_PC32) &&
	      has_type(a, EARLYMOD_R_X86_64_PLT32) && has_type(a, EARLYMOD_R_X86_64_PC64),
	      "alpha carries 64, 32, 32S, PC32, PLT32 and PC64 relocations",
	      "a type is missing");

	/* --- select: an Intel machine without an ACPI "NONE" table --------- */
	facts.cpu_vendor = "GenuineIntel";
	facts.acpi_tables = "APICFACPDSDT";
	n = emld_select(pk, &facts, 0, &err);
	if (n < 0) {
		report("select", &err);
		return 1;
	}
	check(n == 2 && pk->order[0] == a->index && pk->order[1] == b->index &&
	      g->decision == EMLD_SKIP,
	      "select links alpha then beta (its dependency first), skips gamma",
	      "%d to link, gamma: %s", n, g->reason);

	/* --- layout: text and data apart, per-CPU after this program's ---- */
	text.ptr = map_low(REGION_SIZE);
	text.addr = (uintptr_t)text.ptr;
	text.size = REGION_SIZE;
	data.ptr = map_low(REGION_SIZE);
	data.addr = (uintptr_t)data.ptr;
	data.size = REGION_SIZE;
	tmpl = aligned_alloc(4096, PCPU_AREA);
	memset(tmpl, 0, PCPU_AREA);
	memcpy(tmpl, __per_cpu_start, (size_t)(__per_cpu_end - __per_cpu_start));
	percpu.addr = ((uintptr_t)(__per_cpu_end - __per_cpu_start) + 63) & ~63ul;
	percpu.ptr = tmpl + percpu.addr;
	percpu.size = (uint32_t)(PCPU_AREA - percpu.addr);
	for (c = 0; c < EARLYMOD_NR_CLASSES; c++)
		regions[c] = c == EARLYMOD_CLASS_TEXT || c == EARLYMOD_CLASS_INIT_TEXT ?
			     &text : c == EARLYMOD_CLASS_PERCPU ? &percpu : &data;

	image.addr = (uintptr_t)__executable_start;
	image.size = (uintptr_t)_end - (uintptr_t)__executable_start;
	image.ptr = (uint8_t *)__executable_start;
	vmx.ranges = &image;
	vmx.nr_ranges = 1;

	for (i = 0, ok = 1; i < pk->nr_order; i++) {
		struct emld_entry *e = &pk->entries[pk->order[i]];

		if (emld_layout(e, regions, &err) < 0 ||
		    emld_relocate(e, 0, &err) < 0 ||
		    emld_fixups_prepare(e, &vmx, &err) < 0) {
			report("layout, relocate, prepare", &err);
			ok = 0;
		}
	}
	if (!ok)
		return 1;
	check(1, "layout, relocate and prepare alpha and beta", "-");
	check(a->base[EARLYMOD_CLASS_TEXT] < (1ul << 31) &&
	      b->base[EARLYMOD_CLASS_TEXT] < (1ul << 31),
	      "entries placed in the low 2 GiB", "alpha text at 0x%llx",
	      (unsigned long long)a->base[EARLYMOD_CLASS_TEXT]);

	/* prepared but not committed: vmlinux still reaches the fallbacks */
	check(vm_call_alpha(5) == -1 && vm_read_alpha_data() == -7 &&
	      vm_ops[0](1) == -1,
	      "after prepare, before commit, vmlinux still reaches the fallbacks",
	      "alpha %d", vm_call_alpha(5));

	/* --- per-CPU: each CPU a copy of the filled template ------------- */
	for (n = 0; n < NR_CPUS; n++) {
		cpu_area[n] = aligned_alloc(4096, PCPU_AREA);
		memcpy(cpu_area[n], tmpl, PCPU_AREA);
		*(int *)pcpu_slot(n, &host_cpu_id) = n;
		*(unsigned long *)pcpu_slot(n, &host_this_cpu_off) =
			(unsigned long)cpu_area[n];
	}
	on_cpu(0);

	/* --- commit: patch this program's own text and data -------------- */
	set_text_writable(1);
	for (i = 0; i < pk->nr_order; i++)
		emld_fixups_commit(&pk->entries[pk->order[i]], &vmx);
	set_text_writable(0);
	if (mprotect(text.ptr, REGION_SIZE, PROT_READ | PROT_EXEC)) {
		perror("mprotect");
		return 1;
	}
	check(a->state == EMLD_COMMITTED && b->state == EMLD_COMMITTED,
	      "commit alpha and beta", "states %d %d", a->state, b->state);

	/* --- initcalls, from the SPECIAL records (PC32 entries) ---------- */
	for (i = 0, n = 0; i < a->nr_specials; i++) {
		const struct earlymod_special *s = &a->specials[i];
		uint32_t k;

		if (s->kind != EARLYMOD_SPECIAL_INITCALL)
			continue;
		for (k = 0; k < s->size; k += 4) {
			uintptr_t at = (uintptr_t)(a->base[s->class] + s->offset + k);
			int (*fn)(void) = (int (*)(void))(at + *(int32_t *)at);

			check(s->arg == 3, "initcall level 3 from .initcall3.init",
			      "level %u", s->arg);
			n += fn() == 0;
		}
	}
	check(n == 1 && *(int *)sym(a, "em_alpha_init_ran") == 1,
	      "alpha's initcall ran from .init.text", "%d ran", n);

	/* --- vmlinux -> entry, through every patched site ----------------- */
	{
		uintptr_t compute = sym(a, "em_alpha_compute");
		uintptr_t adata = sym(a, "em_alpha_data");
		uintptr_t twice = sym(b, "em_beta_twice");
		long calls = host_add_calls;
		int r = vm_call_alpha(5);

		check(r == 5 + 1000 + 1042 && host_add_calls == calls + 1,
		      "vmlinux calls alpha (PLT32 site), alpha calls vmlinux back",
		      "got %d", r);
		check(vm_read_alpha_data() == 1042,
		      "vmlinux reads alpha's data (PC32 site)", "got %d",
		      vm_read_alpha_data());
		check((uintptr_t)vm_alpha_data_addr() == adata,
		      "vmlinux takes the address of alpha's data (32S site)",
		      "%p, not 0x%lx", (void *)vm_alpha_data_addr(), adata);
		check((uintptr_t)vm_ops[0] == compute && (uintptr_t)vm_ops[1] == twice &&
		      vm_ops[2] == NULL,
		      "vmlinux function pointers (R_X86_64_64 sites)", "%p %p",
		      (void *)vm_ops[0], (void *)vm_ops[1]);
		check((uintptr_t)&vm_alpha_pc64 + vm_alpha_pc64 == compute,
		      "vmlinux relative pointer (PC64 site)", "0x%lx",
		      (uintptr_t)&vm_alpha_pc64 + vm_alpha_pc64);

		/* data both ways: vmlinux writes alpha's variable, alpha reads it */
		*vm_alpha_data_addr() = 50;
		host_value = 2000;
		r = vm_call_alpha(1);
		check(r == 1 + 2000 + 50,
		      "data both ways: vmlinux writes alpha's data and its own, alpha sees both",
		      "got %d", r);

		/* beta -> alpha (dependency), vmlinux -> beta */
		r = vm_call_beta(3);
		check(r == 2 * (3 + 2000 + 50) + 50,
		      "vmlinux calls beta, beta calls alpha (dependency)", "got %d", r);
		check(vm_ops[1](3) == r, "beta through a vmlinux function pointer",
		      "got %d", vm_ops[1](3));

		/* gamma was not linked: the fallback stays */
		check(vm_call_gamma() == -3,
		      "gamma not linked: vmlinux still reaches its fallback", "got %d",
		      vm_call_gamma());
	}

	/* --- entry -> vmlinux, every relocation kind ---------------------- */
	{
		int *(*slot)(void) = (int *(*)(void))sym(a, "em_alpha_table_slot");
		int **hp = (int **)sym(a, "em_alpha_host_ptr");
		uintptr_t *selfp = (uintptr_t *)sym(a, "em_alpha_self_ptr");
		uint32_t *abs_host = (uint32_t *)sym(a, "em_alpha_abs32_host");
		uint32_t *abs_self = (uint32_t *)sym(a, "em_alpha_abs32_self");
		int64_t *pc64_host = (int64_t *)sym(a, "em_alpha_pc64_host");
		int64_t *pc64_self = (int64_t *)sym(a, "em_alpha_pc64_self");
		uintptr_t compute = sym(a, "em_alpha_compute");

		check(slot() == &host_table[1] && *slot() == 20,
		      "R_X86_64_32S: alpha takes the address of vmlinux data",
		      "%p", (void *)slot());
		check(*hp == &host_value && *selfp == compute,
		      "R_X86_64_64: pointers to vmlinux data and to alpha's own text",
		      "%p 0x%lx", (void *)*hp, *selfp);
		check(*abs_host == (uint32_t)(uintptr_t)&host_value &&
		      *abs_self == (uint32_t)sym(a, "em_alpha_data"),
		      "R_X86_64_32: vmlinux and own addresses, zero-extended",
		      "0x%x 0x%x", *abs_host, *abs_self);
		check((uintptr_t)pc64_host + *pc64_host == (uintptr_t)host_add &&
		      (uintptr_t)pc64_self + *pc64_self == compute,
		      "R_X86_64_PC64: relative to vmlinux text and to own text",
		      "0x%lx", (uintptr_t)pc64_host + *pc64_host);
	}

	/* --- per-CPU through %gs ----------------------------------------- */
	{
		int (*cpu)(void) = (int (*)(void))sym(a, "em_alpha_cpu");
		void (*add)(int) = (void (*)(int))sym(a, "em_alpha_cpu_add");
		int *(*ptr)(void) = (int *(*)(void))sym(a, "em_alpha_pcpu_ptr");
		uintptr_t off = sym(a, "alpha_pcpu");
		int v[NR_CPUS];

		check(off >= percpu.addr && off < PCPU_AREA,
		      "alpha's per-CPU variable sits after vmlinux's", "offset 0x%lx",
		      off);
		check(*(int *)(tmpl + off) == 7, "per-CPU template filled with alpha's initial value",
		      "%d", *(int *)(tmpl + off));
		on_cpu(0);
		add(5);
		on_cpu(1);
		add(40);
		on_cpu(2);
		for (n = 0; n < NR_CPUS; n++) {
			on_cpu(n);
			v[n] = cpu();
		}
		check(v[0] == 12 && v[1] == 147 && v[2] == 207,
		      "each CPU sees its own copy (vmlinux and alpha per-CPU data via %gs)",
		      "%d %d %d", v[0], v[1], v[2]);
		on_cpu(1);
		check(ptr() == (int *)((char *)cpu_area[1] + off) && *ptr() == 47,
		      "per-CPU address form: $var (32S) + this_cpu_off",
		      "%p", (void *)ptr());
		check(vm_cpu_id() == 1, "vmlinux's own per-CPU read on CPU 1",
		      "%d", vm_cpu_id());
		on_cpu(0);
	}

	for (n = 0; n < NR_CPUS; n++)
		free(cpu_area[n]);
	free(tmpl);
	free(pk);
	free(buf);
	return failures ? 1 : 0;
}
