# Host tests of loader/: unit tests and the damaged-pack corpus, plain and
# with ASan/UBSan, and the libFuzzer target.
#
#   make suite-loader        unit tests + corpus (gcc)
#   make suite-loader-san    the same with -fsanitize=address,undefined
#   make suite-fuzz          the fuzzer for FUZZ_SUITE_SECONDS (>= 60)
#   make fuzz                the fuzzer for FUZZ_SECONDS (or FUZZ_RUNS runs)

HOST_SUITES += loader loader-san fuzz

LOADER_TEST_SRCS := tests/unit/loader_test.c tests/unit/loader_corpus.c \
		    tests/unit/packgen.c
LOADER_TEST_HDRS := tests/unit/loader_test.h tests/unit/packgen.h

FUZZ_CC            ?= clang
FUZZ_SECONDS       ?= 600
FUZZ_RUNS          ?=
FUZZ_SUITE_SECONDS ?= 60
FUZZ_DIR           := $(B)/fuzz
FUZZ_FLAGS := -O1 -g -std=gnu11 -Wall -Wextra -Werror -I$(TOP)/include \
	      -I$(TOP) -fsanitize=fuzzer,address,undefined \
	      -fno-sanitize-recover=all -fno-omit-frame-pointer

$(BIN)/loader-test: $(LOADER_TEST_SRCS) $(LOADER_TEST_HDRS) $(LOADER_SRCS) \
		    $(LOADER_HDRS) | $(BIN)
	$(HOSTCC) $(HOST_CFLAGS) -o $@ $(LOADER_TEST_SRCS) $(LOADER_SRCS)

$(BIN)/loader-test-san: $(LOADER_TEST_SRCS) $(LOADER_TEST_HDRS) \
			$(LOADER_SRCS) $(LOADER_HDRS) | $(BIN)
	$(HOSTCC) $(HOST_CFLAGS) $(SAN_FLAGS) -o $@ $(LOADER_TEST_SRCS) \
		$(LOADER_SRCS)

$(BIN)/loader-fuzz: tests/unit/loader_fuzz.c tests/unit/loader_test.h \
		    $(LOADER_SRCS) $(LOADER_HDRS) | $(BIN)
	$(FUZZ_CC) $(FUZZ_FLAGS) -o $@ tests/unit/loader_fuzz.c $(LOADER_SRCS)

# The seed corpus comes from the test program's pack writer.
$(FUZZ_DIR)/seeds/.stamp: $(BIN)/loader-test
	@rm -rf $(FUZZ_DIR)/seeds
	@mkdir -p $(FUZZ_DIR)/seeds
	@$(BIN)/loader-test --seeds $(FUZZ_DIR)/seeds
	@touch $@

.PHONY: suite-loader suite-loader-san suite-fuzz loader-fuzz-run

suite-loader: $(BIN)/loader-test
	@$(BIN)/loader-test

# Test names get a san- prefix so that both suites' lines stay distinct.
suite-loader-san: $(BIN)/loader-test-san
	@mkdir -p $(B)/test-logs
	@ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
		$(BIN)/loader-test-san > $(B)/test-logs/loader-test-san.raw \
		2>&1; rc=$$?; \
		sed 's/^\(not \)\{0,1\}ok /&san-/' \
		$(B)/test-logs/loader-test-san.raw; exit $$rc

suite-fuzz: $(BIN)/loader-fuzz $(FUZZ_DIR)/seeds/.stamp
	@sh tests/unit/run-fuzz.sh $(BIN)/loader-fuzz $(FUZZ_DIR) \
		"$(FUZZ_SUITE_SECONDS)" "" suite

loader-fuzz-run: $(BIN)/loader-fuzz $(FUZZ_DIR)/seeds/.stamp
	@sh tests/unit/run-fuzz.sh $(BIN)/loader-fuzz $(FUZZ_DIR) \
		"$(FUZZ_SECONDS)" "$(FUZZ_RUNS)" run

fuzz: loader-fuzz-run
