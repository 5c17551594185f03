// tests/browser/lib.mjs: what every browser test file shares. useService()
// starts one budjetti service on a demo database (the API tests' harness,
// tests/api/lib.mjs) and launches Debian's headless Chromium through
// playwright-core for a test file; runs axe-core (WCAG 2.0/2.1 A and AA) and
// knows the texts the pages contract (/tmp/budjetti-pages.md) fixes.
// Nothing here reaches the network: the service listens on 127.0.0.1 only.
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import axe from 'axe-core';
// Starting the service is the API tests' harness: one way to do it.
import { startServer as startApiServer, PASSWORD } from '../api/lib.mjs';
import { placeholdersIn } from '../placeholders.mjs';

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

// A new context: Finnish by default, no network beyond the service. axe-core
// is loaded into every page the context opens, before the page's own
// scripts (DevTools does it, so the pages' Content-Security-Policy still
// holds for everything else): Chromium then compiles it from its code cache,
// where injecting it after each navigation compiled 500 kB anew, and axe
// was two thirds of the browser tests' time.
export async function newContext(browser, opts = {}) {
  const ctx = await browser.newContext({ locale: 'fi-FI', ...opts });
  await ctx.addInitScript({ content: axe.source });
  ctx.setDefaultTimeout(10000);
  ctx.setDefaultNavigationTimeout(10000);
  return ctx;
}

