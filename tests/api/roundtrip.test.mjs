// API tests that what the API answers can be sent back (issue 9): for
// every writable resource, create it, read it, write what was read back
// unchanged and read again: nothing may move. A PATCH takes the whole GET
// body (read-only members equal to the stored ones are accepted); a
// resource that is only created takes its GET's writable fields as a new
// one, which must come out equal. Money is integer cents and a quantity a
// number of units both ways, so a line's 4 trips stay 4 (before the fix
// the GET said 400 and sending it back stored 400 trips). Also: unknown
// fields are refused by name, ETag / If-Match (412), Location on 201,
// ISO 8601 timestamps with the Helsinki offset.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, assertJsonError, ok, fieldError, sessions } from './lib.mjs';

let srv, as, W, client;
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0[23]:00$/;
const PERIOD = { valid_from: '2027-01-01', valid_to: '2027-12-31', review_date: '2027-10-01' };
const pick = (o, keys) => Object.fromEntries(keys.filter((k) => k in o).map((k) => [k, o[k]]));

// A valid Finnish personal identity code born on 1 Jan 1990, number n.
function hetu(n) {
  const zzz = String(n).padStart(3, '0');
  return `010190-${zzz}${'0123456789ABCDEFHJKLMNPRSTUVWXY'[Number(`010190${zzz}`) % 31]}`;
}

// Every *_at member anywhere in v is an ISO 8601 time with the offset.
function assertTimes(v) {
  for (const [k, m] of Object.entries(v ?? {})) {
    if ((k === 'at' || k.endsWith('_at')) && m !== null)
      assert.match(m, ISO, `${k}: ${m}`);
    else if (m && typeof m === 'object')
      assertTimes(m);
  }
}

// GET path: its body and ETag.
async function read(path) {
  const res = await W.get(path);
  const body = await ok(res);
  assertTimes(body);
  return { body, etag: res.headers.get('etag') };
}

