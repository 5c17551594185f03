// `budjetti demo --scale N` and `budjetti settle` at a small scale (issues
// 11 and 14, "Speed and scale"; bench/settle runs them at a million events
// a month): a county of 2000 generated clients on top of the demo is
// consistent (`budjetti check` passes), every commitment rests on an
// approval of its provider for its service where its client lives, and
// the same N gives the same county. Settling a month two months back
// invoices, checks and approves every provider's payable events and
// writes a pain.001 that xmllint accepts against the XSD, paying exactly
// what the month's payable events add up to (computed here from the rows
// with sqlite3); check still passes, and a second settlement of the month
// finds nothing. Refusals (the same user as approver, a wrong password, a
// bad month, a missing option) write nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from './lib.mjs';

const N = 2000;
const DEMO_CLIENTS = 6;	// the demo's own clients (Eino Lindqvist, past his retention, the sixth) come first
const PW = 'scale-Salasana-2026';
const env = { ...process.env, BUD_DEMO_PASSWORD: PW, BUD_FINANCE_PASSWORD: PW,
  BUD_APPROVER_PASSWORD: PW };
const xsd = join(import.meta.dirname ?? new URL('.', import.meta.url).pathname,
  '..', 'data', 'iso20022', 'pain.001.001.03.xsd');
let dir, db;

const one = (file, statement) => {
  const r = spawnSync('sqlite3', ['-cmd', '.timeout 5000', file, statement], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.trim();
};
// The month n months before this one (Helsinki), YYYY-MM.
function monthBack(n) {
  const [y, m] = new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Helsinki' })
    .slice(0, 7).split('-').map(Number);
  const d = new Date(Date.UTC(y, m - 1 - n, 15));
  return d.toISOString().slice(0, 7);
}
const settle = (month, out, extra = [], e = env) => run(['settle', '--db', db, '--month', month,
  '--out', out, '--finance', 'pekka.salonen', '--approver', 'tuula.talous', ...extra], e);
const counts = () => one(db, 'SELECT (SELECT count(*) FROM invoice) || \',\' || ' +
  '(SELECT count(*) FROM payment_run) || \',\' || (SELECT count(*) FROM invoice_row_event)');

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bud-scale-'));
  db = join(dir, 'county.db');
  const r = await run(['demo', '--db', db, '--scale', String(N)], env);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, new RegExp(`generated ${N} clients, 20 providers, \\d+ service events`));
  assert.match(r.stderr, /demo: 100% \(2000\/2000 clients\)/);	// not a terminal: lines
});

after(() => {
  if (dir)
    rmSync(dir, { recursive: true, force: true });
});

test('the generated county has the demo, N clients, plans, commitments and a year of events', () => {
  assert.equal(Number(one(db, 'SELECT count(*) FROM client')), N + DEMO_CLIENTS);
  assert.equal(Number(one(db, "SELECT count(*) FROM provider WHERE status = 'approved'")), 20 + 3);
  const events = Number(one(db, 'SELECT count(*) FROM service_event'));
  assert.ok(events > N * 60 && events < N * 150, `events ${events}`);
  assert.ok(Number(one(db, "SELECT count(*) FROM service_event WHERE state = 'disputed'")) > 0);
  assert.ok(Number(one(db, "SELECT count(*) FROM service_event WHERE state = 'confirmed'")) > events / 2);
  // every client of the county has an approved plan whose lines each have an active commitment
  assert.equal(one(db, `SELECT count(*) FROM client c WHERE c.id > ${DEMO_CLIENTS} AND NOT EXISTS ` +
    "(SELECT 1 FROM plan p WHERE p.client_id = c.id AND p.state = 'approved')"), '0');
  assert.equal(one(db, "SELECT count(*) FROM plan_line l JOIN plan p ON p.id = l.plan_id " +
    `WHERE p.client_id > ${DEMO_CLIENTS} AND NOT EXISTS (SELECT 1 ` + "FROM commitment m WHERE " +
    "m.plan_line_id = l.id AND m.state = 'active')"), '0');
  // each commitment rests on its provider's approval for the service where the client lives
  assert.equal(one(db, 'SELECT count(*) FROM commitment m JOIN plan_line l ON l.id = m.plan_line_id ' +
    'JOIN client c ON c.id = m.client_id JOIN approval a ON a.id = m.approval_id ' +
    "WHERE a.provider_id <> m.provider_id OR a.service_id <> l.service_id OR " +
    "a.municipality <> c.municipality OR a.state <> 'approved'"), '0');
  // no month of a commitment records more than its monthly quantity
  assert.equal(one(db, 'SELECT count(*) FROM service_usage u JOIN commitment m ' +
    'ON m.id = u.commitment_id WHERE u.quantity > m.quantity'), '0');
});

