# The packs, made by mkearlymod from the .eko objects the kernel build left
# (earlymod/Makefile.eko):
#   build/earlymod.img         production: every entry except test fixtures
#   build/earlymod-test.img    the same plus the selftest fixture
#   build/earlymod-unload.img  the unload fixture alone
# Both are the cpio form that goes first on the initrd line.
#
# `make seal` (run by scripts/kernel.sh between vmlinux and bzImage) seals
# the production pack's entries into vmlinux and records the vmlinux sites
# of all three (docs/trust.md).  It writes vmlinux only when the seal
# changes; the packs are then made newer than vmlinux, since they were made
# from it and sealing changed nothing they depend on.

PACK_IMG_RULE := 1
# (mkimage/mkimage.mk is read after this file: name the tool by its path)
PACK_TOOL     := $(BIN)/mkearlymod
PACK_TEST_IMG := $(B)/earlymod-test.img
PACK_UNLOAD_IMG := $(B)/earlymod-unload.img
EKO_UNLOAD    := %/earlymod/selftest-unload/selftest-unload.eko
EKO_FIXTURES  := %/earlymod/selftest/selftest.eko %/earlymod/selftest-hv/selftest-hv.eko \
		 $(EKO_UNLOAD)
EKO_FILES      = $(sort $(shell find $(KERNEL) -name '*.eko' 2>/dev/null))

.PHONY: pack-test
pack-test: $(PACK_TEST_IMG) $(PACK_UNLOAD_IMG)

$(PACK_IMG): $(VMLINUX) $(PACK_TOOL) $(EKO_FILES)
	@$(PACK_TOOL) create --cpio -o $@ --vmlinux $(VMLINUX) \
		$(filter-out $(EKO_FIXTURES),$(EKO_FILES))

$(PACK_TEST_IMG): $(VMLINUX) $(PACK_TOOL) $(EKO_FILES)
	@$(PACK_TOOL) create --cpio -o $@ --vmlinux $(VMLINUX) \
		$(filter-out $(EKO_UNLOAD),$(EKO_FILES))

$(PACK_UNLOAD_IMG): $(VMLINUX) $(PACK_TOOL) $(EKO_FILES)
	@$(PACK_TOOL) create --cpio -o $@ --vmlinux $(VMLINUX) \
		$(filter $(EKO_UNLOAD),$(EKO_FILES))

.PHONY: seal
seal: $(PACK_IMG) $(PACK_TEST_IMG) $(PACK_UNLOAD_IMG)
	@$(PACK_TOOL) seal --vmlinux $(VMLINUX) $(PACK_IMG) \
		--sites-from $(PACK_TEST_IMG) --sites-from $(PACK_UNLOAD_IMG)
	@for p in $^; do [ $$p -nt $(VMLINUX) ] || touch $$p; done
