#!/bin/sh
# The systemd unit (packaging/budjetti.service): the hardening the issue
# asks for is there, and `systemd-analyze verify` accepts it without a
# warning (skipped, exit 77, when systemd-analyze is not installed, except
# under BUD_REQUIRE_TOOLS, which scripts/test sets for CI: a failure). The
# nginx example proxies to 127.0.0.1 over TLS and keeps /metrics inside.
#   cli_packaging.sh BUDJETTI UNIT NGINX_CONF
set -u
bin=$1 unit=$2 nginx=$3
case "$bin" in /*) ;; *) bin=$PWD/$bin ;; esac
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0 n=0

has() {	# has FILE LINE: an exact line
	n=$((n + 1))
	grep -qx -- "$2" "$1" || { echo "FAIL $(basename "$1") lacks '$2'"; fail=$((fail + 1)); }
}

for l in 'User=budjetti' 'UMask=0077' 'ProtectSystem=strict' 'ReadWritePaths=/var/lib/budjetti' \
	'NoNewPrivileges=yes' 'PrivateTmp=yes' 'ProtectHome=yes' 'CapabilityBoundingSet=' \
	'SystemCallFilter=@system-service' 'Restart=on-failure' \
	'ExecStart=/usr/bin/budjetti serve --config /etc/budjetti/budjetti.ini'; do
	has "$unit" "$l"
done
has "$nginx" '		proxy_pass http://budjetti;'
has "$nginx" '	server 127.0.0.1:8080;'
has "$nginx" '	listen 443 ssl http2;'
has "$nginx" '		proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;'
has "$nginx" '	location = /metrics {'

if command -v systemd-analyze >/dev/null 2>&1; then
	# verify needs the executable to exist: the one just built stands in
	sed "s|/usr/bin/budjetti|$bin|" "$unit" >"$tmp/budjetti.service"
	n=$((n + 1))
	if ! systemd-analyze verify --man=no "$tmp/budjetti.service" >"$tmp/out" 2>&1 || [ -s "$tmp/out" ]; then
		echo "FAIL systemd-analyze verify:"; cat "$tmp/out"; fail=$((fail + 1))
	fi
	echo "$((n - fail)) passed, $fail failed"
	[ "$fail" -eq 0 ]
	exit
fi
echo "$((n - fail)) passed, $fail failed"
if [ -n "${BUD_REQUIRE_TOOLS:-}" ]; then
	echo "FAIL systemd-analyze is required here (BUD_REQUIRE_TOOLS) but not installed"
	exit 1
fi
echo "skip: systemd-analyze is not installed; the unit was not verified"
[ "$fail" -eq 0 ] && exit 77
exit 1
