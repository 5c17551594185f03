// API tests for a provider's care system (issue 11, item 3): API keys made,
// listed and revoked by the provider's admin (src/app/apikey.h), the
// Bearer authentication of the care system's routes, its read of active
// commitments (src/app/careapi.h) and its bulk send of service events
// answered per row (src/app/care_events.h).
//
// The demo: kari.makela is the admin of Apuviisas Oy, which has accepted
// Matti Korhonen's personal assistance (active). Matti's plan starts on the
// first of next month, and the server has no clock to move, so that
// commitment's first day is planted at the first of this month with the
// sqlite3 shell: events can then be sent for days up to today. Tukitupa ry
// gets a commitment of Matti's day activities through the API: another
// provider's commitment.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { startServer, ok, fieldError, assertJsonError, sessions, session, BIN } from './lib.mjs';

const MATTI = 1, HETU = '140387-901Y', PLAIN_PASSWORD = 'Apuviisas-tavallinen-31';
const KEY_RE = /^bud_[a-z2-7]{12}_[A-Za-z0-9_-]{43}$/;
let srv, as, apu, pa, other, today, first;

function sql(statement) {
  const r = spawnSync('sqlite3', ['-cmd', '.timeout 5000', srv.db, statement], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.trim();
}

// A request with a key (or none) and no cookie.
function withKey(key, method, path, body, headers = {}) {
  const h = { ...headers };
  if (key)
    h.authorization = `Bearer ${key}`;
  if (body !== undefined && !h['content-type'])
    h['content-type'] = 'application/json';
  return fetch(srv.url + path.replace(/^\//, ''), {
    method, headers: h,
    body: body === undefined || typeof body === 'string' ? body : JSON.stringify(body),
  });
}

async function makeKey(name, scopes, user = 'kari.makela') {
  const res = await as[user].post(`/api/providers/${apu}/api-keys`, { name, scopes });
  const k = await ok(res, 201);
  assert.equal(res.headers.get('location'), `/api/api-keys/${k.id}`);
  return k;
}

const events = () => Number(sql('SELECT count(*) FROM service_event'));

before(async () => {
  srv = await startServer({ demo: true, cases: true });
  as = await sessions(srv, ['kari.makela', 'matti.korhonen', 'maria.nieminen']);
  apu = as['kari.makela'].me.user.provider_id;
  const plans = await ok(await as['matti.korhonen'].get(`/api/clients/${MATTI}/plans`));
  const plan = await ok(await as['matti.korhonen'].get(`/api/plans/${plans.items[0].id}`));
  const line = (code) => plan.lines.find((l) => l.service.code === code).id;
  pa = Number(sql(`SELECT id FROM commitment WHERE plan_line_id = ${line('personal_assistance')}
    AND state = 'active'`));
  today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Helsinki' });
  first = today.slice(0, 8) + '01';
  sql(`UPDATE commitment SET valid_from = '${first}' WHERE id = ${pa}`);
  const c = await ok(await as['matti.korhonen'].get(`/api/plan-lines/${line('day_activities')}/choices`));
  const tuki = c.items.find((i) => i.name === 'Tukitupa ry').provider_id;
  other = (await ok(await as['matti.korhonen'].post(`/api/plan-lines/${line('day_activities')}/commitment`,
    { provider_id: tuki }), 201)).id;
  const added = spawnSync(BIN, ['user', 'add', '--db', srv.db, '--username', 'apu.plain', '--role',
    'provider_user', '--name', 'Aino Apuviisas', '--provider', String(apu)],
  { input: `${PLAIN_PASSWORD}\n`, encoding: 'utf8' });
  assert.equal(added.status, 0, added.stderr);
  as['apu.plain'] = await session(srv, 'apu.plain', PLAIN_PASSWORD);
});
after(async () => { await srv?.stop(); });

test('the provider\'s admin makes a key: shown once, only a salted hash stored', async () => {
  const k = await makeKey('Hoitojärjestelmä', ['commitments:read', 'events:write']);
  assert.match(k.key, KEY_RE);
  assert.equal(k.prefix, k.key.slice(0, 16));
  assert.deepEqual(k.scopes, ['commitments:read', 'events:write']);
  assert.equal(k.state, 'active');
  assert.equal(k.last_used_at, null);
  const again = await ok(await as['kari.makela'].get(`/api/api-keys/${k.id}`));
  assert.equal(again.key, undefined, 'the key is shown only once');
  const list = await ok(await as['kari.makela'].get(`/api/providers/${apu}/api-keys`));
  assert.ok(list.items.some((i) => i.id === k.id && i.key === undefined));
  // the database holds neither the key nor its secret, only 32-byte hashes
  const dump = spawnSync('sqlite3', [srv.db, '.dump'], { encoding: 'utf8' }).stdout;
  assert.ok(!dump.includes(k.key.slice(17)), 'the secret is nowhere in the database');
  assert.equal(sql(`SELECT length(secret_hash) || ' ' || length(salt) FROM api_key WHERE id = ${k.id}`),
    '32 32');
  // a retry with an Idempotency-Key is not a replay of the key: a new key
  const h = { 'idempotency-key': 'make-key-1' };
  const a = await ok(await as['kari.makela'].post(`/api/providers/${apu}/api-keys`,
    { name: 'Testi', scopes: ['events:write'] }, h), 201);
  const b = await ok(await as['kari.makela'].post(`/api/providers/${apu}/api-keys`,
    { name: 'Testi', scopes: ['events:write'] }, h), 201);
  assert.notEqual(a.key, b.key);
  assert.equal(Number(sql("SELECT count(*) FROM idempotency WHERE key = 'make-key-1'")), 0);
  for (const id of [a.id, b.id])
    await ok(await as['kari.makela'].post(`/api/api-keys/${id}/revoke`, {}));
});

test('only the provider\'s own admin manages keys, with a name and a known scope', async () => {
  await assertJsonError(await as['apu.plain'].post(`/api/providers/${apu}/api-keys`,
    { name: 'X', scopes: ['events:write'] }), 403);
  await assertJsonError(await as['apu.plain'].get(`/api/providers/${apu}/api-keys`), 403);
  await assertJsonError(await as['maria.nieminen'].get(`/api/providers/${apu}/api-keys`), 403);
  await assertJsonError(await as['kari.makela'].get(`/api/providers/${apu + 1}/api-keys`), 404);
  await fieldError(await as['kari.makela'].post(`/api/providers/${apu}/api-keys`,
    { name: 'X', scopes: ['events:delete'] }), 'scopes');
  await fieldError(await as['kari.makela'].post(`/api/providers/${apu}/api-keys`,
    { name: 'X', scopes: [] }), 'scopes');
  await fieldError(await as['kari.makela'].post(`/api/providers/${apu}/api-keys`,
    { name: '', scopes: ['events:write'] }), 'name');
});

test('a key reads the active commitments: of the client only the name, a disclosure row naming the key', async () => {
  const k = await makeKey('Lukija', ['commitments:read']);
  const res = await withKey(k.key, 'GET', '/api/provider/commitments?limit=5');
  const text = await res.text();
  assert.equal(res.status, 200, text);
  assert.ok(!text.includes(HETU), 'never the identity code');
  const page = JSON.parse(text);
  const cm = page.items.find((i) => i.id === pa);
  assert.ok(cm, text);
  assert.deepEqual(cm.client, { first_name: 'Matti', last_name: 'Korhonen' });
  assert.equal(cm.service.code, 'personal_assistance');
  assert.equal(cm.state, 'active');
  assert.equal(cm.valid_from, first);
  assert.equal(typeof cm.quantity, 'number');
  assert.ok(page.items.every((i) => i.state === 'active' && i.id !== other));
  const row = sql(`SELECT u.display_name || '|' || l.recipient FROM uselog l JOIN user u ON u.id = l.user_id
    WHERE l.action = 'disclose' AND l.object = 'commitment:${pa}' AND u.username = 'apikey.${k.public_id}'`);
  assert.equal(row.split('\n')[0], `Lukija (${k.prefix})|provider:${apu}`);
  const seen = await ok(await as['kari.makela'].get(`/api/api-keys/${k.id}`));
  assert.notEqual(seen.last_used_at, null, 'the last use is kept');
  await withKey(k.key, 'GET', '/api/provider/commitments');
  assert.equal(Number(sql(`SELECT count(DISTINCT last_used_at) FROM api_key WHERE id = ${k.id}`)), 1);
});

test('no key, a wrong one or a revoked one: 401 with the Bearer challenge; a missing scope 403', async () => {
  const k = await makeKey('Vain tapahtumat', ['events:write']);
  let res = await withKey(null, 'GET', '/api/provider/commitments');
  assert.match(res.headers.get('www-authenticate'), /^Bearer realm="budjetti"$/);
  await assertJsonError(res, 401);
  const wrong = k.key.slice(0, -1) + (k.key.endsWith('A') ? 'B' : 'A');
  res = await withKey(wrong, 'GET', '/api/provider/commitments');
  assert.match(res.headers.get('www-authenticate'), /error="invalid_token"/);
  await assertJsonError(res, 401);
  await assertJsonError(await withKey('bud_nonsense', 'GET', '/api/provider/commitments'), 401);
  res = await withKey(k.key, 'GET', '/api/provider/commitments');
  assert.match(res.headers.get('www-authenticate'), /error="insufficient_scope", scope="commitments:read"/);
  assert.equal((await assertJsonError(res, 403)).field, 'scope');
  // a session cookie opens no care system route; a key opens nothing else
  await assertJsonError(await as['kari.makela'].get('/api/provider/commitments'), 401);
  await assertJsonError(await withKey(k.key, 'GET', '/api/me'), 401);
  res = await fetch(srv.url + `providers/${apu}`, { headers: { authorization: `Bearer ${k.key}` },
    redirect: 'manual' });
  assert.equal(res.status, 303);
  // revoked: refused from the next request on, in the provider's language
  const r = await ok(await as['kari.makela'].post(`/api/api-keys/${k.id}/revoke`, {}));
  assert.equal(r.state, 'revoked');
  assert.notEqual(r.revoked_at, null);
  res = await withKey(k.key, 'POST', '/api/provider/events', { events: [] });
  assert.match(res.headers.get('www-authenticate'), /error="invalid_token"/);
  const e = await assertJsonError(res, 401);
  assert.match(e.message, /peruttu/);
  await fieldError(await as['kari.makela'].post(`/api/api-keys/${k.id}/revoke`, {}), 'state', 409);
});

test('events in bulk (JSON): an answer per row, one bad row never refuses the rest, a re-send writes nothing twice', async () => {
  const k = await makeKey('Tapahtumat', ['events:write']);
  const rows = [
    { commitment_id: pa, on_date: first, quantity: 1.5, external_id: 'hj-1', note: 'Kauppa' },
    { commitment_id: pa, on_date: today, quantity: 2, external_id: 'hj-2' },
    { commitment_id: pa, on_date: today, quantity: 'kaksi', external_id: 'hj-3' },
    { commitment_id: other, on_date: today, quantity: 1, external_id: 'hj-4' },
    { commitment_id: pa, on_date: '2999-01-01', quantity: 1, external_id: 'hj-5' },
    { commitment_id: pa, on_date: today, quantity: 1, external_id: 'hj-6', colour: 'red' },
  ];
  const before = events();
  const a = await ok(await withKey(k.key, 'POST', '/api/provider/events', { events: rows }));
  assert.deepEqual([a.accepted, a.duplicates, a.refused], [2, 0, 4]);
  assert.deepEqual(a.rows.map((r) => r.status),
    ['accepted', 'accepted', 'refused', 'refused', 'refused', 'refused']);
  assert.deepEqual(a.rows.map((r) => r.code), [null, null, 'invalid', 'not_provider', 'outside_period', 'invalid']);
  assert.deepEqual(a.rows.map((r) => r.field), [null, null, 'quantity', 'commitment_id', 'on_date', 'colour']);
  assert.deepEqual(a.rows.map((r) => r.row), [1, 2, 3, 4, 5, 6]);
  assert.ok(a.rows.slice(2).every((r) => r.id === null && r.message.length > 0));
  assert.equal(events(), before + 2);
  const written = sql(`SELECT u.username FROM service_event e JOIN user u ON u.id = e.recorded_by
    WHERE e.id = ${a.rows[0].id}`);
  assert.equal(written, `apikey.${k.public_id}`, 'the event names the key');
  // again, in Swedish: the same ids as duplicates, nothing written
  const b = await ok(await withKey(k.key, 'POST', '/api/provider/events', { events: rows },
    { 'accept-language': 'sv' }));
  assert.deepEqual([b.accepted, b.duplicates, b.refused], [0, 2, 4]);
  assert.deepEqual(b.rows.slice(0, 2).map((r) => [r.status, r.id]),
    a.rows.slice(0, 2).map((r) => ['duplicate', r.id]));
  assert.notEqual(b.rows[3].message, a.rows[3].message, 'the message in the language asked for');
  assert.equal(events(), before + 2);
  // whole-send refusals
  await fieldError(await withKey(k.key, 'POST', '/api/provider/events', { events: [] }), 'events');
  await fieldError(await withKey(k.key, 'POST', '/api/provider/events', { events: {} }), 'events');
  await fieldError(await withKey(k.key, 'POST', '/api/provider/events',
    { events: Array.from({ length: 1001 }, (_, i) => ({ ...rows[0], external_id: `x${i}` })) }),
  'events', 413);
  assert.equal(events(), before + 2);
});

test('events in bulk (CSV, the file a provider uploads): one bad row does not refuse the rest', async () => {
  const k = await makeKey('CSV', ['events:write']);
  const csv = 'commitment;date;quantity;note;external id\r\n' +
    `${pa};${first};0,5;;csv-1\r\n` +
    `${pa};${today.split('-').reverse().join('.')};1;päivämäärä väärin;csv-2\r\n` +
    `${pa};${today};1.25;"Lääkäri; saattaja";csv-3\r\n`;
  const before = events();
  const a = await ok(await withKey(k.key, 'POST', '/api/provider/events', csv, { 'content-type': 'text/csv' }));
  assert.deepEqual([a.accepted, a.duplicates, a.refused], [2, 0, 1]);
  assert.deepEqual(a.rows.map((r) => [r.row, r.status]), [[2, 'accepted'], [3, 'refused'], [4, 'accepted']]);
  assert.equal(a.rows[1].field, 'on_date');
  assert.equal(a.rows[1].code, 'invalid');
  assert.equal(events(), before + 2);
  assert.equal(sql(`SELECT quantity || '|' || note || '|' || external_id FROM service_event
    WHERE id = ${a.rows[2].id}`), '125|Lääkäri; saattaja|csv-3');
  const b = await ok(await withKey(k.key, 'POST', '/api/provider/events', csv, { 'content-type': 'text/csv' }));
  assert.deepEqual([b.accepted, b.duplicates, b.refused], [0, 2, 1]);
  assert.equal(events(), before + 2);
  await fieldError(await withKey(k.key, 'POST', '/api/provider/events', 'a;"b\r\n',
    { 'content-type': 'text/csv' }), 'csv');
  await assertJsonError(await withKey(k.key, 'POST', '/api/provider/events', 'a=b',
    { 'content-type': 'application/x-www-form-urlencoded' }), 415);
});

test('the demo\'s care system key, printed once by budjetti demo, reads Apuviisas\'s commitments', async () => {
  assert.equal(srv.apiKeys.length, 1);
  const [demo] = srv.apiKeys;
  assert.equal(demo.provider, 'Apuviisas Oy');
  assert.match(demo.key, KEY_RE);
  const page = await ok(await withKey(demo.key, 'GET', '/api/provider/commitments'));
  assert.ok(page.items.some((i) => i.id === pa));
  const list = await ok(await as['kari.makela'].get(`/api/providers/${apu}/api-keys`));
  const row = list.items.find((i) => i.prefix === demo.key.slice(0, 16));
  assert.equal(row.created_by, 'Kari Mäkelä');
});

test('budjetti apikey: create prints the key once, list shows it, revoke stops it', async () => {
  const cli = (...args) => spawnSync(BIN, ['apikey', ...args, '--db', srv.db], { encoding: 'utf8' });
  const made = cli('create', '--provider', String(apu), '--name', 'Komentorivi',
    '--scopes', 'commitments:read');
  assert.equal(made.status, 0, made.stderr);
  const [, id] = made.stdout.match(/^id (\d+)$/m);
  const [, key] = made.stdout.match(/^key (\S+)$/m);
  assert.match(key, KEY_RE);
  assert.equal((await withKey(key, 'GET', '/api/provider/commitments')).status, 200);
  const list = cli('list', '--provider', String(apu));
  assert.equal(list.status, 0, list.stderr);
  const line = list.stdout.split('\n').find((l) => l.startsWith(`${id}\t`));
  assert.deepEqual(line.split('\t').slice(1, 4), [key.slice(0, 16), 'active', 'commitments:read']);
  assert.ok(!list.stdout.includes(key.slice(17)), 'the list never shows a secret');
  assert.equal(cli('revoke', '--id', id).status, 0);
  await assertJsonError(await withKey(key, 'GET', '/api/provider/commitments'), 401);
  const again = cli('revoke', '--id', id);
  assert.equal(again.status, 1);
  assert.match(again.stderr, /state/);
  assert.equal(cli('create', '--provider', String(apu), '--name', 'X', '--scopes', 'all').status, 1);
  assert.equal(cli('create', '--provider', String(apu)).status, 2);
});
