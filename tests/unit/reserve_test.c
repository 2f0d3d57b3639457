// SPDX-License-Identifier: GPL-2.0
/*
 * Host tests of arch/x86/boot/earlymod_reserve.c, the kernel's code that
 * finds the pack at the front of the initrd, hides it from the initramfs
 * unpacker and gives its pages back.  The file is compiled as it is, against
 * the shims in tests/unit/kshim/; the initrd is a page-aligned buffer here.
 *
 * Each case builds an initrd of cpio archives and checks: what was found
 * (pack bytes, 8-byte alignment), where initrd_start/initrd_end end up
 * (page-aligned), which pages were freed, that the archives in front of the
 * pack were moved intact to the new start, that what is left of the pack's
 * archive reads as zeros, and that what follows is untouched.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/kernel.h>
#include <linux/earlymod.h>
#include <asm/page.h>
#include <asm/setup.h>
#include <linux/memblock.h>

unsigned long initrd_start, initrd_end;
struct boot_params boot_params;
unsigned long phys_initrd_start, phys_initrd_size;

static unsigned long freed_base, freed_size;
static int nr_freed;

void memblock_phys_free(unsigned long base, unsigned long size)
{
	freed_base = base;
	freed_size = size;
	nr_freed++;
}

static int failures;

static void check(const char *name, int ok, const char *fmt, ...)
{
	va_list ap;

	if (ok) {
		printf("ok reserve-%s\n", name);
		return;
	}
	failures++;
	printf("not ok reserve-%s - ", name);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

/* --- building initrds ---------------------------------------------------- */
static unsigned char *img;	/* the initrd, page-aligned */
static size_t len, cap;

static void put(const void *p, size_t n)
{
	if (len + n > cap) {
		fprintf(stderr, "reserve_test: initrd buffer too small\n");
		exit(2);
	}
	memcpy(img + len, p, n);
	len += n;
}

static void pad4(void)
{
	static const unsigned char zero[4];

	put(zero, (4 - len % 4) % 4);
}

static void member(const char *name, const void *data, size_t n)
{
	char h[111];

	snprintf(h, sizeof(h), "070701%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X",
		 1, data ? 0100644 : 040755, 0, 0, 1, 0, (unsigned int)n,
		 0, 0, 0, 0, (unsigned int)strlen(name) + 1, 0);
	put(h, 110);
	put(name, strlen(name) + 1);
	pad4();
	if (n)
		put(data, n);
	pad4();
}

static void archive(const char *path, const void *data, size_t n)
{
	member(path, data, n);
	member("TRAILER!!!", NULL, 0);
}

static void reset(void)
{
	memset(img, 0xa5, cap);
	len = 0;
	nr_freed = 0;
	freed_base = freed_size = 0;
}

static void hand_over(void)
{
	unsigned long pa = __pa(img);

	initrd_start = (unsigned long)img;
	initrd_end = initrd_start + len;
	/* as a bootloader fills it in (the shim's __pa() is the identity) */
	boot_params.hdr.ramdisk_image = (__u32)pa;
	boot_params.ext_ramdisk_image = (__u32)((__u64)pa >> 32);
	boot_params.hdr.ramdisk_size = (__u32)len;
	boot_params.ext_ramdisk_size = 0;
	boot_params.hdr.type_of_loader = 0x72;	/* GRUB */
}

/* What the microcode loader would scan: boot_params' start and size. */
static unsigned long bp_image(void)
{
	return (unsigned long)boot_params.ext_ramdisk_image << 32 |
	       boot_params.hdr.ramdisk_image;
}

static unsigned long bp_size(void)
{
	return (unsigned long)boot_params.ext_ramdisk_size << 32 |
	       boot_params.hdr.ramdisk_size;
}

static unsigned char pack_bytes[9000];

static int all_zero(unsigned long from, unsigned long to)
{
	for (; from < to; from++)
		if (*(unsigned char *)from)
			return 0;
	return 1;
}

