// API tests for service plans, decisions, reviews and the budget ledger:
// maria.nieminen drafts plans for Elin Lindholm (client 2, sv) and Matti
// Korhonen (client 1), johanna.ek approves them with her password; every
// route's success, missing and malformed fields named, wrong roles 403,
// tomas.gronqvist (another unit) 404 with nothing written, the client
// reading their own decision and not another client's. Amounts are
// computed here from the demo prices (valid from 2026-01-01), so a drift
// between the lines and the ledger fails.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, assertJsonError, ok, fieldError, sessions } from './lib.mjs';

let srv;
let as;		// username -> signed-in session (lib.mjs session())
const ELIN = 2, MATTI = 1, ALEKSI = 3;
// Demo prices (cents): personal assistance an hour, day activities a day,
// transport a trip.
const PA = 2850, DA = 8500, TR = 3500;

const PERIOD = { valid_from: '2027-01-01', valid_to: '2027-12-31', review_date: '2027-10-01' };

async function newPlan(client, extra = {}) {
  return ok(await as['maria.nieminen'].post(`/api/clients/${client}/plans`,
    { label: 'Vaihtoehto A', ...PERIOD, client_fee: 1250, reasoning: 'Tarve arvioitu.', ...extra }), 201);
}

async function planCount(client) {
  const l = await ok(await as['maria.nieminen'].get(`/api/clients/${client}/plans`));
  return l.items.length;
}

// A plan of client with 40 h personal assistance and 8 days of day
// activities a month, proposed and approved.
async function approvedPlan(client, period = PERIOD) {
  const p = await newPlan(client, period);
  await ok(await as['maria.nieminen'].post(`/api/plans/${p.id}/lines`,
    { service: 'personal_assistance', quantity: 40 }), 201);
  await ok(await as['maria.nieminen'].post(`/api/plans/${p.id}/lines`,
    { service: 'day_activities', quantity: 8 }), 201);
  await ok(await as['maria.nieminen'].post(`/api/plans/${p.id}/propose`, {}));
  return ok(await as['johanna.ek'].post(`/api/plans/${p.id}/approve`,
    { password: srv.accounts.find((a) => a.username === 'johanna.ek').password }));
}

before(async () => {
  srv = await startServer({ demo: true });
  as = await sessions(srv, ['maria.nieminen', 'johanna.ek', 'tomas.gronqvist', 'matti.korhonen',
    'liisa.virtanen', 'pekka.salonen']);
  // The clients accept a personal budget for three services (casework's
  // routes): an offer, answered 'all'.
  for (const c of [ELIN, MATTI]) {
    await ok(await as['maria.nieminen'].post(`/api/clients/${c}/offer`,
      { offered_on: '2026-11-02', services: ['personal_assistance', 'day_activities', 'transport'],
        note: '' }), 201);
    const a = await as['maria.nieminen'].post(`/api/clients/${c}/offer/answer`, { answer: 'all' });
    assert.ok(a.status === 200 || a.status === 201, await a.text());
  }
});
after(async () => { await srv.stop(); });

