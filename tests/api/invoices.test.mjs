// API tests for providers' invoices (src/app/invoice.h). The demo's
// settlement: Aleksi Virtanen (client 3, Sipoo) has a plan from the first
// of last month with a housing month and eight trips a month, both
// committed to Apuviisas Oy (kari.makela's); last month's housing was
// invoiced and approved by pekka.salonen, and so were four trips of its
// first week, invoiced from their service events; both were paid in the
// demo's run. Here Apuviisas sends a Finvoice
// of last month's trips: each row is checked with its coded reason,
// finance approves with the password again and only the rows that pass
// are spent, from the commitment's reservation. Each refusal of a whole
// invoice (and of an approval) is checked to have written nothing: the
// invoices, their rows, the ledger and the client's ledger as before.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { startServer, ok, fieldError, assertJsonError, sessions } from './lib.mjs';
import { finvoice } from './finvoice.mjs';

let srv, as, apu, tuki, trips, house, lastMonth, month;
const ALEKSI = 3, APU_YTUNNUS = '9304816-8';
const FIN = 'pekka.salonen', PROV = 'kari.makela';

function sql(statement) {
  const r = spawnSync('sqlite3', ['-cmd', '.timeout 5000', srv.db, statement], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.trim();
}

const ledger = async () => ok(await as['maria.nieminen'].get(`/api/clients/${ALEKSI}/ledger`));

// Nothing written: invoices, rows, the ledger, and the client's ledger.
async function unchanged(fn) {
  const snap = async () => [sql('SELECT count(*) FROM invoice'), sql('SELECT count(*) FROM invoice_row'),
    sql('SELECT count(*), coalesce(sum(amount), 0) FROM ledger'),
    sql('SELECT group_concat(spent) FROM commitment'), JSON.stringify(await ledger())];
  const before = await snap();
  await fn();
  assert.deepEqual(await snap(), before);
}

const send = (user, provider, doc, headers = {}) => as[user].post(`/api/providers/${provider}/invoices`,
  doc, { 'content-type': 'application/xml', ...headers });
const day = (d) => `${lastMonth}-${String(d).padStart(2, '0')}`;

before(async () => {
  srv = await startServer({ demo: true, cases: true });
  as = await sessions(srv, [FIN, PROV, 'maria.nieminen', 'admin']);
  apu = Number(sql("SELECT id FROM provider WHERE name = 'Apuviisas Oy'"));
  tuki = Number(sql("SELECT id FROM provider WHERE name = 'Tukitupa ry'"));
  trips = Number(sql(`SELECT id FROM commitment WHERE client_id = ${ALEKSI} AND unit = 'trip'`));
  house = Number(sql(`SELECT id FROM commitment WHERE client_id = ${ALEKSI} AND unit = 'month'`));
  lastMonth = sql(`SELECT substr(valid_from, 1, 7) FROM commitment WHERE id = ${trips}`);
  month = new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Helsinki' }).slice(0, 7);
});

after(async () => {
  await srv?.stop();
});

test('the demo: last month\'s housing and trips invoiced, approved and paid, spent from the reservation', async () => {
  const list = await ok(await as[FIN].get('/api/invoices?state=paid'));	/* in the demo's run */
  assert.deepEqual(list.items.map((i) => i.source).sort(), ['events', 'monthly']);
  const byEvents = await ok(await as[FIN].get(`/api/invoices/${list.items.find((i) => i.source === 'events').id}`));
  assert.deepEqual(byEvents.rows.map((r) => [r.commitment_id, r.state, r.events, r.amount]),
    [[trips, 'approved', 4, 4 * 3500]]);
  assert.ok(byEvents.rows[0].period_from >= `${lastMonth}-01` && byEvents.rows[0].period_to <= `${lastMonth}-07`);
  const inv = await ok(await as[FIN].get(`/api/invoices/${list.items.find((i) => i.source === 'monthly').id}`));
  assert.equal(inv.source, 'monthly');
  assert.equal(inv.number, `KK-${lastMonth}`);
  assert.match(inv.reference, /^[0-9]{4,20}$/);
  assert.equal(inv.buyer_ovt, '003792314575');
  assert.deepEqual(inv.rows.map((r) => [r.commitment_id, r.state, r.amount]), [[house, 'approved', 145000]]);
  const line = (await ledger()).items.find((l) => l.plan_line_id === inv.rows[0].plan_line_id);
  assert.equal(line.spent, 145000);
});

test('a Finvoice: each row checked with its reason; approval spends only what passed', async () => {
  const doc = finvoice({ seller: APU_YTUNNUS, number: 'APU-1001', date: day(30), rows: [
    { commitment: trips, day: day(10), qty: 2, price: 3500 },
    { commitment: trips, day: day(12), qty: 1, price: 4000 },
    { commitment: 999999, day: day(13), qty: 1, price: 3500 },
    { commitment: trips, day: `${month}-28` > new Date().toISOString().slice(0, 10) ? `${month}-28` : '2099-01-01',
      qty: 1, price: 3500 },
  ] });
  const inv = await ok(await send(PROV, apu, doc), 201);
  assert.equal(inv.state, 'received');
  assert.deepEqual(inv.rows.map((r) => [r.state, r.code]), [['pending', ''], ['refused', 'price'],
    ['refused', 'no_commitment'], ['refused', 'future']]);
  assert.equal(inv.claimed, 7000 + 4000 + 3500 + 3500);
  assert.equal(inv.rows[2].commitment_id, null);

  // the provider cannot approve; a wrong password writes nothing
  await assertJsonError(await as[PROV].post(`/api/invoices/${inv.id}/approve`, { password: 'x' }), 403);
  await unchanged(async () => {
    await fieldError(await as[FIN].post(`/api/invoices/${inv.id}/approve`, { password: 'vaara-salasana-1' }),
      'password', 401);
  });
  const pw = srv.accounts.find((a) => a.username === FIN).password;
  const done = await ok(await as[FIN].post(`/api/invoices/${inv.id}/approve`, { password: pw }));
  assert.equal(done.state, 'approved');
  assert.equal(done.approved, 7000);
  assert.equal(sql(`SELECT spent FROM commitment WHERE id = ${trips}`), String(4 * 3500 + 7000));
  assert.equal(sql(`SELECT count(*) FROM invoice_row r JOIN ledger g ON g.id = r.ledger_id
    WHERE r.invoice_id = ${inv.id} AND g.kind = 'spend' AND g.amount = 7000`), '1');
  // approved once: a second approval is refused and writes nothing
  await unchanged(async () => {
    await fieldError(await as[FIN].post(`/api/invoices/${inv.id}/approve`, { password: pw }), 'state', 409);
  });

  // the refused rows corrected and sent again under a new number
  const again = finvoice({ seller: APU_YTUNNUS, number: 'APU-1002', date: day(30), rows: [
    { commitment: trips, day: day(12), qty: 1, price: 3500 },
    { commitment: trips, day: day(10), qty: 2, price: 3500 },
  ] });
  const inv2 = await ok(await send(PROV, apu, again), 201);
  assert.deepEqual(inv2.rows.map((r) => r.code), ['', 'duplicate']);
  const r = spawnSync(process.env.BUDJETTI_BIN, ['check', '--db', srv.db], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stdout + r.stderr);
});

test('whole invoices refused write nothing', async () => {
  const good = (number) => finvoice({ seller: APU_YTUNNUS, number, date: day(30),
    rows: [{ commitment: trips, day: day(20), qty: 1, price: 3500 }] });
  await unchanged(async () => {
    // the number was used
    await fieldError(await send(PROV, apu, finvoice({ seller: APU_YTUNNUS, number: 'APU-1001', date: day(30),
      rows: [{ commitment: trips, day: day(21), qty: 1, price: 3500 }] })), 'number', 409);
    // another seller
    await fieldError(await send(PROV, apu, finvoice({ seller: '9417325-1', number: 'X-1', date: day(30),
      rows: [{ commitment: trips, day: day(21), qty: 1, price: 3500 }] })), 'seller', 409);
    // another buyer
    await fieldError(await send(PROV, apu, finvoice({ seller: APU_YTUNNUS, buyer: '9417325-1',
      number: 'X-5', date: day(30), rows: [{ commitment: trips, day: day(21), qty: 1, price: 3500 }] })),
    'buyer', 409);
    // another provider's id
    await assertJsonError(await send(PROV, tuki, good('X-2')), 404);
    // not XML, and a document whose sums do not add up: every problem listed
    const bad = await send(PROV, apu, '<Finvoice Version="3.0">');
    assert.equal(bad.status, 422);
    const e = (await bad.json()).error;
    assert.equal(e.field, 'finvoice');
    assert.ok(e.problems.length >= 1 && e.problems.every((p) => p.message.length > 0));
    const wrongSum = good('X-3').replace('<RowAmount AmountCurrencyIdentifier="EUR">35,00',
      '<RowAmount AmountCurrencyIdentifier="EUR">36,00');
    const sv = await send(PROV, apu, wrongSum, { cookie: `${as[PROV].cookie}; lang=sv` });
    assert.equal(sv.status, 422);
    const svErr = (await sv.json()).error;
    assert.ok(svErr.problems.length >= 1);
    assert.match(svErr.message, /belopp/);	/* the first problem, in Swedish */
    // a role that does not send invoices
    await assertJsonError(await send('maria.nieminen', apu, good('X-4')), 403);
    // months: malformed, none there, done already
    await fieldError(await as[PROV].post(`/api/providers/${apu}/invoices/monthly`, { month: '2026-13' }), 'month');
    await fieldError(await as[PROV].post(`/api/providers/${apu}/invoices/monthly`, { month: '2031-01' }),
      'month', 409);
    await fieldError(await as[PROV].post(`/api/providers/${apu}/invoices/monthly`, { month: lastMonth }),
      'number', 409);
  });
});

test('reading: a provider its own, finance the organiser\'s; the message in the user\'s language', async () => {
  const mine = await ok(await as[PROV].get('/api/invoices'));
  assert.ok(mine.items.every((i) => i.provider.id === apu));
  const one = mine.items[0];
  assert.equal((await ok(await as[FIN].get(`/api/invoices/${one.id}`))).id, one.id);
  await fieldError(await as[FIN].get('/api/invoices?state=lost'), 'state');
  const paged = await ok(await as[FIN].get('/api/invoices?limit=1'));
  assert.equal(paged.items.length, 1);
  assert.ok(paged.next_cursor);
  const fi = await as[PROV].post(`/api/providers/${apu}/invoices/monthly`, { month: '2031-01' });
  const sv = await as[PROV].post(`/api/providers/${apu}/invoices/monthly`, { month: '2031-01' },
    { cookie: `${as[PROV].cookie}; lang=sv` });
  assert.notEqual((await fi.json()).error.message, (await sv.json()).error.message);
});

test('a month of standing monthly commitments: this month\'s housing', async () => {
  const inv = await ok(await as[PROV].post(`/api/providers/${apu}/invoices/monthly`, { month }), 201);
  assert.equal(inv.number, `KK-${month}`);
  assert.deepEqual(inv.rows.map((r) => [r.commitment_id, r.state, r.amount]), [[house, 'pending', 145000]]);
});
