// API tests of the HTTP layer (src/http/): security headers, JSON errors
// and their language, 404/405/413/414/415/400, the OpenAPI document,
// keep-alive, and a graceful stop that finishes a request in flight.
// Write requests go to POST /api/session, the public API write route.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, rawConnection, assertJsonError, SECURITY_HEADERS,
  MAX_BODY, MAX_JSON_DEPTH, MAX_URL,
} from './lib.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { await srv.stop(); });

const post = (path, body, type = 'application/json', headers = {}) =>
  fetch(srv.url + path, {
    method: 'POST', body, headers: { 'content-type': type, ...headers },
  });

function assertSecurityHeaders(res) {
  for (const [k, v] of Object.entries(SECURITY_HEADERS))
    assert.equal(res.headers.get(k), v, k);
  assert.match(res.headers.get('content-language'), /^(fi|sv|en)$/);
}

test('GET /healthz is 200 JSON with the schema version and every security header', async () => {
  const res = await fetch(srv.url + 'healthz');
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /^application\/json/);
  assertSecurityHeaders(res);
  assert.equal(res.headers.get('content-language'), 'fi');
  const body = await res.json();
  assert.equal(body.status, 'ok');
  assert.ok(Number.isInteger(body.schema) && body.schema >= 1);
});

test('HEAD /healthz answers like GET without a body', async () => {
  const res = await fetch(srv.url + 'healthz', { method: 'HEAD' });
  assert.equal(res.status, 200);
  assert.equal(await res.text(), '');
  assert.ok(Number(res.headers.get('content-length')) > 0);
});

test('an unknown /api path is a JSON 404 with the error shape', async () => {
  const res = await fetch(srv.url + 'api/no/such/thing');
  const err = await assertJsonError(res, 404, 'not_found');
  assert.equal(err.field, null);
  assertSecurityHeaders(res);
});

test('an unknown page is an accessible HTML 404', async () => {
  const res = await fetch(srv.url + 'no-such-page');
  assert.equal(res.status, 404);
  assert.match(res.headers.get('content-type'), /^text\/html/);
  assertSecurityHeaders(res);
  const html = await res.text();
  assert.match(html, /<html lang="fi">/);
  assert.match(html, /<title>[^<]+ – budjetti<\/title>/);
  assert.match(html, /<a class="skip-link" href="#main">Siirry sisältöön<\/a>/);
  assert.match(html, /<main id="main">/);
  assert.equal(html.match(/<h1>/g).length, 1);
  assert.match(html, /<link rel="stylesheet" href="\/static\/style.css">/);
  assert.match(html, /<a href="\/">/);
});

test('a known path with another method is 405 with Allow', async () => {
  const res = await post('healthz', '{}');
  await assertJsonError(res, 405, 'method_not_allowed');
  assert.equal(res.headers.get('allow'), 'GET, HEAD');
});

// Sent on a raw connection, headers and body in one go (Debian 12's node 18
// fetch, undici 5.15, reports its failed write instead of an early answer):
// the service reads the body and throws it away, then answers 413. An answer
// sent as soon as the headers were read, with the connection closed over
// the unread body, was reset and sometimes lost before the client read it.
test('a body over the limit is 413 JSON', async () => {
  const c = rawConnection(srv.port);
  const body = 'x'.repeat(MAX_BODY + 1);
  await c.send(`POST /api/session HTTP/1.1\r\nHost: 127.0.0.1\r\n` +
    `Content-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`);
  const res = await c.response();
  assert.equal(res.status, 413);
  assert.match(res.headers['content-type'], /^application\/json/);
  assert.deepEqual(Object.keys(res.json().error).sort(), ['code', 'field', 'message']);
  assert.equal(res.json().error.code, 'too_large');
  c.end();
});

