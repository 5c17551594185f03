// API tests of Idempotency-Key (app/idem.h): a write sent again with the
// same key gets the first answer and writes nothing again; the same key
// with another request, a malformed key, and keys of another user.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, session, assertJsonError } from './lib.mjs';

let srv;
before(async () => { srv = await startServer({ demo: true }); });
after(async () => { await srv?.stop(); });

// Sign in; resolves a function sending JSON requests with the session.
async function signIn(username) {
  const s = await session(srv, username);
  return (method, path, body, headers = {}) => s.request(method, path, body, headers);
}

const client = { hetu: '010190-984D', first_name: 'Ilona', last_name: 'Idempotentti',
  lang: 'fi', municipality: 'Porvoo' };

test('a retried create answers the first response and creates one client', async () => {
  const maria = await signIn('maria.nieminen');
  const key = { 'idempotency-key': 'create-ilona-1' };
  const first = await maria('POST', '/api/clients', client, key);
  assert.equal(first.status, 201);
  const a = await first.json();
  assert.equal(first.headers.get('idempotent-replayed'), null);

  const again = await maria('POST', '/api/clients', client, key);
  assert.equal(again.status, 201);
  assert.equal(again.headers.get('idempotent-replayed'), 'true');
  assert.deepEqual(await again.json(), a);

  const found = await (await maria('POST', '/api/clients/search', { q: 'Idempotentti' })).json();
  assert.equal(found.items.length, 1, 'one client, not two');

  // Without a key the same body is a new request: the duplicate is refused.
  await assertJsonError(await maria('POST', '/api/clients', client), 409);
});

test('the same key with another request, or a malformed key, is refused', async () => {
  const maria = await signIn('maria.nieminen');
  const key = { 'idempotency-key': 'create-other-1' };
  const other = { ...client, hetu: '020290-985W', first_name: 'Toinen' };
  assert.equal((await maria('POST', '/api/clients', other, key)).status, 201);
  const e = await assertJsonError(
    await maria('POST', '/api/clients', { ...other, first_name: 'Kolmas' }, key), 422);
  assert.equal(e.field, 'Idempotency-Key');
  const e2 = await assertJsonError(
    await maria('POST', '/api/clients', other, { 'idempotency-key': 'x'.repeat(129) }), 422);
  assert.equal(e2.field, 'Idempotency-Key');
  const found = await (await maria('POST', '/api/clients/search', { q: 'Idempotentti' })).json();
  assert.ok(!found.items.some((c) => c.first_name === 'Kolmas'), 'the mismatch wrote nothing');
});

test('keys are per user: another user\'s request with the same key runs on its own', async () => {
  const maria = await signIn('maria.nieminen');
  const tomas = await signIn('tomas.gronqvist');
  const key = { 'idempotency-key': 'shared-key-1' };
  const body = { ...client, hetu: '030390-986C', first_name: 'Kolmas' };
  const r1 = await maria('POST', '/api/clients', body, key);
  assert.equal(r1.status, 201);
  // tomas's identical request is not answered with maria's client: it runs,
  // and the identity code is already taken.
  const r2 = await tomas('POST', '/api/clients', body, key);
  assert.equal(r2.headers.get('idempotent-replayed'), null);
  await assertJsonError(r2, 409);
});
