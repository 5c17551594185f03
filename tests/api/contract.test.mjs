// API contract test: the OpenAPI document the service serves (GET
// /api/openapi.json, merged from src/api/openapi.json and
// src/api/openapi/AREA.json) against what the service answers. Every
// operation is called with a valid request as a role that may call it; then,
// where it is cheap, with an invalid one (no session, a role that may not,
// an unknown id, malformed JSON, not JSON, a body over the limit, a body
// missing its required fields, a bad query parameter, an Idempotency-Key
// reused with another body). Each answer's status
// must be documented for the operation, its Content-Type must be one the
// document lists, and its body must validate against the documented schema
// (ajv, JSON Schema 2020-12, the dialect of OpenAPI 3.1); every 4xx has the
// Error shape. The document itself: every response object schema says which
// members are `required`, and every API write takes the Idempotency-Key
// header. An operation added to the document without a valid call here
// fails the last test.
//
// A care system's operations (security apiKey) are called with API keys
// the provider's admin makes in before(): KEY has every scope, KEY_R and
// KEY_E one each, so each is refused (403) where its scope is missing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { spawnSync } from 'node:child_process';
import { startServer, sessions, session, rawConnection, MAX_BODY, totp } from './lib.mjs';
import { camt054 } from './camt054.mjs';
import { finvoice } from './finvoice.mjs';

const W = 'maria.nieminen', DM = 'johanna.ek', FIN = 'pekka.salonen', ADMIN = 'admin';
const CLIENT = 'matti.korhonen', REP = 'liisa.virtanen', PROV = 'kari.makela';
const EVAL = 'eeva.arvioija';
const KEY = 'key:all', KEY_R = 'key:commitments', KEY_E = 'key:events';
const isKey = (u) => typeof u === 'string' && u.startsWith('key:');
const MATTI = 1, ELIN = 2;
const ADMIN_ID = () => as[ADMIN].me.user.id;
const NO_ID = 999999;
const METHODS = ['get', 'post', 'put', 'patch', 'delete'];
const WRITES = ['post', 'put', 'patch', 'delete'];

// Who may call each operation (the roles column of src/cli/routes.c); null:
// anyone signed in; 'public': no session needed.
const ANY = null;
const STAFF = [W, DM];
const READERS = [W, DM, CLIENT, REP];
const ROLES = {
  getHealth: 'public', getReady: 'public', getOpenApi: 'public', createSession: 'public',
  deleteSession: ANY, deleteAllSessions: ANY, getMe: ANY,
  listClients: STAFF, searchClients: STAFF, createClient: [W], getClient: READERS, updateClient: [W],
  revealClientHetu: READERS,
  listMandates: STAFF, addMandate: [W], endMandate: [W], createClientAccount: [W], newClientActivationLink: [W],
  clientUselog: READERS,
  listAssessments: READERS, createAssessment: [W], getAssessment: READERS,
  getOffer: READERS, createOffer: [W], answerOffer: [W, CLIENT, REP],
  listSupportPlans: READERS, createSupportPlan: [W, CLIENT, REP], getSupportPlan: READERS,
  listServices: [ADMIN, W, DM, FIN, CLIENT, REP], listPrices: [ADMIN, W, DM, FIN],
  createPrice: [ADMIN, FIN], importPrices: [ADMIN, FIN], exportPrices: [ADMIN, W, DM, FIN],
  listInvitations: [ADMIN, W], createInvitations: [ADMIN, W],
  listClientPlans: READERS, createPlan: [W], getClientLedger: READERS,
  listProposedPlans: [DM], getPlan: READERS, updatePlan: [W], addPlanLine: [W],
  removePlanLine: [W], proposePlan: [W], discardPlan: [W], returnPlan: [DM],
  approvePlan: [DM], endPlan: [DM], getPlanDecision: READERS, listReviewsDue: [W],
  listLineChoices: [W, CLIENT, REP], chooseProvider: [W, CLIENT, REP], getCommitment: [...READERS, PROV],
  acceptCommitment: [PROV], declineCommitment: [PROV], switchProvider: [W, CLIENT, REP],
  listProviderCommitments: [PROV],
  listPublicProviders: 'public', listProviders: [ADMIN, W, DM, FIN], createProvider: [W, ADMIN],
  getProvider: [ADMIN, W, DM, FIN, PROV], updateProvider: [W, ADMIN, PROV],
  applyForApproval: [W, PROV], decideApproval: [W], createApplication: 'public',
  listRulebookVersions: [ADMIN, W, DM, FIN, PROV], addRulebookVersion: [W, ADMIN],
  getRulebookVersion: [ADMIN, W, DM, FIN, PROV], acceptRulebook: [PROV],
  listProviderDocuments: [W, ADMIN, PROV], uploadProviderDocument: [PROV, W, ADMIN],
  downloadProviderDocument: [W, ADMIN, PROV], getSettings: [ADMIN], putSettings: [ADMIN],
  listApiKeys: [PROV], createApiKey: [PROV], getApiKey: [PROV], revokeApiKey: [PROV],
  listCareCommitments: [KEY, KEY_R], sendCareEvents: [KEY, KEY_E],
  listInvoices: [FIN, PROV], getInvoice: [FIN, PROV], approveInvoice: [FIN],
  sendFinvoice: [FIN, PROV], invoiceMonth: [FIN, PROV], invoiceEvents: [FIN, PROV],
  listPaymentRuns: [FIN], createPaymentRun: [FIN], getPaymentRun: [FIN], approvePaymentRun: [FIN],
  getPain001: [FIN], importCamt054: [FIN], getRemittance: [FIN, PROV], listLineLedger: READERS,
  recordEvent: [PROV], listCommitmentEvents: [PROV], listProviderEvents: [PROV],
  listClientEvents: READERS, getEvent: [...READERS, PROV], confirmEvent: [CLIENT, REP],
  disputeEvent: [CLIENT, REP], resolveEvent: [W], listDisputes: STAFF,
  listUsers: [ADMIN], createUser: [ADMIN], getUser: [ADMIN], putUser: [ADMIN],
  disableUser: [ADMIN], enableUser: [ADMIN], sendPasswordLink: [ADMIN], usePasswordLink: 'public',
  changeOwnPassword: ANY, listOwnSessions: ANY, endOwnSession: ANY, endOtherSessions: ANY,
  getOwnTotp: [ADMIN, W, DM, FIN], startOwnTotp: [ADMIN, W, DM, FIN], confirmOwnTotp: [ADMIN, W, DM, FIN],
  getPilotFigures: [EVAL, ADMIN, DM], getOutcomes: [CLIENT, REP], putOutcomes: [CLIENT, REP],
  getUsageReport: [W, DM, FIN, CLIENT, REP], exportUsageReport: [W, DM, FIN, CLIENT, REP],
  getUsageAlerts: [W], getUsageSettings: [ADMIN], putUsageSettings: [ADMIN],
  listClientMeetings: READERS, bookMeeting: [W], getMeeting: READERS, moveMeeting: [W],
  cancelMeeting: [W], getVideoService: [ADMIN], putVideoService: [ADMIN],
  getClientTasks: READERS, listWorkerStages: [W],
  getRetention: [ADMIN], putRetention: [ADMIN], listRetentionDue: [ADMIN], listDestructionLists: [ADMIN],
  createDestructionList: [ADMIN], getDestructionList: [ADMIN], approveDestructionList: [ADMIN],
  destroyDestructionList: [ADMIN],
};

