#!/bin/sh
# Link benchmark: the loader's throughput on a large generated entry
# (kernel code model, >= 10,000 relocations), next to the cost of merely
# reading the same object's relocations with libelf.  Instructions come from
# callgrind (repeatable); times are the best of 5 rounds.
#
#   link.sh MKEARLYMOD WORKDIR     (env: HOSTCC, TOP, LOADER_SRCS, BENCH_FUNCS,
#                                   BENCH_ITER)
set -eu

mk=$1
work=$2
top=${TOP:-$(cd "$(dirname "$0")/.." && pwd)}
cc=${HOSTCC:-gcc}
funcs=${BENCH_FUNCS:-2000}
iter=${BENCH_ITER:-50}
loader=""
for f in ${LOADER_SRCS:-$(cd "$top" && ls loader/*.c)}; do loader="$loader $top/$f"; done
kflags="-mcmodel=kernel -mno-red-zone -fno-pic -fno-asynchronous-unwind-tables
-ffreestanding -fno-common -fno-stack-protector -O2 -I$top/include"

rm -rf "$work"
mkdir -p "$work"
cd "$work"

# inputs: the generated entry and its stand-in vmlinux, then the pack
$cc -O2 -o gen-big "$top/bench/gen-big.c"
./gen-big "$funcs" .
# shellcheck disable=SC2086
$cc $kflags -c big.c -o big.o
ld -r -o big.eko big.o
$cc -O2 -fno-pic -no-pie -Wl,--emit-relocs -Wl,--build-id=sha1 \
	-Wl,--defsym=_text=__executable_start -o vm vm.c
"$mk" create -o big.pack --vmlinux vm big.eko
# shellcheck disable=SC2086
$cc -O2 -g -std=gnu11 -I"$top/include" -I"$top" -o linkbench \
	"$top/bench/linkbench.c" $loader -lelf

mix=$(readelf -rW big.eko | awk '$3 ~ /^R_X86_64_/ { n[substr($3, 10)]++; t++ }
	END { split("64 32 32S PC32 PLT32 PC64", o, " "); s = ""
	      for (i = 1; i <= 6; i++) if (n[o[i]]) s = s sprintf("%s%s %d", s == "" ? "" : ", ", o[i], n[o[i]])
	      print t " relocations (" s ")" }')
image=$(stat -c %s big.pack)

./linkbench big.pack big.eko time "$iter" > time.txt
for s in read validate link; do
	valgrind --tool=callgrind --callgrind-out-file="cg.$s" --collect-atstart=no \
		--toggle-collect="bench_$s" ./linkbench big.pack big.eko "$s" 1 \
		> /dev/null 2> "cg.$s.log"
	echo "$s $(sed -n 's/^summary: *\([0-9]*\).*/\1/p' "cg.$s")" >> instr.txt
done

echo "earlymod link benchmark: one entry, $mix; pack $image bytes"
awk '
	FNR == NR { ns[$1] = $4 / $3; n[$1] = $2; next }
	{ ir[$1] = $2 }
	END {
		label["read"] = "libelf: read the relocations"
		label["validate"] = "loader: validate the entry"
		label["link"] = "loader: link (layout + relocate)"
		printf "%-34s %10s %10s %11s %11s %9s %10s\n", "step", "us/run",
		       "Mrelocs/s", "instr/run", "instr/reloc", "time/read", "instr/read"
		split("read validate link", order, " ")
		for (i = 1; i <= 3; i++) {
			s = order[i]
			printf "%-34s %10.1f %10.1f %11d %11.1f %9.2f %10.2f\n", label[s],
			       ns[s] / 1e3, n[s] / (ns[s] / 1e3), ir[s], ir[s] / n[s],
			       ns[s] / ns["read"], ir[s] / ir["read"]
		}
	}' time.txt instr.txt
echo "(instructions: callgrind, one run; time: best of 5 rounds of $iter runs)"
