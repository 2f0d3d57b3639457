// SPDX-License-Identifier: GPL-2.0-only
/*
 * What vmlinux finds in place of the KVM guest code while kvm-guest.eko is not
 * linked: a machine that is no KVM guest.
 *
 *   hypervisors[] (cpu/hypervisor.c) -> x86_hyper_kvm: .detect says 0
 *   kvm_handle_async_pf() (page faults) -> kvm_async_pf_enabled: the key
 *                                       itself lives here for good (kvm.c);
 *                                       off, so __kvm_handle_async_pf() is
 *                                       never reached
 *   asm_sysvec_kvm_asyncpf_interrupt -> sysvec_kvm_asyncpf_interrupt(): the
 *     (entry code)                     vector is only installed by the
 *                                      entry's guest init, so never runs
 *   watchdog, RCU stall and workqueue -> kvm_check_and_clear_guest_paused():
 *     checks                           no host ever paused us
 *   kvm_para_available() and friends -> no KVM paravirt interface, so
 *     (cpuidle-haltpoll, ...)          cpuidle-haltpoll never registers and
 *                                      never calls arch_haltpoll_*()
 */
#include <linux/init.h>
#include <linux/jump_label.h>
#include <linux/kvm_para.h>
#include <linux/earlymod.h>
#include <asm/cpuidle_haltpoll.h>
#include <asm/hypervisor.h>
#include <asm/idtentry.h>

EARLYMOD_FALLBACK_HYPERVISOR(x86_hyper_kvm, "KVM",
			     X86_HYPER_KVM, __initconst);

DEFINE_STATIC_KEY_FALSE(kvm_async_pf_enabled);

noinstr bool __kvm_handle_async_pf(struct pt_regs *regs, u32 token)
{
	return false;
}

__visible noinstr void sysvec_kvm_asyncpf_interrupt(struct pt_regs *regs)
{
}

EARLYMOD_FALLBACK_RET(bool, kvm_check_and_clear_guest_paused, (void), false);
EARLYMOD_FALLBACK_RET(bool, kvm_para_available, (void), false);
EARLYMOD_FALLBACK_RET(unsigned int, kvm_arch_para_hints, (void), 0);
EARLYMOD_FALLBACK_VOID(arch_haltpoll_enable, (unsigned int cpu));
EARLYMOD_FALLBACK_VOID(arch_haltpoll_disable, (unsigned int cpu));
