# Host tests of arch/x86/boot/earlymod_reserve.c (finding, hiding and freeing
# the pack in the initrd), compiled as it is against tests/unit/kshim/, with
# ASan/UBSan.

HOST_SUITES += reserve

RESERVE_TEST_DEPS := tests/unit/reserve_test.c arch/x86/boot/earlymod_reserve.c \
		     include/linux/earlymod.h $(wildcard tests/unit/kshim/*/*.h)

$(BIN)/reserve-test-san: $(RESERVE_TEST_DEPS) | $(BIN)
	$(HOSTCC) $(HOST_CFLAGS) $(SAN_FLAGS) -D__KERNEL__ -DCONFIG_EARLYMOD \
		-I$(TOP)/tests/unit/kshim -o $@ tests/unit/reserve_test.c \
		arch/x86/boot/earlymod_reserve.c

.PHONY: suite-reserve
suite-reserve: $(BIN)/reserve-test-san
	@$(BIN)/reserve-test-san
