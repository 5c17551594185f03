// API test of Idempotency-Key after a crash (app/idem.h): the server is
// killed with SIGKILL, a claim without an answer is planted for each
// outcome (the write committed; the write never happened) on its database
// with the sqlite3 shell, and a new server on the same database answers
// the retries: 409 err.idem.lost without writing again, or the request
// runs. Needs the sqlite3 command (skipped without it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run, serve, freePort, session, assertJsonError, ok, PASSWORD } from './lib.mjs';

const haveSqlite = spawnSync('sqlite3', ['-version']).status === 0;

function sql(db, text) {
  const r = spawnSync('sqlite3', [db], { input: `.timeout 5000\n${text}\n`, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.trim();
}

async function start(db, env, accounts) {
  const port = await freePort();
  const s = await serve(db, port, env);
  s.child.removeAllListeners('exit');
  return { url: `http://127.0.0.1:${port}/`, accounts, child: s.child };
}

function kill(srv, signal) {
  return new Promise((r) => { srv.child.on('exit', (code, sig) => r(code ?? sig)); srv.child.kill(signal); });
}

// The unanswered claim of a killed run: key of user, committed or not.
const plant = (db, key, user, committed) => sql(db, `UPDATE idempotency SET status = 0,
  body = '', instance = 'killed-run', committed = ${committed},
  user_id = (SELECT id FROM user WHERE username = '${user}') WHERE key = '${key}';
  SELECT changes();`);

test('after SIGKILL, an unanswered key is replayed as lost or run again, never twice',
  { skip: !haveSqlite && 'no sqlite3 shell' }, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'budjetti-idem-'));
    const db = join(dir, 'budjetti.db');
    const env = { ...process.env, BUD_DEMO_PASSWORD: PASSWORD };
    let srv;
    try {
      const r = await run(['demo', '--db', db, '--json', '--no-cases'], env);
      assert.equal(r.code, 0, r.stderr);
      const accounts = JSON.parse(r.stdout).accounts;
      srv = await start(db, env, accounts);
      let maria = await session(srv, 'maria.nieminen');
      const tomas = await session(srv, 'tomas.gronqvist');
      const client = { hetu: '040490-987V', first_name: 'Kaatunut', last_name: 'Palvelin',
        lang: 'fi', municipality: 'Porvoo' };
      const made = await ok(await maria.post('/api/clients', client,
        { 'idempotency-key': 'crash-written' }), 201);
      const elin = (await ok(await maria.get('/api/clients'))).items
        .find((c) => c.id !== made.id).id;
      const change = { phone: '019 555 000' };
      // tomas may not change maria's client: his refusal keeps the hash of
      // the very request maria's retry sends, without writing anything.
      await assertJsonError(await tomas.patch(`/api/clients/${elin}`, change,
        { 'idempotency-key': 'crash-unwritten' }), 404);

      assert.equal(await kill(srv, 'SIGKILL'), 'SIGKILL');
      srv = null;
      assert.equal(plant(db, 'crash-written', 'maria.nieminen', 1), '1');
      assert.equal(plant(db, 'crash-unwritten', 'maria.nieminen', 0), '1');
      srv = await start(db, env, accounts);
      maria = await session(srv, 'maria.nieminen');

      const lost = await maria.post('/api/clients', client, { 'idempotency-key': 'crash-written' });
      const e = await assertJsonError(lost, 409, 'conflict');
      assert.equal(e.field, 'Idempotency-Key');
      assert.match(e.message, /tallennettu/, 'says the change was saved (err.idem.lost)');
      assert.equal(sql(db, `SELECT count(*) FROM client WHERE last_name = 'Palvelin'`), '1',
        'the create was not run twice');

      const again = await maria.patch(`/api/clients/${elin}`, change,
        { 'idempotency-key': 'crash-unwritten' });
      assert.equal(again.headers.get('idempotent-replayed'), null);
      assert.equal((await ok(again)).phone, '019 555 000', 'the retry ran');
      const replay = await maria.patch(`/api/clients/${elin}`, change,
        { 'idempotency-key': 'crash-unwritten' });
      assert.equal(replay.headers.get('idempotent-replayed'), 'true');
    } finally {
      if (srv)
        assert.equal(await kill(srv, 'SIGTERM'), 0);
      await rm(dir, { recursive: true, force: true });
    }
  });
