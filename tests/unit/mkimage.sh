#!/bin/sh
# mkearlymod tests: a corpus of good and bad objects (tests/unit/mkimage/),
# reproducibility, the cpio wrapper, list/--json/verify, exit statuses.
#
#   mkimage.sh MKEARLYMOD WORKDIR      (env: HOSTCC, TOP, VMLINUX)
#
# bad-NAME.c    one entry; its first line is `/* expect: ERE */`, the message
#               create must print (file, section, offset, symbol).  A line
#               `/* cflags: ... */` adds compiler flags.
# bad-NAME.2.c  a second entry for the same case
# bad-NAME.o.c  a second object linked into the same .eko
# Prints `ok NAME` / `not ok NAME - why`; exits 1 on any failure.
# With VMLINUX naming a built kernel, two more tests run against it.
set -u

mk=${1:?usage: mkimage.sh MKEARLYMOD WORKDIR}
work=${2:?usage: mkimage.sh MKEARLYMOD WORKDIR}
top=${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
src=$top/tests/unit/mkimage
lds=$top/tests/unit/e2e/percpu.lds	# .data..percpu kept apart, as in vmlinux
cc=${HOSTCC:-gcc}
kflags="-mcmodel=kernel -mno-red-zone -fno-pic -fno-asynchronous-unwind-tables
-ffreestanding -fno-common -fno-stack-protector -O2 -Wall -I$top/include"

failed=0
ok() { echo "ok $1"; }
nok() { echo "not ok $1 - $2"; failed=1; }

rm -rf "$work"
mkdir -p "$work"
cd "$work" || exit 1

# Compile SRC.c (and SRC.o.c if present) into NAME.eko.
eko() {
	s=$1 name=$2
	flags=$(sed -n 's,^/\* cflags: \(.*\) \*/$,\1,p' "$s.c")
	# shellcheck disable=SC2086
	$cc $kflags $flags -c "$s.c" -o "$name.o" 2> "$name.cc.log" || return 1
	if [ -f "$s.o.c" ]; then
		# shellcheck disable=SC2086
		$cc $kflags -c "$s.o.c" -o "$name.o2.o" 2>> "$name.cc.log" || return 1
		ld -r -o "$name.eko" "$name.o" "$name.o2.o"
	else
		ld -r -o "$name.eko" "$name.o"
	fi
}

# --- the stand-in vmlinux (and a second one with another build-id) ----------
build_vm() {
	$cc -O2 -fno-pic -fno-stack-protector -c "$src/vm.c" -o vm.o &&
	$cc -O2 -fno-pic -mcmodel=small -c "$src/vm_abs32.c" -o vm_abs32.o &&
	$cc -no-pie -Wl,--emit-relocs -Wl,--build-id=sha1 -Wl,-T,"$lds" \
		-Wl,--defsym=_text=__executable_start -o vm vm.o vm_abs32.o &&
	$cc -O2 -fno-pic -DOTHER_BUILD -c "$src/vm.c" -o vm2.o &&
	$cc -no-pie -Wl,--emit-relocs -Wl,--build-id=sha1 -Wl,-T,"$lds" -Wl,--defsym=other=1 \
		-Wl,--defsym=_text=__executable_start -o vm2 vm2.o vm_abs32.o
}
if build_vm > vm.log 2>&1; then ok "mkimage: build stand-in vmlinux"
else nok "mkimage: build stand-in vmlinux" "$(tail -n 3 vm.log | tr '\n' ' ')"; exit 1; fi

# --- good objects ----------------------------------------------------------
for g in alpha beta; do
	if eko "$src/good-$g" "$g"; then :; else
		nok "mkimage: compile good-$g" "$(head -n 3 "$g.cc.log" | tr '\n' ' ')"
	fi
done

run() {	# run CMD...: sets rc, output in out.txt / err.txt
	"$@" > out.txt 2> err.txt
	rc=$?
}

run "$mk" create -o a.pack --vmlinux vm alpha.eko beta.eko
if [ "$rc" -eq 0 ] && [ -s a.pack ]; then ok "mkimage: create good pack"
else nok "mkimage: create good pack" "status $rc: $(head -n 3 err.txt | tr '\n' ' ')"; fi

run "$mk" create -o b.pack --vmlinux vm alpha.eko beta.eko
if cmp -s a.pack b.pack; then ok "mkimage: reproducible (same inputs, same bytes)"
else nok "mkimage: reproducible (same inputs, same bytes)" "a.pack and b.pack differ"; fi

run "$mk" create -o c.pack --vmlinux vm beta.eko alpha.eko
if cmp -s a.pack c.pack; then ok "mkimage: reproducible (object order does not matter)"
else nok "mkimage: reproducible (object order does not matter)" "a.pack and c.pack differ"; fi

cp alpha.eko copy-of-alpha.eko
run "$mk" create -o d.pack --vmlinux vm "$work/copy-of-alpha.eko" ./beta.eko
if cmp -s a.pack d.pack; then ok "mkimage: reproducible (file names do not matter)"
else nok "mkimage: reproducible (file names do not matter)" "a.pack and d.pack differ"; fi

# --- the cpio wrapper --------------------------------------------------------
run "$mk" create --cpio -o a.img --vmlinux vm alpha.eko beta.eko
run "$mk" create --cpio -o b.img --vmlinux vm beta.eko alpha.eko
if [ "$rc" -eq 0 ] && cmp -s a.img b.img; then ok "mkimage: cpio reproducible"
else nok "mkimage: cpio reproducible" "status $rc or a.img/b.img differ"; fi

members=$(cpio -it --quiet < a.img 2> cpio.err | tr '\n' ' ')
if [ "$members" = "kernel kernel/earlymod kernel/earlymod/pack.bin " ]; then
	ok "mkimage: cpio -t lists the directories, then the pack"
else nok "mkimage: cpio -t lists the directories, then the pack" "got '$members' $(cat cpio.err)"; fi

mkdir -p x && (cd x && cpio -id --quiet < ../a.img) 2> cpio.err
if cmp -s x/kernel/earlymod/pack.bin a.pack; then ok "mkimage: cpio member is the pack"
else nok "mkimage: cpio member is the pack" "extracted member differs $(cat cpio.err)"; fi

size=$(wc -c < a.img)
if [ $((size % 4)) -eq 0 ] && [ "$(od -An -c -N6 a.img | tr -d ' ')" = "070701" ] &&
   tail -c 140 a.img | grep -q 'TRAILER!!!'; then
	ok "mkimage: cpio newc, 4-byte padded, with trailer"
else nok "mkimage: cpio newc, 4-byte padded, with trailer" "size $size"; fi

# mtime 0, uid 0, gid 0 in every header (fields 3, 4 and 6 of newc)
if od -An -c a.img | tr -d ' \n' | grep -o '070701[0-9A-F]\{48\}' |
   awk '{ if (substr($0, 23, 16) != "0000000000000000" || substr($0, 47, 8) != "00000000") bad = 1 }
	END { exit bad }'; then
	ok "mkimage: cpio headers have uid/gid/mtime 0"
else nok "mkimage: cpio headers have uid/gid/mtime 0" "non-zero field"; fi

# --- list ----------------------------------------------------------------
run "$mk" list a.pack
if [ "$rc" -eq 0 ] && grep -q '^0 *alpha *2\.5-test *platform' out.txt &&
   grep -q '^1 *beta *1 *hypervisor *on-demand .*alpha$' out.txt &&
   grep -q 'acpi DMAR; cpu-vendor GenuineIntel; !hypervisor Microsoft Hv; dmi board-name=APU\*; pci 8086:\*$' out.txt &&
   grep -q 'pci 8086:\*' out.txt && grep -q '!hypervisor Microsoft Hv' out.txt &&
   grep -q 'dmi board-name=APU\*' out.txt &&
   grep -q '\.initcallN\.init *arg 0 *init-data+0x0, 4 bytes' out.txt; then
	ok "mkimage: list shows entries, rules, deps, special tables"
else nok "mkimage: list shows entries, rules, deps, special tables" "status $rc"; sed 's/^/#   /' out.txt err.txt; fi

run "$mk" list a.img
sed 1d out.txt > list-img.txt
"$mk" list a.pack 2>/dev/null | sed 1d > list-pack.txt
if [ "$rc" -eq 0 ] && cmp -s list-img.txt list-pack.txt; then ok "mkimage: list reads the cpio wrapper"
else nok "mkimage: list reads the cpio wrapper" "status $rc"; fi

run "$mk" list --json a.pack
if [ "$rc" -eq 0 ] && grep -q '"name":"alpha"' out.txt &&
   grep -q '"deps":\["alpha"\]' out.txt && grep -q '"fixups":1' out.txt &&
   grep -q '"R_X86_64_PLT32":' out.txt; then
	if command -v python3 > /dev/null &&
	   ! python3 -c 'import json,sys; json.load(sys.stdin)' < out.txt 2> err.txt; then
		nok "mkimage: list --json" "not valid JSON: $(cat err.txt)"
	else
		ok "mkimage: list --json"
	fi
else nok "mkimage: list --json" "status $rc: $(head -c 300 out.txt)"; fi

# --- verify ------------------------------------------------------------------
run "$mk" verify --vmlinux vm a.pack
if [ "$rc" -eq 0 ] && grep -q '^alpha: linked' out.txt && grep -q '^beta: linked' out.txt
then ok "mkimage: verify links every entry (dry run)"
else nok "mkimage: verify links every entry (dry run)" "status $rc: $(head -n 3 err.txt | tr '\n' ' ')"; fi

run "$mk" verify --vmlinux vm a.img
if [ "$rc" -eq 0 ]; then ok "mkimage: verify reads the cpio wrapper"
else nok "mkimage: verify reads the cpio wrapper" "status $rc: $(head -n 3 err.txt | tr '\n' ' ')"; fi

run "$mk" verify --vmlinux vm2 a.pack
if [ "$rc" -eq 1 ] && grep -qi 'build-id' err.txt; then ok "mkimage: verify refuses another vmlinux"
else nok "mkimage: verify refuses another vmlinux" "status $rc: $(head -n 2 err.txt | tr '\n' ' ')"; fi

# a vmlinux linked without --emit-relocs: the fallback sites cannot be found
$cc -no-pie -Wl,--build-id=sha1 -Wl,-T,"$lds" -Wl,--defsym=_text=__executable_start \
	-o vm-norel vm.o vm_abs32.o
run "$mk" create -o z.pack --vmlinux vm-norel alpha.eko
if [ "$rc" -eq 1 ] && grep -q '^vm-norel: no relocation sections.*--emit-relocs' err.txt; then
	ok "mkimage: vmlinux without --emit-relocs is refused"
else nok "mkimage: vmlinux without --emit-relocs is refused" "status $rc: $(head -n 1 err.txt)"; fi

# --- exit statuses and damaged input ------------------------------------
st() {	# st NAME WANT CMD...
	name=$1 want=$2
	shift 2
	run "$@"
	if [ "$rc" -eq "$want" ]; then ok "mkimage: exit $want: $name"
	else nok "mkimage: exit $want: $name" "got $rc: $(head -n 1 err.txt)"; fi
}
st "no arguments" 2 "$mk"
st "unknown command" 2 "$mk" frobnicate
st "create without -o" 2 "$mk" create --vmlinux vm alpha.eko
st "create, unknown option" 2 "$mk" create --bogus -o z.pack --vmlinux vm alpha.eko
st "list without a pack" 2 "$mk" list
st "verify without --vmlinux" 2 "$mk" verify a.pack
st "--help" 0 "$mk" --help
if [ "$(wc -l < out.txt)" -le 24 ]; then ok "mkimage: --help fits on a screen"
else nok "mkimage: --help fits on a screen" "$(wc -l < out.txt) lines"; fi
st "list of a missing file" 1 "$mk" list no-such.pack
head -c 100 a.pack > trunc.pack
st "list of a truncated pack" 1 "$mk" list trunc.pack
head -c 1000 /dev/zero > zero.pack
st "list of zeros" 1 "$mk" list zero.pack
head -c 200 a.img > trunc.img
st "list of a truncated cpio" 1 "$mk" list trunc.img
st "create from a missing object" 1 "$mk" create -o z.pack --vmlinux vm missing.eko
st "create against a non-ELF vmlinux" 1 "$mk" create -o z.pack --vmlinux a.pack alpha.eko
st "create from a non-object" 1 "$mk" create -o z.pack --vmlinux vm vm

# --- damaged objects: an error or a pack, never a crash (ASan/UBSan build) ---
size=$(wc -c < alpha.eko)
crashes=0 tries=0
off=64
while [ "$off" -lt "$size" ]; do
	for byte in '\377' '\000' '\200'; do
		cp alpha.eko dmg.eko
		printf "$byte" | dd of=dmg.eko bs=1 seek="$off" conv=notrunc 2> /dev/null
		run "$mk" create -o dmg.pack --vmlinux vm dmg.eko
		tries=$((tries + 1))
		if [ "$rc" -gt 1 ] || grep -q 'Sanitizer\|runtime error' err.txt; then
			crashes=$((crashes + 1))
			echo "#   offset $off byte $byte: status $rc $(head -n 1 err.txt)"
		fi
	done
	off=$((off + 61))
done
if [ "$crashes" -eq 0 ]; then ok "mkimage: $tries damaged objects: errors, no crash"
else nok "mkimage: $tries damaged objects: errors, no crash" "$crashes crashed"; fi

# --- crafted damage: one message naming file, section/offset, no crash -----
# craft (tests/unit/mkimage/craft.c) writes what no compiler would.
# lone NAME WANT: status 1, err.txt one line matching WANT, no sanitizer report
lone() {
	if [ "$rc" -eq 1 ] && [ "$(wc -l < err.txt)" -eq 1 ] &&
	   grep -Eq "$2" err.txt && ! grep -q 'Sanitizer\|runtime error' err.txt; then
		ok "mkimage: $1: $(head -n 1 err.txt | cut -c 1-90)"
	else nok "mkimage: $1" "status $rc: $(head -n 2 err.txt | tr '\n' '|' | cut -c 1-200)"; fi
}
if $cc -O2 -Wall -Wextra -Werror -std=gnu11 -I"$top/include" -I"$top" -o craft \
	"$src/craft.c" "$top/tests/unit/packgen.c" "$top/mkimage/cpio.c" 2> craft.log
then
	# newc: header, name, data; the member's data ends the file, unpadded
	newc() {	# newc NAME SIZE: a regular-file header and its name
		printf '070701%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X' \
			1 33188 0 0 1 0 "$2" 0 0 0 0 $((${#1} + 1)) 0
		printf '%s\0' "$1"
	}
	{ newc a 911; head -c 911 /dev/zero; } > unpadded.img
	res=$(./craft cpioguard unpadded.img 2>&1)
	if [ "$res" = "-1 cpio member data outside the archive" ]; then
		ok "mkimage: cpio: no read past an archive that ends in a member's data"
	else nok "mkimage: cpio: no read past an archive that ends in a member's data" "got '$res'"; fi
	run "$mk" list unpadded.img
	lone "cpio: member data past the end" '^unpadded\.img\+0x0: cpio member data outside the archive$'

	cp a.img badhex.img		# 'z' in the mode field of the first header
	printf 'z' | dd of=badhex.img bs=1 seek=20 conv=notrunc 2> /dev/null
	run "$mk" list badhex.img
	lone "cpio: every header field is hex" '^badhex\.img\+0xe: cpio header field not 8 hex digits$'

	cp alpha.eko big-progbits.eko
	./craft shdr big-progbits.eko .data size 0x100000000
	run "$mk" create -o z.pack --vmlinux vm big-progbits.eko
	lone "4 GiB PROGBITS section refused before reading" \
		'^big-progbits\.eko: \.data: 4294967296 bytes at file offset 0x[0-9a-f]+, past the end of the [0-9]+-byte file$'

	cp alpha.eko noname.eko
	./craft shdr noname.eko .data name 0x7fffffff
	run "$mk" create -o z.pack --vmlinux vm noname.eko
	lone "section name out of range" \
		'^noname\.eko: section [0-9]+: name at 0x7fffffff: elf_strptr: .+$'

	cp vm vm-bigbss
	./craft shdr vm-bigbss .bss size 0x100000000000
	run "$mk" verify --vmlinux vm-bigbss a.pack
	lone "verify: 16 TiB vmlinux .bss refused before copying" \
		'^vm-bigbss: \.bss: 17592186044416 bytes at 0x[0-9a-f]+, more than a kernel image may hold \(1073741824\)$'

	cp vm vm-bigdata
	./craft shdr vm-bigdata .data size 0x1000000
	run "$mk" verify --vmlinux vm-bigdata a.pack
	lone "verify: vmlinux section past the end of the file" \
		'^vm-bigdata: \.data: 16777216 bytes at file offset 0x[0-9a-f]+, past the end of the [0-9]+-byte file$'

	./craft bigpack a.pack big.pack
	run "$mk" verify --vmlinux vm big.pack
	if [ "$rc" -eq 1 ] && ! grep -q 'Sanitizer\|runtime error' err.txt &&
	   grep -Eq '^big\.pack\+0x[0-9a-f]+: big0: class text: 4294959104 bytes, more than a class may hold \(67108864\)$' err.txt
	then ok "mkimage: verify: class sizes a pack claims are bounded before the pool is"
	else nok "mkimage: verify: class sizes a pack claims are bounded before the pool is" "status $rc: $(head -n 2 err.txt | tr '\n' '|' | cut -c 1-200)"; fi
else
	nok "mkimage: compile craft" "$(head -n 3 craft.log | tr '\n' ' ')"
fi

# --- the real vmlinux, when one has been built -------------------------------
if [ -n "${VMLINUX:-}" ] && [ -f "$VMLINUX" ]; then
	eko "$src/real-printk" real-printk
	run "$mk" create -o real.pack --vmlinux "$VMLINUX" real-printk.eko
	fixups=$("$mk" list --json real.pack 2>/dev/null | sed -n 's/.*"fixups":\([0-9]*\).*/\1/p')
	if [ "$rc" -eq 0 ] && [ "${fixups:-0}" -gt 100 ]; then
		ok "mkimage: real vmlinux: every reference to _printk and jiffies is a fixup ($fixups)"
	else nok "mkimage: real vmlinux: every reference to _printk and jiffies is a fixup" "status $rc, ${fixups:-no} fixups: $(head -n 2 err.txt | tr '\n' ' ')"; fi
	# the kernel's sealed vmlinux patches only the sites its seal records
	run "$mk" verify --vmlinux "$VMLINUX" real.pack
	if [ "$rc" -eq 1 ] && grep -q 'real-printk: fixup site is not one vmlinux records (seal)' err.txt
	then ok "mkimage: real vmlinux: its seal refuses sites it does not record"
	else nok "mkimage: real vmlinux: its seal refuses sites it does not record" "status $rc: $(head -n 2 err.txt | tr '\n' ' ')"; fi
	# the same vmlinux with no seal symbol: only the bytes are checked
	objcopy --redefine-sym earlymod_seal=earlymod_seal_gone "$VMLINUX" vm-noseal
	run "$mk" verify --vmlinux vm-noseal real.pack
	if [ "$rc" -eq 0 ]; then ok "mkimage: real vmlinux: verify checks every fixup site's bytes"
	else nok "mkimage: real vmlinux: verify checks every fixup site's bytes" "$(head -n 2 err.txt | tr '\n' ' ')"; fi
	run "$mk" seal --vmlinux vm-noseal "$VMLINUX_PACK"
	lone "seal: a vmlinux without the seal symbol" \
		"no symbol 'earlymod_seal': not a kernel built with CONFIG_EARLYMOD"
	cp "$VMLINUX" vm-seal
	run "$mk" seal --vmlinux vm-seal --sites-from real.pack
	lone "seal: more sites than the seal holds" \
		"vm-seal: [1-9][0-9]{3,} vmlinux sites, more than the seal holds \(EARLYMOD_SEAL_SITES, 512\)"
	cmp -s "$VMLINUX" vm-seal && ok "mkimage: seal: a refused seal writes nothing" ||
		nok "mkimage: seal: a refused seal writes nothing" "vm-seal changed"
fi
if [ -n "${VMLINUX:-}" ] && [ -f "$VMLINUX" ] && [ -f "${VMLINUX_PACK:-}" ]; then
	# sealed with the production pack, then once more: the same bytes
	run "$mk" seal --vmlinux vm-seal "$VMLINUX_PACK"
	cp vm-seal vm-ref
	run "$mk" seal --vmlinux vm-seal "$VMLINUX_PACK"
	if [ "$rc" -eq 0 ] && grep -q 'seal unchanged: [1-9][0-9]* entries' out.txt && cmp -s vm-ref vm-seal
	then ok "mkimage: seal: sealing again with the same packs writes nothing"
	else nok "mkimage: seal: sealing again with the same packs writes nothing" "status $rc: $(cat out.txt err.txt | head -n 2 | tr '\n' ' ')"; fi
	# sites only: the entries link, and none is vouched for
	run "$mk" seal --vmlinux vm-seal --sites-from "$VMLINUX_PACK"
	id() { readelf -n "$1" | sed -n 's/.*Build ID: //p'; }
	if [ "$rc" -eq 0 ] && grep -q 'sealed 0 entries, [1-9][0-9]* vmlinux sites' out.txt &&
	   [ "$(id vm-seal)" = "$(id "$VMLINUX")" ] &&
	   [ "$(cmp -l vm-ref vm-seal | wc -l)" -le 16400 ]
	then ok "mkimage: seal: rewritten in place, the build-id and the rest as they were"
	else nok "mkimage: seal: rewritten in place, the build-id and the rest as they were" "status $rc: $(cat out.txt err.txt | head -n 2 | tr '\n' ' ')"; fi
	run "$mk" verify --vmlinux vm-seal "$VMLINUX_PACK"
	if [ "$rc" -eq 0 ] && grep -q ', not sealed$' out.txt && ! grep -q ', sealed$' out.txt
	then ok "mkimage: verify: entries whose digests are not sealed"
	else nok "mkimage: verify: entries whose digests are not sealed" "status $rc: $(head -n 2 err.txt out.txt | tr '\n' ' ')"; fi
	run "$mk" seal --vmlinux vm-seal "$VMLINUX_PACK"
	run "$mk" verify --vmlinux vm-seal "$VMLINUX_PACK"
	if [ "$rc" -eq 0 ] && grep -q ', sealed$' out.txt && ! grep -q ', not sealed$' out.txt &&
	   cmp -s vm-ref vm-seal
	then ok "mkimage: seal: the same packs give the same seal; verify says sealed"
	else nok "mkimage: seal: the same packs give the same seal; verify says sealed" "status $rc: $(head -n 2 out.txt | tr '\n' ' ')"; fi
	# a pack for another vmlinux is not sealed into this one
	run "$mk" seal --vmlinux vm-seal a.pack
	if [ "$rc" -eq 1 ] && grep -q '^a.pack.*build-id' err.txt &&
	   grep -q 'a.pack: not a pack for this vmlinux: not sealing it' err.txt && cmp -s vm-ref vm-seal
	then ok "mkimage: seal: a pack for another vmlinux is refused, nothing written"
	else nok "mkimage: seal: a pack for another vmlinux is refused, nothing written" "status $rc: $(head -n 2 err.txt | tr '\n' ' ')"; fi
	rm -f vm-seal vm-ref vm-noseal
fi

# --- EARLYMOD_USE_VMLINUX: the entry's references go to vmlinux's copy -----
# gamma defines em_shared_key as vmlinux does; marked, no vmlinux site is
# patched and its reference is a relocation against vmlinux; unmarked, the
# same object is a fallback's replacement (one fixup).
if eko "$src/good-gamma" gamma &&
   $cc $kflags -DNO_USE_VMLINUX -c "$src/good-gamma.c" -o gamma-plain.o 2> gamma.cc.log &&
   ld -r -o gamma-plain.eko gamma-plain.o; then
	run "$mk" create -o g.pack --vmlinux vm gamma.eko
	"$mk" list --json g.pack > g.json 2>&1
	run "$mk" create -o gp.pack --vmlinux vm gamma-plain.eko
	"$mk" list --json gp.pack > gp.json 2>&1
	"$mk" list g.pack > g.txt 2>&1
	if grep -q '"fixups":0' g.json && grep -q '"fixups":1' gp.json &&
	   grep -q '"vmlinux":[1-9]' g.json &&
	   "$mk" verify --vmlinux vm g.pack > /dev/null 2>&1; then
		ok "mkimage: use-vmlinux: references go to vmlinux's definition, no fixup"
	else nok "mkimage: use-vmlinux: references go to vmlinux's definition, no fixup" \
		"$(grep -o '"fixups":[0-9]*\|"vmlinux":[0-9]*' g.json gp.json | tr '\n' ' ')"; fi
else nok "mkimage: use-vmlinux" "good-gamma does not compile: $(head -n 2 gamma.cc.log | tr '\n' ' ')"; fi

# --- bad objects: each must fail with its message, and write nothing ----
for c in "$src"/bad-*.c; do
	case $c in *.2.c|*.o.c) continue ;; esac
	base=$(basename "$c" .c)
	want=$(sed -n '1s,^/\* expect: \(.*\) \*/$,\1,p' "$c")
	if ! eko "$src/$base" "$base"; then
		nok "mkimage: $base" "does not compile: $(head -n 2 "$base.cc.log" | tr '\n' ' ')"
		continue
	fi
	set -- "$base.eko"
	if [ -f "$src/$base.2.c" ]; then
		eko "$src/$base.2" "$base.2" || { nok "mkimage: $base" "part 2 does not compile"; continue; }
		set -- "$@" "$base.2.eko"
	fi
	echo "previous" > out.pack
	run "$mk" create -o out.pack --vmlinux vm "$@"
	if [ "$rc" -ne 1 ]; then
		nok "mkimage: $base" "exit status $rc, 1 expected"
	elif ! grep -Eq "$want" err.txt; then
		nok "mkimage: $base" "message not found: $want; got: $(head -n 3 err.txt | tr '\n' '|')"
	elif [ "$(cat out.pack)" != "previous" ] || ls out.pack.* > /dev/null 2>&1; then
		nok "mkimage: $base" "output touched or temporary file left"
	else
		ok "mkimage: $base: $(head -n 1 err.txt | cut -c 1-100)"
	fi
done

exit $failed
