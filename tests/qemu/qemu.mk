# Boot tests in QEMU: the runner (tests/qemu/runner.c) and the `boot` suite,
# one case per tests/qemu/cases/*.case (format: tests/qemu/README.md).

QEMU_RUN   := $(BIN)/qemu-run
QEMU_CASES := $(sort $(wildcard tests/qemu/cases/*.case))
QEMU_SUITES += boot

$(QEMU_RUN): tests/qemu/runner.c | $(BIN)
	@$(HOSTCC) $(HOST_CFLAGS) -DEARLYMOD_TOP='"$(TOP)"' -o $@ $<

.PHONY: suite-boot
suite-boot: $(BZIMAGE) $(INITRAMFS) $(KMOD_INITRAMFS) $(PACK_IMG) $(PACK_TEST_IMG) $(PACK_UNLOAD_IMG) \
		$(BOARD_IMGS) $(PRODUCT_IMG) $(DAMAGED_PACKS) $(VARIANT_PACKS) $(QEMU_RUN)
	@$(QEMU_RUN) $(QEMU_CASES)
