// API tests for invitations in bulk and the mail outbox: POST and GET
// /api/invitations against a real SMTP receiver (tests/api/smtp_receiver.py,
// Debian's python3-aiosmtpd) on a free port of 127.0.0.1. 120 providers
// reach the receiver; the receiver answers 451 to one DATA, and that letter
// is retried (serve --mail-backoff 1) and then delivered; a re-run of the
// same CSV queues nothing and nothing arrives twice; bad rows are each
// reported with their line while the good rows go; roles and bad input.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer, sessions, freePort, sleep, fieldError } from './lib.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
// Debian's python3 has python3-aiosmtpd; a python3 earlier on PATH may not.
const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
const N = 120;
const REFUSE = 7;	// the receiver answers 451 to this DATA, once
const FROM = 'kutsut@keusote.fi';

let srv, smtp, mailDir, work, byRole;

// Start the receiver; resolves {child, stop()} once it listens.
async function startReceiver(dir, refuse) {
  const port = await freePort();
  const child = spawn(PYTHON, [join(HERE, 'smtp_receiver.py'), '--port', String(port),
    '--dir', dir, '--refuse', String(refuse)], { stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '', err = '';
  await new Promise((res, rej) => {
    const timer = setTimeout(() => rej(new Error(`SMTP receiver did not start: ${err}`)), 15000);
    child.stdout.on('data', (d) => {
      out += d;
      if (out.includes(`ready ${port}`)) {
        clearTimeout(timer);
        res();
      }
    });
    child.stderr.on('data', (d) => { err += d; });
    child.on('exit', (code) => { clearTimeout(timer); rej(new Error(`receiver exit ${code}: ${err}`)); });
  });
  child.removeAllListeners('exit');
  const exited = new Promise((r) => child.on('exit', r));
  return { port, stop: async () => { child.stdin.end(); child.kill('SIGTERM'); await exited; } };
}

const providers = () => Array.from({ length: N }, (_, i) =>
  [`Hoivapalvelu ${i + 1} Oy`, `info${i + 1}@tuottaja${i + 1}.fi`]);
const csvOf = (rows) => 'nimi;sähköposti\n' + rows.map((r) => r.join(';')).join('\n') + '\n';

// The receiver's messages: [{to, raw}].
async function received() {
  const names = (await readdir(mailDir)).filter((n) => n.endsWith('.eml')).sort();
  return Promise.all(names.map(async (n) => {
    const raw = await readFile(join(mailDir, n), 'utf8');
    return { to: raw.match(/^X-Envelope-To: (.*)\r\n/)[1], raw };
  }));
}

// Poll the list until every letter has left the queue (deadline 60 s:
// the sender wakes on enqueue, then every BUD_MAIL_POLL_S = 5 s).
async function waitSent(who, total) {
  for (let i = 0; i < 120; i++) {
    const { counts } = await (await who.get('api/invitations?limit=1')).json();
    if (counts.queued === 0 && counts.sent + counts.failed === total)
      return counts;
    await sleep(500);
  }
  assert.fail('the outbox did not empty in 60 s');
}

// RFC 2047 encoded-words (B) of a header value, unfolded, into text.
function decodeHeader(v) {
  const words = [...v.matchAll(/=\?UTF-8\?B\?([^?]*)\?=/g)].map((m) => Buffer.from(m[1], 'base64'));
  return words.length ? Buffer.concat(words).toString('utf8') : v;
}

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'budjetti-smtp-'));
  mailDir = join(work, 'received');
  smtp = await startReceiver(mailDir, REFUSE);
  srv = await startServer({ demo: true, args: ['--smtp-url', `smtp://127.0.0.1:${smtp.port}`,
    '--mail-from', FROM, '--mail-backoff', '1'] });
  const s = await sessions(srv, srv.accounts.map((a) => a.username));
  byRole = (role) => s[srv.account(role).username];
});
after(async () => {
  await srv?.stop();
  await smtp?.stop();
  await rm(work, { recursive: true, force: true });
});

