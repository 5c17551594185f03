// API tests for retention and destruction (issue 14, item 6): the demo's
// Aleksi Virtanen (plan, commitments, an approved and paid invoice: money
// in the ledger) has his whole case moved back twelve years with the
// sqlite3 shell (every date by whole years, so the plan's months keep
// their lengths and `check` still holds); the admin lists the clients
// due, makes a destruction list, approves it with the password again (Eino
// Lindqvist, the demo's client of 2014, gains a new assessment after the
// list was made and drops out), and destroys. Then the personal data is
// gone from the database file, its WAL and the files directory, the sums
// are what they were, and `budjetti check` passes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startServer, ok, fieldError, assertJsonError, sessions, run, PASSWORD } from './lib.mjs';

const ADMIN = 'admin', W = 'maria.nieminen', REP = 'liisa.virtanen';
const ALEKSI = 3, EINO = 6, ALEKSI_HETU = '210604A9579';
const YEARS12 = 12 * 365 * 86400;
let srv, as;

function sql(statement) {
  const r = spawnSync('sqlite3', ['-cmd', '.timeout 5000', srv.db, statement], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.trim();
}

// Every number the ledger and the settlement keep about the client.
const sums = () => sql(`SELECT kind, sum(amount) FROM ledger WHERE client_id = ${ALEKSI} GROUP BY kind;
  SELECT id, quantity, unit_price, monthly_amount, period_amount FROM plan_line
    WHERE plan_id IN (SELECT id FROM plan WHERE client_id = ${ALEKSI}) ORDER BY id;
  SELECT id, state, reserved, released, spent, monthly_amount FROM commitment
    WHERE client_id = ${ALEKSI} ORDER BY id;
  SELECT id, quantity, unit_price, amount, state FROM invoice_row WHERE client_id = ${ALEKSI};
  SELECT i.id, i.claimed, i.approved, i.state FROM invoice i ORDER BY i.id;
  SELECT id, amount, state FROM payment ORDER BY id;`);

// Move every day of Aleksi's case back twelve years.
function backdate() {
  const d = (c) => `${c} = date(${c}, '-12 years')`;
  sql(`UPDATE client SET created_at = created_at - ${YEARS12} WHERE id = ${ALEKSI};
    UPDATE assessment SET ${d('assessed_on')}, created_at = created_at - ${YEARS12} WHERE client_id = ${ALEKSI};
    UPDATE offer SET ${d('offered_on')}, created_at = created_at - ${YEARS12} WHERE client_id = ${ALEKSI};
    UPDATE offer_answer SET answered_at = answered_at - ${YEARS12}
      WHERE offer_id IN (SELECT id FROM offer WHERE client_id = ${ALEKSI});
    UPDATE support_plan SET created_at = created_at - ${YEARS12} WHERE client_id = ${ALEKSI};
    UPDATE plan SET ${d('valid_from')}, ${d('valid_to')}, ${d('review_date')},
      effective_to = date(effective_to, '-12 years') WHERE client_id = ${ALEKSI};
    UPDATE commitment SET ${d('valid_from')}, ${d('valid_to')} WHERE client_id = ${ALEKSI};
    UPDATE invoice_row SET ${d('period_from')}, ${d('period_to')} WHERE client_id = ${ALEKSI};
    UPDATE service_event SET ${d('on_date')} WHERE client_id = ${ALEKSI};
    UPDATE service_usage SET month = substr(date(month || '-01', '-12 years'), 1, 7)
      WHERE commitment_id IN (SELECT id FROM commitment WHERE client_id = ${ALEKSI});`);
}

// Where the personal data could be: the database, its WAL, the files.
async function stored() {
  const parts = [];
  for (const f of [srv.db, srv.db + '-wal']) {
    try {
      parts.push(await readFile(f));
    } catch { /* no WAL */ }
  }
  const dir = srv.db + '.files';
  for (const n of await readdir(dir).catch(() => []))
    parts.push(await readFile(join(dir, n)));
  return Buffer.concat(parts);
}

async function check() {
  const r = await run(['check', '--db', srv.db]);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /use log chain intact/);
}

before(async () => {
  srv = await startServer({ demo: true, cases: true });
  as = await sessions(srv, [ADMIN, W, REP]);
});
after(async () => { await srv?.stop(); });

