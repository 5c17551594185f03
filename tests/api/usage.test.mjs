// API tests for budget against use (src/app/usage.h). The demo county
// (with cases) has decided plans, commitments, recorded and disputed
// service events and an approved invoice. Every figure of the report is
// checked against sums this test makes itself from the raw rows (ledger,
// service events, invoice rows) read with the sqlite3 shell; the forecast
// is recomputed here with BigInt (integer cents and days, rounded down,
// the run-out day up). Then who sees what, one use-log row per answer,
// the CSV and XLSX downloads read back, and the refusals of bad input.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import ExcelJS from 'exceljs';
import { startServer, ok, fieldError, assertJsonError, sessions } from './lib.mjs';

let srv, as, from, to, asOf;
const WORKER = 'maria.nieminen', DM = 'johanna.ek', FIN = 'pekka.salonen';
const CLIENT = 'matti.korhonen', PROV = 'kari.makela', ADMIN = 'admin';

function sql(statement) {
  const r = spawnSync('sqlite3', ['-cmd', '.timeout 5000', '-separator', '|', srv.db, statement],
    { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.trim();
}
const rows = (statement) => sql(statement).split('\n').filter(Boolean).map((l) => l.split('|'));

const dayNo = (iso) => Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / 864e5;
const isoOf = (n) => new Date(n * 864e5).toISOString().slice(0, 10);

// Each decided line whose period meets from..to, with its sums made here
// from the raw rows dated up to `to`.
function expectedLines() {
  const lines = rows(`SELECT l.id, p.client_id, p.valid_from, coalesce(p.effective_to, p.valid_to)
    FROM plan p JOIN plan_line l ON l.plan_id = p.id
    WHERE p.state IN ('approved', 'superseded', 'ended') AND p.valid_from <= '${to}'
    AND coalesce(p.effective_to, p.valid_to) >= '${from}'`);
  const ledger = rows(`SELECT g.plan_line_id, g.kind, g.amount, coalesce(r.events, 0)
    FROM ledger g LEFT JOIN invoice_row r ON r.id = g.invoice_row_id WHERE g.on_date <= '${to}'`);
  const events = rows(`SELECT plan_line_id, state, amount FROM service_event WHERE on_date <= '${to}'`);
  const out = new Map();
  for (const [id, client, vf, vt] of lines)
    out.set(+id, { client: +client, vf, vt, granted: 0, reserved: 0, spent: 0, delivered: 0, spentEvents: 0 });
  for (const [line, kind, amount, evs] of ledger) {
    const x = out.get(+line);
    if (!x)
      continue;
    const a = +amount;
    if (kind === 'grant') x.granted += a;
    if (kind === 'revoke') x.granted -= a;
    if (kind === 'reserve') x.reserved += a;
    if (kind === 'release') x.reserved -= a;
    if (kind === 'spend') { x.spent += a; if (+evs > 0) x.spentEvents += a; }
  }
  for (const [line, state, amount] of events) {
    const x = out.get(+line);
    if (x && state !== 'upheld')
      x.delivered += +amount;
  }
  for (const x of out.values())
    x.used = x.delivered + x.spent - x.spentEvents;
  return out;
}

// The forecast of core/forecast.h, again, in BigInt.
function forecast(granted, used, vf, vt) {
  const start = dayNo(vf), end = Math.max(dayNo(vt), start), now = dayNo(asOf);
  const total = BigInt(end - start + 1);
  const elapsed = BigInt(now < start ? 0 : now > end ? end - start + 1 : now - start + 1);
  const g = BigInt(granted), u = BigInt(used);
  const f = { used_share: g > 0n ? Number(u * 10000n / g) : 0, time_share: Number(elapsed * 10000n / total) };
  if (elapsed === 0n)
    return { ...f, forecast: u > g ? 'exceeded' : 'not_started', runout: null };
  const projected = u * total / elapsed;
  let state = 'lasts', runout = null;
  if (u > g) {
    state = 'exceeded';
  } else if (projected > g && u > 0n) {
    const day = start + Number((g * elapsed + u - 1n) / u) - 1;
    if (day <= end) { state = 'runs_out'; runout = isoOf(day); }
  }
  if (elapsed === total && state !== 'exceeded')
    state = 'ended', runout = null;
  return { ...f, forecast: state, runout, projected: Number(projected), per_day: Number(u / elapsed) };
}

const report = async (who, q) => ok(await as[who].get(`/api/reports/usage?from=${from}&to=${to}&limit=200&${q}`));

before(async () => {
  srv = await startServer({ demo: true, cases: true });
  as = await sessions(srv, [WORKER, DM, FIN, CLIENT, PROV, ADMIN]);
  const year = new Date().getUTCFullYear();
  from = `${year}-01-01`;
  to = `${year + 1}-12-31`;	/* the demo's plans run into next year */
  asOf = new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Helsinki' });
});
after(async () => { await srv?.stop(); });

test('per line: every figure and the forecast against sums made from the raw rows', async () => {
  const want = expectedLines();
  const r = await report(DM, 'by=line');
  assert.equal(r.as_of, asOf);
  assert.equal(r.items.length, want.size);
  assert.ok(r.items.some((i) => i.delivered > 0), 'the demo has delivered events');
  assert.ok(r.items.some((i) => i.spent > 0), 'and an approved invoice');
  const sum = { granted: 0, reserved: 0, used: 0, spent: 0, delivered: 0 };
  for (const it of r.items) {
    const x = want.get(it.line_id);
    assert.ok(x, `line ${it.line_id} is one of the period's`);
    assert.equal(it.client_id, x.client);
    for (const k of ['granted', 'reserved', 'spent', 'delivered', 'used'])
      assert.equal(it[k], x[k], `line ${it.line_id} ${k}`);
    assert.equal(it.remaining, x.granted - x.used);
    const f = forecast(x.granted, x.used, x.vf, x.vt);
    assert.equal(it.used_share, f.used_share);
    assert.equal(it.time_share, f.time_share);
    assert.equal(it.forecast, f.forecast, `line ${it.line_id}`);
    assert.equal(it.runout, f.runout);
    for (const k of Object.keys(sum)) sum[k] += x[k];
  }
  for (const k of Object.keys(sum))
    assert.equal(r.totals[k], sum[k], `total ${k}`);
  assert.equal(r.totals.lines, want.size);
});

test('per client and per service the groups add up to the lines', async () => {
  const lines = (await report(DM, 'by=line')).items;
  for (const [by, key] of [['client', 'client_id'], ['service', 'service']]) {
    const r = await report(DM, `by=${by}`);
    const groups = new Map();
    for (const l of lines) {
      const k = by === 'client' ? l.client_id : l.service;
      const g = groups.get(k) ?? { lines: 0, granted: 0, used: 0, spent: 0 };
      g.lines++; g.granted += l.granted; g.used += l.used; g.spent += l.spent;
      groups.set(k, g);
    }
    assert.equal(r.items.length, groups.size);
    for (const it of r.items) {
      const g = groups.get(by === 'client' ? it.id : it.name);
      assert.ok(g, `${by} ${it.name}`);
      assert.deepEqual({ lines: it.lines, granted: it.granted, used: it.used, spent: it.spent }, g);
    }
    assert.ok(key);
  }
});

test('per provider: what the commitments reserved, spent and had delivered', async () => {
  const r = await report(FIN, 'by=provider');
  const want = rows(`SELECT c.provider_id, sum(c.reserved - c.released), sum(c.spent),
    sum((SELECT coalesce(sum(e.amount), 0) FROM service_event e WHERE e.commitment_id = c.id
      AND e.state <> 'upheld' AND e.on_date <= '${to}'))
    FROM commitment c WHERE c.state IN ('offered', 'active', 'ended')
    AND c.valid_from <= '${to}' AND c.valid_to >= '${from}' GROUP BY c.provider_id`);
  assert.equal(r.items.length, want.length);
  for (const [id, reserved, spent, delivered] of want) {
    const it = r.items.find((i) => i.id === +id);
    assert.deepEqual([it.reserved, it.spent, it.delivered, it.remaining],
      [+reserved, +spent, +delivered, +reserved - +spent]);
  }
});

test('who sees what, and one use-log row per answer', async () => {
  const count = () => +sql("SELECT count(*) FROM uselog WHERE action = 'read' AND object IN ('report:usage', 'usage')");
  let n = count();
  const mine = rows(`SELECT c.id FROM client c JOIN user u ON u.username = '${WORKER}'
    WHERE c.worker_id = u.id OR c.unit_id = u.unit_id`).map((x) => +x[0]);
  const w = await report(WORKER, 'by=line');
  assert.ok(w.items.length > 0);
  assert.ok(w.items.every((i) => mine.includes(i.client_id)), 'a worker sees their own clients');
  assert.equal(count(), ++n);
  assert.equal(sql(`SELECT client_id IS NULL OR client_id = 0 FROM uselog ORDER BY id DESC LIMIT 1`), '1');
  // finance: sums per service and provider only, and no use-log row
  await assertJsonError(await as[FIN].get('/api/reports/usage?by=line'), 403);
  await assertJsonError(await as[FIN].get('/api/reports/usage?by=client'), 403);
  await ok(await as[FIN].get('/api/reports/usage?by=service'));
  assert.equal(count(), n);
  // the client: their own lines, logged as theirs
  const own = +sql(`SELECT client_id FROM user WHERE username = '${CLIENT}'`);
  const c = await report(CLIENT, 'by=line');
  assert.ok(c.items.length > 0 && c.items.every((i) => i.client_id === own));
  assert.equal(count(), ++n);
  assert.equal(sql('SELECT client_id FROM uselog ORDER BY id DESC LIMIT 1'), String(own));
  const other = +sql(`SELECT min(id) FROM client WHERE id <> ${own}`);
  await assertJsonError(await as[CLIENT].get(`/api/reports/usage?client_id=${other}`), 404);
  await assertJsonError(await as[PROV].get('/api/reports/usage'), 403);
  await assertJsonError(await as[ADMIN].get('/api/reports/usage'), 403);
});

test('CSV and XLSX downloads hold the same figures, in the reader\'s language', async () => {
  const r = await report(DM, 'by=line');
  const csv = await as[DM].get(`/api/reports/usage/export?format=csv&from=${from}&to=${to}`);
  assert.equal(csv.status, 200);
  assert.equal(csv.headers.get('content-type'), 'text/csv; charset=utf-8');
  assert.match(csv.headers.get('content-disposition'), /^attachment; filename="budjetti-ja-kaytto-line-/);
  const bytes = Buffer.from(await csv.arrayBuffer());
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 with a byte order mark');
  const lines = bytes.subarray(3).toString('utf8').split('\r\n').filter(Boolean);
  assert.equal(lines.length, r.items.length + 2, 'headings, rows, totals');
  assert.match(lines[0], /^Asiakas;Palvelu;/);
  const total = lines.at(-1).split(';');
  assert.equal(total[0], 'Yhteensä');
  assert.equal(total[5], (r.totals.granted / 100).toFixed(2).replace('.', ','));

  const x = await as[DM].get(`/api/reports/usage/export?format=xlsx&by=service&from=${from}&to=${to}`,
    { 'accept-language': 'sv' });
  assert.equal(x.status, 200);
  assert.equal(x.headers.get('content-type'),
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(await x.arrayBuffer()));
  const ws = wb.worksheets[0];
  const svc = await report(DM, 'by=service');
  const head = ws.getRow(2).values.slice(1);
  const gi = head.indexOf(head.find((h) => /^(Myönnetty|Beviljat|Granted)$/.test(h)));
  assert.ok(gi >= 0, `a granted column in ${head}`);
  for (let i = 0; i < svc.items.length; i++) {
    const cell = ws.getRow(3 + i).getCell(gi + 1);
    assert.equal(typeof cell.value, 'number');
    assert.equal(Math.round(cell.value * 100), svc.items[i].granted);
    assert.match(cell.numFmt, /€/);
  }
  assert.equal(Math.round(ws.getRow(3 + svc.items.length).getCell(gi + 1).value * 100), svc.totals.granted);
});

test('bad input names the field; the thresholds are the admin\'s', async () => {
  await fieldError(await as[DM].get('/api/reports/usage?from=2026-13-01'), 'from');
  await fieldError(await as[DM].get('/api/reports/usage?by=month'), 'by');
  await fieldError(await as[DM].get('/api/reports/usage?from=2026-05-01&to=2026-04-30'), 'to');
  await fieldError(await as[DM].get('/api/reports/usage/export?format=pdf'), 'format');
  const s = await ok(await as[ADMIN].get('/api/settings/usage'));
  assert.deepEqual(s, { usage_from_pct: 50, usage_pace_pct: 50, usage_warn_days: 60 });
  const put = (body) => as[ADMIN].request('PUT', '/api/settings/usage', body, { 'idempotency-key': `k-${Math.random()}` });
  await fieldError(await put({ ...s, usage_pace_pct: 101 }), 'usage_pace_pct');
  const next = await ok(await put({ ...s, usage_from_pct: 1, usage_pace_pct: 100 }));
  assert.equal(next.usage_from_pct, 1);
  await assertJsonError(await as[WORKER].get('/api/settings/usage'), 403);
});

test('the worker\'s alerts are the lines of the report that need an eye', async () => {
  // from 1 % of the period on, anything under an even pace is under-used
  const a = await ok(await as[WORKER].get('/api/reports/usage/alerts'));
  const today = await ok(await as[WORKER].get(`/api/reports/usage?from=${asOf}&to=${asOf}&limit=200`));
  const flagged = today.items.filter((i) => i.underused || i.forecast === 'exceeded' ||
    (i.forecast === 'runs_out' && dayNo(i.runout) <= dayNo(asOf) + 60));
  assert.deepEqual(a.lines.map((l) => l.line_id).sort(), flagged.map((i) => i.line_id).sort());
  assert.ok(a.lines.length > 0, 'with the thresholds at 1 % and 100 % some line is flagged');
  const disputed = +sql(`SELECT count(*) FROM service_event WHERE state = 'disputed'`);
  assert.equal(a.others.filter((o) => o.kind === 'disputed').reduce((n, o) => n + o.count, 0), disputed);
  await assertJsonError(await as[DM].get('/api/reports/usage/alerts'), 403);
});
