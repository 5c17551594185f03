// Sign-in throttling per address behind a trusted reverse proxy (serve
// --trusted-proxy): the address the proxy forwards is counted, not the
// proxy's own, and one address's failures do not slow down the others.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, LOGIN_ADDR_SLOW_AFTER, LOGIN_SLOW_AFTER } from './lib.mjs';

let srv;
before(async () => {
  srv = await startServer({ demo: true, args: ['--trusted-proxy', '10.9.9.9,127.0.0.1'] });
});
after(async () => { await srv.stop(); });

const login = (username, password, forwardedFor) =>
  fetch(srv.url + 'api/session', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor },
    body: JSON.stringify({ username, password }),
  });

test('one account\'s failures do not keep other users out', async () => {
  const f = srv.account('finance');
  const w = srv.account('worker');
  for (let i = 0; i <= LOGIN_SLOW_AFTER; i++)
    await login(f.username, 'not the password ' + i, '198.51.100.1');
  assert.equal((await login(f.username, f.password, '198.51.100.1')).status, 429,
    'the account itself is slowed down');
  assert.equal((await login(w.username, w.password, '198.51.100.1')).status, 200,
    'another user from the same address signs in');
});

test('failures are counted per forwarded address', async () => {
  const w = srv.account('worker');
  const dm = srv.account('decision_maker');
  for (let i = 0; i < LOGIN_ADDR_SLOW_AFTER; i++) {
    const res = await login('guess' + i, 'not the password', '203.0.113.7');
    assert.equal(res.status, 401);
  }
  const slowed = await login(w.username, w.password, '203.0.113.7');
  assert.equal(slowed.status, 429, 'the guessing address is slowed down');
  assert.ok(Number(slowed.headers.get('retry-after')) > 0);
  // a client cannot step out by writing its own X-Forwarded-For: the
  // proxy's (right-most) entry counts
  assert.equal((await login(w.username, w.password, '192.0.2.1, 203.0.113.7')).status, 429);
  // everyone else behind the same proxy signs in
  assert.equal((await login(w.username, w.password, '203.0.113.8')).status, 200);
  assert.equal((await login(dm.username, dm.password, '10.9.9.9, 203.0.113.9, 10.9.9.9')).status, 200);
});
