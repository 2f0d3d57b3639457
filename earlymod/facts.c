// SPDX-License-Identifier: GPL-2.0-only
/*
 * earlymod: what the machine has, gathered as the selection rules see it
 * (loader/select.c), and the build-id the pack must carry.
 */
#define pr_fmt(fmt) "earlymod: " fmt

#include <linux/acpi.h>
#include <linux/dmi.h>
#include <linux/elf.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/pci.h>
#include <linux/string.h>
#include <asm/cmdline.h>
#include <asm/pci-direct.h>
#include <asm/processor.h>
#include <asm/setup.h>
#include <asm/vmware.h>
#include <xen/xen.h>
#include "internal.h"

/* The running kernel's GNU build-id, from its notes. */
extern const char __start_notes[] __weak, __stop_notes[] __weak;

u32 __init em_build_id(const u8 **id)
{
	const char *p = __start_notes, *end = __stop_notes;

	while (p && end - p >= (long)sizeof(Elf64_Nhdr)) {
		const Elf64_Nhdr *n = (const Elf64_Nhdr *)p;
		size_t name = ALIGN(n->n_namesz, 4), desc = ALIGN(n->n_descsz, 4);

		if (name + desc > (size_t)(end - p) - sizeof(*n))
			break;
		if (n->n_type == 3 /* NT_GNU_BUILD_ID */ && n->n_namesz == 4 &&
		    !memcmp(n + 1, "GNU", 4)) {
			*id = (const u8 *)(n + 1) + name;
			return n->n_descsz;
		}
		p += sizeof(*n) + name + desc;
	}
	return 0;
}

static int __init em_acpi_present(void *ctx, const char *sig)
{
	struct acpi_table_header *t;
	char s[5];

	if (acpi_disabled)
		return 0;
	memcpy(s, sig, 4);
	s[4] = 0;
	if (ACPI_FAILURE(acpi_get_table(s, 0, &t)))
		return 0;
	acpi_put_table(t);
	return 1;
}

/*
 * PCI devices, read through type 1 configuration cycles as the early quirks
 * do: bus 0 only, where the host bridge, northbridge functions and chipset
 * devices that board and IOMMU rules name sit.
 */
static int __init em_pci_present(void *ctx, u16 vendor, u16 device)
{
	unsigned int slot, func;

	if (!early_pci_allowed())
		return 0;
	for (slot = 0; slot < 32; slot++) {
		for (func = 0; func < 8; func++) {
			u32 id = read_pci_config(0, slot, func, PCI_VENDOR_ID);

			if ((id & 0xffff) == 0xffff || !id) {
				if (!func)
					break;
				continue;
			}
			if ((id & 0xffff) == vendor &&
			    (device == EARLYMOD_PCI_ANY || id >> 16 == device))
				return 1;
			if (!func && !(read_pci_config_byte(0, slot, 0,
							    PCI_HEADER_TYPE) & 0x80))
				break;
		}
	}
	return 0;
}

/*
 * Hypervisor signatures, the way the guest code looks for its own: with the
 * CPUID hypervisor bit, every base 0x40000000 + 0x100 * n from which the
 * leaves run far enough to hold a signature (hypervisor_cpuid_base(): KVM
 * behind Hyper-V's interface answers at 0x40000100).  Without the bit,
 * VMware's own second way (vmware_platform()): "VMware" in the DMI serial
 * number and an answer on the backdoor port, which only then is tried.
 */
#define EM_MAX_HV	4
#define EM_VMW_MAGIC	0x564d5868	/* VMware backdoor: "VMXh" */
#define EM_VMW_GETVERSION 10

static char em_hv_sig[EM_MAX_HV][13] __initdata;
static const char *em_hv[EM_MAX_HV + 1] __initdata;
static char em_earlymod_arg[256] __initdata;

static bool __init em_vmware_backdoor(void)
{
	u32 eax, ebx, ecx, edx;

	asm volatile("inl (%%dx), %%eax"
		     : "=a"(eax), "=c"(ecx), "=d"(edx), "=b"(ebx)
		     : "a"(EM_VMW_MAGIC), "c"(EM_VMW_GETVERSION),
		       "d"(VMWARE_HYPERVISOR_PORT), "b"(UINT_MAX)
		     : "memory");
	return eax != (u32)-1 && ebx == EM_VMW_MAGIC;
}