/* --- cases --------------------------------------------------------------- */

/* The initrd is nothing but the pack: all of it goes back. */
static void case_pack_only(void)
{
	struct earlymod_initrd_pack pk;
	const char *why = NULL;
	unsigned long start, end, freed;
	int r;

	reset();
	archive(EARLYMOD_CPIO_PATH, pack_bytes, sizeof(pack_bytes));
	hand_over();
	start = initrd_start;
	end = initrd_end;
	r = earlymod_find_initrd_pack(&pk, (void *)initrd_start, (void *)initrd_end, &why);
	check("pack-only-found", r == 1 && pk.len == sizeof(pack_bytes) &&
	      !memcmp(pk.pack, pack_bytes, pk.len) && !((unsigned long)pk.pack & 7),
	      "r=%d len=%zu why=%s", r, pk.len, why ? why : "-");
	freed = earlymod_release_initrd_pack(&pk);
	check("pack-only-all-freed", !initrd_start && !initrd_end &&
	      freed == PAGE_ALIGN(end) - start && nr_freed == 1 &&
	      freed_base == start && freed_size == freed,
	      "start=%#lx end=%#lx freed=%lu (%d calls, %#lx+%lu)", initrd_start,
	      initrd_end, freed, nr_freed, freed_base, freed_size);
	/* the microcode loader must not scan the freed pages later */
	check("pack-only-bootparams-empty", !bp_size() && !bp_image(),
	      "boot_params still say %#lx+%lu", bp_image(), bp_size());
}

/* Pack, then the initramfs: the start moves past the freed whole pages. */
static void case_pack_then_initramfs(void)
{
	static const char init_data[] = "#!/bin/sh\necho hello\n";
	struct earlymod_initrd_pack pk;
	const char *why = NULL;
	unsigned long start, ramfs, ramfs_len, freed;
	unsigned char copy[512];
	int r;

	reset();
	archive(EARLYMOD_CPIO_PATH, pack_bytes, sizeof(pack_bytes));
	ramfs = (unsigned long)img + len;
	archive("init", init_data, sizeof(init_data));
	ramfs_len = (unsigned long)img + len - ramfs;
	memcpy(copy, (void *)ramfs, ramfs_len);
	hand_over();
	start = initrd_start;
	r = earlymod_find_initrd_pack(&pk, (void *)initrd_start, (void *)initrd_end, &why);
	check("pack-first-found", r == 1 && !memcmp(pk.pack, pack_bytes, pk.len),
	      "r=%d why=%s", r, why ? why : "-");
	freed = earlymod_release_initrd_pack(&pk);
	check("pack-first-start", initrd_start == round_down(ramfs, PAGE_SIZE) &&
	      initrd_start > start && !(initrd_start % PAGE_SIZE) &&
	      initrd_end == ramfs + ramfs_len,
	      "start %#lx (initramfs at %#lx)", initrd_start, ramfs);
	check("pack-first-freed", freed == initrd_start - start && nr_freed == 1 &&
	      freed_base == start && freed_size == freed,
	      "freed %lu, %d calls %#lx+%lu", freed, nr_freed, freed_base, freed_size);
	check("pack-first-rest-zero", all_zero(initrd_start, ramfs),
	      "the pack's leftover below the initramfs is not zero");
	check("pack-first-initramfs-intact", !memcmp((void *)ramfs, copy, ramfs_len),
	      "the initramfs archive changed");
	check("pack-first-bootparams", bp_image() == __pa(initrd_start) &&
	      bp_size() == initrd_end - initrd_start,
	      "boot_params say %#lx+%lu, the initrd is %#lx+%lu", bp_image(),
	      bp_size(), initrd_start, initrd_end - initrd_start);
}

/*
 * Microcode, pack, initramfs (GRUB's order): the microcode archive is moved
 * up to the new start, intact; the pack's data starts 4 bytes off an 8-byte
 * boundary and is moved into alignment.
 */
