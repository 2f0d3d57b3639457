// SPDX-License-Identifier: GPL-2.0
/*
 * Lay out, copy, relocate, and fix up vmlinux.
 *
 * The steps run in this order for one entry, its dependencies first:
 *
 *   layout    each class gets a runtime address and a place to write it
 *   relocate  copy the IMAGE bytes, zero the rest, apply RELOCS
 *   prepare   check every vmlinux fixup site; no writes
 *   commit    write the fixup sites; cannot fail
 *
 * Nothing before commit writes outside the entry's own memory, so a failure
 * at any of the first three steps leaves vmlinux as it was.
 *
 * All address arithmetic is modulo 2^64, as in the ELF x86-64 ABI; a 32-bit
 * field then holds the result only if it zero-extends (R_X86_64_32) or
 * sign-extends (the others) back to the same 64-bit value.
 */
#include "internal.h"

static u32 cls_size(const struct emld_entry *e, u32 c)
{
	return EMLD_LE32(e->classes[c].size);
}

static u32 cls_off(const struct emld_entry *e, u32 c)
{
	return emld_pack_off(e->pack, &e->classes[c]);
}

/* -------------------------------------------------------------------------
 * Layout
 */
int emld_layout(struct emld_entry *e,
		struct emld_region *const regions[EARLYMOD_NR_CLASSES],
		struct emld_error *err)
{
	u32 cur[EARLYMOD_NR_CLASSES];	/* per region (by first class): used */
	u8 slot[EARLYMOD_NR_CLASSES];	/* first class sharing the region */
	u64 base[EARLYMOD_NR_CLASSES];
	u32 c, k;

	emld_clear_error(err);
	if (!e || e->state != EMLD_VALID)
		return emld_fail(err, -EINVAL, "entry not ready for layout",
				 EMLD_NO_OFFSET, e ? e->name : NULL);

	for (c = 0; c < EARLYMOD_NR_CLASSES; c++) {
		struct emld_region *r = regions ? regions[c] : NULL;
		u32 size = cls_size(e, c), align, pad, s;
		u64 addr;

		base[c] = 0;
		slot[c] = (u8)c;
		cur[c] = 0;
		if (!r) {
			if (size)
				return emld_fail(err, -EINVAL,
						 "no region for a class",
						 cls_off(e, c), e->name);
			continue;
		}
		for (k = 0; k < c; k++) {
			if (regions[k] == r) {
				slot[c] = slot[k];
				break;
			}
		}
		s = slot[c];
		if (s == c) {
			if (r->used > r->size ||
			    (r->size && r->addr > ~(u64)0 - (r->size - 1)))
				return emld_fail(err, -EINVAL, "bad region",
						 cls_off(e, c), e->name);
			cur[c] = r->used;
		}

		align = EMLD_LE32(e->classes[c].align);
		addr = r->addr + cur[s];
		pad = (u32)(-addr & (align - 1));
		base[c] = addr + pad;
		if (!size)
			continue;	/* takes no space, not even padding */
		if (pad > r->size - cur[s] || size > r->size - cur[s] - pad)
			return emld_fail(err, -ENOSPC,
					 "no space left for a class in its region",
					 cls_off(e, c), e->name);
		cur[s] += pad + size;
	}

	/* Everything fits: record it, then move the regions on. */
	for (c = 0; c < EARLYMOD_NR_CLASSES; c++) {
		struct emld_region *r = regions ? regions[c] : NULL;

		e->region[c] = r;
		e->base[c] = base[c];
		e->mem[c] = NULL;
		if (!r)
			continue;
		e->region_used[c] = r->used;
		e->region_end[c] = cur[slot[c]];
		if (cls_size(e, c))
			e->mem[c] = r->ptr + (u32)(base[c] - r->addr);
	}
	for (c = 0; c < EARLYMOD_NR_CLASSES; c++)
		if (e->region[c])
			e->region[c]->used = e->region_end[c];
	e->state = EMLD_LAID_OUT;
	return 0;
}

void emld_layout_undo(struct emld_entry *e)
{
	u32 c;

	if (!e || e->state < EMLD_LAID_OUT || e->state == EMLD_COMMITTED)
		return;
	for (c = 0; c < EARLYMOD_NR_CLASSES; c++) {
		struct emld_region *r = e->region[c];

		if (r && r->used == e->region_end[c])
			r->used = e->region_used[c];
	}
	for (c = 0; c < EARLYMOD_NR_CLASSES; c++) {
		e->region[c] = NULL;
		e->base[c] = 0;
		e->mem[c] = NULL;
	}
	e->state = EMLD_VALID;
}

