// Requests that write never hold a server thread (http/workers.h): with
// one server thread, sign-ins (argon2id, slow on purpose) run on the
// worker threads while the server thread goes on answering. Four
// sign-ins are sent first; a health check sent after them is answered
// before most of them. With the sign-ins on the one server thread (as
// before the workers) it would wait behind them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './lib.mjs';

let srv;

before(async () => {
  srv = await startServer({ demo: true, args: ['--threads', '1'] });
});
after(async () => { await srv.stop(); });

test('a health check is answered while sign-ins wait for argon2id', async () => {
  const order = [];
  const worker = srv.account('worker');
  const logins = [0, 1, 2, 3].map(async (i) => {
    const res = await fetch(srv.url + 'api/session', {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: worker.username, password: worker.password }),
    });
    await res.text();
    order.push(`login${i}:${res.status}`);
  });
  await new Promise((r) => setTimeout(r, 30));	// the sign-ins are in
  const health = (async () => {
    const res = await fetch(srv.url + 'healthz');
    await res.text();
    order.push(`health:${res.status}`);
  })();
  await Promise.all([...logins, health]);
  assert.ok(order.every((o) => o.endsWith(':200')), order.join(' '));
  assert.ok(order.indexOf('health:200') <= 1,
    `the health check waited behind the sign-ins: ${order.join(' ')}`);
});