test('create a draft: view, fields named, roles, another unit 404', async () => {
  const p = await newPlan(ELIN);
  assert.equal(p.state, 'draft');
  assert.equal(p.client_fee, 1250);
  assert.equal(p.client.id, ELIN);
  assert.equal(p.lang, null);
  assert.equal(p.can.edit, true);
  assert.equal(p.can.propose, false, 'no lines yet');
  assert.deepEqual(p.lines, []);
  const cents = await newPlan(ELIN, { client_fee: 990 });
  assert.equal(cents.client_fee, 990);

  const bad = [
    [{ ...PERIOD, valid_from: undefined }, 'valid_from'],
    [{ ...PERIOD, valid_to: undefined }, 'valid_to'],
    [{ ...PERIOD, review_date: undefined }, 'review_date'],
    [{ ...PERIOD, valid_from: '2027-02-30' }, 'valid_from'],
    [{ ...PERIOD, valid_to: 'huomenna' }, 'valid_to'],
    [{ ...PERIOD, valid_from: '1.1.2027' }, 'valid_from'],	// a form takes it; the API only ISO
    [{ ...PERIOD, valid_to: '2026-12-31' }, 'valid_to'],
    [{ ...PERIOD, valid_to: '2030-01-01' }, 'valid_to'],
    [{ ...PERIOD, review_date: '2028-01-01' }, 'review_date'],
    [{ ...PERIOD, client_fee: '12,505' }, 'client_fee'],
    [{ ...PERIOD, client_fee: '12' }, 'client_fee'],
    [{ ...PERIOD, client_fee: 12.5 }, 'client_fee'],
    [{ ...PERIOD, clientfee: 1250 }, 'clientfee'],
    [{ ...PERIOD, client_fee: -5 }, 'client_fee'],
    [{ ...PERIOD, copy_from: 'x' }, 'copy_from'],
    [{ ...PERIOD, copy_from: 999999 }, 'copy_from'],
    [{ ...PERIOD, label: 'x'.repeat(300) }, 'label'],
  ];
  const n = await planCount(ELIN);
  for (const [body, field] of bad)
    await fieldError(await as['maria.nieminen'].post(`/api/clients/${ELIN}/plans`, body), field);
  await assertJsonError(await as['johanna.ek'].post(`/api/clients/${ELIN}/plans`, PERIOD), 403);
  await assertJsonError(await as['matti.korhonen'].post(`/api/clients/${MATTI}/plans`, PERIOD), 403);
  await assertJsonError(await as['tomas.gronqvist'].post(`/api/clients/${ELIN}/plans`, PERIOD), 404);
  assert.equal(await planCount(ELIN), n, 'nothing written');

  // discard the variants
  for (const id of [p.id, cents.id]) {
    await assertJsonError(await as['johanna.ek'].post(`/api/plans/${id}/discard`, {}), 403);
    await assertJsonError(await as['tomas.gronqvist'].post(`/api/plans/${id}/discard`, {}), 404);
    const d = await ok(await as['maria.nieminen'].post(`/api/plans/${id}/discard`, {}));
    assert.equal(d.state, 'discarded');
  }
  await assertJsonError(await as['maria.nieminen'].post(`/api/plans/${p.id}/discard`, {}), 409);
});

