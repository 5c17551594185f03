#!/bin/sh
# CLI tests of the foundation's subcommands: validate (exit codes, canonical
# forms, one-line reasons), migrate, user add and demo.
#   cli_core.sh BUDJETTI
set -u
bin=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0

check() {	# check NAME WANT_RC GOT_RC
	if [ "$2" != "$3" ]; then echo "FAIL $1: exit $3, want $2"; fail=1; fi
}
expect_out() {	# expect_out NAME WANT GOT
	case "$3" in *"$2"*) ;; *) echo "FAIL $1: output '$3' lacks '$2'"; fail=1 ;; esac
}

out=$("$bin" validate hetu 131052-308T 2>&1); check "hetu valid" 0 $?
expect_out "hetu canonical" "131052-308T" "$out"
out=$("$bin" validate hetu 010181-900C 2>&1); check "hetu temporary" 0 $?
expect_out "hetu temporary" "temporary" "$out"
out=$("$bin" validate hetu 131052-308U 2>&1); check "hetu check char" 1 $?
expect_out "hetu reason" "invalid:" "$out"
[ "$(printf '%s\n' "$out" | wc -l)" -eq 1 ] || { echo "FAIL reason is not one line"; fail=1; }
"$bin" validate ytunnus 2077474-0 >/dev/null 2>&1; check "ytunnus valid" 0 $?
"$bin" validate ytunnus 2077474-1 >/dev/null 2>&1; check "ytunnus invalid" 1 $?
out=$("$bin" validate iban "FI21 1234 5600 0007 85" 2>&1); check "iban print form" 0 $?
expect_out "iban canonical" "FI2112345600000785" "$out"
"$bin" validate iban FI2112345600000786 >/dev/null 2>&1; check "iban check" 1 $?
"$bin" validate bic NDEAFIHH >/dev/null 2>&1; check "bic" 0 $?
"$bin" validate viite 1232 >/dev/null 2>&1; check "viite" 0 $?
"$bin" validate rf RF18539007547034 >/dev/null 2>&1; check "rf" 0 $?
"$bin" validate ovt 003721291126 >/dev/null 2>&1; check "ovt" 0 $?
out=$("$bin" validate --create viite 123 2>&1); check "create viite" 0 $?
expect_out "create viite" "1232" "$out"
out=$("$bin" validate --create rf 539007547034 2>&1); check "create rf" 0 $?
expect_out "create rf" "RF18539007547034" "$out"
"$bin" validate nosuchkind 1 >/dev/null 2>&1; check "unknown kind" 2 $?

"$bin" migrate --db "$tmp/db" >/dev/null 2>&1; check "migrate" 0 $?
"$bin" migrate --db "$tmp/db" >/dev/null 2>&1; check "migrate again" 0 $?
out=$(printf 'a long enough password\n' | "$bin" user add --db "$tmp/db" \
	--username anna.admin --role admin --name "Anna Admin" 2>&1); check "user add" 0 $?
out=$(printf 'a long enough password\n' | "$bin" user add --db "$tmp/db" \
	--username anna.admin --role admin --name "Anna Admin" 2>&1); check "user add duplicate" 1 $?
expect_out "duplicate names the field" "username" "$out"
out=$(printf 'short\n' | "$bin" user add --db "$tmp/db" \
	--username bo --role worker --name "Bo" 2>&1); check "user add bad input" 1 $?
out=$(printf 'a long enough password\n' | "$bin" user add --db "$tmp/db" \
	--username kalle --role nosuchrole --name "Kalle" 2>&1); check "user add bad role" 1 $?
expect_out "bad role names the field" "role" "$out"
# the password rules of the API and the pages: spaces only, common, own names
for pw in '            ' 'password1234' '123456789012' 'Kalle.Koski2024'; do
	out=$(printf '%s\n' "$pw" | "$bin" user add --db "$tmp/db" \
		--username kalle.koski --role worker --name "Kalle Koski" 2>&1)
	check "user add weak password '$pw'" 1 $?
	expect_out "weak password names the field" "password" "$out"
done

# user password: the same rules; a new one for an existing user
out=$(printf 'password1234\n' | "$bin" user password --db "$tmp/db" --username anna.admin 2>&1)
check "user password weak" 1 $?
expect_out "weak new password names the field" "password" "$out"
printf 'another long passphrase\n' | "$bin" user password --db "$tmp/db" --username anna.admin >/dev/null 2>&1
check "user password" 0 $?
printf 'another long passphrase\n' | "$bin" user password --db "$tmp/db" --username no.one >/dev/null 2>&1
check "user password unknown user" 1 $?

out=$("$bin" demo --db "$tmp/demo.db" --json 2>&1); check "demo" 0 $?
expect_out "demo json" '"accounts"' "$out"
"$bin" demo --db "$tmp/demo.db" >/dev/null 2>&1; check "demo twice" 1 $?

