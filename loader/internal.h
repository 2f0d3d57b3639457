/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers shared by the loader's own files.
 */
#ifndef _EARLYMOD_LOADER_INTERNAL_H
#define _EARLYMOD_LOADER_INTERNAL_H

#include "env.h"
#include "loader.h"

#define EMLD_LE16(x)	le16_to_cpu(x)
#define EMLD_LE32(x)	le32_to_cpu(x)
#define EMLD_LE64(x)	le64_to_cpu(x)

#define EMLD_BIT(i)	((u64)1 << (i))

/* Record an error and return its code. */
static inline int emld_fail(struct emld_error *err, int code, const char *msg,
			    u32 offset, const char *entry)
{
	if (err) {
		err->err = code;
		err->msg = msg;
		err->offset = offset;
		err->entry = entry;
	}
	return code;
}

static inline void emld_clear_error(struct emld_error *err)
{
	if (err) {
		err->err = 0;
		err->msg = NULL;
		err->offset = EMLD_NO_OFFSET;
		err->entry = NULL;
	}
}

/* 1 if @len bytes at @p are all zero; else 0 and *@bad (if set) the first. */
static inline int emld_all_zero(const void *p, u32 len, u32 *bad)
{
	const u8 *b = p;
	u32 i;

	for (i = 0; i < len; i++) {
		if (b[i]) {
			if (bad)
				*bad = i;
			return 0;
		}
	}
	return 1;
}

/* Equal strings; NULL @a counts as "" (a fact the kernel does not know). */
static inline int emld_str_eq(const char *a, const char *b)
{
	if (!a)
		a = "";
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return *a == *b;
}

/* Pack offset of the first byte of @p, which lies inside the pack. */
static inline u32 emld_pack_off(const struct emld_pack *pack, const void *p)
{
	return (u32)((const u8 *)p - pack->base);
}

static inline int emld_reloc_is_pc(u32 type)
{
	return type == EARLYMOD_R_X86_64_PC32 ||
	       type == EARLYMOD_R_X86_64_PLT32 ||
	       type == EARLYMOD_R_X86_64_PC64;
}

#endif /* _EARLYMOD_LOADER_INTERNAL_H */
