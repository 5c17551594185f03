// API tests for the organiser's settings (GET/PUT /api/settings, the admin
// only; app/settings.c): what GET answers goes back with PUT unchanged; a
// member left out keeps its value, "" clears one; the page /settings shows
// what the API set; each refusal names its field and writes nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, assertJsonError, fieldError, ok, sessions } from './lib.mjs';

let srv, as;
const ADMIN = 'admin', W = 'maria.nieminen', PROV = 'kari.makela';
const put = (body, key) => as[ADMIN].request('PUT', 'api/settings', body,
  { 'idempotency-key': key });

before(async () => {
  srv = await startServer({ demo: true });
  as = await sessions(srv, [ADMIN, W, PROV]);
});
after(async () => { await srv?.stop(); });

test('the admin reads and sets them; a round trip changes nothing', async () => {
  const first = await ok(await as[ADMIN].get('api/settings'));
  assert.deepEqual(Object.keys(first).sort(),
    ['a11y_email', 'dispute_days', 'registry_address', 'registry_email', 'registry_hours']);
  const want = { registry_address: 'Kirjaamo, PL 1, 00001 Hyvinvointialue',
    registry_email: 'kirjaamo@hyvinvointialue.example', registry_hours: 'ma–pe 9–15',
    a11y_email: 'saavutettavuus@hyvinvointialue.example', dispute_days: 21 };
  assert.deepEqual(await ok(await put(want, 's-1')), want);
  assert.deepEqual(await ok(await as[ADMIN].get('api/settings')), want);
  assert.deepEqual(await ok(await put(await ok(await as[ADMIN].get('api/settings')), 's-2')), want);
  // left out: kept; "": cleared
  const part = await ok(await put({ registry_hours: '' }, 's-3'));
  assert.deepEqual(part, { ...want, registry_hours: '' });
  const page = await (await as[ADMIN].get('settings')).text();
  assert.match(page, /kirjaamo@hyvinvointialue\.example/);
});

test('refusals name the field and write nothing; only the admin', async () => {
  const now = await ok(await as[ADMIN].get('api/settings'));
  await fieldError(await put({ registry_hours: 'ma\nti' }, 's-4'), 'registry_hours');
  await fieldError(await put({ registry_email: 'x'.repeat(300) }, 's-5'), 'registry_email');
  await fieldError(await put({ smtp_password: 'x' }, 's-6'), 'smtp_password');
  await fieldError(await put({ a11y_email: 12 }, 's-7'), 'a11y_email');
  await fieldError(await put({ dispute_days: 0 }, 's-8'), 'dispute_days');
  await fieldError(await put({ dispute_days: 366 }, 's-9'), 'dispute_days');
  assert.deepEqual(await ok(await as[ADMIN].get('api/settings')), now, 'nothing written');
  await assertJsonError(await as[W].get('api/settings'), 403);
  await assertJsonError(await as[PROV].request('PUT', 'api/settings', { a11y_email: '' },
    { 'idempotency-key': 's-8' }), 403);
  assert.equal((await fetch(srv.url + 'api/settings')).status, 401);
});
