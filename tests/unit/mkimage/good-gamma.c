// SPDX-License-Identifier: GPL-2.0
/*
 * An entry that defines em_shared_key, as vmlinux does, and uses vmlinux's
 * (EARLYMOD_USE_VMLINUX): with -DNO_USE_VMLINUX the same object falls
 * under the fallback convention instead (one vmlinux site to patch).
 */
#include <linux/earlymod.h>

EARLYMOD_ENTRY("gamma", "1", PLATFORM);
#ifndef NO_USE_VMLINUX
EARLYMOD_USE_VMLINUX(em_shared_key);
#endif

int em_shared_key;

int gamma_enable(void)
{
	return ++em_shared_key;
}
