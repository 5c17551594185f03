// OpenID Connect around the browser flow (tests/browser/oidc.test.mjs
// signs in through a real provider): password sign-in turned off for an
// audience, the sign-in's routes refusing what they do not know, a
// front-channel logout without its session id, and a service without any
// provider offering none. No provider runs here: nothing is fetched.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, run } from './lib.mjs';

let srv, plain;

before(async () => {
  process.env.BUD_OIDC_CITIZEN_SECRET = 'not-used-here';
  srv = await startServer({ demo: true, args: [
    '--oidc-citizen-issuer', 'http://127.0.0.1:9/', '--oidc-citizen-client', 'budjetti',
    '--password-off', 'citizen'] });
  plain = await startServer({ demo: true });
});

after(async () => {
  await srv?.stop();
  await plain?.stop();
});

const signIn = (s, username) => fetch(s.url + 'api/session', {
  method: 'POST', headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ username, password: s.accounts.find((a) => a.username === username).password }),
});

test('password sign-in off for citizens: the client is told to use e-identification, staff still sign in', async () => {
  const res = await signIn(srv, 'matti.korhonen');
  assert.equal(res.status, 401);
  const body = await res.json();
  assert.match(body.error.message, /sähköisellä tunnistuksella|electronic identification/);
  assert.equal((await signIn(srv, 'maria.nieminen')).status, 200);
  assert.equal((await signIn(plain, 'matti.korhonen')).status, 200);
});

test('the sign-in page offers only what is configured', async () => {
  const page = await (await fetch(srv.url + 'login')).text();
  assert.match(page, /id="oidc-citizen"/);
  assert.doesNotMatch(page, /id="oidc-staff"/);
  const none = await (await fetch(plain.url + 'login')).text();
  assert.doesNotMatch(none, /oidc-/);
});

test('the sign-in routes refuse what they do not know', async () => {
  let res = await fetch(srv.url + 'login/oidc/staff', { redirect: 'manual' });
  assert.equal(res.status, 404);
  res = await fetch(plain.url + 'login/oidc/citizen', { redirect: 'manual' });
  assert.equal(res.status, 404);
  res = await fetch(srv.url + 'login/oidc/callback?state=made-up&code=x', { redirect: 'manual' });
  assert.equal(res.status, 401);
  assert.match(await res.text(), /Aloita kirjautuminen alusta/);
  res = await fetch(srv.url + 'login/oidc/callback', { redirect: 'manual' });
  assert.equal(res.status, 401);
  // the provider cannot be reached: said so, not a 500
  res = await fetch(srv.url + 'login/oidc/citizen', { redirect: 'manual' });
  assert.equal(res.status, 502);
  assert.match(await res.text(), /Tunnistuspalveluun ei saatu yhteyttä/);
});

test('front-channel logout needs our issuer and a session id', async () => {
  let res = await fetch(srv.url + 'logout/oidc?iss=' + encodeURIComponent('http://127.0.0.1:9') + '&sid=');
  assert.equal(res.status, 422);
  res = await fetch(srv.url + 'logout/oidc?iss=' + encodeURIComponent('https://elsewhere.test') + '&sid=abc');
  assert.equal(res.status, 404);
  res = await fetch(srv.url + 'logout/oidc?iss=' + encodeURIComponent('http://127.0.0.1:9') + '&sid=nobody');
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-security-policy'), /frame-ancestors http:\/\/127\.0\.0\.1:9;/);
});

test('the key set: readable by others refused, none published when there is none', async () => {
  const res = await fetch(plain.url + 'oidc/jwks.json');
  assert.equal(res.status, 404);
  const dir = await mkdtemp(join(tmpdir(), 'budjetti-keys-'));
  try {
    const gen = await run(['oidc', 'keygen', '--bits', '2048']);
    assert.equal(gen.code, 0, gen.stderr);
    const keys = join(dir, 'keys.json');
    await writeFile(keys, gen.stdout, { mode: 0o644 });
    await chmod(keys, 0o644);
    assert.equal((await run(['migrate', '--db', join(dir, 'k.db')])).code, 0);
    const r = await run(['serve', '--db', join(dir, 'k.db'), '--port', '9', '--oidc-keys', keys,
      '--oidc-citizen-issuer', 'http://127.0.0.1:9', '--oidc-citizen-client', 'x']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /others may read it \(chmod 600\)/);
    assert.equal((await run(['oidc', 'keygen', '--bits', '1024'])).code, 2);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
