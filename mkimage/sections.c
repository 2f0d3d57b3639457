// SPDX-License-Identifier: GPL-2.0
/*
 * mkearlymod: which memory class an input section goes to.
 *
 * The table follows where vmlinux.lds.h puts each section in a built-in
 * kernel, and for each special table, which class it must live in for the
 * code that walks it (docs/mkearlymod.md has the reasons, row by row).
 * The first matching row wins; a pattern ending in '*' matches a prefix.
 * An allocated section that matches no row is an error: a section the loader
 * does not know is a table some kernel code would never walk.
 */
#include <stdlib.h>
#include <string.h>

#include "mkearlymod.h"

#define REJECT		(-2)
#define C(x)		EARLYMOD_CLASS_##x
#define S(x)		EARLYMOD_SPECIAL_##x

struct sec_rule {
	const char	*pat;
	int		cls;		/* class, DROP or REJECT */
	int		kind;		/* special kind, or 0 */
	int		rank;		/* order inside the class (per-CPU) */
	const char	*why;		/* REJECT: the reason */
};

#define CLS(p, c)	{ .pat = p, .cls = c }
#define SPC(p, c, k)	{ .pat = p, .cls = c, .kind = k }
#define PCPU(p, r)	{ .pat = p, .cls = C(PERCPU), .rank = r }
#define DROP(p)		{ .pat = p, .cls = SEC_DROP }
#define NO(p, w)	{ .pat = p, .cls = REJECT, .why = w }

static const struct sec_rule sec_rules[] = {
	/* never loaded */
	DROP(".earlymod.*"),
	DROP(".discard.*"),
	DROP(".note.*"),
	DROP(".comment"),
	DROP(".debug*"),
	DROP(".modinfo"),
	NO(".gnu.linkonce.this_module",
	   "a .ko's struct module (from modpost's .mod.o); link the .eko from the backend's own objects"),

	/* per-CPU, in the order of PERCPU_INPUT() */
	PCPU(".data..percpu..first", 1),
	PCPU(".data..percpu..page_aligned", 2),
	PCPU(".data..percpu..read_mostly", 3),
	PCPU(".data..percpu..shared_aligned", 5),
	NO(".data..percpu..decrypted",
	   "decrypted per-CPU data needs a shared (unencrypted) mapping"),
	PCPU(".data..percpu", 4),
	NO(".data..decrypted",
	   "decrypted data needs a shared (unencrypted) mapping"),
	NO(".bss..decrypted",
	   "decrypted data needs a shared (unencrypted) mapping"),

	/* text */
	CLS(".init.text",			C(INIT_TEXT)),
	SPC(".noinstr.text",			C(TEXT), S(NOINSTR)),
	CLS(".text*",				C(TEXT)),
	CLS(".ref.text",			C(TEXT)),
	CLS(".entry.text",			C(TEXT)),
	CLS(".altinstr_replacement",		C(TEXT)),
	CLS(".altinstr_aux",			C(TEXT)),
	CLS(".static_call.text",		C(TEXT)),
	CLS(".exit.text",			C(TEXT)),

	/* read-only */
	SPC(".smp_locks",			C(RODATA), S(SMP_LOCKS)),
	SPC(".altinstructions",			C(RODATA), S(ALTINSTR)),
	SPC(".pci_fixup_*",			C(RODATA), S(PCI_FIXUP)),
	SPC("___ksymtab_gpl+*",			C(RODATA), S(KSYMTAB_GPL)),
	SPC("___ksymtab+*",			C(RODATA), S(KSYMTAB)),
	CLS("__ksymtab_strings",		C(RODATA)),
	SPC("__param",				C(RODATA), S(PARAM)),
	SPC(".parainstructions",		C(RODATA), S(PARAINSTR)),
	SPC(".static_call_tramp_key",		C(RODATA), S(STATIC_CALL_TRAMP_KEY)),
	CLS(".rodata*",				C(RODATA)),
	/* __refconst: kept read-only data that may name init code */
	CLS(".ref.rodata",			C(RODATA)),

	/* written once during init (sorted in place), read-only after */
	CLS(".data..ro_after_init",		C(RO_AFTER_INIT)),
	SPC("__ex_table",			C(RO_AFTER_INIT), S(EXTABLE)),
	SPC(".orc_unwind_ip",			C(RO_AFTER_INIT), S(ORC_UNWIND_IP)),
	SPC(".orc_unwind",			C(RO_AFTER_INIT), S(ORC_UNWIND)),

	/* read-write */
	SPC("__jump_table",			C(DATA), S(JUMP_TABLE)),
	SPC(".static_call_sites",		C(DATA), S(STATIC_CALL)),
	SPC("__bug_table",			C(DATA), S(BUG_TABLE)),
	SPC(".data..this_module",		C(DATA), S(THIS_MODULE)),
	CLS(".exit.data",			C(DATA)),
	CLS(".data*",				C(DATA)),
	CLS(".ref.data",			C(DATA)),
	CLS(".bss*",				C(BSS)),

	/* freed after init */
	CLS(".init.data",			C(INIT_DATA)),
	CLS(".init.rodata",			C(INIT_DATA)),
	SPC(".initcall*",			C(INIT_DATA), S(INITCALL)),
	SPC(".init.setup",			C(INIT_DATA), S(SETUP)),
	SPC(".retpoline_sites",			C(INIT_DATA), S(RETPOLINE)),
	SPC(".return_sites",			C(INIT_DATA), S(RETURN)),
	SPC(".ibt_endbr_seal",			C(INIT_DATA), S(IBT_SEAL)),
	SPC(".exitcall.exit",			C(INIT_DATA), S(EXITCALL)),

	/* known tables no early link can honour */
	NO("__tracepoints*",
	   "tracepoints (CONFIG_TRACEPOINTS) are registered by the module loader only"),
	NO("_ftrace_events",
	   "trace events are registered by the module loader only"),
	NO("_ftrace_eval_map",
	   "trace events are registered by the module loader only"),
	NO("__bpf_raw_tp_map",
	   "BPF raw tracepoints are registered by the module loader only"),
	NO("__mcount_loc",
	   "ftrace call sites (CONFIG_FUNCTION_TRACER); build the backend with ccflags-remove-y += $(CC_FLAGS_FTRACE)"),
	NO("__patchable_function_entries",
	   "ftrace call sites (CONFIG_FUNCTION_TRACER); build the backend with ccflags-remove-y += $(CC_FLAGS_FTRACE)"),
	NO("__dyndbg*",
	   "dynamic debug sites (CONFIG_DYNAMIC_DEBUG) are registered by the module loader only"),
	NO("_kprobe_blacklist",
	   "the kprobe blacklist is read by the module loader only"),
	NO("_error_injection_whitelist",
	   "the error-injection list is read by the module loader only"),
	NO(".printk_index",
	   "the printk index (CONFIG_PRINTK_INDEX) is read by the module loader only"),
	NO(".kcfi_traps",
	   "CFI trap sites are read by the module loader only"),
	NO(".eh_frame",
	   "DWARF unwind tables; build with -fno-asynchronous-unwind-tables, as the kernel does"),
	NO("___kcrctab*",
	   "symbol CRCs (CONFIG_MODVERSIONS) are not carried by a pack"),
};

