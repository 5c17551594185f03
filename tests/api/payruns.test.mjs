// API tests of payment runs (src/app/payrun.h) on the demo's settlement:
// last month's housing of Aleksi Virtanen and four of his trips, invoiced
// by Apuviisas Oy, were paid in the demo's run (made by pekka.salonen,
// approved by tuula.talous; the bank's notice imported); this month's is invoiced and approved here. pekka makes
// a run of it; he may not approve it himself (four eyes), tuula does. The
// pain.001.001.03 and .09 files validate against their schemas (xmllint
// --schema). An invoice is never paid twice: a second run finds nothing,
// and the schema refuses a second open payment. The bank's camt.054 marks
// one invoice paid and one returned (with the reason), and lists a stranger
// as unknown; a notice of another run and one that does not read are
// refused and write nothing. Apuviisas reads its remittance advice, JSON
// and CSV; `budjetti check` passes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, ok, fieldError, assertJsonError, sessions, BIN, totp } from './lib.mjs';
import { camt054 } from './camt054.mjs';

let srv, as, apu, run, paid, demoRun;
const FIN = 'pekka.salonen', FIN2 = 'tuula.talous', PROV = 'kari.makela';
const xsd = (v) => join(import.meta.dirname ?? new URL('.', import.meta.url).pathname,
  '..', 'data', 'iso20022', `pain.001.001.0${v}.xsd`);

function sql(statement) {
  const r = spawnSync('sqlite3', ['-cmd', '.timeout 5000', srv.db, statement], { encoding: 'utf8' });
  return r;
}
const one = (statement) => sql(statement).stdout.trim();
const password = (u) => srv.accounts.find((a) => a.username === u).password;

async function unchanged(fn) {
  const snap = () => [one('SELECT count(*) FROM payment_run'),
    one("SELECT group_concat(state || ':' || end_to_end_id) FROM payment"),
    one('SELECT group_concat(state) FROM invoice'), one('SELECT coalesce(camt_msg_id, \'\') FROM payment_run')];
  const before = snap();
  await fn();
  assert.deepEqual(snap(), before);
}

before(async () => {
  srv = await startServer({ demo: true, cases: true });
  as = await sessions(srv, [FIN, FIN2, PROV, 'maria.nieminen']);
  apu = Number(one("SELECT id FROM provider WHERE name = 'Apuviisas Oy'"));
  const month = new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Helsinki' }).slice(0, 7);
  const inv = await ok(await as[PROV].post(`/api/providers/${apu}/invoices/monthly`, { month }), 201);
  await ok(await as[FIN].post(`/api/invoices/${inv.id}/approve`, { password: password(FIN) }));
});

after(async () => {
  await srv?.stop();
});

test('the demo\'s run was made by one finance user and approved by another', async () => {
  const runs = await ok(await as[FIN].get('/api/payment-runs'));
  assert.equal(runs.items.length, 1);
  demoRun = await ok(await as[FIN].get(`/api/payment-runs/${runs.items[0].id}`));
  assert.equal(demoRun.state, 'approved');
  assert.notEqual(demoRun.created_by, demoRun.approved_by);
  assert.deepEqual(demoRun.payments.map((p) => [p.amount, p.state]).sort(),
    [[14000, 'paid'], [145000, 'paid']]);
  assert.ok(demoRun.payments.every((p) => p.booked_on), 'booked by the demo\'s bank notice');
  assert.match(demoRun.camt_msg_id, /^PANKKI-/);
});

test('a run gathers the approved invoices; its maker cannot approve it', async () => {
  run = await ok(await as[FIN].post('/api/payment-runs', {}), 201);
  assert.equal(run.state, 'created');
  assert.equal(run.payments.length, 1);
  assert.equal(run.total, 145000);
  assert.deepEqual(run.payments.map((p) => p.state), ['pending']);
  assert.equal(run.can.approve, false);
  await unchanged(async () => {
    await fieldError(await as[FIN].post('/api/payment-runs', {}), 'payments', 409);
    await fieldError(await as[FIN].post(`/api/payment-runs/${run.id}/approve`,
      { password: password(FIN) }), 'approved_by', 409);
    await fieldError(await as[FIN2].post(`/api/payment-runs/${run.id}/approve`,
      { password: 'vaara-salasana-99' }), 'password', 401);
    await fieldError(await as[FIN2].post(`/api/payment-runs/${demoRun.id}/approve`,
      { password: password(FIN2) }), 'state', 409);
    await assertJsonError(await as[PROV].post(`/api/payment-runs/${run.id}/approve`,
      { password: password(PROV) }), 403);
    await assertJsonError(await as[FIN].get(`/api/payment-runs/${run.id}/pain001`), 404);
    await fieldError(await as[FIN].post('/api/payment-runs', { execution_date: '2001-01-01' }),
      'execution_date');
  });
});