static void case_microcode_first(void)
{
	static const char ucode[] = "ucode";	/* 6 bytes: archive % 8 == 4 */
	static const char init_data[] = "init";
	struct earlymod_initrd_pack pk;
	const char *why = NULL;
	unsigned long start, ramfs, ucode_len, freed;
	unsigned char ucopy[1024];
	int r;

	reset();
	archive("kernel/x86/microcode/AuthenticAMD.bin", ucode, sizeof(ucode));
	ucode_len = len;
	memcpy(ucopy, img, ucode_len);
	archive(EARLYMOD_CPIO_PATH, pack_bytes, sizeof(pack_bytes));
	ramfs = (unsigned long)img + len;
	archive("init", init_data, sizeof(init_data));
	hand_over();
	start = initrd_start;
	r = earlymod_find_initrd_pack(&pk, (void *)initrd_start, (void *)initrd_end, &why);
	check("microcode-found", r == 1 && pk.arc == start + ucode_len &&
	      !memcmp(pk.pack, pack_bytes, pk.len) && !((unsigned long)pk.pack & 7),
	      "r=%d arc=%#lx why=%s", r, pk.arc, why ? why : "-");
	freed = earlymod_release_initrd_pack(&pk);
	check("microcode-moved-intact", !memcmp((void *)initrd_start, ucopy, ucode_len),
	      "the microcode archive is not at the new start");
	check("microcode-start", !(initrd_start % PAGE_SIZE) &&
	      initrd_start + ucode_len <= ramfs && freed == initrd_start - start &&
	      freed_base == start,
	      "start %#lx, freed %lu from %#lx", initrd_start, freed, freed_base);
	check("microcode-gap-zero", all_zero(initrd_start + ucode_len, ramfs),
	      "the pack's leftover is not zero");
	/* where the microcode loader scans again: the moved archive, no further */
	check("microcode-bootparams", bp_image() == __pa(initrd_start) &&
	      bp_size() == initrd_end - initrd_start,
	      "boot_params say %#lx+%lu, the initrd is %#lx+%lu", bp_image(),
	      bp_size(), initrd_start, initrd_end - initrd_start);
}

/* Anything but cpio at the front, or an empty initrd: no pack, no error. */
static void case_no_pack(void)
{
	static const unsigned char gzip[] = { 0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0 };
	struct earlymod_initrd_pack pk;
	const char *why = NULL;
	int r;

	reset();
	put(gzip, sizeof(gzip));
	hand_over();
	r = earlymod_find_initrd_pack(&pk, (void *)initrd_start, (void *)initrd_end, &why);
	check("compressed-front", r == 0 && initrd_start == (unsigned long)img,
	      "r=%d", r);
	check("compressed-release-nothing", earlymod_release_initrd_pack(&pk) == 0 &&
	      !nr_freed && initrd_start == (unsigned long)img, "something freed");

	reset();
	archive("kernel/x86/microcode/GenuineIntel.bin", "x", 1);
	archive("init", "y", 1);
	hand_over();
	r = earlymod_find_initrd_pack(&pk, (void *)initrd_start, (void *)initrd_end, &why);
	check("no-pack-member", r == 0, "r=%d", r);

	initrd_start = initrd_end = 0;
	r = earlymod_find_initrd_pack(&pk, (void *)initrd_start, (void *)initrd_end, &why);
	check("no-initrd", r == 0, "r=%d", r);
}

