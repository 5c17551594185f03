// The "Bad input" list of issue 11, one test each: malformed,
// schema-invalid and check-failing Finvoice documents; wrong references;
// an invoice row for another provider's commitment; amounts over what is
// left; an event on a disputed day; a second payment of the same invoice;
// a camt.054 for an unknown run or with amounts that do not match. Each is
// refused, or flagged with its reason, and each test proves that nothing
// was written for it: the counts of every table of the slice, the ledger's
// sums, the commitments' spending and the payments' states are the same
// before and after (a refused row of an invoice is kept, with its code,
// but never spends: the ledger proves it).
//
// On the demo (see tests/api/invoices.test.mjs and events.test.mjs):
// Matti Korhonen's personal assistance (Apuviisas Oy) is moved to begin at
// the first of last month with the sqlite3 shell, so that days can be
// recorded; Aleksi Virtanen's trips and housing are Apuviisas's from the
// first of last month; Tukitupa ry is offered Matti's day activities (a
// commitment of another provider).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { startServer, ok, fieldError, assertJsonError, sessions, BIN } from './lib.mjs';
import { finvoice } from './finvoice.mjs';
import { camt054 } from './camt054.mjs';

const MATTI = 1, ALEKSI = 3, APU_YTUNNUS = '9304816-8';
const FIN = 'pekka.salonen', FIN2 = 'tuula.talous', PROV = 'kari.makela', CLIENT = 'matti.korhonen',
  WORKER = 'maria.nieminen';
let srv, as, apu, pa, trips, house, tukiCm, month, thisMonth;
let number = 0;

