# Suite `debian-system`: a Debian 12 system made by debootstrap, with
# Debian's own kernel, gets the earlymod kernel by `make install` run
# inside it; its kernel hooks make each kernel's initrd, and both kernels
# boot the system from its disk to systemd's multi-user target, each with
# its own backends (tests/debian-system/debian-system.sh).  Needs root and
# Debian's package archive (the system is cached in build/tests).

QEMU_SUITES += debian-system

.PHONY: suite-debian-system
suite-debian-system: $(BZIMAGE) $(INITRAMFS) $(PACK_IMG) $(MKEARLYMOD) $(BIN)/qemu-run
	@sh tests/debian-system/debian-system.sh $(KERNEL) $(PACK_IMG) $(INITRAMFS) $(BIN)/qemu-run
