// tests/browser/lib.mjs: what every browser test file shares. useService()
// starts one budjetti service on a demo database (the API tests' harness,
// tests/api/lib.mjs) and launches Debian's headless Chromium through
// playwright-core for a test file; runs axe-core (WCAG 2.0/2.1 A and AA) and
// knows the texts the pages contract (/tmp/budjetti-pages.md) fixes.
// Nothing here reaches the network: the service listens on 127.0.0.1 only.
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
// Starting the service is the API tests' harness: one way to do it.
import { startServer as startApiServer, PASSWORD } from '../api/lib.mjs';

// Every demo account's password (BUD_DEMO_PASSWORD, set by the API harness).
export { PASSWORD };

export const ROLES = ['admin', 'worker', 'decision_maker', 'finance',
  'provider_user', 'client', 'representative', 'evaluator'];
export const LANGS = ['fi', 'sv', 'en'];

// The h1 of each role's dashboard, per language (the contract).
export const DASH_H1 = {
  admin: { fi: 'Ylläpito', sv: 'Administration', en: 'Administration' },
  worker: { fi: 'Työpöytä', sv: 'Arbetsbord', en: 'Dashboard' },
  decision_maker: { fi: 'Päätökset', sv: 'Beslut', en: 'Decisions' },
  finance: { fi: 'Talous', sv: 'Ekonomi', en: 'Finance' },
  provider_user: { fi: 'Palveluntuottaja', sv: 'Serviceproducent', en: 'Service provider' },
  client: { fi: 'Oma budjetti', sv: 'Min budget', en: 'My budget' },
  representative: { fi: 'Asiointi toisen puolesta', sv: 'Ärenden för någon annan',
    en: 'Acting for someone else' },
  evaluator: { fi: 'Pilotin arviointi', sv: 'Utvärdering av piloten', en: 'Evaluating the pilot' },
};
export const LOGIN_H1 = { fi: 'Kirjaudu sisään', sv: 'Logga in', en: 'Sign in' };
export const SKIP_TEXT = { fi: 'Siirry sisältöön', sv: 'Hoppa till innehållet', en: 'Skip to content' };
export const LANG_LABEL = { fi: 'suomi', sv: 'svenska', en: 'English' };

// Start budjetti on a fresh demo database (see tests/api/lib.mjs
// startServer: {url, accounts, account(role), stderr(), stop()}; stop()
// asserts that the service exits 0 on SIGTERM) and check that the demo has
// an account of every role. cases: with the demo's case histories too.
export async function startServer({ cases = false } = {}) {
  const srv = await startApiServer({ demo: true, cases });
  for (const role of ROLES)
    assert.ok(srv.accounts.some((a) => a.role === role), `demo has no ${role} account`);
  return srv;
}

/*
 * Register this test file's before/after hooks: one service (startServer)
 * and one browser for all its tests, closed and stopped after them; then
 * setup(env), if given, prepares data. (Not a second top-level before():
 * Node 20 starts those as they are registered, without waiting for this
 * one.) Returns env, whose srv and browser are set once the before hook has
 * run, with env.signedIn(username, opts) and env.visit(page, path, status).
 */
export function useService(setup, { cases = false } = {}) {
  const env = {
    srv: undefined,
    browser: undefined,
    signedIn: (username, opts) => signedIn(env, username, opts),
    visit: (page, path, status) => visit(env, page, path, status),
  };
  before(async () => {
    env.srv = await startServer({ cases });
    env.browser = await launchBrowser();
    await setup?.(env);
  });
  after(async () => {
    await env.browser?.close();
    await env.srv?.stop();
  });
  return env;
}

export function launchBrowser() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'],
  });
}

// A new context: Finnish by default, no network beyond the service.
export async function newContext(browser, opts = {}) {
  const ctx = await browser.newContext({ locale: 'fi-FI', ...opts });
  ctx.setDefaultTimeout(10000);
  ctx.setDefaultNavigationTimeout(10000);
  return ctx;
}

// Run axe with the WCAG 2.0/2.1 A and AA rules; fail listing every
// violation's rule id, help text and the nodes it found.
export async function assertAxeClean(page, where) {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const lines = [];
  for (const v of result.violations) {
    lines.push(`${v.id} (${v.impact}): ${v.help}`);
    for (const n of v.nodes)
      lines.push(`    ${n.target.join(' ')} :: ${n.failureSummary?.replace(/\s+/g, ' ')}`);
  }
  assert.equal(result.violations.length, 0,
    `axe violations on ${where} (${page.url()}):\n  ${lines.join('\n  ')}`);
}

export const h1Text = async (page) => (await page.locator('main h1').innerText()).trim();
export const htmlLang = (page) => page.locator('html').getAttribute('lang');

// Sign in through the form (works with or without JavaScript); resolves the
// response of the final page.
export async function signIn(page, base, username, password = PASSWORD) {
  const form = await page.goto(base + 'login');
  assert.equal(form.status(), 200, `GET /login before signing in as ${username}`);
  await page.fill('#username', username);
  await page.fill('#password', password);
  const [resp] = await Promise.all([
    page.waitForNavigation(),
    page.click('#login-submit'),
  ]);
  return resp;
}

export async function signOut(page) {
  const [resp] = await Promise.all([
    page.waitForNavigation(),
    page.click('#logout'),
  ]);
  return resp;
}

// Click the language button `lang` of the header's language form.
export async function switchLanguage(page, lang) {
  const [resp] = await Promise.all([
    page.waitForNavigation(),
    page.click(`form[action="/lang"] button[name="lang"][value="${lang}"]`),
  ]);
  return resp;
}

// A new context (newContext's opts, and password: the demo password unless
// given) with a page signed in as username; asserts the sign-in landed on a
// 200 page. Resolves {ctx, page}.
export async function signedIn(env, username, { password = PASSWORD, ...opts } = {}) {
  const ctx = await newContext(env.browser, opts);
  const page = await ctx.newPage();
  const resp = await signIn(page, env.srv.url, username, password);
  assert.equal(resp.status(), 200, `sign in ${username}`);
  return { ctx, page };
}

// Go to path of the service (leading '/' or not); asserts the status.
export async function visit(env, page, path, status = 200) {
  const resp = await page.goto(env.srv.url + path.replace(/^\//, ''));
  assert.equal(resp.status(), status, `GET ${path}`);
  return resp;
}

// Click selector (a submit button or link) and wait for the page it leads
// to; asserts its status: below 400 unless status is given (null: any).
export async function submit(page, selector, status) {
  const [resp] = await Promise.all([page.waitForNavigation(), page.click(selector)]);
  if (status === undefined)
    assert.ok(resp.status() < 400, `${selector} answered ${resp.status()} at ${page.url()}`);
  else if (status !== null)
    assert.equal(resp.status(), status, `${selector} at ${page.url()}`);
  return resp;
}

// Fill the inputs of a form: fields maps an input's id to its value.
export async function fillForm(page, fields) {
  for (const [id, value] of Object.entries(fields))
    await page.fill(`#${id}`, value);
}
