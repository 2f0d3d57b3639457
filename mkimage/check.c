// SPDX-License-Identifier: GPL-2.0
/*
 * mkearlymod: reading packs back through the loader (loader/, the very
 * files the kernel compiles), for `list`, `verify`, and for `create`, which
 * refuses to write a pack the kernel would reject.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cpio.h"
#include "mkearlymod.h"
#include "pack.h"

void pack_report(const char *path, const struct emld_error *err)
{
	if (err->offset != EMLD_NO_OFFSET)
		fprintf(stderr, "%s+0x%x: ", path, err->offset);
	else
		fprintf(stderr, "%s: ", path);
	if (err->entry)
		fprintf(stderr, "%s: ", err->entry);
	fprintf(stderr, "%s (%d)\n", err->msg ? err->msg : "error", err->err);
}

static int pack_check(const char *path, struct pack *pk,
		      const struct emld_expect *expect, int quiet)
{
	struct emld_error err;
	uint32_t i;

	memset(&err, 0, sizeof(err));
	pk->ep = xzalloc(sizeof(*pk->ep));
	if (emld_pack_validate(pk->ep, pk->mem, pk->len, expect, &err) < 0) {
		pk->bad[0] = err;
		if (!quiet)
			pack_report(path, &err);
		return -1;
	}
	for (i = 0; i < pk->ep->nr_entries; i++) {
		memset(&err, 0, sizeof(err));
		if (emld_entry_validate(pk->ep, i, &err) < 0) {
			pk->bad[i] = err;
			pk->nr_bad++;
			if (!quiet)
				pack_report(path, &err);
		}
	}
	return pk->nr_bad ? 1 : 0;
}

int pack_open(const char *path, struct pack *pk,
	      const struct emld_expect *expect)
{
	const uint8_t *data;
	const char *why;
	uint8_t *file;
	size_t n, len, at;
	int ret;

	memset(pk, 0, sizeof(*pk));
	if (read_file(path, &file, &n))
		return -1;
	ret = cpio_find_at(file, n, EARLYMOD_CPIO_PATH, &data, &len, &why, &at);
	if (ret < 0) {
		fprintf(stderr, "%s+0x%zx: %s\n", path, at, why);
		free(file);
		return -1;
	}
	if (!ret) {
		data = file;
		len = n;
	}
	pk->mem = xzalloc(len);		/* malloc alignment: 16 */
	memcpy(pk->mem, data, len);
	pk->len = len;
	free(file);
	ret = pack_check(path, pk, expect, 0);
	if (ret < 0)
		pack_close(pk);
	return ret;
}

void pack_close(struct pack *pk)
{
	free(pk->ep);
	free(pk->mem);
	memset(pk, 0, sizeof(*pk));
}

/* The pack create is about to write: would the kernel take all of it? */
int check_pack(struct mk *mk, const uint8_t *p, size_t n)
{
	struct pack pk;
	uint32_t i;
	size_t k;
	int ret;

	memset(&pk, 0, sizeof(pk));
	pk.mem = xzalloc(n);
	memcpy(pk.mem, p, n);
	pk.len = n;
	ret = pack_check(mk->out, &pk, NULL, 1);
	for (i = 0; ret > 0 && i < pk.ep->nr_entries; i++) {
		if (!pk.bad[i].err)
			continue;
		for (k = 0; k < mk->nents; k++)
			if (!strcmp(mk->ents[k].name, pk.ep->entries[i].name))
				mk_err(mk, "%s: the loader rejects the entry: %s (pack offset 0x%x)",
				       mk->ents[k].path, pk.bad[i].msg,
				       pk.bad[i].offset);
	}
	/*
	 * A pack-level verdict about an entry-table slot (the name, say) is
	 * about that entry's object; the table is in link order.
	 */
	if (ret < 0) {
		uint32_t off = pk.bad[0].offset;
		uint32_t t = sizeof(struct earlymod_pack_header);
		size_t d = sizeof(struct earlymod_entry_desc);

		if (off != EMLD_NO_OFFSET && off >= t && (off - t) / d < mk->nents)
			mk_err(mk, "%s: the loader rejects the entry: %s (pack offset 0x%x)",
			       mk->order[(off - t) / d]->path, pk.bad[0].msg, off);
		else
			mk_err(mk, "%s: the loader rejects the pack: %s (pack offset 0x%x; a bug in mkearlymod)",
			       mk->out, pk.bad[0].msg, off);
	}
	pack_close(&pk);
	return ret ? -1 : 0;
}
