// SPDX-License-Identifier: GPL-2.0
/*
 * mkearlymod: small containers, messages, relocation type names.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mkearlymod.h"

void die(const char *fmt, ...)
{
	va_list ap;

	fputs("mkearlymod: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

void mk_err(struct mk *mk, const char *fmt, ...)
{
	va_list ap;

	if (mk->errors++ >= MK_MAX_ERRORS) {
		if (mk->errors == MK_MAX_ERRORS + 1)
			fputs("mkearlymod: too many errors; stopping the list here\n",
			      stderr);
		return;
	}
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		die("out of memory");
	return p;
}

void *xzalloc(size_t n)
{
	void *p = calloc(1, n ? n : 1);

	if (!p)
		die("out of memory");
	return p;
}

/* --- vec ---------------------------------------------------------------- */
void vec_init(struct vec *v, size_t esz)
{
	memset(v, 0, sizeof(*v));
	v->esz = esz;
}

void *vec_push(struct vec *v)
{
	void *e;

	if (v->n == v->cap) {
		v->cap = v->cap ? v->cap * 2 : 16;
		v->p = xrealloc(v->p, v->cap * v->esz);
	}
	e = (char *)v->p + v->n++ * v->esz;
	memset(e, 0, v->esz);
	return e;
}

void vec_free(struct vec *v)
{
	free(v->p);
	vec_init(v, v->esz);
}

/* --- strmap ------------------------------------------------------------- */
static size_t str_hash(const char *s)
{
	size_t h = 14695981039346656037ULL;	/* FNV-1a */

	while (*s)
		h = (h ^ (unsigned char)*s++) * 1099511628211ULL;
	return h;
}

void strmap_init(struct strmap *m)
{
	memset(m, 0, sizeof(*m));
}

static void strmap_grow(struct strmap *m)
{
	struct strmap n;
	size_t i;

	n.cap = m->cap ? m->cap * 2 : 64;
	n.n = 0;
	n.key = xzalloc(n.cap * sizeof(*n.key));
	n.val = xzalloc(n.cap * sizeof(*n.val));
	for (i = 0; i < m->cap; i++)
		if (m->key[i])
			strmap_put(&n, m->key[i], m->val[i]);
	free(m->key);
	free(m->val);
	*m = n;
}

int strmap_put(struct strmap *m, const char *key, size_t val)
{
	size_t i;

	if ((m->n + 1) * 2 > m->cap)
		strmap_grow(m);
	for (i = str_hash(key) & (m->cap - 1); m->key[i]; i = (i + 1) & (m->cap - 1))
		if (!strcmp(m->key[i], key))
			return 1;
	m->key[i] = key;
	m->val[i] = val;
	m->n++;
	return 0;
}

int strmap_get(const struct strmap *m, const char *key, size_t *val)
{
	size_t i;

	if (!m->cap)
		return 0;
	for (i = str_hash(key) & (m->cap - 1); m->key[i]; i = (i + 1) & (m->cap - 1)) {
		if (!strcmp(m->key[i], key)) {
			*val = m->val[i];
			return 1;
		}
	}
	return 0;
}

void strmap_free(struct strmap *m)
{
	free(m->key);
	free(m->val);
	strmap_init(m);
}

/* --- buf ---------------------------------------------------------------- */
static void buf_room(struct buf *b, size_t n)
{
	if (n > SIZE_MAX / 2 - b->len)
		die("out of memory");
	if (b->len + n <= b->cap)
		return;
	while (b->len + n > b->cap)
		b->cap = b->cap ? b->cap * 2 : 256;
	b->p = xrealloc(b->p, b->cap);
}

void buf_put(struct buf *b, const void *p, size_t n)
{
	buf_room(b, n);
	if (n)
		memcpy(b->p + b->len, p, n);
	b->len += n;
}

void buf_zero(struct buf *b, size_t n)
{
	buf_room(b, n);
	if (n)
		memset(b->p + b->len, 0, n);
	b->len += n;
}

void buf_pad(struct buf *b, size_t align)
{
	buf_zero(b, (align - b->len % align) % align);
}

void buf_free(struct buf *b)
{
	free(b->p);
	memset(b, 0, sizeof(*b));
}

/* --- names ------------------------------------------------------------ */
/*
 * The loader names what the format defines (emld_*_name(), from the
 * header's X-macros); this table only adds the x86-64 relocation types the
 * format does not take, for the message that rejects them.
 */
/* All x86-64 relocation types, for messages about the unsupported ones. */
static const char *const x86_64_relocs[] = {
	"R_X86_64_NONE", "R_X86_64_64", "R_X86_64_PC32", "R_X86_64_GOT32",
	"R_X86_64_PLT32", "R_X86_64_COPY", "R_X86_64_GLOB_DAT",
	"R_X86_64_JUMP_SLOT", "R_X86_64_RELATIVE", "R_X86_64_GOTPCREL",
	"R_X86_64_32", "R_X86_64_32S", "R_X86_64_16", "R_X86_64_PC16",
	"R_X86_64_8", "R_X86_64_PC8", "R_X86_64_DTPMOD64",
	"R_X86_64_DTPOFF64", "R_X86_64_TPOFF64", "R_X86_64_TLSGD",
	"R_X86_64_TLSLD", "R_X86_64_DTPOFF32", "R_X86_64_GOTTPOFF",
	"R_X86_64_TPOFF32", "R_X86_64_PC64", "R_X86_64_GOTOFF64",
	"R_X86_64_GOTPC32", "R_X86_64_GOT64", "R_X86_64_GOTPCREL64",
	"R_X86_64_GOTPC64", "R_X86_64_GOTPLT64", "R_X86_64_PLTOFF64",
	"R_X86_64_SIZE32", "R_X86_64_SIZE64", "R_X86_64_GOTPC32_TLSDESC",
	"R_X86_64_TLSDESC_CALL", "R_X86_64_TLSDESC", "R_X86_64_IRELATIVE",
	"R_X86_64_RELATIVE64", "R_X86_64_PC32_BND", "R_X86_64_PLT32_BND",
	"R_X86_64_GOTPCRELX", "R_X86_64_REX_GOTPCRELX",
};

const char *reloc_name(unsigned int type)
{
	static char unknown[32];

	if (type < sizeof(x86_64_relocs) / sizeof(x86_64_relocs[0]))
		return x86_64_relocs[type];
	snprintf(unknown, sizeof(unknown), "relocation type %u", type);
	return unknown;
}
