// SIGHUP reopens serve's log file after rotation: with stderr sent to a
// file, the file renamed and SIGHUP sent, the next lines go to a new file
// at the old path; without a file (a pipe) SIGHUP changes nothing and
// serve goes on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm, rename, readFile, open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, run, freePort, sleep } from './lib.mjs';

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
