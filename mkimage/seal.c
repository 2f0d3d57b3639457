// SPDX-License-Identifier: GPL-2.0
/*
 * mkearlymod seal: write into vmlinux what it vouches for (struct
 * earlymod_seal, <linux/earlymod.h>; docs/trust.md).
 *
 * The kernel build runs it after vmlinux is linked and its packs are made,
 * and before bzImage is made from vmlinux.  The seal is the space vmlinux
 * reserved under EARLYMOD_SEAL_SYMBOL; it is overwritten in place (one
 * write of the whole seal), so the build-id and every other byte of vmlinux
 * stay as the linker left them.  Sealing the same packs again writes
 * nothing, so the file's time changes only when the seal does.
 *
 * Each pack must be made for this vmlinux and be valid in every entry: a
 * seal vouches for what the build made, not for what it could read.
 */
#include <endian.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <openssl/evp.h>

#include "mkearlymod.h"
#include "pack.h"

void entry_digest(const struct emld_pack *ep, uint32_t idx,
		  uint8_t out[EARLYMOD_DIGEST_LEN])
{
	const struct emld_entry *e = &ep->entries[idx];
	EVP_MD_CTX *c = EVP_MD_CTX_new();

	if (!c || !EVP_DigestInit_ex(c, EVP_sha256(), NULL) ||
	    !EVP_DigestUpdate(c, ep->desc[idx].name, EARLYMOD_NAME_LEN) ||
	    !EVP_DigestUpdate(c, ep->base + e->offset, e->size) ||
	    !EVP_DigestFinal_ex(c, out, NULL))
		die("SHA-256 from libcrypto failed");
	EVP_MD_CTX_free(c);
}

/* Where the seal lies in the file: inside one allocated PROGBITS section. */
static int seal_offset(struct mk *mk, off_t *off)
{
	struct vmlinux *vm = &mk->vm;
	Elf_Scn *scn = NULL;
	GElf_Shdr sh;

	while ((scn = elf_nextscn(vm->elf, scn))) {
		if (!gelf_getshdr(scn, &sh)) {
			mk_err(mk, "%s: section %zu: gelf_getshdr: %s", vm->path,
			       elf_ndxscn(scn), elf_errmsg(-1));
			return -1;
		}
		if (!(sh.sh_flags & SHF_ALLOC) || vm->seal_addr < sh.sh_addr ||
		    vm->seal_addr - sh.sh_addr >= sh.sh_size)
			continue;
		if (sh.sh_type != SHT_PROGBITS ||
		    sizeof(struct earlymod_seal) > sh.sh_size -
						   (vm->seal_addr - sh.sh_addr)) {
			mk_err(mk, "%s: section %zu: '%s' at 0x%llx is not file bytes of its own section",
			       vm->path, elf_ndxscn(scn), EARLYMOD_SEAL_SYMBOL,
			       (unsigned long long)vm->seal_addr);
			return -1;
		}
		if (sec_in_file(mk, vm->path, vm->elf, &sh, EARLYMOD_SEAL_SYMBOL))
			return -1;
		*off = (off_t)(sh.sh_offset + (vm->seal_addr - sh.sh_addr));
		return 0;
	}
	mk_err(mk, "%s: '%s' at 0x%llx lies in no section", vm->path,
	       EARLYMOD_SEAL_SYMBOL, (unsigned long long)vm->seal_addr);
	return -1;
}

/* The seal symbol, its size and its place in the file. */
static int find_seal(struct mk *mk, off_t *off)
{
	if (!mk->vm.seal_addr)
		return 1;
	if (mk->vm.seal_size != sizeof(struct earlymod_seal)) {
		mk_err(mk, "%s: '%s' is %llu bytes; this format's seal is %zu",
		       mk->vm.path, EARLYMOD_SEAL_SYMBOL,
		       (unsigned long long)mk->vm.seal_size,
		       sizeof(struct earlymod_seal));
		return -1;
	}
	return seal_offset(mk, off);
}