# user identity: an identity code for e-identification, only for a
# representative or a provider's user, checked
"$bin" user identity --db "$tmp/demo.db" --username kari.makela --hetu 120380-991S >/dev/null 2>&1
check "user identity" 0 $?
out=$("$bin" user identity --db "$tmp/demo.db" --username maria.nieminen --hetu 120380-991S 2>&1)
check "user identity staff" 1 $?
expect_out "identity names the role rule" "representative" "$out"
out=$("$bin" user identity --db "$tmp/demo.db" --username kari.makela --hetu 120380-991X 2>&1)
check "user identity bad code" 1 $?
expect_out "identity names the field" "hetu" "$out"

# check: the demo's case histories (approved plans of three and two lines,
# three committed, one month spent) hold against the ledger; a rogue reserve row that no
# commitment holds, and a rogue revoke, make it fail, naming the line.
out=$("$bin" check --db "$tmp/demo.db" 2>&1); check "check demo" 0 $?
expect_out "check lines" "5 decided plan lines checked; 0 problems" "$out"
# payrun: the demo month's approved run as pain.001, and the bank's notice
out=$("$bin" payrun pain001 --db "$tmp/demo.db" --run 1 2>&1); check "payrun pain001" 0 $?
expect_out "payrun pain001 03" "urn:iso:std:iso:20022:tech:xsd:pain.001.001.03" "$out"
out=$("$bin" payrun pain001 --db "$tmp/demo.db" --run 1 --version 09 2>&1); check "payrun pain001 09" 0 $?
expect_out "payrun pain001 09" "pain.001.001.09" "$out"
"$bin" payrun pain001 --db "$tmp/demo.db" --run 99 >/dev/null 2>&1; check "payrun no run" 1 $?
"$bin" payrun pain001 --db "$tmp/demo.db" >/dev/null 2>&1; check "payrun usage" 2 $?
day=$(date -u +%Y-%m-%d)
cat > "$tmp/camt.xml" <<EOT
<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.02"><BkToCstmrDbtCdtNtfctn>
<GrpHdr><MsgId>CLI-1</MsgId><CreDtTm>${day}T12:00:00+02:00</CreDtTm></GrpHdr>
<Ntfctn><Id>CLI-1-1</Id><CreDtTm>${day}T12:00:00+02:00</CreDtTm><Acct><Id><IBAN>FI9617453000123457</IBAN></Id></Acct>
<Ntry><Amt Ccy="EUR">1450.00</Amt><CdtDbtInd>DBIT</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>${day}</Dt></BookgDt>
<BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>ICDT</Cd><SubFmlyCd>DMCT</SubFmlyCd></Fmly></Domn></BkTxCd>
<NtryDtls><TxDtls><Refs><EndToEndId>BUDJ-RUN-1-1</EndToEndId></Refs>
<AmtDtls><TxAmt><Amt Ccy="EUR">1450.00</Amt></TxAmt></AmtDtls></TxDtls></NtryDtls></Ntry>
</Ntfctn></BkToCstmrDbtCdtNtfctn></Document>
EOT
out=$("$bin" payrun camt054 --db "$tmp/demo.db" --run 1 "$tmp/camt.xml" 2>&1); check "payrun camt054" 0 $?
expect_out "payrun camt054 paid" '"end_to_end_id": "BUDJ-RUN-1-1"' "$out"
out=$(sqlite3 "$tmp/demo.db" "SELECT state FROM payment WHERE run_id = 1")
expect_out "payrun camt054 marks paid" "paid" "$out"
# a spend no approved invoice row made is named with its line
cp "$tmp/demo.db" "$tmp/spend.db"
sqlite3 "$tmp/spend.db" "INSERT INTO ledger (client_id, plan_id, plan_line_id, kind, amount, on_date, created_at) SELECT client_id, plan_id, plan_line_id, 'spend', 5, '2027-01-01', 0 FROM commitment WHERE unit = 'month'"
out=$("$bin" check --db "$tmp/spend.db" 2>&1); check "check rogue spend" 1 $?
expect_out "check names the spend" "approved invoice rows" "$out"
sqlite3 "$tmp/demo.db" "INSERT INTO ledger (client_id, plan_id, plan_line_id, kind, amount, on_date, created_at) SELECT client_id, plan_id, plan_line_id, 'reserve', 5, '2027-01-01', 0 FROM commitment LIMIT 1"
out=$("$bin" check --db "$tmp/demo.db" 2>&1); check "check rogue reserve" 1 $?
expect_out "check names the reserve" "its commitments" "$out"
sqlite3 "$tmp/demo.db" "INSERT INTO ledger (client_id, plan_id, plan_line_id, kind, amount, on_date, created_at) SELECT client_id, id, (SELECT MIN(id) FROM plan_line WHERE plan_id = plan.id), 'revoke', 100, '2027-01-01', 0 FROM plan WHERE state = 'approved'"
out=$("$bin" check --db "$tmp/demo.db" 2>&1); check "check drift" 1 $?
expect_out "check names the line" "problem: plan 1 line 1: net grant" "$out"
"$bin" check >/dev/null 2>&1; check "check usage" 2 $?

[ $fail -eq 0 ] && echo "cli_core: all passed"
exit $fail
