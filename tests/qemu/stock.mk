# Suite `stock`: the earlymod kernel against the stock kernel (every backend
# built in) on the same machines (tests/qemu/stock-compare.sh).  Builds the
# stock kernel (build/stock/, incremental) first.

STOCK_BZIMAGE := $(STOCK)/arch/x86/boot/bzImage
QEMU_SUITES += stock

.PHONY: suite-stock
suite-stock: $(BZIMAGE) $(INITRAMFS) $(PACK_IMG) $(PRODUCT_IMG) $(QEMU_RUN)
	@sh scripts/kernel.sh stock > $(B)/test-logs/stock-build.log 2>&1 || \
		{ echo "not ok stock - make stock failed (build/test-logs/stock-build.log)"; exit 1; }
	@sh tests/qemu/stock-compare.sh $(QEMU_RUN) $(STOCK_BZIMAGE) $(PACK_IMG) \
		$(PRODUCT_IMG) $(B)/tests/stock
