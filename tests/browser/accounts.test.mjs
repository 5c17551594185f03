// Browser tests of accounts (issue 12): the administrator creates a staff
// user on /users, who sets the password through the link of the letter
// (the .eml the service writes) and signs in; the decision maker enrols a
// second factor on /account (QR code as SVG with a title, the key as
// text, a wrong code first, then the recovery codes), signs in with the
// password and a code (/login/code), and approves a plan with a fresh
// code. Codes are computed here per RFC 6238 (HMAC-SHA-1). axe-core is
// clean on every page, in Finnish and Swedish.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  useService, submit, assertAxeClean, switchLanguage, h1Text, htmlLang, newContext, signIn,
  signOut, PASSWORD,
} from './lib.mjs';
import { session, totp, mailedLinks, sleep } from '../api/lib.mjs';

const CLIENT = 2;		// Elin Lindholm
let planId;

// A plan of Elin's waiting for the decision maker (through the API).
const env = useService(async ({ srv }) => {
  const maria = await session(srv, 'maria.nieminen');
  const post = async (path, body) => {
    const res = await maria.post(path, body);
    const text = await res.text();
    assert.ok(res.status < 300, `POST ${path}: ${res.status} ${text}`);
    return JSON.parse(text || 'null');
  };
  await post(`api/clients/${CLIENT}/offer`, { offered_on: '2026-11-20',
    services: ['personal_assistance'], note: '' });
  await post(`api/clients/${CLIENT}/offer/answer`, { answer: 'all' });
  const p = await post(`api/clients/${CLIENT}/plans`, { label: 'A', valid_from: '2027-01-01',
    valid_to: '2027-12-31', review_date: '2027-10-01', client_fee: 0, reasoning: 'Tarve arvioitu.' });
  planId = p.id;
  await post(`api/plans/${planId}/lines`, { service: 'personal_assistance', quantity: 10 });
  await post(`api/plans/${planId}/propose`, {});
});
const { visit, signedIn } = env;

test('admin creates a user, who sets the password through the mailed link (fi, sv)', async () => {
  const { ctx, page } = await signedIn('admin');
  assert.equal(await page.locator('#dash-users').count(), 1, 'the home page links the users');
  await submit(page, '#dash-users');
  assert.equal(await h1Text(page), 'Käyttäjät');
  assert.ok(await page.locator('#users tbody tr').count() >= 4);
  await assertAxeClean(page, '/users (fi)');

  await page.fill('#u-username', 'ulla.uusi');
  await page.fill('#u-name', 'Ulla Uusi');
  await page.selectOption('#u-role', 'decision_maker');
  await page.selectOption('#u-lang', 'sv');
  await submit(page, '#user-create', 422);	// no e-mail: the link has nowhere to go
  const summary = page.locator('.error-summary[role="alert"]');
  assert.equal(await summary.locator('a[href="#u-email"]').count(), 1);
  assert.equal(await page.locator('#u-email').getAttribute('aria-invalid'), 'true');
  assert.equal(await page.inputValue('#u-username'), 'ulla.uusi', 'typed values kept');
  await assertAxeClean(page, '/users (fi, refused)');
  await page.fill('#u-email', 'ulla@example.fi');
  await submit(page, '#user-create', 200);
  assert.equal(await page.locator('#users-notice').count(), 1);
  const row = page.locator('#users tbody tr', { hasText: 'ulla.uusi' });
  assert.match(await row.innerText(), /Ulla Uusi\s+Päätöksentekijä/i);

  await switchLanguage(page, 'sv');
  assert.equal(await h1Text(page), 'Användare');
  await assertAxeClean(page, '/users (sv)');
  await submit(page, '#users a:text("ulla.uusi")');
  assert.equal(await htmlLang(page), 'sv');
  await assertAxeClean(page, '/users/{id} (sv)');
  await switchLanguage(page, 'fi');
  await assertAxeClean(page, '/users/{id} (fi)');

  // the letter, in her language (Swedish), and its link
  const letter = (await mailedLinks(env.srv)).find((l) => l.to.includes('ulla@example.fi'));
  assert.ok(letter, 'a letter to ulla@example.fi');
  assert.match(letter.text, /Hej Ulla Uusi,/);
  const uctx = await newContext(env.browser, { locale: 'sv-SE' });
  const up = await uctx.newPage();
  await up.goto(letter.link);
  assert.equal(await htmlLang(up), 'sv');
  assert.equal(await h1Text(up), 'Välj lösenord');
  assert.equal(await up.locator('#setpw-username').innerText(), 'ulla.uusi');
  await assertAxeClean(up, 'set-password page (sv)');
  await up.fill('#setpw-password', 'Ullas-eget-losen-42');
  await up.fill('#setpw-password2', 'Ullas-annat-losen-42');
  await submit(up, '#setpw-submit', 422);
  assert.equal(await up.locator('#setpw-password2').getAttribute('aria-invalid'), 'true');
  await assertAxeClean(up, 'set-password page (sv, refused)');
  await up.fill('#setpw-password', 'Ullas-eget-losen-42');
  await up.fill('#setpw-password2', 'Ullas-eget-losen-42');
  await submit(up, '#setpw-submit', 200);
  assert.equal(await up.locator('#setpw-done').count(), 1);
  await assertAxeClean(up, 'password set (sv)');
  await up.goto(letter.link);		// used once
  assert.equal(await up.locator('#link-invalid').count(), 1);
  await assertAxeClean(up, 'used link (sv)');
  await submit(up, '#main a[href="/login"], main a[href="/login"]');
  await up.fill('#username', 'ulla.uusi');
  await up.fill('#password', 'Ullas-eget-losen-42');
  await submit(up, '#login-submit', 200);
  assert.equal(new URL(up.url()).pathname, '/');
  await uctx.close();

  // a Finnish reader of a used link
  const fctx = await newContext(env.browser);
  const fp = await fctx.newPage();
  await fp.goto(letter.link);
  assert.equal(await h1Text(fp), 'Linkki ei toimi');
  await assertAxeClean(fp, 'used link (fi)');
  await fctx.close();
  await ctx.close();
});

