// API tests for clients, representatives' mandates, the client's own
// account and the client's use log. maria.nieminen (unit "Vammaispalvelut,
// Porvoo") has Matti Korhonen (1), Elin Lindholm (2), Aleksi Virtanen (3)
// and Henrik Sundström (4); tomas.gronqvist (another unit) has Sanna
// Heikkinen (5) only. Every route: success, each missing and malformed
// field named, a wrong role 403, another unit's client 404 with nothing
// written (read back as the right user).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, assertJsonError, ok, fieldError, session, sessions } from './lib.mjs';

let srv;
let as;		// username -> signed-in session (lib.mjs session())
const MATTI = 1, ELIN = 2, ALEKSI = 3, HENRIK = 4, SANNA = 5;
const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Helsinki' });

const uselog = async (user, id) => (await ok(await as[user].get(`/api/clients/${id}/uselog`))).items;

before(async () => {
  srv = await startServer({ demo: true });
  as = await sessions(srv, ['maria.nieminen', 'tomas.gronqvist', 'johanna.ek', 'pekka.salonen',
    'admin', 'kari.makela', 'matti.korhonen', 'liisa.virtanen']);
});
after(async () => { await srv.stop(); });

test('GET /api/clients and POST /api/clients/search: reach, Finnish order, masked codes, search rules', async () => {
  const find = async (u, q, more = {}) =>
    (await ok(await as[u].post('/api/clients/search', { q, ...more }))).items;
  const mine = (await ok(await as['maria.nieminen'].get('/api/clients'))).items;
  assert.deepEqual(mine.map((c) => c.last_name), ['Korhonen', 'Lindholm', 'Sundström', 'Virtanen']);
  assert.ok(mine.every((c) => /^\d{6}[-+A-FU-Y]\*{4}$/.test(c.hetu_masked) && c.hetu === undefined));
  assert.deepEqual((await find('maria.nieminen', '')).map((c) => c.id), mine.map((c) => c.id),
    'an empty q: every client in reach');
  assert.equal((await find('maria.nieminen', 'heikk')).length, 0);
  const t = await find('tomas.gronqvist', 'HEIKK');
  assert.deepEqual(t.map((c) => c.id), [SANNA]);
  const byHetu = await find('johanna.ek', '080178-926Y');
  assert.deepEqual(byHetu.map((c) => c.id), [SANNA]);
  assert.equal(byHetu[0].hetu_masked, '080178-****');
  const sund = await find('maria.nieminen', 'sundstrom');
  assert.equal(sund.length, 0, 'ö is a letter of its own');
  const sund2 = await find('maria.nieminen', 'SUNDSTRÖM henrik');
  assert.deepEqual(sund2.map((c) => c.id), [HENRIK]);
  const page1 = await ok(await as['maria.nieminen'].post('/api/clients/search',
    { mine: true, limit: 2 }));
  assert.equal(page1.items.length, 2);
  const page2 = await ok(await as['maria.nieminen'].post('/api/clients/search',
    { mine: true, limit: 2, cursor: page1.next_cursor }));
  assert.deepEqual([...page1.items, ...page2.items].map((c) => c.id), mine.map((c) => c.id));

  // A name or identity code must never travel in a URL: GET refuses q.
  for (const q of ['080178-926Y', 'heikk', ''])
    assert.match((await fieldError(await as['johanna.ek'].get(
      `/api/clients?q=${encodeURIComponent(q)}`), 'q')).message, /POST \/api\/clients\/search/);
  await fieldError(await as['maria.nieminen'].post('/api/clients/search', { q: 'k' }), 'q');
  await fieldError(await as['maria.nieminen'].post('/api/clients/search', { q: '080178-926X' }), 'q');
  await fieldError(await as['maria.nieminen'].post('/api/clients/search', { mine: 'perhaps' }), 'mine');
  await fieldError(await as['maria.nieminen'].get('/api/clients?mine=perhaps'), 'mine');
  const replay = await as['maria.nieminen'].post('/api/clients/search', { q: 'korh' },
    { 'idempotency-key': 'search-1' });
  assert.equal((await ok(replay)).items.length, 1);
  const again = await as['maria.nieminen'].post('/api/clients/search', { q: 'virt' },
    { 'idempotency-key': 'search-1' });
  assert.equal(again.headers.get('idempotent-replayed'), null, 'a search keeps no answer');
  assert.equal((await ok(again)).items[0].last_name, 'Virtanen');
  for (const u of ['matti.korhonen', 'liisa.virtanen', 'pekka.salonen', 'admin', 'kari.makela'])
    await assertJsonError(await as[u].post('/api/clients/search', { q: 'korh' }), 403, 'forbidden');
  for (const u of ['matti.korhonen', 'liisa.virtanen', 'pekka.salonen', 'admin', 'kari.makela'])
    await assertJsonError(await as[u].get('/api/clients'), 403, 'forbidden');

  // A list is one use-log row for the screen (client:list, no client), not
  // a row per client listed: the client's own log does not show it.
  const log = await uselog('matti.korhonen', MATTI);
  assert.ok(!log.some((r) => r.object === 'client:search' || r.object === 'client:list'));
});

