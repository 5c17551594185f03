// API tests for signing in and out: POST/DELETE /api/session, GET /api/me,
// and the sign-in form's CSRF and throttling as seen over HTTP.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, session, setCookies } from './lib.mjs';

let srv;
before(async () => { srv = await startServer({ demo: true }); });
after(async () => { await srv.stop(); });

const account = (role) => srv.accounts.find((a) => a.role === role);
const cookieOf = (res, name) => {
  const all = setCookies(res);
  const c = all.find((s) => s.startsWith(name + '='));
  return c ? c.split(';')[0].slice(name.length + 1) : undefined;
};
const login = (username, password, headers = {}) =>
  fetch(srv.url + 'api/session', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ username, password }),
  });

test('sign in as every role, read /api/me, sign out', async () => {
  for (const a of srv.accounts) {
    const s = await session(srv, a.username, a.password);	// asserts 200
    assert.equal(s.me.user.role, a.role);
    assert.equal(s.me.user.username, a.username);
    assert.equal(s.me.token, undefined, 'no token in the body');
    assert.match(s.setCookie, /HttpOnly/i);
    assert.match(s.setCookie, /SameSite=(Lax|Strict)/i);
    assert.ok(s.cookie.length - 'bud_session='.length >= 43, 'at least 256 bits of token');

    const me = await s.get('api/me');
    assert.equal(me.status, 200);
    assert.equal((await me.json()).user.role, a.role);

    const out = await s.del('api/session');
    assert.equal(out.status, 204);
    const gone = await s.get('api/me');
    assert.equal(gone.status, 401, 'session ended');
  }
});

test('wrong password and unknown user give the same 401', async () => {
  const w = account('worker');
  const r1 = await login(w.username, 'wrong password 123', { 'accept-language': 'sv' });
  const r2 = await login('no.such.user', 'wrong password 123', { 'accept-language': 'sv' });
  assert.equal(r1.status, 401);
  assert.equal(r2.status, 401);
  const b1 = await r1.json();
  const b2 = await r2.json();
  assert.deepEqual(b1, b2);
  assert.equal(b1.error.code, 'unauthorized');
  assert.ok(b1.error.message.length > 0);
});

test('missing fields are named', async () => {
  const res = await login('x');	// no password in the body
  assert.equal(res.status, 422);
  const body = await res.json();
  assert.equal(body.error.field, 'password');
});

test('/api/me without a session is 401 JSON', async () => {
  const res = await fetch(srv.url + 'api/me');
  assert.equal(res.status, 401);
  assert.equal((await res.json()).error.code, 'unauthorized');
});

test('the sign-in form needs its CSRF token', async () => {
  const w = account('worker');
  const page = await fetch(srv.url + 'login');
  assert.equal(page.status, 200);
  const html = await page.text();
  const token = html.match(/name="csrf" value="([^"]+)"/)[1];
  const pre = cookieOf(page, 'bud_csrf');
  assert.ok(pre, 'pre-session CSRF cookie set');
  const form = (csrf) => new URLSearchParams({ username: w.username, password: w.password, csrf });
  const bad = await fetch(srv.url + 'login', {
    method: 'POST', redirect: 'manual', body: form('forged'),
    headers: { cookie: 'bud_csrf=' + pre, 'content-type': 'application/x-www-form-urlencoded' },
  });
  assert.equal(bad.status, 403);
  const good = await fetch(srv.url + 'login', {
    method: 'POST', redirect: 'manual', body: form(token),
    headers: { cookie: 'bud_csrf=' + pre, 'content-type': 'application/x-www-form-urlencoded' },
  });
  assert.equal(good.status, 303);
  assert.equal(good.headers.get('location'), '/');
  assert.ok(cookieOf(good, 'bud_session'));
});

test('the session cookie ends with the browser: no Max-Age, no Expires', async () => {
  const w = account('worker');
  const s = await session(srv, w.username, w.password);
  assert.doesNotMatch(s.setCookie, /max-age|expires/i, s.setCookie);
  const page = await fetch(srv.url + 'login');
  const token = (await page.text()).match(/name="csrf" value="([^"]+)"/)[1];
  const res = await fetch(srv.url + 'login', {
    method: 'POST', redirect: 'manual',
    body: new URLSearchParams({ username: w.username, password: w.password, csrf: token }),
    headers: { cookie: 'bud_csrf=' + cookieOf(page, 'bud_csrf'),
      'content-type': 'application/x-www-form-urlencoded' },
  });
  assert.equal(res.status, 303);
  const line = setCookies(res).find((c) => c.startsWith('bud_session='));
  assert.doesNotMatch(line, /max-age|expires/i, line);
});

test('DELETE /api/sessions signs the user out everywhere, no one else', async () => {
  const w = account('worker');
  const dm = account('decision_maker');
  const here = await session(srv, w.username, w.password);
  const there = await session(srv, w.username, w.password);
  const other = await session(srv, dm.username, dm.password);
  const res = await here.del('api/sessions');
  assert.equal(res.status, 204);
  assert.match(setCookies(res).find((c) => c.startsWith('bud_session=')), /Max-Age=0/);
  assert.equal((await here.get('api/me')).status, 401);
  assert.equal((await there.get('api/me')).status, 401, 'the other browser too');
  assert.equal((await other.get('api/me')).status, 200, 'another user stays');
  assert.equal((await fetch(srv.url + 'api/sessions', { method: 'DELETE' })).status, 401);
});

test('the pages sign out everywhere with a CSRF-protected button', async () => {
  const w = account('worker');
  const here = await session(srv, w.username, w.password);
  const there = await session(srv, w.username, w.password);
  const html = await (await here.get('/')).text();
  const form = html.match(/<form method="post" action="\/logout\/all">[\s\S]*?<\/form>/);
  assert.ok(form, 'a sign-out-everywhere form on the page');
  assert.match(form[0], /Kirjaudu ulos kaikkialta/, "in the user's language");
  const csrf = form[0].match(/name="csrf" value="([^"]+)"/)[1];
  const post = (token) => fetch(srv.url + 'logout/all', {
    method: 'POST', redirect: 'manual', body: new URLSearchParams({ csrf: token }),
    headers: { cookie: here.cookie, 'content-type': 'application/x-www-form-urlencoded' },
  });
  assert.equal((await post('forged')).status, 403);
  assert.equal((await there.get('api/me')).status, 200, 'a forged form ends nothing');
  const res = await post(csrf);
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), '/login');
  assert.equal((await here.get('api/me')).status, 401);
  assert.equal((await there.get('api/me')).status, 401);
});

// Last: it leaves this address with failures on record.
test('repeated failures are slowed down with 429 and Retry-After', async () => {
  const f = account('finance');
  let throttled;
  for (let i = 0; i < 12 && !throttled; i++) {
    const res = await login(f.username, 'not the password ' + i);
    if (res.status === 429) throttled = res;
    else assert.equal(res.status, 401);
  }
  assert.ok(throttled, 'throttled before 12 failures');
  assert.ok(Number(throttled.headers.get('retry-after')) > 0);
  // even the right password waits its turn
  const res = await login(f.username, f.password);
  assert.equal(res.status, 429);
});
