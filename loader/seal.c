// SPDX-License-Identifier: GPL-2.0
/*
 * The seal vmlinux carries (struct earlymod_seal, <linux/earlymod.h>):
 * checking it, and looking up a digest or a fixup site in it.
 *
 * The seal is part of vmlinux, so it is as trusted as the code reading it;
 * it is still checked once, so that a build that filled it wrongly is
 * reported instead of half-used.  Both lists are sorted, and both lookups
 * bisect.
 */
#include "internal.h"

static u32 seal_nr_digests(const struct earlymod_seal *s)
{
	return EMLD_LE32(s->magic) == EARLYMOD_SEAL_MAGIC ?
		EMLD_LE32(s->nr_digests) : 0;
}

static u32 seal_nr_sites(const struct earlymod_seal *s)
{
	return EMLD_LE32(s->magic) == EARLYMOD_SEAL_MAGIC ?
		EMLD_LE32(s->nr_sites) : 0;
}

int emld_seal_validate(const struct earlymod_seal *s, struct emld_error *err)
{
	u32 i, nd, ns;

	emld_clear_error(err);
	if (!EMLD_LE32(s->magic))
		return emld_all_zero(s, sizeof(*s), NULL) ? 0 :
			emld_fail(err, -EINVAL, "seal: no magic, but not all zero",
				  EMLD_NO_OFFSET, NULL);
	if (EMLD_LE32(s->magic) != EARLYMOD_SEAL_MAGIC)
		return emld_fail(err, -EINVAL, "seal: bad magic", EMLD_NO_OFFSET,
				 NULL);
	if (EMLD_LE32(s->size) != sizeof(*s))
		return emld_fail(err, -EINVAL, "seal: size is not this format's",
				 EMLD_NO_OFFSET, NULL);
	nd = EMLD_LE32(s->nr_digests);
	ns = EMLD_LE32(s->nr_sites);
	if (nd > EARLYMOD_SEAL_DIGESTS || ns > EARLYMOD_SEAL_SITES)
		return emld_fail(err, -EINVAL, "seal: more records than it holds",
				 EMLD_NO_OFFSET, NULL);
	for (i = 1; i < nd; i++)
		if (emld_memcmp(s->digest[i - 1], s->digest[i],
				EARLYMOD_DIGEST_LEN) >= 0)
			return emld_fail(err, -EINVAL,
					 "seal: digests not sorted or repeated",
					 EMLD_NO_OFFSET, NULL);
	for (i = 0; i < ns; i++) {
		const struct earlymod_seal_site *t = &s->site[i];

		if (!emld_all_zero(t->reserved, sizeof(t->reserved), NULL) ||
		    !emld_reloc_width(t->type))
			return emld_fail(err, -EINVAL, "seal: bad site record",
					 EMLD_NO_OFFSET, NULL);
		if (i && EMLD_LE64(s->site[i - 1].site) >= EMLD_LE64(t->site))
			return emld_fail(err, -EINVAL,
					 "seal: sites not sorted or repeated",
					 EMLD_NO_OFFSET, NULL);
	}
	/* what is not used must be zero, so that one seal has one form */
	if (!emld_all_zero(s->digest[nd], (EARLYMOD_SEAL_DIGESTS - nd) *
					  EARLYMOD_DIGEST_LEN, NULL) ||
	    !emld_all_zero(&s->site[ns], (EARLYMOD_SEAL_SITES - ns) *
					 sizeof(s->site[0]), NULL))
		return emld_fail(err, -EINVAL, "seal: unused records not zero",
				 EMLD_NO_OFFSET, NULL);
	return 0;
}

int emld_seal_has_digest(const struct earlymod_seal *s,
			 const u8 digest[EARLYMOD_DIGEST_LEN])
{
	u32 lo = 0, hi = seal_nr_digests(s);

	while (lo < hi) {
		u32 mid = lo + (hi - lo) / 2;
		int c = emld_memcmp(s->digest[mid], digest, EARLYMOD_DIGEST_LEN);

		if (!c)
			return 1;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

int emld_seal_has_site(const struct earlymod_seal *s,
		       const struct earlymod_fixup *f)
{
	u32 lo = 0, hi = seal_nr_sites(s);
	u64 site = EMLD_LE64(f->site);

	while (lo < hi) {
		u32 mid = lo + (hi - lo) / 2;
		const struct earlymod_seal_site *t = &s->site[mid];

		if (EMLD_LE64(t->site) == site)
			return EMLD_LE64(t->old_value) == EMLD_LE64(f->old_value) &&
			       t->type == f->type;
		if (EMLD_LE64(t->site) < site)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}
