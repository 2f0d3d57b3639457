// SPDX-License-Identifier: GPL-2.0
/*
 * damage-pack: make the damaged packs of the boot cases tests/qemu/cases/
 * damaged-*.case (rules: tests/qemu/damaged.mk).
 *
 *   damage-pack KIND IN OUT
 *
 * IN is a pack in its cpio form (what `mkearlymod create --cpio` writes: an
 * uncompressed newc archive holding kernel/earlymod/pack.bin), OUT the damaged
 * copy.  Everything not named below stays byte for byte, and the cpio archive
 * stays well-formed unless the damage is to the archive itself:
 *
 *   code-byte   one byte of the selftest entry's text (in its IMAGE item)
 *               inverted; its descriptor's crc is left alone
 *   hv-code-byte  the same for the hypervisor-stage fixture selftest-hv
 *   truncated   the pack cut in the middle of the body that ends last; the
 *               member's size field says the shorter length
 *   build-id    build_id[0] inverted, hdr_crc recomputed
 *   bad-crc     hdr_crc with its lowest bit inverted
 *   version     version set to 99, hdr_crc recomputed
 *   empty       the member kernel/earlymod/pack.bin is an empty file
 *   cpio        the namesize field of the archive's first header made non-hex:
 *               "0x000007" for "00000007".  earlymod's reader wants 8 hex
 *               digits; the kernel's initramfs unpacker (simple_strtoul,
 *               base 16, which skips "0x") still reads 7 and unpacks the
 *               archive.  (With "0000000Z" it reads 0, loses its place and
 *               unpacks nothing, so the boot finds no /init.)
 *   initcall-vmlinux  the selftest entry's first initcall relocated to
 *               vmlinux's _text instead of the entry's function; the entry's
 *               crc and hdr_crc recomputed, so every checksum holds
 *   extable-vmlinux, jump-vmlinux  the same for the first relocation in
 *               its exception table, in its jump table
 *   rebuilt     the intel-iommu entry as a rebuilt object would be: its
 *               version string "6.1" made "6.1+", its crc and hdr_crc
 *               recomputed; valid, but not what the build sealed
 *   parainstr-type  the selftest entry's first paravirt site given the type
 *               0xff, beyond pv_ops; checksums recomputed
 *   altinstr-cpuid  the vmware entry's first alternative given the CPU
 *               feature 0x7fff, beyond the capability words; checksums
 *               recomputed
 *   rebuilt-apu the same for the pcengines-apuv2 board entry (IN: the APU
 *               board pack): a board pack made after the kernel
 *   site-unrecorded  the intel-iommu entry's first vmlinux fixup moved 16
 *               bytes on, to a site vmlinux does not record; checksums
 *               recomputed
 *   export-duplicate  the intel-iommu entry's export intel_iommu_enabled
 *               renamed clflush_cache_range, which vmlinux exports: the
 *               name in its __ksymtab_strings (the string and the empty
 *               namespace after it), checksums recomputed
 *   intact      an unchanged copy (for checking that a case can fail)
 *   elf-build-id  IN is an ELF file (vmlinux): the first byte of its GNU
 *               build-id note inverted; OUT is the altered copy
 *
 * The CRC32C is the header's own earlymod_crc32c(), as the kernel computes it.
 * Exit status: 0 done, 1 failed (message on stderr), 2 usage.
 */
#include <elf.h>
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/earlymod.h>

#include "mkimage/cpio.h"

#define SELFTEST	"selftest"
#define SELFTEST_HV	"selftest-hv"
#define INTEL		"intel-iommu"	/* an entry the build seals */
#define APU		"pcengines-apuv2"	/* a board entry it seals */
#define VMWARE		"vmware"	/* a hypervisor-stage entry with alternatives */

static const char *prog = "damage-pack";

static void die(const char *fmt, const char *arg)
{
	fprintf(stderr, "%s: ", prog);
	fprintf(stderr, fmt, arg);
	fputc('\n', stderr);
	exit(1);
}

static uint8_t *read_all(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	uint8_t *p = NULL;
	size_t cap = 0, n = 0;

	if (!f)
		die("%s: cannot open", path);
	for (;;) {
		if (n == cap) {
			cap = cap ? 2 * cap : 1 << 20;
			p = realloc(p, cap);
			if (!p)
				die("%s: out of memory", path);
		}
		size_t r = fread(p + n, 1, cap - n, f);

		n += r;
		if (r == 0)
			break;
	}
	if (ferror(f))
		die("%s: read error", path);
	fclose(f);
	*len = n;
	return p;
}