// Every page the browser tests check (assertAxeClean) is held to axe's
// rules and to what axe cannot see (issue 13 item 7), in one place:
//  - no sideways scrolling at 320 CSS pixels (WCAG 1.4.10 reflow: 1280 px
//    at 400 % zoom; 200 % is 640 px, looser); the viewport is set back;
//  - the page's skeleton: <html lang> fi, sv or en; one main; one h1, in
//    main; headings that do not skip a level downwards; a nav when signed in;
//  - every form error tied to its field: each [aria-invalid=true] control
//    (or its fieldset) is described by a message that exists, each field
//    message describes a control, and the error summary names each of
//    them with a link; after a failed submit the summary has the focus;
//  - no placeholder text (tests/placeholders.mjs) anywhere on the page.
export async function assertPageChecks(page, where) {
  const size = page.viewportSize() ?? { width: 1280, height: 720 };
  await page.setViewportSize({ width: 320, height: size.height });
  const wide = await page.evaluate(() => {
    const d = document.documentElement;
    if (d.scrollWidth <= d.clientWidth)
      return null;
    // the outermost elements wider than the page: what to make narrower
    const over = [...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().right > d.clientWidth + 1 &&
        !(e.parentElement.getBoundingClientRect().right > d.clientWidth + 1))
      .slice(0, 3).map((e) => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') +
        (e.className && typeof e.className === 'string' ? '.' + e.className.split(' ')[0] : ''));
    return `${d.scrollWidth} > ${d.clientWidth}: ${over.join(', ')}`;
  });
  await page.setViewportSize(size);
  assert.equal(wide, null, `sideways scrolling at 320 px on ${where} (${page.url()})`);
  // autofocus moves the focus when the page has loaded, not at once
  await page.waitForFunction(() => !document.getElementById('error-summary') ||
    document.activeElement === document.getElementById('error-summary'),
  null, { timeout: 2000 }).catch(() => {});
  const problems = await page.evaluate(() => {
    const out = [];
    const lang = document.documentElement.getAttribute('lang');
    if (!['fi', 'sv', 'en'].includes(lang))
      out.push(`html lang is ${lang}`);
    const mains = document.querySelectorAll('main');
    const h1s = document.querySelectorAll('h1');
    if (mains.length !== 1)
      out.push(`${mains.length} main elements`);
    if (h1s.length !== 1 || !mains[0]?.contains(h1s[0]))
      out.push(`${h1s.length} h1 elements, ${mains[0]?.contains(h1s[0]) ? '' : 'not '}in main`);
    let level = 0;
    for (const h of document.querySelectorAll('main h1, main h2, main h3, main h4, main h5, main h6')) {
      const l = Number(h.tagName[1]);
      if (level && l > level + 1)
        out.push(`heading h${l} "${h.textContent.trim()}" follows an h${level}`);
      level = l;
    }
    if (document.querySelector('.user-box') && !document.querySelector('nav'))
      out.push('signed in, but no nav');
    const described = (e) => (e.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
    const summary = document.getElementById('error-summary');
    const targets = summary ? [...summary.querySelectorAll('a[href^="#"]')]
      .map((a) => document.getElementById(decodeURIComponent(a.getAttribute('href').slice(1))))
      .filter(Boolean) : [];
    for (const e of document.querySelectorAll('[aria-invalid="true"]')) {
      // a control's message is on it, or (a group of radios or boxes) on its fieldset
      const group = e.closest('fieldset[aria-describedby]');
      const owner = group && !described(e).some((id) =>
        document.getElementById(id)?.classList.contains('field-error')) ? group : e;
      const name = e.id || e.getAttribute('name');
      const msgs = described(owner).map((id) => document.getElementById(id));
      if (!msgs.some((m) => m?.classList.contains('field-error')))
        out.push(`invalid ${name} is not described by its error message`);
      if (msgs.some((m) => !m))
        out.push(`${name}: aria-describedby names a missing element`);
      if (!targets.some((t) => t === e || t === owner || owner.contains(t) || t.contains(e)))
        out.push(`invalid ${name} is not named in the error summary`);
    }
    for (const m of document.querySelectorAll('.field-error')) {
      const by = [...document.querySelectorAll('[aria-describedby]')]
        .filter((e) => described(e).includes(m.id));
      if (!m.id || by.length === 0)
        out.push(`error message "${m.textContent.trim()}" describes no field`);
      else if (!by.some((e) => e.getAttribute('aria-invalid') === 'true' ||
          e.querySelector('[aria-invalid="true"]')))
        out.push(`field with error "${m.textContent.trim()}" is not aria-invalid`);
    }
    if (document.querySelector('.field-error') && !summary)
      out.push('field errors without an error summary');
    if (summary && document.activeElement !== summary && !summary.contains(document.activeElement))
      out.push(`after a failed submit the focus is on ${document.activeElement?.tagName}` +
        `#${document.activeElement?.id}, not on the error summary`);
    return out;
  });
  assert.deepEqual(problems, [], `page checks on ${where} (${page.url()})`);
  const text = await page.evaluate(() => document.body.innerText + '\n' + document.title);
  assert.deepEqual(placeholdersIn(text), [], `placeholder text on ${where} (${page.url()})`);
}

// Run axe with the WCAG 2.0/2.1 A and AA rules in the page itself (not
// through a blank page of its own, as @axe-core/playwright finishes a run);
// fail listing every violation's rule id, help text and the nodes it found;
// then the checks beyond axe (assertPageChecks). Every browser test calls
// this on every page it visits. Only the violations come back: the passes
// were most of what crossed to Node.
const AXE_RUN = {
  runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
  resultTypes: ['violations'],
};

export async function assertAxeClean(page, where) {
  await assertPageChecks(page, where);
  // a context made elsewhere, or a page with scripts off, has no axe yet
  if (!(await page.evaluate(() => typeof window.axe === 'object')))
    await page.evaluate(axe.source);
  const violations = await page.evaluate((o) => window.axe.run(document, o)
    .then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })) }))),
  AXE_RUN);
  const lines = [];
  for (const v of violations) {
    lines.push(`${v.id} (${v.impact}): ${v.help}`);
    for (const n of v.nodes)
      lines.push(`    ${n.target.join(' ')} :: ${n.failureSummary?.replace(/\s+/g, ' ')}`);
  }
  assert.equal(violations.length, 0,
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

// Fill the inputs of a form: fields maps an input's id to its value (for
// a <select>, the value or the label of the option to choose).
export async function fillForm(page, fields) {
  for (const [id, value] of Object.entries(fields)) {
    const el = page.locator(`#${id}`);
    if (await el.evaluate((e) => e.tagName === 'SELECT'))
      await el.selectOption(value);
    else
      await el.fill(value);
  }
}