/* -------------------------------------------------------------------------
 * Relocation arithmetic, shared by relocations and fixups
 */
enum fit { FIT_OK, FIT_U32, FIT_S32 };

/*
 * Compute the value a relocation of @type stores, from S + A and the
 * runtime address P of the site, into @out (little-endian, @width bytes).
 */
static enum fit reloc_value(u32 type, u64 sa, u64 p, u8 out[8], u32 *width)
{
	u64 v;
	u32 i;

	switch (type) {
	case EARLYMOD_R_X86_64_64:		/* S + A */
		v = sa;
		break;
	case EARLYMOD_R_X86_64_32:		/* S + A, zero-extends */
		v = sa;
		if (v != (u32)v)
			return FIT_U32;
		break;
	case EARLYMOD_R_X86_64_32S:		/* S + A, sign-extends */
		v = sa;
		if ((s64)v != (s32)v)
			return FIT_S32;
		break;
	case EARLYMOD_R_X86_64_PC32:		/* S + A - P, sign-extends */
	case EARLYMOD_R_X86_64_PLT32:
		v = sa - p;
		if ((s64)v != (s32)v)
			return FIT_S32;
		break;
	case EARLYMOD_R_X86_64_PC64:		/* S + A - P */
	default:
		v = sa - p;
		break;
	}
	*width = emld_reloc_width(type);
	for (i = 0; i < 8; i++)
		out[i] = (u8)(v >> (8 * i));
	return FIT_OK;
}

/* -------------------------------------------------------------------------
 * Copy and relocate
 */
int emld_relocate(struct emld_entry *e, u64 kaslr_offset,
		  struct emld_error *err)
{
	const struct emld_pack *pack;
	u32 c, i;

	emld_clear_error(err);
	if (!e || e->state != EMLD_LAID_OUT)
		return emld_fail(err, -EINVAL, "entry not laid out",
				 EMLD_NO_OFFSET, e ? e->name : NULL);
	pack = e->pack;

	for (c = 0; c < EARLYMOD_NR_CLASSES; c++) {
		const struct earlymod_class *k = &e->classes[c];
		u32 size = EMLD_LE32(k->size), fsize = EMLD_LE32(k->file_size);

		if (!size)
			continue;
		if (fsize)	/* no IMAGE item at all when nothing has bytes */
			emld_memcpy(e->mem[c],
				    e->image + EMLD_LE32(k->file_offset), fsize);
		emld_memset(e->mem[c] + fsize, 0, size - fsize);
	}

	for (i = 0; i < e->nr_relocs; i++) {
		const struct earlymod_reloc *r = &e->relocs[i];
		u32 roff = emld_pack_off(pack, r), off = EMLD_LE32(r->offset);
		u64 value = EMLD_LE64(r->value), sa, p;
		const struct emld_entry *d;
		u8 bytes[8], *site;
		u32 width = 0, w;

		switch (r->target) {
		case EARLYMOD_TGT_LOCAL:	/* base(class) + value */
			sa = e->base[r->target_class] + value;
			break;
		case EARLYMOD_TGT_VMLINUX:	/* link address + KASLR */
			sa = value + kaslr_offset;
			break;
		case EARLYMOD_TGT_PERCPU:	/* per-CPU offsets never move */
			sa = value;
			break;
		case EARLYMOD_TGT_DEP:		/* dependency's base + value */
		default:
			d = &pack->entries[e->dep[EMLD_LE16(r->dep_index)]];
			if (d->state < EMLD_LAID_OUT)
				return emld_fail(err, -ENOENT,
						 "relocation against a dependency that is not linked",
						 roff + 8, e->name);
			sa = d->base[r->target_class] + value;
			break;
		}
		p = e->base[r->site_class] + off;
		site = e->mem[r->site_class] + off;
		w = emld_reloc_width(r->type);
		if (!emld_all_zero(site, w, NULL))
			return emld_fail(err, -ENOEXEC,
					 "relocation site not zero", roff,
					 e->name);
		switch (reloc_value(r->type, sa, p, bytes, &width)) {
		case FIT_U32:
			return emld_fail(err, -ERANGE,
					 "relocation value out of unsigned 32-bit range",
					 roff, e->name);
		case FIT_S32:
			return emld_fail(err, -ERANGE,
					 "relocation value out of signed 32-bit range",
					 roff, e->name);
		case FIT_OK:
			break;
		}
		emld_memcpy(site, bytes, width);
	}
	e->kaslr_offset = kaslr_offset;
	e->state = EMLD_RELOCATED;
	return 0;
}

