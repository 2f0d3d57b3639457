# Checks of the built kernel and packs (tests/kernel/vmlinux.sh): what left
# vmlinux, what stayed, what the packs hold.

QEMU_SUITES += vmlinux

.PHONY: suite-vmlinux
suite-vmlinux: $(VMLINUX) $(MKEARLYMOD) $(PACK_IMG) $(PACK_TEST_IMG)
	@sh tests/kernel/vmlinux.sh $(KERNEL) $(MKEARLYMOD) $(PACK_IMG) $(PACK_TEST_IMG)