test('lines: add, remove, fields, acceptance, roles', async () => {
  const p = await newPlan(ELIN);
  const base = `/api/plans/${p.id}/lines`;
  let v = await ok(await as['maria.nieminen'].post(base,
    { service: 'personal_assistance', quantity: 40, content: 'arjen tuki' }), 201);
  assert.equal(v.lines.length, 1);
  assert.equal(v.lines[0].unit_price, PA);
  assert.equal(v.lines[0].quantity, 40);
  assert.equal(v.lines[0].monthly_amount, 40 * PA);
  assert.equal(v.lines[0].period_amount, 12 * 40 * PA);
  v = await ok(await as['maria.nieminen'].post(base, { service: 'transport', quantity: 12.5 }), 201);
  assert.equal(v.lines[1].quantity, 12.5);
  assert.equal(v.lines[1].monthly_amount, 12.5 * TR);
  v = await ok(await as['maria.nieminen'].post(base, { service: 'day_activities', quantity: 8 }), 201);
  assert.equal(v.lines[2].quantity, 8);
  assert.equal(v.total_monthly, 40 * PA + 12.5 * TR + 8 * DA);
  assert.equal(v.total_period, 12 * (40 * PA + 12.5 * TR + 8 * DA));

  await fieldError(await as['maria.nieminen'].post(base, { quantity: 1 }), 'service');
  await fieldError(await as['maria.nieminen'].post(base, { service: 'home_care' }), 'quantity');
  await fieldError(await as['maria.nieminen'].post(base, { service: 'home_care', quantity: 'paljon' }), 'quantity');
  await fieldError(await as['maria.nieminen'].post(base, { service: 'home_care', quantity: 1.555 }), 'quantity');
  // a string is refused: only a JSON number of units
  await fieldError(await as['maria.nieminen'].post(base, { service: 'home_care', quantity: '4' }), 'quantity');
  await fieldError(await as['maria.nieminen'].post(base, { service: 'home_care', quantity: 0 }), 'quantity');
  await fieldError(await as['maria.nieminen'].post(base, { service: 'no_such', quantity: 1 }), 'service');
  // not accepted in the offer answer
  const e = await fieldError(await as['maria.nieminen'].post(base,
    { service: 'supported_housing', quantity: 1 }), 'service', 409);
  assert.match(e.message, /.+/);
  // one line per service
  await fieldError(await as['maria.nieminen'].post(base, { service: 'transport', quantity: 2 }), 'service', 409);
  await assertJsonError(await as['johanna.ek'].post(base, { service: 'home_care', quantity: 1 }), 403);
  await assertJsonError(await as['tomas.gronqvist'].post(base, { service: 'home_care', quantity: 1 }), 404);

  const tr = v.lines[1].id;
  await assertJsonError(await as['johanna.ek'].del(`${base}/${tr}`), 403);
  await assertJsonError(await as['tomas.gronqvist'].del(`${base}/${tr}`), 404);
  await assertJsonError(await as['maria.nieminen'].del(`${base}/999999`), 404);
  v = await ok(await as['maria.nieminen'].get(`/api/plans/${p.id}`));
  assert.equal(v.lines.length, 3, 'nothing removed by the refusals');
  v = await ok(await as['maria.nieminen'].del(`${base}/${tr}`));
  assert.deepEqual(v.lines.map((l) => l.service.code), ['personal_assistance', 'day_activities']);

  // PATCH: fields kept unless given; lines priced again
  v = await ok(await as['maria.nieminen'].patch(`/api/plans/${p.id}`,
    { label: 'Vaihtoehto B', valid_to: '2027-06-30', review_date: '2027-05-01' }));
  assert.equal(v.label, 'Vaihtoehto B');
  assert.equal(v.valid_from, '2027-01-01');
  assert.equal(v.client_fee, 1250);
  assert.equal(v.total_period, 6 * (40 * PA + 8 * DA));
  await fieldError(await as['maria.nieminen'].patch(`/api/plans/${p.id}`, { review_date: '2027-13-01' }), 'review_date');
  await fieldError(await as['maria.nieminen'].patch(`/api/plans/${p.id}`, { review_date: '2027-07-01' }), 'review_date');
  await assertJsonError(await as['johanna.ek'].patch(`/api/plans/${p.id}`, { label: 'x' }), 403);
  await assertJsonError(await as['tomas.gronqvist'].patch(`/api/plans/${p.id}`, { label: 'x' }), 404);
  v = await ok(await as['maria.nieminen'].get(`/api/plans/${p.id}`));
  assert.equal(v.label, 'Vaihtoehto B', 'nothing written by the refusals');
  await ok(await as['maria.nieminen'].post(`/api/plans/${p.id}/discard`, {}));
});