// The code of the step after `last` (waiting for the clock when that
// step is not yet within the service's window of one step).
async function nextCode(secret, last) {
  let step = Math.max(last + 1, Math.floor(Date.now() / 30000));
  while (step > Math.floor(Date.now() / 30000) + 1)
    await sleep(500);
  return { step, code: totp(secret, step * 30) };
}

test('the decision maker enrols TOTP, signs in with password and code, approves with a fresh code', async () => {
  const { ctx, page } = await signedIn('johanna.ek');
  await submit(page, 'nav a[href="/account"]');
  assert.equal(await h1Text(page), 'Oma tili');
  await assertAxeClean(page, '/account (fi)');
  await submit(page, '#totp-start');
  const svg = page.locator('#totp-qr svg');
  assert.equal(await svg.getAttribute('role'), 'img');
  assert.equal(await svg.locator('title').textContent(), 'QR-koodi todennussovellukselle');
  const secret = await page.locator('#totp-secret').innerText();
  assert.match(secret, /^([A-Z2-7]{4} )+[A-Z2-7]{4}$/);
  await assertAxeClean(page, '/account, QR code (fi)');
  await switchLanguage(page, 'sv');
  assert.equal(await svg.locator('title').textContent(), 'QR-kod för autentiseringsappen');
  await assertAxeClean(page, '/account, QR code (sv)');
  await switchLanguage(page, 'fi');

  await page.fill('#totp-code', '000000');
  await submit(page, '#totp-confirm', 401);
  assert.equal(await page.locator('#totp-code').getAttribute('aria-invalid'), 'true');
  await assertAxeClean(page, '/account, wrong code');
  let last = Math.floor(Date.now() / 30000);
  await page.fill('#totp-code', totp(secret, last * 30));
  await submit(page, '#totp-confirm', 200);
  assert.equal(await page.locator('#recovery-codes li').count(), 10);
  await assertAxeClean(page, '/account, recovery codes');
  await visit(page, '/account');
  assert.equal(await page.locator('#recovery-codes').count(), 0, 'shown once');
  assert.match(await page.locator('#totp-state').innerText(), /käytössä/);
  await signOut(page);
  await ctx.close();

  // sign in again (in Swedish): password, then the code
  const sctx = await newContext(env.browser, { locale: 'sv-SE' });
  const sp = await sctx.newPage();
  await signIn(sp, env.srv.url, 'johanna.ek', PASSWORD);
  assert.equal(new URL(sp.url()).pathname, '/login/code');
  assert.equal(await h1Text(sp), 'Ange koden');
  await assertAxeClean(sp, '/login/code (sv)');
  await visit(sp, '/account', 200);
  assert.equal(new URL(sp.url()).pathname, '/login', 'not signed in before the code');
  await sp.goBack();
  await sp.goto(env.srv.url + 'login/code');
  await sp.fill('#code', totp(secret, last * 30));	// the enrolment's: used
  await submit(sp, '#code-submit', 401);
  assert.equal(await sp.locator('#code').getAttribute('aria-invalid'), 'true');
  await assertAxeClean(sp, '/login/code (sv, refused)');
  let n = await nextCode(secret, last);
  last = n.step;
  await sp.fill('#code', n.code);
  await submit(sp, '#code-submit', 200);
  assert.equal(new URL(sp.url()).pathname, '/');
  await switchLanguage(sp, 'fi');
  await assertAxeClean(sp, 'home after the code (fi)');

  // approving asks the password and a fresh code
  await visit(sp, `/plans/${planId}`);
  assert.equal(await sp.locator('#approve-code').count(), 1);
  await assertAxeClean(sp, 'plan with the code field (fi)');
  await sp.fill('#approve-password', PASSWORD);
  await sp.fill('#approve-code', '123456');
  await submit(sp, '#plan-approve', 401);
  assert.equal(await sp.locator('#approve-code').getAttribute('aria-invalid'), 'true');
  await assertAxeClean(sp, 'plan, wrong code');
  n = await nextCode(secret, last);
  await sp.fill('#approve-password', PASSWORD);
  await sp.fill('#approve-code', n.code);
  await submit(sp, '#plan-approve');
  assert.equal(new URL(sp.url()).pathname, `/plans/${planId}`);
  assert.match(await sp.locator('#plan-state').innerText(), /Hyväksytty/);
  await assertAxeClean(sp, 'plan approved with a fresh code');
  await sctx.close();
});