test('the period: 10 years by default, never below the law\'s 10', async () => {
  const r = await ok(await as[ADMIN].get('/api/retention'));
  assert.equal(r.retention_years, 10);
  assert.equal(r.retention_years_min, 10);
  assert.equal(r.open_list, null);
  await fieldError(await as[ADMIN].request('PUT', '/api/retention', { retention_years: 9 }),
    'retention_years');
  const put = await ok(await as[ADMIN].request('PUT', '/api/retention', { ...r, retention_years: 12 }));
  assert.equal(put.retention_years, 12);
  await ok(await as[ADMIN].request('PUT', '/api/retention', { retention_years: 10 }));
  await assertJsonError(await as[W].get('/api/retention/due'), 403);
});

test('destruction by an approved list: the personal data is gone, the sums and the chain stay', async () => {
  let due = await ok(await as[ADMIN].get('/api/retention/due'));
  assert.deepEqual(due.items.map((i) => i.client_id), [EINO], 'only the demo client of 2014');
  assert.equal(due.items[0].closed_on, '2014-03-10');
  assert.equal(due.items[0].due_on, '2024-03-11');
  assert.equal(due.items[0].first_name, undefined, 'no name for the admin');

  backdate();
  await check();
  const before = sums();
  due = await ok(await as[ADMIN].get('/api/retention/due'));
  assert.deepEqual(due.items.map((i) => i.client_id), [EINO, ALEKSI]);
  assert.equal(due.items[1].closed_on, '2015-10-31', 'the end of his plan and commitments');

  const made = await as[ADMIN].post('/api/retention/lists', {});
  const list = await ok(made, 201);
  assert.equal(made.headers.get('location'), `/api/retention/lists/${list.id}`);
  assert.equal(list.state, 'proposed');
  assert.ok(list.created_by, 'who made it');
  assert.deepEqual(list.items.map((i) => [i.client_id, i.state]), [[EINO, 'listed'], [ALEKSI, 'listed']]);
  assert.equal((await assertJsonError(await as[ADMIN].post('/api/retention/lists', {}), 409)).field, 'list');
  await assertJsonError(await as[ADMIN].post(`/api/retention/lists/${list.id}/destroy`, {}), 409);

  // Eino's case opens again after the list was made: he drops out.
  await ok(await as[W].post(`/api/clients/${EINO}/assessments`, {
    assessed_on: new Date().toISOString().slice(0, 10), participants: 'Eino',
    client_view: 'Behöver hjälp igen.', worker_view: 'Ny bedömning.', notes: '', needs: {} }), 201);

  await fieldError(await as[ADMIN].post(`/api/retention/lists/${list.id}/approve`,
    { password: 'not the password at all' }), 'password', 401);
  const approved = await ok(await as[ADMIN].post(`/api/retention/lists/${list.id}/approve`,
    { password: PASSWORD }));
  assert.equal(approved.state, 'approved');
  assert.ok(approved.approved_by && approved.approved_at);
  assert.deepEqual(approved.items.map((i) => [i.client_id, i.state]), [[EINO, 'dropped'], [ALEKSI, 'listed']]);
  assert.ok((await stored()).includes(ALEKSI_HETU), 'nothing is destroyed by approving');

  const done = await ok(await as[ADMIN].post(`/api/retention/lists/${list.id}/destroy`, {}));
  assert.equal(done.state, 'done');
  assert.equal(done.destroyed, 1);
  assert.equal(done.dropped, 1);
  const item = done.items.find((i) => i.client_id === ALEKSI);
  assert.equal(item.state, 'destroyed');
  assert.match(item.removed, /client 1/);
  assert.match(item.removed, /accounts 1/, 'the representative left without a mandate');
  assert.doesNotMatch(item.removed, /Aleksi|Virtanen/);

  const bytes = await stored();
  assert.ok(bytes.includes('Korhonen') && bytes.includes('140387-901Y'), 'the other clients are kept');
  for (const s of [ALEKSI_HETU, 'Aleksi', 'Virtanen', 'liisa.virtanen'])
    assert.ok(!bytes.includes(s), `"${s}" is still stored`);
  assert.equal(sums(), before, 'the ledger, lines, commitments, invoices and payments are as they were');
  await check();
  assert.equal(sql(`SELECT action || ' ' || object || ' ' || basis FROM uselog WHERE client_id = ${ALEKSI}
    ORDER BY id DESC LIMIT 1`), `change client:destroyed destruction_list:${list.id}`);
  await assertJsonError(await as[W].get(`/api/clients/${ALEKSI}`), 404);
  await ok(await as[W].get(`/api/clients/${EINO}`));
  assert.equal((await fetch(srv.url + 'api/me', { headers: { cookie: as[REP].cookie } })).status, 401,
    'the emptied account\'s session ended');
  const again = await ok(await as[ADMIN].post(`/api/retention/lists/${list.id}/destroy`, {}));
  assert.equal(again.destroyed, 1, 'a list done: only the WAL is truncated again');
});
