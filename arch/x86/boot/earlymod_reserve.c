// SPDX-License-Identifier: GPL-2.0-only
/*
 * earlymod: the pack the bootloader handed over, at the front of the initrd.
 *
 * The pack travels as the file kernel/earlymod/pack.bin of an uncompressed
 * newc cpio archive that the bootloader puts in front of the initramfs
 * (GRUB: `initrd /boot/earlymod.img /boot/initrd.img`), possibly after other
 * early archives (CPU microcode), each padded to 4 bytes.  The initrd is
 * memblock-reserved by early_reserve_initrd(); the hypervisor stage finds
 * the pack where the bootloader put it (earlymod_boot_initrd()), and the
 * platform stage follows it to initrd_start, where reserve_initrd() mapped
 * (and perhaps moved) it; nothing more needs reserving here.
 *
 * Once the pack is linked, its archive is hidden from the initramfs unpacker
 * and its pages are given back: the archives in front of it (microcode, which
 * the microcode loader looks for again at initrd_start) are moved up over it,
 * initrd_start moves past the freed pages, and the remainder of the pack's
 * archive below the new start is zeroed, which the unpacker skips as padding.
 * initrd_start stays page-aligned, as free_initrd_mem() requires.  An
 * archive that holds other files as well (microcode in the same archive)
 * loses the pack's member alone, in the same way: what is in front of the
 * member moves up over it, and the unpacker and the microcode loader, which
 * both skip zero words between members, read the rest as before.
 *
 * The microcode loader scans the initrd again after this (AP bring-up, and
 * the copy it saves at fs_initcall time): from initrd_start, or from the
 * bootloader's address when initrd_start is 0, for the size the bootloader
 * gave in boot_params (find_microcode_in_initrd()).  So boot_params is kept
 * telling the truth about what is left: the initrd's new start and size, or
 * no size at all once all of it went back.
 */
#include <linux/init.h>
#include <linux/initrd.h>
#include <linux/kernel.h>
#include <linux/memblock.h>
#include <linux/string.h>
#include <linux/earlymod.h>
#include <asm/page.h>
#include <asm/setup.h>

#define CPIO_HDR_LEN	110
#define CPIO_TRAILER	"TRAILER!!!"

/* One 8-digit hex field of a newc header; -1 when it is not hex. */
static long __init cpio_field(const char *s)
{
	unsigned long v = 0;
	int i;

	for (i = 0; i < 8; i++) {
		char c = s[i];

		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= c - '0';
		else if (c >= 'a' && c <= 'f')
			v |= c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			v |= c - 'A' + 10;
		else
			return -1;
	}
	return v;
}

static bool __init cpio_magic(const u8 *p, const u8 *end)
{
	return end - p >= 6 && (!memcmp(p, "070701", 6) || !memcmp(p, "070702", 6));
}

/*
 * Walk one archive from @p.  Sets *next past its trailer (4-byte padded) and,
 * when the archive holds EARLYMOD_CPIO_PATH, *data and *len, and the
 * member's bounds (header to padded end) in mem[0..1]; *shared when the
 * archive holds anything else but directories.
 */
static int __init cpio_walk(u8 *p, u8 *end, u8 **next, u8 **data, size_t *len,
			    u8 *mem[2], bool *shared, const char **why)
{
	while (p < end) {
		long namesize, filesize, mode;
		size_t off;
		const char *name;

		if (!cpio_magic(p, end) || end - p < CPIO_HDR_LEN) {
			*why = "truncated or damaged cpio header";
			return -EINVAL;
		}
		mode = cpio_field((char *)p + 14);
		filesize = cpio_field((char *)p + 54);
		namesize = cpio_field((char *)p + 94);
		if (mode < 0 || filesize < 0 || namesize <= 0) {
			*why = "bad cpio header field";
			return -EINVAL;
		}
		name = (char *)p + CPIO_HDR_LEN;
		off = ALIGN(CPIO_HDR_LEN + namesize, 4);
		if (off > (size_t)(end - p) ||
		    (size_t)filesize > (size_t)(end - p) - off ||
		    name[namesize - 1] != '\0') {
			*why = "cpio member runs past the end of the initrd";
			return -EINVAL;
		}
		if (!strcmp(name, CPIO_TRAILER)) {
			*next = p + off;
			return 0;
		}
		if (!strcmp(name, EARLYMOD_CPIO_PATH)) {
			*data = p + off;
			*len = filesize;
			mem[0] = p;
			mem[1] = p + min_t(size_t, ALIGN(off + filesize, 4), end - p);
		} else if ((mode & 0170000) != 0040000) {
			/* anything but a directory: the archive is not ours alone */
			*shared = true;
		}
		off += filesize;
		p += min_t(size_t, ALIGN(off, 4), end - p);
	}
	*why = "cpio archive without a trailer";
	return -EINVAL;
}

/*
 * The initrd as the bootloader handed it over, before reserve_initrd() maps
 * it (the hypervisor stage): through the direct map, as the microcode loader
 * reads it this early (find_microcode_in_initrd()), its pages made present
 * by the early page-fault handler.  The address is valid until
 * kernel_randomize_memory() moves the direct map.  0: there is none, or
 * early_reserve_initrd() did not reserve it (no loader type).
 */
