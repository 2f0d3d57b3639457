# bench: reproducible measurements (`make bench` runs every BENCHES target).
#
# bench-link: the loader's link throughput on a generated entry with
# >= 10,000 relocations, and the ratio to reading the same relocations
# with libelf (bench/link.sh).
#
# bench-memory: per machine type (q35 + intel-iommu, q35 + amd-iommu, q35,
# pc), the stock kernel and the earlymod kernel booted side by side in QEMU:
# the Memory: lines, MemTotal and MemFree after boot, the bytes of the
# backends that were not linked, the ratio of the memory returned to them,
# and each backend's early-link time (bench/memory.sh, docs/bench.md).  The
# stock kernel is brought up to date first (`make stock`, incremental; its
# output in build/bench/stock-build.log); the earlymod kernel only has to
# exist, as for the other targets that boot it (`make kernel` rebuilds).

#
# bench-loadcost: the early link of one object against finit_module() of the
# same object built as a .ko, in the same QEMU boot (bench/loadcost.sh).

BENCHES += bench-link bench-memory bench-loadcost

.PHONY: bench-link bench-memory bench-loadcost
# (mkimage/mkimage.mk is read after this file: name the tool by its path)
bench-link: $(BIN)/mkearlymod
	@HOSTCC="$(HOSTCC)" TOP="$(TOP)" LOADER_SRCS="$(LOADER_SRCS)" \
		sh bench/link.sh $(TOP)/$(BIN)/mkearlymod $(TOP)/$(B)/bench/link

# (qemu.mk is read after this file too: QEMU_RUN is build/bin/qemu-run)
bench-memory: $(BZIMAGE) $(VMLINUX) $(INITRAMFS) $(PACK_IMG) $(BIN)/qemu-run \
	      $(BIN)/mkearlymod bench/memory.sh
	@mkdir -p $(B)/bench
	@sh scripts/kernel.sh stock > $(B)/bench/stock-build.log 2>&1 || \
		{ echo "bench-memory: make stock failed ($(B)/bench/stock-build.log)" >&2; exit 1; }
	@TOP="$(TOP)" sh bench/memory.sh $(TOP)/$(BIN)/qemu-run $(TOP)/$(BIN)/mkearlymod \
		$(TOP)/$(STOCK) $(TOP)/$(KERNEL) $(TOP)/$(PACK_IMG) $(TOP)/$(B)/bench/memory

bench-loadcost: $(BZIMAGE) $(PACK_UNLOAD_IMG) $(KMOD_INITRAMFS) $(BIN)/qemu-run \
		bench/loadcost.sh
	@mkdir -p $(B)/bench
	@TOP="$(TOP)" sh bench/loadcost.sh $(TOP)/$(BIN)/qemu-run $(TOP)/$(KERNEL) \
		$(TOP)/$(PACK_UNLOAD_IMG) $(TOP)/$(KMOD_INITRAMFS) $(TOP)/$(B)/bench/loadcost