static void __init em_hypervisors(void)
{
	u32 base, eax, sig[3], n = 0;

	if (boot_cpu_has(X86_FEATURE_HYPERVISOR)) {
		for (base = 0x40000000; base < 0x40010000 && n < EM_MAX_HV;
		     base += 0x100) {
			cpuid(base, &eax, &sig[0], &sig[1], &sig[2]);
			if (eax < base || !(sig[0] | sig[1] | sig[2]))
				continue;
			memcpy(em_hv_sig[n], sig, 12);
			em_hv[n] = em_hv_sig[n];
			n++;
		}
	} else if (dmi_available && dmi_name_in_serial("VMware") &&
		   em_vmware_backdoor()) {
		strscpy(em_hv_sig[0], "VMwareVMware", sizeof(em_hv_sig[0]));
		em_hv[0] = em_hv_sig[0];
	}
}

/*
 * What mkearlymod reads in drivers' DMI tables (EARLYMOD_MATCH_DMI_TABLE())
 * is this kernel's struct dmi_system_id and enum dmi_field.
 */
static void __init em_dmi_layout_check(void)
{
	BUILD_BUG_ON(sizeof(struct dmi_system_id) != EARLYMOD_DMI_ID_SIZE);
	BUILD_BUG_ON(offsetof(struct dmi_system_id, matches) !=
		     EARLYMOD_DMI_ID_MATCHES);
	BUILD_BUG_ON(ARRAY_SIZE(((struct dmi_system_id *)0)->matches) !=
		     EARLYMOD_DMI_ID_NR_MATCHES);
	BUILD_BUG_ON(sizeof(struct dmi_strmatch) != EARLYMOD_DMI_MATCH_SIZE);
	BUILD_BUG_ON(offsetof(struct dmi_strmatch, substr) != 1);
	/* the bit-fields: slot in bits 0-6, exact_match in bit 7 */
	BUILD_BUG_ON(((union { struct dmi_strmatch m; u8 b; })
		      { .m = { .slot = 0x7f } }).b != 0x7f);
	BUILD_BUG_ON(((union { struct dmi_strmatch m; u8 b; })
		      { .m = { .exact_match = 1 } }).b != 0x80);
#define EM_DMI_CHECK(n, v, d, k) BUILD_BUG_ON(k != DMI_##n);
	EARLYMOD_DMIS(EM_DMI_CHECK)
#undef EM_DMI_CHECK
}

void __init em_facts(struct emld_facts *f, u32 stage)
{
	static const u8 dmi_field[EARLYMOD_DMI_MAX] __initconst = {
#define EM_DMI_FIELD(n, v, d, k) [EARLYMOD_DMI_##n] = DMI_##n,
		EARLYMOD_DMIS(EM_DMI_FIELD)
#undef EM_DMI_FIELD
	};
	static bool hv_done __initdata;
	int i;

	em_dmi_layout_check();

	memset(f, 0, sizeof(*f));
	f->cpu_vendor = boot_cpu_data.x86_vendor_id;
	if (!hv_done) {
		em_hypervisors();	/* once: the backdoor is I/O */
		hv_done = true;
	}
	f->hypervisors = em_hv;
	/* PVH is an HVM domain with its own entry point (EARLYMOD_XEN_DOMAINS) */
	if (xen_pv_domain())
		f->xen_domain = "pv";
	else if (xen_pvh_domain())
		f->xen_domain = "pvh";
	else if (xen_hvm_domain())
		f->xen_domain = "hvm";
	f->xen_dom0 = xen_initial_domain();
	for (i = 1; i < EARLYMOD_DMI_MAX; i++)
		f->dmi[i] = dmi_get_system_info(dmi_field[i]);
	/* before the platform stage no ACPI table can be read */
	if (stage >= EARLYMOD_STAGE_PLATFORM) {
		f->acpi_present = em_acpi_present;
		f->pci_present = em_pci_present;
	}
	if (cmdline_find_option(boot_command_line, "earlymod", em_earlymod_arg,
				sizeof(em_earlymod_arg)) >= 0)
		f->cmdline = em_earlymod_arg;
}
