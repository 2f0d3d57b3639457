# Loadable test modules, built against build/kernel like any external
# module (M=, each in its own directory), and the initramfs that carries
# them for the boot cases and benchmarks:
#   build/kmod/user/earlymod_user.ko        uses an export of the unload fixture
#   build/kmod/fixture/selftest_unload.ko   the unload fixture's source as a .ko
#   build/initramfs-kmod.img                build/initramfs.img plus /kmod/*.ko
# (Named to be included before qemu.mk, which lists KMOD_INITRAMFS.)

KMOD_DIR       := $(B)/kmod
KMOD_KO        := $(KMOD_DIR)/user/earlymod_user.ko
KMOD_FIXTURE_KO := $(KMOD_DIR)/fixture/selftest_unload.ko
KMOD_INITRAMFS := $(B)/initramfs-kmod.img
KMOD_FIXTURE   := $(KERNEL)/earlymod/selftest-unload/selftest-unload.eko
KMOD_FIXTURE_SRC := earlymod/selftest-unload

# $(call kmod-make,DIR[,make arguments]): build the external module in DIR
kmod-make = $(MAKE) -s --no-print-directory -C $(B)/src/linux-source-6.1 \
	O=$(TOP)/$(KERNEL) M=$(TOP)/$(1) CC="ccache gcc" $(2) modules

$(KMOD_KO): tests/kmod/earlymod_user.c tests/kmod/Kbuild $(VMLINUX) \
		scripts/eko-symvers.sh
	@rm -rf $(@D) && mkdir -p $(@D)
	@cp tests/kmod/earlymod_user.c tests/kmod/Kbuild $(@D)/
	@sh scripts/eko-symvers.sh $(KMOD_FIXTURE) selftest_unload > $(@D)/fixture.symvers
	@$(call kmod-make,$(@D),KBUILD_EXTRA_SYMBOLS=$(TOP)/$(@D)/fixture.symvers)

$(KMOD_FIXTURE_KO): $(KMOD_FIXTURE_SRC)/unload.c $(KMOD_FIXTURE_SRC)/unload.h \
		tests/kmod/fixture.Kbuild $(VMLINUX)
	@rm -rf $(@D) && mkdir -p $(@D)
	@cp $(KMOD_FIXTURE_SRC)/unload.c $(@D)/selftest_unload.c
	@cp $(KMOD_FIXTURE_SRC)/unload.h $(@D)/
	@cp tests/kmod/fixture.Kbuild $(@D)/Kbuild
	@$(call kmod-make,$(@D))

$(KMOD_INITRAMFS): $(INITRAMFS) $(KMOD_KO) $(KMOD_FIXTURE_KO)
	@rm -rf $@.d && mkdir -p $@.d/kmod && cp $(KMOD_KO) $(KMOD_FIXTURE_KO) $@.d/kmod/
	@(cd $@.d && find kmod | LC_ALL=C sort | \
		cpio --quiet --reproducible -o -H newc -R 0:0 | gzip -n) > $@.tmp
	@cat $(INITRAMFS) $@.tmp > $@ && rm -rf $@.tmp $@.d