test('propose, queue, return, approve with the password, ledger, decision', async () => {
  const p = await newPlan(ELIN);
  await fieldError(await as['maria.nieminen'].post(`/api/plans/${p.id}/propose`, {}), 'lines', 409);
  await ok(await as['maria.nieminen'].post(`/api/plans/${p.id}/lines`, { service: 'personal_assistance', quantity: 40 }), 201);
  await ok(await as['maria.nieminen'].post(`/api/plans/${p.id}/lines`, { service: 'day_activities', quantity: 8 }), 201);
  await assertJsonError(await as['johanna.ek'].post(`/api/plans/${p.id}/propose`, {}), 403);
  await assertJsonError(await as['tomas.gronqvist'].post(`/api/plans/${p.id}/propose`, {}), 404);
  let v = await ok(await as['maria.nieminen'].post(`/api/plans/${p.id}/propose`, {}));
  assert.equal(v.state, 'proposed');
  assert.equal(v.can.edit, false);
  await fieldError(await as['maria.nieminen'].post(`/api/plans/${p.id}/propose`, {}), 'state', 409);
  await fieldError(await as['maria.nieminen'].post(`/api/plans/${p.id}/lines`, { service: 'transport', quantity: 1 }), 'state', 409);

  // the decision maker's queue
  const q = await ok(await as['johanna.ek'].get('/api/plans?state=proposed'));
  const item = q.items.find((i) => i.id === p.id);
  assert.ok(item);
  assert.equal(item.client.id, ELIN);
  assert.equal(item.drafted_by.name, 'Maria Nieminen');
  assert.equal(item.total_period, 12 * (40 * PA + 8 * DA));
  await fieldError(await as['johanna.ek'].get('/api/plans'), 'state');
  await fieldError(await as['johanna.ek'].get('/api/plans?state=draft'), 'state');
  await assertJsonError(await as['maria.nieminen'].get('/api/plans?state=proposed'), 403);

  // returned with a note, proposed again
  await fieldError(await as['johanna.ek'].post(`/api/plans/${p.id}/return`, {}), 'note');
  await assertJsonError(await as['maria.nieminen'].post(`/api/plans/${p.id}/return`, { note: 'x' }), 403);
  v = await ok(await as['johanna.ek'].post(`/api/plans/${p.id}/return`, { note: 'Perustelut puuttuvat.' }));
  assert.equal(v.state, 'draft');
  assert.equal(v.returned_note, 'Perustelut puuttuvat.');
  await ok(await as['maria.nieminen'].patch(`/api/plans/${p.id}`, { reasoning: 'Perustelut lisätty.' }));
  await ok(await as['maria.nieminen'].post(`/api/plans/${p.id}/propose`, {}));

  // approval: the password is asked again
  const url = `/api/plans/${p.id}/approve`;
  await fieldError(await as['johanna.ek'].post(url, {}), 'password');
  const wrong = await as['johanna.ek'].post(url, { password: 'vaara-salasana-123' });
  assert.equal(wrong.status, 401);
  const wrongErr = (await wrong.json()).error;
  assert.equal(wrongErr.field, 'password');
  assert.doesNotMatch(wrongErr.message, /käyttäjätunnus|username|användarnamn/i,
    'a re-authentication names the password only');
  await assertJsonError(await as['maria.nieminen'].post(url, { password: 'x' }), 403);
  await assertJsonError(await as['tomas.gronqvist'].post(url, { password: 'x' }), 403);
  const led0 = await ok(await as['maria.nieminen'].get(`/api/clients/${ELIN}/ledger`));
  assert.equal(led0.totals.granted, 0, 'nothing granted by the refusals');
  v = await ok(await as['maria.nieminen'].get(`/api/plans/${p.id}`));
  assert.equal(v.state, 'proposed');

  const pw = srv.accounts.find((a) => a.username === 'johanna.ek').password;
  v = await ok(await as['johanna.ek'].post(url, { password: pw }));
  const want = 12 * (40 * PA + 8 * DA);
  assert.equal(v.state, 'approved');
  assert.equal(v.lang, 'sv', "the client's language");
  assert.match(v.decision_no, new RegExp(`^HB-\\d{4}-${String(p.id).padStart(6, '0')}$`));
  assert.equal(v.version, 1);
  assert.equal(v.approved_by.name, 'Johanna Ek');
  assert.equal(v.total_period, want);
  assert.equal(v.granted, want);
  assert.equal(v.lines.reduce((s, l) => s + l.period_amount, 0), want);

  const led = await ok(await as['maria.nieminen'].get(`/api/clients/${ELIN}/ledger`));
  assert.equal(led.totals.granted, want);
  assert.equal(led.totals.available, want);
  assert.equal(led.items.length, 2);
  await assertJsonError(await as['tomas.gronqvist'].get(`/api/clients/${ELIN}/ledger`), 404);
  await assertJsonError(await as['matti.korhonen'].get(`/api/clients/${ELIN}/ledger`), 404);
  await assertJsonError(await as['pekka.salonen'].get(`/api/clients/${ELIN}/ledger`), 403);

  // the decision document
  const d = await ok(await as['johanna.ek'].get(`/api/plans/${p.id}/decision`));
  assert.equal(d.decision_no, v.decision_no);
  assert.ok(d.client.hetu.length === 11, 'whole identity code on the decision');
  assert.ok(d.organiser.name_sv);
  assert.match(d.approved_date, /^\d{4}-\d\d-\d\d$/);
  await ok(await as['maria.nieminen'].get(`/api/plans/${p.id}/decision`));
  await assertJsonError(await as['tomas.gronqvist'].get(`/api/plans/${p.id}/decision`), 404);
  await assertJsonError(await as['matti.korhonen'].get(`/api/plans/${p.id}/decision`), 404);
  await assertJsonError(await as['liisa.virtanen'].get(`/api/plans/${p.id}/decision`), 404);
  await assertJsonError(await as['pekka.salonen'].get(`/api/plans/${p.id}/decision`), 403);
  await assertJsonError(await as['tomas.gronqvist'].get(`/api/plans/${p.id}`), 404);
  const draft = await newPlan(ELIN);
  await fieldError(await as['maria.nieminen'].get(`/api/plans/${draft.id}/decision`), 'state', 409);
  await ok(await as['maria.nieminen'].post(`/api/plans/${draft.id}/discard`, {}));

  // a new version from 2027-07-01 supersedes it; then the new one ends
  const b = await approvedPlan(ELIN, { valid_from: '2027-07-01', valid_to: '2027-12-31', review_date: '2027-11-01' });
  assert.equal(b.version, 2);
  assert.equal(b.supersedes_id, p.id);
  const old = await ok(await as['maria.nieminen'].get(`/api/plans/${p.id}`));
  assert.equal(old.state, 'superseded');
  assert.equal(old.effective_to, '2027-06-30');
  assert.equal(old.granted, 6 * (40 * PA + 8 * DA));

  const end = `/api/plans/${b.id}/end`;
  const password = srv.accounts.find((a) => a.username === 'johanna.ek').password;
  await fieldError(await as['johanna.ek'].post(end, { password }), 'last_day');
  await fieldError(await as['johanna.ek'].post(end, { last_day: '2027-02-30', password }), 'last_day');
  await fieldError(await as['johanna.ek'].post(end, { last_day: '2028-01-01', password }), 'last_day');
  await assertJsonError(await as['maria.nieminen'].post(end, { last_day: '2027-09-30', password }), 403);
  await assertJsonError(await as['tomas.gronqvist'].post(end, { last_day: '2027-09-30', password }), 403);
  // Ending revokes budget: the password is asked again, as for approval.
  await fieldError(await as['johanna.ek'].post(end, { last_day: '2027-09-30' }), 'password');
  await fieldError(await as['johanna.ek'].post(end,
    { last_day: '2027-09-30', password: 'vaara-salasana-123' }), 'password', 401);
  assert.equal((await ok(await as['johanna.ek'].get(`/api/plans/${b.id}`))).state, 'approved',
    'nothing ended by the refusals');
  const e = await ok(await as['johanna.ek'].post(end, { last_day: '2027-09-30', password }));
  assert.equal(e.state, 'ended');
  assert.equal(e.granted, 3 * (40 * PA + 8 * DA));
  const led2 = await ok(await as['maria.nieminen'].get(`/api/clients/${ELIN}/ledger`));
  assert.equal(led2.totals.granted - led2.totals.revoked, 9 * (40 * PA + 8 * DA));
});

