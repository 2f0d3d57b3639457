# make install: the built kernel, its modules and its pack in Debian's
# layout under DESTDIR (default /), and the initramfs-tools hook that puts
# each kernel's pack into its own initrd (scripts/install.sh,
# docs/install.md).  It never builds the kernel: without one it says so.
# The pack is brought up to date with vmlinux first.

.PHONY: install
install: $(if $(wildcard $(VMLINUX)),$(PACK_IMG) $(MKEARLYMOD))
	@DESTDIR='$(DESTDIR)' sh scripts/install.sh $(KERNEL) $(PACK_IMG) $(MKEARLYMOD)