test('POST /api/clients: create, fields named, duplicate 409, roles', async () => {
  const body = { hetu: '131052-308T', first_name: 'Åsa', last_name: 'Åberg', lang: 'sv',
    easy_read: true, email: 'asa@example.fi', phone: '+358 40 123 4567',
    municipality: 'Porvoo', address: 'Testgatan 1', communication: 'Tolk' };
  const before = (await ok(await as['maria.nieminen'].get('/api/clients'))).items.length;
  for (const f of ['hetu', 'first_name', 'last_name']) {
    const b = { ...body };
    delete b[f];
    await fieldError(await as['maria.nieminen'].post('/api/clients', b), f);
  }
  const bad = { hetu: '131052-308U', lang: 'en', easy_read: 'maybe', email: 'no-at',
    phone: 'call me', worker_id: 'x', first_name: 7 };
  for (const [f, v] of Object.entries(bad))
    await fieldError(await as['maria.nieminen'].post('/api/clients', { ...body, [f]: v }), f);
  await fieldError(await as['maria.nieminen'].post('/api/clients', { ...body, worker_id: 8 }), 'worker_id');
  // Names are one line of visible text: no line break, no bidi override.
  const nl = await fieldError(await as['maria.nieminen'].post('/api/clients',
    { ...body, last_name: 'Åberg\nAdmin' }), 'last_name');
  assert.doesNotMatch(nl.message, /pitkä|long/);
  await fieldError(await as['maria.nieminen'].post('/api/clients',
    { ...body, first_name: 'Åsa\u202Egnp.exe' }), 'first_name');
  for (const u of ['johanna.ek', 'matti.korhonen', 'liisa.virtanen', 'admin', 'pekka.salonen'])
    await assertJsonError(await as[u].post('/api/clients', body), 403, 'forbidden');
  assert.equal((await ok(await as['maria.nieminen'].get('/api/clients'))).items.length, before,
    'nothing written by the refusals');

  const c = await ok(await as['maria.nieminen'].post('/api/clients', body), 201);
  assert.equal(c.hetu, undefined, 'staff get the code masked');
  assert.equal(c.hetu_masked, '131052-****');
  assert.equal(c.lang, 'sv');
  assert.equal(c.easy_read, true);
  assert.equal(c.worker.name, 'Maria Nieminen');
  assert.equal(c.unit.name_fi, 'Vammaispalvelut, Porvoo');
  assert.equal(c.account, null);
  assert.equal(c.can.account, true);
  const list = (await ok(await as['maria.nieminen'].get('/api/clients'))).items;
  assert.deepEqual(list.map((x) => x.last_name).slice(-1), ['Åberg'], 'Å after Z');

  const dup = await fieldError(await as['maria.nieminen'].post('/api/clients',
    { ...body, hetu: '131052-308t' }), 'hetu', 409);
  assert.equal(dup.code, 'conflict');
  const other = await fieldError(await as['tomas.gronqvist'].post('/api/clients',
    { ...body, first_name: 'Other' }), 'hetu', 409);
  // The same organiser: sent to ask for access, told nothing about the client.
  assert.match(other.message, /organisation|organisaatio|organisation/i);
  assert.match(other.message, /(access|käyttöoikeutta|åtkomst)/);
  assert.ok(!JSON.stringify(other).includes('Åberg') && !/\b\d+\b/.test(other.detail ?? ''),
    'no name or id in the refusal');
  const res = await as['maria.nieminen'].post('/api/clients', body, { 'content-type': 'text/plain' });
  assert.equal(res.status, 415);
});

