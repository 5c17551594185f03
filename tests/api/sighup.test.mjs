// SIGHUP reopens serve's log file after rotation: with stderr sent to a
// file, the file renamed and SIGHUP sent, the next lines go to a new file
// at the old path; without a file (a pipe) SIGHUP reopens nothing and
// serve goes on. Then it re-reads the configuration file (last test).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm, rename, readFile, readdir, writeFile, open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, run, freePort, sleep, session, PASSWORD } from './lib.mjs';

function listening(p, port) {
  return new Promise((res, rej) => {
    let out = '';
    const timer = setTimeout(() => rej(new Error(`serve did not start: ${out}`)), 15000);
    p.stdout.on('data', (d) => {
      out += d;
      if (out.includes(`:${port}/`)) {
        clearTimeout(timer);
        res();
      }
    });
    p.on('exit', (code) => rej(new Error(`serve exited ${code}: ${out}`)));
  });
}

async function waitFor(fn, what) {
  for (let i = 0; i < 100; i++) {
    if (await fn())
      return;
    await sleep(50);
  }
  assert.fail(`waited in vain for ${what}`);
}

test('SIGHUP reopens the log file at its path', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'budjetti-hup-'));
  try {
    const db = join(dir, 'b.db'), log = join(dir, 'budjetti.log');
    assert.equal((await run(['migrate', '--db', db])).code, 0);
    const port = await freePort();
    const fh = await open(log, 'a');
    const p = spawn(BIN, ['serve', '--db', db, '--port', String(port), '--sync', 'normal'],
      { stdio: ['ignore', 'pipe', fh.fd] });
    await fh.close();
    const exited = new Promise((r) => p.on('exit', (code) => r(code)));
    await listening(p, port);
    const url = `http://127.0.0.1:${port}/`;
    assert.equal((await fetch(url + 'healthz')).status, 200);
    await waitFor(async () => (await readFile(log, 'utf8')).includes('"/healthz"'), 'the first line');
    await rename(log, log + '.1');
    p.kill('SIGHUP');
    await waitFor(async () => (await readFile(log, 'utf8').catch(() => '')).includes('reopened'), 'a new file');
    assert.equal((await fetch(url + 'readyz')).status, 200);
    await waitFor(async () => (await readFile(log, 'utf8')).includes('"/readyz"'), 'the line in the new file');
    p.kill('SIGTERM');
    assert.equal(await exited, 0);
    const old = await readFile(log + '.1', 'utf8');
    assert.ok(old.includes('"/healthz"') && !old.includes('"/readyz"'));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('SIGHUP with stderr on a pipe changes nothing', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'budjetti-hup-'));
  try {
    const db = join(dir, 'b.db');
    assert.equal((await run(['migrate', '--db', db])).code, 0);
    const port = await freePort();
    const p = spawn(BIN, ['serve', '--db', db, '--port', String(port), '--sync', 'normal'],
      { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    p.stderr.on('data', (d) => { err += d; });
    const exited = new Promise((r) => p.on('exit', (code) => r(code)));
    await listening(p, port);
    p.kill('SIGHUP');
    await waitFor(() => err.includes('nothing to reopen'), 'the SIGHUP line');
    assert.equal((await fetch(`http://127.0.0.1:${port}/healthz`)).status, 200);
    p.kill('SIGTERM');
    assert.equal(await exited, 0);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

// SIGHUP re-reads the configuration file (the command line still over it):
// the mail options and the metrics allow-list are in force at once (a
// letter after it goes to the new mail directory), an option that cannot
// change while serving (the port) is named in one line and kept, and a
// file that is no longer valid changes nothing.
test('SIGHUP reloads what can change and names what cannot', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'budjetti-hup-'));
  try {
    const db = join(dir, 'b.db'), ini = join(dir, 'b.ini');
    const mail1 = join(dir, 'mail1'), mail2 = join(dir, 'mail2');
    const env = { ...process.env, BUD_DEMO_PASSWORD: PASSWORD };
    assert.equal((await run(['demo', '--db', db, '--json', '--no-cases'], env)).code, 0);
    const [port, other] = [await freePort(), await freePort()];
    const conf = (mailDir, allow, p) => writeFile(ini, `[serve]\ndb = ${db}\nport = ${p}\n` +
      `sync = normal\nmail-dir = ${mailDir}\nmetrics-allow = ${allow}\ntrusted-proxy = ${allow}\n`);
    await conf(mail1, '10.0.0.1', port);
    const p = spawn(BIN, ['serve', '--config', ini], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    p.stderr.on('data', (d) => { err += d; });
    const exited = new Promise((r) => p.on('exit', (code) => r(code)));
    await listening(p, port);
    const srv = { url: `http://127.0.0.1:${port}/`, accounts: [{ username: 'admin', password: PASSWORD }] };
    const admin = await session(srv, 'admin');
    const letter = async () => assert.equal((await admin.post('/api/users/2/password-link', {})).status, 200);
    const emls = async (d) => (await readdir(d).catch(() => [])).filter((n) => n.endsWith('.eml')).length;
    await letter();
    await waitFor(async () => await emls(mail1) === 1, 'a letter in the first directory');

    await conf(mail2, '10.0.0.2', other);
    p.kill('SIGHUP');
    await waitFor(() => err.includes('in force now: mail-dir, metrics-allow, trusted-proxy'),
      'the reload line');
    assert.match(err, /cannot change while serving and were kept: port/);
    assert.equal((await fetch(srv.url + 'healthz')).status, 200, 'still on the first port');
    await letter();
    await waitFor(async () => await emls(mail2) === 1, 'a letter in the new directory');
    assert.equal(await emls(mail1), 1);

    await writeFile(ini, '[serve]\nno-such-option = 1\n');
    p.kill('SIGHUP');
    await waitFor(() => err.includes('every option kept'), 'the refusal line');
    await letter();
    await waitFor(async () => await emls(mail2) === 2, 'letters still in the new directory');
    p.kill('SIGTERM');
    assert.equal(await exited, 0);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