static int pat_match(const char *pat, const char *name)
{
	size_t n = strlen(pat);

	if (n && pat[n - 1] == '*')
		return !strncmp(pat, name, n - 1);
	return !strcmp(pat, name);
}

/* ".initcall3.init" -> 3, ".initcall3s.init" -> 3, early 0, rootfs 8. */
static int initcall_level(const char *name, uint32_t *level)
{
	const char *p = name + strlen(".initcall");
	size_t n = strlen(p);

	if (n < 5 || strcmp(p + n - 5, ".init"))
		return -1;
	n -= 5;
	if (n == 5 && !strncmp(p, "early", 5)) {
		*level = EARLYMOD_INITCALL_EARLY;
		return 0;
	}
	if (n == 6 && !strncmp(p, "rootfs", 6)) {
		*level = EARLYMOD_INITCALL_ROOTFS;
		return 0;
	}
	/* level 0 is pure_initcall, which the format cannot tell from early */
	if ((n == 1 || (n == 2 && p[1] == 's')) && p[0] >= '1' && p[0] <= '7') {
		*level = p[0] - '0';
		return 0;
	}
	return -1;
}

static const char *const pci_passes[] = {
	[EARLYMOD_PCI_FIXUP_EARLY]		= "early",
	[EARLYMOD_PCI_FIXUP_HEADER]		= "header",
	[EARLYMOD_PCI_FIXUP_FINAL]		= "final",
	[EARLYMOD_PCI_FIXUP_ENABLE]		= "enable",
	[EARLYMOD_PCI_FIXUP_RESUME]		= "resume",
	[EARLYMOD_PCI_FIXUP_SUSPEND]		= "suspend",
	[EARLYMOD_PCI_FIXUP_RESUME_EARLY]	= "resume_early",
	[EARLYMOD_PCI_FIXUP_SUSPEND_LATE]	= "suspend_late",
};

static int pci_pass(const char *name, uint32_t *pass)
{
	const char *p = name + strlen(".pci_fixup_");
	uint32_t i;

	for (i = 0; i < sizeof(pci_passes) / sizeof(pci_passes[0]); i++) {
		if (!strcmp(p, pci_passes[i])) {
			*pass = i;
			return 0;
		}
	}
	return -1;
}

int classify_section(const char *name, const GElf_Shdr *sh, struct osec *s,
		     const char **why)
{
	const struct sec_rule *r = NULL;
	size_t i;

	s->cls = SEC_DROP;
	s->kind = 0;
	s->arg = 0;
	s->rank = 0;
	*why = NULL;

	/* Nothing that is not allocated is ever loaded; nor are groups. */
	if (!(sh->sh_flags & SHF_ALLOC) || sh->sh_type == SHT_GROUP)
		return 0;

	for (i = 0; i < sizeof(sec_rules) / sizeof(sec_rules[0]); i++) {
		if (pat_match(sec_rules[i].pat, name)) {
			r = &sec_rules[i];
			break;
		}
	}
	if (!r) {
		*why = "unknown special section: no memory class and no loader for it";
		return -1;
	}
	if (r->cls == REJECT) {
		*why = r->why;
		return -1;
	}
	if (r->cls == SEC_DROP)
		return 0;

	if ((sh->sh_flags & (SHF_WRITE | SHF_EXECINSTR)) ==
	    (SHF_WRITE | SHF_EXECINSTR)) {
		*why = "writable and executable section (W+X)";
		return -1;
	}
	if ((sh->sh_flags & SHF_EXECINSTR) && r->cls != C(TEXT) &&
	    r->cls != C(INIT_TEXT)) {
		*why = "executable section outside the text classes";
		return -1;
	}
	if (sh->sh_flags & SHF_TLS) {
		*why = "thread-local storage section";
		return -1;
	}
	if (r->kind == S(INITCALL) && initcall_level(name, &s->arg)) {
		*why = "initcall section of an unknown level (pure_initcall, level 0, has no number in the pack format)";
		return -1;
	}
	if (r->kind == S(PCI_FIXUP) && pci_pass(name, &s->arg)) {
		*why = "PCI fixup section of an unknown pass";
		return -1;
	}
	s->cls = r->cls;
	s->kind = r->kind;
	s->rank = r->rank;
	return 0;
}