test('clients read their own decided plans only; reviews due', async () => {
  const p = await approvedPlan(MATTI);
  const draft = await newPlan(MATTI);
  const mine = await ok(await as['matti.korhonen'].get(`/api/clients/${MATTI}/plans`));
  assert.deepEqual(mine.items.map((i) => i.id), [p.id], 'no drafts for the client');
  const d = await ok(await as['matti.korhonen'].get(`/api/plans/${p.id}/decision`));
  assert.equal(d.lang, 'fi');
  assert.equal(d.can.approve, false);
  await ok(await as['matti.korhonen'].get(`/api/plans/${p.id}`));
  await assertJsonError(await as['matti.korhonen'].get(`/api/plans/${draft.id}`), 404);
  await assertJsonError(await as['matti.korhonen'].get(`/api/clients/${ELIN}/plans`), 404);
  const led = await ok(await as['matti.korhonen'].get(`/api/clients/${MATTI}/ledger`));
  assert.equal(led.totals.granted, 12 * (40 * PA + 8 * DA));
  // the representative sees Aleksi's (none) but not Matti's
  const al = await ok(await as['liisa.virtanen'].get(`/api/clients/${ALEKSI}/plans`));
  assert.deepEqual(al.items, []);
  await assertJsonError(await as['liisa.virtanen'].get(`/api/plans/${p.id}`), 404);
  await assertJsonError(await as['tomas.gronqvist'].get(`/api/clients/${MATTI}/plans`), 404);
  await assertJsonError(await as['pekka.salonen'].get(`/api/clients/${MATTI}/plans`), 403);

  // reviews: 2027-10-01 is more than 30 days away
  const soon = await ok(await as['maria.nieminen'].get('/api/reviews'));
  assert.ok(!soon.items.some((i) => i.plan_id === p.id));
  const later = await ok(await as['maria.nieminen'].get('/api/reviews?within_days=366'));
  const r = later.items.find((i) => i.plan_id === p.id);
  assert.ok(r);
  assert.equal(r.review_date, '2027-10-01');
  assert.equal(r.overdue, false);
  assert.equal(r.client.id, MATTI);
  await fieldError(await as['maria.nieminen'].get('/api/reviews?within_days=x'), 'within_days');
  const tomas = await ok(await as['tomas.gronqvist'].get('/api/reviews?within_days=366'));
  assert.ok(!tomas.items.some((i) => i.plan_id === p.id));
  await assertJsonError(await as['johanna.ek'].get('/api/reviews'), 403);
  await ok(await as['maria.nieminen'].post(`/api/plans/${draft.id}/discard`, {}));
});