test('GET /api/clients/{id}: who may read, 404 outside reach with nothing logged', async () => {
  const m = await ok(await as['maria.nieminen'].get(`/api/clients/${MATTI}`));
  assert.equal(m.hetu, undefined, 'the worker reads it masked');
  assert.equal(m.hetu_masked, '140387-****');
  assert.equal(m.can.edit, true);
  assert.equal(m.account.username, 'matti.korhonen');
  const own = await ok(await as['matti.korhonen'].get(`/api/clients/${MATTI}`));
  assert.equal(own.hetu, '140387-901Y');
  assert.equal(own.can.edit, false);
  await ok(await as['johanna.ek'].get(`/api/clients/${SANNA}`));
  await ok(await as['liisa.virtanen'].get(`/api/clients/${ALEKSI}`));

  const before = await uselog('tomas.gronqvist', SANNA);
  await assertJsonError(await as['maria.nieminen'].get(`/api/clients/${SANNA}`), 404, 'not_found');
  await assertJsonError(await as['maria.nieminen'].get(`/api/clients/${SANNA}/uselog`), 404);
  await assertJsonError(await as['maria.nieminen'].get(`/api/clients/${SANNA}/mandates`), 404);
  const after = await uselog('tomas.gronqvist', SANNA);
  assert.equal(after.length, before.length + 1, 'only tomas\'s own look at the log');
  assert.ok(!after.some((r) => r.user_name === 'Maria Nieminen'));

  await assertJsonError(await as['tomas.gronqvist'].get(`/api/clients/${MATTI}`), 404);
  await assertJsonError(await as['matti.korhonen'].get(`/api/clients/${ELIN}`), 404);
  await assertJsonError(await as['liisa.virtanen'].get(`/api/clients/${MATTI}`), 404);
  await assertJsonError(await as['maria.nieminen'].get('/api/clients/999'), 404);
  await assertJsonError(await as['maria.nieminen'].get('/api/clients/abc'), 404);
  for (const u of ['pekka.salonen', 'admin', 'kari.makela'])
    await assertJsonError(await as[u].get(`/api/clients/${MATTI}`), 403, 'forbidden');
});

test('GET /api/clients/{id}/hetu: the whole code for readers of the client, each reveal logged', async () => {
  const logged = async () => (await uselog('maria.nieminen', HENRIK))
    .filter((r) => r.object === 'client:hetu').length;
  const n = await logged();
  assert.deepEqual(await ok(await as['maria.nieminen'].get(`/api/clients/${HENRIK}/hetu`)),
    { hetu: (await ok(await as['maria.nieminen'].get(`/api/clients/${HENRIK}/hetu`))).hetu });
  const r = await ok(await as['johanna.ek'].get(`/api/clients/${HENRIK}/hetu`));
  assert.match(r.hetu, /^\d{6}[-+A-FU-Y]\d{3}[0-9A-Y]$/);
  assert.equal(await logged(), n + 3, 'one use-log row per reveal');
  const rows = (await uselog('maria.nieminen', HENRIK)).filter((x) => x.object === 'client:hetu');
  assert.ok(rows.some((x) => x.user_name === 'Johanna Ek' && x.action === 'read'));
  await assertJsonError(await as['tomas.gronqvist'].get(`/api/clients/${HENRIK}/hetu`), 404);
  await assertJsonError(await as['maria.nieminen'].get('/api/clients/999/hetu'), 404);
  for (const u of ['pekka.salonen', 'admin', 'kari.makela'])
    await assertJsonError(await as[u].get(`/api/clients/${HENRIK}/hetu`), 403, 'forbidden');
  assert.equal(await logged(), n + 3, 'refusals reveal and log nothing');
  const own = await ok(await as['matti.korhonen'].get(`/api/clients/${MATTI}/hetu`));
  assert.equal(own.hetu, '140387-901Y');
});

