// Browser test of a month of issue 11's slice on the pages, in Swedish
// (tests/browser/events.test.mjs and invoices.test.mjs walk the same pages
// in Finnish): the provider's, the client's and the finance users'. On
// the demo, with Matti Korhonen's personal assistance moved to begin at
// the first of last month (the sqlite3 shell):
//  - Kari Mäkelä of Apuviisas sends a CSV of services with a bad line (the
//    report names the line), and Finvoice FILES on the invoice page
//    (multipart/form-data with the CSRF token as a field): a broken one,
//    its problems listed at the file input, then last month's trips;
//  - Matti confirms a service and reads his plan's budget per line;
//  - Pekka Salonen of finance approves the invoice with his password and
//    makes a payment run; Tuula Talous approves it; Pekka imports the
//    bank's camt.054 (a broken one first) on the run's page;
//  - Kari reads the remittance advice: the trips paid in that run.
// Every page axe clean (those the Finnish tests check in Swedish already,
// the run approved and the remittance advice, are not checked again).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { useService, submit, assertAxeClean, h1Text, switchLanguage, PASSWORD } from './lib.mjs';
import { finvoice } from '../api/finvoice.mjs';
import { camt054 } from '../api/camt054.mjs';

const APU_YTUNNUS = '9304816-8';
let month, apu, trips, pa, invoicePath, runPath;