test('a second finance user approves: pain.001 .03 and .09 valid, the invoices paid once', async () => {
  // with a second factor set up, approving asks for a code: a wrong one is
  // refused naming it and approves nothing
  const st = await ok(await as[FIN2].post('/api/me/totp', {}));
  await ok(await as[FIN2].post('/api/me/totp/confirm', { code: totp(st.pending.secret) }));
  await fieldError(await as[FIN2].post(`/api/payment-runs/${run.id}/approve`,
    { password: password(FIN2), code: '000000' }), 'code', 401);
  assert.equal(one(`SELECT state FROM payment_run WHERE id = ${run.id}`), 'created');
  const done = await ok(await as[FIN2].post(`/api/payment-runs/${run.id}/approve`,
    { password: password(FIN2), code: totp(st.pending.secret, Date.now() / 1000 + 30) }));
  assert.equal(done.state, 'approved');
  assert.ok(done.payments.every((p) => p.end_to_end_id.startsWith(done.msg_id)));
  assert.equal(one("SELECT count(*) FROM invoice WHERE state = 'paid'"), '3');	/* the demo's two too */
  for (const v of [3, 9]) {
    const res = await as[FIN].get(`/api/payment-runs/${run.id}/pain001?version=${v}`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type'), /^application\/xml/);
    const xml = await res.text();
    assert.match(xml, new RegExp(`pain\\.001\\.001\\.0${v}`));
    for (const p of done.payments)
      assert.ok(xml.includes(p.reference), `the reference ${p.reference} in .0${v}`);
    const file = join(srv.db + `.pain${v}.xml`);
    writeFileSync(file, xml);
    const lint = spawnSync('xmllint', ['--noout', '--schema', xsd(v), file], { encoding: 'utf8' });
    assert.equal(lint.status, 0, lint.stderr);
  }
  // never paid twice: nothing left to gather, and the schema refuses a
  // second open payment of the same invoice
  await unchanged(async () => {
    await fieldError(await as[FIN].post('/api/payment-runs', {}), 'payments', 409);
    const r = sql(`INSERT INTO payment (run_id, invoice_id, provider_id, amount) VALUES
      (${run.id}, ${done.payments[0].invoice_id}, ${apu}, 1)`);
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /UNIQUE/);
  });
  paid = done;
});