let srv, doc, ajv, as;
const ops = [];			// {method, template, re, op}
const calledOk = new Set();	// operationIds answered 2xx
const keys = [];		// writes sent with an Idempotency-Key: {user, method, path, key}

before(async () => {
  srv = await startServer({ demo: true, cases: true });	/* Matti's plan and the providers' market */
  const res = await fetch(srv.url + 'api/openapi.json');
  assert.equal(res.status, 200);
  doc = await res.json();
  ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addFormat('password', true);	// an OpenAPI hint, not a constraint
  ajv.addSchema(doc, 'openapi.json');
  for (const [template, item] of Object.entries(doc.paths))
    for (const method of METHODS.filter((m) => item[m]))
      ops.push({ method, template, op: item[method],
        re: new RegExp('^' + template.replace(/\{[^}]+\}/g, '[^/]+') + '$') });
  as = await sessions(srv, [W, DM, FIN, ADMIN, CLIENT, REP, PROV, EVAL]);
  const scopes = { [KEY]: ['commitments:read', 'events:write'], [KEY_R]: ['commitments:read'],
    [KEY_E]: ['events:write'] };
  for (const [name, sc] of Object.entries(scopes)) {
    const res = await as[PROV].post(`/api/providers/${as[PROV].me.user.provider_id}/api-keys`,
      { name, scopes: sc });
    assert.equal(res.status, 201);
    as[name] = { bearer: (await res.json()).key };
  }
});
after(async () => { await srv?.stop(); });

// A local $ref ('#/components/...') of the document, resolved.
function deref(o) {
  while (o && o.$ref)
    o = o.$ref.slice(2).split('/').reduce((x, k) => x[k.replace(/~1/g, '/').replace(/~0/g, '~')], doc);
  return o;
}

