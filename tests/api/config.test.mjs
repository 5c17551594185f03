// The configuration file of serve (src/cli/config.c): an INI file whose
// [serve] keys are serve's long options; the command line wins over it;
// BUDJETTI_CONFIG names it too; an unknown key is a usage error (exit 2)
// naming the key and its line; docs/budjetti.ini, the documented example,
// holds every option of `serve --help` and is itself accepted.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BIN, run, freePort } from './lib.mjs';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
let dir, db;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'budjetti-config-'));
  db = join(dir, 'budjetti.db');
  assert.equal((await run(['migrate', '--db', db])).code, 0);
});

after(() => rm(dir, { recursive: true, force: true }));

// Start serve with args (and env); resolve the port of its listening
// line after stopping it with SIGTERM, or reject with what it printed.
function listenPort(args, env = process.env) {
  return new Promise((res, rej) => {
    const p = spawn(BIN, ['serve', ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '', err = '', port = null;
    const timer = setTimeout(() => p.kill('SIGKILL'), 15000);
    p.stdout.on('data', (d) => {
      out += d;
      const m = /listening on http:\/\/127\.0\.0\.1:(\d+)\//.exec(out);
      if (m && port === null) {
        port = Number(m[1]);
        p.kill('SIGTERM');
      }
    });
    p.stderr.on('data', (d) => { err += d; });
    p.on('exit', (code) => {
      clearTimeout(timer);
      if (port !== null && code === 0)
        res(port);
      else
        rej(new Error(`serve exit ${code}\n${out}${err}`));
    });
  });
}

test('the file sets the port; the command line overrides it; BUDJETTI_CONFIG', async () => {
  const [p1, p2] = [await freePort(), await freePort()];
  const ini = join(dir, 'a.ini');
  await writeFile(ini, `; budjetti\n[serve]\ndb = ${db}\nport = ${p1}\nsync = normal\n` +
    'trusted-proxy = 127.0.0.1\ntrusted-proxy = ::1\nsecure-cookies = yes\n' +
    'mail-from-name = Budjetti Porvoo\n');
  assert.equal(await listenPort(['--config', ini]), p1);
  assert.equal(await listenPort(['--config', ini, '--port', String(p2)]), p2);
  assert.equal(await listenPort([], { ...process.env, BUDJETTI_CONFIG: ini }), p1);
  assert.equal(await listenPort(['--port', String(p2)], { ...process.env, BUDJETTI_CONFIG: ini }), p2);
});

test('an unknown key, a key outside [serve] and a bad flag are usage errors naming them', async () => {
  const cases = [
    ['[serve]\nport = 8080\nno-such-option = 1\n', /:3: unknown key 'no-such-option'/],
    ['[other]\nport = 8080\n', /:2: key 'port' outside \[serve\]/],
    ['[serve]\nsecure-cookies = perhaps\n', /'secure-cookies' is a flag/],
    ['[serve]\nconfig = x.ini\n', /unknown key 'config'/],
    ['[serve]\nport\n', /:2: not a line of an INI file/],
  ];
  for (const [text, why] of cases) {
    const ini = join(dir, 'bad.ini');
    await writeFile(ini, text);
    const r = await run(['serve', '--config', ini, '--db', db]);
    assert.equal(r.code, 2, `${text}: ${r.stderr}`);
    assert.match(r.stderr, why);
  }
  const r = await run(['serve', '--config', join(dir, 'missing.ini'), '--db', db]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /cannot be read/);
});

test('docs/budjetti.ini names every option of serve and is accepted', async () => {
  const example = await readFile(join(repo, 'docs', 'budjetti.ini'), 'utf8');
  const help = (await run(['serve', '--help'])).stdout;
  const options = [...new Set([...help.matchAll(/--([a-z][a-z-]+)/g)].map((m) => m[1]))]
    .filter((o) => o !== 'config' && o !== 'help');
  for (const o of options)
    assert.match(example, new RegExp(`^;? ?${o} =`, 'm'), `docs/budjetti.ini lacks ${o}`);
  // the example with its db and port replaced starts
  const port = await freePort();
  const ini = join(dir, 'example.ini');
  await writeFile(ini, example.replace(/^db = .*$/m, `db = ${db}`).replace(/^port = .*$/m, `port = ${port}`)
    .replace(/^mail-dir = .*$/m, `mail-dir = ${join(dir, 'mail')}`));
  assert.equal(await listenPort(['--config', ini]), port);
});
