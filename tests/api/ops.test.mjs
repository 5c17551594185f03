// Operations: a backup taken while an API client writes (many POSTs in a
// loop against a running serve) passes `budjetti check` and holds one
// consistent moment; restore refuses a database that a serve holds;
// /readyz touches the database; /metrics counts what was asked, in the
// Prometheus text format (checked strictly here, and by promtool when it
// is installed), for loopback only.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, sessions, run, ok } from './lib.mjs';

let srv, as, dir;

before(async () => {
  srv = await startServer({ demo: true });
  as = await sessions(srv, ['maria.nieminen']);
  dir = await mkdtemp(join(tmpdir(), 'budjetti-ops-'));
});

after(async () => {
  await srv?.stop();
  await rm(dir, { recursive: true, force: true });
});

// A valid henkilötunnus for the n-th test client (born 1.1.1980).
function hetu(n) {
  const num = String(2 + n).padStart(3, '0');
  return `010180-${num}${'0123456789ABCDEFHJKLMNPRSTUVWXY'[Number(`010180${num}`) % 31]}`;
}

function count(db, table) {
  const r = spawnSync('sqlite3', ['-cmd', '.timeout 5000', db, `SELECT count(*) FROM ${table}`],
    { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return Number(r.stdout.trim());
}

test('a backup under write load passes check and is one moment of the database', async () => {
  let n = 0, stop = false;
  const writer = async (lane) => {
    while (!stop && n < 800) {
      const i = n++;
      const res = await as['maria.nieminen'].post('/api/clients', {
        hetu: hetu(i), first_name: 'Kuorma', last_name: `Testi${lane}`, lang: 'fi',
      }, { 'idempotency-key': `ops-load-${i}` });
      assert.equal(res.status, 201, await res.text());
    }
  };
  const lanes = [writer(1), writer(2), writer(3)];
  while (n < 30)
    await new Promise((r) => setTimeout(r, 10));
  const low = count(srv.db, 'client');
  const copy = join(dir, 'copy.db');
  const b = await run(['backup', '--db', srv.db, copy]);
  const high = count(srv.db, 'client');
  const written = n;
  while (n < written + 30 && n < 800)
    await new Promise((r) => setTimeout(r, 10));
  stop = true;
  await Promise.all(lanes);
  assert.equal(b.code, 0, b.stderr);
  assert.match(b.stderr, /100%/);
  const c = await run(['check', '--db', copy]);
  assert.equal(c.code, 0, c.stdout + c.stderr);
  assert.match(c.stdout, /use log chain intact/);
  const inCopy = count(copy, 'client');
  assert.ok(inCopy >= low && inCopy <= high, `copy has ${inCopy} clients, live had ${low}..${high}`);
  assert.ok(count(srv.db, 'client') > inCopy, 'the writes went on after the backup');

  // restore: refused while this serve holds the database, accepted elsewhere
  const r = await run(['restore', '--db', srv.db, copy]);
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stderr, /another budjetti serve is already using this database/);
  const target = join(dir, 'restored.db');
  const r2 = await run(['restore', '--db', target, copy]);
  assert.equal(r2.code, 0, r2.stderr);
  assert.equal(count(target, 'client'), inCopy);
  assert.equal((await run(['check', '--db', target])).code, 0);
});

test('GET /readyz reads the database; /healthz does not change', async () => {
  const res = await fetch(srv.url + 'readyz');
  assert.equal(res.status, 200);
  const body = await res.json();
  assert.equal(body.status, 'ready');
  assert.ok(body.schema >= 12);
  assert.equal((await fetch(srv.url + 'healthz')).status, 200);
});

// The Prometheus text format (version 0.0.4), strictly: every sample
// belongs to a family announced by HELP and TYPE before it; names and
// labels are well formed; values are numbers; histograms are cumulative
// and end with +Inf equal to _count.
function parseExposition(text) {
  const families = new Map(), samples = [];
  assert.ok(text.endsWith('\n'), 'ends with a newline');
  for (const line of text.slice(0, -1).split('\n')) {
    let m;
    if ((m = /^# HELP ([a-zA-Z_:][a-zA-Z0-9_:]*) (.+)$/.exec(line))) {
      assert.ok(!families.has(m[1]), `HELP twice for ${m[1]}`);
      families.set(m[1], { help: m[2] });
    } else if ((m = /^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram)$/.exec(line))) {
      assert.ok(families.get(m[1]) && !families.get(m[1]).type, `TYPE of ${m[1]} after its HELP`);
      families.get(m[1]).type = m[2];
    } else {
      m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{((?:[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\.)*",?)*)\})? (-?[0-9]+(?:\.[0-9]+)?|\+Inf)$/.exec(line);
      assert.ok(m, `not a sample line: ${line}`);
      const base = m[1].replace(/_(bucket|sum|count)$/, '');
      const fam = families.get(m[1]) ?? families.get(base);
      assert.ok(fam?.type, `sample ${m[1]} before its family's TYPE`);
      if (m[1] !== base && !families.has(m[1]))
        assert.equal(fam.type, 'histogram', `${m[1]} only in a histogram`);
      const labels = Object.fromEntries([...(m[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)]
        .map((l) => [l[1], l[2]]));
      samples.push({ name: m[1], labels, value: Number(m[3]) });
    }
  }
  return { families, samples };
}

function histogramsCumulative(samples) {
  const series = new Map();
  for (const s of samples.filter((x) => x.name.endsWith('_bucket'))) {
    const key = `${s.labels.method} ${s.labels.route}`;
    series.set(key, [...(series.get(key) ?? []), s]);
  }
  for (const [key, buckets] of series) {
    for (let i = 1; i < buckets.length; i++)
      assert.ok(buckets[i].value >= buckets[i - 1].value, `${key}: buckets not cumulative`);
    assert.equal(buckets.at(-1).labels.le, '+Inf');
    const cnt = samples.find((x) => x.name.endsWith('_count') && x.labels.route === buckets[0].labels.route &&
      x.labels.method === buckets[0].labels.method);
    assert.equal(cnt.value, buckets.at(-1).value, `${key}: +Inf bucket equals _count`);
  }
}

test('GET /metrics counts the requests by route and status, in the text format', async () => {
  const scrape = async () => {
    const res = await fetch(srv.url + 'metrics');
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type'), /^text\/plain; version=0\.0\.4/);
    return res.text();
  };
  const value = (samples, name, labels) => samples.filter((s) => s.name === name &&
    Object.entries(labels).every(([k, v]) => s.labels[k] === v)).reduce((a, s) => a + s.value, 0);
  const first = parseExposition(await scrape()).samples;
  for (let i = 0; i < 3; i++)
    await fetch(srv.url + 'healthz');
  for (let i = 0; i < 2; i++)
    await fetch(srv.url + 'no/such/page');
  await ok(await as['maria.nieminen'].get('/api/clients/1'));
  const text = await scrape();
  const { families, samples } = parseExposition(text);
  const delta = (name, labels) => value(samples, name, labels) - value(first, name, labels);
  assert.equal(delta('budjetti_http_requests_total', { route: '/healthz', code: '200' }), 3);
  assert.equal(delta('budjetti_http_requests_total', { route: 'none', code: '404' }), 2);
  assert.equal(delta('budjetti_http_requests_total', { route: '/api/clients/{id}', method: 'GET', code: '200' }), 1);
  assert.equal(delta('budjetti_http_requests_total', { route: '/metrics', code: '200' }), 1);
  assert.equal(delta('budjetti_http_request_duration_seconds_count', { route: '/healthz' }), 3);
  histogramsCumulative(samples);
  for (const f of ['budjetti_db_commits_total', 'budjetti_db_write_units_total', 'budjetti_db_write_queue',
    'budjetti_db_size_bytes', 'budjetti_db_wal_size_bytes', 'budjetti_sessions', 'budjetti_outbox_queued'])
    assert.ok(families.has(f), `family ${f}`);
  assert.ok(value(samples, 'budjetti_db_commits_total', {}) > 0);
  assert.ok(value(samples, 'budjetti_db_size_bytes', {}) > 0);
  assert.ok(value(samples, 'budjetti_sessions', {}) >= 1);
  assert.ok(!/\/api\/clients\/1\b/.test(text), 'no path with an id in the metrics');

  const promtool = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
  // CI (scripts/test sets BUD_REQUIRE_TOOLS) must run promtool, never skip it
  assert.ok(!(promtool.error && process.env.BUD_REQUIRE_TOOLS),
    'promtool is required here (BUD_REQUIRE_TOOLS) but cannot be run');
  if (promtool.error)
    console.log('# promtool not installed: the exposition was checked by this test only');
  else
    assert.equal(promtool.status, 0, promtool.stdout + promtool.stderr);
});

test('GET /metrics is refused through a proxy', async () => {
  for (const h of [{ 'x-forwarded-for': '203.0.113.9' }, { forwarded: 'for=203.0.113.9' }]) {
    const res = await fetch(srv.url + 'metrics', { headers: h });
    assert.equal(res.status, 403);
    assert.ok(!(await res.text()).includes('budjetti_http'));
  }
});

test('serve refuses a --metrics-allow that is not an address', async () => {
  const r = await run(['serve', '--db', srv.db, '--metrics-allow', 'not-an-address', '--port', '1']);
  assert.equal(r.code, 2, r.stderr);
});

test('the log on stderr is JSON lines: time, level, request id, user id, route, status, ms; no identity code, name or token', async () => {
  const maria = as['maria.nieminen'];
  const res = await maria.get('/api/clients/1');
  const client = await ok(res);
  const rid = res.headers.get('x-request-id');
  assert.match(rid, /^[0-9a-f]{8}-\d+$/);
  await maria.get('/api/clients/1/hetu');
  await srv.stop();	// the access log is flushed at the latest when serve stops
  const lines = srv.stderr().split('\n').filter((l) => l);
  assert.ok(lines.length > 10);
  const entries = lines.map((l) => {
    try {
      return JSON.parse(l);
    } catch {
      assert.fail(`not a JSON line: ${l}`);
    }
  });
  for (const e of entries) {
    assert.match(e.time, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    assert.ok(['info', 'warn', 'error'].includes(e.level), e.level);
  }
  const mine = entries.find((e) => e.req === rid);
  assert.ok(mine, `a line for request ${rid}`);
  assert.equal(mine.user, maria.me.id ?? maria.me.user?.id);
  assert.equal(mine.route, '/api/clients/{id}');
  assert.equal(mine.method, 'GET');
  assert.equal(mine.status, 200);
  assert.equal(typeof mine.ms, 'number');
  const text = srv.stderr();
  const token = maria.cookie.split('=')[1];
  for (const secret of [client.hetu, client.first_name, client.last_name, token, '/api/clients/1'])
    if (secret)
      assert.ok(!text.includes(secret), `the log holds ${secret}`);
});
