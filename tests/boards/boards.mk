# Suite `boards`: the board packs (tests/boards/boards.sh): what each holds,
# its rules against the driver's own DMI table in the source, the seal, and
# mkearlymod on damaged board objects.

QEMU_SUITES += boards

.PHONY: suite-boards
suite-boards: $(VMLINUX) $(MKEARLYMOD) $(PACK_IMG) $(BOARD_IMGS) $(PRODUCT_IMG)
	@sh tests/boards/boards.sh $(MKEARLYMOD) $(VMLINUX) $(PACK_IMG) $(PRODUCT_IMG) \
		$(B)/src/linux-source-6.1 $(foreach b,$(BOARDS),$(b)=$(BOARDS_DIR)/$(b).img:$(BOARD_$(b)))
