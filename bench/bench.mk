# bench: reproducible measurements (`make bench` runs every BENCHES target).
#
# bench-link: the loader's link throughput on a generated entry with
# >= 10,000 relocations, and the ratio to reading the same relocations
# with libelf (bench/link.sh).

BENCHES += bench-link

.PHONY: bench-link
# (mkimage/mkimage.mk is read after this file: name the tool by its path)
bench-link: $(BIN)/mkearlymod
	@HOSTCC="$(HOSTCC)" TOP="$(TOP)" LOADER_SRCS="$(LOADER_SRCS)" \
		sh bench/link.sh $(TOP)/$(BIN)/mkearlymod $(TOP)/$(B)/bench/link