test('a client read and written back: the PATCH needs no identity code', async () => {
  const v = await ok(await as['maria.nieminen'].get(`/api/clients/${HENRIK}`));
  const back = {};
  for (const f of ['first_name', 'last_name', 'lang', 'municipality', 'email', 'phone',
    'address', 'communication', 'easy_read'])
    back[f] = v[f];
  const w = await ok(await as['maria.nieminen'].patch(`/api/clients/${HENRIK}`, back));
  assert.equal(w.hetu_masked, v.hetu_masked);
  for (const f of Object.keys(back))
    assert.deepEqual(w[f], v[f], f);
});

test('PATCH /api/clients/{id}: change, fields named, roles, reach', async () => {
  const c = await ok(await as['maria.nieminen'].patch(`/api/clients/${ELIN}`,
    { phone: '019 123 456', easy_read: true }));
  assert.equal(c.phone, '019 123 456');
  assert.equal(c.easy_read, true);
  assert.equal(c.lang, 'sv', 'unchanged');
  // ISO 8601 in Helsinki time with its offset
  assert.match(c.updated_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0[23]:00$/);
  assert.ok(Date.parse(c.updated_at) > Date.parse('2026-01-01T00:00:00Z'));
  for (const [f, v] of Object.entries({ first_name: '', last_name: '  ', lang: 'xx',
    easy_read: 5, email: 'a@', phone: 'x', worker_id: 0 }))
    await fieldError(await as['maria.nieminen'].patch(`/api/clients/${ELIN}`, { [f]: v }), f);
  await assertJsonError(await as['tomas.gronqvist'].patch(`/api/clients/${ELIN}`,
    { phone: '000 000 000' }), 404);
  for (const u of ['johanna.ek', 'matti.korhonen', 'liisa.virtanen'])
    await assertJsonError(await as[u].patch(`/api/clients/${ELIN}`, { phone: '000 000 000' }), 403);
  const back = await ok(await as['maria.nieminen'].get(`/api/clients/${ELIN}`));
  assert.equal(back.phone, '019 123 456', 'nothing written by the refusals');
  const log = await uselog('maria.nieminen', ELIN);
  assert.equal(log.filter((r) => r.action === 'change' && r.object === 'client').length, 1);
});

test('municipality: one place under either name or its code, off the list refused naming it', async () => {
  const set = (v) => as['maria.nieminen'].patch(`/api/clients/${HENRIK}`, { municipality: v });
  assert.equal((await ok(await set('Lovisa'))).municipality, 'Loviisa', 'the Swedish name');
  assert.equal((await ok(await set(' LOVIISA '))).municipality, 'Loviisa', 'any case');
  assert.equal((await ok(await set('434'))).municipality, 'Loviisa', 'the code');
  const refused = await set('Lovisaa');
  await fieldError(refused, 'municipality');
  const e = await fieldError(await as['maria.nieminen'].patch(`/api/clients/${HENRIK}`,
    { municipality: 'Atlantis' }), 'municipality');
  assert.match(e.message, /Suomen kuntien luettelosta/, 'the reason, in the worker\'s language');
  assert.equal((await ok(await as['maria.nieminen'].get(`/api/clients/${HENRIK}`))).municipality,
    'Loviisa', 'nothing written by the refusals');
  assert.equal((await ok(await set(''))).municipality, '', 'it may be left out');
});

