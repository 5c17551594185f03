#!/bin/sh
# backup and restore without a server (tests/api/backup.test.mjs takes one
# under write load): a copy passes check, a backup never overwrites, a
# restore refuses a file that is not a sound database and leaves the
# target as it was.
#   cli_backup.sh BUDJETTI
set -u
bin=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0 n=0

check() {	# check NAME WANT_RC GOT_RC
	n=$((n + 1))
	if [ "$2" != "$3" ]; then echo "FAIL $1: exit $3, want $2"; fail=$((fail + 1)); fi
}

BUD_DEMO_PASSWORD=demo-password-1234 "$bin" demo --db "$tmp/live.db" >/dev/null 2>&1; check demo 0 $?
"$bin" backup --db "$tmp/live.db" "$tmp/copy.db" >/dev/null 2>"$tmp/err"; check backup 0 $?
grep -q "100%" "$tmp/err" || { echo "FAIL backup shows no progress: $(cat "$tmp/err")"; fail=$((fail + 1)); }
[ "$(stat -c %a "$tmp/copy.db")" = 600 ] || { echo "FAIL the copy's mode is not 600"; fail=$((fail + 1)); }
"$bin" check --db "$tmp/copy.db" >/dev/null 2>&1; check "check on the copy" 0 $?
"$bin" backup --db "$tmp/live.db" "$tmp/copy.db" >/dev/null 2>&1; check "backup over a file" 1 $?
"$bin" backup --db "$tmp/none.db" "$tmp/x.db" >/dev/null 2>&1; check "backup of nothing" 1 $?
[ ! -e "$tmp/x.db" ] || { echo "FAIL a failed backup left its file"; fail=$((fail + 1)); }

# a restore into a new path, then over an existing database
"$bin" restore --db "$tmp/new.db" "$tmp/copy.db" >/dev/null 2>&1; check "restore new" 0 $?
"$bin" check --db "$tmp/new.db" >/dev/null 2>&1; check "check restored" 0 $?
"$bin" migrate --db "$tmp/empty.db" >/dev/null 2>&1; check migrate 0 $?
"$bin" restore --db "$tmp/empty.db" "$tmp/copy.db" >/dev/null 2>&1; check "restore over" 0 $?
[ "$("$bin" prices export --db "$tmp/empty.db" | wc -l)" = "$("$bin" prices export --db "$tmp/live.db" | wc -l)" ] \
	|| { echo "FAIL the restored database lacks the demo's prices"; fail=$((fail + 1)); }

# refusals: not a database, a damaged one; the target stays as it was
cp "$tmp/new.db" "$tmp/before.db"
printf 'not a database at all, just some text long enough\n' >"$tmp/junk.db"
"$bin" restore --db "$tmp/new.db" "$tmp/junk.db" >/dev/null 2>&1; check "restore junk" 1 $?
head -c 40960 "$tmp/copy.db" >"$tmp/cut.db"	# the first 10 of its pages
"$bin" restore --db "$tmp/new.db" "$tmp/cut.db" >/dev/null 2>&1; check "restore truncated" 1 $?
# sound as a file, but a use-log row changed: check's invariant fails
cp "$tmp/copy.db" "$tmp/bad.db"
sqlite3 "$tmp/bad.db" "DROP TRIGGER uselog_append_only_u;
	UPDATE uselog SET object = object || 'x' WHERE id = (SELECT min(id) FROM uselog)"
"$bin" restore --db "$tmp/new.db" "$tmp/bad.db" >/dev/null 2>"$tmp/err"; check "restore unchecked" 1 $?
grep -q "chain breaks" "$tmp/err" || { echo "FAIL restore does not say why: $(cat "$tmp/err")"; fail=$((fail + 1)); }
"$bin" restore --db "$tmp/fresh.db" "$tmp/bad.db" >/dev/null 2>&1; check "restore unchecked, new" 1 $?
[ ! -e "$tmp/fresh.db" ] || { echo "FAIL a refused restore left a new file"; fail=$((fail + 1)); }
"$bin" restore --db "$tmp/new.db" "$tmp/missing.db" >/dev/null 2>&1; check "restore missing" 1 $?
cmp -s "$tmp/new.db" "$tmp/before.db" || { echo "FAIL a refused restore changed the database"; fail=$((fail + 1)); }

echo "$((n - fail)) passed, $fail failed"
[ "$fail" -eq 0 ]