/* Damaged archives at the front: an error with a reason, nothing found. */
static void case_damaged(void)
{
	static const struct {
		const char *name;
		size_t at;	/* offset into the first header */
		const char *bytes;
		const char *why;
	} cases[] = {
		{ "bad-hex", 94, "0000000Z", "bad cpio header field" },
		{ "name-past-end", 94, "7FFFFFFF", "cpio member runs past the end of the initrd" },
		{ "size-past-end", 54, "7FFFFFFF", "cpio member runs past the end of the initrd" },
		{ "bad-magic-second", 0, NULL, "truncated or damaged cpio header" },
	};
	struct earlymod_initrd_pack pk;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *why = NULL;
		int r;

		reset();
		archive(EARLYMOD_CPIO_PATH, pack_bytes, 64);
		if (cases[i].bytes) {
			memcpy(img + cases[i].at, cases[i].bytes, 8);
		} else {
			/* the trailer's header garbled: the walk meets junk */
			size_t trailer = len - 124;

			memcpy(img + trailer, "07X7", 4);
		}
		hand_over();
		r = earlymod_find_initrd_pack(&pk, (void *)initrd_start, (void *)initrd_end, &why);
		check(cases[i].name, r < 0 && why && !strcmp(why, cases[i].why),
		      "r=%d why=%s", r, why ? why : "(none)");
	}

	/* cut in the middle of the pack: the member runs past the end */
	{
		const char *why = NULL;
		int r;

		reset();
		archive(EARLYMOD_CPIO_PATH, pack_bytes, sizeof(pack_bytes));
		len = 110 + 4000;
		hand_over();
		r = earlymod_find_initrd_pack(&pk, (void *)initrd_start, (void *)initrd_end, &why);
		check("truncated", r < 0 && why &&
		      !strcmp(why, "cpio member runs past the end of the initrd"),
		      "r=%d why=%s", r, why ? why : "(none)");
	}
	/* no trailer at all */
	{
		const char *why = NULL;
		int r;

		reset();
		member(EARLYMOD_CPIO_PATH, pack_bytes, 64);
		hand_over();
		r = earlymod_find_initrd_pack(&pk, (void *)initrd_start, (void *)initrd_end, &why);
		check("no-trailer", r < 0 && why &&
		      !strcmp(why, "cpio archive without a trailer"),
		      "r=%d why=%s", r, why ? why : "(none)");
	}
}

/*
 * The hypervisor stage finds the pack where the bootloader put it; the
 * platform stage follows it to where reserve_initrd() moved the initrd.
 */
static void case_boot_initrd_moved(void)
{
	struct earlymod_initrd_pack pk;
	unsigned char *copy = aligned_alloc(PAGE_SIZE, cap);
	const char *why = NULL;
	void *start = NULL, *end = NULL;
	int r;

	reset();
	archive(EARLYMOD_CPIO_PATH, pack_bytes, sizeof(pack_bytes));
	hand_over();
	boot_params.hdr.type_of_loader = 0;
	r = earlymod_boot_initrd(&start, &end);
	check("boot-initrd-no-loader", r == 0, "r=%d", r);
	boot_params.hdr.type_of_loader = 0x72;
	r = earlymod_boot_initrd(&start, &end);
	check("boot-initrd", r == 1 && start == (void *)img &&
	      end == (void *)(img + len), "r=%d %p-%p", r, start, end);
	r = earlymod_find_initrd_pack(&pk, start, end, &why);
	check("boot-initrd-pack-found", r == 1 && !memcmp(pk.pack, pack_bytes,
							   sizeof(pack_bytes)),
	      "r=%d why=%s", r, why ? why : "-");
	/* relocate_initrd(): the same bytes elsewhere, initrd_start there */
	memcpy(copy, img, cap);
	memset(img, 0xee, cap);
	initrd_start = (unsigned long)copy;
	initrd_end = initrd_start + len;
	earlymod_move_initrd_pack(&pk, initrd_start);
	check("boot-initrd-moved", pk.start == initrd_start &&
	      !memcmp(pk.pack, pack_bytes, sizeof(pack_bytes)) &&
	      pk.arc == initrd_start && pk.arc_end <= initrd_end,
	      "pack %p arc %#lx", pk.pack, pk.arc);
	/* freeing works from there, as after a find at initrd_start */
	check("boot-initrd-moved-freed", earlymod_release_initrd_pack(&pk) > 0 &&
	      !initrd_start, "start %#lx", initrd_start);
	free(copy);
}

