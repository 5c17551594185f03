// API tests for service events (src/app/event.h): the provider records
// delivered service on a commitment, the client confirms or disputes, a
// worker resolves. The demo's Matti Korhonen (client 1) has personal
// assistance committed to Apuviisas Oy (commitment 1, 40 hours a month,
// kari.makela its user) from the first of next month, with its first
// month of delivery recorded (events 1-20; 1-5 confirmed, 8 disputed).
// To record days that have passed, the commitment's first day is moved
// back with the sqlite3 shell; so are rows the API cannot make here (an
// old recording time, money released behind the app's back). Every
// refusal is checked to have written nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { startServer, ok, fieldError, assertJsonError, sessions, session, BIN } from './lib.mjs';

let srv, as;
const MATTI = 1, HETU = '140387-901Y', CM = 1, TUKI_PASSWORD = 'Tukitupa-testi-77';

function sql(statement) {
  const r = spawnSync('sqlite3', ['-cmd', '.timeout 5000', srv.db, statement], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.trim();
}

// YYYY-MM-DD of the first of the month `back` months ago, plus `day` - 1.
function monthDay(back, day) {
  const now = new Date();
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, day));
  return d.toISOString().slice(0, 10);
}

const tomorrow = () => new Date(Date.now() + 2 * 86400e3).toISOString().slice(0, 10);

// Nothing written: the events, their history and the use log's changes.
async function unchanged(fn) {
  const counts = () => sql('SELECT (SELECT count(*) FROM service_event) || \'/\' || ' +
    '(SELECT count(*) FROM service_event_history) || \'/\' || ' +
    '(SELECT count(*) FROM uselog WHERE action = \'change\')');
  const before = counts();
  await fn();
  assert.equal(counts(), before);
}

async function refused(res, status, reason, field) {
  const e = await assertJsonError(res, status);
  assert.equal(e.reason, reason, JSON.stringify(e));
  if (field)
    assert.equal(e.field, field);
  return e;
}

const record = (body, who = 'kari.makela', cm = CM) =>
  as[who].post(`/api/commitments/${cm}/events`, body);

before(async () => {
  srv = await startServer({ demo: true, cases: true });
  sql(`UPDATE commitment SET valid_from = '${monthDay(3, 1)}' WHERE id = ${CM}`);
  const tuki = sql("SELECT id FROM provider WHERE name = 'Tukitupa ry'");
  const added = spawnSync(BIN, ['user', 'add', '--db', srv.db, '--username', 'tuki.user', '--role',
    'provider_user', '--name', 'Tuki User', '--provider', tuki],
  { input: `${TUKI_PASSWORD}\n`, encoding: 'utf8' });
  assert.equal(added.status, 0, added.stderr);
  as = await sessions(srv, ['maria.nieminen', 'matti.korhonen', 'kari.makela', 'tomas.gronqvist',
    'liisa.virtanen']);
  as['tuki.user'] = await session(srv, 'tuki.user', TUKI_PASSWORD);
});
after(async () => { await srv.stop(); });

test('a recorded event: the amount from the commitment\'s price, 201 with Location', async () => {
  const body = { on_date: monthDay(2, 3), quantity: 2.5, note: 'Kauppa ja apteekki', external_id: 'T-1' };
  const res = await record(body);
  const ev = await ok(res, 201);
  assert.equal(res.headers.get('location'), `/api/events/${ev.id}`);
  assert.equal(ev.quantity, 2.5);
  assert.equal(ev.unit_price, Number(sql(`SELECT unit_price FROM commitment WHERE id = ${CM}`)));
  assert.equal(ev.amount, Math.round(250 * ev.unit_price / 100));
  assert.equal(ev.state, 'recorded');
  assert.equal(ev.external_id, 'T-1');
  assert.equal(ev.client.first_name, 'Matti');
  assert.ok(!JSON.stringify(ev).includes(HETU), 'no identity code to the provider');
  assert.equal(sql(`SELECT count(*) FROM uselog WHERE action = 'change' AND object = 'service_event:${ev.id}'`), '1');
  // 0,01 hour: the amount rounds once, half away from zero
  const small = await ok(await record({ on_date: monthDay(2, 4), quantity: 0.01, external_id: 'T-2' }), 201);
  assert.equal(small.amount, Math.round(small.unit_price / 100));
});