test('the bank\'s notices: one paid, one returned with its reason, a stranger unknown', async () => {
  const day = new Date().toISOString().slice(0, 10);
  const a = demoRun.payments.find((p) => p.amount === 145000);
  const [b] = paid.payments;
  await unchanged(async () => {
    // a notice of another run, and one that does not read
    await fieldError(await as[FIN].post(`/api/payment-runs/${run.id}/camt054`,
      camt054({ day, txs: [{ e2e: 'OTHER-RUN-1', cents: 100 }] }), { 'content-type': 'application/xml' }),
    'camt054', 409);
    const bad = await as[FIN].post(`/api/payment-runs/${run.id}/camt054`, '<Document/>',
      { 'content-type': 'application/xml' });
    assert.equal(bad.status, 422);
    assert.ok((await bad.json()).error.problems.length >= 1);
  });
  const booked = await ok(await as[FIN].post(`/api/payment-runs/${demoRun.id}/camt054`,
    camt054({ msgId: 'NOTICE-0', day, txs: [{ e2e: a.end_to_end_id, cents: a.amount },
      { e2e: a.end_to_end_id, cents: a.amount + 1 }] }),
    { 'content-type': 'application/xml' }));
  assert.deepEqual(booked.paid.map((p) => p.invoice_id), [a.invoice_id]);
  assert.deepEqual(booked.unknown.map((p) => [p.invoice_id, p.reason]), [[a.invoice_id, 'amount']]);
  const notice = camt054({ msgId: 'NOTICE-1', day, txs: [
    { e2e: b.end_to_end_id, cents: b.amount, returned: { code: 'AC04', info: 'Tili lopetettu' } },
    { e2e: 'STRANGER-9', cents: 500 },
  ] });
  const rep = await ok(await as[FIN].post(`/api/payment-runs/${run.id}/camt054`, notice,
    { 'content-type': 'application/xml' }));
  assert.deepEqual(rep.paid, []);
  assert.deepEqual(rep.returned.map((p) => [p.invoice_id, p.return_code]), [[b.invoice_id, 'AC04']]);
  assert.deepEqual(rep.unknown.map((p) => [p.end_to_end_id, p.reason]), [['STRANGER-9', 'no_payment']]);
  const after = await ok(await as[FIN].get(`/api/payment-runs/${run.id}`));
  assert.deepEqual(after.payments.map((p) => p.state), ['returned']);
  assert.equal(after.payments[0].return_info, 'Tili lopetettu');
  assert.equal(after.camt_msg_id, 'NOTICE-1');
  assert.equal((await ok(await as[FIN].get(`/api/payment-runs/${demoRun.id}`))).payments[0].state, 'paid');
  // the returned invoice is approved again and may go into a later run
  assert.equal(one(`SELECT state FROM invoice WHERE id = ${b.invoice_id}`), 'approved');
  const again = await ok(await as[FIN].post('/api/payment-runs', {}), 201);
  assert.deepEqual(again.payments.map((p) => p.invoice_id), [b.invoice_id]);
  // the same notice again changes nothing
  await unchanged(async () => {
    await ok(await as[FIN].post(`/api/payment-runs/${run.id}/camt054`, notice,
      { 'content-type': 'application/xml' }));
  });
});

test('remittance advice for the provider: JSON and CSV; budjetti check passes', async () => {
  const r = await ok(await as[PROV].get(`/api/providers/${apu}/remittance`));
  assert.equal(r.items.length, 3);
  assert.deepEqual(r.items.map((i) => i.state).sort(), ['paid', 'paid', 'returned']);
  assert.deepEqual(r.items.map((i) => i.run_id).sort(), [demoRun.id, demoRun.id, run.id].sort());
  assert.deepEqual(r.items.map((i) => i.amount).sort(), [14000, 145000, 145000]);
  const csv = await as[PROV].get(`/providers/${apu}/remittance.csv`);
  assert.equal(csv.status, 200);
  assert.match(csv.headers.get('content-type'), /^text\/csv/);
  const lines = (await csv.text()).trim().split('\r\n');
  assert.equal(lines[0], 'run;execution_date;invoice;reference;row;commitment;period_from;period_to;amount;state;booked_on');
  assert.equal(lines.length, 4);
  await assertJsonError(await as['maria.nieminen'].get(`/api/providers/${apu}/remittance`), 403);
  const tuki = Number(one("SELECT id FROM provider WHERE name = 'Tukitupa ry'"));
  await assertJsonError(await as[PROV].get(`/api/providers/${tuki}/remittance`), 404);
  // the line's ledger: each entry traceable to its decision, commitment,
  // invoice row and payment
  const line = one("SELECT plan_line_id FROM commitment WHERE unit = 'month'");
  const led = await ok(await as['maria.nieminen'].get(`/api/plan-lines/${line}/ledger`));
  assert.deepEqual(led.items.map((e) => e.kind), ['grant', 'reserve', 'spend', 'spend']);
  assert.ok(led.items[0].decision.decision_no.length > 0);
  assert.equal(led.items[1].commitment_id, led.items[2].commitment_id);
  // the demo's is paid; this month's came back and waits in a later run
  assert.deepEqual(led.items[2].payment, { run_id: demoRun.id, state: 'paid' });
  assert.equal(led.items[3].payment.state, 'pending');
  assert.ok(led.items[3].payment.run_id > run.id);
  assert.ok(led.items.slice(2).every((e) => e.invoice_row_id && e.invoice_id));
  await assertJsonError(await as[PROV].get(`/api/plan-lines/${line}/ledger`), 403);
  const check = spawnSync(BIN, ['check', '--db', srv.db], { encoding: 'utf8' });
  assert.equal(check.status, 0, check.stdout + check.stderr);
});
