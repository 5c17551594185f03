// API tests for the service catalogue and the price list: GET /api/services,
// GET/POST /api/prices, POST /api/prices/import, GET /api/prices/export.
// Success, each missing and malformed field named, wrong roles 403 with
// nothing written, the import all or nothing naming the line, the export's
// form and its round trip.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, assertJsonError, fieldError, sessions } from './lib.mjs';

const HEADER = 'service;unit;unit_price;instrument;valid_from;valid_to';
let srv;
let sessionOf;		// username -> signed-in session (lib.mjs session())

before(async () => {
  srv = await startServer({ demo: true });
  sessionOf = await sessions(srv, srv.accounts.map((a) => a.username));
});
after(async () => { await srv.stop(); });

// The session of the (first) account of role.
const byRole = (role) => sessionOf[srv.account(role).username];
const versions = async () => (await (await byRole('admin').get('api/prices?all=1')).json()).items.length;

test('GET /api/services: the ten services for staff, clients and representatives', async () => {
  for (const role of ['admin', 'worker', 'decision_maker', 'finance', 'client', 'representative']) {
    const res = await byRole(role).get('api/services');
    assert.equal(res.status, 200, role);
    const { items } = await res.json();
    assert.equal(items.length, 10, role);
    const pa = items.find((s) => s.code === 'personal_assistance');
    assert.deepEqual(Object.keys(pa).sort(), ['code', 'id', 'name_en', 'name_fi', 'name_sv']);
    assert.equal(pa.name_fi, 'Henkilökohtainen apu');
  }
  await assertJsonError(await byRole('provider_user').get('api/services'), 403, 'forbidden');
  await assertJsonError(await fetch(srv.url + 'api/services'), 401, 'unauthorized');
});

test('GET /api/prices: the list valid today, on a date, every version', async () => {
  const res = await byRole('worker').get('api/prices');
  assert.equal(res.status, 200);
  const body = await res.json();
  assert.equal(body.items.length, 10);
  for (const p of body.items) {
    assert.equal(typeof p.service.code, 'string');
    assert.equal(typeof p.service.name_sv, 'string');
    assert.ok(['hour', 'day', 'trip', 'month', 'night'].includes(p.unit));
    assert.ok(Number.isInteger(p.unit_price) && p.unit_price >= 0);
    assert.ok(['commitment', 'voucher', 'purchase'].includes(p.instrument));
    assert.equal(p.valid_from, '2026-01-01');
    assert.equal(p.valid_to, null);
    assert.equal(p.version, 1);
  }
  const early = await (await byRole('decision_maker').get('api/prices?date=2025-12-31')).json();
  assert.equal(early.items.length, 0, 'no prices before 2026');
  const all = await (await byRole('finance').get('api/prices?all=1')).json();
  assert.equal(all.items.length, 10);
  const bad = await assertJsonError(await byRole('worker').get('api/prices?date=2026-02-30'), 422);
  assert.equal(bad.field, 'date');
  for (const role of ['client', 'representative', 'provider_user'])
    await assertJsonError(await byRole(role).get('api/prices'), 403, 'forbidden');
});

const NEW = {
  service: 'home_care', unit: 'hour', unit_price: 4120, instrument: 'commitment',
  valid_from: '2026-12-01',
};

