# shellcheck shell=sh
# Helpers for reading an initrd's archives by offset; sourced by the suites
# initramfs-tools and debian-system.

# holds FILE OFFSET PART: FILE has PART's bytes at OFFSET
holds() { tail -c +$(($2 + 1)) "$1" | head -c "$(wc -c < "$3")" | cmp -s - "$3"; }
# magic FILE OFFSET: the 4 bytes at OFFSET in hex
magic() { od -An -tx1 -j "$2" -N 4 "$1" | tr -d ' \n'; }
# the first 4 bytes of a zstd frame, as magic prints them
ZSTD=28b52ffd
