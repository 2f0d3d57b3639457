# The boot-test initramfs (tests/initramfs/init.c as /init) and, until the
# pack tool provides the real one, the placeholder pack.

$(INITRAMFS): tests/initramfs/init.c scripts/mkinitramfs.sh
	@mkdir -p $(@D)
	@HOSTCC="$(HOSTCC)" sh scripts/mkinitramfs.sh $@

# Placeholder pack: an uncompressed newc cpio holding only the TRAILER!!!
# record, i.e. "no pack".  The kernel's initramfs unpacker skips it.  The
# pack tool's fragment takes over by defining PACK_IMG_RULE.
ifndef PACK_IMG_RULE
$(PACK_IMG):
	@mkdir -p $(@D)
	@cpio --quiet --reproducible -o -H newc < /dev/null > $@
endif
