// tests/browser/lib.mjs: what every browser test file shares. Starts one
// budjetti service on a demo database in a temp dir, launches Debian's
// headless Chromium through playwright-core, runs axe-core (WCAG 2.0/2.1 A and
// AA) and knows the texts the pages contract (/tmp/budjetti-pages.md) fixes.
// Nothing here reaches the network: the service listens on 127.0.0.1 only.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
// Starting the service is the API tests' harness: one way to do it.
import { freePort, run, serve } from '../api/lib.mjs';


// Every demo account gets this password (BUD_DEMO_PASSWORD, >= 12 chars).
export const PASSWORD = 'selain-testi-Salasana-42';

export const ROLES = ['admin', 'worker', 'decision_maker', 'finance',
  'provider_user', 'client', 'representative'];
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
};
export const LOGIN_H1 = { fi: 'Kirjaudu sisään', sv: 'Logga in', en: 'Sign in' };
export const SKIP_TEXT = { fi: 'Siirry sisältöön', sv: 'Hoppa till innehållet', en: 'Skip to content' };
export const LANG_LABEL = { fi: 'suomi', sv: 'svenska', en: 'English' };

// A delay that does not keep the process alive.
const ms = (n) => new Promise((r) => setTimeout(r, n).unref());

// Start budjetti on a fresh demo database. Resolves {url, accounts,
// account(role), stop()}; stop() sends SIGTERM, waits and resolves the
// exit code (or the signal's name if it had to be killed).
export async function startServer() {
  const dir = await mkdtemp(join(tmpdir(), 'budjetti-browser-'));
  const db = join(dir, 'budjetti.db');
  const env = { ...process.env, BUD_DEMO_PASSWORD: PASSWORD };
  const demo = await run(['demo', '--db', db, '--json', '--no-cases'], env);
  assert.equal(demo.code, 0, `budjetti demo failed: ${demo.stderr}`);
  const accounts = JSON.parse(demo.stdout).accounts;
  for (const role of ROLES)
    assert.ok(accounts.some((a) => a.role === role), `demo has no ${role} account`);
  let srv, port, lastErr;
  for (let attempt = 0; attempt < 3 && !srv; attempt++) {
    port = await freePort();
    try {
      srv = await serve(db, port, env);
    } catch (e) {
      lastErr = e;
    }
  }
  if (!srv)
    throw lastErr;
  const child = srv.child;
  child.removeAllListeners('exit');
  const exited = new Promise((r) => child.on('exit', (code, sig) => r(code ?? sig)));
  return {
    url: `http://127.0.0.1:${port}/`,
    accounts,
    account: (role) => accounts.find((a) => a.role === role),
    stderr: srv.stderr,
    async stop() {
      child.kill('SIGTERM');
      const code = await Promise.race([exited, ms(10000).then(() => 'timeout')]);
      if (code === 'timeout') {
        child.kill('SIGKILL');
        await exited;
      }
      await rm(dir, { recursive: true, force: true });
      return code;
    },
  };
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
