// Browser tests of accessibility across pages: the accessibility statement
// in three languages, keyboard use (skip link first, visible focus on every
// focusable element), reflow at 320 CSS px (= 1280 px at 400 % zoom), the
// Content-Security-Policy and the one stylesheet actually applying.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  useService, newContext, assertAxeClean, h1Text, htmlLang,
  signIn, SKIP_TEXT, LANGS, PASSWORD,
} from './lib.mjs';

const LOCALE = { fi: 'fi-FI', sv: 'sv-SE', en: 'en-US' };

const env = useService();

test('/accessibility in fi, sv and en: one h1 each, axe clean', async () => {
  const titles = new Set();
  for (const lang of LANGS) {
    const ctx = await newContext(env.browser, { locale: LOCALE[lang] });
    const page = await ctx.newPage();
    const resp = await page.goto(env.srv.url + 'accessibility');
    assert.equal(resp.status(), 200, lang);
    assert.equal(await htmlLang(page), lang);
    assert.equal(await page.locator('h1').count(), 1, `one h1 (${lang})`);
    const h1 = await h1Text(page);
    assert.ok(h1.length > 0, 'h1 not empty');
    assert.equal(await page.title(), `${h1} – budjetti`, 'title');
    titles.add(h1);
    await assertAxeClean(page, `/accessibility (${lang})`);
    await ctx.close();
  }
  assert.equal(titles.size, 3, 'a different h1 in each language');
});

// The check itself can fail: axe runs in the page from the context's init
// script, and also in a page whose context has none; a served page with an
// image without a text alternative and a field without a label is refused.
test('assertAxeClean refuses a page with violations, with or without the init script', async () => {
  const contexts = [await newContext(env.browser), await env.browser.newContext()];
  for (const ctx of contexts) {
    const page = await ctx.newPage();
    await page.goto(env.srv.url + 'accessibility');
    await assertAxeClean(page, '/accessibility before');
    await page.evaluate(() => {
      const main = document.querySelector('main');
      main.append(document.createElement('img'));
      const input = document.createElement('input');
      input.type = 'text';
      main.append(input);
    });
    await assert.rejects(assertAxeClean(page, '/accessibility made worse'),
      (e) => /image-alt/.test(e.message) && /label/.test(e.message));
    await ctx.close();
  }
});

test('the footer link reaches the accessibility statement', async () => {
  const ctx = await newContext(env.browser);
  const page = await ctx.newPage();
  await page.goto(env.srv.url + 'login');
  await Promise.all([page.waitForNavigation(), page.click('footer a[href="/accessibility"]')]);
  assert.equal(new URL(page.url()).pathname, '/accessibility');
  await ctx.close();
});

// Is the focused element's focus indicator visible: an outline that is
// drawn, or a box-shadow?
const focusStyle = (page) => page.evaluate(() => {
  const el = document.activeElement;
  if (!el || el === document.body)
    return null;
  const cs = getComputedStyle(el);
  return {
    tag: el.tagName.toLowerCase(),
    id: el.id,
    cls: el.className,
    text: (el.textContent || el.value || '').trim().slice(0, 30),
    outlineStyle: cs.outlineStyle,
    outlineWidth: parseFloat(cs.outlineWidth),
    boxShadow: cs.boxShadow,
  };
});

const focusVisible = (f) =>
  (f.outlineStyle !== 'none' && f.outlineWidth >= 2) || (f.boxShadow && f.boxShadow !== 'none');

