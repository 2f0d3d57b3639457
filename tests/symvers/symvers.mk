# Host suite `symvers`: earlymod/symvers.sh, which writes the entries'
# exports into the kernel build's Module.symvers (earlymod/Makefile.symvers),
# on objects made by the test (tests/symvers/symvers.sh).

HOST_SUITES += symvers

.PHONY: suite-symvers
suite-symvers: earlymod/symvers.sh tests/symvers/symvers.sh
	@sh tests/symvers/symvers.sh earlymod/symvers.sh