/* -------------------------------------------------------------------------
 * vmlinux fixups
 */
static u8 *map_site(const struct emld_vmlinux *vm, u64 addr, u32 len)
{
	u32 i;

	if (vm->map)
		return vm->map(vm->ctx, addr, len);
	for (i = 0; vm->ranges && i < vm->nr_ranges; i++) {
		const struct emld_range *r = &vm->ranges[i];

		if (addr >= r->addr && addr - r->addr <= r->size &&
		    len <= r->size - (addr - r->addr))
			return r->ptr + (addr - r->addr);
	}
	return NULL;
}

/*
 * Check fixup @f and compute its new bytes.  The site is the link-time
 * address + KASLR.  The site's current value is old_value + shift (as an
 * absolute value, or relative to the site), where shift is the KASLR offset
 * unless the target is per-CPU.  The new value is base(class) + value.
 */
static int fixup_plan(const struct emld_entry *e,
		      const struct earlymod_fixup *f,
		      const struct emld_vmlinux *vm, u8 **sitep, u8 out[8],
		      u32 *width, struct emld_error *err)
{
	u32 foff = emld_pack_off(e->pack, f);
	u64 kaslr = e->kaslr_offset;
	u64 site = EMLD_LE64(f->site) + kaslr;
	u64 shift = f->class == EARLYMOD_CLASS_PERCPU ? 0 : kaslr;
	u64 old = EMLD_LE64(f->old_value) + shift;
	u64 sa = e->base[f->class] + EMLD_LE64(f->value);
	u32 w = emld_reloc_width(f->type), ow = 0;
	u8 expect[8], *loc;

	/* vmlinux says where it may be patched, before any byte is read */
	if (vm->seal && !emld_seal_has_site(vm->seal, f))
		return emld_fail(err, -EPERM,
				 "fixup site is not one vmlinux records (seal)",
				 foff, e->name);
	loc = map_site(vm, site, w);
	if (!loc)
		return emld_fail(err, -EFAULT,
				 "fixup site outside the vmlinux ranges", foff,
				 e->name);
	if (reloc_value(f->type, old, site, expect, &ow) != FIT_OK ||
	    emld_memcmp(loc, expect, w))
		return emld_fail(err, -ENOEXEC,
				 "fixup site does not hold the expected value",
				 foff + 8, e->name);
	switch (reloc_value(f->type, sa, site, out, width)) {
	case FIT_U32:
	case FIT_S32:
		return emld_fail(err, -ERANGE,
				 "fixup value out of signed 32-bit range",
				 foff + 16, e->name);
	case FIT_OK:
		break;
	}
	*sitep = loc;
	return 0;
}

int emld_fixups_prepare(struct emld_entry *e, const struct emld_vmlinux *vm,
			struct emld_error *err)
{
	u32 i;
	int ret;

	emld_clear_error(err);
	if (!e || e->state != EMLD_RELOCATED)
		return emld_fail(err, -EINVAL, "entry not relocated",
				 EMLD_NO_OFFSET, e ? e->name : NULL);
	if (e->nr_fixups && !vm)
		return emld_fail(err, -EINVAL, "no vmlinux ranges",
				 EMLD_NO_OFFSET, e->name);
	for (i = 0; i < e->nr_fixups; i++) {
		u8 bytes[8], *site;
		u32 width;

		ret = fixup_plan(e, &e->fixups[i], vm, &site, bytes, &width,
				 err);
		if (ret)
			return ret;
	}
	e->state = EMLD_PREPARED;
	return 0;
}

void emld_fixups_commit(struct emld_entry *e, const struct emld_vmlinux *vm)
{
	u32 i;

	if (!e || e->state != EMLD_PREPARED)
		return;
	for (i = 0; i < e->nr_fixups; i++) {
		u8 bytes[8], *site;
		u32 width;

		/* checked by emld_fixups_prepare(): cannot fail here */
		if (fixup_plan(e, &e->fixups[i], vm, &site, bytes, &width,
			       NULL))
			continue;
		if (vm->write)
			vm->write(vm->ctx, site, bytes, width);
		else
			emld_memcpy(site, bytes, width);
	}
	e->state = EMLD_COMMITTED;
}