function sql(db, statement) {
  const r = spawnSync('sqlite3', ['-cmd', '.timeout 5000', db, statement], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.trim();
}

const env = useService((e) => {
  const q = (s) => sql(e.srv.db, s);
  month = q("SELECT strftime('%Y-%m', 'now', 'localtime', 'start of month', '-1 month')");
  pa = Number(q("SELECT id FROM commitment WHERE client_id = 1 AND state = 'active'"));
  q(`UPDATE commitment SET valid_from = '${month}-01' WHERE id = ${pa}`);
  apu = Number(q("SELECT id FROM provider WHERE name = 'Apuviisas Oy'"));
  trips = Number(q("SELECT id FROM commitment WHERE unit = 'trip'"));
}, { cases: true });
const text = async (page, sel) => (await page.locator(sel).innerText()).replace(/\s+/g, ' ');
const day = (d) => `${month}-${String(d).padStart(2, '0')}`;

async function inSwedish(username) {
  const s = await env.signedIn(username);
  await switchLanguage(s.page, 'sv');
  return s;
}

test('the provider: a CSV with a bad line, and Finvoice files uploaded', async () => {
  const { ctx, page } = await inSwedish('kari.makela');
  await env.visit(page, `/providers/${apu}/events`);
  assert.match(await h1Text(page), /Givna tjänster/);
  await page.fill('#ev-csv', 'sitoumus;pvm;maara;lisatieto;tunniste\n' +
    `${pa};${day(3)};2;Ärende;SV-1\n${pa};${day(4)};två;;SV-2\n${pa};${day(5)};1,5;;SV-3\n`);
  await submit(page, '#ev-csv-submit');
  assert.match(await text(page, '#ev-report-h'), /Filens resultat/);
  assert.match(await text(page, '#ev-report-written'), /2$/);
  assert.deepEqual(await page.locator('#ev-report-lines tbody th').allInnerTexts(), ['3']);
  await assertAxeClean(page, 'CSV report (sv)');

  await submit(page, 'nav a[href="/invoices"]');
  assert.match(await h1Text(page), /Fakturor/);
  await assertAxeClean(page, 'provider invoices (sv)');
  // a file that is no Finvoice: refused, its problems listed, the error at the file input
  await page.setInputFiles('#inv-file', { name: 'lasku.xml', mimeType: 'application/xml',
    buffer: Buffer.from('<Finvoice Version="3.0"><SellerPartyDetails/></Finvoice>') });
  await submit(page, '#inv-send-submit', 422);
  assert.equal(await page.locator('.error-summary a[href="#inv-file"]').count(), 1);
  assert.equal(await page.getAttribute('#inv-file', 'aria-invalid'), 'true');
  assert.ok(await page.locator('#inv-problems li').count() >= 1);
  assert.match(await text(page, '#inv-problems-h'), /Fel i fakturan/);
  await assertAxeClean(page, 'Finvoice file problems (sv)');
  // last month's trips, as the file a billing system writes (ISO-8859-15
  // as it is: the bytes are not touched)
  const xml = finvoice({ seller: APU_YTUNNUS, number: 'SV-FIL-1', date: day(28), rows: [
    { commitment: trips, day: day(10), qty: 2, price: 3500 },
    { commitment: trips, day: day(11), qty: 1, price: 3500 }] })
    .replace('encoding="UTF-8"', 'encoding="ISO-8859-15"').replace('Palvelu Oy<', 'Palvelu Öy<');
  await page.setInputFiles('#inv-file', { name: 'lasku.xml', mimeType: 'application/xml',
    buffer: Buffer.from(xml, 'latin1') });
  await submit(page, '#inv-send-submit');
  invoicePath = new URL(page.url()).pathname;
  assert.match(invoicePath, /^\/invoices\/\d+$/);
  assert.match(await h1Text(page), /Faktura SV-FIL-1/);
  assert.match(await text(page, '#inv-notice'), /tagits emot/);
  assert.match(await text(page, '#inv-claimed'), /105,00/);
  await assertAxeClean(page, 'invoice from a file (sv)');
  await ctx.close();
});

test('a multipart send without the CSRF token writes nothing', async () => {
  const { ctx, page } = await env.signedIn('kari.makela');
  const count = () => sql(env.srv.db, 'SELECT count(*) FROM invoice');
  const before = count();
  const res = await page.request.post(`${env.srv.url}providers/${apu}/invoices`, {
    multipart: { file: { name: 'x.xml', mimeType: 'application/xml', buffer: Buffer.from('<x/>') } },
    maxRedirects: 0 });
  assert.equal(res.status(), 403);
  assert.equal(count(), before);
  await ctx.close();
});

test('the client confirms a service and reads the plan\'s budget per line', async () => {
  const { ctx, page } = await inSwedish('matti.korhonen');
  await submit(page, '#dash-own-events');
  assert.match(await h1Text(page), /Tjänster du har fått/);
  const confirm = page.locator('#ev-list button[id^="ev-confirm-"]').first();
  const id = (await confirm.getAttribute('id')).replace('ev-confirm-', '');
  await submit(page, `#ev-confirm-${id}`);
  assert.match(await text(page, '#ev-notice'), /Tjänsten är godkänd/);
  await assertAxeClean(page, 'client events, confirmed (sv)');
  const plans = await (await page.request.get(`${env.srv.url}api/clients/1/plans`)).json();
  await env.visit(page, `/plans/${plans.items[0].id}`);
  assert.match(await text(page, '#plan-budget'), /Beviljat.*Använt.*Kvar/);
  await assertAxeClean(page, 'plan budget, client (sv)');
  await ctx.close();
});

test('finance: approval, a payment run by two, the bank\'s notice; the provider\'s remittance', async () => {
  const fin = await inSwedish('pekka.salonen');
  await submit(fin.page, 'nav a[href="/invoices"]');
  assert.match(await h1Text(fin.page), /Fakturor/);
  await env.visit(fin.page, invoicePath);
  await fin.page.fill('#approve-password', PASSWORD);
  await submit(fin.page, '#inv-approve-submit');
  assert.match(await text(fin.page, '#inv-state'), /Godkänd/);
  assert.match(await text(fin.page, '#inv-approved'), /105,00/);

  await submit(fin.page, 'nav a[href="/payment-runs"]');
  assert.match(await h1Text(fin.page), /Betalningskörningar/);
  await assertAxeClean(fin.page, 'payment runs (sv)');
  await submit(fin.page, '#run-create');
  runPath = new URL(fin.page.url()).pathname;
  assert.match(await text(fin.page, '#run-state'), /Väntar på godkännande/);
  assert.equal(await fin.page.locator('#approve-form').count(), 0, 'the maker cannot approve');

  const other = await inSwedish('tuula.talous');
  await env.visit(other.page, runPath);
  await other.page.fill('#run-password', PASSWORD);
  await submit(other.page, '#run-approve-submit');
  assert.match(await text(other.page, '#run-notice'), /godkänts/);
  await other.ctx.close();

  // the bank's notice, pasted on the run's page: a broken one, then the real one
  await env.visit(fin.page, runPath);
  await fin.page.fill('#run-camt', '<Document><BkToCstmrDbtCdtNtfctn/></Document>');
  await submit(fin.page, '#run-camt-submit', 422);
  assert.equal(await fin.page.locator('.error-summary a[href="#run-camt"]').count(), 1);
  await assertAxeClean(fin.page, 'camt.054 refused (sv)');
  const run = await (await fin.page.request.get(`${env.srv.url}api${runPath}`)).json();
  assert.equal(run.payments.length, 1);
  const [p] = run.payments;
  const notice = camt054({ msgId: 'SV-AVI-1', day: new Date().toISOString().slice(0, 10),
    txs: [{ e2e: p.end_to_end_id, cents: 3 * 3500 }] });
  await fin.page.fill('#run-camt', notice);
  await submit(fin.page, '#run-camt-submit');
  assert.match(await text(fin.page, '#run-notice'), /importerats/);
  assert.match(await text(fin.page, '#run-report'), /Betalda: SV-FIL-1/);
  assert.match(await text(fin.page, '#run-payments tbody'), /Betald/);
  await assertAxeClean(fin.page, 'camt.054 imported (sv)');
  // the same notice again books nothing, and says so
  await fin.page.fill('#run-camt', notice);
  await submit(fin.page, '#run-camt-submit');
  assert.match(await text(fin.page, '#run-notice'), /ingenting sparades/);
  await fin.ctx.close();

  const prov = await inSwedish('kari.makela');
  await env.visit(prov.page, `/providers/${apu}/remittance`);
  assert.match(await h1Text(prov.page), /Betalningsspecifikation/);
  assert.match(await text(prov.page, '#remit-table'), /SV-FIL-1/);
  await prov.ctx.close();
});