const pointer = (...parts) => parts.map((p) => String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

function findOp(method, path) {
  const bare = path.split('?')[0];
  const found = ops.find((o) => o.method === method && o.re.test(bare));
  assert.ok(found, `${method.toUpperCase()} ${bare} is not in the document`);
  return found;
}

// Validate data against the schema at #/PATH of the document.
function validate(where, data, ...path) {
  const ref = 'openapi.json#/' + pointer(...path);
  const v = ajv.getSchema(ref) ?? ajv.compile({ $ref: ref });
  assert.ok(v(data), `${where}: the body does not match the documented schema:\n` +
    `${ajv.errorsText(v.errors, { separator: '\n' })}\nbody: ${JSON.stringify(data).slice(0, 2000)}`);
}

// Check one answer against the document; resolves {status, body}.
async function check(method, path, res) {
  const { template, op } = findOp(method, path);
  const where = `${method.toUpperCase()} ${path} (${op.operationId}) answered ${res.status}`;
  const text = await res.text();
  const status = String(res.status);
  assert.ok(op.responses[status], `${where}: status not documented\n${text.slice(0, 500)}`);
  const resp = deref(op.responses[status]);
  const type = (res.headers.get('content-type') ?? '').split(';')[0].trim();
  if (!resp.content) {
    assert.equal(text, '', `${where}: a body where the document has none`);
    return { status: res.status, body: null };
  }
  const respRef = op.responses[status].$ref;
  const base = respRef ? respRef.slice(2).split('/') : ['paths', template, method, 'responses', status];
  assert.ok(resp.content[type], `${where}: Content-Type ${type} is not documented ` +
    `(${Object.keys(resp.content)})`);
  if (type !== 'application/json')
    return { status: res.status, body: text };
  const body = JSON.parse(text);
  if (resp.content[type].schema)
    validate(where, body, ...base, 'content', type, 'schema');
  if (res.status >= 400)
    validate(`${where} (the Error shape)`, body, 'components', 'schemas', 'Error');
  return { status: res.status, body };
}

/*
 * Send a request as user (a username, or null: no session) and check the
 * answer against the document. body: a string is sent as it is, anything
 * else as JSON. expect: the status class or status wanted (2 = any 2xx).
 */
async function call(user, method, path, { body, headers = {}, expect = 2 } = {}) {
  const h = { ...headers };
  if (body !== undefined && !Object.keys(h).some((k) => k.toLowerCase() === 'content-type'))
    h['content-type'] = 'application/json';
  if (user && as[user].bearer)
    h.authorization = `Bearer ${as[user].bearer}`;
  else if (user)
    h.cookie = as[user].cookie;
  const res = await fetch(srv.url + path.replace(/^\//, ''), {
    method: method.toUpperCase(), headers: h,
    body: body === undefined || typeof body === 'string' ? body : JSON.stringify(body),
  });
  const r = await check(method, path, res);
  const ok = expect < 10 ? Math.floor(r.status / 100) === expect : r.status === expect;
  assert.ok(ok, `${method.toUpperCase()} ${path} as ${user}: ${r.status}, wanted ${expect}` +
    `${expect < 10 ? 'xx' : ''}\n${JSON.stringify(r.body).slice(0, 500)}`);
  if (r.status < 300)
    calledOk.add(findOp(method, path).op.operationId);
  return r.body;
}

// A valid write, sent with a fresh Idempotency-Key kept for the reuse test.
async function write(user, method, path, body, expect = 2) {
  const key = `contract-${keys.length + 1}`;
  keys.push({ user, method, path, key, body });
  return call(user, method, path, { body, expect, headers: { 'idempotency-key': key } });
}

// Every object schema reachable from sch that has properties but no
// `required` (a reader of the answer then cannot rely on any member), each
// named once by where it is: its component and the path inside it.
function missingRequired(sch, where, out, seen) {
  if (!sch || typeof sch !== 'object' || seen.has(sch))
    return;
  seen.add(sch);
  if (sch.$ref)
    return missingRequired(deref(sch), sch.$ref, out, seen);
  if (sch.properties && !sch.required)
    out.push(where);
  for (const [k, v] of Object.entries(sch.properties ?? {}))
    missingRequired(v, `${where}.${k}`, out, seen);
  for (const k of ['items', 'additionalProperties'])
    missingRequired(sch[k], `${where}[${k}]`, out, seen);
  for (const k of ['allOf', 'anyOf', 'oneOf'])
    (sch[k] ?? []).forEach((s, i) => missingRequired(s, `${where}.${k}[${i}]`, out, seen));
}

test('the document: response schemas name their required members', () => {
  const missing = [], seen = new Set();
  for (const { method, template, op } of ops)
    for (const [status, r] of Object.entries(op.responses))
      for (const [type, c] of Object.entries(deref(r).content ?? {}))
        missingRequired(c.schema, `${method.toUpperCase()} ${template} ${status} ${type}`, missing, seen);
  assert.deepEqual(missing, [], 'object schemas of answers without `required`');
});

test('the document: every API write of a signed-in user takes Idempotency-Key', () => {
  // x-read-only: a POST that only reads (a search, whose terms stay out of URLs)
  const without = ops.filter(({ method, op }) => WRITES.includes(method) && op.security?.length !== 0)
    .filter(({ op }) => !op['x-read-only'])
    .filter(({ op }) => !op['x-shown-once'])	// a new API key: its answer is never kept
    .filter(({ op }) => !(op.parameters ?? []).some((p) => deref(p).name === 'Idempotency-Key'))
    .map(({ method, template }) => `${method.toUpperCase()} ${template}`);
  assert.deepEqual(without, []);
});

test('the document: every operation has a role entry here', () => {
  const ids = ops.map(({ op }) => op.operationId);
  assert.deepEqual(ids.filter((id) => !(id in ROLES)), [], 'operations unknown to this test');
  assert.deepEqual(Object.keys(ROLES).filter((id) => !ids.includes(id)), [],
    'operations this test knows that the document lacks');
});

test('system and session', async () => {
  await call(null, 'get', '/healthz');
  await call(null, 'get', '/readyz');
  await call(null, 'get', '/api/openapi.json');
  const account = srv.accounts.find((a) => a.username === ADMIN);
  await call(null, 'post', '/api/session', { body: { username: ADMIN, password: account.password } });
  for (const u of Object.keys(as).filter((x) => !isKey(x)))
    await call(u, 'get', '/api/me');
  await call(KEY, 'get', '/api/me', { expect: 401 });	// a key opens no other route
});

// Casework and clients, as the worker, the client and the representative.
test('clients and casework: every operation with a valid request', async () => {
  const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Helsinki' });
  await call(W, 'get', '/api/clients');
  await call(DM, 'post', '/api/clients/search', { body: { q: 'korhonen' } });
  await call(W, 'post', '/api/clients/search', { body: { mine: true, limit: 2 } });
  const c = await write(W, 'post', '/api/clients', { hetu: '131052-308T', first_name: 'Åsa',
    last_name: 'Åberg', lang: 'sv', easy_read: true, email: 'asa@example.fi',
    phone: '+358 40 123 4567', municipality: 'Porvoo', address: 'Testgatan 1', communication: 'Tolk' });
  for (const u of [W, DM])
    await call(u, 'get', `/api/clients/${c.id}`);
  await call(CLIENT, 'get', `/api/clients/${MATTI}`);
  await write(W, 'patch', `/api/clients/${c.id}`, { phone: '+358 40 765 4321' });
  const m = await write(W, 'post', `/api/clients/${c.id}/mandates`,
    { username: REP, kind: 'guardian', scope: 'act', valid_from: today });
  await call(W, 'get', `/api/clients/${c.id}/mandates`);
  await call(REP, 'get', `/api/clients/${c.id}`);
  for (const u of READERS)
    await call(u, 'get', `/api/clients/${u === CLIENT ? MATTI : c.id}/hetu`);
  const acc = await write(W, 'post', `/api/clients/${c.id}/account`, { username: 'asa.aberg' });
  const token = acc.activation_link.split('/password/')[1];
  await call(null, 'post', '/api/password-link', { body: { token, password: 'Asas-forsta-losen-1',
    password2: 'Asas-forsta-losen-1' }, expect: 204 });
  await call(null, 'post', '/api/password-link', { body: { token, password: 'Asas-andra-losen-2',
    password2: 'Asas-andra-losen-2' }, expect: 409 });
  const again = await write(W, 'post', `/api/clients/${c.id}/account/link`, {});
  assert.match(again.activation_link, /\/password\//);
  await write(W, 'post', `/api/mandates/${m.id}/end`, {});
  for (const u of [W, CLIENT])
    await call(u, 'get', `/api/clients/${MATTI}/uselog`);

  const a = await write(W, 'post', `/api/clients/${ELIN}/assessments`, {
    assessed_on: '2025-01-15', participants: 'Elin Lindholm, Maria Nieminen',
    client_view: 'Jag vill bo hemma.', worker_view: 'Behöver hjälp på kvällarna.', notes: '',
    needs: { housing: { client_view: 'Egen bostad', worker_view: 'Stödboende' } } });
  await call(W, 'get', `/api/clients/${ELIN}/assessments`);
  await call(DM, 'get', `/api/assessments/${a.id}`);
  await write(W, 'post', `/api/clients/${ELIN}/offer`, { offered_on: '2025-01-20',
    services: ['personal_assistance', 'day_activities', 'transport'], note: '' });
  await call(W, 'get', `/api/clients/${ELIN}/offer`);
  await write(W, 'post', `/api/clients/${ELIN}/offer/answer`, { answer: 'all' });
  const sp = await write(CLIENT, 'post', `/api/clients/${MATTI}/support-plans`, {
    goals: 'Asua omassa kodissa.', wishes: '', services: ['personal_assistance'],
    service_notes: {}, helpers: ['family'], helper_note: '' });
  await call(CLIENT, 'get', `/api/clients/${MATTI}/support-plans`);
  await call(W, 'get', `/api/support-plans/${sp.id}`);
  await call(CLIENT, 'get', `/api/clients/${MATTI}/offer`);
  await call(CLIENT, 'get', `/api/clients/${MATTI}/assessments`);
});

// The pilot: the evaluator's figures, the client's questionnaire (the demo's
// decisions are new, so Matti's and Aleksi's are open).
test('pilot figures and the outcomes questionnaire: every operation with a valid request', async () => {
  for (const u of [EVAL, ADMIN, DM])
    await call(u, 'get', '/api/pilot/figures');
  const f = await call(EVAL, 'get', '/api/pilot/figures?from=2025-01-01&to=2030-12-31&municipality=Porvoo');
  assert.equal(f.municipality, 'Porvoo');
  const o = await call(CLIENT, 'get', `/api/clients/${MATTI}/outcomes`);
  assert.equal(o.open, true, JSON.stringify(o));
  const put = await write(CLIENT, 'put', `/api/clients/${MATTI}/outcomes`,
    { q_life: 2, q_help: 3, q_choice: 3, comment: 'Ihan hyvä.', lang: 'fi' });
  assert.equal(put.answer.q_life, 2);
  await call(CLIENT, 'put', `/api/clients/${MATTI}/outcomes`, { body: { q_life: 4, q_help: 3, q_choice: 3 },
    expect: 422 });
});

// Before the admin enrols a second factor (the users test): approving a
// destruction list asks only the password then. The demo's client of 2014
// (Eino Lindqvist) is the one due.
test('retention: every operation with a valid request, and what GET answers goes back', async () => {
  const r = await call(ADMIN, 'get', '/api/retention');
  assert.deepEqual(await write(ADMIN, 'put', '/api/retention', r), r, 'a round trip changes nothing');
  await call(ADMIN, 'put', '/api/retention', { body: { retention_years: 5 }, expect: 422,
    headers: { 'idempotency-key': 'contract-retention-bad' } });
  const due = await call(ADMIN, 'get', '/api/retention/due?limit=5');
  assert.equal(due.items.length, 1);
  const list = await write(ADMIN, 'post', '/api/retention/lists', {}, 201);
  await call(ADMIN, 'post', '/api/retention/lists', { body: {}, expect: 409,
    headers: { 'idempotency-key': 'contract-retention-open' } });
  await call(ADMIN, 'get', '/api/retention/lists');
  await call(ADMIN, 'get', `/api/retention/lists/${list.id}`);
  const password = srv.accounts.find((a) => a.username === ADMIN).password;
  await write(ADMIN, 'post', `/api/retention/lists/${list.id}/approve`, { password });
  const done = await write(ADMIN, 'post', `/api/retention/lists/${list.id}/destroy`, {});
  assert.equal(done.destroyed, 1);
});

test('users and one\'s own account: every operation with a valid request', async () => {
  const u = await write(ADMIN, 'post', '/api/users', { username: 'sari.sihvonen',
    display_name: 'Sari Sihvonen', role: 'worker', lang: 'fi', email: 'sari@example.fi' }, 201);
  await call(ADMIN, 'get', '/api/users?limit=2');
  await call(ADMIN, 'get', `/api/users/${u.id}`);
  const put = await write(ADMIN, 'put', `/api/users/${u.id}`, { display_name: 'Sari Sihvonen',
    role: 'decision_maker', lang: 'sv', email: 'sari@example.fi', unit_id: 0 });
  assert.equal(put.role, 'decision_maker');
  await write(ADMIN, 'post', `/api/users/${u.id}/password-link`, {});
  assert.equal((await write(ADMIN, 'post', `/api/users/${u.id}/disable`, {})).active, false);
  assert.equal((await write(ADMIN, 'post', `/api/users/${u.id}/enable`, {})).active, true);
  await write(ADMIN, 'post', `/api/users/${ADMIN_ID()}/disable`, {}, 409);

  // a second session of finance, listed and ended; then all others
  const other = await session(srv, FIN);
  const list = await call(FIN, 'get', '/api/me/sessions');
  const mine = list.items.find((x) => !x.current);
  assert.ok(mine, JSON.stringify(list));
  await write(FIN, 'delete', `/api/me/sessions/${mine.id}`, undefined, 204);
  assert.equal((await other.get('/api/me')).status, 401, 'the ended session is gone');
  await write(FIN, 'post', '/api/me/sessions/end-others', {}, 204);
  const acct = srv.accounts.find((a) => a.username === FIN);
  await write(FIN, 'post', '/api/me/password', { old_password: acct.password, password: 'Pekan-uusi-salasana-88' }, 204);
  acct.password = 'Pekan-uusi-salasana-88';	// later tests approve as finance with it

  // the second factor of the admin (who approves nothing later here):
  // start, then confirm with the app's code
  await call(W, 'get', '/api/me/totp');
  const st = await write(ADMIN, 'post', '/api/me/totp', {});
  const conf = await write(ADMIN, 'post', '/api/me/totp/confirm', { code: totp(st.pending.secret) });
  assert.equal(conf.recovery_codes.length, 10);
  await call(ADMIN, 'get', '/api/me/totp');
});

test('prices: every operation with a valid request', async () => {
  for (const u of [ADMIN, CLIENT])
    await call(u, 'get', '/api/services');
  await call(W, 'get', '/api/prices');
  await call(FIN, 'get', '/api/prices?all=1');
  await call(DM, 'get', '/api/prices?date=2026-06-01');
  await write(FIN, 'post', '/api/prices', { service: 'home_care', unit: 'hour', unit_price: 4120,
    instrument: 'commitment', valid_from: '2026-12-01' });
  await write(ADMIN, 'post', '/api/prices/import', {
    csv: 'service;unit;unit_price;instrument;valid_from;valid_to\r\n' +
      'transport;trip;47,00;purchase;2027-02-01;\r\n' });
  await call(W, 'get', '/api/prices/export?date=2026-06-01');
});

test('invitations: every operation with a valid request', async () => {
  await write(W, 'post', '/api/invitations', {
    csv: 'nimi;sähköposti\nHoiva Oy;info@hoiva.fi\n;puuttuu@nimi.fi\n', lang: 'both' });
  await call(ADMIN, 'get', '/api/invitations');
  await call(W, 'get', '/api/invitations?limit=1');
});

test('plans: every operation with a valid request', async () => {
  const period = { valid_from: '2027-01-01', valid_to: '2027-12-31', review_date: '2027-10-01' };
  const p = await write(W, 'post', `/api/clients/${ELIN}/plans`,
    { label: 'Vaihtoehto A', ...period, client_fee: 1250, reasoning: 'Tarve arvioitu.' }, 201);
  await call(W, 'get', `/api/clients/${ELIN}/plans`);
  await write(W, 'patch', `/api/plans/${p.id}`, { client_fee: 1000 });
  await write(W, 'post', `/api/plans/${p.id}/lines`, { service: 'personal_assistance', quantity: 40 });
  const withLine = await write(W, 'post', `/api/plans/${p.id}/lines`, { service: 'transport', quantity: 4 });
  const last = withLine.lines.find((l) => l.service.code === 'transport' || l.service === 'transport');
  assert.ok(last, JSON.stringify(withLine.lines));
  await write(W, 'delete', `/api/plans/${p.id}/lines/${last.id}`);
  await write(W, 'post', `/api/plans/${p.id}/propose`, {});
  await call(DM, 'get', '/api/plans?state=proposed');
  await write(DM, 'post', `/api/plans/${p.id}/return`, { note: 'Perustelut puuttuvat.' });
  await write(W, 'post', `/api/plans/${p.id}/propose`, {});
  const password = srv.accounts.find((a) => a.username === DM).password;
  await write(DM, 'post', `/api/plans/${p.id}/approve`, { password });
  await call(W, 'get', `/api/plans/${p.id}`);
  await call(W, 'get', `/api/plans/${p.id}/decision`);
  await call(W, 'get', `/api/clients/${ELIN}/ledger`);
  const due = await call(W, 'get', '/api/reviews?within_days=366');
  assert.ok(due.items.some((r) => r.plan_id === p.id), 'the approved plan is due for review');
  await write(DM, 'post', `/api/plans/${p.id}/end`, { last_day: '2027-09-30', password });
  const d = await write(W, 'post', `/api/clients/${ELIN}/plans`, { label: 'B', ...period }, 201);
  await write(W, 'post', `/api/plans/${d.id}/discard`, {});
  await call(W, 'get', '/api/reviews');
});

test('providers: every operation with a valid request', async () => {
  const list = await call(null, 'get', '/api/public/providers?service=personal_assistance&municipality=Porvoo');
  assert.ok(list.items.length > 0, 'the demo has approved providers');
  await call(W, 'get', '/api/public/providers?service=day_activities&municipality=Loviisa&limit=1');
  await call(W, 'get', '/api/providers');
  const p = await write(W, 'post', '/api/providers', { kind: 'company', name: 'Sopimus Oy',
    ytunnus: '9612345-0', ovt: '003796123450', iban: 'FI4950009420028730', bic: 'OKOYFIHH',
    email: 'info@sopimus.example', languages: ['fi'], areas: ['Porvoo'],
    locations: [{ name: 'Sopimus', address: 'Tori 1', municipality: 'Porvoo', parking: true }],
    prices: [{ service: 'home_care', unit: 'hour', unit_price: 4400, valid_from: '2026-01-01' }] }, 201);
  await call(PROV, 'get', '/api/providers/1');
  await call(FIN, 'get', `/api/providers/${p.id}`);
  await write(PROV, 'patch', '/api/providers/1', { phone: '019 555 0199' });
  const a = await write(PROV, 'post', '/api/providers/1/approvals',
    { service: 'transport', municipality: 'Porvoo' }, 201);
  const ap = a.approvals.find((x) => x.service === 'transport' && x.municipality === 'Porvoo');
  await write(W, 'post', `/api/approvals/${ap.id}/decision`, { state: 'approved' });
  const app = { kind: 'company', name: 'Hakija Oy', ytunnus: '9612346-9', languages: ['sv'],
    areas: ['Loviisa'], register_name: 'organiser', register_no: 'L-9', register_date: '2026-01-02',
    wants: [{ service: 'transport', municipality: 'Loviisa' }],
    username: 'hakija.admin', display_name: 'Hanna Hakija', password: 'Hakijan-oma-tunnus-51' };
  await call(null, 'post', '/api/applications', { body: app, expect: 201 });
  await call(null, 'post', '/api/applications', { body: { ...app, ytunnus: '9612346-8' }, expect: 422 });
  await call(null, 'post', '/api/applications', { body: '{"a": ', expect: 400 });
});

test('rulebook: every operation with a valid request', async () => {
  await call(PROV, 'get', '/api/rulebook');
  const v = await write(W, 'post', '/api/rulebook', { effective_on: '2099-01-01',
    general_fi: 'Ehdot.', general_sv: 'Villkor.',
    parts: [{ service: 'transport', fi: 'Kuljetus.', sv: 'Transport.' }] }, 201);
  await call(FIN, 'get', `/api/rulebook/${v.id}`);
  const p = await write(PROV, 'post', '/api/providers/1/rulebook', { rulebook_id: v.id }, 201);
  assert.ok(p.rulebook.accepted.some((a) => a.rulebook_id === v.id));
});

test('settings: every operation with a valid request, and what GET answers goes back', async () => {
  const before = await call(ADMIN, 'get', '/api/settings');
  const put = await write(ADMIN, 'put', '/api/settings', { ...before,
    registry_email: 'kirjaamo@hyvinvointialue.example' });
  assert.equal(put.registry_email, 'kirjaamo@hyvinvointialue.example');
  assert.deepEqual(await write(ADMIN, 'put', '/api/settings', put), put, 'a round trip changes nothing');
  await call(ADMIN, 'put', '/api/settings', { body: { registry_hours: 'ma\nti' }, expect: 422,
    headers: { 'idempotency-key': 'contract-settings-bad' } });
});

test('meetings: every operation with a valid request', async () => {
  const day = (n) => new Date(Date.now() + n * 86400000).toISOString().slice(0, 10);
  const video = await call(ADMIN, 'get', '/api/settings/video');
  assert.deepEqual(await write(ADMIN, 'put', '/api/settings/video', video), video);
  const m = await write(W, 'post', `/api/clients/${MATTI}/meetings`, { kind: 'review',
    date: day(10), time: '09:30', minutes: 45, place: 'Porvoon sosiaalitoimisto' }, 201);
  await call(CLIENT, 'get', `/api/clients/${MATTI}/meetings?limit=1`);
  await call(CLIENT, 'get', `/api/meetings/${m.id}`);
  const moved = await write(W, 'post', `/api/meetings/${m.id}/move`, { date: day(11),
    time: '09:30', video: true });
  assert.equal(moved.sequence, 1);
  assert.equal((await write(W, 'post', `/api/meetings/${m.id}/cancel`, {})).state, 'cancelled');
  // what to do next, as the home pages show it
  const tasks = await call(CLIENT, 'get', `/api/clients/${MATTI}/tasks`);
  assert.ok(tasks.tasks.some((t) => t.kind === 'meeting'), 'the demo meeting');
  const stages = await call(W, 'get', '/api/stages?limit=2');
  assert.equal(stages.items.length, 2);
  assert.ok(stages.next_cursor);
});

// A multipart upload (not JSON: write() cannot send it), with the
// session's CSRF token and an Idempotency-Key.
async function uploadDocument(user, pid, kind, bytes, type, expect) {
  const fd = new FormData();
  fd.append('kind', kind);
  fd.append('csrf', as[user].me.csrf);
  fd.append('file', new Blob([bytes], { type }), 'todistus');
  const path = `/api/providers/${pid}/documents`;
  const res = await fetch(srv.url + path.slice(1), { method: 'POST', body: fd,
    headers: { cookie: as[user].cookie, 'idempotency-key': `contract-doc-${kind}-${expect}` } });
  const r = await check('post', path, res);
  assert.equal(r.status, expect, JSON.stringify(r.body));
  if (r.status < 300)
    calledOk.add('uploadProviderDocument');
  return r.body;
}

test('documents: every operation with a valid request', async () => {
  const pdf = Buffer.from('%PDF-1.7\n%%EOF\n');
  const d = await uploadDocument(PROV, 1, 'tax_debt', pdf, 'application/pdf', 201);
  await uploadDocument(PROV, 1, 'trade_register', pdf, 'image/png', 422);
  await uploadDocument(PROV, 1, 'insurance', pdf, 'application/pdf', 422);
  await call(W, 'get', '/api/providers/1/documents?limit=1');
  const got = await call(ADMIN, 'get', `/api/providers/1/documents/${d.id}`);
  assert.equal(got, pdf.toString());
});

// The demo's cases: Matti's approved plan; Apuviisas (kari.makela's) and
// Tukitupa approved in Porvoo for day activities, and Apuviisas for
// transport by the providers test above.
test('commitments: every operation with a valid request', async () => {
  const plans = await call(CLIENT, 'get', `/api/clients/${MATTI}/plans`);
  const plan = await call(CLIENT, 'get', `/api/plans/${plans.items[0].id}`);
  const line = (code) => plan.lines.find((l) => l.service.code === code).id;
  const c = await call(CLIENT, 'get', `/api/plan-lines/${line('day_activities')}/choices`);
  const apu = c.items.find((i) => i.name === 'Apuviisas Oy').provider_id;
  const sol = c.items.find((i) => i.name !== 'Apuviisas Oy').provider_id;
  await call(W, 'get', `/api/plan-lines/${line('transport')}/choices`);
  const cm = await write(CLIENT, 'post', `/api/plan-lines/${line('day_activities')}/commitment`,
    { provider_id: apu }, 201);
  await call(W, 'get', `/api/commitments/${cm.id}`);
  await call(PROV, 'get', `/api/commitments/${cm.id}`);
  await write(PROV, 'post', `/api/commitments/${cm.id}/accept`, {});
  await write(CLIENT, 'post', `/api/commitments/${cm.id}/switch`,
    { provider_id: sol, from: plan.valid_to }, 201);
  const tr = await write(W, 'post', `/api/plan-lines/${line('transport')}/commitment`,
    { provider_id: apu, valid_from: plan.valid_from }, 201);
  await write(PROV, 'post', `/api/commitments/${tr.id}/decline`, { reason: 'Ei autoa vapaana.' });
  await call(PROV, 'get', `/api/providers/${apu}/commitments?limit=2`);
});

// The provider's admin and its care system's keys (made in before()).
test('API keys and the care system: every operation with a valid request', async () => {
  const pid = as[PROV].me.user.provider_id;
  await call(PROV, 'get', `/api/providers/${pid}/api-keys`);
  const k = await call(PROV, 'post', `/api/providers/${pid}/api-keys`,
    { body: { name: 'Sopimus', scopes: ['events:write'] }, expect: 201 });
  await call(PROV, 'get', `/api/api-keys/${k.id}`);
  await write(PROV, 'post', `/api/api-keys/${k.id}/revoke`, {});
  await call(KEY, 'get', '/api/provider/commitments?limit=2');
  const cm = (await call(KEY_R, 'get', '/api/provider/commitments')).items[0];
  const a = await write(KEY, 'post', '/api/provider/events', { events: [
    { commitment_id: cm.id, on_date: cm.valid_from, quantity: 1.5, external_id: 'contract-1' },
    { commitment_id: NO_ID, on_date: '2026-01-01', quantity: 1, external_id: 'contract-2', note: null }] });
  assert.equal(a.rows.length, 2);
  await call(KEY_E, 'post', '/api/provider/events', { headers: { 'content-type': 'text/csv' },
    body: 'commitment;date;quantity;note;external id\r\n1;2026-01-01;1;;contract-3\r\n' });
});

// The demo's settlement: Apuviisas (kari.makela's) invoiced last month's
// housing of Aleksi Virtanen and finance approved it; his housing month
// goes on this month.
test('invoices: every operation with a valid request', async () => {
  const month = new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Helsinki' }).slice(0, 7);
  const list = await call(PROV, 'get', '/api/invoices?limit=5');
  const apu = list.items[0].provider.id;
  await call(FIN, 'get', `/api/invoices?provider_id=${apu}&state=approved`);
  await call(PROV, 'get', `/api/invoices/${list.items[0].id}`);
  const m = await write(FIN, 'post', `/api/providers/${apu}/invoices/monthly`, { month }, 201);
  const password = srv.accounts.find((a) => a.username === FIN).password;
  await write(FIN, 'post', `/api/invoices/${m.id}/approve`, { password });
  const doc = finvoice({ seller: '9304816-8', number: 'CONTRACT-1', date: `${month}-01`,
    rows: [{ commitment: 999999, day: `${month}-01`, qty: 1, price: 3500 }] });
  const f = await call(PROV, 'post', `/api/providers/${apu}/invoices`, { body: doc,
    headers: { 'content-type': 'application/xml', 'idempotency-key': 'contract-finvoice' }, expect: 201 });
  assert.equal(f.rows[0].code, 'no_commitment');
  await call(FIN, 'get', `/api/invoices/${f.id}`);
});

// The demo's first month of delivery on Matti's personal assistance
// (commitment 1; events 1-5 confirmed, 8 disputed). Its period starts next
// month, so to record a day that has passed its first day is moved back
// with the sqlite3 shell.
test('events: every operation with a valid request', async () => {
  const r = spawnSync('sqlite3', ['-cmd', '.timeout 5000', srv.db,
    "UPDATE commitment SET valid_from = date('now', '-40 days') WHERE id = 1"], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const day = new Date(Date.now() - 20 * 86400e3).toISOString().slice(0, 10);
  const ev = await write(PROV, 'post', '/api/commitments/1/events',
    { on_date: day, quantity: 1.5, note: 'Kauppa', external_id: 'C-1' }, 201);
  assert.equal(ev.quantity, 1.5);
  await call(PROV, 'get', `/api/events/${ev.id}`);
  await call(W, 'get', '/api/events/8');
  await call(PROV, 'get', '/api/commitments/1/events?limit=2');
  await call(PROV, 'get', `/api/providers/${ev.provider.id}/events?limit=2`);
  const list = await call(CLIENT, 'get', `/api/clients/${MATTI}/events?limit=3`);
  assert.ok(list.next_cursor, 'more than a page');
  await write(CLIENT, 'post', '/api/events/6/confirm', {});
  await write(CLIENT, 'post', '/api/events/7/dispute', { reason: 'Avustaja tuli vasta iltapäivällä.' });
  await call(W, 'get', '/api/disputes');
  await write(W, 'post', '/api/events/8/resolve', { outcome: 'dismissed', note: 'Avustajan kirjaus täsmää.' });
});

// The demo's confirmed events on Matti's personal assistance (next month's
// days: the row is refused as not begun, but the invoice is made).
test('invoices from service events', async () => {
  const day = (n) => new Date(Date.now() + n * 86400e3).toISOString().slice(0, 10);
  const apu = (await call(PROV, 'get', '/api/events/1')).provider.id;
  const inv = await write(PROV, 'post', `/api/providers/${apu}/invoices/events`,
    { period_from: day(-40), period_to: day(70) }, 201);
  assert.ok(inv.rows.length >= 1);
});

// The invoices approved above, paid: a run made by pekka.salonen and
// approved by the demo's second finance user (signed in here only; not in
// `as`, so the role checks below keep their users), its files, the bank's
// notice, the provider's remittance advice.
test('payment runs: every operation with a valid request', async () => {
  const fin2 = await session(srv, 'tuula.talous');
  const run = await write(FIN, 'post', '/api/payment-runs', {}, 201);
  await call(FIN, 'get', '/api/payment-runs?limit=2');
  as['tuula.talous'] = fin2;
  try {
    await call('tuula.talous', 'post', `/api/payment-runs/${run.id}/approve`, {
      body: { password: srv.accounts.find((a) => a.username === 'tuula.talous').password },
      headers: { 'idempotency-key': 'contract-run-approve' } });
  } finally {
    delete as['tuula.talous'];
  }
  await call(FIN, 'get', `/api/payment-runs/${run.id}`);
  await call(FIN, 'get', `/api/payment-runs/${run.id}/pain001?version=9`);
  const got = await call(FIN, 'get', `/api/payment-runs/${run.id}`);
  const p = got.payments[0];
  const day = new Date().toISOString().slice(0, 10);
  await call(FIN, 'post', `/api/payment-runs/${run.id}/camt054`, {
    body: camt054({ day, txs: [{ e2e: p.end_to_end_id, cents: p.amount }] }),
    headers: { 'content-type': 'application/xml', 'idempotency-key': 'contract-camt' } });
  await call(PROV, 'get', `/api/providers/${p.provider.id}/remittance?limit=2`);
  const line = (await call(W, 'get', '/api/clients/1/ledger')).items[0].plan_line_id;
  await call(W, 'get', `/api/plan-lines/${line}/ledger?limit=2`);
});

// Budget against use: the report in each grouping, its files, the
// worker's alerts and the alert thresholds.
test('usage: every operation with a valid request', async () => {
  for (const by of ['line', 'client'])
    await call(DM, 'get', `/api/reports/usage?by=${by}&limit=2`);
  for (const by of ['service', 'provider'])
    await call(FIN, 'get', `/api/reports/usage?by=${by}`);
  await call(CLIENT, 'get', '/api/reports/usage');
  await call(REP, 'get', '/api/reports/usage?client_id=3');	/* Aleksi, by his mother */
  await call(W, 'get', '/api/reports/usage/export?format=csv');
  await call(DM, 'get', '/api/reports/usage/export?format=xlsx&by=client');
  await call(W, 'get', '/api/reports/usage?from=2026-02-30', { expect: 422 });
  await call(W, 'get', '/api/reports/usage/alerts');
  const s = await call(ADMIN, 'get', '/api/settings/usage');
  await write(ADMIN, 'put', '/api/settings/usage', s);
});

test('signing out', async () => {
  const s = (await sessions(srv, [W]))[W];
  const res = await fetch(srv.url + 'api/session', { method: 'DELETE', headers: { cookie: s.cookie } });
  await check('delete', '/api/session', res);
  assert.equal(res.status, 204);
  calledOk.add('deleteSession');
  const t = (await sessions(srv, [W]))[W];
  const all = await fetch(srv.url + 'api/sessions', { method: 'DELETE', headers: { cookie: t.cookie } });
  await check('delete', '/api/sessions', all);
  assert.equal(all.status, 204);
  calledOk.add('deleteAllSessions');
  as[W] = (await sessions(srv, [W]))[W];	/* the others ended too */
});

// A write announcing a body over the limit (Content-Length MAX_BODY + 1),
// sent without its body by a client that waits to be told (Expect:
// 100-continue): the service refuses it from the headers (413). Resolves
// the answer as a fetch Response.
async function overLimit(user, method, path) {
  const c = rawConnection(srv.port);
  await c.send(`${method.toUpperCase()} ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n` +
    `Content-Type: application/json\r\nExpect: 100-continue\r\n` +
    `Content-Length: ${MAX_BODY + 1}\r\n` +
    (user && as[user].bearer ? `Authorization: Bearer ${as[user].bearer}\r\n` : '') +
    (user && !as[user].bearer ? `Cookie: ${as[user].cookie}\r\n` : '') + '\r\n');
  const r = await c.response();
  c.end();
  assert.equal(r.status, 413, `${method.toUpperCase()} ${path} with a body over the limit`);
  return new Response(r.body, { status: r.status, headers: r.headers });
}

// A request for each operation with its path's ids filled in.
function samplePath(template) {
  return template.replace(/\{[^}]+\}/g, String(MATTI));
}

test('invalid requests: each answer documented, with the Error shape', async () => {
  for (const { method, template, op } of ops) {
    const roles = ROLES[op.operationId];
    const path = samplePath(template);
    const user = roles === 'public' || roles === null ? W : roles[0];
    if (roles !== 'public')
      await call(null, method, path, { expect: 401, body: method === 'get' ? undefined : {} });
    if (Array.isArray(roles)) {
      const other = Object.keys(as).find((u) => !roles.includes(u) && isKey(u) === isKey(roles[0]));
      await call(other, method, path, { expect: 403, body: method === 'get' ? undefined : {} });
    }
    // an unknown id: 404 for a read; a write may name a missing field first
    if (template.includes('{') && roles !== 'public')
      await call(user, method, template.replace(/\{[^}]+\}/g, String(NO_ID)),
        method === 'get' ? { expect: 404 } : { expect: 4, body: {} });
    const reqSchema = deref(op.requestBody)?.content?.['application/json']?.schema;
    if (!reqSchema || roles === 'public' && op.operationId !== 'createSession')
      continue;
    const who = roles === 'public' ? null : user;
    await call(who, method, path, { body: '{"a": ', expect: 400 });
    await call(who, method, path, { body: '{}', headers: { 'content-type': 'text/plain' }, expect: 415 });
    await check(method, path, await overLimit(who, method, path));
    if (deref(reqSchema).required?.length)
      await call(who, method, path, { body: {}, expect: 4 });
  }
});

test('invalid query parameters: each answer documented, with the Error shape', async () => {
  const bad = [[W, '/api/clients?q=k'], [W, '/api/clients?mine=perhaps'], [W, '/api/prices?date=2026-13-01'],
    [W, '/api/prices/export?date=eilen'], [W, `/api/clients/${MATTI}/uselog?cursor=x`],
    [DM, '/api/plans?state=draft'], [W, '/api/invitations?limit=0'], [W, '/api/reviews?within_days=400'],
    [W, '/api/reviews?within_days=-1'], [null, '/api/public/providers?service=x&municipality=Porvoo'],
    [null, '/api/public/providers?service=transport'], [W, '/api/providers?limit=0'],
    [EVAL, '/api/pilot/figures?from=2026-13-01'], [EVAL, '/api/pilot/figures?from=2026-02-01&to=2026-01-01']];
  for (const [user, path] of bad)
    await call(user, 'get', path, { expect: 4 });
});

test('an Idempotency-Key again with another body: a documented 422', async () => {
  assert.ok(keys.length > 10);
  for (const k of keys)
    await call(k.user, k.method, k.path, { body: { other: k.key }, expect: 422,
      headers: { 'idempotency-key': k.key } });
});

test('every operation was called with a valid request', () => {
  const missed = ops.map(({ op }) => op.operationId).filter((id) => !calledOk.has(id));
  assert.deepEqual(missed, []);
});
