# Suite `initramfs-tools`: `make install`, the initramfs-tools hook
# (packaging/initramfs-tools/hooks/earlymod) and the initrd Debian's own
# mkinitramfs makes with it, isolated from the host, then booted in QEMU
# (tests/initramfs-tools/debian-initrd.sh).  Needs root.

QEMU_SUITES += initramfs-tools

# (read before tests/qemu/qemu.mk: the runner by its path)
.PHONY: suite-initramfs-tools
suite-initramfs-tools: $(BZIMAGE) $(INITRAMFS) $(PACK_IMG) $(PACK_TEST_IMG) $(MKEARLYMOD) \
		$(BIN)/qemu-run
	@sh tests/initramfs-tools/debian-initrd.sh $(KERNEL) $(PACK_IMG) $(PACK_TEST_IMG) $(INITRAMFS) \
		$(MKEARLYMOD) $(BIN)/qemu-run
