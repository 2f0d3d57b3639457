# loader/: the freestanding earlymod linker (see loader/loader.h).
#
# The same .c files are compiled into the kernel (earlymod/, by Kbuild), into
# mkearlymod (mkimage/) and into the host tests (tests/unit/loader-tests.mk).
# Other fragments use LOADER_SRCS and LOADER_HDRS; nothing is built here.

LOADER_SRCS := loader/validate.c loader/select.c loader/link.c loader/seal.c loader/contents.c
LOADER_HDRS := loader/loader.h loader/env.h loader/internal.h \
	       include/linux/earlymod.h
