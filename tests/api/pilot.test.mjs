// API tests of the pilot's evidence (issue 14, items 2 and 3) as the
// roles see it: the evaluator (the demo's eeva.arvioija) reads the
// figures and nothing of a client; the admin makes another evaluator on
// /api/users, and `budjetti user add --role evaluator` makes one from the
// shell; who else may read the figures; the client answers the outcomes
// questionnaire, and answering again replaces the answer. The figures'
// arithmetic and suppression are tested against planted rows in
// tests/unit/app/test_pilot.c.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, assertJsonError, ok, fieldError, sessions, session, BIN,
  PASSWORD } from './lib.mjs';

let srv, as;
const EVAL = 'eeva.arvioija', CLIENT = 'matti.korhonen', MATTI = 1;

before(async () => {
  srv = await startServer({ demo: true, cases: true });
  as = await sessions(srv, [EVAL, 'admin', 'johanna.ek', 'maria.nieminen', 'pekka.salonen',
    'kari.makela', CLIENT]);
});
after(async () => { await srv.stop(); });

test('the evaluator reads the figures, suppressed, and no client data', async () => {
  const f = await ok(await as[EVAL].get('/api/pilot/figures?from=2026-01-01&to=2026-12-31'));
  assert.equal(f.min_group, 5);
  assert.deepEqual(f.outcomes.map((q) => q.question), ['life', 'help', 'choice']);
  // the demo has two answers: a group under five, hidden
  assert.deepEqual(f.outcomes[0].answered, { value: null, suppressed: true });
  for (const path of [`/api/clients/${MATTI}`, '/api/clients', `/api/clients/${MATTI}/outcomes`,
    '/api/prices', '/api/providers'])
    await assertJsonError(await as[EVAL].get(path), 403);
  for (const u of ['admin', 'johanna.ek'])
    await ok(await as[u].get('/api/pilot/figures'));
  for (const u of ['maria.nieminen', 'pekka.salonen', 'kari.makela', CLIENT])
    await assertJsonError(await as[u].get('/api/pilot/figures'), 403);
  await fieldError(await as[EVAL].get('/api/pilot/figures?from=2026-03-01&to=2026-02-01'), 'to');
  await fieldError(await as[EVAL].get('/api/pilot/figures?from=2010-01-01&to=2026-02-01'), 'to');
});

test('the admin makes an evaluator; so does budjetti user add --role evaluator', async () => {
  const u = await ok(await as.admin.post('/api/users', { username: 'aaro.arvioija',
    display_name: 'Aaro Arvioija', role: 'evaluator', lang: 'sv', email: 'aaro@example.fi' }), 201);
  assert.equal(u.role, 'evaluator');
  const dir = mkdtempSync(join(tmpdir(), 'bud-pilot-'));
  try {
    const db = join(dir, 'b.db');
    const env = { ...process.env, BUD_DEMO_PASSWORD: PASSWORD };
    assert.equal(spawnSync(BIN, ['demo', '--db', db, '--no-cases'], { env }).status, 0);
    const r = spawnSync(BIN, ['user', 'add', '--db', db, '--username', 'eino.evaluoija',
      '--role', 'evaluator', '--name', 'Eino Evaluoija', '--organiser', '1'],
    { input: 'Einon-oma-salasana-1\n' });
    assert.equal(r.status, 0, r.stderr.toString());
    const bad = spawnSync(BIN, ['user', 'add', '--db', db, '--username', 'x.y',
      '--role', 'arvioija', '--name', 'X Y'], { input: 'Einon-oma-salasana-1\n' });
    assert.equal(bad.status, 1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the client answers the questionnaire; again replaces it', async () => {
  const before = await ok(await as[CLIENT].get(`/api/clients/${MATTI}/outcomes`));
  assert.equal(before.open, true);
  assert.equal(before.answer.q_life, 3, 'the demo answer');
  const put = (body, key) => as[CLIENT].request('PUT', `/api/clients/${MATTI}/outcomes`, body,
    { 'idempotency-key': key });
  await fieldError(await put({ q_life: 2, q_help: 3 }, 'p1'), 'q_choice');
  await fieldError(await put({ q_life: 2, q_help: 3, q_choice: 3, comment: 'x'.repeat(1001) }, 'p2'),
    'comment');
  const a = await ok(await put({ q_life: 1, q_help: 2, q_choice: 3, comment: 'Vähän apua.' }, 'p3'));
  assert.deepEqual([a.answer.q_life, a.answer.q_help, a.answer.q_choice], [1, 2, 3]);
  assert.equal(a.answer.lang, 'fi');
  const b = await ok(await put({ q_life: 3, q_help: 3, q_choice: 3, lang: 'sv' }, 'p4'));
  assert.equal(b.plan_id, a.plan_id);
  assert.deepEqual([b.answer.q_life, b.answer.comment, b.answer.lang], [3, '', 'sv']);
  // staff do not answer for the client, nor read the answer
  const w = await session(srv, 'maria.nieminen');
  await assertJsonError(await w.get(`/api/clients/${MATTI}/outcomes`), 403);
});
