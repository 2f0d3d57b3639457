# (Named to be included before qemu.mk, which lists VARIANT_PACKS.)
# Initrd fronts other than "the pack, then the initramfs" for the boot cases.
#
#   build/variants/microcode-first.img  an early-microcode archive (as GRUB's
#       GRUB_EARLY_INITRD_LINUX_STOCK puts it in front), then the test pack:
#       the kernel must find the pack in the second archive, move the first
#       one up over the pack's pages and free them.
#   build/variants/shared-archive.img  one archive holding a plain file and
#       the pack's member (the production pack's pack.bin): only the pack's
#       member may go, the file must still be unpacked.

VARIANTS_DIR   := $(B)/variants
VARIANT_PACKS  := $(VARIANTS_DIR)/microcode-first.img $(VARIANTS_DIR)/shared-archive.img

$(VARIANTS_DIR)/microcode-first.img: $(PACK_TEST_IMG)
	@rm -rf $@.d && mkdir -p $@.d/kernel/x86/microcode
	@printf 'not a microcode update: a stand-in for the early-microcode archive\n' \
		> $@.d/kernel/x86/microcode/AuthenticAMD.bin
	@(cd $@.d && find kernel | LC_ALL=C sort | \
		cpio --quiet --reproducible -o -H newc) > $@.tmp
	@cat $(PACK_TEST_IMG) >> $@.tmp && mv $@.tmp $@ && rm -rf $@.d

$(VARIANTS_DIR)/shared-archive.img: $(PACK_IMG)
	@rm -rf $@.d && mkdir -p $@.d/etc $@.d/kernel/earlymod
	@printf 'kept beside the pack\n' > $@.d/etc/earlymod-shared.txt
	@(cd $@.d && cpio --quiet -i) < $(PACK_IMG)
	@(cd $@.d && find etc kernel | LC_ALL=C sort | \
		cpio --quiet --reproducible -o -H newc) > $@.tmp
	@mv $@.tmp $@ && rm -rf $@.d
