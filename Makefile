# earlymod: top-level build.  `make run` is the main job, `make check` runs
# every test.  See README.md.
#
# Each component adds itself through a fragment (*.mk) included below.  A test
# suite is a target named suite-NAME that prints `ok ...` / `not ok ...` lines;
# a fragment lists NAME in HOST_SUITES (no kernel, no QEMU) or QEMU_SUITES.
# scripts/run-suites.sh runs them and prints the closing `N passed, N failed`.

SHELL    := /bin/sh
TOP      := $(CURDIR)
B        := build
BIN      := $(B)/bin
KERNEL   := $(B)/kernel
BZIMAGE  := $(KERNEL)/arch/x86/boot/bzImage
VMLINUX  := $(KERNEL)/vmlinux
STOCK    := $(B)/stock
PACK_IMG := $(B)/earlymod.img
INITRAMFS:= $(B)/initramfs.img
ISO      := $(B)/boot.iso
# Kernel command line of the main job (the QEMU cases carry their own).
CMDLINE  ?= console=ttyS0,115200 panic=-1

HOSTCC     ?= gcc
HOST_CFLAGS := -O2 -g -Wall -Wextra -Werror -std=gnu11 -I$(TOP)/include -I$(TOP)
SAN_FLAGS  := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer

HOST_SUITES :=
QEMU_SUITES :=
BENCHES     :=

.PHONY: all deps kernel stock initramfs pack iso run run-qemu check check-all check-host \
	check-qemu bench fuzz clean distclean
.DELETE_ON_ERROR:

all: kernel initramfs pack boards iso

deps:
	@sh scripts/deps.sh

kernel:
	@sh scripts/kernel.sh kernel

stock:
	@sh scripts/kernel.sh stock

$(BIN) $(B)/tests $(B)/test-logs:
	@mkdir -p $@

include $(sort $(wildcard */*.mk */*/*.mk))

initramfs: $(INITRAMFS)
pack: $(PACK_IMG)
iso: $(ISO)

$(ISO): $(BZIMAGE) $(PACK_IMG) $(INITRAMFS) scripts/mkiso.sh
	@sh scripts/mkiso.sh $@ $(BZIMAGE) $(PACK_IMG) $(INITRAMFS) "$(CMDLINE)"

# The bzImage rule only makes sure a kernel exists; `make kernel` rebuilds.
$(BZIMAGE) $(VMLINUX):
	@sh scripts/kernel.sh kernel

# Like check, it installs what it needs first (a fresh machine has nothing).
run: deps
	@$(MAKE) -s --no-print-directory run-qemu

run-qemu: kernel initramfs pack iso $(QEMU_RUN)
	@$(QEMU_RUN) --console --iso $(ISO) tests/qemu/run.case

# The kernel is rebuilt (incrementally) first so a stale one is never tested.
check: deps
	@$(MAKE) -s --no-print-directory kernel
	@$(MAKE) -s --no-print-directory check-all

check-all:
	@sh scripts/run-suites.sh $(addprefix host:,$(HOST_SUITES)) $(addprefix qemu:,$(QEMU_SUITES))

check-host:
	@sh scripts/run-suites.sh $(addprefix host:,$(HOST_SUITES))

check-qemu: kernel
	@sh scripts/run-suites.sh $(addprefix qemu:,$(QEMU_SUITES))

bench: $(BENCHES)

clean:
	rm -rf $(BIN) $(B)/tests $(B)/test-logs $(B)/test-work $(ISO) $(INITRAMFS) $(PACK_IMG) \
		$(B)/boards

distclean:
	rm -rf $(B)