test('keyboard: the skip link comes first, shows, and moves focus to main', async () => {
  for (const lang of LANGS) {
    const ctx = await newContext(env.browser, { locale: LOCALE[lang] });
    const page = await ctx.newPage();
    await page.goto(env.srv.url + 'login');
    const skip = page.locator('a.skip-link');
    const before = await skip.boundingBox();
    await page.keyboard.press('Tab');
    const f = await focusStyle(page);
    assert.ok(f, 'something has focus after the first Tab');
    assert.equal(f.cls, 'skip-link', `first Tab focuses the skip link, not ${f.tag}#${f.id}`);
    assert.equal(f.text, SKIP_TEXT[lang]);
    assert.equal(await skip.getAttribute('href'), '#main');
    const box = await skip.boundingBox();
    const vp = page.viewportSize();
    assert.ok(box && box.width > 0 && box.height > 0, 'skip link has a size when focused');
    assert.ok(box.x >= 0 && box.y >= 0 && box.x + box.width <= vp.width &&
      box.y + box.height <= vp.height, `skip link inside the viewport: ${JSON.stringify(box)}`);
    assert.ok(focusVisible(f), `skip link focus visible: ${JSON.stringify(f)}`);
    if (lang === 'fi')
      assert.ok(!before || before.y + before.height <= 0 || before.x + before.width <= 0,
        `skip link off screen until focused: ${JSON.stringify(before)}`);
    await page.keyboard.press('Enter');
    const where = await page.evaluate(() => {
      const a = document.activeElement;
      const main = document.querySelector('main#main');
      return { onMain: a === main, inMain: !!main && main.contains(a) && a !== main,
        hash: location.hash };
    });
    assert.equal(where.hash, '#main');
    if (!where.onMain) {
      // Without tabindex on main, the sequential focus starting point moves:
      // the next Tab must land inside main.
      await page.keyboard.press('Tab');
      const inside = await page.evaluate(() =>
        document.querySelector('main#main').contains(document.activeElement));
      assert.ok(inside, 'after the skip link, focus continues inside main');
    } else {
      await page.keyboard.press('Tab');
      const first = await page.evaluate(() => document.activeElement.id);
      assert.equal(first, 'username', 'next Tab goes to the first field of the form');
    }
    await ctx.close();
  }
});

async function tabThrough(page, where, max = 40) {
  const seen = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const f = await focusStyle(page);
    if (!f)
      break;
    const key = `${f.tag}#${f.id}.${f.cls}:${f.text}`;
    if (seen.includes(key))
      break;
    seen.push(key);
    assert.ok(focusVisible(f), `${where}: no visible focus on ${key}: ` +
      `outline ${f.outlineStyle} ${f.outlineWidth}px, box-shadow ${f.boxShadow}`);
  }
  return seen;
}

test('keyboard: every focusable element shows a visible focus ring', async () => {
  const ctx = await newContext(env.browser);
  const page = await ctx.newPage();
  await page.goto(env.srv.url + 'login');
  const login = await tabThrough(page, '/login');
  assert.ok(login.length >= 7, `login page has skip link, 3 language buttons, 2 fields, ` +
    `submit, footer link; saw ${login.length}: ${login.join(' | ')}`);
  await signIn(page, env.srv.url, env.srv.account('worker').username);
  const dash = await tabThrough(page, 'worker dashboard');
  assert.ok(dash.some((k) => k.startsWith('button#logout')), 'logout reachable by keyboard');
  await ctx.close();
});

test('keyboard only: sign in with Tab, type and Enter', async () => {
  const ctx = await newContext(env.browser);
  const page = await ctx.newPage();
  await page.goto(env.srv.url + 'login');
  await page.focus('#username');
  await page.keyboard.type(env.srv.account('client').username);
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'password',
    'Tab from username goes to password');
  await page.keyboard.type(PASSWORD);
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
  assert.equal(page.url(), env.srv.url);
  assert.equal(await page.locator('main[data-role="client"]').count(), 1);
  await ctx.close();
});

async function assertReflow(page, where) {
  const r = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  assert.ok(r.scroll <= r.client + 1,
    `${where}: horizontal scrolling at 320 px (${r.scroll} > ${r.client})`);
}