test('mandates: add, list, a view mandate reads, expired gives nothing, end', async () => {
  const path = `/api/clients/${MATTI}/mandates`;
  const body = { username: 'liisa.virtanen', kind: 'guardian', scope: 'view', valid_from: today };
  await assertJsonError(await as['liisa.virtanen'].get(`/api/clients/${MATTI}`), 404);
  for (const f of ['username', 'kind', 'scope', 'valid_from']) {
    const b = { ...body };
    delete b[f];
    await fieldError(await as['maria.nieminen'].post(path, b), f);
  }
  for (const [f, v] of Object.entries({ username: 'maria.nieminen', kind: 'uncle',
    scope: 'all', valid_from: '2026-13-01', valid_to: 'tomorrow' }))
    await fieldError(await as['maria.nieminen'].post(path, { ...body, [f]: v }), f);
  await fieldError(await as['maria.nieminen'].post(path, { ...body, username: 'no.such' }), 'username');
  await fieldError(await as['maria.nieminen'].post(path,
    { ...body, valid_from: '2026-01-02', valid_to: '2026-01-01' }), 'valid_to');
  await assertJsonError(await as['tomas.gronqvist'].post(path, body), 404);
  for (const u of ['johanna.ek', 'matti.korhonen', 'liisa.virtanen'])
    await assertJsonError(await as[u].post(path, body), 403);
  assert.equal((await ok(await as['maria.nieminen'].get(path))).items.length, 0,
    'nothing written by the refusals');

  const m = await ok(await as['maria.nieminen'].post(path, body), 201);
  assert.equal(m.user.username, 'liisa.virtanen');
  assert.equal(m.scope, 'view');
  assert.equal(m.state, 'active');
  assert.equal(m.valid_to, null);
  const seen = await ok(await as['liisa.virtanen'].get(`/api/clients/${MATTI}`));
  assert.equal(seen.hetu, undefined, 'a representative reads it masked');
  assert.deepEqual(await ok(await as['liisa.virtanen'].get(`/api/clients/${MATTI}/hetu`)),
    { hetu: '140387-901Y' }, 'and may reveal it');
  assert.equal(seen.can.edit, false);
  const items = (await ok(await as['johanna.ek'].get(path))).items;
  assert.deepEqual(items.map((x) => x.id), [m.id]);
  assert.equal(items[0].can_end, false);
  await assertJsonError(await as['tomas.gronqvist'].get(path), 404);
  await assertJsonError(await as['matti.korhonen'].get(path), 403);

  // An expired mandate gives no access.
  await ok(await as['maria.nieminen'].post(`/api/clients/${HENRIK}/mandates`,
    { ...body, scope: 'act', valid_from: '2020-01-01', valid_to: '2020-12-31' }), 201);
  await assertJsonError(await as['liisa.virtanen'].get(`/api/clients/${HENRIK}`), 404);
  await assertJsonError(await as['liisa.virtanen'].get(`/api/clients/${HENRIK}/uselog`), 404);

  // Ending takes effect at once, also for a mandate that began today.
  await assertJsonError(await as['tomas.gronqvist'].post(`/api/mandates/${m.id}/end`, {}), 404);
  await assertJsonError(await as['johanna.ek'].post(`/api/mandates/${m.id}/end`, {}), 403);
  assert.equal((await ok(await as['maria.nieminen'].get(path))).items[0].valid_to, null);
  await ok(await as['liisa.virtanen'].get(`/api/clients/${MATTI}`));
  const ended = await ok(await as['maria.nieminen'].post(`/api/mandates/${m.id}/end`, {}));
  assert.equal(ended.valid_to, today);
  assert.equal(ended.state, 'ended');
  assert.match(ended.ended_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/);
  assert.equal(ended.can_end, false);
  await assertJsonError(await as['liisa.virtanen'].get(`/api/clients/${MATTI}`), 404);
  await assertJsonError(await as['liisa.virtanen'].get(`/api/clients/${MATTI}/uselog`), 404);
  await fieldError(await as['maria.nieminen'].post(`/api/mandates/${m.id}/end`, {}), 'valid_to', 409);
  await assertJsonError(await as['maria.nieminen'].post('/api/mandates/999/end', {}), 404);

  // A mandate not yet started can be withdrawn; it then never starts.
  const later = await ok(await as['maria.nieminen'].post(path,
    { ...body, valid_from: '2099-01-01', valid_to: '2099-12-31' }), 201);
  assert.equal(later.state, 'future');
  assert.equal(later.can_end, true);
  const withdrawn = await ok(await as['maria.nieminen'].post(`/api/mandates/${later.id}/end`, {}));
  assert.equal(withdrawn.state, 'withdrawn');
  assert.equal(withdrawn.valid_to, '2099-12-31');
  await fieldError(await as['maria.nieminen'].post(`/api/mandates/${later.id}/end`, {}), 'valid_to', 409);
});

