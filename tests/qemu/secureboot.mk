# The kernel of the `boot secureboot` cases (tests/qemu/README.md): the
# bzImage signed with the test key that Debian's ovmf package enrolled in
# OVMF_VARS_4M.snakeoil.fd (/usr/share/ovmf/PkKek-1-snakeoil.{key,pem}; the
# key's passphrase is "snakeoil", as that package documents).  sbverify
# checks the signature against the certificate before the file is used.

SB_DIR    := $(B)/secureboot
SB_KERNEL := $(SB_DIR)/bzImage.signed
SB_CERT   := /usr/share/ovmf/PkKek-1-snakeoil.pem
SB_KEY    := /usr/share/ovmf/PkKek-1-snakeoil.key

$(SB_KERNEL): $(BZIMAGE)
	@mkdir -p $(SB_DIR)
	@openssl pkey -in $(SB_KEY) -passin pass:snakeoil -out $(SB_DIR)/key.pem
	@sbsign --key $(SB_DIR)/key.pem --cert $(SB_CERT) --output $@.tmp $(BZIMAGE) \
		> $(SB_DIR)/sbsign.log 2>&1 || { cat $(SB_DIR)/sbsign.log >&2; exit 1; }
	@sbverify --cert $(SB_CERT) $@.tmp >/dev/null
	@mv $@.tmp $@

suite-boot: $(SB_KERNEL)
