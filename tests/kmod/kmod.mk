# Loadable test modules, built against build/kernel like any external
# module (M=), and the initramfs that carries them for the boot cases:
#   build/kmod/earlymod_user.ko   uses an export of the unload fixture
#   build/initramfs-kmod.img      build/initramfs.img plus /kmod/*.ko
# (Named to be included before qemu.mk, which lists KMOD_INITRAMFS.)

KMOD_DIR       := $(B)/kmod
KMOD_KO        := $(KMOD_DIR)/earlymod_user.ko
KMOD_INITRAMFS := $(B)/initramfs-kmod.img
KMOD_FIXTURE   := $(KERNEL)/earlymod/selftest-unload/selftest-unload.eko

$(KMOD_KO): tests/kmod/earlymod_user.c tests/kmod/Kbuild $(VMLINUX) \
		scripts/eko-symvers.sh
	@rm -rf $(KMOD_DIR) && mkdir -p $(KMOD_DIR)
	@cp tests/kmod/earlymod_user.c tests/kmod/Kbuild $(KMOD_DIR)/
	@sh scripts/eko-symvers.sh $(KMOD_FIXTURE) selftest_unload > $(KMOD_DIR)/fixture.symvers
	@$(MAKE) -s --no-print-directory -C $(B)/src/linux-source-6.1 \
		O=$(TOP)/$(KERNEL) M=$(TOP)/$(KMOD_DIR) CC="ccache gcc" \
		KBUILD_EXTRA_SYMBOLS=$(TOP)/$(KMOD_DIR)/fixture.symvers modules

$(KMOD_INITRAMFS): $(INITRAMFS) $(KMOD_KO)
	@rm -rf $@.d && mkdir -p $@.d/kmod && cp $(KMOD_KO) $@.d/kmod/
	@(cd $@.d && find kmod | LC_ALL=C sort | \
		cpio --quiet --reproducible -o -H newc -R 0:0 | gzip -n) > $@.tmp
	@cat $(INITRAMFS) $@.tmp > $@ && rm -rf $@.tmp $@.d