test('copy a plan into a new variant', async () => {
  const src = await ok(await as['maria.nieminen'].get(`/api/clients/${MATTI}/plans`));
  const from = src.items.find((i) => i.state === 'approved');
  const c = await newPlan(MATTI, { copy_from: from.id, valid_from: '2028-01-01', valid_to: '2028-06-30', review_date: '2028-05-01' });
  assert.equal(c.lines.length, 2);
  assert.equal(c.total_period, 6 * (40 * PA + 8 * DA));
  await assertJsonError(await as['tomas.gronqvist'].post(`/api/clients/${MATTI}/plans`,
    { ...PERIOD, copy_from: from.id }), 404);
  // a plan of another client cannot be copied
  await fieldError(await as['maria.nieminen'].post(`/api/clients/${ELIN}/plans`,
    { ...PERIOD, copy_from: from.id }), 'copy_from');
  await ok(await as['maria.nieminen'].post(`/api/plans/${c.id}/discard`, {}));
});

test('implausible values are refused naming the field and the bound', async () => {
  // a plan in 1900 (or 2205) is a typing error
  await fieldError(await as['maria.nieminen'].post(`/api/clients/${ALEKSI}/plans`,
    { ...PERIOD, valid_from: '1900-01-01', valid_to: '1900-12-31', review_date: '1900-10-01' }),
  'valid_from');
  await fieldError(await as['maria.nieminen'].post(`/api/clients/${ALEKSI}/plans`,
    { ...PERIOD, valid_to: '2205-12-31' }), 'valid_to');
  // a label with a line break or a bidi override
  await fieldError(await as['maria.nieminen'].post(`/api/clients/${ALEKSI}/plans`,
    { ...PERIOD, label: 'A\nB' }), 'label');
  await fieldError(await as['maria.nieminen'].post(`/api/clients/${ALEKSI}/plans`,
    { ...PERIOD, label: 'Vaihtoehto \u202Etxt.exe' }), 'label');
  const p = await newPlan(ALEKSI);
  // too large a quantity says so, with its bound, not "greater than zero"
  const big = await fieldError(await as['maria.nieminen'].post(`/api/plans/${p.id}/lines`,
    { service: 'personal_assistance', quantity: 99999999999 }), 'quantity');
  assert.match(big.message, /100 000/);
  assert.doesNotMatch(big.message, /nolla|zero/);
  const big2 = await fieldError(await as['maria.nieminen'].post(`/api/plans/${p.id}/lines`,
    { service: 'personal_assistance', quantity: 100001 }), 'quantity');
  assert.match(big2.message, /100 000/);
});
