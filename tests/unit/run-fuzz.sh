#!/bin/sh
# Run the loader fuzzer and print one result line.
#   run-fuzz.sh FUZZER DIR SECONDS RUNS MODE
# MODE suite: `ok fuzz-<SECONDS>s (<N> execs)`; MODE run: `ok fuzz (...)`.
# RUNS, when not empty, bounds the run by executions instead of time.
# New inputs go to DIR/corpus, crashes to DIR/artifacts, the log to
# DIR/fuzz-MODE.log.
set -u
fuzzer=$1 dir=$2 secs=$3 runs=$4 mode=$5
mkdir -p "$dir/corpus" "$dir/artifacts"
log=$dir/fuzz-$mode.log
if [ "$mode" = suite ]; then
	name=fuzz-${secs}s
else
	name=fuzz
fi
if [ -n "$runs" ]; then
	limit="-runs=$runs"
else
	limit="-max_total_time=$secs"
fi
start=$(date +%s)
"$fuzzer" -artifact_prefix="$dir/artifacts/" -print_final_stats=1 \
	"$limit" "$dir/corpus" "$dir/seeds" > "$log" 2>&1
rc=$?
took=$(($(date +%s) - start))
execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
[ -n "$execs" ] || execs=$(sed -n 's/^Done \([0-9]*\) runs.*/\1/p' "$log" | tail -n 1)
[ -n "$execs" ] || execs=unknown
if [ "$rc" -eq 0 ]; then
	if [ "$mode" = suite ]; then
		echo "ok $name ($execs execs)"
	else
		echo "ok $name ($execs execs in ${took}s)"
	fi
	exit 0
fi
finding=$(grep -m 1 -E '^SUMMARY: |ERROR: libFuzzer|==ERROR' "$log" || echo "exit status $rc")
artifact=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | tail -n 1)
echo "not ok $name - $finding${artifact:+ (input: $artifact)} (log: $log)"
exit 1
