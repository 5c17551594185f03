// API tests for the organiser's settings (GET/PUT /api/settings, the admin
// only; app/settings.c): what GET answers goes back with PUT unchanged; a
// member left out keeps its value, "" clears one; the page /settings shows
// what the API set; each refusal names its field and writes nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, assertJsonError, fieldError, ok, sessions } from './lib.mjs';

let srv, as;
const ADMIN = 'admin', W = 'maria.nieminen', PROV = 'kari.makela', DM = 'johanna.ek';
const ELIN = 2;	// a Swedish-speaking client of the worker
const put = (body, key) => as[ADMIN].request('PUT', 'api/settings', body,
  { 'idempotency-key': key });

before(async () => {
  srv = await startServer({ demo: true });
  as = await sessions(srv, [ADMIN, W, PROV, DM]);
});
after(async () => { await srv?.stop(); });

test('the admin reads and sets them; a round trip changes nothing', async () => {
  const first = await ok(await as[ADMIN].get('api/settings'));
  assert.deepEqual(Object.keys(first).sort(), ['a11y_email', 'a11y_phone',
    'a11y_supervisor_fi', 'a11y_supervisor_sv', 'a11y_supervisor_url', 'appeal_address_fi',
    'appeal_address_sv', 'appeal_name_fi', 'appeal_name_sv', 'dispute_days', 'logo_version',
    'missing', 'organiser_name', 'registry_address', 'registry_address_sv', 'registry_email',
    'registry_hours', 'registry_hours_sv', 'registry_phone']);
  assert.deepEqual(first.missing, [], 'the demo sets them all');
  const want = { ...first, registry_address: 'Kirjaamo, PL 1, 00101 Hyvinvointialue',
    registry_email: 'kirjaamo@hyvinvointialue.example', registry_hours: 'ma–pe 9–15',
    registry_phone: '+358 9 123 4567', a11y_email: 'saavutettavuus@hyvinvointialue.example',
    a11y_supervisor_url: 'https://valvonta.example', dispute_days: 21 };
  assert.deepEqual(await ok(await put(want, 's-1')), want);
  assert.deepEqual(await ok(await as[ADMIN].get('api/settings')), want);
  assert.deepEqual(await ok(await put(await ok(await as[ADMIN].get('api/settings')), 's-2')), want);
  // left out: kept; "": cleared, and then listed as missing
  const part = await ok(await put({ registry_hours: '', appeal_name_sv: '' }, 's-3'));
  assert.deepEqual(part, { ...want, registry_hours: '', appeal_name_sv: '',
    missing: ['registry_hours', 'appeal_name_sv'] });
  const page = await (await as[ADMIN].get('settings')).text();
  assert.match(page, /kirjaamo@hyvinvointialue\.example/);
});

test('refusals name the field and write nothing; only the admin', async () => {
  const now = await ok(await as[ADMIN].get('api/settings'));
  await fieldError(await put({ registry_hours: 'ma\nti' }, 's-4'), 'registry_hours');
  await fieldError(await put({ registry_email: 'x'.repeat(300) }, 's-5'), 'registry_email');
  await fieldError(await put({ smtp_password: 'x' }, 's-6'), 'smtp_password');
  await fieldError(await put({ a11y_email: 12 }, 's-7'), 'a11y_email');
  await fieldError(await put({ registry_email: 'kirjaamo(at)example.fi' }, 's-7a'), 'registry_email');
  await fieldError(await put({ registry_phone: 'soita meille' }, 's-7b'), 'registry_phone');
  await fieldError(await put({ a11y_phone: '12' }, 's-7c'), 'a11y_phone');
  await fieldError(await put({ a11y_supervisor_url: 'http://x.example' }, 's-7d'), 'a11y_supervisor_url');
  await fieldError(await put({ logo_version: 7 }, 's-7e'), 'logo_version');
  await fieldError(await put({ dispute_days: 0 }, 's-8'), 'dispute_days');
  await fieldError(await put({ dispute_days: 366 }, 's-9'), 'dispute_days');
  assert.deepEqual(await ok(await as[ADMIN].get('api/settings')), now, 'nothing written');
  await assertJsonError(await as[W].get('api/settings'), 403);
  await assertJsonError(await as[PROV].request('PUT', 'api/settings', { a11y_email: '' },
    { 'idempotency-key': 's-8' }), 403);
  assert.equal((await fetch(srv.url + 'api/settings')).status, 401);
});

test('a decision is not approved while what it prints in its language is unset', async () => {
  const worker = as[W];
  await ok(await worker.post(`/api/clients/${ELIN}/offer`, { offered_on: '2026-11-02',
    services: ['personal_assistance'], note: '' }), 201);
  const a = await worker.post(`/api/clients/${ELIN}/offer/answer`, { answer: 'all' });
  assert.ok(a.status === 200 || a.status === 201, await a.text());
  const p = await ok(await worker.post(`/api/clients/${ELIN}/plans`, { label: 'A',
    valid_from: '2027-01-01', valid_to: '2027-12-31', review_date: '2027-10-01',
    client_fee: 0, reasoning: 'Behovet har bedömts.' }), 201);
  await ok(await worker.post(`/api/plans/${p.id}/lines`, { service: 'personal_assistance', quantity: 10 }), 201);
  await ok(await worker.post(`/api/plans/${p.id}/propose`, {}));
  const password = srv.accounts.find((x) => x.username === DM).password;
  await ok(await put({ appeal_name_sv: 'Helsingfors förvaltningsdomstol' }, 's-9a'));
  const now = await ok(await as[ADMIN].get('api/settings'));
  await ok(await put({ appeal_address_sv: '', registry_hours: '' }, 's-10'));
  // a Swedish decision: the Swedish court address is missing (the Finnish hours do not matter)
  await fieldError(await as[DM].post(`/api/plans/${p.id}/approve`, { password }),
    'appeal_address_sv', 409);
  assert.equal((await ok(await as[DM].get(`/api/plans/${p.id}`))).state, 'proposed');
  await ok(await put({ appeal_address_sv: now.appeal_address_sv }, 's-11'));
  assert.equal((await ok(await as[DM].post(`/api/plans/${p.id}/approve`, { password }))).state, 'approved');
});
