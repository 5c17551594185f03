// API tests for the public application (POST /api/applications, no
// sign-in; src/api/providers.c, app/provider.c bud_provider_application):
// one write makes the provider, its admin account and an approval in state
// applied per service and municipality; the applicant signs in as the
// provider's admin. Each bad field is refused naming it, with nothing
// written (no provider, no account).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, fieldError, ok, session, sessions } from './lib.mjs';

let srv, as;
const W = 'maria.nieminen';
const PASS = 'Hakemus-Porvoo-Avustaja-77';

before(async () => {
  srv = await startServer({ demo: true });
  as = await sessions(srv, [W]);
});
after(async () => { await srv?.stop(); });

const APP = () => ({
  kind: 'association', name: 'Avustajat ry', ytunnus: '9612345-0',
  ovt: '003796123450', iban: 'FI4950009420028730', bic: 'OKOYFIHH',
  email: 'toimisto@avustajat.example', phone: '019 555 0404', languages: ['fi', 'sv'],
  areas: ['Porvoo', 'Askola'], register_name: 'soteri', register_no: 'S-1234',
  register_date: '2025-11-03',
  wants: [{ service: 'personal_assistance', municipality: 'Porvoo' },
    { service: 'day_activities', municipality: 'Askola' }],
  username: 'avustajat.admin', display_name: 'Aino Avustaja', password: PASS, lang: 'fi',
});

const post = (body) => fetch(srv.url + 'api/applications', {
  method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body),
});
const count = async () => (await ok(await as[W].get('api/providers?limit=200'))).items.length;
const signIn = (username, password) => fetch(srv.url + 'api/session', {
  method: 'POST', headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ username, password }),
});

test('each bad field is refused naming it, and nothing is written', async () => {
  const before = await count();
  const cases = [
    ['ytunnus', { ytunnus: '9612345-1' }],
    ['ytunnus', { ytunnus: '' }],
    ['iban', { iban: 'FI4950009420028731' }],
    ['ovt', { ovt: '0037961234' }],
    ['bic', { bic: 'OK' }],
    ['kind', { kind: 'cartel' }],
    ['name', { name: '' }],
    ['email', { email: 'no-at-sign' }],
    ['languages', { languages: ['xx'] }],
    ['register_name', { register_name: 'other' }],
    ['register_date', { register_date: '2025-02-30' }],
    ['wants', { wants: [] }],
    ['service', { wants: [{ service: 'nope', municipality: 'Porvoo' }] }],
    ['municipality', { wants: [{ service: 'transport', municipality: '' }] }],
    ['username', { username: 'Bad Name' }],
    ['username', { username: 'maria.nieminen' }],
    ['display_name', { display_name: '' }],
    ['password', { password: 'short' }],
    ['password', { password: 'password123456' }],
    ['password', { password: 'avustajat.admin1' }],
    ['lang', { lang: 'de' }],
    ['extra', { extra: 1 }],
  ];
  for (const [field, change] of cases) {
    const res = await post({ ...APP(), ...change });
    assert.ok(res.status === 422 || res.status === 409 || res.status === 400,
      `${field}: ${res.status}`);
    await fieldError(res, field, res.status);
  }
  assert.equal(await count(), before, 'no provider written');
  assert.equal((await signIn('avustajat.admin', PASS)).status, 401, 'no account written');
});

test('an application makes the provider, its admin and the approvals applied', async () => {
  const res = await post(APP());
  const body = await ok(res, 201);
  assert.equal(body.state, 'applied');
  assert.equal(body.username, 'avustajat.admin');
  assert.equal(res.headers.get('location'), `/api/providers/${body.provider_id}`);
  const admin = await session(srv, 'avustajat.admin', PASS);
  assert.equal(admin.me.user.role, 'provider_user');
  const p = await ok(await admin.get(`api/providers/${body.provider_id}`));
  assert.equal(p.name, 'Avustajat ry');
  assert.equal(p.ytunnus, '9612345-0');
  assert.equal(p.register_name, 'soteri');
  assert.equal(p.register_no, 'S-1234');
  assert.deepEqual(p.areas, ['Askola', 'Porvoo']);
  assert.deepEqual(p.approvals.map((a) => [a.service, a.municipality, a.state]).sort(),
    [['day_activities', 'Askola', 'applied'], ['personal_assistance', 'Porvoo', 'applied']]);
  assert.equal(p.approvals[0].history[0].by, 'Aino Avustaja');
  assert.equal(p.can.apply, true, 'the applicant is the provider admin');
  // the worker sees it in the register
  const reg = await ok(await as[W].get('api/providers?limit=200'));
  assert.ok(reg.items.some((i) => i.id === body.provider_id));
  // the same Y-tunnus again: 409 naming it, nothing more written
  const n = await count();
  await fieldError(await post({ ...APP(), username: 'toinen.admin' }), 'ytunnus', 409);
  assert.equal(await count(), n);
  assert.equal((await signIn('toinen.admin', PASS)).status, 401);
});