test('each refusal names its reason and writes nothing', async () => {
  const day = monthDay(2, 5);
  await ok(await record({ on_date: day, quantity: 1, external_id: 'R-1' }), 201);
  await unchanged(async () => {
    await refused(await record({ on_date: day, quantity: 1, external_id: 'R-1' }), 409, 'duplicate', 'external_id');
    await refused(await record({ on_date: day, quantity: 1, external_id: 'R-2' }, 'kari.makela', 999999),
      404, 'not_provider', 'commitment_id');
    await refused(await record({ on_date: day, quantity: 1, external_id: 'R-2' }, 'tuki.user'),
      404, 'not_provider', 'commitment_id');
    await refused(await record({ on_date: monthDay(4, 28), quantity: 1, external_id: 'R-2' }),
      409, 'outside_period', 'on_date');
    await refused(await record({ on_date: tomorrow(), quantity: 1, external_id: 'R-2' }), 422, 'future', 'on_date');
    await refused(await record({ on_date: day, quantity: 41, external_id: 'R-2' }), 409, 'over_quantity', 'quantity');
    await fieldError(await record({ on_date: day, quantity: 0, external_id: 'R-2' }), 'quantity');
    await fieldError(await record({ on_date: day, quantity: '1', external_id: 'R-2' }), 'quantity');
    await fieldError(await record({ on_date: day, quantity: 1.005, external_id: 'R-2' }), 'quantity');
    await fieldError(await record({ on_date: day, quantity: 1 }), 'external_id');
    await fieldError(await record({ on_date: day, quantity: 1, external_id: 'x'.repeat(65) }), 'external_id');
    await fieldError(await record({ on_date: '2026-02-30', quantity: 1, external_id: 'R-2' }), 'on_date');
    await fieldError(await record({ on_date: day, quantity: 1, external_id: 'R-2', amount: 1 }), 'amount');
    await assertJsonError(await record({ on_date: day, quantity: 1, external_id: 'R-2' }, 'matti.korhonen'), 403);
  });
  // the month's 40 hours: 36 more fit, one more hour does not
  await ok(await record({ on_date: monthDay(1, 2), quantity: 36, external_id: 'M-1' }), 201);
  await ok(await record({ on_date: monthDay(1, 3), quantity: 4, external_id: 'M-2' }), 201);
  await unchanged(async () => {
    await refused(await record({ on_date: monthDay(1, 4), quantity: 1, external_id: 'M-3' }),
      409, 'over_quantity', 'quantity');
  });
  // the money: all but 10,00 € of what is left released behind the app's back
  sql(`UPDATE commitment SET released = reserved - (SELECT sum(amount) FROM service_event ` +
    `WHERE commitment_id = ${CM} AND state <> 'upheld') - 1000 WHERE id = ${CM}`);
  await unchanged(async () => {
    await refused(await record({ on_date: monthDay(0, 1), quantity: 1, external_id: 'M-4' }),
      409, 'over_money', 'quantity');
  });
  sql(`UPDATE commitment SET released = 0 WHERE id = ${CM}`);
});

test('an offered commitment takes no events', async () => {
  const plans = await ok(await as['matti.korhonen'].get(`/api/clients/${MATTI}/plans`));
  const plan = await ok(await as['matti.korhonen'].get(`/api/plans/${plans.items[0].id}`));
  const line = plan.lines.find((l) => l.service.code === 'day_activities').id;
  const c = await ok(await as['matti.korhonen'].get(`/api/plan-lines/${line}/choices`));
  const apu = c.items.find((i) => i.name === 'Apuviisas Oy');
  const cm = await ok(await as['matti.korhonen'].post(`/api/plan-lines/${line}/commitment`,
    { provider_id: apu.provider_id }), 201);
  await unchanged(async () => {
    await refused(await record({ on_date: monthDay(1, 5), quantity: 1, external_id: 'O-1' }, 'kari.makela', cm.id),
      409, 'not_active', 'commitment_id');
  });
});