static void write_all(const char *path, const void *a, size_t alen,
		      const void *b, size_t blen, const void *c, size_t clen)
{
	FILE *f = fopen(path, "wb");

	if (!f)
		die("%s: cannot create", path);
	if (fwrite(a, 1, alen, f) != alen || fwrite(b, 1, blen, f) != blen ||
	    fwrite(c, 1, clen, f) != clen || fclose(f))
		die("%s: write error", path);
}

static uint32_t le32(const void *p)
{
	const uint8_t *b = p;

	return b[0] | b[1] << 8 | b[2] << 16 | (uint32_t)b[3] << 24;
}

static void put_le32(void *p, uint32_t v)
{
	uint8_t *b = p;

	b[0] = v;
	b[1] = v >> 8;
	b[2] = v >> 16;
	b[3] = v >> 24;
}

/*
 * The member EARLYMOD_CPIO_PATH of the archive at the start of p: the offset
 * of its header and of its data, and its size.  The header precedes the data
 * by its 110 bytes and the name, padded to 4.
 */
static void find_member(const uint8_t *p, size_t n, size_t *hdr, size_t *data,
			size_t *len)
{
	const uint8_t *d;
	const char *why = "not a newc cpio archive";

	if (cpio_find(p, n, EARLYMOD_CPIO_PATH, &d, len, &why) != 1)
		die("%s", why);
	*data = d - p;
	*hdr = *data - ((CPIO_HDR + sizeof(EARLYMOD_CPIO_PATH) + 3) & ~(size_t)3);
}

/* hdr_crc as the loader computes it: header + table, the field as zero. */
static void fix_hdr_crc(uint8_t *pack, size_t len)
{
	struct earlymod_pack_header *h = (void *)pack;
	uint32_t end;

	if (len < sizeof(*h))
		die("%s", "pack shorter than its header");
	end = sizeof(*h) + le32(&h->nr_entries) * sizeof(struct earlymod_entry_desc);
	if (end > len)
		die("%s", "entry table beyond the pack");
	put_le32(&h->hdr_crc, 0);
	put_le32(&h->hdr_crc, earlymod_crc32c(0, pack, end));
}

static const struct earlymod_entry_desc *find_entry(const uint8_t *pack,
						    size_t len, const char *name)
{
	const struct earlymod_pack_header *h = (const void *)pack;
	const struct earlymod_entry_desc *d = (const void *)(h + 1);
	uint32_t i, nr;

	if (len < sizeof(*h) || le32(&h->magic) != EARLYMOD_PACK_MAGIC)
		die("%s", "not a pack");
	nr = le32(&h->nr_entries);
	if (nr > EARLYMOD_MAX_ENTRIES ||
	    sizeof(*h) + nr * sizeof(*d) > len)
		die("%s", "bad entry table");
	for (i = 0; i < nr; i++)
		if (!strncmp(d[i].name, name, EARLYMOD_NAME_LEN))
			return &d[i];
	die("no entry %s in the pack", name);
	return NULL;
}

/* The pack offset of the payload of item @want of entry NAME (0: none). */
static size_t entry_item(const uint8_t *pack, size_t len, const char *name,
			 uint32_t want, uint32_t *length_out)
{
	const struct earlymod_entry_desc *d = find_entry(pack, len, name);
	uint32_t off = le32(&d->offset), size = le32(&d->size), pos = 0;

	if (off > len || size > len - off)
		die("entry %s outside the pack", name);
	while (size - pos >= sizeof(struct earlymod_item)) {
		const struct earlymod_item *it = (const void *)(pack + off + pos);
		uint32_t type = le32(&it->type), length = le32(&it->length);

		pos += sizeof(*it);
		if (length > size - pos)
			die("entry %s: item beyond the entry", name);
		if (type == want) {
			*length_out = length;
			return off + pos;
		}
		pos = earlymod_align(pos + length);
		if (pos > size)
			break;
	}
	return 0;
}

/* The pack offset of a byte in the middle of entry NAME's text class. */
static size_t text_byte(const uint8_t *pack, size_t len, const char *name)
{
	const struct earlymod_class *cls;
	uint32_t clen, ilen;
	size_t c = entry_item(pack, len, name, EARLYMOD_ITEM_CLASSES, &clen);
	size_t image = entry_item(pack, len, name, EARLYMOD_ITEM_IMAGE, &ilen);

	if (!c || !image || clen < EARLYMOD_NR_CLASSES * sizeof(*cls))
		die("entry %s: no CLASSES or IMAGE item", name);
	cls = (const struct earlymod_class *)(pack + c) + EARLYMOD_CLASS_TEXT;
	if (!le32(&cls->file_size))
		die("entry %s: no text bytes", name);
	if ((uint64_t)le32(&cls->file_offset) + le32(&cls->file_size) > ilen)
		die("entry %s: text bytes outside the entry", name);
	return image + le32(&cls->file_offset) + le32(&cls->file_size) / 2;
}