test('POST /api/clients/{id}/account: an activation link, never a password the worker chose', async () => {
  const path = `/api/clients/${ELIN}/account`;
  const body = { username: 'elin.lindholm' };
  await fieldError(await as['maria.nieminen'].post(path, {}), 'username');
  await fieldError(await as['maria.nieminen'].post(path, { ...body, password: 'Elins-forsta-losen-1' }),
    'password');
  await fieldError(await as['maria.nieminen'].post(path, { username: 'Elin L' }), 'username');
  await fieldError(await as['maria.nieminen'].post(path, { username: 'tomas.gronqvist' }), 'username', 409);
  await assertJsonError(await as['tomas.gronqvist'].post(path, body), 404);
  await assertJsonError(await as['johanna.ek'].post(path, body), 403);
  assert.equal((await ok(await as['maria.nieminen'].get(`/api/clients/${ELIN}`))).account, null);
  await assertJsonError(await as['maria.nieminen'].post(`/api/clients/${MATTI}/account`,
    { username: 'matti2' }), 409, 'conflict');

  const a = await ok(await as['maria.nieminen'].post(path, body), 201);
  assert.equal(a.username, 'elin.lindholm');
  assert.equal(a.role, 'client');
  assert.match(a.activation_link, /^http:\/\/127\.0\.0\.1:\d+\/password\/[A-Za-z0-9_-]{43}$/);
  const token = a.activation_link.split('/password/')[1];
  // no password works before the client has chosen one
  const before = await fetch(srv.url + 'api/session', { method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'elin.lindholm', password: 'Elins-forsta-losen-1' }) });
  assert.equal(before.status, 401);
  const use = (password, password2 = password, t = token) => fetch(srv.url + 'api/password-link', {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token: t, password, password2 }) });
  await fieldError(await use('Elins-eget-losen-7', 'Elins-annat-losen-7'), 'password2');
  await fieldError(await use('lyhyt'), 'password');
  await fieldError(await use('Elin.Lindholm1'), 'password');
  assert.equal((await use('Elins-eget-losen-7')).status, 204);
  await assertJsonError(await use('Elins-eget-losen-8'), 409);		// used once
  await assertJsonError(await use('Elins-eget-losen-8', undefined, 'A'.repeat(43)), 404);
  as['elin.lindholm'] = await session(srv, 'elin.lindholm', 'Elins-eget-losen-7');
  const { me } = as['elin.lindholm'];
  assert.equal(me.user.role, 'client');
  assert.equal(me.user.lang, 'sv', "the client's language");
  assert.equal(me.user.client_id, ELIN);
  await ok(await as['elin.lindholm'].get(`/api/clients/${ELIN}`));
  await assertJsonError(await as['elin.lindholm'].get(`/api/clients/${MATTI}`), 404);
  await assertJsonError(await as['maria.nieminen'].post(path, { username: 'elin2' }), 409);
});

test('GET /api/clients/{id}/uselog: who saw my data, newest first', async () => {
  await ok(await as['maria.nieminen'].get(`/api/clients/${MATTI}`));
  const before = await uselog('matti.korhonen', MATTI);
  const again = await uselog('matti.korhonen', MATTI);
  assert.equal(again.length, before.length, "the client's own look writes no row");
  assert.equal(before[0].user_name, 'Maria Nieminen');
  assert.equal(before[0].role, 'worker');
  assert.equal(before[0].action, 'read');
  assert.match(before[0].at_local, /^\d{4}-\d\d-\d\d \d\d:\d\d$/);
  for (let i = 1; i < before.length; i++)
    assert.ok(before[i - 1].id > before[i].id, 'newest first');
  const older = (await ok(await as['matti.korhonen'].get(
    `/api/clients/${MATTI}/uselog?cursor=${before[0].id}`))).items;
  assert.equal(older[0].id, before[1].id);
  await fieldError(await as['matti.korhonen'].get(`/api/clients/${MATTI}/uselog?cursor=x`), 'cursor');
  const rep = await uselog('liisa.virtanen', ALEKSI);
  assert.equal(rep[0].user_name, 'Liisa Virtanen');
  assert.equal(rep[0].acting_for, true);
  await ok(await as['johanna.ek'].get(`/api/clients/${MATTI}/uselog`));
  await assertJsonError(await as['tomas.gronqvist'].get(`/api/clients/${MATTI}/uselog`), 404);
  await assertJsonError(await as['pekka.salonen'].get(`/api/clients/${MATTI}/uselog`), 403);
});
