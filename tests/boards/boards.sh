#!/bin/sh
# Checks of the board packs (suite `boards`):
#   - each board pack holds its board's entries and nothing else, the
#     production pack none of them, the product pack all of them and every
#     production entry;
#   - each board entry's rules, as `mkearlymod list` prints them, are the
#     rows of the driver's DMI table read from the driver's source here
#     (an independent reading: the build takes them from the object);
#   - the board packs verify against vmlinux and are sealed;
#   - mkearlymod refuses damaged board objects (an unknown DMI field, a
#     table without its end, a string too long, no such table) with the
#     file, section and offset, and writes no pack.
# Usage: boards.sh MKEARLYMOD VMLINUX PACK PRODUCT SRCDIR BOARD=IMG:ENTRY...
set -u
mk=$1 vmlinux=$2 pack=$3 product=$4 src=$5
shift 5
tmp=${TMPDIR:-/tmp}/boards-suite.$$
mkdir -p "$tmp"
trap 'rm -rf "$tmp"' EXIT

ok() { echo "ok $*"; }
notok() { echo "not ok $*"; }

# entry names of a pack, one per line, sorted
entries() { "$mk" list "$1" | awk '/^[0-9]+ / {print $2}' | sort; }

# The rules of a driver's DMI table TABLE in FILE, in `list` form:
# dmi(field~"s" & field=="s"); ...   (DMI_MATCH: ~, DMI_EXACT_MATCH: ==)
source_rules() {
	awk -v table="$2" '
	$0 ~ "struct dmi_system_id " table "\\[\\]" { on = 1; next }
	on && /^};/ { on = 0 }
	!on { next }
	/\.matches/ { if (row != "") rows = rows (rows != "" ? "; " : "") "dmi(" row ")"; row = "" }
	/DMI_(EXACT_)?MATCH\(/ {
		line = $0
		op = (line ~ /DMI_EXACT_MATCH/) ? "==" : "~"
		sub(/.*MATCH\(DMI_/, "", line)
		field = line; sub(/,.*/, "", field)
		field = tolower(field); gsub(/_/, "-", field)
		str = line; sub(/^[^"]*"/, "", str); sub(/".*/, "", str)
		row = row (row != "" ? " & " : "") field op "\"" str "\""
	}
	END { if (row != "") rows = rows (rows != "" ? "; " : "") "dmi(" row ")"; print rows }
	' "$1"
}

entries "$pack" > "$tmp/production"
entries "$product" > "$tmp/product"
: > "$tmp/all-boards"
for spec in "$@"; do
	board=${spec%%=*} rest=${spec#*=}
	img=${rest%%:*} ents=$(echo "${rest#*:}" | tr ' ' '\n' | sort)
	echo "$ents" >> "$tmp/all-boards"
	got=$(entries "$img")
	[ "$got" = "$ents" ] && ok "board $board: its pack holds $(echo $ents)" ||
		notok "board $board: pack holds '$(echo $got)', want '$(echo $ents)'"
	for e in $ents; do
		grep -qx "$e" "$tmp/production" && notok "production pack carries board entry $e" ||
			ok "production pack carries no board entry $e"
		grep -qx "$e" "$tmp/product" && ok "product pack carries $e" ||
			notok "product pack lacks $e"
	done
	if "$mk" verify --vmlinux "$vmlinux" "$img" > "$tmp/verify" 2>&1; then
		grep -q ', sealed' "$tmp/verify" && ok "board $board: pack verifies, sealed" ||
			notok "board $board: pack verifies but is not sealed: $(grep -m1 'not sealed' "$tmp/verify")"
	else
		notok "board $board: mkearlymod verify: $(tail -1 "$tmp/verify")"
	fi
done
sort -o "$tmp/all-boards" "$tmp/all-boards"
missing=$(comm -23 "$tmp/production" "$tmp/product" | tr '\n' ' ')
[ -z "$missing" ] && ok "product pack carries every production entry" ||
	notok "product pack lacks production entries: $missing"

# the rules against the driver's source: entry, source file, table name
"$mk" list "$product" > "$tmp/list"
for t in "pcengines-apuv2 drivers/platform/x86/pcengines-apuv2.c apu_gpio_dmi_table" \
	 "meraki-mx100 drivers/platform/x86/meraki-mx100.c tink_systems" \
	 "barco-p50-gpio drivers/platform/x86/barco-p50-gpio.c dmi_ids"; do
	set -- $t
	want=$(source_rules "$src/$2" "$3")
	got=$(awk -v e="$1" '$1 == e && NF > 1 && $2 ~ /^dmi/ { sub(/^[^ ]+ +/, ""); print; exit }' "$tmp/list")
	if [ -n "$want" ] && [ "$got" = "$want" ]; then
		n=$(echo "$want" | grep -o 'dmi(' | wc -l)
		ok "$1: rules are the $n row(s) of $3 in $2"
	else
		notok "$1: rules differ from $3 in $2"
		echo "#   list:   $got"
		echo "#   source: $want"
	fi
done
"$mk" list --json "$product" > "$tmp/json" 2>&1
grep -q '"field":"sys-vendor","compare":"exact","set":1,"str":"Cisco"' "$tmp/json" &&
	ok "list --json gives each DMI rule's field, comparison and set" ||
	notok "list --json lacks the MX100 row's fields"

# --- damaged board objects ---------------------------------------------------
eko=$(find "$(dirname "$vmlinux")" -name pcengines-apuv2.eko | head -1)
if [ -z "$eko" ]; then
	notok "pcengines-apuv2.eko not found"
	exit 0
fi
# file offset of apu_gpio_dmi_table: section offset + symbol value
sym=$(readelf -sW "$eko" | awk '$8 == "apu_gpio_dmi_table" {print $2, $3, $7; exit}')
set -- $sym
value=$((0x$1)) size=$2 ndx=$3
secoff=$(readelf -SW "$eko" | sed 's/^ *\[ */[/' |
	awk -v n="[$ndx]" '$1 == n {print $5; exit}')
secname=$(readelf -SW "$eko" | sed 's/^ *\[ */[/' |
	awk -v n="[$ndx]" '$1 == n {print $2; exit}')
base=$((0x$secoff + value))
rowsz=344 matches=16

poke() {	# file offset bytes(printf format)
	printf "$3" | dd of="$1" bs=1 seek="$2" conv=notrunc status=none
}

refused() {	# name eko why-regex: create must fail, naming file and why
	out=$tmp/$1.img
	rm -f "$out"
	if "$mk" create --cpio -o "$out" --vmlinux "$vmlinux" "$2" > "$tmp/$1.err" 2>&1; then
		notok "damaged board object $1: mkearlymod create accepted it"
	elif [ -e "$out" ]; then
		notok "damaged board object $1: refused, but $out was left behind"
	elif grep -Eq "^mkearlymod: .*$2: .*$3" "$tmp/$1.err" ||
	     grep -Eq "$2: .*$3" "$tmp/$1.err"; then
		ok "damaged board object $1: refused ($(grep -Em1 "$3" "$tmp/$1.err" | sed "s|$tmp/||"))"
	else
		notok "damaged board object $1: message does not say why: $(head -2 "$tmp/$1.err" | tr '\n' ' ')"
	fi
}

# row 0, match 0 tests DMI_OEM_STRING (24), which no rule field stands for
cp "$eko" "$tmp/field.eko"
poke "$tmp/field.eko" $((base + matches)) '\030'
off=$(printf '0x%x' $((value + matches)))
refused field "$tmp/field.eko" "$secname\\+$off: DMI table 'apu_gpio_dmi_table' row 0: DMI field 24"

# the terminating row made a row: the table runs to its end
cp "$eko" "$tmp/end.eko"
poke "$tmp/end.eko" $((base + size - rowsz + matches)) '\006'
refused end "$tmp/end.eko" "DMI table 'apu_gpio_dmi_table' has no terminating row"

# a 70-character string where a rule holds 63
cp "$eko" "$tmp/long.eko"
poke "$tmp/long.eko" $((base + matches + 1)) "$(printf '%070d' 0)"
refused long "$tmp/long.eko" "row 0: string longer than a rule holds"

# the table renamed: the entry's rule names nothing
objcopy --redefine-sym apu_gpio_dmi_table=apu_renamed "$eko" "$tmp/renamed.eko"
refused renamed "$tmp/renamed.eko" "DMI table 'apu_gpio_dmi_table' is not a data object of the entry"
