/* SPDX-License-Identifier: GPL-2.0 */
/* Host shim (tests/unit/kshim/README). */
#ifndef KSHIM_KERNEL_H
#define KSHIM_KERNEL_H
#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
typedef uint8_t u8;
typedef uint32_t u32;
typedef uint64_t u64;
#define ALIGN(x, a)		(((x) + (a) - 1) & ~((typeof(x))(a) - 1))
#define round_down(x, y)	((x) & ~((typeof(x))(y) - 1))
#define PTR_ALIGN_DOWN(p, a)	((typeof(p))round_down((uintptr_t)(p), (a)))
#define min_t(t, a, b)		((t)(a) < (t)(b) ? (t)(a) : (t)(b))
#endif