/* After changing entry NAME's body: its crc, then the header's. */
static void fix_entry_crc(uint8_t *pack, size_t len, const char *name)
{
	struct earlymod_entry_desc *d = (void *)find_entry(pack, len, name);

	put_le32(&d->crc, earlymod_crc32c(0, pack + le32(&d->offset),
					  le32(&d->size)));
	fix_hdr_crc(pack, len);
}

/* Entry NAME's first special table of @kind, or NULL. */
static const struct earlymod_special *find_table(const uint8_t *pack, size_t len,
						 const char *name, uint32_t kind)
{
	uint32_t slen, i;
	size_t sp = entry_item(pack, len, name, EARLYMOD_ITEM_SPECIAL, &slen);

	for (i = 0; sp && i < slen / sizeof(struct earlymod_special); i++) {
		const struct earlymod_special *t =
			(const struct earlymod_special *)(pack + sp) + i;

		if (le32(&t->kind) == kind)
			return t;
	}
	return NULL;
}

/*
 * A crafted pack that passes every checksum: the first relocation inside
 * entry NAME's special table of @kind (its first initcall, exception-table
 * entry, jump entry) made to name vmlinux's _text instead of the entry's
 * own code, the entry's crc and hdr_crc recomputed.
 */
static void table_to_vmlinux(uint8_t *pack, size_t len, const char *name,
			     uint32_t kind)
{
	const struct earlymod_pack_header *h = (const void *)pack;
	const struct earlymod_special *t = find_table(pack, len, name, kind);
	uint32_t rlen, j;
	size_t rp = entry_item(pack, len, name, EARLYMOD_ITEM_RELOCS, &rlen);
	uint32_t off = t ? le32(&t->offset) : 0, end = t ? off + le32(&t->size) : 0;

	for (j = 0; t && rp && j < rlen / sizeof(struct earlymod_reloc); j++) {
		struct earlymod_reloc *r = (struct earlymod_reloc *)(pack + rp) + j;
		uint32_t at = le32(&r->offset);
		uint64_t v = h->link_text;	/* little-endian host */

		if (r->site_class != le32(&t->class) || at < off || at >= end)
			continue;
		r->target = EARLYMOD_TGT_VMLINUX;
		r->target_class = 0;
		memcpy(&r->value, &v, sizeof(v));
		fix_entry_crc(pack, len, name);
		return;
	}
	die("entry %s: no relocation in a table of that kind", name);
}

/*
 * One field of the first record of entry NAME's table of @kind, at @rel in
 * the record, set to the @width bytes of @v (little-endian); checksums
 * recomputed.  The table's record must be at least @min bytes.
 */
static void table_field(uint8_t *pack, size_t len, const char *name,
			uint32_t kind, uint32_t min, uint32_t rel,
			uint32_t width, uint32_t v)
{
	const struct earlymod_special *t = find_table(pack, len, name, kind);
	const struct earlymod_class *k;
	uint32_t clen, ilen, b;
	size_t c = entry_item(pack, len, name, EARLYMOD_ITEM_CLASSES, &clen);
	size_t image = entry_item(pack, len, name, EARLYMOD_ITEM_IMAGE, &ilen);
	uint64_t at;

	if (!t || !c || !image)
		die("entry %s: no table of that kind", name);
	if (le32(&t->class) >= EARLYMOD_NR_CLASSES || le32(&t->size) < min)
		die("entry %s: its table of that kind is too small", name);
	k = (const struct earlymod_class *)(pack + c) + le32(&t->class);
	at = (uint64_t)le32(&k->file_offset) + le32(&t->offset) + rel;
	if (at + width > le32(&k->file_offset) + (uint64_t)le32(&k->file_size) ||
	    at + width > ilen)
		die("entry %s: its table of that kind is not in the image", name);
	for (b = 0; b < width; b++)
		pack[image + at + b] = (uint8_t)(v >> (8 * b));
	fix_entry_crc(pack, len, name);
}

static void rebuilt(uint8_t *pack, size_t len, const char *name)
{
	uint32_t ilen;
	size_t ip = entry_item(pack, len, name, EARLYMOD_ITEM_INFO, &ilen);
	struct earlymod_info *info = (void *)(pack + ip);
	size_t v;

	if (!ip || ilen < sizeof(*info))
		die("entry %s: no INFO item", name);
	v = strnlen(info->version, EARLYMOD_VERSION_LEN);
	if (v + 2 > EARLYMOD_VERSION_LEN)
		die("entry %s: version string too long", name);
	info->version[v] = '+';
	fix_entry_crc(pack, len, name);
}

