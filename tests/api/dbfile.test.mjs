// API-level tests of the database files `serve` works on: they are the
// owner's alone (mode 0600, also fixed on an existing file), serve never
// creates a database (a mistyped --db is refused), and a second serve on
// the same database refuses to start.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, stat, chmod, access } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { BIN, serve, freePort } from './lib.mjs';

let dir;
before(async () => {
  process.umask(0o022);	// the usual umask: files would be world-readable
  dir = await mkdtemp(join(tmpdir(), 'budjetti-dbfile-'));
});
after(async () => { await rm(dir, { recursive: true, force: true }); });

// Run the binary; killed after 10 s (a serve that starts would never end).
function run(args) {
  return new Promise((res, rej) => {
    const p = spawn(BIN, args, { stdio: ['ignore', 'pipe', 'pipe'], timeout: 10000 });
    let stdout = '', stderr = '';
    p.stdout.on('data', (d) => { stdout += d; });
    p.stderr.on('data', (d) => { stderr += d; });
    p.on('error', rej);
    p.on('close', (code, sig) => res({ code: code ?? sig, stdout, stderr }));
  });
}

const mode = async (f) => (await stat(f)).mode & 0o777;

// Stop a server started with serve(); resolves its exit code.
async function stop(srv) {
  const exited = new Promise((r) => srv.child.on('exit', (code, sig) => r(code ?? sig)));
  srv.child.kill('SIGTERM');
  const late = new Promise((r) => setTimeout(() => { srv.child.kill('SIGKILL'); r('timeout'); }, 15000).unref());
  return Promise.race([exited, late]);
}

test('serve refuses a database that does not exist, and creates none', async () => {
  const db = join(dir, 'mistyped.db');
  const r = await run(['serve', '--db', db, '--port', String(await freePort())]);
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stderr, /no database at this path/);
  assert.match(r.stderr, /budjetti migrate --db/);
  await assert.rejects(access(db), 'no file was created');
});

test('the database, -wal and -shm files are 0600, also when they were not', async () => {
  const db = join(dir, 'private.db');
  assert.equal((await run(['migrate', '--db', db])).code, 0);
  assert.equal(await mode(db), 0o600, 'created 0600');
  const srv = await serve(db, await freePort());
  try {
    assert.equal(await mode(db), 0o600);
    assert.equal(await mode(db + '-wal'), 0o600, '-wal');
    assert.equal(await mode(db + '-shm'), 0o600, '-shm');
  } finally {
    assert.equal(await stop(srv), 0);
  }
  await chmod(db, 0o644);
  const r = await run(['check', '--db', db]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(await mode(db), 0o600, 'an existing 0644 file is made private on open');
});

test('a second serve on the same database refuses to start', async () => {
  const db = join(dir, 'once.db');
  assert.equal((await run(['migrate', '--db', db])).code, 0);
  const srv = await serve(db, await freePort());
  try {
    const r = await run(['serve', '--db', db, '--port', String(await freePort())]);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /another budjetti serve is already using this database/);
    // other commands still work beside the server
    assert.equal((await run(['check', '--db', db])).code, 0);
  } finally {
    assert.equal(await stop(srv), 0);
  }
  const again = await serve(db, await freePort());	// the lock went with the first
  assert.equal(await stop(again), 0);
});
