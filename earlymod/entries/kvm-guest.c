// SPDX-License-Identifier: GPL-2.0-only
/*
 * The KVM guest code (arch/x86/kernel/kvm.c with kvmclock.c) as an early
 * module of the hypervisor stage, linked where kvm_detect() would say yes:
 * the CPUID signature "KVMKVMKVM" at 0x40000000 or at one of the later
 * leaves where KVM sits behind another hypervisor's interface (the facts
 * code gathers every one, as kvm_cpuid_base() searches them).
 *
 * The entry is "kvm-guest" (module kvm_guest), not "kvm": a distribution
 * kernel's KVM host module is kvm.ko, which must still load on a guest.
 *
 * kvm_async_pf_enabled is a static key of kvm.c that vmlinux's page-fault
 * path tests inline (kvm_handle_async_pf()): vmlinux's jump entries are
 * bound to it from jump_label_init() on, before any pack is read, so the
 * key must be vmlinux's.  vmlinux defines it (kvm-fallback.c) and the
 * entry's references go to that definition instead of its own; when the
 * entry enables the key, vmlinux's sites follow.
 */
#include <linux/earlymod.h>

EARLYMOD_ENTRY("kvm-guest", "6.1", HYPERVISOR);
EARLYMOD_MATCH_HYPERVISOR("KVMKVMKVM");
EARLYMOD_USE_VMLINUX(kvm_async_pf_enabled);