// A client that waits to be told (Expect: 100-continue) is refused before
// it sends the body.
test('a Content-Length over the limit is refused before the body is sent', async () => {
  const c = rawConnection(srv.port);
  await c.send(`POST /api/session HTTP/1.1\r\nHost: 127.0.0.1\r\n` +
    `Content-Type: application/json\r\nExpect: 100-continue\r\n` +
    `Content-Length: ${MAX_BODY + 1}\r\n\r\n`);
  const res = await c.response();
  assert.equal(res.status, 413);
  assert.equal(res.json().error.code, 'too_large');
  assert.equal(res.headers['cache-control'], 'no-store');
  c.end();
});

test('a chunked body that grows over the limit is 413 JSON', async () => {
  const c = rawConnection(srv.port);
  await c.send('POST /api/session HTTP/1.1\r\nHost: 127.0.0.1\r\n' +
    'Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n');
  const chunk = 'y'.repeat(64 * 1024);
  for (let sent = 0; sent <= MAX_BODY; sent += chunk.length)
    await c.send(chunk.length.toString(16) + '\r\n' + chunk + '\r\n');
  await c.send('0\r\n\r\n');
  const res = await c.response();
  assert.equal(res.status, 413);
  assert.equal(res.json().error.code, 'too_large');
  c.end();
});

test('malformed JSON is 400 naming the problem', async () => {
  const res = await post('api/session', '{"username": "x", "password": ');
  const err = await assertJsonError(res, 400, 'bad_request');
  assert.match(err.message, /JSON/);
  assert.match(err.detail, /line 1/);
});

test('JSON nested deeper than the limit is 400', async () => {
  const deep = '['.repeat(MAX_JSON_DEPTH + 1) + ']'.repeat(MAX_JSON_DEPTH + 1);
  const res = await post('api/session', `{"username": ${deep}}`);
  const err = await assertJsonError(res, 400, 'bad_request');
  assert.match(err.message, /JSON/);
});

test('a JSON body that is not an object is 400', async () => {
  await assertJsonError(await post('api/session', '[1, 2]'), 400, 'bad_request');
});

test('an API write that is not application/json is 415', async () => {
  const form = await post('api/session', 'username=a&password=b',
    'application/x-www-form-urlencoded');
  await assertJsonError(form, 415, 'unsupported_media_type');
  const text = await post('api/session', '{"username":"a"}', 'text/plain');
  await assertJsonError(text, 415, 'unsupported_media_type');
  const none = await fetch(srv.url + 'api/session', { method: 'POST', body: new Uint8Array([123, 125]) });
  await assertJsonError(none, 415, 'unsupported_media_type');
});

test('Accept-Language: sv gives the error in Swedish', async () => {
  const res = await fetch(srv.url + 'api/nothing-here', { headers: { 'accept-language': 'sv-FI,sv;q=0.9' } });
  const err = await assertJsonError(res, 404);
  assert.equal(err.message, 'Sidan hittades inte. Kontrollera adressen.');
  assert.equal(res.headers.get('content-language'), 'sv');
  const en = await fetch(srv.url + 'api/nothing-here', { headers: { 'accept-language': 'en' } });
  assert.equal((await en.json()).error.message, 'The page was not found. Check the address.');
});

test('the lang cookie wins over Accept-Language', async () => {
  const res = await fetch(srv.url + 'api/nothing-here',
    { headers: { 'accept-language': 'sv', cookie: 'lang=en' } });
  assert.equal(res.headers.get('content-language'), 'en');
  assert.equal((await res.json()).error.message, 'The page was not found. Check the address.');
});

test('a request target over the limit is 414', async () => {
  const res = await fetch(srv.url + 'api/x?q=' + 'a'.repeat(MAX_URL));
  await assertJsonError(res, 414, 'too_large');
});

test('bad escapes and invalid UTF-8 in the URL are 400', async () => {
  await assertJsonError(await fetch(srv.url + 'api/%zz'), 400, 'bad_request');
  await assertJsonError(await fetch(srv.url + 'healthz?x=%ff'), 400, 'bad_request');
  await assertJsonError(await fetch(srv.url + 'api/a%00b'), 400, 'bad_request');
});