function sql(statement) {
  const r = spawnSync('sqlite3', ['-cmd', '.timeout 5000', srv.db, statement], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.trim();
}

const password = (u) => srv.accounts.find((a) => a.username === u).password;
const day = (d) => `${month}-${String(d).padStart(2, '0')}`;

// Everything the slice writes, in one line each.
function snapshot() {
  return sql(`SELECT 'events ' || (SELECT count(*) FROM service_event) || '/' ||
      (SELECT count(*) FROM service_event_history) || '/' ||
      (SELECT group_concat(state) FROM service_event);
    SELECT 'invoices ' || (SELECT count(*) FROM invoice) || '/' || (SELECT count(*) FROM invoice_row) || '/' ||
      (SELECT group_concat(state) FROM invoice) || '/' || (SELECT group_concat(state || code) FROM invoice_row);
    SELECT 'ledger ' || count(*) || '/' || coalesce(sum(amount), 0) FROM ledger;
    SELECT 'commitments ' || group_concat(spent || ':' || released) FROM commitment;
    SELECT 'runs ' || (SELECT count(*) FROM payment_run) || '/' ||
      (SELECT group_concat(state || ':' || coalesce(camt_msg_id, '')) FROM payment_run) || '/' ||
      (SELECT group_concat(state || ':' || coalesce(return_code, '')) FROM payment);
    SELECT 'changes ' || count(*) FROM uselog WHERE action IN ('change', 'create');`);
}

async function unchanged(fn) {
  const was = snapshot();
  await fn();
  assert.equal(snapshot(), was);
}

const send = (doc, user = PROV) => as[user].post(`/api/providers/${apu}/invoices`, doc,
  { 'content-type': 'application/xml' });
const doc = (rows, extra = {}) => finvoice({ seller: APU_YTUNNUS, number: `BAD-${++number}`,
  date: day(28), rows, ...extra });
const tripRow = (d, qty = 1) => ({ commitment: trips.id, day: day(d), qty, price: trips.unit_price });

async function problems(res, what) {
  assert.equal(res.status, 422, what);
  const e = (await res.json()).error;
  assert.equal(e.field, 'finvoice', what);
  assert.ok(e.problems.length >= 1 && e.problems.every((p) => p.message.length > 0), what);
  return e.problems;
}

before(async () => {
  srv = await startServer({ demo: true, cases: true });
  as = await sessions(srv, [FIN, FIN2, PROV, CLIENT, WORKER]);
  apu = as[PROV].me.user.provider_id;
  const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Helsinki' });
  thisMonth = today.slice(0, 7);
  const [y, m] = thisMonth.split('-').map(Number);
  month = new Date(Date.UTC(y, m - 2, 1)).toISOString().slice(0, 7);
  const get = async (id) => ok(await as[PROV].get(`/api/commitments/${id}`));
  pa = await get(Number(sql(`SELECT id FROM commitment WHERE client_id = ${MATTI} AND state = 'active'`)));
  sql(`UPDATE commitment SET valid_from = '${month}-01' WHERE id = ${pa.id}`);
  trips = await get(Number(sql(`SELECT id FROM commitment WHERE client_id = ${ALEKSI} AND unit = 'trip'`)));
  house = await get(Number(sql(`SELECT id FROM commitment WHERE client_id = ${ALEKSI} AND unit = 'month'`)));
  // Tukitupa is offered Matti's day activities: another provider's commitment
  const plans = await ok(await as[CLIENT].get(`/api/clients/${MATTI}/plans`));
  const plan = await ok(await as[CLIENT].get(`/api/plans/${plans.items[0].id}`));
  const line = plan.lines.find((l) => l.service.code === 'day_activities').id;
  const c = await ok(await as[CLIENT].get(`/api/plan-lines/${line}/choices`));
  const tuki = c.items.find((i) => i.name === 'Tukitupa ry').provider_id;
  tukiCm = (await ok(await as[CLIENT].post(`/api/plan-lines/${line}/commitment`, { provider_id: tuki }), 201)).id;
});

after(async () => {
  await srv?.stop();
});

test('Finvoice: malformed, schema-invalid, check-failing and wrong references are refused whole', async () => {
  const good = doc([tripRow(15)]);
  await unchanged(async () => {
    await problems(await send('<Finvoice Version="3.0"><SellerPartyDetails>'), 'not well-formed');
    await problems(await send(good.slice(0, good.length / 2)), 'cut short');
    await problems(await send(''), 'empty');
    await problems(await send('<?xml version="1.0"?><Invoice/>'), 'not a Finvoice');
    // schema: an element the schema does not know, and one missing
    await problems(await send(good.replace('<InvoiceTypeText>', '<Colour>red</Colour><InvoiceTypeText>')),
      'unknown element');
    await problems(await send(good.replace(/<InvoiceNumber>[^<]*<\/InvoiceNumber>/, '')), 'no number');
    // checks beyond the schema: a row whose sum is wrong, a total that does
    // not add up, an invoice date that does not exist
    await problems(await send(good.replace('<RowAmount AmountCurrencyIdentifier="EUR">35,00',
      '<RowAmount AmountCurrencyIdentifier="EUR">36,00')), 'row sum');
    await problems(await send(good.replace('<InvoiceTotalVatIncludedAmount AmountCurrencyIdentifier="EUR">35,00',
      '<InvoiceTotalVatIncludedAmount AmountCurrencyIdentifier="EUR">53,00')), 'total');
    await problems(await send(good.replace(/<InvoiceDate Format="CCYYMMDD">\d+/, '<InvoiceDate Format="CCYYMMDD">20260231')),
      'no such date');
    // wrong references: a viitenumero and an RF reference with wrong check
    // digits, a Y-tunnus of the seller and an IBAN that do not check
    const ref = (r, scheme = 'SPY') => good.replace(
      '<EpiRemittanceInfoIdentifier IdentificationSchemeName="SPY">10016',
      `<EpiRemittanceInfoIdentifier IdentificationSchemeName="${scheme}">${r}`);
    const spy = await problems(await send(ref('10017')), 'viitenumero');
    assert.ok(spy.some((p) => /Epi/.test(p.path)), JSON.stringify(spy));
    await problems(await send(ref('RF00123456', 'ISO')), 'RF reference');
    await problems(await send(good.replaceAll('9304816-8', '9304816-7')), 'Y-tunnus');
    await problems(await send(good.replace('FI9657413000098761', 'FI9657413000098762')), 'IBAN');
  });
});

test('rows for another provider\'s commitment, unknown ones and over what is left are refused; they never spend', async () => {
  const left = trips.reserved - trips.released - Number(sql(`SELECT spent FROM commitment WHERE id = ${trips.id}`));
  const over = Math.floor(left / trips.unit_price) + 1;
  const rows = [tripRow(16), { commitment: tukiCm, day: day(16), qty: 1, price: 5000 },
    { commitment: 999999, day: day(16), qty: 1, price: 3500 }, tripRow(17, over)];
  const ledgerBefore = sql('SELECT count(*) || \'/\' || sum(amount) FROM ledger');
  const tukiBefore = sql(`SELECT spent || ':' || reserved FROM commitment WHERE id = ${tukiCm}`);
  const inv = await ok(await send(doc(rows)), 201);
  assert.deepEqual(inv.rows.map((r) => [r.state, r.code]), [['pending', ''], ['refused', 'other_provider'],
    ['refused', 'no_commitment'], ['refused', 'beyond_left']]);
  // nothing of the other provider's commitment is kept on the row, nor shown
  assert.equal(inv.rows[1].commitment_id, null);
  assert.equal(sql(`SELECT count(*) FROM invoice_row WHERE commitment_id = ${tukiCm}`), '0');
  assert.equal(sql('SELECT count(*) || \'/\' || sum(amount) FROM ledger'), ledgerBefore, 'receiving spends nothing');
  const done = await ok(await as[FIN].post(`/api/invoices/${inv.id}/approve`, { password: password(FIN) }));
  assert.equal(done.approved, trips.unit_price, 'only the row that passed');
  const [n, s] = ledgerBefore.split('/').map(Number);
  assert.equal(sql('SELECT count(*) || \'/\' || sum(amount) FROM ledger'), `${n + 1}/${s + trips.unit_price}`);
  assert.equal(sql(`SELECT spent || ':' || reserved FROM commitment WHERE id = ${tukiCm}`), tukiBefore);
  // a whole invoice for another provider: 404, nothing written
  await unchanged(async () => {
    const tuki = sql(`SELECT provider_id FROM commitment WHERE id = ${tukiCm}`);
    await assertJsonError(await as[PROV].post(`/api/providers/${tuki}/invoices`, doc([tripRow(18)]),
      { 'content-type': 'application/xml' }), 404);
    await assertJsonError(await as[PROV].post(`/api/providers/${tuki}/invoices/monthly`, { month }), 404);
  });
});

test('an event on a disputed day: refused until the dispute is dismissed, and not invoiced', async () => {
  const record = (d, ext) => as[PROV].post(`/api/commitments/${pa.id}/events`,
    { on_date: day(d), quantity: 1, external_id: ext });
  const a = await ok(await record(10, 'D-10'), 201);
  const b = await ok(await record(11, 'D-11'), 201);
  await ok(await as[CLIENT].post(`/api/events/${a.id}/dispute`, { reason: 'Ei tullut.' }));
  await ok(await as[CLIENT].post(`/api/events/${b.id}/dispute`, { reason: 'Lyhyempi käynti.' }));
  const paRow = (d) => ({ commitment: pa.id, day: day(d), qty: 1, price: pa.unit_price });
  await unchanged(async () => {
    const e = await fieldError(await record(10, 'D-10-B'), 'on_date', 409);
    assert.equal(e.reason, 'disputed_day');
    // the same through the care system's bulk send: that row refused with its code
    const bulk = await ok(await fetch(srv.url + 'api/provider/events', { method: 'POST',
      headers: { authorization: `Bearer ${srv.apiKeys[0].key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ events: [{ commitment_id: pa.id, on_date: day(11), quantity: 1, external_id: 'D-11-B' }] }) }));
    assert.deepEqual(bulk.rows.map((r) => [r.status, r.code, r.field]), [['refused', 'disputed_day', 'on_date']]);
    // invoicing the events of those days: nothing payable
    await fieldError(await as[PROV].post(`/api/providers/${apu}/invoices/events`,
      { period_from: day(10), period_to: day(11) }), 'period_from', 409);
  });
  // a Finvoice charging the disputed days: both rows held
  const inv = await ok(await send(doc([paRow(10), paRow(11)])), 201);
  assert.deepEqual(inv.rows.map((r) => [r.state, r.code]), [['refused', 'event_held'], ['refused', 'event_held']]);
  // one upheld, one dismissed: the dismissed day takes events again, the upheld never
  await ok(await as[WORKER].post(`/api/events/${a.id}/resolve`, { outcome: 'upheld', note: 'Sairaalassa.' }));
  await ok(await as[WORKER].post(`/api/events/${b.id}/resolve`, { outcome: 'dismissed', note: 'Kirjaus täsmää.' }));
  await unchanged(async () => {
    assert.equal((await fieldError(await record(10, 'D-10-C'), 'on_date', 409)).reason, 'disputed_day');
  });
  await ok(await record(11, 'D-11-C'), 201);
  const again = await ok(await send(doc([paRow(10)])), 201);
  assert.deepEqual(again.rows.map((r) => [r.state, r.code]), [['refused', 'event_upheld']]);
  // approving it approves no row: the invoice is refused, nothing spent
  const ledger = sql('SELECT count(*) || \'/\' || sum(amount) FROM ledger');
  const done = await ok(await as[FIN].post(`/api/invoices/${again.id}/approve`, { password: password(FIN) }));
  assert.deepEqual([done.state, done.approved], ['refused', 0]);
  assert.equal(sql('SELECT count(*) || \'/\' || sum(amount) FROM ledger'), ledger);
});

test('a dispute opened after invoicing holds the row at approval: nothing spent', async () => {
  const ev = await ok(await as[PROV].post(`/api/commitments/${pa.id}/events`,
    { on_date: day(14), quantity: 1, external_id: 'L-14' }), 201);
  const inv = await ok(await send(doc([{ commitment: pa.id, day: day(14), qty: 1, price: pa.unit_price }])), 201);
  assert.deepEqual(inv.rows.map((r) => r.state), ['pending']);
  await ok(await as[CLIENT].post(`/api/events/${ev.id}/dispute`, { reason: 'Ei tullut.' }));
  const ledger = sql('SELECT count(*) || \'/\' || sum(amount) FROM ledger');
  const done = await ok(await as[FIN].post(`/api/invoices/${inv.id}/approve`, { password: password(FIN) }));
  assert.equal(done.state, 'refused');
  assert.deepEqual(done.rows.map((r) => [r.state, r.code]), [['refused', 'event_held']]);
  assert.equal(sql('SELECT count(*) || \'/\' || sum(amount) FROM ledger'), ledger);
});

test('a second payment of the same invoice, and camt.054 notices of an unknown run or wrong amounts', async () => {
  const inv = await ok(await as[PROV].post(`/api/providers/${apu}/invoices/monthly`, { month: thisMonth }), 201);
  await ok(await as[FIN].post(`/api/invoices/${inv.id}/approve`, { password: password(FIN) }));
  const made = await ok(await as[FIN].post('/api/payment-runs', {}), 201);
  const run = await ok(await as[FIN2].post(`/api/payment-runs/${made.id}/approve`, { password: password(FIN2) }));
  const p = run.payments.find((x) => x.invoice_id === inv.id);
  assert.equal(p.amount, house.unit_price);
  const today = new Date().toISOString().slice(0, 10);
  const post = (id, xml) => as[FIN].post(`/api/payment-runs/${id}/camt054`, xml, { 'content-type': 'application/xml' });
  await unchanged(async () => {
    // nothing left to pay: the invoice is in a run already
    await fieldError(await as[FIN].post('/api/payment-runs', {}), 'payments', 409);
    await fieldError(await as[FIN2].post(`/api/payment-runs/${run.id}/approve`, { password: password(FIN2) }),
      'state', 409);
    // a notice for a run that does not exist, and for a run of none of its entries
    await assertJsonError(await post(999999, camt054({ day: today, txs: [{ e2e: p.end_to_end_id, cents: p.amount }] })), 404);
    const demoRun = Number(sql(`SELECT min(id) FROM payment_run`));
    await fieldError(await post(demoRun, camt054({ day: today, txs: [{ e2e: p.end_to_end_id, cents: p.amount }] })),
      'camt054', 409);
    await problems2(await post(run.id, '<Document><Nonsense/></Document>'));
    // a wrong end-to-end reference: no transaction of this run
    await fieldError(await post(run.id, camt054({ day: today, txs: [{ e2e: `${p.end_to_end_id}9`, cents: p.amount }] })),
      'camt054', 409);
  });
  // the amount does not match: flagged, and the payment is not booked
  await unchanged(async () => {
    const rep = await ok(await post(run.id, camt054({ msgId: 'WRONG-AMOUNT', day: today,
      txs: [{ e2e: p.end_to_end_id, cents: p.amount - 1 }] })));
    assert.deepEqual([rep.paid, rep.settled], [[], 0]);
    assert.deepEqual(rep.unknown.map((u) => [u.invoice_id, u.reason]), [[inv.id, 'amount']]);
  });
  // the right amount books it paid; the same notice again, or paying it
  // twice in one notice, changes nothing
  const notice = camt054({ msgId: 'RIGHT', day: today, txs: [{ e2e: p.end_to_end_id, cents: p.amount }] });
  const rep = await ok(await post(run.id, notice));
  assert.deepEqual(rep.paid.map((x) => x.invoice_id), [inv.id]);
  assert.equal(rep.settled, 1);
  await unchanged(async () => {
    assert.equal((await ok(await post(run.id, notice))).settled, 0);
    await ok(await post(run.id, camt054({ msgId: 'TWICE', day: today,
      txs: [{ e2e: p.end_to_end_id, cents: p.amount }] })));
    await fieldError(await as[FIN].post('/api/payment-runs', {}), 'payments', 409);
  });
  assert.equal(sql(`SELECT count(*) FROM payment WHERE invoice_id = ${inv.id}`), '1');
  const check = spawnSync(BIN, ['check', '--db', srv.db], { encoding: 'utf8' });
  assert.equal(check.status, 0, check.stdout + check.stderr);
});

async function problems2(res) {
  assert.equal(res.status, 422);
  assert.ok((await res.json()).error.problems.length >= 1);
}
