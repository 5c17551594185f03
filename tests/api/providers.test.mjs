// API tests for the provider register and approvals (src/api/providers.c):
// the public list without signing in (only approved providers, with price,
// languages, locations; no personal data anywhere in it), the register for
// staff, each bad identifier refused naming its field with nothing
// written, the provider user reading its own provider only, applications
// and decisions with their history, and the transitions core/state.c
// refuses.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, assertJsonError, fieldError, ok, sessions } from './lib.mjs';

let srv, as;
const W = 'maria.nieminen', ADMIN = 'admin', DM = 'johanna.ek', PROV = 'kari.makela';
const CLIENT = 'matti.korhonen';
const PUBLIC = 'api/public/providers?service=personal_assistance&municipality=Porvoo';

before(async () => {
  srv = await startServer({ demo: true });
  as = await sessions(srv, [W, ADMIN, DM, PROV, CLIENT, 'pekka.salonen']);
});
after(async () => { await srv?.stop(); });

const count = async () => (await ok(await as[W].get('api/providers?limit=200'))).items.length;

const NEW = {
  kind: 'association', name: 'Avustajat ry', ytunnus: '9612345-0',
  ovt: '003796123450', iban: 'FI4950009420028730', bic: 'OKOYFIHH',
  email: 'toimisto@avustajat.example', phone: '019 555 0404', languages: ['fi', 'sv'],
  areas: ['Porvoo', 'Askola'],
  locations: [{ name: 'Avustajat', address: 'Kauppatori 1, Porvoo', municipality: 'Porvoo',
    step_free: true, hearing_loop: true }],
  prices: [{ service: 'personal_assistance', unit: 'hour', unit_price: 3300, valid_from: '2026-01-01' }],
};

test('the public list: approved providers with price, languages and locations, no sign-in', async () => {
  const res = await fetch(srv.url + PUBLIC);
  const body = await ok(res);
  assert.deepEqual(body.items.map((p) => p.name), ['Apuviisas Oy', 'Stiftelsen Solgläntan sr']);
  const apu = body.items[0];
  assert.deepEqual(apu.languages, ['fi', 'en']);
  assert.equal(apu.price.unit_price, 3150);
  assert.equal(apu.price.unit, 'hour');
  assert.equal(apu.locations[0].step_free, true);
  assert.equal(body.next_cursor, null);
  // a page of one, then the next
  const one = await ok(await fetch(srv.url + PUBLIC + '&limit=1'));
  assert.equal(one.items.length, 1);
  assert.equal(one.next_cursor, '1');
  const two = await ok(await fetch(srv.url + PUBLIC + '&limit=1&cursor=1'));
  assert.equal(two.items[0].name, 'Stiftelsen Solgläntan sr');
  // applied (Solgläntan, day activities) and rejected (Tukitupa, transport) are not listed
  const day = await ok(await fetch(srv.url + 'api/public/providers?service=day_activities&municipality=Porvoo'));
  assert.deepEqual(day.items.map((p) => p.name), ['Tukitupa ry']);
  for (const same of ['Borgå', 'porvoo', '638']) {
    const d = await ok(await fetch(srv.url + 'api/public/providers?service=day_activities&municipality=' +
      encodeURIComponent(same)));
    assert.deepEqual(d.items, day.items, `${same} is Porvoo`);
  }
  await fieldError(await fetch(srv.url + 'api/public/providers?service=day_activities&municipality=Borga'),
    'municipality');
  const tr = await ok(await fetch(srv.url + 'api/public/providers?service=transport&municipality=Loviisa'));
  assert.deepEqual(tr.items, []);
  await fieldError(await fetch(srv.url + 'api/public/providers?service=nope&municipality=Porvoo'), 'service');
  await fieldError(await fetch(srv.url + 'api/public/providers?service=transport'), 'municipality');
  await fieldError(await fetch(srv.url + PUBLIC + '&date=2026-02-30'), 'date');
});

test('the public list shows no personal data', async () => {
  const texts = [];
  for (const [s, m] of [['personal_assistance', 'Porvoo'], ['day_activities', 'Loviisa'],
    ['home_care', 'Porvoo'], ['supported_housing', 'Porvoo'], ['personal_assistance', 'Sipoo']])
    texts.push(await (await fetch(srv.url + `api/public/providers?service=${s}&municipality=${m}`)).text());
  texts.push(await (await fetch(srv.url + 'providers?service=personal_assistance&municipality=Porvoo')).text());
  const all = texts.join('\n');
  assert.match(all, /Apuviisas Oy/);
  for (const a of srv.accounts) {
    assert.ok(!all.includes(a.username), `user name ${a.username}`);
    assert.ok(!all.includes(a.display_name), `name ${a.display_name}`);
  }
  for (const hetu of ['140387-901Y', '021195-9422', '210604A9579', '300962-9132', '080178-926Y'])
    assert.ok(!all.includes(hetu), hetu);
  for (const name of ['Korhonen', 'Lindholm', 'Virtanen', 'Sundström', 'Heikkinen'])
    assert.ok(!all.includes(name), name);
  assert.doesNotMatch(all, /\b\d{6}[-+A-F]\d{3}[0-9A-Y]\b/, 'no identity code');
});

