#!/bin/sh
# --help on every subcommand (exit 0, its usage on stdout), --version from
# meson's project version, usage errors still exit 2, and the man page
# names every subcommand.
#   cli_help.sh BUDJETTI MANPAGE VERSION
set -u
bin=$1 man=$2 version=$3
fail=0 n=0

check() {	# check NAME WANT_RC GOT_RC
	n=$((n + 1))
	if [ "$2" != "$3" ]; then echo "FAIL $1: exit $3, want $2"; fail=$((fail + 1)); fi
}

cmds=$("$bin" help | sed -n 's/^  budjetti \([a-z0-9]*\).*/\1/p')
[ "$(echo "$cmds" | wc -l)" -ge 15 ] || { echo "FAIL help lists too few commands: $cmds"; fail=$((fail + 1)); }
for c in $cmds; do
	out=$("$bin" "$c" --help 2>/dev/null); check "$c --help" 0 $?
	case "$out" in "usage: budjetti $c"*) ;; *) echo "FAIL $c --help: '$out'"; fail=$((fail + 1)) ;; esac
	"$bin" "$c" -h >/dev/null 2>&1; check "$c -h" 0 $?
	"$bin" help "$c" >/dev/null 2>&1; check "help $c" 0 $?
	grep -q "^\.SS .*\b$c\b" "$man" || { echo "FAIL the man page has no section for $c"; fail=$((fail + 1)); }
done
# --help wins wherever it stands, before the command parses anything
"$bin" serve --db /nonexistent/x --help >/dev/null 2>&1; check "serve ... --help" 0 $?
"$bin" user add --help >/dev/null 2>&1; check "user add --help" 0 $?

out=$("$bin" --version); check "--version" 0 $?
[ "$out" = "budjetti $version" ] || { echo "FAIL --version: '$out', want 'budjetti $version'"; fail=$((fail + 1)); }
out=$("$bin" version); check "version" 0 $?
"$bin" --help >/dev/null 2>&1; check "--help" 0 $?

# usage errors are unchanged: exit 2
"$bin" >/dev/null 2>&1; check "no command" 2 $?
"$bin" nosuch >/dev/null 2>&1; check "unknown command" 2 $?
"$bin" nosuch --help >/dev/null 2>&1; check "unknown command --help" 2 $?
"$bin" check >/dev/null 2>&1; check "check without --db" 2 $?
"$bin" serve --port 80 >/dev/null 2>&1; check "serve without --db" 2 $?
"$bin" backup --db x >/dev/null 2>&1; check "backup without FILE" 2 $?
"$bin" restore x y >/dev/null 2>&1; check "restore without --db" 2 $?
"$bin" migrate --bogus >/dev/null 2>&1; check "migrate --bogus" 2 $?

echo "$((n - fail)) passed, $fail failed"
[ "$fail" -eq 0 ]
