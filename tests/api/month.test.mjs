// The acceptance test of issue 11: a month of the demo county, from a
// delivered hour to the bank's notice, end to end through the API and the
// provider's pages, as the demo's users and the demo care system's key.
//
// The month is last month (Helsinki). Matti Korhonen's personal assistance
// (Apuviisas Oy, 40 hours a month) begins next month in the demo, and the
// server has no clock to move, so its first day is planted at the first of
// last month with the sqlite3 shell (the one row the test writes behind the
// service's back). Then:
//  - Apuviisas's care system sends a month of hours in bulk (JSON) with the
//    demo's API key, and sends them again: nothing is written twice;
//  - Kari Mäkelä uploads a CSV on the provider's events page: one bad line
//    is refused with its reason, the other lines are written;
//  - Matti confirms his events but two, which he disputes; the worker
//    upholds one dispute (never paid) and dismisses the other (paid);
//  - Apuviisas invoices the month from its events, sends a Finvoice of
//    Aleksi Virtanen's trips (one row at a wrong price is refused with its
//    code) and invoices this month's housing (a standing monthly
//    commitment);
//  - finance (Pekka Salonen) approves with his password; he makes a payment
//    run, and Tuula Talous, the second finance user, approves it (he may
//    not); its pain.001 .03 and .09 files validate against the schemas;
//  - a camt.054 built here for that run books every invoice paid and one
//    returned; `budjetti check` passes.
// The money is computed here from what the test sent (the events'
// quantities, the rows of the Finvoice) and the commitments' prices, never
// from the service's sums, and compared with the pain.001 file's amounts,
// the approvals and the bank's notice.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, ok, fieldError, sessions, BIN } from './lib.mjs';
import { finvoice } from './finvoice.mjs';
import { camt054 } from './camt054.mjs';

const MATTI = 1, APU_YTUNNUS = '9304816-8';
const FIN = 'pekka.salonen', FIN2 = 'tuula.talous', PROV = 'kari.makela', CLIENT = 'matti.korhonen',
  WORKER = 'maria.nieminen';
const here = import.meta.dirname ?? new URL('.', import.meta.url).pathname;
const xsd = (v) => join(here, '..', '..', 'src', 'formats', 'xsd', `pain.001.001.0${v}.xsd`);

let srv, as, key, apu, pa, trips, house, month, thisMonth, lastDay;
const sent = [];		// every event the test sent and was accepted: {external_id, on_date, quantity}
const money = {};		// invoice id -> the amount the test expects paid for it
let eventsInv, finvoiceInv, housingInv, run;

