// SPDX-License-Identifier: GPL-2.0
/*
 * mkearlymod verify: check a pack against a vmlinux with the kernel's own
 * loader code, and link every entry for real into scratch memory:
 *
 *  - the pack (header, table, build-id, _text, per-CPU end against VMLINUX)
 *    and every entry body, with emld_pack_validate()/emld_entry_validate();
 *  - a dry-run link in dependency order: emld_layout() into a region placed
 *    where an early-module pool would be (after vmlinux's last allocated
 *    byte, so every reach to vmlinux is what it would be at boot, KASLR off),
 *    emld_relocate(), then emld_fixups_prepare() against a copy of VMLINUX's
 *    own bytes, so each fixup site must hold its fallback reference, and
 *    emld_fixups_commit() into that copy;
 *  - when VMLINUX has a seal (every kernel built with CONFIG_EARLYMOD), the
 *    fixups against the sites it records, as the kernel checks them, and
 *    whether it vouches for each entry (its digest).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mkearlymod.h"
#include "pack.h"

#define POOL_ALIGN	(2ULL << 20)	/* a 2 MiB page, as in the kernel image */
#define VM_MAX_SECTION	(1ULL << 30)	/* x86-64 KERNEL_IMAGE_SIZE, at most */

struct vm_copy {
	struct emld_range	*ranges;
	uint32_t		n;
	uint64_t		end;		/* highest allocated address + 1 */
};

/* Copies of vmlinux's allocated sections, addressed by link-time address. */
static int copy_vmlinux(struct mk *mk, struct vm_copy *vc)
{
	struct vmlinux *vm = &mk->vm;
	Elf_Scn *scn = NULL;
	size_t shstrndx;
	GElf_Shdr sh;

	if (elf_getshdrstrndx(vm->elf, &shstrndx)) {
		mk_err(mk, "%s: elf_getshdrstrndx: %s", vm->path, elf_errmsg(-1));
		return -1;
	}
	while ((scn = elf_nextscn(vm->elf, scn))) {
		struct emld_range *r;
		const char *name;
		Elf_Data *d;

		if (!gelf_getshdr(scn, &sh)) {
			mk_err(mk, "%s: section %zu: gelf_getshdr: %s", vm->path,
			       elf_ndxscn(scn), elf_errmsg(-1));
			return -1;
		}
		if (!(sh.sh_flags & SHF_ALLOC) || !sh.sh_size ||
		    elf_ndxscn(scn) == vm->percpu_shndx)
			continue;
		name = elf_strptr(vm->elf, shstrndx, sh.sh_name);
		if (!name) {
			mk_err(mk, "%s: section %zu: name at 0x%x: elf_strptr: %s",
			       vm->path, elf_ndxscn(scn), sh.sh_name,
			       elf_errmsg(-1));
			return -1;
		}
		/* The copy is sized by the header: bound it first. */
		if (sh.sh_size > VM_MAX_SECTION ||
		    sh.sh_addr > UINT64_MAX - sh.sh_size) {
			mk_err(mk, "%s: %s: %llu bytes at 0x%llx, more than a kernel image may hold (%llu)",
			       vm->path, name, (unsigned long long)sh.sh_size,
			       (unsigned long long)sh.sh_addr, VM_MAX_SECTION);
			return -1;
		}
		if (sec_in_file(mk, vm->path, vm->elf, &sh, name))
			return -1;
		vc->ranges = xrealloc(vc->ranges, (vc->n + 1) * sizeof(*r));
		r = &vc->ranges[vc->n++];
		r->addr = sh.sh_addr;
		r->size = sh.sh_size;
		r->ptr = xzalloc(sh.sh_size);
		if (sh.sh_addr + sh.sh_size > vc->end)
			vc->end = sh.sh_addr + sh.sh_size;
		if (sh.sh_type == SHT_NOBITS)
			continue;
		d = elf_getdata(scn, NULL);
		if (!d) {
			mk_err(mk, "%s: %s: elf_getdata: %s", vm->path, name,
			       elf_errmsg(-1));
			return -1;
		}
		if (d->d_size != sh.sh_size || !d->d_buf) {
			mk_err(mk, "%s: %s: section data is %zu bytes, header says %llu",
			       vm->path, name, d->d_size,
			       (unsigned long long)sh.sh_size);
			return -1;
		}
		memcpy(r->ptr, d->d_buf, sh.sh_size);
	}
	return 0;
}

static int deps_linked(const struct emld_pack *ep, const struct emld_entry *e,
		       const char **failed)
{
	uint32_t j;

	for (j = 0; j < e->nr_deps; j++) {
		const struct emld_entry *d = &ep->entries[e->dep[j]];

		if (d->state == EMLD_REJECTED) {
			*failed = d->name;
			return -1;
		}
		if (d->state < EMLD_RELOCATED)
			return 0;
	}
	return 1;
}

static int link_one(const char *path, struct emld_entry *e,
		    struct emld_region *const regions[EARLYMOD_NR_CLASSES],
		    const struct emld_vmlinux *vmx)
{
	uint8_t digest[EARLYMOD_DIGEST_LEN];
	struct emld_error err;

	memset(&err, 0, sizeof(err));
	if (emld_layout(e, regions, &err) < 0 ||
	    emld_relocate(e, 0, &err) < 0 ||
	    emld_fixups_prepare(e, vmx, &err) < 0) {
		pack_report(path, &err);
		e->state = EMLD_REJECTED;
		return -1;
	}
	emld_fixups_commit(e, vmx);
	entry_digest(e->pack, e->index, digest);
	printf("%s: linked: %u relocations applied, %u vmlinux sites checked%s\n",
	       e->name, e->nr_relocs, e->nr_fixups,
	       !vmx->seal ? "" : emld_seal_has_digest(vmx->seal, digest) ?
	       ", sealed" : ", not sealed");
	return 0;
}