int read_seal(struct mk *mk, struct earlymod_seal *seal)
{
	off_t off;
	int ret = find_seal(mk, &off);

	if (ret)
		return ret;
	if (pread(mk->vm.fd, seal, sizeof(*seal), off) != (ssize_t)sizeof(*seal)) {
		mk_err(mk, "%s+0x%llx: cannot read the seal: %s", mk->vm.path,
		       (unsigned long long)off, strerror(errno));
		return -1;
	}
	return 0;
}

static int cmp_digest(const void *a, const void *b)
{
	return memcmp(a, b, EARLYMOD_DIGEST_LEN);
}

static int cmp_site(const void *a, const void *b)
{
	uint64_t x = le64toh(((const struct earlymod_seal_site *)a)->site);
	uint64_t y = le64toh(((const struct earlymod_seal_site *)b)->site);

	return x < y ? -1 : x > y;
}

/* The records of one pack: its entries' digests (if @digests) and sites. */
static int add_pack(struct mk *mk, const char *path, int digests,
		    struct vec *dig, struct vec *sites)
{
	struct emld_expect expect = {
		.build_id = mk->vm.build_id,
		.build_id_len = mk->vm.build_id_size,
		.link_text = mk->vm.link_text,
		.link_percpu_end = mk->vm.percpu_end,
	};
	struct pack pk;
	uint32_t i, j;
	int ret;

	ret = pack_open(path, &pk, &expect);
	if (ret) {
		mk_err(mk, "%s: %s: not sealing it", path,
		       ret < 0 ? "not a pack for this vmlinux" :
				 "some entries are invalid");
		if (ret > 0)
			pack_close(&pk);
		return -1;
	}
	for (i = 0; i < pk.ep->nr_entries; i++) {
		const struct emld_entry *e = &pk.ep->entries[i];

		if (digests)
			entry_digest(pk.ep, i, vec_push(dig));
		for (j = 0; j < e->nr_fixups; j++) {
			const struct earlymod_fixup *f = &e->fixups[j];
			struct earlymod_seal_site *t = vec_push(sites);

			t->site = f->site;
			t->old_value = f->old_value;
			t->type = f->type;
		}
	}
	pack_close(&pk);
	return 0;
}

/* Sort, drop exact repeats; a site recorded two ways is an error. */
static size_t sort_sites(struct mk *mk, struct vec *v)
{
	struct earlymod_seal_site *t = v->p;
	size_t i, n = 0;

	if (v->n)
		qsort(t, v->n, sizeof(*t), cmp_site);
	for (i = 0; i < v->n; i++) {
		if (n && t[n - 1].site == t[i].site) {
			if (memcmp(&t[n - 1], &t[i], sizeof(*t)))
				mk_err(mk, "%s: vmlinux site 0x%llx: two entries expect different references there",
				       mk->vm.path,
				       (unsigned long long)le64toh(t[i].site));
			continue;
		}
		t[n++] = t[i];
	}
	return n;
}

static size_t sort_digests(struct vec *v)
{
	uint8_t (*d)[EARLYMOD_DIGEST_LEN] = v->p;
	size_t i, n = 0;

	if (v->n)
		qsort(d, v->n, EARLYMOD_DIGEST_LEN, cmp_digest);
	for (i = 0; i < v->n; i++)
		if (!n || memcmp(d[n - 1], d[i], EARLYMOD_DIGEST_LEN))
			memcpy(d[n++], d[i], EARLYMOD_DIGEST_LEN);
	return n;
}