test('120 invitations reach the relay; a 451 is retried; bad rows are named by line', async () => {
  const rows = providers();
  const bad = ['', 'puuttuu@nimi.fi'].join(';') + '\nHuono Osoite Oy;ei-osoite\n' +
    `Tupla Oy;${rows[0][1].toUpperCase()}\n`;
  const res = await byRole('worker').post('api/invitations', { csv: csvOf(rows) + bad, lang: 'fi' });
  assert.equal(res.status, 200);
  const r = await res.json();
  assert.equal(r.queued, N);
  assert.equal(r.already, 0);
  assert.equal(r.bad, 3);
  assert.deepEqual(r.problems.map((p) => [p.line, p.field]),
    [[N + 2, 'name'], [N + 3, 'email'], [N + 4, 'email']]);
  assert.match(r.problems[0].message, /nimi/i);

  const counts = await waitSent(byRole('worker'), N);
  assert.deepEqual(counts, { queued: 0, sent: N, failed: 0 });
  const got = await received();
  assert.equal(got.length, N, 'each letter arrives once');
  assert.deepEqual(got.map((m) => m.to).sort(), rows.map((p) => p[1]).sort());
  // The refused letter was tried twice; every other once.
  const list = await (await byRole('worker').get('api/invitations?limit=200')).json();
  assert.equal(list.items.length, N);
  assert.deepEqual(list.items.map((i) => i.attempts).filter((a) => a !== 1), [2]);
  assert.ok(list.items.every((i) => i.state === 'sent' && i.sent_at !== null));
});

test('the letters are UTF-8 RFC 5322 with the template filled in', async () => {
  const m = (await received()).find((x) => x.to === 'info3@tuottaja3.fi');
  const [head, body] = m.raw.split('\r\n\r\n');
  const unfolded = head.replace(/\r\n /g, ' ');
  assert.match(unfolded, /^From: kutsut@keusote\.fi$/m);
  assert.match(unfolded, /^MIME-Version: 1\.0$/m);
  assert.match(unfolded, /^Content-Type: text\/plain; charset=UTF-8$/m);
  assert.match(unfolded, /^Content-Transfer-Encoding: base64$/m);
  for (const line of head.split('\r\n'))
    assert.ok(line.length <= 78, `header line too long: ${line}`);
  const subject = decodeHeader(unfolded.match(/^Subject: (.*)$/m)[1]);
  assert.equal(subject, 'Kutsu palveluntuottajaksi: Itä-Uudenmaan hyvinvointialue');
  const text = Buffer.from(body.replace(/\r\n/g, ''), 'base64').toString('utf8');
  assert.match(text, /^Hyvä Hoivapalvelu 3 Oy,/);
  assert.match(text, /Maria Nieminen\r\nItä-Uudenmaan hyvinvointialue/);
});

test('a re-run of the same CSV sends nothing twice', async () => {
  const res = await byRole('admin').post('api/invitations', { csv: csvOf(providers()), lang: 'both' });
  assert.equal(res.status, 200);
  const r = await res.json();
  assert.deepEqual([r.queued, r.already, r.bad], [0, N, 0]);
  const { counts } = await (await byRole('admin').get('api/invitations')).json();
  assert.deepEqual(counts, { queued: 0, sent: N, failed: 0 });
  assert.equal((await received()).length, N);
});

test('the list pages newest first by cursor', async () => {
  const first = await (await byRole('worker').get('api/invitations?limit=50')).json();
  assert.equal(first.items.length, 50);
  assert.ok(first.next_cursor);
  const second = await (await byRole('worker').get(`api/invitations?limit=50&cursor=${first.next_cursor}`)).json();
  const third = await (await byRole('worker').get(`api/invitations?limit=50&cursor=${second.next_cursor}`)).json();
  assert.equal(third.items.length, N - 100);
  assert.equal(third.next_cursor, null);
  const ids = [...first.items, ...second.items, ...third.items].map((i) => i.id);
  assert.deepEqual(ids, [...ids].sort((a, b) => b - a));
  assert.equal(new Set(ids).size, N);
});

test('bad input: the language, a text that is not CSV, and who may', async () => {
  await fieldError(await byRole('worker').post('api/invitations', { csv: 'A;a@b.fi', lang: 'en' }), 'lang');
  await fieldError(await byRole('worker').post('api/invitations', { csv: 'A;a@b.fi' }), 'lang');
  const res = await byRole('worker').post('api/invitations', { csv: 'A;a@b.fi\n"B;b@c.fi\n', lang: 'fi' });
  assert.equal(res.status, 422);
  const e = (await res.json()).error;
  assert.equal(e.field, 'csv');
  assert.match(e.message, /^Rivi 2: /);
  for (const role of ['finance', 'decision_maker', 'client', 'provider_user']) {
    const acc = srv.accounts.find((a) => a.role === role);
    if (!acc)
      continue;
    assert.equal((await byRole(role).post('api/invitations', { csv: 'X;x@y.fi', lang: 'fi' })).status, 403, role);
    assert.equal((await byRole(role).get('api/invitations')).status, 403, role);
  }
  const { counts } = await (await byRole('worker').get('api/invitations')).json();
  assert.equal(counts.sent + counts.queued + counts.failed, N, 'nothing written by a refusal');
});