test('POST /api/prices: a new version takes over from its day', async () => {
  const res = await byRole('finance').post('api/prices', NEW);
  assert.equal(res.status, 201);
  const p = await res.json();
  assert.equal(p.service.code, 'home_care');
  assert.equal(p.unit_price, 4120);
  assert.equal(p.version, 2);
  assert.equal(p.valid_to, null);
  const find = async (date) => (await (await byRole('worker').get(`api/prices?date=${date}`)).json())
    .items.find((x) => x.service.code === 'home_care');
  assert.equal((await find('2026-12-01')).unit_price, 4120);
  const old = await find('2026-11-30');
  assert.equal(old.version, 1);
  assert.notEqual(old.unit_price, 4120);
  // cents as an integer, "28.50" style, an end date; admin may add too
  const r2 = await byRole('admin').post('api/prices', { ...NEW, unit_price: 4200, valid_from: '2027-01-01',
    valid_to: '2027-06-30' });
  assert.equal(r2.status, 201);
  assert.equal((await r2.json()).version, 3);
  // a string is not money in JSON ("43.10" euros? cents?): only cents
  const str = await assertJsonError(await byRole('admin').post('api/prices',
    { ...NEW, unit_price: '43.10', valid_from: '2027-07-01' }), 422, 'invalid');
  assert.equal(str.field, 'unit_price');
  const r3 = await byRole('admin').post('api/prices', { ...NEW, unit_price: 4310, valid_from: '2027-07-01' });
  assert.equal((await r3.json()).unit_price, 4310);
  // the same again: 409 naming valid_from
  const dup = await assertJsonError(await byRole('finance').post('api/prices', NEW), 409, 'conflict');
  assert.equal(dup.field, 'valid_from');
});

test('POST /api/prices: every missing and malformed field is named, nothing written', async () => {
  const n = await versions();
  for (const f of ['service', 'unit', 'unit_price', 'instrument', 'valid_from']) {
    const body = { ...NEW, valid_from: '2028-01-01' };
    delete body[f];
    const e = await assertJsonError(await byRole('admin').post('api/prices', body), 422, 'invalid');
    assert.equal(e.field, f, `missing ${f}`);
  }
  const bad = [
    ['service', 'no_such_service'], ['service', 12], ['unit', 'week'], ['unit_price', '12,345'],
    ['unit_price', 'abc'], ['unit_price', '-1,00'], ['unit_price', -100], ['instrument', 'cash'],
    ['valid_from', '2028-02-30'], ['valid_from', '1.1.2028'], ['valid_to', '2027-12-31'],
    ['valid_to', 'soon'],
  ];
  for (const [f, v] of bad) {
    const res = await byRole('finance').post('api/prices', { ...NEW, valid_from: '2028-01-01', [f]: v });
    assert.ok(res.status === 422 || res.status === 400, `${f}=${v}: ${res.status}`);
    const e = await assertJsonError(res, res.status);
    assert.equal(e.field, f, `${f}=${JSON.stringify(v)}`);
  }
  await assertJsonError(await byRole('finance').post('api/prices', '{"service":'), 400);
  assert.equal(await versions(), n, 'nothing written');
});

test('POST /api/prices: wrong roles get 403 and write nothing', async () => {
  const n = await versions();
  for (const role of ['worker', 'decision_maker', 'client', 'representative', 'provider_user'])
    await assertJsonError(await byRole(role).post('api/prices', { ...NEW, valid_from: '2029-01-01' }),
      403, 'forbidden');
  assert.equal(await versions(), n);
});

test('POST /api/prices/import: versions added, identical rows skipped', async () => {
  const n = await versions();
  const csv = `${HEADER}\r\ntransport;trip;47,00;purchase;2027-02-01;\r\n` +
    'transport;trip;47,00;purchase;2027-02-01;\r\nday_activities;day;"99,50";voucher;2027-02-01;2027-12-31\r\n';
  const res = await byRole('admin').post('api/prices/import', { csv });
  assert.equal(res.status, 200);
  assert.deepEqual(await res.json(), { added: 2, skipped: 1 });
  assert.equal(await versions(), n + 2);
  const again = await byRole('finance').post('api/prices/import', { csv });
  assert.deepEqual(await again.json(), { added: 0, skipped: 3 });
});