int __init earlymod_boot_initrd(void **start, void **end)
{
	u64 image = (u64)boot_params.ext_ramdisk_image << 32 |
		    boot_params.hdr.ramdisk_image;
	u64 size = (u64)boot_params.ext_ramdisk_size << 32 |
		   boot_params.hdr.ramdisk_size;

	if (!image)
		image = phys_initrd_start;
	if (!size)
		size = phys_initrd_size;
	if (!boot_params.hdr.type_of_loader || !image || !size)
		return 0;
	*start = __va(image);
	*end = __va(image + size);
	return 1;
}

int __init earlymod_find_initrd_pack(struct earlymod_initrd_pack *pk,
				     void *start, void *limit,
				     const char **why)
{
	u8 *p = start, *end = limit;

	memset(pk, 0, sizeof(*pk));
	pk->start = (unsigned long)start;
	if (!p || end <= p)
		return 0;

	/* Early archives, one after the other; stop at anything else. */
	while (cpio_magic(p, end)) {
		u8 *next = NULL, *data = NULL, *mem[2] = { NULL, NULL };
		size_t len = 0;
		bool shared = false;
		int ret = cpio_walk(p, end, &next, &data, &len, mem, &shared, why);

		if (ret)
			return ret;
		/* bootloaders pad each file; archives may be zero-padded */
		while (next < end && !*next)
			next++;
		if (data) {
			/*
			 * What goes: the whole archive, or, when it holds other
			 * files too (microcode in the same archive), the pack's
			 * member alone; the readers of the archive skip the
			 * zeros that are left in its place.
			 */
			pk->arc = (unsigned long)(shared ? mem[0] : p);
			pk->arc_end = (unsigned long)(shared ? mem[1] : next);
			pk->len = len;
			pk->shared = shared;
			/*
			 * The loader reads the pack in place and needs it 8-byte
			 * aligned.  The member's own header (110 bytes and the
			 * name) lies in front of it, so moving the data down by
			 * at most 7 bytes stays inside the member.
			 */
			if ((unsigned long)data & 7) {
				u8 *aligned = PTR_ALIGN_DOWN(data, 8);

				memmove(aligned, data, len);
				data = aligned;
			}
			pk->pack = data;
			return 1;
		}
		p = next;
	}
	return 0;
}

void __init earlymod_move_initrd_pack(struct earlymod_initrd_pack *pk,
				     unsigned long start)
{
	unsigned long delta = start - pk->start;

	pk->start = start;
	pk->pack = (u8 *)pk->pack + delta;
	pk->arc += delta;
	pk->arc_end += delta;
}

/*
 * The initrd now starts @shift bytes further on and holds @size bytes.  Only
 * a size the bootloader put into boot_params is adjusted (an initrd the EFI
 * stub found by other means has none there, and nothing reads it there).
 */
static void __init em_ramdisk_moved(unsigned long shift, unsigned long size)
{
	u64 image = (u64)boot_params.ext_ramdisk_image << 32 |
		    boot_params.hdr.ramdisk_image;

	if (!boot_params.hdr.ramdisk_size && !boot_params.ext_ramdisk_size)
		return;
	image = size ? image + shift : 0;
	boot_params.hdr.ramdisk_image = (u32)image;
	boot_params.ext_ramdisk_image = (u32)(image >> 32);
	boot_params.hdr.ramdisk_size = (u32)size;
	boot_params.ext_ramdisk_size = (u32)((u64)size >> 32);
}

unsigned long __init
earlymod_release_initrd_pack(const struct earlymod_initrd_pack *pk)
{
	unsigned long start = initrd_start, size = pk->arc_end - pk->arc;
	unsigned long before = pk->arc - start;	/* archives in front of it */
	unsigned long new_start;

	if (!pk->arc)
		return 0;
	if (!before && pk->arc_end >= initrd_end) {
		/* the initrd was nothing but the pack: give all of it back */
		unsigned long b = PAGE_ALIGN(start), e = PAGE_ALIGN(initrd_end);

		initrd_start = initrd_end = 0;
		em_ramdisk_moved(0, 0);
		memblock_phys_free(__pa(b), e - b);
		return e - b;
	}
	/* The largest shift that keeps the new start page-aligned. */
	new_start = round_down(start + size, PAGE_SIZE);
	if (new_start < start)
		new_start = start;
	if (before)
		memmove((void *)new_start, (void *)start, before);
	/* What is left of the pack's archive reads as padding. */
	memset((void *)(new_start + before), 0, pk->arc_end - (new_start + before));
	initrd_start = new_start;
	em_ramdisk_moved(new_start - start, initrd_end - new_start);
	if (new_start <= PAGE_ALIGN(start))
		return 0;
	memblock_phys_free(__pa(PAGE_ALIGN(start)), new_start - PAGE_ALIGN(start));
	return new_start - PAGE_ALIGN(start);
}