int cmd_verify(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "vmlinux", required_argument, NULL, 'v' },
		{ "help",    no_argument,       NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	static const char use[] = "usage: mkearlymod verify --vmlinux VMLINUX PACK\n";
	static struct earlymod_seal seal;
	struct emld_region pool = { 0 }, percpu = { 0 };
	struct emld_region *regions[EARLYMOD_NR_CLASSES];
	struct emld_vmlinux vmx = { 0 };
	struct emld_expect expect = { 0 };
	struct vm_copy vc = { 0 };
	uint64_t total = 0, pcpu = 0;
	struct mk mk;
	struct pack pk;
	uint32_t i, progress;
	const char *path;
	int c, ret, failed = 0;

	memset(&mk, 0, sizeof(mk));
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'v':
			mk.vm.path = optarg;
			break;
		case 'h':
			fputs(use, stdout);
			return 0;
		default:
			fputs(use, stderr);
			return 2;
		}
	}
	if (!mk.vm.path || argc - optind != 1) {
		fputs(use, stderr);
		return 2;
	}
	path = argv[optind];
	memset(&pk, 0, sizeof(pk));
	failed = 1;
	if (collect_vmlinux(&mk) || copy_vmlinux(&mk, &vc))
		goto out;
	ret = read_seal(&mk, &seal);
	if (ret < 0)
		goto out;
	if (!ret) {
		struct emld_error err;

		if (emld_seal_validate(&seal, &err)) {
			fprintf(stderr, "%s: %s\n", mk.vm.path, err.msg);
			goto out;
		}
		vmx.seal = &seal;
	}
	expect.build_id = mk.vm.build_id;
	expect.build_id_len = mk.vm.build_id_size;
	expect.link_text = mk.vm.link_text;
	expect.link_percpu_end = mk.vm.percpu_end;
	ret = pack_open(path, &pk, &expect);
	if (ret < 0)
		goto out;
	failed = ret;

	/*
	 * Room for every valid entry, each class at its alignment.  The sizes
	 * are the pack's claims (a BSS has no bytes): bounded as create bounds
	 * them, summed in 64 bits.
	 */
	for (i = 0; i < pk.ep->nr_entries; i++) {
		struct emld_entry *e = &pk.ep->entries[i];

		for (c = 0; e->state == EMLD_VALID && c < EARLYMOD_NR_CLASSES; c++) {
			uint64_t sz = (uint64_t)e->classes[c].size +
				      e->classes[c].align;

			if (e->classes[c].size > MK_MAX_CLASS_SIZE) {
				fprintf(stderr, "%s+0x%zx: %s: class %s: %u bytes, more than a class may hold (%u)\n",
					path, (size_t)((const uint8_t *)&e->classes[c] -
						       pk.mem),
					e->name, emld_class_name(c),
					e->classes[c].size, MK_MAX_CLASS_SIZE);
				e->state = EMLD_REJECTED;
				failed = 1;
				break;
			}
			if (c == EARLYMOD_CLASS_PERCPU)
				pcpu += sz;
			else
				total += sz;
		}
	}
	if (total > UINT32_MAX || pcpu > UINT32_MAX) {
		fprintf(stderr, "%s: the entries need %llu bytes (%llu per-CPU), more than a dry run can map\n",
			path, (unsigned long long)total, (unsigned long long)pcpu);
		failed = 1;
		goto out;
	}
	pool.addr = (vc.end + POOL_ALIGN - 1) & ~(POOL_ALIGN - 1);
	pool.size = (uint32_t)total;
	pool.ptr = xzalloc(total);
	percpu.addr = (mk.vm.percpu_end + 4095) & ~4095ULL;
	percpu.size = (uint32_t)pcpu;
	percpu.ptr = xzalloc(pcpu);
	for (c = 0; c < EARLYMOD_NR_CLASSES; c++)
		regions[c] = c == EARLYMOD_CLASS_PERCPU ? &percpu : &pool;
	vmx.ranges = vc.ranges;
	vmx.nr_ranges = vc.n;

	/* Dependencies first: repeat until no entry can move. */
	do {
		progress = 0;
		for (i = 0; i < pk.ep->nr_entries; i++) {
			struct emld_entry *e = &pk.ep->entries[i];
			const char *dep = NULL;
			int ready;

			if (e->state != EMLD_VALID)
				continue;
			ready = deps_linked(pk.ep, e, &dep);
			if (ready < 0) {
				fprintf(stderr, "%s: %s: not linked: dependency '%s' failed\n",
					path, e->name, dep);
				e->state = EMLD_REJECTED;
				failed = 1;
				progress++;
				continue;
			}
			if (!ready)
				continue;
			if (link_one(path, e, regions, &vmx))
				failed = 1;
			progress++;
		}
	} while (progress);
	for (i = 0; i < pk.ep->nr_entries; i++) {
		if (pk.ep->entries[i].state == EMLD_VALID) {
			fprintf(stderr, "%s: %s: not linked: its dependencies never were\n",
				path, pk.ep->entries[i].name);
			failed = 1;
		}
	}
	printf("%s: %s\n", path, failed ? "FAILED" : "ok");
out:
	for (i = 0; i < vc.n; i++)
		free(vc.ranges[i].ptr);
	free(vc.ranges);
	free(pool.ptr);
	free(percpu.ptr);
	pack_close(&pk);
	mk_free(&mk);
	return failed ? 1 : 0;
}