test('POST /api/prices/import: a bad line 3 refuses the whole file, naming line and column', async () => {
  const n = await versions();
  const csv = `${HEADER}\nsupported_housing;month;2000,00;commitment;2027-03-01;\n` +
    'transport;trip;12,345;purchase;2027-03-01;\n';
  const res = await byRole('finance').post('api/prices/import', { csv }, { 'accept-language': 'fi' });
  const body = await res.clone().json();
  const e = await assertJsonError(res, 422, 'invalid');
  assert.equal(e.field, 'csv');
  assert.match(e.message, /3/);
  assert.match(e.message, /unit_price/);
  assert.match(body.error.detail, /line 3, column 3 \(unit_price\)/);
  assert.equal(await versions(), n, 'nothing written');
  // an unknown service on line 4, found only inside the transaction
  const csv2 = `${HEADER}\nsupported_housing;month;2000,00;commitment;2027-03-01;\n\n` +
    'nope;trip;1;purchase;2027-03-01;\n';
  const e2 = await (await byRole('finance').post('api/prices/import', { csv: csv2 })).json();
  assert.equal(e2.error.field, 'csv');
  assert.match(e2.error.detail, /line 4, column 1 \(service\)/);
  assert.equal(await versions(), n, 'nothing written');
  // a wrong header, a missing csv, a csv that is not a string
  const e3 = await (await byRole('admin').post('api/prices/import', { csv: 'a;b\n' })).json();
  assert.match(e3.error.detail, /line 1/);
  const miss = await assertJsonError(await byRole('admin').post('api/prices/import', {}), 422);
  assert.equal(miss.field, 'csv');
  const num = await byRole('admin').post('api/prices/import', { csv: 5 });
  assert.ok(num.status === 400 || num.status === 422);
  assert.equal((await num.json()).error.field, 'csv');
  for (const role of ['worker', 'decision_maker', 'client'])
    await assertJsonError(await byRole(role).post('api/prices/import', { csv: HEADER }), 403, 'forbidden');
  assert.equal(await versions(), n);
});

test('GET /api/prices/export: CSV for staff, the round trip adds nothing', async () => {
  for (const role of ['admin', 'finance', 'decision_maker', 'worker']) {
    const res = await byRole(role).get('api/prices/export?date=2026-06-01');
    assert.equal(res.status, 200, role);
    assert.match(res.headers.get('content-type'), /^text\/csv/);
    assert.match(res.headers.get('content-disposition'), /^attachment; filename="prices-2026-06-01\.csv"/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    assert.deepEqual([...bytes.slice(0, 3)], [0xef, 0xbb, 0xbf], 'BOM');
    const text = new TextDecoder().decode(bytes);
    const lines = text.split('\r\n');
    assert.equal(lines[0], HEADER);
    assert.equal(lines.length, 12, 'header, ten rows, and the last line end');
    assert.match(text, /\r\npersonal_assistance;hour;\d+,\d\d;commitment;2026-01-01;\r\n/);
  }
  const today = await byRole('worker').get('api/prices/export');
  assert.equal(today.status, 200);
  const csv = await today.text();
  const n = await versions();
  const res = await byRole('admin').post('api/prices/import', { csv });
  assert.deepEqual(await res.json(), { added: 0, skipped: 10 });
  assert.equal(await versions(), n);
  for (const role of ['client', 'representative', 'provider_user'])
    await assertJsonError(await byRole(role).get('api/prices/export'), 403, 'forbidden');
  const bad = await assertJsonError(await byRole('worker').get('api/prices/export?date=x'), 422);
  assert.equal(bad.field, 'date');
});

test('POST /api/prices: implausible unit prices and years are refused, naming the bound', async () => {
  const e = await fieldError(await byRole('finance').post('api/prices',
    { ...NEW, unit_price: 900000000000000 }), 'unit_price');	// 9 000 000 000 000 € in cents
  assert.match(e.message, /1 000 000,00/);
  await fieldError(await byRole('finance').post('api/prices',
    { ...NEW, unit_price: 100000001 }), 'unit_price');
  await fieldError(await byRole('finance').post('api/prices',
    { ...NEW, valid_from: '1900-01-01' }), 'valid_from');
});
