#!/bin/sh
# tests/unit/formats/cli_formats.sh: the formats subcommands of the built
# budjetti binary, by exit code and output:
#   finvoice check/show, camt054 check/show, pain001 write.
# Usage: cli_formats.sh BUDJETTI TESTDATA_DIR
set -u
bin=$1
data=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0

# expect CODE NAME COMMAND...: run COMMAND, stdout+stderr to $tmp/out
expect() {
	code=$1 name=$2
	shift 2
	"$@" >"$tmp/out" 2>&1
	got=$?
	if [ "$got" -ne "$code" ]; then
		echo "FAIL $name: exit $got, expected $code"
		sed 's/^/  | /' "$tmp/out" | head -20
		fails=$((fails + 1))
	fi
}

# contains NAME TEXT: $tmp/out has TEXT
contains() {
	if ! grep -qF -- "$2" "$tmp/out"; then
		echo "FAIL $1: output lacks '$2'"
		sed 's/^/  | /' "$tmp/out" | head -20
		fails=$((fails + 1))
	fi
}

fv=$data/finvoice
iso=$data/iso20022

expect 0 "finvoice check good" "$bin" finvoice check "$fv/invopop-gobl-invoice-out.xml"
contains "finvoice check good" ": ok"
expect 1 "finvoice check placeholders" "$bin" finvoice check "$fv/anon_finvoice_30_invoice_with_SOAP.xml"
contains "finvoice check placeholders" "/Finvoice/SellerPartyDetails/SellerPartyIdentifier"
contains "finvoice check placeholders" "[err.finvoice.ytunnus]"
printf 'this is not XML' >"$tmp/bad.xml"
expect 1 "finvoice check not xml" "$bin" finvoice check "$tmp/bad.xml"
contains "finvoice check not xml" "[err.xml.syntax]"
printf '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><Finvoice>&e;</Finvoice>' >"$tmp/xxe.xml"
expect 1 "finvoice check xxe" "$bin" finvoice check "$tmp/xxe.xml"
contains "finvoice check xxe" "[err.xml.dtd]"
if grep -q "root:" "$tmp/out"; then
	echo "FAIL finvoice check xxe: file content leaked"
	fails=$((fails + 1))
fi
expect 2 "finvoice check missing file" "$bin" finvoice check "$tmp/no-such-file.xml"
expect 2 "finvoice usage" "$bin" finvoice frobnicate
expect 0 "finvoice show" "$bin" finvoice show "$fv/invopop-gobl-invoice-out.xml" --json
contains "finvoice show" '"total_incl_cents": 108836'
contains "finvoice show" '"reference_canonical": "RF18539007547034"'
contains "finvoice show" '"name": "Myyjä Oy"'
expect 0 "finvoice show with problems" "$bin" finvoice show "$fv/anon_finvoice_30_invoice_with_SOAP.xml" --json
contains "finvoice show with problems" '"frame_message_id": "20130134/1"'
contains "finvoice show with problems" '"ok": false'
expect 1 "finvoice show not xml" "$bin" finvoice show "$tmp/bad.xml" --json
contains "finvoice show not xml" '"invoice": null'

expect 0 "camt054 check" "$bin" camt054 check "$iso/camt.054.001.02-FFFS-FI-sample.xml"
contains "camt054 check" "13 transactions"
expect 1 "camt054 check camt053" "$bin" camt054 check "$iso/camt.053.001.02-FFFS-FI-sample.xml"
contains "camt054 check camt053" "[err.camt.root]"
expect 0 "camt054 show" "$bin" camt054 show "$iso/camt.054.001.02-FFFS-FI-sample.xml" --json
contains "camt054 show" '"end_to_end_id": "EndToEndIdAT-41-001"'
contains "camt054 show" '"return_code": "AC01"'
contains "camt054 show" '"status": "returned"'

expect 0 "pain001 write" "$bin" pain001 write "$iso/pain001-run.json" --out "$tmp/p03.xml"
expect 0 "pain001 write 03 read" cat "$tmp/p03.xml"
contains "pain001 write 03 read" "<EndToEndId>RUN-CLI-1-1</EndToEndId>"
contains "pain001 write 03 read" "<CtrlSum>1122.00</CtrlSum>"
contains "pain001 write 03 read" "<CdtNoteAmt Ccy=\"EUR\">8.36</CdtNoteAmt>"
contains "pain001 write 03 read" "<Nm>Hoiva Akerlund + Soner Oy</Nm>"
expect 0 "pain001 write 09 json" "$bin" pain001 write "$iso/pain001-run.json" --version 09 --json
contains "pain001 write 09 json" '"end_to_end_id": "RUN-CLI-1-2"'
contains "pain001 write 09 json" '"total_cents": 112200'
contains "pain001 write 09 json" 'pain.001.001.09'
if command -v xmllint >/dev/null 2>&1; then
	expect 0 "pain001 03 valid" xmllint --noout --nonet --schema "$iso/pain.001.001.03.xsd" "$tmp/p03.xml"
	"$bin" pain001 write "$iso/pain001-run.json" --version 09 >"$tmp/p09.xml"
	expect 0 "pain001 09 valid" xmllint --noout --nonet --schema "$iso/pain.001.001.09.xsd" "$tmp/p09.xml"
fi
expect 1 "pain001 bad run" "$bin" pain001 write "$iso/pain001-run-bad.json"
contains "pain001 bad run" "run_id:"
contains "pain001 bad run" "[err.pain.iban]"
contains "pain001 bad run" "[err.pain.reference]"
contains "pain001 bad run" "invoices[1].amount"
printf '{"run_id": ' >"$tmp/trunc.json"
expect 1 "pain001 not json" "$bin" pain001 write "$tmp/trunc.json"
expect 2 "pain001 usage" "$bin" pain001 write

if [ "$fails" -ne 0 ]; then
	echo "$fails failed"
	exit 1
fi
echo "all passed"