function sql(statement) {
  const r = spawnSync('sqlite3', ['-cmd', '.timeout 5000', srv.db, statement], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.trim();
}

const password = (u) => srv.accounts.find((a) => a.username === u).password;
const day = (d) => `${month}-${String(d).padStart(2, '0')}`;
// Hundredths of a quantity given in units, and an event's amount: quantity
// x unit price, rounded once to a cent (all positive here: half up).
const hundredths = (q) => Math.round(q * 100);
const amountOf = (q, price) => Math.round(hundredths(q) * price / 100);
const sum = (xs) => xs.reduce((a, b) => a + b, 0);

function care(method, path, body, headers = {}) {
  return fetch(srv.url + path.replace(/^\//, ''), {
    method,
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

// A form post on a page as user (the session's CSRF token as a field).
function form(user, path, fields) {
  const body = new URLSearchParams({ csrf: as[user].me.csrf, ...fields }).toString();
  return as[user].post(path, body, { 'content-type': 'application/x-www-form-urlencoded' });
}

// Weekdays of the month (numbers), from the first.
function weekdays() {
  const [y, m] = month.split('-').map(Number);
  const out = [];
  for (let d = 1; d <= lastDay; d++) {
    const wd = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
    if (wd !== 0 && wd !== 6)
      out.push(d);
  }
  return out;
}

// Every item of a paged list, page by page.
async function all(user, path) {
  const items = [];
  let cursor = '';
  do {
    const page = await ok(await as[user].get(`${path}?limit=20${cursor ? `&cursor=${cursor}` : ''}`));
    items.push(...page.items);
    cursor = page.next_cursor;
  } while (cursor);
  return items;
}

const myEvents = async () => (await all(PROV, `/api/commitments/${pa.id}/events`))
  .filter((e) => e.on_date.startsWith(month));

before(async () => {
  srv = await startServer({ demo: true, cases: true });
  as = await sessions(srv, [FIN, FIN2, PROV, CLIENT, WORKER]);
  [{ key }] = srv.apiKeys;
  apu = as[PROV].me.user.provider_id;
  const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Helsinki' });
  thisMonth = today.slice(0, 7);
  const [y, m] = thisMonth.split('-').map(Number);
  month = new Date(Date.UTC(y, m - 2, 1)).toISOString().slice(0, 7);
  lastDay = new Date(Date.UTC(y, m - 1, 0)).getUTCDate();
  const paId = Number(sql(`SELECT id FROM commitment WHERE client_id = ${MATTI} AND state = 'active'`));
  sql(`UPDATE commitment SET valid_from = '${month}-01' WHERE id = ${paId}`);
  // the care system reads its active commitments: the prices come from here
  const cms = await ok(await care('GET', '/api/provider/commitments?limit=50'));
  pa = cms.items.find((c) => c.id === paId);
  trips = cms.items.find((c) => c.unit === 'trip' && c.service.code === 'transport');
  house = cms.items.find((c) => c.unit === 'month');
  assert.ok(pa && trips && house, JSON.stringify(cms));
  assert.equal(pa.unit, 'hour');
});

after(async () => {
  await srv?.stop();
});

test('the care system sends the month in bulk; sent again, nothing is written twice', async () => {
  const days = weekdays().slice(0, 12);
  const qty = [2, 1.5, 3, 2.25, 2, 1, 2.5, 2, 1.75, 3, 2, 1.5];
  const rows = days.map((d, i) => ({ commitment_id: pa.id, on_date: day(d), quantity: qty[i],
    external_id: `HJ-${month}-${d}`, note: i === 0 ? 'Kauppa ja apteekki' : undefined }));
  const a = await ok(await care('POST', '/api/provider/events', { events: rows }));
  assert.deepEqual([a.accepted, a.duplicates, a.refused], [rows.length, 0, 0], JSON.stringify(a.rows));
  sent.push(...rows);
  const n = (await myEvents()).length;
  const b = await ok(await care('POST', '/api/provider/events', { events: rows }));
  assert.deepEqual([b.accepted, b.duplicates, b.refused], [0, rows.length, 0]);
  assert.deepEqual(b.rows.map((r) => r.id), a.rows.map((r) => r.id));
  assert.equal((await myEvents()).length, n);
});

test('a CSV uploaded on the page: the bad line refused with its reason, the others written', async () => {
  const days = weekdays().slice(12, 16);
  assert.equal(days.length, 4);
  const before = (await myEvents()).length;
  const csv = 'sitoumus;pvm;maara;lisatieto;tunniste\r\n' +
    `${pa.id};${day(days[0])};2;Lääkäri;CSV-1\r\n` +
    `${pa.id};${day(days[1])};kaksi;;CSV-2\r\n` +
    `${pa.id};${day(days[2])};1,5;"Kauppa; apteekki";CSV-3\r\n` +
    `${pa.id};${day(days[3])};0.75;;CSV-4\r\n`;
  const res = await form(PROV, `/providers/${apu}/events/csv`, { csv });
  const html = await res.text();
  assert.equal(res.status, 200, html);
  assert.match(html, /id="ev-report-written">[^<]*3</);
  assert.match(html, /id="ev-report-refused">[^<]*1</);
  assert.match(html, /<th scope="row">3<\/th>/, 'the bad line named by its number');
  const after = await myEvents();
  assert.equal(after.length, before + 3);
  assert.ok(!after.some((e) => e.external_id === 'CSV-2'));
  sent.push({ on_date: day(days[0]), quantity: 2, external_id: 'CSV-1' },
    { on_date: day(days[2]), quantity: 1.5, external_id: 'CSV-3' },
    { on_date: day(days[3]), quantity: 0.75, external_id: 'CSV-4' });
});

test('the client confirms and disputes two; one dispute upheld, one dismissed', async () => {
  const list = await all(CLIENT, `/api/clients/${MATTI}/events`);
  const mine = list.filter((e) => e.commitment_id === pa.id && e.on_date.startsWith(month));
  assert.equal(mine.length, sent.length);
  const byExt = Object.fromEntries(mine.map((e) => [e.external_id, e]));
  const up = byExt[sent[2].external_id], dis = byExt[sent[5].external_id];
  for (const e of mine)
    if (e !== up && e !== dis)
      assert.equal((await ok(await as[CLIENT].post(`/api/events/${e.id}/confirm`, {}))).state, 'confirmed');
  await ok(await as[CLIENT].post(`/api/events/${up.id}/dispute`, { reason: 'Avustaja ei tullut.' }));
  await ok(await as[CLIENT].post(`/api/events/${dis.id}/dispute`, { reason: 'Tunteja oli vähemmän.' }));
  // while disputed, the events are held: invoicing the month now would hold them
  assert.equal((await ok(await as[PROV].get(`/api/events/${up.id}`))).held, true);
  const u = await ok(await as[WORKER].post(`/api/events/${up.id}/resolve`,
    { outcome: 'upheld', note: 'Matti oli sairaalassa sinä päivänä.' }));
  assert.equal(u.state, 'upheld');
  const d = await ok(await as[WORKER].post(`/api/events/${dis.id}/resolve`,
    { outcome: 'dismissed', note: 'Työvuorolista ja avustajan merkinnät täsmäävät.' }));
  assert.equal(d.state, 'dismissed');
  assert.equal(d.payable, true);
  sent.find((s) => s.external_id === up.external_id).upheld = true;
});

test('invoices: the month from its events, a Finvoice of trips, this month\'s housing', async () => {
  // from the events: every event sent and accepted but the upheld one
  const evRes = await as[PROV].post(`/api/providers/${apu}/invoices/events`,
    { period_from: day(1), period_to: day(lastDay) });
  eventsInv = await ok(evRes, 201);
  const payable = sent.filter((s) => !s.upheld);
  const expected = sum(payable.map((s) => amountOf(s.quantity, pa.unit_price)));
  assert.deepEqual(eventsInv.rows.map((r) => [r.commitment_id, r.state, r.code]), [[pa.id, 'pending', '']]);
  assert.equal(eventsInv.rows[0].events, payable.length);
  assert.equal(eventsInv.claimed, expected);
  money[eventsInv.id] = expected;

  // a Finvoice: two trips at the commitment's price, one at a price of its own
  const rows = [
    { commitment: trips.id, day: day(22), qty: 2, price: trips.unit_price },
    { commitment: trips.id, day: day(24), qty: 1, price: trips.unit_price },
    { commitment: trips.id, day: day(25), qty: 1, price: trips.unit_price + 500 },
  ];
  const doc = finvoice({ seller: APU_YTUNNUS, number: `APU-${month}-T`, date: day(lastDay), rows });
  finvoiceInv = await ok(await as[PROV].post(`/api/providers/${apu}/invoices`, doc,
    { 'content-type': 'application/xml' }), 201);
  assert.deepEqual(finvoiceInv.rows.map((r) => [r.state, r.code]),
    [['pending', ''], ['pending', ''], ['refused', 'price']]);
  assert.match(finvoiceInv.reference, /^[0-9]{4,20}$/);
  assert.equal(finvoiceInv.buyer_ovt, '003792314575');
  money[finvoiceInv.id] = sum(rows.slice(0, 2).map((r) => amountOf(r.qty, r.price)));

  // this month's housing: the month's price, whole (the commitment began
  // before this month)
  housingInv = await ok(await as[PROV].post(`/api/providers/${apu}/invoices/monthly`,
    { month: thisMonth }), 201);
  assert.deepEqual(housingInv.rows.map((r) => [r.commitment_id, r.state]), [[house.id, 'pending']]);
  money[housingInv.id] = house.unit_price;
});

test('finance approves with the password: exactly what the test computed is spent', async () => {
  const spentBefore = Number(sql('SELECT sum(amount) FROM ledger WHERE kind = \'spend\''));
  for (const inv of [eventsInv, finvoiceInv, housingInv]) {
    const done = await ok(await as[FIN].post(`/api/invoices/${inv.id}/approve`, { password: password(FIN) }));
    assert.equal(done.state, 'approved');
    assert.equal(done.approved, money[inv.id]);
  }
  const spentAfter = Number(sql('SELECT sum(amount) FROM ledger WHERE kind = \'spend\''));
  assert.equal(spentAfter - spentBefore, sum(Object.values(money)));
});

test('a payment run: made by one finance user, approved by the other; pain.001 valid', async () => {
  const made = await ok(await as[FIN].post('/api/payment-runs', {}), 201);
  assert.deepEqual(made.payments.map((p) => p.invoice_id).sort(),
    Object.keys(money).map(Number).sort());
  await fieldError(await as[FIN].post(`/api/payment-runs/${made.id}/approve`,
    { password: password(FIN) }), 'approved_by', 409);
  run = await ok(await as[FIN2].post(`/api/payment-runs/${made.id}/approve`, { password: password(FIN2) }));
  assert.equal(run.state, 'approved');
  const total = sum(Object.values(money));
  for (const v of [3, 9]) {
    const res = await as[FIN].get(`/api/payment-runs/${run.id}/pain001?version=${v}`);
    assert.equal(res.status, 200);
    const xml = await res.text();
    const file = `${srv.db}.month.pain${v}.xml`;
    writeFileSync(file, xml);
    const lint = spawnSync('xmllint', ['--noout', '--schema', xsd(v), file], { encoding: 'utf8' });
    assert.equal(lint.status, 0, lint.stderr);
    // the amounts in the file: each invoice's, in cents, and their sum
    const cents = (s) => Math.round(Number(s) * 100);
    const instructed = [...xml.matchAll(/<InstdAmt Ccy="EUR">([0-9.]+)<\/InstdAmt>/g)].map((m) => cents(m[1]));
    assert.deepEqual(instructed.sort((a, b) => a - b), Object.values(money).sort((a, b) => a - b));
    const ctrl = [...xml.matchAll(/<CtrlSum>([0-9.]+)<\/CtrlSum>/g)].map((m) => cents(m[1]));
    assert.equal(ctrl[0], total, 'the group header\'s control sum');
    for (const p of run.payments)
      assert.ok(xml.includes(p.end_to_end_id) && xml.includes(p.reference));
  }
});

test('the bank\'s camt.054: every invoice paid but one returned; the books hold', async () => {
  const today = new Date().toISOString().slice(0, 10);
  const back = run.payments.find((p) => p.invoice_id === housingInv.id);
  const txs = run.payments.map((p) => ({ e2e: p.end_to_end_id, cents: money[p.invoice_id],
    returned: p === back ? { code: 'AC04', info: 'Tili lopetettu' } : undefined }));
  const rep = await ok(await as[FIN].post(`/api/payment-runs/${run.id}/camt054`,
    camt054({ msgId: `KUUKAUSI-${month}`, day: today, txs }), { 'content-type': 'application/xml' }));
  assert.deepEqual(rep.unknown, []);
  assert.deepEqual(rep.paid.map((p) => p.invoice_id).sort(), [eventsInv.id, finvoiceInv.id].sort());
  assert.deepEqual(rep.returned.map((p) => [p.invoice_id, p.return_code]), [[housingInv.id, 'AC04']]);
  for (const inv of [eventsInv, finvoiceInv])
    assert.equal((await ok(await as[FIN].get(`/api/invoices/${inv.id}`))).state, 'paid');
  // the returned one waits for a later run, approved
  assert.equal((await ok(await as[FIN].get(`/api/invoices/${housingInv.id}`))).state, 'approved');

  // the provider's remittance advice shows what was paid in this run
  const adv = await ok(await as[PROV].get(`/api/providers/${apu}/remittance`));
  const ofRun = adv.items.filter((i) => i.run_id === run.id);
  assert.equal(sum(ofRun.filter((i) => i.state === 'paid').map((i) => i.amount)),
    money[eventsInv.id] + money[finvoiceInv.id]);

  const check = spawnSync(BIN, ['check', '--db', srv.db], { encoding: 'utf8' });
  assert.equal(check.status, 0, check.stdout + check.stderr);
});