static void site_unrecorded(uint8_t *pack, size_t len, const char *name)
{
	uint32_t flen;
	size_t fp = entry_item(pack, len, name, EARLYMOD_ITEM_FIXUPS, &flen);
	struct earlymod_fixup *f = (void *)(pack + fp);
	uint64_t site;

	if (!fp || flen < sizeof(*f))
		die("entry %s: no fixups", name);
	memcpy(&site, &f->site, sizeof(site));	/* little-endian host */
	site += 16;
	memcpy(&f->site, &site, sizeof(site));
	fix_entry_crc(pack, len, name);
}

/*
 * Export @from of entry NAME renamed @to (as long): its string in the
 * entry's __ksymtab_strings, found as the name followed by the empty
 * namespace (___EXPORT_SYMBOL, include/linux/export.h); checksums
 * recomputed.
 */
static void export_rename(uint8_t *pack, size_t len, const char *name,
			  const char *from, const char *to)
{
	uint32_t ilen, l = strlen(from), i;
	size_t image = entry_item(pack, len, name, EARLYMOD_ITEM_IMAGE, &ilen);

	if (strlen(to) != l)
		die("%s", "export_rename: names of different lengths");
	for (i = 0; image && i + l + 2 <= ilen; i++) {
		uint8_t *at = pack + image + i;

		/* the name and its NUL, then the namespace's NUL */
		if ((i == 0 || at[-1] == 0) && !memcmp(at, from, l + 1) && !at[l + 1]) {
			memcpy(at, to, l);
			fix_entry_crc(pack, len, name);
			return;
		}
	}
	die("entry %s: no such export string", name);
}

/* Invert the first byte of the GNU build-id note of an ELF64 file. */
static void elf_build_id(uint8_t *p, size_t n)
{
	const Elf64_Ehdr *eh = (const void *)p;
	size_t i;

	if (n < sizeof(*eh) || memcmp(eh->e_ident, ELFMAG, SELFMAG) ||
	    eh->e_ident[EI_CLASS] != ELFCLASS64 ||
	    eh->e_shentsize != sizeof(Elf64_Shdr) || eh->e_shoff > n ||
	    (size_t)eh->e_shnum * sizeof(Elf64_Shdr) > n - eh->e_shoff)
		die("%s", "input is not a 64-bit ELF file with sections");
	for (i = 0; i < eh->e_shnum; i++) {
		const Elf64_Shdr *sh = (const Elf64_Shdr *)(p + eh->e_shoff) + i;
		size_t off, end;

		if (sh->sh_type != SHT_NOTE || sh->sh_offset > n ||
		    sh->sh_size > n - sh->sh_offset)
			continue;
		off = sh->sh_offset;
		end = off + sh->sh_size;
		while (end - off >= sizeof(Elf64_Nhdr)) {
			const Elf64_Nhdr *nh = (const void *)(p + off);
			size_t name = (nh->n_namesz + 3) & ~3UL;
			size_t desc = (nh->n_descsz + 3) & ~3UL;

			if (name + desc > end - off - sizeof(*nh))
				break;
			if (nh->n_type == NT_GNU_BUILD_ID && nh->n_namesz == 4 &&
			    !memcmp(nh + 1, "GNU", 4) && nh->n_descsz) {
				p[off + sizeof(*nh) + name] ^= 0xff;
				return;
			}
			off += sizeof(*nh) + name + desc;
		}
	}
	die("%s", "no GNU build-id note");
}