test('budjetti check passes on the generated county', async () => {
  const r = await run(['check', '--db', db]);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /use log chain intact; \d+ decided plan lines checked; 0 problems/);
});

test('the same N gives the same county', async () => {
  const a = join(dir, 'a.db'), b = join(dir, 'b.db');
  const q = "SELECT count(*) || ':' || sum(amount) || ':' || sum(quantity * id) || ':' || " +
    "group_concat(external_id || state, '') FROM (SELECT * FROM service_event ORDER BY id)";
  assert.equal((await run(['demo', '--db', a, '--scale', '40', '--no-cases'], env)).code, 0);
  assert.equal((await run(['demo', '--db', b, '--scale', '40', '--no-cases'], env)).code, 0);
  assert.equal(one(a, q), one(b, q));
  assert.equal(one(a, 'SELECT group_concat(hetu || first_name || last_name) FROM client'),
    one(b, 'SELECT group_concat(hetu || first_name || last_name) FROM client'));
  const r = await run(['demo', '--db', join(dir, 'c.db'), '--scale', '0'], env);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--scale N: N must be 1\.\.1000000/);
});

test('refused settlements write nothing', async () => {
  const month = monthBack(2), out = join(dir, 'refused.xml');
  const before = counts();
  let r = await run(['settle', '--db', db, '--month', month, '--out', out,
    '--finance', 'pekka.salonen', '--approver', 'pekka.salonen'], env);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /approved_by/);
  r = await settle(month, out, [], { ...env, BUD_APPROVER_PASSWORD: 'wrong-Salasana-0000' });
  assert.equal(r.code, 1);
  r = await settle(monthBack(-1), out);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /month/);
  r = await run(['settle', '--db', db, '--month', month, '--out', out]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /usage: budjetti settle/);
  assert.equal(counts(), before);
  assert.equal(existsSync(out), false);
});

test('settling a month pays exactly its payable events, in a pain.001 the XSD accepts', async () => {
  const month = monthBack(2), out = join(dir, 'pain.xml');
  const payable = `FROM service_event WHERE substr(on_date, 1, 7) = '${month}' ` +
    "AND state IN ('recorded', 'confirmed', 'dismissed')";
  const want = Number(one(db, `SELECT sum(amount) ${payable}`));
  const events = Number(one(db, `SELECT count(*) ${payable}`));
  const providers = Number(one(db, `SELECT count(DISTINCT provider_id) ${payable}`));
  assert.ok(events > N * 4, `events ${events}`);
  // the demo's own settled month (demo_settlement.c) is there before
  const linked = 'SELECT count(*) FROM invoice_row_event WHERE active = 1';
  const paid = "SELECT coalesce(sum(approved), 0) FROM invoice WHERE source = 'events'";
  const linkedBefore = Number(one(db, linked)), paidBefore = Number(one(db, paid));
  const r = await settle(month, out);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, new RegExp(`settled ${month}: \\d+ providers, ${providers} invoices ` +
    `\\(${providers} approved\\), run \\d+, ${out.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  const lint = spawnSync('xmllint', ['--noout', '--schema', xsd, out], { encoding: 'utf8' });
  assert.equal(lint.status, 0, lint.stderr);
  const xml = readFileSync(out, 'utf8');
  assert.equal(Number(/<NbOfTxs>(\d+)<\/NbOfTxs>/.exec(xml)[1]), providers);
  assert.equal(Math.round(Number(/<CtrlSum>([\d.]+)<\/CtrlSum>/.exec(xml)[1]) * 100), want);
  assert.equal(Number(one(db, linked)) - linkedBefore, events);
  assert.equal(Number(one(db, paid)) - paidBefore, want);
  const c = await run(['check', '--db', db]);
  assert.equal(c.code, 0, c.stdout);
  // again: nothing is payable any more, no run, no file
  const again = await settle(month, join(dir, 'again.xml'));
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stdout, /0 invoices \(0 approved\), run 0, no file/);
  assert.equal(existsSync(join(dir, 'again.xml')), false);
});
