// API tests for an approval that ends under commitments (issue 10): when
// the worker suspends or withdraws a provider's approval, the provider's
// offered and active commitments under it carry approval_ended (the
// decision, its reason and date) for the worker, the client and the
// provider; the client's page, the client's home and the worker's client
// page list them; and no new commitment can be made under it (through the
// real decision, not a planted row), with nothing written.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { startServer, ok, fieldError, sessions } from './lib.mjs';

let srv, as, plan, lines, approvals;
const MATTI = 1, W = 'maria.nieminen', CLIENT = 'matti.korhonen', PROV = 'kari.makela';

function sql(statement) {
  const r = spawnSync('sqlite3', ['-cmd', '.timeout 5000', srv.db, statement], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.trim();
}

before(async () => {
  srv = await startServer({ demo: true, cases: true });
  as = await sessions(srv, [W, CLIENT, PROV, 'johanna.ek']);
  const plans = await ok(await as[CLIENT].get(`/api/clients/${MATTI}/plans`));
  plan = await ok(await as[CLIENT].get(`/api/plans/${plans.items[0].id}`));
  lines = Object.fromEntries(plan.lines.map((l) => [l.service.code, l]));
  approvals = (await ok(await as[W].get('/api/providers/1'))).approvals;
});
after(async () => { await srv.stop(); });

const approvalOf = (service) => approvals.find((a) => a.service === service && a.municipality === 'Porvoo');
const decide = (id, body, key) => as[W].post(`/api/approvals/${id}/decision`, body,
  { 'idempotency-key': key });
const current = async (line, user = CLIENT) =>
  (await ok(await as[user].get(`/api/plan-lines/${line}/choices`))).current;
const page = async (user, path) => (await as[user].get(path)).text();

test('a suspended approval flags the active commitment under it, to everyone who sees it', async () => {
  const pa = await current(lines.personal_assistance.id);
  assert.equal(pa.state, 'active');
  assert.equal(pa.approval_ended, null);
  assert.doesNotMatch(await page(CLIENT, `/clients/${MATTI}`), /id="cm-flags"/);
  await ok(await decide(approvalOf('personal_assistance').id, { state: 'suspended',
    reason: 'Verovelkatodistus puuttuu.', effective: plan.valid_from }, 'end-1'));
  for (const user of [W, CLIENT, PROV]) {
    const cm = await ok(await as[user].get(`/api/commitments/${pa.id}`));
    assert.deepEqual(cm.approval_ended, { state: 'suspended', reason: 'Verovelkatodistus puuttuu.',
      effective: plan.valid_from }, user);
    assert.equal(cm.state, 'active', 'the commitment itself goes on until it is switched');
  }
  const listed = await ok(await as[PROV].get('/api/providers/1/commitments'));
  assert.equal(listed.items.find((i) => i.id === pa.id).approval_ended.state, 'suspended');
  // the client's page, the client's home and the worker's client page
  for (const [user, path] of [[CLIENT, `/clients/${MATTI}`], [CLIENT, '/'], [W, `/clients/${MATTI}`]]) {
    const html = await page(user, path);
    assert.match(html, /id="cm-flags"/, `${user} ${path}`);
    assert.match(html, /Verovelkatodistus puuttuu\./);
    assert.match(html, new RegExp(`href="/commitments/${pa.id}"`));
  }
  const show = await page(CLIENT, `/commitments/${pa.id}`);
  assert.match(show, /id="cm-approval-ended"/);
  assert.match(show, /keskeytetty/);
});

test('no new commitment can be made under an ended approval; nothing is written', async () => {
  const line = lines.day_activities.id;
  await ok(await decide(approvalOf('day_activities').id, { state: 'withdrawn',
    reason: 'Toiminta loppui.', effective: plan.valid_from }, 'end-2'));
  const before = sql('SELECT count(*) FROM commitment') + sql('SELECT count(*) FROM ledger');
  await fieldError(await as[CLIENT].post(`/api/plan-lines/${line}/commitment`,
    { provider_id: 1 }, { 'idempotency-key': 'end-3' }), 'provider_id', 409);
  const c = await ok(await as[CLIENT].get(`/api/plan-lines/${line}/choices`));
  assert.equal(c.items.some((i) => i.provider_id === 1), false, 'not offered as a choice');
  assert.equal(sql('SELECT count(*) FROM commitment') + sql('SELECT count(*) FROM ledger'), before);
});

test('withdrawn after suspended: the flag says so; an ended commitment is no longer flagged', async () => {
  const pa = await current(lines.personal_assistance.id);
  await ok(await decide(approvalOf('personal_assistance').id, { state: 'withdrawn',
    reason: 'Ei korjattu.', effective: plan.valid_from }, 'end-4'));
  assert.equal((await ok(await as[W].get(`/api/commitments/${pa.id}`))).approval_ended.state, 'withdrawn');
  // the commitment is ended by hand here (no other provider of personal
  // assistance is approved in Porvoo in the demo): it is no longer listed
  sql(`UPDATE commitment SET state = 'ended' WHERE id = ${pa.id}`);
  assert.equal((await ok(await as[W].get(`/api/commitments/${pa.id}`))).approval_ended, null);
  assert.doesNotMatch(await page(CLIENT, `/clients/${MATTI}`), /id="cm-flags"/);
});
