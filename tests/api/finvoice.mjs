// A Finvoice 3.0 document for the tests of invoices (src/app/invoice.h):
// seller's Y-tunnus, invoice number and rows {commitment, day (YYYY-MM-DD),
// qty (whole units or a decimal), price (cents)}; amounts are computed so
// the document checks (VAT 0, as for social services).
const money = (c) => `${Math.trunc(c / 100)},${String(Math.abs(c % 100)).padStart(2, '0')}`;
const compact = (d) => d.replaceAll('-', '');

export function finvoice({ seller, buyer = '9231457-5', number, date = '2026-01-01', rows }) {
  const amounts = rows.map((r) => Math.round(Number(r.qty) * r.price));
  const total = money(amounts.reduce((a, b) => a + b, 0));
  const party = (who, id, name) => `<${who}PartyDetails><${who}PartyIdentifier>${id}</${who}PartyIdentifier>` +
    `<${who}OrganisationName>${name}</${who}OrganisationName><${who}PostalAddressDetails>` +
    `<${who}StreetName>Katu 1</${who}StreetName><${who}TownName>Porvoo</${who}TownName>` +
    `<${who}PostCodeIdentifier>06100</${who}PostCodeIdentifier><CountryCode>FI</CountryCode>` +
    `</${who}PostalAddressDetails></${who}PartyDetails>`;
  const eur = (tag, v) => `<${tag} AmountCurrencyIdentifier="EUR">${v}</${tag}>`;
  const row = (r, i) => `<InvoiceRow><ArticleIdentifier>${r.commitment}</ArticleIdentifier>` +
    `<ArticleName>Palvelu</ArticleName><InvoicedQuantity QuantityUnitCode="kpl">` +
    `${String(r.qty).replace('.', ',')}</InvoicedQuantity>${eur('UnitPriceAmount', money(r.price))}` +
    `<RowDeliveryDate Format="CCYYMMDD">${compact(r.day)}</RowDeliveryDate>` +
    `<RowVatRatePercent>0</RowVatRatePercent>${eur('RowVatAmount', '0,00')}` +
    `${eur('RowVatExcludedAmount', money(amounts[i]))}${eur('RowAmount', money(amounts[i]))}</InvoiceRow>`;
  return '<?xml version="1.0" encoding="UTF-8"?>\n<Finvoice Version="3.0">' +
    party('Seller', seller, 'Palvelu Oy') + party('Buyer', buyer, 'Hyvinvointialue') +
    '<InvoiceDetails><InvoiceTypeCode>INV01</InvoiceTypeCode><InvoiceTypeText>LASKU</InvoiceTypeText>' +
    `<OriginCode>Original</OriginCode><InvoiceNumber>${number}</InvoiceNumber>` +
    `<InvoiceDate Format="CCYYMMDD">${compact(date)}</InvoiceDate>` +
    eur('InvoiceTotalVatExcludedAmount', total) + eur('InvoiceTotalVatAmount', '0,00') +
    eur('InvoiceTotalVatIncludedAmount', total) +
    `<PaymentTermsDetails><InvoiceDueDate Format="CCYYMMDD">${compact(date)}</InvoiceDueDate>` +
    '</PaymentTermsDetails></InvoiceDetails>' + rows.map(row).join('') +
    '<EpiDetails><EpiIdentificationDetails><EpiDate Format="CCYYMMDD">' + compact(date) +
    '</EpiDate><EpiReference>0</EpiReference></EpiIdentificationDetails><EpiPartyDetails>' +
    '<EpiBfiPartyDetails><EpiBfiIdentifier IdentificationSchemeName="BIC">OKOYFIHH</EpiBfiIdentifier>' +
    '</EpiBfiPartyDetails><EpiBeneficiaryPartyDetails><EpiNameAddressDetails>Palvelu Oy' +
    '</EpiNameAddressDetails><EpiAccountID IdentificationSchemeName="IBAN">FI9657413000098761' +
    '</EpiAccountID></EpiBeneficiaryPartyDetails></EpiPartyDetails><EpiPaymentInstructionDetails>' +
    '<EpiRemittanceInfoIdentifier IdentificationSchemeName="SPY">10016</EpiRemittanceInfoIdentifier>' +
    eur('EpiInstructedAmount', total) + '<EpiCharge ChargeOption="SLEV">SLEV</EpiCharge>' +
    `<EpiDateOptionDate Format="CCYYMMDD">${compact(date)}</EpiDateOptionDate>` +
    '</EpiPaymentInstructionDetails></EpiDetails></Finvoice>\n';
}