test('/api/openapi.json is an OpenAPI 3.1 document', async () => {
  const res = await fetch(srv.url + 'api/openapi.json');
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /^application\/json/);
  const doc = await res.json();
  assert.match(doc.openapi, /^3\.1\.\d+$/);
  assert.ok(doc.paths['/healthz'].get);
  assert.ok(doc.paths['/api/openapi.json'].get);
  assert.ok(doc.components.schemas.Error);
});

// Framing a proxy in front could read otherwise (request smuggling): 400
// with the JSON error shape and the security headers, connection closed.
test('ambiguous framing and a missing or repeated Host are refused', async () => {
  const post = 'POST /api/session HTTP/1.1\r\nContent-Type: application/json\r\n';
  const cases = {
    'Content-Length and Transfer-Encoding': post + 'Host: 127.0.0.1\r\nContent-Length: 4\r\n' +
      'Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
    'Transfer-Encoding and Content-Length': post + 'Host: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n' +
      'Content-Length: 4\r\n\r\n0\r\n\r\n',
    'two different Content-Lengths': post + 'Host: 127.0.0.1\r\nContent-Length: 2\r\n' +
      'Content-Length: 5\r\n\r\n{}',
    'an unknown transfer coding': post + 'Host: 127.0.0.1\r\nTransfer-Encoding: gzip, chunked\r\n\r\n',
    'no Host': post + 'Content-Length: 2\r\n\r\n{}',
    'two Hosts': post + 'Host: a\r\nHost: b\r\nContent-Length: 2\r\n\r\n{}',
    'no Host on /healthz': 'GET /healthz HTTP/1.1\r\n\r\n',
  };
  for (const [name, bytes] of Object.entries(cases)) {
    const c = rawConnection(srv.port);
    await c.send(bytes);
    const res = await c.response();
    assert.equal(res.status, 400, name);
    assert.equal(res.json().error.code, 'bad_request', name);
    assert.match(res.headers['content-type'], /^application\/json/, name);
    for (const [k, v] of Object.entries(SECURITY_HEADERS))
      assert.equal(res.headers[k], v, `${name}: ${k}`);
    assert.equal(res.headers.connection, 'close', name);
    await c.closed;
  }
});

test('header lines over our limit are 431 JSON, not libmicrohttpd\'s page', async () => {
  const c = rawConnection(srv.port);
  await c.send('GET /api/me HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ' + 'a'.repeat(13 * 1024) + '\r\n\r\n');
  const res = await c.response();
  assert.equal(res.status, 431);
  assert.equal(res.json().error.code, 'too_large');
  assert.equal(res.headers['cache-control'], 'no-store');
  c.end();
});

test('keep-alive: two requests on one connection', async () => {
  const c = rawConnection(srv.port);
  const req = 'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n';
  await c.send(req);
  const a = await c.response();
  assert.equal(a.status, 200);
  assert.notEqual((a.headers.connection || '').toLowerCase(), 'close');
  await c.send(req);
  const b = await c.response();
  assert.equal(b.status, 200);
  assert.equal(b.json().status, 'ok');
  c.end();
});

test('SIGTERM lets a request in flight finish, then exits 0', async () => {
  const own = await startServer();
  const c = rawConnection(own.port);
  const body = JSON.stringify({ username: 'nobody.here', password: 'not the password 1' });
  const half = Math.floor(body.length / 2);
  // Expect: 100-continue makes the server say when it has the headers, so
  // the request is surely in flight before the signal.
  await c.send(`POST /api/session HTTP/1.1\r\nHost: 127.0.0.1\r\n` +
    `Content-Type: application/json\r\nContent-Length: ${body.length}\r\n` +
    `Expect: 100-continue\r\n\r\n`);
  const cont = await c.response();
  assert.equal(cont.status, 100);
  await c.send(body.slice(0, half));
  process.kill(own.pid, 'SIGTERM');
  await c.send(body.slice(half));
  const res = await c.response();
  assert.equal(res.status, 401);
  assert.equal(res.json().error.code, 'unauthorized');
  assert.equal(await own.exited, 0);
  await own.stop();
});
