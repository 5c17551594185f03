// API tests for the rulebook: the demo's version in force (accepted by
// Apuviisas, whose admin is kari.makela; the other demo providers have not
// accepted it and are flagged in the register), adding a version (who may,
// its date, its parts), the provider's admin accepting it once, the
// register's flags before and after, and each refusal writing nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, assertJsonError, fieldError, ok, sessions } from './lib.mjs';

let srv, as;
const W = 'maria.nieminen', ADMIN = 'admin', DM = 'johanna.ek', PROV = 'kari.makela';
const FUTURE = '2099-01-01';
const VERSION = {
  effective_on: FUTURE, general_fi: 'Uudet yleiset ehdot.', general_sv: 'Nya allmänna villkor.',
  parts: [{ service: 'transport', fi: 'Kuljetuksen ehdot.', sv: 'Villkor för transport.' }],
};

before(async () => {
  srv = await startServer({ demo: true });
  as = await sessions(srv, [W, ADMIN, DM, PROV]);
});
after(async () => { await srv?.stop(); });

const register = async () => (await ok(await as[W].get('api/providers?limit=200'))).items;
const byName = (items, name) => items.find((p) => p.name.startsWith(name));
const own = async () => ok(await as[PROV].get('api/providers/1'));
let added;

test('the demo: one version in force, accepted by Apuviisas, the others flagged', async () => {
  const list = await ok(await as[PROV].get('api/rulebook'));
  assert.equal(list.items.length, 1);
  const v = list.items[0];
  assert.equal(v.status, 'in_force');
  assert.match(v.general.fi, /sääntökirjaa/);
  assert.match(v.general.sv, /regelbok/);
  assert.equal(v.parts[0].service, 'personal_assistance');
  const items = await register();
  const apu = byName(items, 'Apuviisas');
  assert.equal(apu.rulebook_accepted, v.effective_on);
  assert.equal(apu.rulebook_missing, false);
  const tuki = byName(items, 'Tukitupa');
  assert.equal(tuki.rulebook_accepted, null);
  assert.equal(tuki.rulebook_missing, true);
  assert.equal(tuki.rulebook_overdue, true);
  const p = await own();
  assert.equal(p.can.accept_rulebook, true);
  assert.equal(p.rulebook.accepted.length, 1);
  assert.equal(p.rulebook.accepted[0].accepted_by_name.length > 0, true);
});

test('adding a version: the worker or the admin, from today on, once per date', async () => {
  await assertJsonError(await as[PROV].post('api/rulebook', VERSION,
    { 'idempotency-key': 'rb-1' }), 403);
  await assertJsonError(await as[DM].post('api/rulebook', VERSION,
    { 'idempotency-key': 'rb-2' }), 403);
  await fieldError(await as[W].post('api/rulebook', { ...VERSION, effective_on: '2020-01-01' },
    { 'idempotency-key': 'rb-3' }), 'effective_on');
  await fieldError(await as[W].post('api/rulebook', { ...VERSION, general_sv: '' },
    { 'idempotency-key': 'rb-4' }), 'general_sv');
  await fieldError(await as[W].post('api/rulebook',
    { ...VERSION, parts: [{ service: 'no_such', fi: 'a', sv: 'b' }] },
    { 'idempotency-key': 'rb-5' }), 'parts');
  assert.equal((await ok(await as[W].get('api/rulebook'))).items.length, 1, 'nothing written');
  const res = await as[W].post('api/rulebook', VERSION, { 'idempotency-key': 'rb-6' });
  added = await ok(res, 201);
  assert.match(res.headers.get('location'), new RegExp(`/api/rulebook/${added.id}$`));
  assert.equal(added.status, 'upcoming');
  assert.equal(added.parts[0].sv, 'Villkor för transport.');
  await fieldError(await as[ADMIN].post('api/rulebook', VERSION,
    { 'idempotency-key': 'rb-7' }), 'effective_on', 409);
  const got = await ok(await as[PROV].get(`api/rulebook/${added.id}`));
  assert.equal(got.effective_on, FUTURE);
});

test('the register flags the provider until its admin accepts the newest', async () => {
  let apu = byName(await register(), 'Apuviisas');
  assert.equal(apu.rulebook_missing, true);
  assert.equal(apu.rulebook_overdue, false, 'its date has not come');
  assert.deepEqual((await own()).rulebook.to_accept, [added.id]);

  await assertJsonError(await as[W].post('api/providers/1/rulebook', { rulebook_id: added.id },
    { 'idempotency-key': 'rb-8' }), 403);
  await assertJsonError(await as[PROV].post('api/providers/2/rulebook', { rulebook_id: added.id },
    { 'idempotency-key': 'rb-9' }), 404);
  await fieldError(await as[PROV].post('api/providers/1/rulebook', { rulebook_id: 999999 },
    { 'idempotency-key': 'rb-10' }), 'rulebook_id');
  await fieldError(await as[PROV].post('api/providers/1/rulebook', {},
    { 'idempotency-key': 'rb-11' }), 'rulebook_id');
  assert.equal((await own()).rulebook.accepted.length, 1, 'nothing written');

  const p = await ok(await as[PROV].post('api/providers/1/rulebook', { rulebook_id: added.id },
    { 'idempotency-key': 'rb-12' }), 201);
  assert.equal(p.rulebook.accepted.length, 2);
  assert.equal(p.rulebook.accepted[0].rulebook_id, added.id);
  assert.equal(p.rulebook.missing, false);
  assert.deepEqual(p.rulebook.to_accept, []);
  await fieldError(await as[PROV].post('api/providers/1/rulebook', { rulebook_id: added.id },
    { 'idempotency-key': 'rb-13' }), 'rulebook_id', 409);
  apu = byName(await register(), 'Apuviisas');
  assert.equal(apu.rulebook_missing, false);
  assert.equal(apu.rulebook_accepted, FUTURE);
});