/*
 * One archive holding microcode and the pack (a hand-made initrd): only the
 * pack's member goes; the microcode member and the archive after it stay
 * readable, for readers that skip zero words between members as the
 * unpacker and the microcode loader (find_cpio_data()) do.
 */
static const unsigned char *next_member(const unsigned char *p,
					const unsigned char *end,
					char *name, size_t *size,
					const unsigned char **data)
{
	unsigned int ns, fs;
	char f[9] = "";

	while (p + 4 <= end && !p[0] && !p[1] && !p[2] && !p[3])
		p += 4;
	if (p + 110 > end || memcmp(p, "070701", 6))
		return NULL;
	memcpy(f, p + 94, 8);
	ns = (unsigned int)strtoul(f, NULL, 16);
	memcpy(f, p + 54, 8);
	fs = (unsigned int)strtoul(f, NULL, 16);
	snprintf(name, 64, "%s", (const char *)p + 110);
	*data = p + ((110 + ns + 3) & ~3u);
	*size = fs;
	return *data + ((fs + 3) & ~3u);
}

static void case_shared_archive(void)
{
	static const char ucode[] = "ucode";
	struct earlymod_initrd_pack pk;
	const unsigned char *p, *end, *data;
	const char *why = NULL;
	char names[256] = "", name[64];
	unsigned long start, freed;
	size_t size;
	int r, ucode_ok = 0, init_ok = 0;

	reset();
	member("kernel", NULL, 0);
	member("kernel/x86/microcode/GenuineIntel.bin", ucode, sizeof(ucode));
	member(EARLYMOD_CPIO_PATH, pack_bytes, sizeof(pack_bytes));
	member("TRAILER!!!", NULL, 0);
	archive("init", "init", 5);
	hand_over();
	start = initrd_start;
	r = earlymod_find_initrd_pack(&pk, (void *)initrd_start, (void *)initrd_end, &why);
	check("shared-found", r == 1 && pk.shared &&
	      !memcmp(pk.pack, pack_bytes, pk.len) && pk.arc > start,
	      "r=%d shared=%d", r, pk.shared);
	freed = earlymod_release_initrd_pack(&pk);
	/* every member from the new start on, in order */
	end = (const unsigned char *)initrd_end;
	for (p = (const unsigned char *)initrd_start; p && p < end;) {
		p = next_member(p, end, name, &size, &data);
		if (!p)
			break;
		strncat(names, name, sizeof(names) - strlen(names) - 12);
		strcat(names, " ");
		if (!strcmp(name, "kernel/x86/microcode/GenuineIntel.bin"))
			ucode_ok = size == sizeof(ucode) && !memcmp(data, ucode, size);
		if (!strcmp(name, "init"))
			init_ok = size == 5 && !memcmp(data, "init", 5);
	}
	check("shared-pack-member-gone", freed >= PAGE_SIZE &&
	      freed == initrd_start - start &&
	      !strcmp(names, "kernel kernel/x86/microcode/GenuineIntel.bin TRAILER!!! init TRAILER!!! "),
	      "freed %lu, members: %s", freed, names);
	check("shared-others-intact", ucode_ok && init_ok,
	      "microcode %d, init %d (members: %s)", ucode_ok, init_ok, names);
}

int main(void)
{
	size_t i;

	cap = 64 * 1024;
	img = aligned_alloc(PAGE_SIZE, cap);
	if (!img)
		return 2;
	for (i = 0; i < sizeof(pack_bytes); i++)
		pack_bytes[i] = (unsigned char)(i * 7 + 1);

	case_pack_only();
	case_pack_then_initramfs();
	case_microcode_first();
	case_no_pack();
	case_damaged();
	case_boot_initrd_moved();
	case_shared_archive();
	free(img);
	return failures ? 1 : 0;
}
