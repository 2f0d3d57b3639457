/* SPDX-License-Identifier: GPL-2.0 */
/*
 * mkearlymod: a pack read back for `list` and `verify`, checked by the
 * loader itself (loader/), so the tool and the kernel agree on what a
 * valid pack is.
 */
#ifndef MKEARLYMOD_PACK_H
#define MKEARLYMOD_PACK_H

#include <stddef.h>
#include <stdint.h>

#include "loader/loader.h"

struct pack {
	uint8_t			*mem;	/* the pack, own 8-aligned copy */
	size_t			len;
	struct emld_pack	*ep;
	/* entries that emld_entry_validate() rejected, NULL for valid ones */
	struct emld_error	bad[EARLYMOD_MAX_ENTRIES];
	unsigned int		nr_bad;
};

/*
 * Read PATH (a pack or its cpio wrapper) and check it with the loader,
 * against @expect (NULL: no vmlinux to compare with).
 * Returns 0 when all is well, 1 when some entries are invalid (reported on
 * stderr, state EMLD_REJECTED), -1 when the pack itself is unusable
 * (reported on stderr).
 */
int pack_open(const char *path, struct pack *pk,
	      const struct emld_expect *expect);
void pack_close(struct pack *pk);

/* "PATH+0xOFF: entry: message" */
void pack_report(const char *path, const struct emld_error *err);

#endif