int main(int argc, char **argv)
{
	size_t n, hdr, data, len, new_len;
	const char *kind;
	uint8_t *p, *pack;

	if (argc != 4) {
		fprintf(stderr, "usage: %s KIND IN.img OUT.img\n"
			"KIND: code-byte hv-code-byte truncated build-id bad-crc version empty cpio\n"
			"      initcall-vmlinux extable-vmlinux jump-vmlinux rebuilt rebuilt-apu\n"
			"      parainstr-type altinstr-cpuid\n"
			"      site-unrecorded export-duplicate\n"
			"      intact; elf-build-id (IN, OUT: ELF files)\n",
			prog);
		return 2;
	}
	kind = argv[1];
	p = read_all(argv[2], &n);

	if (!strcmp(kind, "elf-build-id")) {
		elf_build_id(p, n);
		write_all(argv[3], p, n, "", 0, "", 0);
		return 0;
	}

	find_member(p, n, &hdr, &data, &len);
	pack = p + data;
	new_len = len;

	if (!strcmp(kind, "intact")) {
		;
	} else if (!strcmp(kind, "code-byte")) {
		pack[text_byte(pack, len, SELFTEST)] ^= 0xff;
	} else if (!strcmp(kind, "hv-code-byte")) {
		pack[text_byte(pack, len, SELFTEST_HV)] ^= 0xff;
	} else if (!strcmp(kind, "truncated")) {
		const struct earlymod_pack_header *h = (const void *)pack;
		const struct earlymod_entry_desc *d;
		uint32_t i, last = 0, end = 0;

		find_entry(pack, len, SELFTEST);	/* a pack with entries */
		d = (const void *)(h + 1);
		for (i = 0; i < le32(&h->nr_entries); i++) {
			uint32_t e = le32(&d[i].offset) + le32(&d[i].size);

			if (e > end) {
				end = e;
				last = i;
			}
		}
		new_len = le32(&d[last].offset) + le32(&d[last].size) / 2;
	} else if (!strcmp(kind, "build-id")) {
		struct earlymod_pack_header *h = (void *)pack;

		find_entry(pack, len, SELFTEST);
		h->build_id[0] ^= 0xff;
		fix_hdr_crc(pack, len);
	} else if (!strcmp(kind, "bad-crc")) {
		struct earlymod_pack_header *h = (void *)pack;

		find_entry(pack, len, SELFTEST);
		put_le32(&h->hdr_crc, le32(&h->hdr_crc) ^ 1);
	} else if (!strcmp(kind, "version")) {
		struct earlymod_pack_header *h = (void *)pack;

		find_entry(pack, len, SELFTEST);
		((uint8_t *)&h->version)[0] = 99;	/* little-endian u16 */
		((uint8_t *)&h->version)[1] = 0;
		fix_hdr_crc(pack, len);
	} else if (!strcmp(kind, "initcall-vmlinux")) {
		table_to_vmlinux(pack, len, SELFTEST, EARLYMOD_SPECIAL_INITCALL);
	} else if (!strcmp(kind, "extable-vmlinux")) {
		table_to_vmlinux(pack, len, SELFTEST, EARLYMOD_SPECIAL_EXTABLE);
	} else if (!strcmp(kind, "jump-vmlinux")) {
		table_to_vmlinux(pack, len, SELFTEST, EARLYMOD_SPECIAL_JUMP_TABLE);
	} else if (!strcmp(kind, "rebuilt")) {
		rebuilt(pack, len, INTEL);
	} else if (!strcmp(kind, "parainstr-type")) {
		/* struct paravirt_patch_site: u8 *instr, u8 type, u8 len */
		table_field(pack, len, SELFTEST, EARLYMOD_SPECIAL_PARAINSTR, 16, 8, 1, 0xff);
	} else if (!strcmp(kind, "altinstr-cpuid")) {
		/* struct alt_instr: s32, s32, u16 cpuid, u8, u8 */
		table_field(pack, len, VMWARE, EARLYMOD_SPECIAL_ALTINSTR, 12, 8, 2, 0x7fff);
	} else if (!strcmp(kind, "rebuilt-apu")) {
		rebuilt(pack, len, APU);
	} else if (!strcmp(kind, "site-unrecorded")) {
		site_unrecorded(pack, len, INTEL);
	} else if (!strcmp(kind, "export-duplicate")) {
		export_rename(pack, len, INTEL, "intel_iommu_enabled", "clflush_cache_range");
	} else if (!strcmp(kind, "empty")) {
		new_len = 0;
	} else if (!strcmp(kind, "cpio")) {
		if (memcmp(p + 94, "00000007", 8))
			die("%s", "first cpio header: namesize is not 00000007");
		memcpy(p + 94, "0x000007", 8);
	} else {
		die("unknown KIND %s", kind);
	}

	if (new_len != len) {
		char f[9];

		snprintf(f, sizeof(f), "%08X", (unsigned int)new_len);
		memcpy(p + hdr + 54, f, 8);
	}
	/* [up to the data][new data][zero padding][what followed the old data] */
	{
		static const uint8_t zero[4];
		size_t rest = (data + len + 3) & ~(size_t)3;
		size_t pad = ((new_len + 3) & ~(size_t)3) - new_len;
		uint8_t *tail = malloc(pad + (n - rest) + 1);

		if (!tail)
			die("%s", "out of memory");
		memcpy(tail, zero, pad);
		memcpy(tail + pad, p + rest, n - rest);
		write_all(argv[3], p, data, pack, new_len, tail, pad + (n - rest));
		free(tail);
	}
	free(p);
	return 0;
}