test('the provider lists its own events, page by page, with a disclosure row each', async () => {
  const disclosed = () => Number(sql("SELECT count(*) FROM uselog WHERE action = 'disclose'"));
  const before = disclosed();
  const page = await ok(await as['kari.makela'].get(`/api/commitments/${CM}/events?limit=2`));
  assert.equal(page.items.length, 2);
  assert.ok(page.next_cursor);
  const next = await ok(await as['kari.makela'].get(`/api/commitments/${CM}/events?limit=2&cursor=${page.next_cursor}`));
  assert.ok(next.items.every((e) => e.id < page.items[1].id));
  assert.ok(disclosed() > before);
  assert.ok(!JSON.stringify(page).includes(HETU));
  const pid = page.items[0].provider.id;
  await ok(await as['kari.makela'].get(`/api/providers/${pid}/events?limit=5`));
  await assertJsonError(await as['tuki.user'].get(`/api/providers/${pid}/events`), 404);
  await assertJsonError(await as['tuki.user'].get(`/api/commitments/${CM}/events`), 404);
  await assertJsonError(await as['tuki.user'].get(`/api/events/${page.items[0].id}`), 404);
  const tuki = await ok(await as['tuki.user'].get(`/api/providers/${sql("SELECT id FROM provider WHERE name = 'Tukitupa ry'")}/events`));
  assert.equal(tuki.items.length, 0);
});

test('the client confirms and disputes; a worker resolves; held and payable', async () => {
  const reads = () => Number(sql(`SELECT count(*) FROM uselog WHERE action = 'read' AND client_id = ${MATTI} ` +
    "AND object LIKE 'service_event:%'"));
  const before = reads();
  const list = await ok(await as['matti.korhonen'].get(`/api/clients/${MATTI}/events?limit=50`));
  assert.ok(reads() > before, 'the read is in the use log');
  const open = list.items.filter((e) => e.state === 'recorded' && e.can.dispute);
  assert.ok(open.length >= 3);
  const [a, b, c] = open;
  const conf = await ok(await as['matti.korhonen'].post(`/api/events/${a.id}/confirm`, {}));
  assert.equal(conf.state, 'confirmed');
  assert.equal(conf.payable, true);
  await unchanged(async () => {
    await refused(await as['matti.korhonen'].post(`/api/events/${a.id}/confirm`, {}), 409, 'state', 'state');
    await fieldError(await as['matti.korhonen'].post(`/api/events/${b.id}/dispute`, { reason: '' }), 'reason');
    await assertJsonError(await as['kari.makela'].post(`/api/events/${b.id}/dispute`, { reason: 'x' }), 403);
    await assertJsonError(await as['liisa.virtanen'].post(`/api/events/${b.id}/dispute`, { reason: 'x' }), 404);
    await assertJsonError(await as['tomas.gronqvist'].get(`/api/clients/${MATTI}/events`), 404);
  });
  const d = await ok(await as['matti.korhonen'].post(`/api/events/${b.id}/dispute`,
    { reason: 'Avustaja ei tullut.' }));
  assert.equal(d.state, 'disputed');
  assert.equal(d.held, true);
  assert.equal(d.payable, false);
  const disputes = await ok(await as['maria.nieminen'].get('/api/disputes'));
  assert.ok(disputes.items.some((e) => e.id === b.id));
  const none = await ok(await as['tomas.gronqvist'].get('/api/disputes'));
  assert.ok(!none.items.some((e) => e.client_id === MATTI));
  await unchanged(async () => {
    await fieldError(await as['maria.nieminen'].post(`/api/events/${b.id}/resolve`, { outcome: 'maybe', note: 'x' }), 'outcome');
    await fieldError(await as['maria.nieminen'].post(`/api/events/${b.id}/resolve`, { outcome: 'upheld' }), 'note');
    await assertJsonError(await as['tomas.gronqvist'].post(`/api/events/${b.id}/resolve`,
      { outcome: 'upheld', note: 'x' }), 404);
  });
  const up = await ok(await as['maria.nieminen'].post(`/api/events/${b.id}/resolve`,
    { outcome: 'upheld', note: 'Asiakas oli sairaalassa.' }));
  assert.equal(up.state, 'upheld');
  assert.equal(up.payable, false);
  assert.equal(up.resolution, 'Asiakas oli sairaalassa.');

  // the window passes: c counts as confirmed, a dispute is too late
  sql(`UPDATE service_event SET recorded_at = recorded_at - 30 * 86400 WHERE id = ${c.id}`);
  const late = await ok(await as['matti.korhonen'].get(`/api/events/${c.id}`));
  assert.equal(late.effective_state, 'confirmed_by_default');
  assert.equal(late.payable, true);
  assert.equal(late.can.dispute, false);
  await unchanged(async () => {
    await refused(await as['matti.korhonen'].post(`/api/events/${c.id}/dispute`, { reason: 'Myöhässä' }),
      409, 'window_passed', 'state');
  });
});

