// Sign-in through OpenID Connect in Chromium, against a real OpenID
// provider (tests/oidc/provider.mjs: npm oidc-provider) on 127.0.0.1 that
// plays Suomi.fi e-Identification for citizens and the county's sign-in
// for staff. The client lands on their own pages in their language (an
// account is made at the first e-identification), the representative sees
// only the person they act for, a worker signs in with the staff
// provider; a lower assurance level, an identity without an account, a
// replayed return and a cancelled identification are each refused with a
// page that says so; the provider's front-channel logout ends the session.
// axe-core on our pages, fi and sv.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer, freePort, BIN } from '../api/lib.mjs';
import { launchBrowser, newContext, assertAxeClean, h1Text, DASH_H1 } from './lib.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const LOA2 = 'http://ftn.ficora.fi/2017/loa2';
const LOA3 = 'http://ftn.ficora.fi/2017/loa3';
const SECRET = { staff: 'staff-secret-for-tests-only' };
const FAILED_H1 = { fi: 'Kirjautuminen ei onnistunut', sv: 'Inloggningen lyckades inte' };
const PERSONS = {
  matti: { nationalIdentificationNumber: '140387-901Y', given_name: 'Matti', family_name: 'Korhonen' },
  elin: { nationalIdentificationNumber: '021195-9422', given_name: 'Elin', family_name: 'Lindholm' },
  liisa: { nationalIdentificationNumber: '150565-991E', given_name: 'Liisa', family_name: 'Virtanen' },
  stranger: { nationalIdentificationNumber: '120380-991S', given_name: 'Outi', family_name: 'Ulkopuolinen' },
  'maria.nieminen': { preferred_username: 'maria.nieminen' },
};

let srv, op, opDir, browser, issuer;

