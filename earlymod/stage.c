// SPDX-License-Identifier: GPL-2.0-only
/*
 * earlymod: the two stages at which setup_arch() links entries.
 *
 * hypervisor: earlymod_link_hypervisor(), after dmi_setup() and before
 *   init_hypervisor_platform(), so that vmlinux's table of hypervisors finds
 *   a linked guest backend.  memblock cannot allocate yet: everything comes
 *   from the pools inside the image and static bookkeeping.  The pack is
 *   found where the bootloader put it (earlymod_boot_initrd()) and
 *   validated, once, here; facts are what is known this early (CPUID,
 *   DMI, the command line: no ACPI, no PCI).  Not in a Xen PV domain: it
 *   has no hypervisor but Xen, and nothing maps the initrd before
 *   init_mem_mapping() (no early page-fault handler fills in the direct
 *   map), so the platform stage reads the pack there.
 * platform: earlymod_link_platform(), once the ACPI tables can be read and
 *   memblock allocates, before initmem_init() and mm_init() (so before
 *   pci_iommu_alloc() looks for an IOMMU).  The pack validated at the first
 *   stage is followed to where reserve_initrd() mapped the initrd (the
 *   direct map moved in between: kernel_randomize_memory()).
 *
 * Each stage selects its entries (facts.c), links them (link.c) and makes
 * each a module (module.c).  After the platform stage the pack and what the
 * linked entries did not use of the reserve go back to memblock, so the page
 * allocator gets them, and one line says what both stages did.
 *
 * After the link, the entries' tables run where vmlinux runs its own
 * (tables.c); docs/kernel.md lists every table and hook.
 */
#define pr_fmt(fmt) "earlymod: " fmt

#include <linux/init.h>
#include <linux/initrd.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/string.h>
#include <asm/sections.h>
#include <asm/setup.h>
#include <asm/tsc.h>
#include <xen/xen.h>
#include "internal.h"

struct em_linked em_linked[EM_MAX_LINKED] __initdata;
struct em_resident em_res[EM_MAX_LINKED] __ro_after_init;
u32 em_nr_linked __ro_after_init;

static struct emld_pack em_pack __initdata;
static char em_line[1024] __initdata;
static size_t em_len __initdata;

static void __printf(1, 2) __init em_say(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	em_len += vscnprintf(em_line + em_len, sizeof(em_line) - em_len, fmt, ap);
	va_end(ap);
}

static void __init em_report_error(const char *what, const struct emld_error *err)
{
	if (err->offset != EMLD_NO_OFFSET)
		pr_warn("%s %s: %s (pack offset 0x%x, %d)\n", what,
			err->entry ? err->entry : "pack", err->msg, err->offset,
			err->err);
	else
		pr_warn("%s %s: %s (%d)\n", what, err->entry ? err->entry : "pack",
			err->msg, err->err);
}

static struct earlymod_initrd_pack em_ip __initdata;
static int em_found __initdata;		/* 1: pack found; <0: damaged initrd */
static bool em_valid __initdata;	/* the pack passed emld_pack_validate() */
static const char *em_sep __initdata = "";

/* The pack as found at the first stage: validated once, every entry too. */
static bool __init em_validate(void *buf, size_t len)
{
	struct emld_pack *pack = &em_pack;
	struct emld_expect expect = {
		.link_text = (unsigned long)_text - kaslr_offset(),
		.link_percpu_end = (unsigned long)__per_cpu_end,
	};
	struct emld_error err = {};
	u32 i;

	expect.build_id_len = em_build_id(&expect.build_id);
	if (!expect.build_id_len) {
		/* nothing would bind the pack to this kernel: refuse, not skip */
		pr_warn("rejected pack: this kernel has no GNU build-id, so no pack can be shown to be its own\n");
		em_say("pack rejected, nothing linked");
		return false;
	}
	if (emld_pack_validate(pack, buf, len, &expect, &err)) {
		em_report_error("rejected", &err);
		em_say("pack rejected, nothing linked");
		return false;
	}
	for (i = 0; i < pack->nr_entries; i++) {
		err = (struct emld_error){};
		if (emld_entry_validate(pack, i, &err))
			em_report_error("rejected", &err);
	}
	return true;
}

