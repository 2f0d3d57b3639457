/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The environment the earlymod loader needs, for the kernel
 * and for host programs.  This is the only place that differs between them.
 *
 * The loader needs: fixed-width integers, little-endian loads, copy/set/compare
 * of bytes, and a few errno values.  Nothing else: no allocation, no logging
 * (errors come back in struct emld_error), no libc calls.
 */
#ifndef _EARLYMOD_LOADER_ENV_H
#define _EARLYMOD_LOADER_ENV_H

#ifdef __KERNEL__

#include <linux/types.h>
#include <linux/stddef.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <asm/byteorder.h>

#define emld_memcpy(d, s, n)	memcpy(d, s, n)
#define emld_memset(d, c, n)	memset(d, c, n)
#define emld_memcmp(a, b, n)	memcmp(a, b, n)

#else /* host */

#include <stddef.h>
#include <stdbool.h>
#include <linux/types.h>

typedef __u8  u8;
typedef __u16 u16;
typedef __u32 u32;
typedef __u64 u64;
typedef __s16 s16;
typedef __s32 s32;
typedef __s64 s64;

#if __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "the earlymod loader reads little-endian packs natively"
#endif
#define le16_to_cpu(x)		((u16)(x))
#define le32_to_cpu(x)		((u32)(x))
#define le64_to_cpu(x)		((u64)(x))

#define emld_memcpy(d, s, n)	__builtin_memcpy(d, s, n)
#define emld_memset(d, c, n)	__builtin_memset(d, c, n)
#define emld_memcmp(a, b, n)	__builtin_memcmp(a, b, n)

#ifndef fallthrough
#define fallthrough		__attribute__((__fallthrough__))
#endif

/* The Linux values, so that host and kernel report the same numbers. */
#ifndef EPERM
#define EPERM		1
#endif
#ifndef ENOENT
#define ENOENT		2
#endif
#ifndef E2BIG
#define E2BIG		7
#endif
#ifndef ENOEXEC
#define ENOEXEC		8
#endif
#ifndef EFAULT
#define EFAULT		14
#endif
#ifndef EINVAL
#define EINVAL		22
#endif
#ifndef ENOSPC
#define ENOSPC		28
#endif
#ifndef ERANGE
#define ERANGE		34
#endif
#ifndef EBADMSG
#define EBADMSG		74
#endif
#ifndef ESTALE
#define ESTALE		116
#endif

#endif /* __KERNEL__ */

#define EMLD_ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

#endif /* _EARLYMOD_LOADER_ENV_H */