// A 201 with Location; resolves the body and the location.
async function created(res) {
  const loc = res.headers.get('location');
  const body = await ok(res, 201);
  assert.match(loc ?? '', /^\/api\//, 'Location on 201');
  return { body, loc };
}

before(async () => {
  srv = await startServer({ demo: true });
  as = await sessions(srv, ['maria.nieminen', 'johanna.ek']);
  W = as['maria.nieminen'];
});
after(async () => { await srv.stop(); });

test('client: the GET body PATCHed back changes nothing, ETag and updated_at stay', async () => {
  const { body: c, loc } = await created(await W.post('/api/clients', {
    hetu: hetu(123), first_name: 'Aino', last_name: 'Paluu', lang: 'fi', municipality: 'Vantaa',
    email: 'aino@example.fi', phone: '040 123 4567', address: 'Tie 1', communication: 'Selkokieli',
    easy_read: true,
  }));
  client = c.id;
  assert.equal(loc, `/api/clients/${c.id}`);
  const first = await read(loc);
  assert.match(first.etag ?? '', /^"[0-9a-f]{32}"$/);
  const back = await ok(await W.patch(loc, first.body));
  assert.deepEqual(back, first.body);
  const again = await read(loc);
  assert.deepEqual(again.body, first.body, 'nothing moved');
  assert.equal(again.etag, first.etag);
});

test('unknown and misspelt fields are refused by name, nothing written', async () => {
  const path = `/api/clients/${client}`;
  const { body: before, etag } = await read(path);
  await fieldError(await W.patch(path, { phon: '050 000 0000' }), 'phon');
  await fieldError(await W.patch(path, { phone: '050 000 0000', id: client + 1 }), 'id');
  await fieldError(await W.patch(path, { hetu: hetu(124) }), 'hetu');
  await fieldError(await W.post('/api/clients', { hetu: hetu(125), first_name: 'A', last_name: 'B',
    lastname: 'C' }), 'lastname');
  await fieldError(await W.post(`/api/clients/${client}/offer`, { offered_on: '2026-11-02',
    services: ['transport'], notes: '' }), 'notes');
  const after = await read(path);
  assert.deepEqual(after.body, before, 'updated_at did not move');
  assert.equal(after.etag, etag);
});

test('If-Match: the current ETag writes, a stale one is 412 and writes nothing', async () => {
  const path = `/api/clients/${client}`;
  const { etag } = await read(path);
  const res = await W.patch(path, { municipality: 'Espoo' }, { 'if-match': etag });
  const v = await ok(res);
  assert.equal(v.municipality, 'Espoo');
  const fresh = res.headers.get('etag');
  assert.notEqual(fresh, etag);
  // another worker still holds the old version
  const e = await assertJsonError(await W.patch(path, { municipality: 'Turku' }, { 'if-match': etag }),
    412, 'precondition_failed');
  assert.match(e.message, /.+/);
  assert.equal((await read(path)).body.municipality, 'Espoo');
  await ok(await W.patch(path, { municipality: 'Vantaa' }, { 'if-match': fresh }));
});

test('offer and answer: the GET fields sent as a new offer give the same offer', async () => {
  const path = `/api/clients/${client}/offer`;
  const { body: o } = await created(await W.post(path, { offered_on: '2026-11-02',
    services: ['personal_assistance', 'day_activities', 'transport'], note: 'Tarjottu' }));
  await ok(await W.post(`${path}/answer`, { answer: 'all' }));
  const first = await read(path);
  assert.deepEqual(first.body.offer, o.offer);
  const again = await ok(await W.post(path, pick(first.body.offer, ['offered_on', 'services', 'note'])), 201);
  assert.deepEqual(pick(again.offer, ['offered_on', 'services', 'note']),
    pick(first.body.offer, ['offered_on', 'services', 'note']));
  const ans = await ok(await W.post(`${path}/answer`,
    pick(first.body.answer, ['answer', 'services', 'usual_note'])));
  assert.deepEqual(pick(ans.answer, ['answer', 'services', 'usual_note']),
    pick(first.body.answer, ['answer', 'services', 'usual_note']));
  assert.deepEqual(ans.accepted, first.body.accepted);
});

test('assessment and support plan: the GET fields as a new version are equal', async () => {
  const A = ['assessed_on', 'participants', 'client_view', 'worker_view', 'notes', 'needs'];
  const { body: a, loc } = await created(await W.post(`/api/clients/${client}/assessments`, {
    assessed_on: '2026-11-01', participants: 'Aino, Maria', client_view: 'Haluan asua itse',
    worker_view: 'Tuki arkeen', notes: 'Muistiinpano',
    needs: { housing: { client_view: 'Oma koti', worker_view: 'Tuettu asuminen' } },
  }));
  assert.equal(loc, `/api/assessments/${a.id}`);
  const first = await read(loc);
  const { body: b } = await created(await W.post(`/api/clients/${client}/assessments`, pick(first.body, A)));
  assert.deepEqual(pick((await read(`/api/assessments/${b.id}`)).body, A), pick(first.body, A));

  const S = ['goals', 'wishes', 'services', 'service_notes', 'helpers', 'helper_note'];
  const { body: s, loc: sloc } = await created(await W.post(`/api/clients/${client}/support-plans`, {
    goals: 'Oma koti', wishes: 'Rauhallinen', services: ['personal_assistance'],
    service_notes: { personal_assistance: 'Aamut' }, helpers: [], helper_note: '',
  }));
  assert.equal(sloc, `/api/support-plans/${s.id}`);
  const sfirst = await read(sloc);
  const { body: t } = await created(await W.post(`/api/clients/${client}/support-plans`, pick(sfirst.body, S)));
  assert.deepEqual(pick((await read(`/api/support-plans/${t.id}`)).body, S), pick(sfirst.body, S));
});

test('plan and lines: quantities and money come back as they went in', async () => {
  const { body: p, loc } = await created(await W.post(`/api/clients/${client}/plans`,
    { label: 'Paluu', ...PERIOD, client_fee: 1250, fee_note: 'Maksu', reasoning: 'Tarve' }));
  assert.equal(loc, `/api/plans/${p.id}`);
  assert.equal(p.client_fee, 1250);
  const l1 = await created(await W.post(`${loc}/lines`, { service: 'transport', quantity: 4, content: 'Matkat' }));
  assert.match(l1.loc, new RegExp(`^/api/plans/${p.id}/lines/\\d+$`));
  await created(await W.post(`${loc}/lines`, { service: 'personal_assistance', quantity: 2.5 }));
  await created(await W.post(`${loc}/lines`, { service: 'day_activities', quantity: 0.01 }));
  const first = await read(loc);
  assert.deepEqual(first.body.lines.map((l) => l.quantity), [4, 2.5, 0.01], 'units, as sent');

  // the whole GET body PATCHed back: nothing moves
  const back = await ok(await W.patch(loc, first.body, { 'if-match': first.etag }));
  assert.deepEqual(back, first.body);
  const again = await read(loc);
  assert.deepEqual(again.body, first.body, 'nothing moved');
  assert.equal(again.etag, first.etag);

  // each line sent back to a new draft gives the same line and money
  const { body: q } = await created(await W.post(`/api/clients/${client}/plans`,
    pick(first.body, ['label', 'valid_from', 'valid_to', 'review_date', 'client_fee', 'fee_note', 'reasoning'])));
  for (const l of first.body.lines)
    await created(await W.post(`/api/plans/${q.id}/lines`,
      { service: l.service.code, quantity: l.quantity, content: l.content }));
  const copy = (await read(`/api/plans/${q.id}`)).body;
  const money = (v) => ({
    client_fee: v.client_fee, total_monthly: v.total_monthly, total_period: v.total_period,
    lines: v.lines.map((l) => pick(l, ['quantity', 'unit_price', 'monthly_amount', 'period_amount', 'content'])),
  });
  assert.deepEqual(money(copy), money(first.body));
  assert.equal(copy.total_monthly, first.body.lines.reduce((s, l) => s + l.monthly_amount, 0));

  // a read-only member that differs is refused by name; a stale version 412
  await fieldError(await W.patch(loc, { ...first.body, total_monthly: 1 }), 'total_monthly');
  await fieldError(await W.patch(loc, { ...first.body, label: 'Uusi', state: 'approved' }), 'state');
  const changed = await W.patch(loc, { label: 'Uusi' }, { 'if-match': first.etag });
  assert.equal((await ok(changed)).label, 'Uusi');
  await assertJsonError(await W.patch(loc, { label: 'Vanha' }, { 'if-match': first.etag }),
    412, 'precondition_failed');
  // money only as cents, quantities only as numbers
  await fieldError(await W.patch(loc, { client_fee: '12' }), 'client_fee');
  await fieldError(await W.post(`/api/plans/${q.id}/lines`, { service: 'transport', quantity: '4' }), 'quantity');
});

test('price versions: the GET fields as a new version are equal', async () => {
  const admin = srv.accounts.find((a) => a.role === 'admin');
  const A = (await sessions(srv, [admin.username]))[admin.username];
  const P = ['service', 'unit', 'unit_price', 'instrument', 'valid_to'];
  const r = await A.post('/api/prices', { service: 'home_care', unit: 'hour', unit_price: 4321,
    instrument: 'commitment', valid_from: '2028-01-01' });
  const made = await ok(r, 201);
  assert.equal(r.headers.get('location'), '/api/prices?date=2028-01-01');
  const listed = (await ok(await A.get('/api/prices?date=2028-01-01'))).items
    .find((v) => v.id === made.id);
  const body = { ...pick(listed, P), service: listed.service.code, valid_from: '2029-01-01' };
  const next = await ok(await A.post('/api/prices', body), 201);
  assert.deepEqual(pick(next, ['unit', 'unit_price', 'instrument']), pick(listed, ['unit', 'unit_price', 'instrument']));
});

test('mandates: the GET fields as a new mandate are equal', async () => {
  const path = `/api/clients/${client}/mandates`;
  const { body: m, loc } = await created(await W.post(path,
    { username: 'liisa.virtanen', kind: 'guardian', scope: 'view', valid_from: '2026-01-01', valid_to: '2027-12-31' }));
  assert.equal(loc, path);
  const M = ['kind', 'scope', 'valid_from', 'valid_to'];
  const listed = (await ok(await W.get(path))).items.find((x) => x.id === m.id);
  assert.deepEqual(pick(listed, M), pick(m, M));
  await ok(await W.post(`/api/mandates/${m.id}/end`, {}));
  const again = await ok(await W.post(path, { ...pick(listed, M), username: listed.user.username }), 201);
  assert.deepEqual(pick(again, M), pick(listed, M));
});

test('401 names the scheme; error codes tell 400, 405, 415 and 422 apart', async () => {
  const anon = await fetch(srv.url + 'api/me');
  assert.equal(anon.status, 401);
  assert.equal(anon.headers.get('www-authenticate'), 'Session realm="budjetti"');
  const codes = new Set([
    (await assertJsonError(await W.patch(`/api/clients/${client}`, '{"phone": 05}'), 400)).code,
    (await assertJsonError(await W.request('PUT', `/api/clients/${client}`, {}), 405)).code,
    (await assertJsonError(await W.patch(`/api/clients/${client}`, 'phone=1',
      { 'content-type': 'application/x-www-form-urlencoded' }), 415)).code,
    (await assertJsonError(await W.patch(`/api/clients/${client}`, { phone: 'x' }), 422)).code,
  ]);
  assert.equal(codes.size, 4);
  const e = await assertJsonError(await W.patch(`/api/clients/${client}`,
    '{"email": "a@b.fi",\n "phone": 05}'), 400, 'bad_request');
  assert.equal(e.field, 'phone', 'the member the syntax error is in');
});

test('every write route of the OpenAPI document refuses an unknown member by name', async () => {
  const doc = await ok(await W.get('/api/openapi.json'));
  const admin = srv.accounts.find((a) => a.role === 'admin');
  const more = await sessions(srv, [admin.username, 'kari.makela', 'matti.korhonen', 'pekka.salonen']);
  const { body: plan } = await created(await W.post(`/api/clients/${client}/plans`, { ...PERIOD }));
  const { body: m } = await created(await W.post(`/api/clients/${client}/mandates`,
    { username: 'liisa.virtanen', kind: 'trustee', scope: 'view', valid_from: '2026-01-01' }));
  // Routes of other resources: any id will do, the unknown member is
  // refused before the id is looked up.
  const ids = { clients: client, plans: plan.id, mandates: m.id, 'plan-lines': 1, commitments: 1,
    providers: 1, approvals: 1, 'api-keys': 1, events: 1, invoices: 1, 'payment-runs': 1,
    users: 1, meetings: 1 };
  // the care system's routes take the demo's API key and no cookie
  const care = { request: (method, url, body) => fetch(srv.url + url.replace(/^\//, ''), {
    method, body: JSON.stringify(body), headers: { 'content-type': 'application/json',
      authorization: `Bearer ${srv.apiKeys[0].key}` } }) };
  let tried = 0;
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const method of ['post', 'put', 'patch']) {
      // an upload (a document, a Finvoice, a camt.054) takes its own type,
      // not JSON (a document's unknown fields: tests/api/documents.test.mjs)
      if (!ops[method] || !ops[method].requestBody?.content?.['application/json'])
        continue;
      const url = path.replace('/api/retention/lists/{id}', '/api/retention/lists/1')
        .replace(/\/api\/([a-z-]+)\/\{id\}/, (all, what) => `/api/${what}/${ids[what]}`);
      assert.doesNotMatch(url, /[{}]|undefined/, `an id for ${path}`);
      const who = path.startsWith('/api/prices') || path.startsWith('/api/settings') ||
          path.startsWith('/api/retention') ||
          path.startsWith('/api/users') ? more[admin.username]
        : /\/(return|approve|end)$/.test(path) && path.startsWith('/api/plans') ? as['johanna.ek']
          : /^\/api\/commitments\/\{id\}\/(accept|decline)$/.test(path) ? more['kari.makela']
            : path === '/api/providers/{id}/rulebook' ? more['kari.makela']
              : path === '/api/commitments/{id}/events' ? more['kari.makela']
                : /^\/api\/events\/\{id\}\/(confirm|dispute)$/.test(path) ? more['matti.korhonen']
                  : path === '/api/clients/{id}/outcomes' ? more['matti.korhonen']
                  : /api-keys/.test(path) ? more['kari.makela']
                    : path.startsWith('/api/provider/') ? care
                      : /^\/api\/providers\/\{id\}\/invoices/.test(path) ? more['kari.makela']
                        : /^\/api\/(invoices|payment-runs)/.test(path) ? more['pekka.salonen'] : W;
      const res = await who.request(method.toUpperCase(), url, { zz_unknown: 1 });
      assert.equal(res.status, 422, `${method} ${path}`);
      const e = await assertJsonError(res, 422, 'invalid');
      assert.equal(e.field, 'zz_unknown', `${method} ${path}`);
      tried++;
    }
  }
  assert.ok(tried >= 20, `${tried} write routes`);
});