test('reflow: 320 CSS px wide needs no horizontal scrolling', async () => {
  const ctx = await newContext(env.browser, { viewport: { width: 320, height: 640 } });
  const page = await ctx.newPage();
  await page.goto(env.srv.url + 'login');
  await assertReflow(page, '/login');
  await page.goto(env.srv.url + 'accessibility');
  await assertReflow(page, '/accessibility');
  for (const role of ['worker', 'client', 'admin']) {
    await signIn(page, env.srv.url, env.srv.account(role).username);
    await assertReflow(page, `dashboard of ${role}`);
    await assertAxeClean(page, `dashboard of ${role} at 320 px`);
    await Promise.all([page.waitForNavigation(), page.click('#logout')]);
  }
  const small = await page.evaluate(() => [...document.querySelectorAll(
    'button, input:not([type=hidden]), select, textarea')].map((el) => {
    const r = el.getBoundingClientRect();
    return { id: el.id || el.name || el.value, h: r.height, w: r.width };
  }).filter((t) => t.h < 44 || t.w < 44));
  assert.deepEqual(small, [], 'buttons and fields at least 44 x 44 px');
  await ctx.close();
});

test('CSP header, and the one stylesheet loads and applies', async () => {
  const ctx = await newContext(env.browser);
  const page = await ctx.newPage();
  const violations = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text()))
      violations.push(m.text());
  });
  const resp = await page.goto(env.srv.url + 'login');
  const h = resp.headers();
  const csp = h['content-security-policy'];
  assert.ok(csp, 'Content-Security-Policy header present');
  assert.match(csp, /default-src/, `CSP has default-src: ${csp}`);
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*/, `CSP allows no inline code: ${csp}`);
  assert.equal(h['x-content-type-options'], 'nosniff');

  const links = await page.evaluate(() =>
    [...document.querySelectorAll('link[rel="stylesheet"]')].map((l) => l.getAttribute('href')));
  assert.deepEqual(links, ['/static/style.css'], 'one stylesheet');
  assert.equal(await page.locator('style, [style], script').count(), 0,
    'no inline style or script');

  const css = await ctx.request.get(env.srv.url + 'static/style.css');
  assert.equal(css.status(), 200);
  assert.match(css.headers()['content-type'], /^text\/css/);
  const body = await css.text();
  assert.match(body, /--fi-color-brand-base:\s*hsl\(214, 100%, 24%\)/, 'tokens included');
  assert.match(body, /\.skip-link/, 'own rules included');
  assert.doesNotMatch(body, /@import|url\(\s*['"]?https?:/i, 'no remote resources');

  const applied = await page.evaluate(() => ({
    font: getComputedStyle(document.body).fontFamily,
    token: getComputedStyle(document.documentElement).getPropertyValue('--fi-color-brand-base').trim(),
    sheets: document.styleSheets.length,
  }));
  assert.equal(applied.sheets, 1);
  assert.equal(applied.token, 'hsl(214, 100%, 24%)', 'token custom property defined');
  assert.doesNotMatch(applied.font, /^"?Times New Roman"?$/, 'body font is not the default');
  assert.match(applied.font, /system-ui/);
  assert.deepEqual(violations, [], 'no CSP violations reported');
  const missing = await ctx.request.get(env.srv.url + 'static/nothing.css');
  assert.equal(missing.status(), 404);
  await ctx.close();
});

test('an unknown page answers 404 with an accessible page in the user\'s language', async () => {
  for (const lang of LANGS) {
    const ctx = await newContext(env.browser, { locale: LOCALE[lang] });
    const page = await ctx.newPage();
    const resp = await page.goto(env.srv.url + 'no/such/page');
    assert.equal(resp.status(), 404);
    assert.equal(await htmlLang(page), lang);
    assert.equal(await page.locator('h1').count(), 1, 'one h1');
    assert.equal((await page.locator('a.skip-link').innerText()).trim(), SKIP_TEXT[lang]);
    assert.match(await page.title(), / – budjetti$/);
    await assertAxeClean(page, `404 page (${lang})`);
    await ctx.close();
  }
});