int cmd_seal(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "vmlinux",    required_argument, NULL, 'v' },
		{ "sites-from", required_argument, NULL, 's' },
		{ "help",       no_argument,       NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	static const char use[] =
		"usage: mkearlymod seal --vmlinux VMLINUX [--sites-from PACK]... [PACK]...\n";
	static struct earlymod_seal seal, now;
	struct vec dig, sites, from;
	struct emld_error err;
	struct mk mk;
	size_t nd = 0, ns = 0, i;
	off_t off = 0;
	int c, ret = -1, fd = -1;

	memset(&mk, 0, sizeof(mk));
	vec_init(&dig, EARLYMOD_DIGEST_LEN);
	vec_init(&sites, sizeof(struct earlymod_seal_site));
	vec_init(&from, sizeof(char *));
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'v':
			mk.vm.path = optarg;
			break;
		case 's':
			*(char **)vec_push(&from) = optarg;
			break;
		case 'h':
			fputs(use, stdout);
			return 0;
		default:
			fputs(use, stderr);
			return 2;
		}
	}
	if (!mk.vm.path || (optind >= argc && !from.n)) {
		fputs(use, stderr);
		return 2;
	}
	if (collect_vmlinux(&mk))
		goto out;
	ret = find_seal(&mk, &off);
	if (ret > 0)
		mk_err(&mk, "%s: no symbol '%s': not a kernel built with CONFIG_EARLYMOD",
		       mk.vm.path, EARLYMOD_SEAL_SYMBOL);
	if (ret)
		goto out;
	for (c = optind; c < argc; c++)
		add_pack(&mk, argv[c], 1, &dig, &sites);
	for (i = 0; i < from.n; i++)
		add_pack(&mk, *VEC_AT(&from, char *, i), 0, &dig, &sites);
	nd = sort_digests(&dig);
	ns = sort_sites(&mk, &sites);
	if (nd > EARLYMOD_SEAL_DIGESTS)
		mk_err(&mk, "%s: %zu entries to seal, more than the seal holds (EARLYMOD_SEAL_DIGESTS, %d)",
		       mk.vm.path, nd, EARLYMOD_SEAL_DIGESTS);
	if (ns > EARLYMOD_SEAL_SITES)
		mk_err(&mk, "%s: %zu vmlinux sites, more than the seal holds (EARLYMOD_SEAL_SITES, %d)",
		       mk.vm.path, ns, EARLYMOD_SEAL_SITES);
	if (mk.errors)
		goto fail;

	seal.magic = htole32(EARLYMOD_SEAL_MAGIC);
	seal.size = htole32(sizeof(seal));
	seal.nr_digests = htole32((uint32_t)nd);
	seal.nr_sites = htole32((uint32_t)ns);
	if (nd)
		memcpy(seal.digest, dig.p, nd * EARLYMOD_DIGEST_LEN);
	if (ns)
		memcpy(seal.site, sites.p, ns * sizeof(seal.site[0]));
	if (emld_seal_validate(&seal, &err))
		die("%s: the seal made is invalid: %s", mk.vm.path, err.msg);

	fd = open(mk.vm.path, O_RDWR);
	if (fd < 0 || pread(fd, &now, sizeof(now), off) != (ssize_t)sizeof(now)) {
		mk_err(&mk, "%s: %s", mk.vm.path, strerror(errno));
		goto fail;
	}
	if (!memcmp(&now, &seal, sizeof(seal))) {
		printf("%s: seal unchanged: %zu entries, %zu vmlinux sites\n",
		       mk.vm.path, nd, ns);
		ret = 0;
		goto out;
	}
	if (pwrite(fd, &seal, sizeof(seal), off) != (ssize_t)sizeof(seal) ||
	    fsync(fd)) {
		mk_err(&mk, "%s+0x%llx: writing the seal: %s", mk.vm.path,
		       (unsigned long long)off, strerror(errno));
		goto fail;
	}
	printf("%s: sealed %zu entries, %zu vmlinux sites\n", mk.vm.path, nd, ns);
	ret = 0;
	goto out;
fail:
	ret = -1;
out:
	if (fd >= 0)
		close(fd);
	vec_free(&dig);
	vec_free(&sites);
	vec_free(&from);
	mk_free(&mk);
	return ret ? 1 : 0;
}
