// SPDX-License-Identifier: GPL-2.0
/*
 * mkearlymod: pre-link early modules against one vmlinux and pack them.
 * See docs/mkearlymod.md.  Exit status: 0 ok, 1 failure, 2 usage.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mkearlymod.h"

static const char usage_text[] =
"usage: mkearlymod create -o PACK --vmlinux VMLINUX [--cpio] OBJ.eko...\n"
"       mkearlymod list [--json] PACK\n"
"       mkearlymod verify --vmlinux VMLINUX PACK\n"
"       mkearlymod seal --vmlinux VMLINUX [--sites-from PACK]... [PACK]...\n"
"\n"
"create  pre-link each .eko (one entry each) against VMLINUX: resolve its\n"
"        symbols (dependencies, then vmlinux, per-CPU included), find the\n"
"        vmlinux sites that refer to it (relocations kept by --emit-relocs\n"
"        against its fallbacks), write PACK (temporary file, then rename).\n"
"        The same inputs, in any order, give the same bytes.\n"
"  --cpio  wrap the pack as " EARLYMOD_CPIO_PATH " (early-initrd form)\n"
"list    PACK's entries: version, stage, flags, rules, dependencies, class\n"
"        sizes, record counts; --json: as JSON\n"
"verify  check PACK with the kernel's own loader code against VMLINUX and\n"
"        link every entry in a dry run (fixup sites against VMLINUX's bytes\n"
"        and its seal); say which entries the seal vouches for\n"
"seal    write into VMLINUX, in place, the SHA-256 of each PACK's entries\n"
"        and the vmlinux sites their fixups patch; --sites-from: the sites\n"
"        only.  Between the vmlinux link and bzImage (docs/trust.md)\n"
"\n"
"Errors name file, section, offset and symbol (docs/mkearlymod.md).\n"
"Exit status: 0 ok, 1 failed, 2 usage.\n";

static int usage(int ok)
{
	fputs(usage_text, ok ? stdout : stderr);
	return ok ? 0 : 2;
}

enum { OPT_VMLINUX = 256, OPT_CPIO, OPT_JSON, OPT_HELP };

static int cmd_create(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "vmlinux", required_argument, NULL, OPT_VMLINUX },
		{ "cpio",    no_argument,       NULL, OPT_CPIO },
		{ "output",  required_argument, NULL, 'o' },
		{ "help",    no_argument,       NULL, OPT_HELP },
		{ NULL, 0, NULL, 0 },
	};
	struct mk mk;
	size_t i;
	int c, ret;

	memset(&mk, 0, sizeof(mk));
	while ((c = getopt_long(argc, argv, "o:", opts, NULL)) != -1) {
		switch (c) {
		case 'o':
			mk.out = optarg;
			break;
		case OPT_VMLINUX:
			mk.vm.path = optarg;
			break;
		case OPT_CPIO:
			mk.cpio = 1;
			break;
		case OPT_HELP:
			return usage(1);
		default:
			return usage(0);
		}
	}
	if (!mk.out || !mk.vm.path) {
		fprintf(stderr, "mkearlymod create: -o and --vmlinux are required\n");
		return usage(0);
	}
	mk.nents = (size_t)(argc - optind);
	mk.ents = xzalloc((mk.nents ? mk.nents : 1) * sizeof(*mk.ents));
	for (i = 0; i < mk.nents; i++) {
		mk.ents[i].path = argv[optind + (int)i];
		mk.ents[i].fd = -1;
	}

	ret = collect(&mk) || resolve(&mk) || layout(&mk) || emit(&mk);
	mk_free(&mk);
	return ret ? 1 : 0;
}

int main(int argc, char **argv)
{
	const char *cmd;

	if (argc < 2)
		return usage(0);
	cmd = argv[1];
	if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h") || !strcmp(cmd, "help"))
		return usage(1);
	/* Subcommands parse their own options from argv[1] on. */
	optind = 1;
	if (!strcmp(cmd, "create"))
		return cmd_create(argc - 1, argv + 1);
	if (!strcmp(cmd, "list"))
		return cmd_list(argc - 1, argv + 1);
	if (!strcmp(cmd, "verify"))
		return cmd_verify(argc - 1, argv + 1);
	if (!strcmp(cmd, "seal"))
		return cmd_seal(argc - 1, argv + 1);
	fprintf(stderr, "mkearlymod: unknown command '%s'\n", cmd);
	return usage(0);
}
