// SPDX-License-Identifier: GPL-2.0-only
/*
 * The VMware guest code (arch/x86/kernel/cpu/vmware.c) as an early module
 * of the hypervisor stage: linked before init_hypervisor_platform(), whose
 * table of hypervisors then reaches the entry's x86_hyper_vmware (a vmlinux
 * fixup), in the table's own order of priority.
 *
 * Linked where vmware_platform() would say yes: the CPUID signature
 * "VMwareVMware", or, on a CPU without the hypervisor bit, "VMware" in the
 * DMI serial number and an answer on the backdoor port.  The facts code
 * (earlymod/facts.c) gathers both ways into the hypervisor signatures, so
 * one rule covers them.
 */
#include <linux/earlymod.h>

EARLYMOD_ENTRY("vmware", "6.1", HYPERVISOR);
EARLYMOD_MATCH_HYPERVISOR("VMwareVMware");