// Start the test provider; resolves once it prints "ready".
function startProvider(config) {
  return new Promise((res, rej) => {
    const p = spawn(process.execPath, [join(here, '..', 'oidc', 'provider.mjs'), config],
      { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '', err = '';
    const timer = setTimeout(() => { p.kill('SIGKILL'); rej(new Error(`provider: ${err}`)); }, 15000);
    p.stdout.on('data', (d) => {
      out += d;
      if (out.includes('ready ')) { clearTimeout(timer); res(p); }
    });
    p.stderr.on('data', (d) => { err += d; });
    p.on('exit', (c) => { clearTimeout(timer); rej(new Error(`provider exited ${c}: ${err}`)); });
  });
}

// The citizens' side as Suomi.fi has it: our own key set (budjetti oidc
// keygen), private_key_jwt at the token endpoint and ID tokens encrypted
// to us; the staff's side with a client secret.
before(async () => {
  const opPort = await freePort();
  issuer = `http://127.0.0.1:${opPort}`;
  opDir = await mkdtemp(join(tmpdir(), 'budjetti-op-'));
  const keys = join(opDir, 'keys.json');
  await writeFile(keys, execFileSync(BIN, ['oidc', 'keygen', '--bits', '2048']), { mode: 0o600 });
  delete process.env.BUD_OIDC_CITIZEN_SECRET;
  process.env.BUD_OIDC_STAFF_SECRET = SECRET.staff;
  srv = await startServer({ demo: true, args: ['--oidc-keys', keys,
    '--oidc-citizen-issuer', issuer, '--oidc-citizen-client', 'budjetti-citizen',
    '--oidc-citizen-acr', LOA3,
    '--oidc-staff-issuer', issuer, '--oidc-staff-client', 'budjetti-staff'] });
  const jwks = await (await fetch(`${srv.url}oidc/jwks.json`)).json();
  assert.deepEqual(jwks.keys.map((k) => k.use), ['sig', 'enc']);
  assert.ok(jwks.keys.every((k) => !k.d && !k.p), 'only the public halves are published');
  const callback = `${srv.url}login/oidc/callback`;
  const config = join(opDir, 'op.json');
  await writeFile(config, JSON.stringify({ port: opPort, persons: PERSONS, clients: [
    { client_id: 'budjetti-citizen', jwks, redirect_uris: [callback] },
    { client_id: 'budjetti-staff', client_secret: SECRET.staff, redirect_uris: [callback] }] }));
  op = await startProvider(config);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  op?.kill('SIGTERM');
  await srv?.stop();
  if (opDir)
    await rm(opDir, { recursive: true, force: true });
});

// From our sign-in page through the provider's, as person at level acr;
// resolves the page where the browser lands back with us.
async function identify(page, { audience = 'citizen', person, acr = LOA3, lang = 'fi' }) {
  await page.goto(`${srv.url}login`);
  if (lang !== 'fi')
    await page.locator(`form[action="/lang"] button[value="${lang}"]`).click();
  await page.click(`#oidc-${audience}`);
  await page.waitForURL((u) => u.href.startsWith(issuer));
  await page.check(`input[name="login"][value="${person}"]`);
  await page.selectOption('#acr', acr);
  const [resp] = await Promise.all([
    page.waitForResponse((r) => r.url().startsWith(`${srv.url}login/oidc/callback`)),
    page.click('#identify'),
  ]);
  await page.waitForLoadState();
  return resp;
}

test('the sign-in page offers e-identification and the staff sign-in; axe clean, fi and sv', async () => {
  const ctx = await newContext(browser);
  const page = await ctx.newPage();
  await page.goto(`${srv.url}login`);
  assert.match(await page.locator('#oidc-citizen').innerText(), /Tunnistaudu/);
  assert.ok(await page.locator('#oidc-staff').isVisible());
  await assertAxeClean(page, 'login with OpenID Connect, fi');
  await page.locator('form[action="/lang"] button[value="sv"]').click();
  assert.match(await page.locator('#oidc-citizen').innerText(), /Identifiera dig/);
  await assertAxeClean(page, 'login with OpenID Connect, sv');
  await ctx.close();
});

test('a client signs in by e-identification and lands on their own pages', async () => {
  const ctx = await newContext(browser);
  const page = await ctx.newPage();
  const resp = await identify(page, { person: 'matti' });
  assert.equal(resp.status(), 303);
  assert.equal(await h1Text(page), DASH_H1.client.fi);
  assert.match(await page.locator('body').innerText(), /Matti Korhonen/);
  await assertAxeClean(page, 'client dashboard after e-identification');
  await ctx.close();
});

test('a Swedish-speaking client with no account yet gets one and Swedish pages', async () => {
  const ctx = await newContext(browser);
  const page = await ctx.newPage();
  await identify(page, { person: 'elin' });
  assert.equal(await h1Text(page), DASH_H1.client.sv);
  assert.equal(await page.locator('html').getAttribute('lang'), 'sv');
  await assertAxeClean(page, 'new client account, sv');
  await ctx.close();
});

test('a representative sees only the person they act for', async () => {
  const ctx = await newContext(browser);
  const page = await ctx.newPage();
  await identify(page, { person: 'liisa' });
  assert.equal(await h1Text(page), DASH_H1.representative.fi);
  const text = await page.locator('main').innerText();
  assert.match(text, /Aleksi Virtanen/);
  assert.doesNotMatch(text, /Matti Korhonen|Elin Lindholm|Sanna Heikkinen/);
  await ctx.close();
});

test('a worker signs in through the staff provider', async () => {
  const ctx = await newContext(browser);
  const page = await ctx.newPage();
  await identify(page, { audience: 'staff', person: 'maria.nieminen' });
  assert.equal(await h1Text(page), DASH_H1.worker.fi);
  await ctx.close();
});

test('refusals: a lower assurance level, no account, a replayed return, a cancel', async () => {
  // each identification in a browser of its own: the provider remembers
  // whom it identified
  const tryAs = async (opts) => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    return { ctx, page, resp: await identify(page, opts) };
  };
  let t = await tryAs({ person: 'matti', acr: LOA2 });
  assert.equal(t.resp.status(), 401);
  assert.equal(await h1Text(t.page), FAILED_H1.fi);
  assert.match(await t.page.locator('#oidc-error').innerText(), /riittävän vahva/);
  await assertAxeClean(t.page, 'sign-in refused, fi');
  await t.ctx.close();

  t = await tryAs({ person: 'stranger' });
  assert.equal(t.resp.status(), 403);
  assert.match(await t.page.locator('#oidc-error').innerText(), /ei löytynyt tiliä/);
  await t.ctx.close();

  // the same return twice: the second is refused, nothing signed in
  t = await tryAs({ person: 'matti' });
  assert.equal(t.resp.status(), 303);
  const fresh = await newContext(browser);
  const other = await fresh.newPage();
  const resp = await other.goto(t.resp.url());
  assert.equal(resp.status(), 401);
  assert.match(await other.locator('#oidc-error').innerText(), /jo käytetty/);
  await fresh.close();
  await t.ctx.close();

  // cancelled at the provider, in Swedish
  const sv = await newContext(browser, { locale: 'sv-SE' });
  const p2 = await sv.newPage();
  await p2.goto(`${srv.url}login`);
  await p2.locator('form[action="/lang"] button[value="sv"]').click();
  await p2.click('#oidc-citizen');
  await p2.waitForURL((u) => u.href.startsWith(issuer));
  await Promise.all([p2.waitForURL((u) => u.href.startsWith(srv.url)), p2.click('#cancel')]);
  assert.equal(await h1Text(p2), FAILED_H1.sv);
  await assertAxeClean(p2, 'sign-in cancelled, sv');
  await sv.close();
});

test('front-channel logout from the provider ends the session', async () => {
  const ctx = await newContext(browser);
  const page = await ctx.newPage();
  await identify(page, { person: 'matti' });
  assert.equal(await h1Text(page), DASH_H1.client.fi);
  const sid = execFileSync('sqlite3', [srv.db, "SELECT sid FROM oidc_session o JOIN session s ON s.id = o.session_id JOIN user u ON u.id = s.user_id WHERE u.username = 'matti.korhonen' ORDER BY o.session_id DESC LIMIT 1"]).toString().trim();
  assert.notEqual(sid, '', 'the provider sent a session id');
  const res = await fetch(`${srv.url}logout/oidc?iss=${encodeURIComponent(issuer)}&sid=${encodeURIComponent(sid)}`);
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-security-policy'), new RegExp(`frame-ancestors ${issuer}`));
  assert.equal(res.headers.get('x-frame-options'), null);
  const again = await page.goto(srv.url);
  assert.match(again.url(), /\/login/);
  const bad = await fetch(`${srv.url}logout/oidc?iss=${encodeURIComponent('https://evil.test')}&sid=x`);
  assert.equal(bad.status, 404);
  await ctx.close();
});
