// API tests for the client's choice of provider and the commitments it
// makes (src/app/commitment.h). The demo's Matti Korhonen (client 1,
// Porvoo) has an approved plan from the first of next month: personal
// assistance committed to Apuviisas Oy (accepted by kari.makela), and
// transport and day activities (a voucher of 85,00 € a day, 8 days a
// month) open. For day activities in Porvoo Apuviisas (92,00 €: an own
// share of 7,00 € a day, 56,00 € a month) and Tukitupa ry (85,00 €) are
// approved, Stiftelsen Solgläntan has only applied. Each refusal is
// checked to have written nothing (the line's ledger and the commitments
// as before). Rows the API cannot make here (an approval withdrawn behind
// the app's back, a rogue reservation) are planted with the sqlite3 shell;
// a user of Tukitupa with `budjetti user add`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { startServer, ok, fieldError, assertJsonError, sessions, session, run, BIN } from './lib.mjs';

let srv, as, plan, lines, apu, tuki, sol;
const MATTI = 1, HETU = '140387-901Y', TUKI_PASSWORD = 'Tukitupa-testi-77';

function sql(statement) {
  const r = spawnSync('sqlite3', ['-cmd', '.timeout 5000', srv.db, statement], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.trim();
}

async function ledger(line) {
  const l = await ok(await as['matti.korhonen'].get(`/api/clients/${MATTI}/ledger`));
  return l.items.find((i) => i.plan_line_id === line);
}

async function choices(line, user = 'matti.korhonen') {
  return ok(await as[user].get(`/api/plan-lines/${line}/choices`));
}

// Nothing written: the line's ledger sums and its current commitment.
async function unchanged(line, fn) {
  const before = [await ledger(line), (await choices(line)).current?.id ?? null,
    sql('SELECT count(*) FROM commitment')];
  await fn();
  assert.deepEqual([await ledger(line), (await choices(line)).current?.id ?? null,
    sql('SELECT count(*) FROM commitment')], before);
}

before(async () => {
  srv = await startServer({ demo: true, cases: true });
  as = await sessions(srv, ['maria.nieminen', 'matti.korhonen', 'kari.makela', 'tomas.gronqvist',
    'johanna.ek']);
  const plans = await ok(await as['matti.korhonen'].get(`/api/clients/${MATTI}/plans`));
  plan = await ok(await as['matti.korhonen'].get(`/api/plans/${plans.items[0].id}`));
  lines = Object.fromEntries(plan.lines.map((l) => [l.service.code, l]));
  const c = await choices(lines.day_activities.id);
  apu = c.items.find((i) => i.name === 'Apuviisas Oy');
  tuki = c.items.find((i) => i.name === 'Tukitupa ry');
  sol = Number(sql("SELECT id FROM provider WHERE name LIKE 'Stiftelsen%'"));
  const added = spawnSync(BIN, ['user', 'add', '--db', srv.db, '--username', 'tuki.user', '--role',
    'provider_user', '--name', 'Tuki User', '--provider', String(tuki.provider_id)],
  { input: `${TUKI_PASSWORD}\n`, encoding: 'utf8' });
  assert.equal(added.status, 0, added.stderr);
  as['tuki.user'] = await session(srv, 'tuki.user', TUKI_PASSWORD);
});
after(async () => { await srv.stop(); });

test('the choices of a voucher line show the own share', async () => {
  const c = await choices(lines.day_activities.id);
  assert.equal(c.items.length, 2);
  assert.equal(apu.price, 9200);
  assert.equal(apu.own_share_unit, 700);
  assert.equal(apu.own_share_month, 5600);
  assert.equal(tuki.own_share_unit, 0);
  assert.equal(tuki.own_share_month, 0);
  assert.equal(c.current, null);
  assert.equal(c.line.instrument, 'voucher');
  const pa = await choices(lines.personal_assistance.id, 'maria.nieminen');
  assert.equal(pa.current.state, 'active');
  await assertJsonError(await as['tomas.gronqvist'].get(`/api/plan-lines/${lines.transport.id}/choices`), 404);
  await assertJsonError(await as['kari.makela'].get(`/api/plan-lines/${lines.transport.id}/choices`), 403);
});

test('a provider not approved for the service and area is refused, nothing written', async () => {
  const line = lines.day_activities.id;
  await unchanged(line, async () => {
    await fieldError(await as['matti.korhonen'].post(`/api/plan-lines/${line}/commitment`,
      { provider_id: sol }), 'provider_id', 409);	/* only applied */
    await fieldError(await as['matti.korhonen'].post(`/api/plan-lines/${lines.transport.id}/commitment`,
      { provider_id: apu.provider_id }), 'provider_id', 409);	/* not for transport */
  });
});

test('an approval that has ended is refused, nothing written', async () => {
  const line = lines.day_activities.id;
  const which = `provider_id = ${tuki.provider_id} AND municipality = 'Porvoo' AND service_id =
    (SELECT id FROM service WHERE code = 'day_activities')`;
  sql(`UPDATE approval SET state = 'withdrawn' WHERE ${which}`);
  try {
    await unchanged(line, async () => {
      await fieldError(await as['matti.korhonen'].post(`/api/plan-lines/${line}/commitment`,
        { provider_id: tuki.provider_id }), 'provider_id', 409);
    });
    assert.equal((await choices(line)).items.some((i) => i.provider_id === tuki.provider_id), false);
  } finally {
    sql(`UPDATE approval SET state = 'approved' WHERE ${which}`);
  }
});

test('beyond what is left on the line is refused, nothing written', async () => {
  const line = lines.day_activities.id;
  sql(`INSERT INTO ledger (client_id, plan_id, plan_line_id, kind, amount, on_date, created_at)
       VALUES (${MATTI}, ${plan.id}, ${line}, 'reserve', 1, '${plan.valid_from}', 0)`);
  await unchanged(line, async () => {
    await fieldError(await as['matti.korhonen'].post(`/api/plan-lines/${line}/commitment`,
      { provider_id: apu.provider_id }), 'valid_from', 409);
  });
  sql(`INSERT INTO ledger (client_id, plan_id, plan_line_id, kind, amount, on_date, created_at)
       VALUES (${MATTI}, ${plan.id}, ${line}, 'release', 1, '${plan.valid_from}', 0)`);
});

test('choose, accept once, switch: the ledger reserves and releases', async () => {
  const line = lines.day_activities.id;
  const cm = await ok(await as['matti.korhonen'].post(`/api/plan-lines/${line}/commitment`,
    { provider_id: apu.provider_id }), 201);
  assert.equal(cm.state, 'offered');
  assert.equal(cm.own_share_month, 5600);
  assert.equal(cm.reserved, lines.day_activities.period_amount);
  const held = await ledger(line);	/* the planted cent is reserved and released */
  assert.equal(held.reserved - held.released, cm.reserved);
  await fieldError(await as['matti.korhonen'].post(`/api/plan-lines/${line}/commitment`,
    { provider_id: tuki.provider_id }), 'plan_line', 409);
  const unknown = await as['matti.korhonen'].post(`/api/plan-lines/${line}/commitment`,
    { provider_id: tuki.provider_id, note: 'x' });
  assert.ok([400, 422].includes(unknown.status), `unknown member: ${unknown.status}`);
  assert.equal((await unknown.json()).error.field, 'note');

  const acc = await ok(await as['kari.makela'].post(`/api/commitments/${cm.id}/accept`, {}));
  assert.equal(acc.state, 'active');
  await unchanged(line, async () => {
    await fieldError(await as['kari.makela'].post(`/api/commitments/${cm.id}/accept`, {}), 'state', 409);
  });
  await assertJsonError(await as['tuki.user'].post(`/api/commitments/${cm.id}/accept`, {}), 404);
  await assertJsonError(await as['tuki.user'].get(`/api/commitments/${cm.id}`), 404);
  await fieldError(await as['kari.makela'].post(`/api/commitments/${cm.id}/decline`, {}), 'reason');

  const [y, m] = plan.valid_from.split('-').map(Number);
  const from = `${m + 3 > 12 ? y + 1 : y}-${String(((m + 2) % 12) + 1).padStart(2, '0')}-01`;
  const next = await ok(await as['matti.korhonen'].post(`/api/commitments/${cm.id}/switch`,
    { provider_id: tuki.provider_id, from }), 201);
  assert.equal(next.valid_from, from);
  assert.equal(next.replaces_id, cm.id);
  const old = await ok(await as['matti.korhonen'].get(`/api/commitments/${cm.id}`));
  assert.equal(old.state, 'ended');
  assert.equal(old.released, next.reserved);
  const l = await ledger(line);
  assert.equal(l.reserved - l.released, cm.reserved - old.released + next.reserved);
  assert.ok(l.reserved - l.released <= l.granted - l.revoked);

  const dec = await ok(await as['tuki.user'].post(`/api/commitments/${next.id}/decline`,
    { reason: 'Ei vapaita paikkoja.' }));
  assert.equal(dec.state, 'declined');
  assert.equal(dec.released, dec.reserved);
});

test('a provider sees its own commitments, never the identity code; each read discloses', async () => {
  const page = await ok(await as['kari.makela'].get(`/api/providers/${apu.provider_id}/commitments`));
  assert.ok(page.items.length >= 2);
  assert.ok(!JSON.stringify(page).includes(HETU));
  assert.ok(page.items.every((i) => i.provider.id === apu.provider_id));
  assert.equal(page.items[0].client.last_name, 'Korhonen');
  await assertJsonError(await as['kari.makela'].get(`/api/providers/${tuki.provider_id}/commitments`), 404);
  const own = await ok(await as['kari.makela'].get(`/api/commitments/${page.items[0].id}`));
  assert.ok(!JSON.stringify(own).includes(HETU));
  const n = Number(sql(`SELECT count(*) FROM uselog WHERE action = 'disclose' AND client_id = ${MATTI}
    AND recipient = 'provider:${apu.provider_id}' AND legal_basis <> ''`));
  assert.ok(n >= 2, `disclosure rows: ${n}`);
});

test('budjetti check finds the ledger balanced', async () => {
  const r = await run(['check', '--db', srv.db]);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /0 problems/);
});
