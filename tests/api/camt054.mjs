// A camt.054.001.02 notice for the tests of payment runs
// (src/app/payrun.h): one entry per transaction {e2e, cents, returned:
// {code, info} or undefined}, booked on `day`, debits of the organiser's
// account.
const eur = (c) => `${Math.trunc(c / 100)}.${String(c % 100).padStart(2, '0')}`;

export function camt054({ msgId = 'CAMT-1', day, txs }) {
  const entry = (t) => `<Ntry><Amt Ccy="EUR">${eur(t.cents)}</Amt><CdtDbtInd>DBIT</CdtDbtInd>` +
    `<Sts>BOOK</Sts><BookgDt><Dt>${day}</Dt></BookgDt><ValDt><Dt>${day}</Dt></ValDt>` +
    '<BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>ICDT</Cd><SubFmlyCd>DMCT</SubFmlyCd></Fmly></Domn></BkTxCd>' +
    `<NtryDtls><TxDtls><Refs><EndToEndId>${t.e2e}</EndToEndId></Refs>` +
    `<AmtDtls><TxAmt><Amt Ccy="EUR">${eur(t.cents)}</Amt></TxAmt></AmtDtls>` +
    (t.returned ? `<RtrInf><Rsn><Cd>${t.returned.code}</Cd></Rsn><AddtlInf>${t.returned.info}</AddtlInf></RtrInf>` : '') +
    '</TxDtls></NtryDtls></Ntry>';
  return '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.02"><BkToCstmrDbtCdtNtfctn>' +
    `<GrpHdr><MsgId>${msgId}</MsgId><CreDtTm>${day}T12:00:00+02:00</CreDtTm></GrpHdr>` +
    `<Ntfctn><Id>${msgId}-1</Id><CreDtTm>${day}T12:00:00+02:00</CreDtTm>` +
    '<Acct><Id><IBAN>FI9617453000123457</IBAN></Id></Acct>' + txs.map(entry).join('') +
    '</Ntfctn></BkToCstmrDbtCdtNtfctn></Document>\n';
}