/* Select the entries of @stage and link them, dependencies first. */
static void __init em_link_stage(u32 stage)
{
	struct emld_pack *pack = &em_pack;
	struct emld_facts facts;
	struct emld_error err = {};
	u32 i, first = em_nr_linked;
	int n;

	em_facts(&facts, stage);
	n = emld_select(pack, &facts, stage, &err);
	if (n < 0) {
		em_report_error("cannot select from", &err);
		return;
	}
	if (pack->nr_order)
		em_link_init();

	for (i = 0; i < pack->nr_order; i++) {
		struct emld_entry *e = &pack->entries[pack->order[i]];
		struct em_linked *l = &em_linked[em_nr_linked];
		u64 t0 = rdtsc_ordered(), cycles;
		u32 c, bytes = 0;

		err = (struct emld_error){};
		if (em_nr_linked == EM_MAX_LINKED) {
			em_fail(&err, -E2BIG, "too many entries linked");
		} else if (!em_link_entry(e, l, &em_res[em_nr_linked], &err)) {
			cycles = rdtsc_ordered() - t0;
			for (c = 0; c < EARLYMOD_NR_CLASSES; c++)
				bytes += le32_to_cpu(e->classes[c].size);
			em_say("%slinked %s (%u KiB, %u relocs, ", em_sep, e->name,
			       DIV_ROUND_UP(bytes, 1024), e->nr_relocs);
			/* the TSC may not be calibrated yet this early */
			if (tsc_khz)
				em_say("%llu us)", div_u64(cycles * 1000, tsc_khz));
			else
				em_say("%llu kcycles)", div_u64(cycles, 1000));
			em_sep = "; ";
			em_nr_linked++;
			continue;
		}
		err.entry = e->name;
		em_report_error("rejected", &err);
		e->decision = EMLD_SKIP;
		strscpy(e->reason, err.msg, sizeof(e->reason));
	}
	/* the early params and __setup of what this stage linked */
	em_run_setup(first);
}

static const char *__init em_why_skipped(const struct emld_entry *e)
{
	if (e->state == EMLD_REJECTED)
		return "rejected";
	if (e->decision != EMLD_UNDECIDED)
		return e->reason;
	if (xen_pv_domain() && le32_to_cpu(e->info->stage) == EARLYMOD_STAGE_HYPERVISOR)
		return "no hypervisor stage in a Xen PV domain";
	return "a stage this kernel does not link";
}

/* What neither stage linked, and why. */
static void __init em_say_skipped(void)
{
	struct emld_pack *pack = &em_pack;
	u32 i;

	for (i = 0; i < pack->nr_entries; i++) {
		struct emld_entry *e = &pack->entries[i];

		if (e->state == EMLD_COMMITTED)
			continue;
		em_say("%sskipped %s (%s)", em_sep, e->name, em_why_skipped(e));
		em_sep = "; ";
	}
	if (!*em_sep)
		em_say("empty pack");
}

/* Find the pack in the initrd at @start and validate it. */
static void __init em_find_pack(void *start, void *end)
{
	const char *why = NULL;

	em_found = earlymod_find_initrd_pack(&em_ip, start, end, &why);
	if (em_found < 0)
		pr_warn("initrd: %s; no pack used\n", why);
	if (em_found > 0)
		em_valid = em_validate(em_ip.pack, em_ip.len);
}

void __init earlymod_link_hypervisor(void)
{
	void *start, *end;

	if (xen_pv_domain())	/* no hypervisor stage: the platform stage reads */
		return;
	if (!earlymod_boot_initrd(&start, &end))
		return;
	em_find_pack(start, end);
	if (em_valid)
		em_link_stage(EARLYMOD_STAGE_HYPERVISOR);
}

void __init earlymod_link_platform(void)
{
	unsigned long pack_freed = 0, pool_freed;

	if (xen_pv_domain()) {
		if (initrd_start)
			em_find_pack((void *)initrd_start, (void *)initrd_end);
	} else if (em_found > 0 && !initrd_start) {
		/* reserve_initrd() found the initrd unusable and dropped it */
		pr_warn("initrd: gone since the hypervisor stage; no platform-stage entry linked\n");
		em_valid = false;
		em_found = 0;
	}
	if (em_found > 0) {
		earlymod_move_initrd_pack(&em_ip, initrd_start);
		emld_pack_rebase(&em_pack, em_ip.pack);
	}
	if (em_valid)
		em_link_stage(EARLYMOD_STAGE_PLATFORM);
	if (em_found <= 0)
		em_say("no pack");
	else if (em_valid)
		em_say_skipped();
	if (em_found > 0)
		pack_freed = earlymod_release_initrd_pack(&em_ip);

	pool_freed = em_link_release();

	pr_info("%s; returned %lu KiB (pack %lu KiB, unused reserve %lu KiB)\n",
		em_line, (pack_freed + pool_freed) >> 10, pack_freed >> 10,
		pool_freed >> 10);
}