// The write is deferred (http.h bud_req_defer): the connection waits for
// its group commit without holding a worker, so far more writes than
// BUD_HTTP_WORKERS (16) are in flight at once. Each must still get its own
// answer: 64 at once, some sent again with their Idempotency-Key, some
// the same event twice.
test('64 events at once: each its own answer, replays replay, a duplicate is one event', async () => {
  const day = monthDay(1, 20);
  const before = Number(sql(`SELECT count(*) FROM service_event WHERE commitment_id = ${CM}`));
  const keyed = (i) => (i % 2 ? { 'Idempotency-Key': `burst-${i}` } : undefined);
  const body = (i) => ({ on_date: day, quantity: 0.25, external_id: `BURST-${i}` });
  const first = await Promise.all(Array.from({ length: 64 }, (_, i) =>
    as['kari.makela'].post(`/api/commitments/${CM}/events`, body(i), keyed(i))));
  const evs = await Promise.all(first.map((r) => ok(r, 201)));
  evs.forEach((ev, i) => {
    assert.equal(ev.external_id, `BURST-${i}`);
    assert.equal(first[i].headers.get('location'), `/api/events/${ev.id}`);
  });
  assert.equal(new Set(evs.map((e) => e.id)).size, 64);
  assert.equal(Number(sql(`SELECT count(*) FROM service_event WHERE commitment_id = ${CM}`)), before + 64);
  assert.equal(Number(sql(`SELECT count(*) FROM uselog WHERE action = 'change' AND object IN (` +
    evs.map((e) => `'service_event:${e.id}'`).join(',') + ')')), 64);

  // Again, all at once: keyed ones replay their first answer, the others
  // are duplicates of the stored event; nothing is written.
  await unchanged(async () => {
    const again = await Promise.all(Array.from({ length: 64 }, (_, i) =>
      as['kari.makela'].post(`/api/commitments/${CM}/events`, body(i), keyed(i))));
    for (let i = 0; i < 64; i++) {
      if (i % 2) {
        const ev = await ok(again[i], 201);
        assert.equal(again[i].headers.get('idempotent-replayed'), 'true');
        assert.equal(ev.id, evs[i].id);
      } else {
        await refused(again[i], 409, 'duplicate', 'external_id');
      }
    }
  });

  // One new event sent 8 times at once without a key: one is written.
  const same = await Promise.all(Array.from({ length: 8 }, () =>
    as['kari.makela'].post(`/api/commitments/${CM}/events`,
      { on_date: day, quantity: 0.25, external_id: 'BURST-SAME' })));
  const statuses = same.map((r) => r.status).sort();
  assert.deepEqual(statuses, [201, 409, 409, 409, 409, 409, 409, 409]);
  assert.equal(sql(`SELECT count(*) FROM service_event WHERE external_id = 'BURST-SAME'`), '1');
  await Promise.all(same.map((r) => r.text()));
});
