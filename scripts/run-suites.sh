#!/bin/sh
# Run test suites and count their `ok` / `not ok` lines.
#   run-suites.sh host:NAME qemu:NAME ...   (each runs `make suite-NAME`)
# A suite that exits non-zero without reporting a failure counts as one
# failure of its own, so a crash can never pass silently.
# The last line printed is `N passed, N failed`; exit status 1 on any failure.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
logs=$top/build/test-logs
mkdir -p "$logs"
pass=0
fail=0
for s in "$@"; do
	name=${s#*:}
	out=$logs/suite-$name.out
	make -s --no-print-directory -C "$top" "suite-$name" > "$out" 2>&1
	rc=$?
	grep -E '^(ok|not ok) ' "$out"
	p=$(grep -c '^ok ' "$out")
	f=$(grep -c '^not ok ' "$out")
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		echo "not ok suite-$name - exited with status $rc (see build/test-logs/suite-$name.out)"
		tail -n 20 "$out" | sed 's/^/#   /'
		f=1
	fi
	pass=$((pass + p))
	fail=$((fail + f))
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