test('the register: a worker adds a provider, reads and changes it', async () => {
  const before = await count();
  const res = await as[W].post('api/providers', NEW, { 'idempotency-key': 'prov-new-1' });
  const p = await ok(res, 201);
  assert.equal(res.headers.get('location'), `/api/providers/${p.id}`);
  assert.equal(p.kind, 'association');
  assert.deepEqual(p.areas, ['Askola', 'Porvoo']);
  assert.equal(p.prices[0].unit_price, 3300);
  assert.equal(p.locations[0].hearing_loop, true);
  assert.equal(p.approvals.length, 0);
  assert.equal(await count(), before + 1);
  const ch = await ok(await as[ADMIN].patch(`api/providers/${p.id}`, { phone: '040 123 4567', areas: ['Porvoo'] }));
  assert.equal(ch.phone, '040 123 4567');
  assert.deepEqual(ch.areas, ['Porvoo']);
  assert.equal(ch.name, NEW.name, 'members left out keep their values');
  const again = await as[W].post('api/providers', NEW);
  await fieldError(again, 'ytunnus', 409);
  assert.equal(await count(), before + 1);
});

test('each bad identifier is refused naming its field, and nothing is written', async () => {
  const before = await count();
  const bad = { ytunnus: '9612345-1', iban: 'FI4950009420028731', bic: 'OKOY', ovt: '003796123451',
    email: 'no-at-sign', kind: 'cooperative', languages: ['xx'] };
  for (const [field, value] of Object.entries(bad)) {
    const body = { ...NEW, ytunnus: '9623456-4', [field]: value };
    await fieldError(await as[W].post('api/providers', body), field === 'languages' ? 'languages' : field);
  }
  await fieldError(await as[W].post('api/providers', { ...NEW, ytunnus: '9623456-4',
    prices: [{ service: 'nope', unit: 'hour', unit_price: 1, valid_from: '2026-01-01' }] }), 'prices');
  await fieldError(await as[W].post('api/providers', { ...NEW, ytunnus: '9623456-4', extra: 1 }), 'extra');
  assert.equal(await count(), before);
  // a change with a bad IBAN writes nothing either
  const p1 = await ok(await as[W].get('api/providers/1'));
  await fieldError(await as[W].patch('api/providers/1', { iban: 'FI00', phone: '1' }), 'iban');
  const p2 = await ok(await as[W].get('api/providers/1'));
  assert.equal(p2.phone, p1.phone);
  assert.equal(p2.iban, p1.iban);
});

test('a provider user reads and edits its own provider only', async () => {
  const own = await ok(await as[PROV].get('api/providers/1'));
  assert.equal(own.name, 'Apuviisas Oy');
  assert.equal(own.can.edit, true, 'the demo provider user is its admin');
  assert.equal(own.can.decide, false);
  for (const id of [2, 3])
    await assertJsonError(await as[PROV].get(`api/providers/${id}`), 404);
  await assertJsonError(await as[PROV].patch('api/providers/2', { phone: '1' }), 404);
  await assertJsonError(await as[PROV].post('api/providers/2/approvals',
    { service: 'transport', municipality: 'Porvoo' }), 404);
  await assertJsonError(await as[PROV].get('api/providers'), 403);
  await assertJsonError(await as[PROV].post('api/providers', NEW), 403);
  await assertJsonError(await as[CLIENT].get('api/providers/1'), 403);
  await assertJsonError(await as[DM].post('api/providers', NEW), 403);
  const changed = await ok(await as[PROV].patch('api/providers/1', { website: 'https://apu.example' }));
  assert.equal(changed.website, 'https://apu.example');
});

test('applications and decisions, every step in the history', async () => {
  // the provider's admin applies, the worker decides
  const applied = await ok(await as[PROV].post('api/providers/1/approvals',
    { service: 'transport', municipality: 'Porvoo' }), 201);
  const a = applied.approvals.find((x) => x.service === 'transport' && x.municipality === 'Porvoo');
  assert.equal(a.state, 'applied');
  await fieldError(await as[PROV].post('api/providers/1/approvals',
    { service: 'transport', municipality: 'Porvoo' }), 'service', 409);
  await assertJsonError(await as[PROV].post(`api/approvals/${a.id}/decision`, { state: 'approved' }), 403);
  await assertJsonError(await as[DM].post(`api/approvals/${a.id}/decision`, { state: 'approved' }), 403);
  await fieldError(await as[W].post(`api/approvals/${a.id}/decision`, { state: 'rejected' }), 'reason');
  await fieldError(await as[W].post(`api/approvals/${a.id}/decision`,
    { state: 'suspended', reason: 'x', effective: '2027-01-01' }), 'state', 409);
  const tp = 'api/public/providers?service=transport&municipality=Porvoo';
  assert.equal((await ok(await fetch(srv.url + tp))).items.length, 0);
  await ok(await as[W].post(`api/approvals/${a.id}/decision`, { state: 'approved' }));
  assert.deepEqual((await ok(await fetch(srv.url + tp))).items.map((p) => p.name), ['Apuviisas Oy']);
  await fieldError(await as[W].post(`api/approvals/${a.id}/decision`,
    { state: 'withdrawn', reason: 'Lupa päättyi' }), 'effective');
  const p = await ok(await as[W].post(`api/approvals/${a.id}/decision`,
    { state: 'withdrawn', reason: 'Lupa päättyi', effective: '2099-01-01' }));
  const w = p.approvals.find((x) => x.id === a.id);
  assert.equal(w.state, 'withdrawn');
  assert.deepEqual(w.history.map((e) => e.state), ['applied', 'approved', 'withdrawn']);
  assert.equal(w.history[2].reason, 'Lupa päättyi');
  assert.equal(w.history[1].by, 'Maria Nieminen');
  assert.match(w.history[0].at, /^\d{4}-\d\d-\d\dT/);
  // withdrawn from a later day: still listed today, not on that day
  assert.equal((await ok(await fetch(srv.url + tp))).items.length, 1);
  assert.equal((await ok(await fetch(srv.url + tp + '&date=2099-01-01'))).items.length, 0);
  await assertJsonError(await as[W].post('api/approvals/999999/decision', { state: 'approved' }), 404);
});
