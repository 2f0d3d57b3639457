# Shared by the boot benchmarks (sourced): what every one of them checks and
# sets up before it boots anything.
#
#   BENCH=name              the name its messages start with
#   abs PATH                PATH made absolute
#   die MESSAGE             "name: MESSAGE" on stderr, exit 1
#   bench_check FILE...     every FILE exists and $boots is a positive number
#   bench_workdir           $work emptied, created, made absolute

abs() { (cd "$(dirname "$1")" 2>/dev/null && echo "$(pwd)/$(basename "$1")") || echo "$1"; }
die() { echo "$BENCH: $*" >&2; exit 1; }

bench_check() {
	for f in "$@"; do
		[ -e "$f" ] || die "$f missing"
	done
	case $boots in ''|*[!0-9]*|0) die "BENCH_BOOTS must be a positive number";; esac
}

bench_workdir() {
	rm -rf "$work"
	mkdir -p "$work" || exit 1
	work=$(cd "$work" && pwd)
}
