#!/bin/sh
# CLI tests of `budjetti prices export` and `budjetti prices import` on the
# demo database: the export's form, the round trip adding nothing, a new
# version, a refused file naming its line and writing nothing, usage errors.
#   cli_prices.sh BUDJETTI
set -u
bin=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
db="$tmp/demo.db"
header='service;unit;unit_price;instrument;valid_from;valid_to'

check() {	# check NAME WANT_RC GOT_RC
	if [ "$2" != "$3" ]; then echo "FAIL $1: exit $3, want $2"; fail=1; fi
}
expect_out() {	# expect_out NAME WANT GOT
	case "$3" in *"$2"*) ;; *) echo "FAIL $1: output '$3' lacks '$2'"; fail=1 ;; esac
}

BUD_DEMO_PASSWORD='cli-testi-Salasana-42' "$bin" demo --db "$db" >/dev/null 2>&1
check "demo" 0 $?

"$bin" prices export --db "$db" --date 2026-06-01 >"$tmp/export.csv" 2>"$tmp/err"
check "export" 0 $?
head -c 3 "$tmp/export.csv" | od -An -tx1 | grep -q 'ef bb bf' || { echo "FAIL export has no BOM"; fail=1; }
expect_out "export header" "$header" "$(head -n 1 "$tmp/export.csv")"
[ "$(wc -l <"$tmp/export.csv")" -eq 11 ] || { echo "FAIL export: want a header and 10 rows"; fail=1; }
expect_out "export crlf" "$(printf '\r')" "$(head -n 1 "$tmp/export.csv")"
expect_out "export row" "personal_assistance;hour;" "$(cat "$tmp/export.csv")"

# importing the export again adds nothing
out=$("$bin" prices import --db "$db" "$tmp/export.csv" 2>&1); check "round trip" 0 $?
expect_out "round trip" "added 0, skipped 10" "$out"

# a new version from 2026-07-01
printf '%s\r\ntransport;trip;41,50;purchase;2026-07-01;\r\n' "$header" >"$tmp/new.csv"
out=$("$bin" prices import --db "$db" "$tmp/new.csv" 2>&1); check "import new" 0 $?
expect_out "import new" "added 1, skipped 0" "$out"
out=$("$bin" prices export --db "$db" --date 2026-07-01 2>&1); check "export after" 0 $?
expect_out "new price in force" "transport;trip;41,50;purchase;2026-07-01;" "$out"
out=$("$bin" prices export --db "$db" --date 2026-06-30 2>&1)
case "$out" in *"41,50"*) echo "FAIL the new price shows before its day"; fail=1 ;; esac
# from stdin
out=$(printf '%s\ntransport;trip;41.50;purchase;2026-07-01;\n' "$header" |
	"$bin" prices import --db "$db" - 2>&1); check "import stdin" 0 $?
expect_out "import stdin skips" "added 0, skipped 1" "$out"

# a bad line 3 refuses the whole file
printf '%s\nday_activities;day;99,00;voucher;2026-08-01;\nhome_care;hour;abc;commitment;2026-08-01;\n' \
	"$header" >"$tmp/bad.csv"
"$bin" prices export --db "$db" --date 2026-08-01 >"$tmp/before.csv" 2>/dev/null
out=$("$bin" prices import --db "$db" "$tmp/bad.csv" 2>&1); check "bad line" 1 $?
expect_out "bad line names the line" "line 3, column 3 (unit_price)" "$out"
"$bin" prices export --db "$db" --date 2026-08-01 >"$tmp/after.csv" 2>/dev/null
cmp -s "$tmp/before.csv" "$tmp/after.csv" || { echo "FAIL a refused import wrote"; fail=1; }

out=$("$bin" prices export --db "$db" --date 2026-02-30 2>&1); check "bad date" 1 $?
expect_out "bad date names the field" "date" "$out"
"$bin" prices import --db "$db" "$tmp/nosuchfile" >/dev/null 2>&1; check "missing file" 1 $?
"$bin" prices import --db "$db" >/dev/null 2>&1; check "import no file" 2 $?
"$bin" prices export >/dev/null 2>&1; check "export no db" 2 $?
"$bin" prices frobnicate --db "$db" >/dev/null 2>&1; check "unknown subcommand" 2 $?

[ $fail -eq 0 ] && echo "cli_prices: all passed"
exit $fail
