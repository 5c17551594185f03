// The English pages walked like the Finnish and Swedish ones (issue 13
// item 7): each role of the demo (with its case histories) signs in,
// switches to English and walks every page its links reach, holding each
// to assertAxeClean (axe and the checks beyond it: 320 px, headings and
// landmarks, lang, errors tied, no placeholder). A page kind (the path with
// its numbers taken out, and the names of its query's parameters) is
// walked once for each audience: the staff (who share their pages), a
// provider's users, and the client with the representative; every role's
// own home page.
// On top of that, an English page says nothing in Finnish or Swedish: no
// text of the fi or sv catalogs (src/i18n/*.msg) that differs from its
// English text appears on it, except inside an element whose lang says it
// is in another language (the rulebook's texts, the language buttons). A
// decision is a document in the client's language (web/plans.c) inside
// the reader's own English page, its article marked with its lang.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { useService, assertAxeClean, switchLanguage, htmlLang, ROLES } from './lib.mjs';

const I18N = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'src', 'i18n');
// A role's walk stops at this many pages (the demo's roles reach fewer).
const MAX_PAGES = 40;
const AUDIENCE = { provider_user: 'provider', client: 'client', representative: 'client' };
const seen = new Set();	// audience + page kind, over the roles

// key -> text of the catalog files of lang (the demo's data texts left out:
// what a worker wrote in Finnish stays Finnish in an English interface).
function catalog(lang) {
  const out = new Map();
  for (const f of readdirSync(I18N).filter((n) => n.endsWith(`.${lang}.msg`) &&
    !n.startsWith('demo.'))) {
    for (const line of readFileSync(join(I18N, f), 'utf8').split('\n')) {
      const m = /^([A-Za-z0-9_.-]+)\s*=\s*(.*)$/.exec(line);
      if (m)
        out.set(m[1], m[2].trim());
    }
  }
  return out;
}

// The fi and sv texts an English page must not hold: of each text that
// differs from its English one, the longest piece between its {fields}
// when it is a phrase (16 characters or more): a single word may well be
// in what a worker wrote in Finnish (the demo's "40 tuntia kuukaudessa").
function foreignTexts() {
  const en = catalog('en');
  const out = new Map();
  for (const lang of ['fi', 'sv']) {
    for (const [key, text] of catalog(lang)) {
      if (text === en.get(key))
        continue;
      const piece = text.split(/\{\{?[^}]*\}?\}|%[a-z]/).map((s) => s.trim())
        .sort((a, b) => b.length - a.length)[0];
      if (piece && piece.length >= 16 && !(en.get(key) ?? '').includes(piece))
        out.set(piece, `${lang} ${key}`);
    }
  }
  return out;
}
const FOREIGN = foreignTexts();

// The text of the page outside the parts marked as another language.
const ownText = (page) => page.evaluate(() => {
  const body = document.body.cloneNode(true);
  for (const e of body.querySelectorAll('[lang]'))
    if (!e.getAttribute('lang').startsWith('en'))
      e.remove();
  return (body.textContent + ' ' + document.title).replace(/\s+/g, ' ');
});

// The page kind of a local URL: its path with the numbers as N, and the
// names of its query's parameters.
function kind(url) {
  const u = new URL(url);
  const names = [...new Set(u.searchParams.keys())]
    .filter((k) => k !== 'notice' && k !== 'cursor').sort();
  return u.pathname.replace(/\/\d+(?=\/|$)/g, '/N') + (names.length ? '?' + names.join('&') : '');
}

// Links a walk follows: local pages (not downloads, the API, the static
// files, nor signing in or out).
function walkable(href, base) {
  const u = new URL(href, base);
  return u.origin === new URL(base).origin &&
    !/\.(pdf|csv|png|json)$|\/export$|^\/(static|api)\/|^\/login|^\/logout|\/documents\/\d+$/.test(u.pathname);
}

const env = useService(undefined, { cases: true });

for (const role of ROLES) {
  test(`${role}: every page the links reach, in English`, async (t) => {
    const { ctx, page } = await env.signedIn(env.srv.account(role).username,
      { locale: 'en-GB' });
    await switchLanguage(page, 'en');
    const audience = AUDIENCE[role] ?? 'staff';
    const queue = [env.srv.url];
    const walked = [];
    while (queue.length && walked.length < MAX_PAGES) {
      const url = queue.shift();
      const k = kind(url);
      const key = `${k === '/' ? role : audience} ${k}`;	// each role's own home
      if (seen.has(key))
        continue;
      seen.add(key);
      const resp = await page.goto(url);
      if (!(resp.headers()['content-type'] ?? '').startsWith('text/html'))
        continue;
      assert.equal(resp.status(), 200, `GET ${url} as ${role}`);
      walked.push(k);
      const where = `${k} as ${role} (en)`;
      const lang = await htmlLang(page);
      await assertAxeClean(page, where);
      if (/^\/plans\/N\/decision$/.test(k))
        assert.ok(await page.locator('article.decision[lang]').count() === 1 &&
          await page.locator('main p.notice:not(article p)').count() === 1,
          `${where}: the document in the client's language, an English note before it`);
      assert.equal(lang, 'en', where);
      const text = await ownText(page);
      const found = [...FOREIGN].filter(([piece]) => text.includes(piece))
        .map(([piece, key]) => `${key}: ${piece}`);
      assert.deepEqual(found, [], `Finnish or Swedish text on ${where}`);
      const hrefs = await page.evaluate(() =>
        [...document.querySelectorAll('main a[href], nav a[href]')].map((a) => a.href));
      for (const h of hrefs)
        if (walkable(h, env.srv.url))
          queue.push(h.split('#')[0]);
    }
    assert.ok(walked.length >= 1, `${role} walked ${walked.join(', ')}`);
    t.diagnostic(`${walked.length} pages: ${walked.join(' ')}`);
    await ctx.close();
  });
}
