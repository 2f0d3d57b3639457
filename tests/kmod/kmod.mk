# Loadable test modules and the initramfs that carries them for the boot
# cases and benchmarks:
#   build/kmod/user/earlymod_user.ko        uses an export of the unload fixture;
#                                           built against build/kernel like any
#                                           external module (M=), it finds the
#                                           export in the build's Module.symvers
#   build/kmod/fixture/selftest_unload.ko   the unload fixture's source as a .ko
#   build/kmod/fixture/signed/selftest_unload.ko
#                                           the same, signed by the kernel's
#                                           modules_install with the build's key
#   build/kmod/install/                     `make install` into DESTDIR: the
#                                           build's own modules, signed
#   build/initramfs-kmod.img                build/initramfs.img plus /kmod/*.ko:
#                                           those two (and /kmod/signed/ the
#                                           signed fixture) and, installed,
#                                           the modules of the build that use
#                                           entries' exports (KMOD_INSTALLED)
# (Named to be included before qemu.mk, which lists KMOD_INITRAMFS.)

KMOD_DIR       := $(B)/kmod
KMOD_KO        := $(KMOD_DIR)/user/earlymod_user.ko
KMOD_FIXTURE_KO := $(KMOD_DIR)/fixture/selftest_unload.ko
KMOD_INSTALL   := $(KMOD_DIR)/install
KMOD_INITRAMFS := $(B)/initramfs-kmod.img
KMOD_FIXTURE_SRC := earlymod/selftest-unload
KMOD_SYMVERS   := $(KERNEL)/Module.symvers
# the build's own modules that use entries' exports: ptp_kvm (kvm-guest's),
# xen-pciback (xen-pci's)
KMOD_INSTALLED := ptp_kvm.ko xen-pciback.ko

# $(call kmod-make,DIR[,make arguments and targets]): make the external
# module in DIR (by default its target `modules`)
kmod-make = $(MAKE) -s --no-print-directory -C $(B)/src/linux-source-6.1 \
	O=$(TOP)/$(KERNEL) M=$(TOP)/$(1) CC="ccache gcc" $(or $(2),modules)

$(KMOD_KO): tests/kmod/earlymod_user.c tests/kmod/Kbuild $(VMLINUX) $(KMOD_SYMVERS)
	@rm -rf $(@D) && mkdir -p $(@D)
	@cp tests/kmod/earlymod_user.c tests/kmod/Kbuild $(@D)/
	@$(call kmod-make,$(@D))

$(KMOD_FIXTURE_KO): $(KMOD_FIXTURE_SRC)/unload.c $(KMOD_FIXTURE_SRC)/unload.h \
		tests/kmod/fixture.Kbuild $(VMLINUX)
	@rm -rf $(@D) && mkdir -p $(@D)
	@cp $(KMOD_FIXTURE_SRC)/unload.c $(@D)/selftest_unload.c
	@cp $(KMOD_FIXTURE_SRC)/unload.h $(@D)/
	@cp tests/kmod/fixture.Kbuild $(@D)/Kbuild
	@$(call kmod-make,$(@D))
	@$(call kmod-make,$(@D),INSTALL_MOD_PATH=$(TOP)/$(@D)/root DEPMOD=true modules_install)
	@mkdir -p $(@D)/signed && find $(@D)/root -name $(@F) -exec cp {} $(@D)/signed/ \;
	@test -f $(@D)/signed/$(@F) || { echo "kmod: modules_install left no $(@F) in $(@D)/root" >&2; exit 1; }

# the installed tree, signed as a distribution's: KMOD_INSTALLED are used
$(KMOD_INSTALL)/.done: $(VMLINUX) $(KMOD_SYMVERS) $(PACK_IMG) $(MKEARLYMOD) \
		scripts/install.sh
	@rm -rf $(@D) && mkdir -p $(@D)
	@DESTDIR=$(TOP)/$(@D) sh scripts/install.sh $(KERNEL) $(PACK_IMG) $(MKEARLYMOD) > $(@D).log
	@touch $@

$(KMOD_INITRAMFS): $(INITRAMFS) $(KMOD_KO) $(KMOD_FIXTURE_KO) $(KMOD_INSTALL)/.done
	@rm -rf $@.d && mkdir -p $@.d/kmod/signed && cp $(KMOD_KO) $(KMOD_FIXTURE_KO) $@.d/kmod/
	@cp $(dir $(KMOD_FIXTURE_KO))signed/$(notdir $(KMOD_FIXTURE_KO)) $@.d/kmod/signed/
	@for m in $(KMOD_INSTALLED); do \
		find $(KMOD_INSTALL)/lib/modules -name $$m -exec cp {} $@.d/kmod/ \; ; \
		test -f $@.d/kmod/$$m || { echo "kmod: no $$m installed in $(KMOD_INSTALL)" >&2; exit 1; }; \
	done
	@(cd $@.d && find kmod | LC_ALL=C sort | \
		cpio --quiet --reproducible -o -H newc -R 0:0 | gzip -n) > $@.tmp
	@cat $(INITRAMFS) $@.tmp > $@ && rm -rf $@.tmp $@.d
