# Damaged packs for the boot cases tests/qemu/cases/damaged-*.case: each
# build/damaged/KIND.img is a copy of the test pack ($(PACK_TEST_IMG), cpio
# form) with one kind of damage, made by build/bin/damage-pack (source and the
# list of kinds: tests/qemu/damage.c).  suite-boot (qemu.mk) depends on
# DAMAGED_PACKS.

DAMAGE_PACK   := $(BIN)/damage-pack
DAMAGED_DIR   := $(B)/damaged
DAMAGED_KINDS := code-byte hv-code-byte truncated build-id bad-crc version empty cpio \
		 initcall-vmlinux extable-vmlinux jump-vmlinux rebuilt site-unrecorded \
		 parainstr-type altinstr-cpuid export-duplicate
DAMAGED_PACKS := $(patsubst %,$(DAMAGED_DIR)/%.img,$(DAMAGED_KINDS)) \
		 $(DAMAGED_DIR)/stock-pack.img $(DAMAGED_DIR)/rebuilt-apu.img

.PHONY: damaged-packs
damaged-packs: $(DAMAGED_PACKS)

$(DAMAGE_PACK): tests/qemu/damage.c mkimage/cpio.c mkimage/cpio.h include/linux/earlymod.h | $(BIN)
	@$(HOSTCC) $(HOST_CFLAGS) -o $@ $< mkimage/cpio.c

$(DAMAGED_DIR):
	@mkdir -p $@

$(DAMAGED_DIR)/%.img: $(PACK_TEST_IMG) $(DAMAGE_PACK) | $(DAMAGED_DIR)
	@$(DAMAGE_PACK) $* $(PACK_TEST_IMG) $@

# a board pack made after the kernel (docs/boards.md, "Board packs and the seal")
$(DAMAGED_DIR)/rebuilt-apu.img: $(BOARDS_DIR)/pcengines-apu.img $(DAMAGE_PACK) | $(DAMAGED_DIR)
	@$(DAMAGE_PACK) rebuilt-apu $< $@

# A pack that mkearlymod made, consistently, for another kernel.  With a stock
# kernel built (`make stock`), for its vmlinux.  Without one (this rule does
# not build it), for a copy of our vmlinux whose GNU build-id note has its
# first byte inverted: the same damage as build-id.img, but written by
# mkearlymod itself rather than patched into a finished pack.  The entries
# are the production ones: the test fixtures use symbols that only the
# earlymod kernel's vmlinux defines (earlymod/selftest_check.c).  kvm-guest
# is left out too: the stock vmlinux has the KVM guest code built in, and
# its own references to kvmclock's per-CPU pointer are per-CPU fallback
# sites, which mkearlymod rightly refuses.
STOCK_VMLINUX := $(wildcard $(STOCK)/vmlinux)
ifneq ($(STOCK_VMLINUX),)
$(DAMAGED_DIR)/stock-pack.img: $(STOCK_VMLINUX) $(MKEARLYMOD) $(EKO_FILES) \
			       | $(DAMAGED_DIR)
	@$(MKEARLYMOD) create --cpio -o $@ --vmlinux $(STOCK_VMLINUX) \
		$(filter-out $(EKO_FIXTURES) %/kvm-guest.eko,$(EKO_FILES))
else
$(DAMAGED_DIR)/stock-pack.img: $(VMLINUX) $(MKEARLYMOD) $(DAMAGE_PACK) \
			       $(EKO_FILES) | $(DAMAGED_DIR)
	@$(DAMAGE_PACK) elf-build-id $(VMLINUX) $(DAMAGED_DIR)/vmlinux-other-id
	@$(MKEARLYMOD) create --cpio -o $@ \
		--vmlinux $(DAMAGED_DIR)/vmlinux-other-id \
		$(filter-out $(EKO_FIXTURES),$(EKO_FILES)); \
		st=$$?; rm -f $(DAMAGED_DIR)/vmlinux-other-id; exit $$st
endif
