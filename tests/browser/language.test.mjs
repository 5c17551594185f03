// Browser tests of the language switch while signed in: the page changes
// language at once, stays so after a reload and on other pages, and the
// choice is saved for the user's next sign-in from a fresh browser.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  useService, newContext, assertAxeClean, h1Text, htmlLang, signIn, signOut,
  switchLanguage, DASH_H1, LOGIN_H1, SKIP_TEXT,
} from './lib.mjs';

const env = useService();

test('worker switches to Swedish; kept after reload and at the next sign-in', async () => {
  const a = env.srv.account('worker');
  let { ctx, page } = await env.signedIn(a.username);
  assert.equal(await h1Text(page), DASH_H1.worker.fi);

  const resp = await switchLanguage(page, 'sv');
  assert.equal(resp.status(), 200);
  assert.equal(page.url(), env.srv.url, 'back on /');
  assert.equal(await htmlLang(page), 'sv');
  assert.equal(await h1Text(page), DASH_H1.worker.sv);
  assert.equal(await page.title(), `${DASH_H1.worker.sv} – budjetti`);
  assert.equal((await page.locator('a.skip-link').innerText()).trim(), SKIP_TEXT.sv);
  assert.equal(await page.locator('form[action="/lang"] button[aria-current="true"]')
    .getAttribute('value'), 'sv');
  await assertAxeClean(page, 'worker dashboard (sv)');

  await page.reload();
  assert.equal(await htmlLang(page), 'sv', 'after reload');
  assert.equal(await h1Text(page), DASH_H1.worker.sv, 'after reload');

  await page.goto(env.srv.url + 'accessibility');
  assert.equal(await htmlLang(page), 'sv', 'other pages in Swedish too');

  await page.goto(env.srv.url);
  await signOut(page);
  assert.equal(await h1Text(page), LOGIN_H1.sv, 'login page in Swedish after logout');

  // The next user of the same browser signs in: the language the previous
  // user left behind is not their choice; their own account's (Finnish)
  // is used and stays theirs.
  const dm = env.srv.account('decision_maker');
  await signIn(page, env.srv.url, dm.username);
  assert.equal(await htmlLang(page), 'fi', 'the next user gets their own language');
  assert.equal(await h1Text(page), DASH_H1.decision_maker.fi);
  await signOut(page);
  await ctx.close();

  // A fresh browser whose Accept-Language is Finnish: the saved choice wins
  // once the user has signed in.
  ctx = await newContext(env.browser, { locale: 'fi-FI' });
  page = await ctx.newPage();
  await page.goto(env.srv.url + 'login');
  assert.equal(await htmlLang(page), 'fi', 'fresh browser starts in Finnish');
  await signIn(page, env.srv.url, a.username);
  assert.equal(page.url(), env.srv.url);
  assert.equal(await htmlLang(page), 'sv', 'saved choice used at the next sign-in');
  assert.equal(await h1Text(page), DASH_H1.worker.sv);
  await ctx.close();
});

test('switching on another page returns to that page', async () => {
  const a = env.srv.account('decision_maker');
  const { ctx, page } = await env.signedIn(a.username);
  await page.goto(env.srv.url + 'accessibility');
  await switchLanguage(page, 'en');
  assert.equal(new URL(page.url()).pathname, '/accessibility', 'back on /accessibility');
  assert.equal(await htmlLang(page), 'en');
  await page.goto(env.srv.url);
  assert.equal(await h1Text(page), DASH_H1.decision_maker.en);
  await switchLanguage(page, 'fi');
  assert.equal(await h1Text(page), DASH_H1.decision_maker.fi);
  await ctx.close();
});

test('switching on a page with a query returns to the same page, query and all', async () => {
  const ctx = await newContext(env.browser);
  const page = await ctx.newPage();
  await page.goto(env.srv.url + 'providers?service=personal_assistance&municipality=Porvoo');
  await switchLanguage(page, 'sv');
  const u = new URL(page.url());
  assert.equal(u.pathname, '/providers');
  assert.equal(u.searchParams.get('service'), 'personal_assistance');
  assert.equal(u.searchParams.get('municipality'), 'Porvoo');
  assert.equal(await htmlLang(page), 'sv');
  await ctx.close();
});

test('every role\'s dashboard in Swedish and English is axe clean', async () => {
  for (const role of ['admin', 'client', 'representative', 'provider_user', 'finance']) {
    const { ctx, page } = await env.signedIn(env.srv.account(role).username);
    for (const lang of ['sv', 'en']) {
      await switchLanguage(page, lang);
      assert.equal(await htmlLang(page), lang, `${role} ${lang}`);
      assert.equal(await h1Text(page), DASH_H1[role][lang], `${role} h1 in ${lang}`);
      await assertAxeClean(page, `${role} dashboard (${lang})`);
    }
    await ctx.close();
  }
});

test('the language form refuses a foreign back path and an unknown language', async () => {
  const ctx = await newContext(env.browser);
  const page = await ctx.newPage();
  await page.goto(env.srv.url + 'login');
  const csrf = await page.locator('form[action="/lang"] input[name="csrf"]').inputValue();
  const resp = await ctx.request.post(env.srv.url + 'lang', {
    form: { csrf, back: '//evil.example/', lang: 'sv' }, maxRedirects: 0,
  });
  assert.equal(resp.status(), 303);
  const loc = new URL(resp.headers().location, env.srv.url);
  assert.equal(loc.origin, new URL(env.srv.url).origin, `stays local: ${resp.headers().location}`);
  const bad = await ctx.request.post(env.srv.url + 'lang', {
    form: { csrf, back: '/login', lang: 'de' }, maxRedirects: 0,
  });
  assert.ok(bad.status() === 303 || bad.status() === 400 || bad.status() === 422,
    `unknown language answered ${bad.status()}`);
  await page.goto(env.srv.url + 'login');
  assert.ok(['fi', 'sv'].includes(await htmlLang(page)), 'no unknown language set');
  await ctx.close();
});
