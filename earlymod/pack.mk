# The packs, made by mkearlymod from the .eko objects the kernel build left
# (earlymod/Makefile.eko):
#   build/earlymod.img         production: every entry except test fixtures
#   build/earlymod-test.img    the same plus the selftest fixture
#   build/earlymod-unload.img  the unload fixture alone
#   build/boards/BOARD.img     one board's entries (BOARDS below)
#   build/boards/product.img   the production entries and every board's:
#                              one pack for a product line, where the DMI
#                              rules pick each board's drivers
# All are the cpio form that goes first on the initrd line.
#
# `make seal` (run by scripts/kernel.sh between vmlinux and bzImage) seals
# the entries of the production and board packs into vmlinux and records the
# vmlinux sites of all of them (docs/trust.md).  It writes vmlinux only when the seal
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

# Board packs (docs/boards.md): BOARD_name lists the entries of board name.
BOARDS_DIR    := $(B)/boards
BOARDS        := pcengines-apu meraki-mx100 barco-p50
BOARD_pcengines-apu := pcengines-apuv2
BOARD_meraki-mx100  := meraki-mx100
BOARD_barco-p50     := barco-p50-gpio
BOARD_IMGS    := $(foreach b,$(BOARDS),$(BOARDS_DIR)/$(b).img)
PRODUCT_IMG   := $(BOARDS_DIR)/product.img
EKO_BOARD_ALL := $(foreach b,$(BOARDS),$(foreach n,$(BOARD_$(b)),%/$(n).eko))
EKO_OF_BOARD   = $(filter $(foreach n,$(BOARD_$(1)),%/$(n).eko),$(EKO_FILES))

.PHONY: pack-test
pack-test: $(PACK_TEST_IMG) $(PACK_UNLOAD_IMG)

$(PACK_IMG): $(VMLINUX) $(PACK_TOOL) $(EKO_FILES)
	@$(PACK_TOOL) create --cpio -o $@ --vmlinux $(VMLINUX) \
		$(filter-out $(EKO_FIXTURES) $(EKO_BOARD_ALL),$(EKO_FILES))

.PHONY: boards
boards: $(BOARD_IMGS) $(PRODUCT_IMG)

$(BOARDS_DIR)/%.img: $(VMLINUX) $(PACK_TOOL) $(EKO_FILES)
	@mkdir -p $(@D)
	@$(if $(call EKO_OF_BOARD,$*),,echo "boards: $*: no entries built ($(BOARD_$*))" >&2; exit 1;)
	@$(PACK_TOOL) create --cpio -o $@ --vmlinux $(VMLINUX) $(call EKO_OF_BOARD,$*)

$(PRODUCT_IMG): $(VMLINUX) $(PACK_TOOL) $(EKO_FILES)
	@mkdir -p $(@D)
	@$(PACK_TOOL) create --cpio -o $@ --vmlinux $(VMLINUX) \
		$(filter-out $(EKO_FIXTURES),$(EKO_FILES))

$(PACK_TEST_IMG): $(VMLINUX) $(PACK_TOOL) $(EKO_FILES)
	@$(PACK_TOOL) create --cpio -o $@ --vmlinux $(VMLINUX) \
		$(filter-out $(EKO_UNLOAD) $(EKO_BOARD_ALL),$(EKO_FILES))

$(PACK_UNLOAD_IMG): $(VMLINUX) $(PACK_TOOL) $(EKO_FILES)
	@$(PACK_TOOL) create --cpio -o $@ --vmlinux $(VMLINUX) \
		$(filter $(EKO_UNLOAD),$(EKO_FILES))

.PHONY: seal
seal: $(PACK_IMG) $(BOARD_IMGS) $(PRODUCT_IMG) $(PACK_TEST_IMG) $(PACK_UNLOAD_IMG)
	@$(PACK_TOOL) seal --vmlinux $(VMLINUX) $(PACK_IMG) $(BOARD_IMGS) \
		--sites-from $(PACK_TEST_IMG) --sites-from $(PACK_UNLOAD_IMG)
	@for p in $^; do [ $$p -nt $(VMLINUX) ] || touch $$p; done
