// tests/api/lib.mjs: what every API test file shares. startServer() runs
// the budjetti binary ($BUDJETTI_BIN, set by scripts/test; default
// build-ci/src/cli/budjetti) on a fresh database in a temp dir and on a
// free port of 127.0.0.1; raw() sends a request byte for byte. Nothing here
// reaches beyond 127.0.0.1.
import { spawn } from 'node:child_process';
import { createHash, createHmac } from 'node:crypto';
import { cp, mkdir, mkdtemp, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BIN = process.env.BUDJETTI_BIN || join(repo, 'build-ci', 'src', 'cli', 'budjetti');

// The demo accounts' password (budjetti demo reads BUD_DEMO_PASSWORD).
export const PASSWORD = 'api-testi-Salasana-4242';

// Limits from src/bud_limits.h that tests probe.
export const MAX_BODY = 1024 * 1024;
export const MAX_JSON_DEPTH = 32;
export const MAX_URL = 2048;
export const LOGIN_SLOW_AFTER = 5;		// failures of one account
export const LOGIN_ADDR_SLOW_AFTER = 50;	// failures from one address

// Headers every response carries (src/http/response.c).
export const SECURITY_HEADERS = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'content-security-policy': "default-src 'self'; img-src 'self' data:; style-src 'self'; " +
    "script-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};

export const sleep = (n) => new Promise((r) => setTimeout(r, n));

/*
 * Every Set-Cookie line of a fetch Response, one string each. Node 20's
 * fetch has Headers.getSetCookie(); Debian 12's own nodejs 18 (fetch from
 * Debian's undici 5.15) has not, and joins the lines with ", " in
 * headers.get('set-cookie'). Then the joined value is cut before each
 * ", NAME=" (a cookie name is a token, RFC 6265): the ", " inside an
 * Expires date is followed by a day number and a space, never by "NAME=".
 * The one way the tests read Set-Cookie.
 */
export function setCookies(res) {
  if (typeof res.headers.getSetCookie === 'function')
    return res.headers.getSetCookie();
  const joined = res.headers.get('set-cookie');
  if (joined === null)
    return [];
  return joined.split(/,[ \t]*(?=[!#$%&'*+\-.^_`|~0-9A-Za-z]+=)/);
}

// A TCP port free on 127.0.0.1 at the time of asking.
export function freePort() {
  return new Promise((res, rej) => {
    const s = createServer();
    s.unref();
    s.on('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });
}

// Run the binary to completion; resolves {code, stdout, stderr}.
export function run(args, env = process.env) {
  return new Promise((res, rej) => {
    const p = spawn(BIN, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '', stderr = '';
    p.stdout.on('data', (d) => { stdout += d; });
    p.stderr.on('data', (d) => { stderr += d; });
    p.on('error', rej);
    p.on('close', (code) => res({ code, stdout, stderr }));
  });
}

// Spawn `serve` (with extra args); resolves {child, stderr()} once it
// printed its listening line.
export function serve(db, port, env, args = []) {
  return new Promise((res, rej) => {
    const p = spawn(BIN, ['serve', '--db', db, '--port', String(port), '--sync', 'normal', ...args],
      { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '', err = '';
    const timer = setTimeout(() => {
      p.kill('SIGKILL');
      rej(new Error(`serve did not start in 15 s\nstdout: ${out}\nstderr: ${err}`));
    }, 15000);
    p.stdout.on('data', (d) => {
      out += d;
      if (out.includes(`budjetti: listening on http://127.0.0.1:${port}/\n`)) {
        clearTimeout(timer);
        res({ child: p, stderr: () => err });
      }
    });
    p.stderr.on('data', (d) => { err += d; });
    p.on('error', (e) => { clearTimeout(timer); rej(e); });
    p.on('exit', (code, sig) => {
      clearTimeout(timer);
      rej(new Error(`serve exited (${code ?? sig}) before listening\nstdout: ${out}\nstderr: ${err}`));
    });
  });
}

// Prepare a database: migrated and empty, or the demo data set ({demo:
// true}: resolves {accounts: the demo accounts, each with its password,
// apiKeys: the demo's care system API keys}; with {cases: true} also the
// demo's case histories).
async function prepare(db, demo, env, cases) {
  if (!demo) {
    const r = await run(['migrate', '--db', db], env);
    assert.equal(r.code, 0, `budjetti migrate failed: ${r.stderr}`);
    return { accounts: [], apiKeys: [] };
  }
  const cached = await demoCached(db, cases);
  if (cached)
    return cached;
  const out = await makeDemo(db, env, cases);
  await demoKeep(db, cases, out);
  return out;
}

async function makeDemo(db, env, cases) {
  const r = await run(['demo', '--db', db, '--json', ...(cases ? [] : ['--no-cases'])], env);
  assert.equal(r.code, 0, `budjetti demo failed: ${r.stderr}`);
  const out = JSON.parse(r.stdout);
  return { accounts: out.accounts, apiKeys: out.api_keys ?? [] };
}

/*
 * The demo data set made once per binary and test run: with
 * BUD_TEST_DEMO_CACHE set (scripts/test: a folder of build-logs, so each
 * run starts empty), the first file that needs it runs `budjetti demo` and
 * keeps a copy of the closed database (its .files folder and any -wal
 * with it) and its accounts; the others copy that. `budjetti demo` hashes
 * every demo password with argon2id and writes a county's worth of rows,
 * about 2 s a file, and 3 test suites start over 100 services. The key
 * names the binary (path, size, time), the case histories and the
 * password, so another build never gets this one's copy; tests of
 * `budjetti demo` itself run it themselves.
 */
async function demoKey(cases) {
  const dir = process.env.BUD_TEST_DEMO_CACHE;
  if (!dir)
    return null;
  const st = await stat(BIN);
  const key = createHash('sha256')
    .update(JSON.stringify([resolve(BIN), st.size, st.mtimeMs, cases, PASSWORD]))
    .digest('hex').slice(0, 24);
  return join(dir, key);
}

const DB_PARTS = ['', '-wal', '.files'];

// Copy the database at from (its -wal and .files folder too) to to.
async function copyDb(from, to) {
  for (const part of DB_PARTS)
    await cp(from + part, to + part, { recursive: true }).catch((e) => {
      if (e.code !== 'ENOENT')
        throw e;
    });
}

async function demoCached(db, cases) {
  const base = await demoKey(cases);
  if (!base)
    return null;
  let out;
  try {
    out = JSON.parse(await readFile(join(base, 'out.json'), 'utf8'));
  } catch {
    return null;
  }
  await copyDb(join(base, 'db'), db);
  return out;
}

// Kept whole in a folder of its own, renamed into place: when two files
// make it at the same time, the second rename fails and its copy goes.
async function demoKeep(db, cases, out) {
  const base = await demoKey(cases);
  if (!base)
    return;
  await mkdir(dirname(base), { recursive: true });
  const tmp = await mkdtemp(base + '.tmp-');
  await copyDb(db, join(tmp, 'db'));
  await writeFile(join(tmp, 'out.json'), JSON.stringify(out));
  await rename(tmp, base).catch((e) => {
    if (e.code !== 'ENOTEMPTY' && e.code !== 'EEXIST')
      throw e;
  });
  await rm(tmp, { recursive: true, force: true });
}

/*
 * Start budjetti on a fresh database (args: more options of serve). Resolves {url, port, pid, db (its path), accounts, apiKeys,
 * account(role), stderr(), exited, stop()}; url ends with '/'. stop() sends
 * SIGTERM, waits for the exit (killing after 15 s), removes the temp dir,
 * asserts exit code 0 and resolves it.
 */
export async function startServer({ demo = false, cases = false, args = [] } = {}) {
  const dir = await mkdtemp(join(tmpdir(), 'budjetti-api-'));
  const db = join(dir, 'budjetti.db');
  const env = { ...process.env, BUD_DEMO_PASSWORD: PASSWORD };
  let srv, port, lastErr, accounts, apiKeys;
  try {
    ({ accounts, apiKeys } = await prepare(db, demo, env, cases));
    for (let attempt = 0; attempt < 3 && !srv; attempt++) {
      port = await freePort();
      try {
        srv = await serve(db, port, env, args);
      } catch (e) {
        lastErr = e;
      }
    }
    if (!srv)
      throw lastErr;
  } catch (e) {
    await rm(dir, { recursive: true, force: true });
    throw e;
  }
  const child = srv.child;
  child.removeAllListeners('exit');
  const exited = new Promise((r) => child.on('exit', (code, sig) => r(code ?? sig)));
  let stopped = false;
  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    db,
    pid: child.pid,
    accounts,
    apiKeys,
    account: (role) => accounts.find((a) => a.role === role),
    stderr: srv.stderr,
    exited,
    async stop() {
      if (stopped)
        return;
      stopped = true;
      child.kill('SIGTERM');
      // The 15-s timer is cleared as soon as the service exits: left
      // pending, it would keep this test file's process alive for 15 s.
      let timer;
      const timeout = new Promise((r) => { timer = setTimeout(() => r('timeout'), 15000); });
      let code = await Promise.race([exited, timeout]);
      clearTimeout(timer);
      if (code === 'timeout') {
        child.kill('SIGKILL');
        await exited;
      }
      await rm(dir, { recursive: true, force: true });
      assert.equal(code, 0, `budjetti serve exit ${code}\nstderr:\n${srv.stderr()}`);
      return code;
    },
  };
}

// Parse one raw HTTP/1.1 response (Content-Length framed) from a buffer;
// null until it is complete.
export function parseResponse(buf) {
  const end = buf.indexOf('\r\n\r\n');
  if (end < 0)
    return null;
  const lines = buf.subarray(0, end).toString('latin1').split('\r\n');
  const status = Number(lines[0].split(' ')[1]);
  const headers = {};
  for (const l of lines.slice(1)) {
    const i = l.indexOf(':');
    const k = l.slice(0, i).trim().toLowerCase();
    const v = l.slice(i + 1).trim();
    headers[k] = k in headers ? headers[k] + ', ' + v : v;
  }
  const len = Number(headers['content-length'] ?? 0);
  if (buf.length < end + 4 + len)
    return null;
  const body = buf.subarray(end + 4, end + 4 + len).toString('utf8');
  return { status, headers, body, size: end + 4 + len, json: () => JSON.parse(body) };
}

/*
 * A raw connection to the server for requests fetch cannot make (a half
 * sent body, Expect: 100-continue, chunked bodies). Returns {send(bytes),
 * response(): Promise<the next response, 100 Continue included>, closed,
 * end()}.
 */
export function rawConnection(port) {
  const sock = connect({ host: '127.0.0.1', port });
  let buf = Buffer.alloc(0);
  let waiting = null;
  const take = () => {
    const r = parseResponse(buf);
    if (r)
      buf = buf.subarray(r.size);
    return r;
  };
  const closed = new Promise((r) => sock.on('close', r));
  sock.on('error', () => {});
  sock.on('data', (d) => {
    buf = Buffer.concat([buf, d]);
    if (waiting) {
      const r = take();
      if (r) { const w = waiting; waiting = null; w(r); }
    }
  });
  const opened = new Promise((r) => sock.once('connect', r));
  return {
    async send(bytes) {
      await opened;
      await new Promise((r) => sock.write(bytes, r));
    },
    response() {
      const r = take();
      if (r)
        return Promise.resolve(r);
      return new Promise((res, rej) => {
        waiting = res;
        closed.then(() => {
          if (waiting !== res)
            return;
          const last = take();
          if (last) res(last); else rej(new Error('connection closed without a response'));
        });
      });
    },
    closed,
    end() { sock.end(); },
  };
}

// Assert an error body of the documented shape; resolves it.
export async function assertJsonError(res, status, code) {
  assert.equal(res.status, status);
  assert.match(res.headers.get('content-type'), /^application\/json/);
  const body = await res.json();
  assert.ok(body.error, 'has error');
  assert.deepEqual(Object.keys(body.error).filter((k) => k !== 'detail' && k !== 'reason').sort(),
    ['code', 'field', 'message']);
  if (code)
    assert.equal(body.error.code, code);
  assert.equal(typeof body.error.message, 'string');
  assert.ok(body.error.message.length > 0);
  return body.error;
}

// The JSON body of a response with the expected status (the body is in the
// failure message); resolves the parsed body.
export async function ok(res, status = 200) {
  const text = await res.text();
  assert.equal(res.status, status, text);
  return JSON.parse(text);
}

// Assert an error response naming `field` (422 unless told); resolves the
// error object.
export async function fieldError(res, field, status = 422) {
  const e = await assertJsonError(res, status);
  assert.equal(e.field, field, JSON.stringify(e));
  return e;
}

/*
 * Sign in through POST /api/session as username (the demo account's
 * password unless given) and keep the session cookie. Resolves {username,
 * cookie ("bud_session=..."), setCookie (the whole Set-Cookie line), me
 * (the sign-in response's body), request(method, path, body, headers),
 * get(path, headers), post(path, body, headers), patch(...), del(...)}:
 * each resolves the fetch Response. path may start with '/'; a body that is
 * a string is sent as it is, any other is sent as JSON; a body sets
 * Content-Type application/json (headers may override it).
 */
export async function session(srv, username, password, code) {
  password ??= srv.accounts.find((a) => a.username === username)?.password;
  assert.ok(password !== undefined, `no demo account ${username}`);
  const res = await fetch(srv.url + 'api/session', {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify(code ? { username, password, code } : { username, password }),
  });
  const text = await res.text();
  assert.equal(res.status, 200, `sign in ${username}: ${text}`);
  const me = JSON.parse(text);
  const setCookie = setCookies(res).find((s) => s.startsWith('bud_session='));
  assert.ok(setCookie, `sign in ${username} sets bud_session`);
  const cookie = setCookie.split(';')[0];
  const request = (method, path, body, headers = {}) => fetch(srv.url + path.replace(/^\//, ''), {
    method,
    headers: {
      cookie,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    body: body === undefined || typeof body === 'string' ? body : JSON.stringify(body),
  });
  return {
    username, cookie, setCookie, me, request,
    get: (path, headers) => request('GET', path, undefined, headers),
    post: (path, body, headers) => request('POST', path, body, headers),
    patch: (path, body, headers) => request('PATCH', path, body, headers),
    del: (path, headers) => request('DELETE', path, undefined, headers),
  };
}

// Sign in each of usernames (see session()); resolves {username: session}.
export async function sessions(srv, usernames) {
  const all = {};
  for (const u of usernames)
    all[u] = await session(srv, u);
  return all;
}

/*
 * The RFC 6238 code (HMAC-SHA-1, RFC 4226 dynamic truncation) of a secret
 * given as base32 (spaces allowed) at Unix seconds t (default now), with
 * step seconds and digits digits: what an authenticator app shows.
 */
export function totp(base32, t = Date.now() / 1000, { step = 30, digits = 6 } = {}) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const ch of base32.replace(/[\s=]/g, '').toUpperCase())
    bits += alphabet.indexOf(ch).toString(2).padStart(5, '0');
  const key = Buffer.from(bits.match(/.{8}/g).map((b) => parseInt(b, 2)));
  return hotp(key, Math.floor(t / step), digits);
}

export function hotp(key, counter, digits = 6) {
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(counter));
  const h = createHmac('sha1', key).update(msg).digest();
  const o = h[h.length - 1] & 0xf;
  const n = ((h[o] & 0x7f) << 24) | (h[o + 1] << 16) | (h[o + 2] << 8) | h[o + 3];
  return String(n % 10 ** digits).padStart(digits, '0');
}

/*
 * The one-time links (PATH /password/TOKEN) in the letters the service
 * wrote as .eml files (no SMTP relay: DIR-of-db/mail), with the address
 * each went to: [{to, subject, link, token}], oldest first. Polls until
 * at least `atLeast` are there (the sender writes them on its own thread).
 */
export async function mailedLinks(srv, atLeast = 1) {
  const dir = join(dirname(srv.db), 'mail');
  for (let i = 0; i < 100; i++) {
    let names = [];
    try {
      names = (await readdir(dir)).filter((n) => n.endsWith('.eml')).sort((a, b) => parseInt(a) - parseInt(b));
    } catch { /* not made yet */ }
    const out = [];
    for (const n of names) {
      const raw = await readFile(join(dir, n), 'utf8');
      const [head, body] = raw.split('\r\n\r\n');
      const text = Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
      const m = text.match(/(https?:\/\/\S+\/password\/([A-Za-z0-9_-]+))/);
      if (m)
        out.push({ to: head.match(/^To: (.*)$/m)?.[1] ?? '', head, text, link: m[1], token: m[2] });
    }
    if (out.length >= atLeast)
      return out;
    await sleep(200);
  }
  assert.fail(`fewer than ${atLeast} link letters in ${dir}`);
}
