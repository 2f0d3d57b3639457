#!/bin/sh
# End-to-end: real entry code built like a backend, a real program as
# vmlinux, mkearlymod in between, the loader linking and patching for real.
#
#   e2e.sh MKEARLYMOD WORKDIR      (env: HOSTCC, TOP, LOADER_SRCS, SAN_FLAGS)
#
# Prints `ok ...` / `not ok ...`; exits 1 on any failure.
set -u

mk=${1:?usage: e2e.sh MKEARLYMOD WORKDIR}
work=${2:?usage: e2e.sh MKEARLYMOD WORKDIR}
top=${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
src=$top/tests/unit/e2e
cc=${HOSTCC:-gcc}
san=${SAN_FLAGS-}
loader=""
for f in ${LOADER_SRCS:-$(cd "$top" && ls loader/*.c)}; do loader="$loader $top/$f"; done

# The kernel's code model and the flags that matter for linking like kbuild.
kflags="-mcmodel=kernel -mno-red-zone -fno-pic -fno-asynchronous-unwind-tables
-ffreestanding -fno-common -fno-stack-protector -O2 -Wall -Wextra -Werror
-I$top/include"

failed=0
ok() { echo "ok e2e: $1"; }
nok() { echo "not ok e2e: $1 - $2"; failed=1; }
step() {	# step NAME CMD...: run, report, stop the suite on failure
	name=$1
	shift
	if "$@" > step.log 2>&1; then ok "$name"
	else nok "$name" "$(tail -n 5 step.log | tr '\n' '|')"; exit 1; fi
}

rm -rf "$work"
mkdir -p "$work"
cd "$work" || exit 1

build_entries() {
	for f in alpha beta gamma; do
		# shellcheck disable=SC2086
		$cc $kflags -c "$src/$f.c" -o "$f.o" || return 1
	done
	# shellcheck disable=SC2086
	$cc $kflags -c "$src/alpha_asm.S" -o alpha_asm.o &&
	ld -r -o alpha.eko alpha.o alpha_asm.o &&
	ld -r -o beta.eko beta.o &&
	ld -r -o gamma.eko gamma.o
}
step "build entries (kernel code model, ld -r)" build_entries

types=$(readelf -rW alpha.eko | awk '$3 ~ /^R_X86_64_/ { print $3 }' | sort -u | tr '\n' ' ')
want="R_X86_64_32 R_X86_64_32S R_X86_64_64 R_X86_64_PC32 R_X86_64_PC64 R_X86_64_PLT32 "
if [ "$types" = "$want" ]; then ok "alpha.eko has every supported relocation type (readelf)"
else nok "alpha.eko has every supported relocation type (readelf)" "got: $types"; fi

build_host() {
	# The "vmlinux" half with the kernel code model (its references to the
	# entries are the kernel's kinds), the rest as an ordinary program.
	# shellcheck disable=SC2086
	$cc $kflags -c "$src/host_vm.c" -o host_vm.o &&
	$cc -O2 -fno-pic -Wall -Wextra -Werror -c "$src/host_fallback.c" -o host_fallback.o &&
	# shellcheck disable=SC2086
	$cc -O1 -g -fno-pic -Wall -Wextra -Werror -std=gnu11 $san \
		-I"$top/include" -I"$top" -c "$src/host_main.c" -o host_main.o &&
	for f in $loader; do
		# shellcheck disable=SC2086
		$cc -O1 -g -fno-pic -Wall -Wextra -Werror -std=gnu11 $san \
			-I"$top/include" -I"$top" -c "$f" -o "loader-$(basename "$f" .c).o" || return 1
	done &&
	# shellcheck disable=SC2086
	$cc -no-pie $san -Wl,--emit-relocs -Wl,--build-id=sha1 \
		-Wl,--defsym=_text=__executable_start -Wl,-T,"$src/percpu.lds" \
		-o e2e-host host_main.o host_vm.o host_fallback.o loader-*.o
}
step "build the test program (non-PIE, --emit-relocs, .data..percpu)" build_host

fixtypes=$(readelf -rW e2e-host | awk '$5 ~ /^em_(alpha|beta)_/ { print $3 }' | sort -u | tr '\n' ' ')
want="R_X86_64_32S R_X86_64_64 R_X86_64_PC32 R_X86_64_PC64 R_X86_64_PLT32 "
if [ "$fixtypes" = "$want" ]; then ok "program refers to the entries with every fixup type (readelf)"
else nok "program refers to the entries with every fixup type (readelf)" "got: $fixtypes"; fi

step "mkearlymod create" "$mk" create -o e2e.pack --vmlinux e2e-host alpha.eko beta.eko gamma.eko
step "mkearlymod verify" "$mk" verify --vmlinux e2e-host e2e.pack

if "$mk" list e2e.pack > list.txt 2>&1 && grep -q '^0 *alpha ' list.txt &&
   grep -q '^1 *beta .* alpha$' list.txt && grep -q '^2 *gamma ' list.txt; then
	ok "mkearlymod list: alpha, then beta (after its dependency), gamma"
else nok "mkearlymod list: alpha, then beta (after its dependency), gamma" "$(head -n 3 list.txt | tr '\n' '|')"; fi

./e2e-host e2e.pack > run.log 2>&1
rc=$?
grep -E '^(ok|not ok) ' run.log
if [ "$rc" -ne 0 ] && ! grep -q '^not ok' run.log; then
	nok "test program" "exit status $rc: $(grep -v '^ok' run.log | tail -n 5 | tr '\n' '|')"
fi
[ "$rc" -eq 0 ] || failed=1
exit $failed
