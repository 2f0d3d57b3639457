# mkimage: mkearlymod, the host tool (docs/mkearlymod.md).
#
# The tool compiles the loader's own sources (LOADER_SRCS, from
# loader/loader.mk) for `verify`, `list` and the final check in `create`.
# MKEARLYMOD is the tool; MKEARLYMOD_SAN the same built with ASan/UBSan,
# which the test suites use.

MKEARLYMOD     := $(BIN)/mkearlymod
MKEARLYMOD_SAN := $(BIN)/mkearlymod-san
MKIMAGE_SRCS   := $(sort $(wildcard mkimage/*.c))
MKIMAGE_DEPS   := $(MKIMAGE_SRCS) $(wildcard mkimage/*.h) include/linux/earlymod.h \
		  $(LOADER_SRCS) $(LOADER_HDRS)

$(MKEARLYMOD): $(MKIMAGE_DEPS) | $(BIN)
	$(HOSTCC) $(HOST_CFLAGS) -o $@ $(MKIMAGE_SRCS) $(LOADER_SRCS) -lelf -lcrypto

$(MKEARLYMOD_SAN): $(MKIMAGE_DEPS) | $(BIN)
	$(HOSTCC) $(HOST_CFLAGS) $(SAN_FLAGS) -o $@ $(MKIMAGE_SRCS) $(LOADER_SRCS) -lelf -lcrypto

.PHONY: mkearlymod suite-mkimage suite-e2e
mkearlymod: $(MKEARLYMOD)

HOST_SUITES += mkimage e2e

# Both suites build what they need under build/tests/ and print ok/not ok.
# With a kernel built, the mkimage suite also checks fixups against it, and
# the seal with the production pack.
suite-mkimage: $(MKEARLYMOD_SAN) | $(B)/tests
	@HOSTCC="$(HOSTCC)" TOP="$(TOP)" \
		VMLINUX="$(if $(wildcard $(VMLINUX)),$(TOP)/$(VMLINUX))" \
		VMLINUX_PACK="$(if $(wildcard $(PACK_IMG)),$(TOP)/$(PACK_IMG))" \
		sh tests/unit/mkimage.sh \
		$(TOP)/$(MKEARLYMOD_SAN) $(TOP)/$(B)/tests/mkimage

suite-e2e: $(MKEARLYMOD_SAN) | $(B)/tests
	@HOSTCC="$(HOSTCC)" TOP="$(TOP)" LOADER_SRCS="$(LOADER_SRCS)" \
		SAN_FLAGS="$(SAN_FLAGS)" sh tests/unit/e2e.sh \
		$(TOP)/$(MKEARLYMOD_SAN) $(TOP)/$(B)/tests/e2e
