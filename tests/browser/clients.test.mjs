// Browser tests of the clients pages: the search and "my clients" list,
// the client form (new, its error state, edit), the client page for staff
// (representatives' mandates and the client's own account, each with an
// error state) and for the client and a representative (a plain-language
// overview), and "who has seen my data". axe-core checks every page;
// h1s are checked in Finnish and Swedish.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  useService, submit, fillForm, assertAxeClean, switchLanguage, h1Text, htmlLang,
} from './lib.mjs';

const env = useService();
const { visit, signedIn } = env;

const MATTI = 1, ALEKSI = 3, SANNA = 5;
const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Helsinki' });

// The error summary is shown, links to field, and the field is marked.
async function assertFieldError(page, field) {
  assert.equal(await page.locator('.error-summary').count(), 1, 'error summary');
  assert.ok(await page.locator(`.error-summary a[href="#${field}"]`).count() >= 1,
    `summary links to #${field}`);
  assert.equal(await page.locator(`#${field}`).getAttribute('aria-invalid'), 'true', field);
}

test('worker: search and my clients, in Finnish and Swedish', async () => {
  const { ctx, page } = await signedIn('maria.nieminen');
  await visit(page, '/clients');
  assert.equal(await h1Text(page), 'Asiakkaat');
  assert.equal(await page.locator('#new-client').getAttribute('href'), '/clients/new');
  const names = await page.locator('#client-list tbody a').allInnerTexts();
  assert.deepEqual(names, ['Korhonen Matti', 'Lindholm Elin', 'Sundström Henrik', 'Virtanen Aleksi']);
  assert.equal(await page.locator('#client-list a', { hasText: 'Heikkinen' }).count(), 0);
  await assertAxeClean(page, '/clients (fi)');

  await page.fill('#q', 'virt');
  await submit(page, '#client-search-submit', 200);
  assert.deepEqual(await page.locator('#client-list tbody a').allInnerTexts(), ['Virtanen Aleksi']);
  assert.equal(new URL(page.url()).pathname, '/clients/search');
  assert.equal(new URL(page.url()).search, '', 'the search text is not in the URL');
  assert.equal(await page.inputValue('#q'), 'virt', 'the form keeps the text');
  await assertAxeClean(page, '/clients search results');
  assert.equal(await page.locator('#client-list tbody a').getAttribute('href'), `/clients/${ALEKSI}`);
  await page.fill('#q', '080178-926Y');
  await submit(page, '#client-search-submit');
  assert.ok(!page.url().includes('080178'), 'an identity code never in the URL');
  await page.fill('#q', 'heikkinen');
  await submit(page, '#client-search-submit');
  assert.equal(await page.locator('#client-list').count(), 0, 'another unit\'s client stays hidden');

  await page.fill('#q', 'k');
  const bad = await submit(page, '#client-search-submit', 422);
  await assertFieldError(page, 'q');
  await assertAxeClean(page, '/clients search error');

  await switchLanguage(page, 'sv');
  await visit(page, '/clients');
  assert.equal(await htmlLang(page), 'sv');
  assert.equal(await h1Text(page), 'Klienter');
  await assertAxeClean(page, '/clients (sv)');
  await switchLanguage(page, 'fi');
  await visit(page, `/clients/${SANNA}`, 404);
  await ctx.close();
});

test('worker: new client with errors, then saved; edit; Swedish-speaking client', async () => {
  const { ctx, page } = await signedIn('maria.nieminen');
  await visit(page, '/clients');
  await submit(page, '#new-client');
  assert.equal(await h1Text(page), 'Uusi asiakas');
  await assertAxeClean(page, '/clients/new');

  let resp = await submit(page, '#client-save', 422);
  for (const f of ['hetu', 'first_name', 'last_name'])
    await assertFieldError(page, f);
  await assertAxeClean(page, '/clients/new errors');

  await fillForm(page, { hetu: '131052-308U', first_name: 'Åsa', last_name: 'Åberg' });
  await page.selectOption('#lang', 'sv');
  await page.fill('#email', 'asa@example.fi');
  await page.fill('#communication', 'Tolk vid möten.');
  await page.check('#easy_read');
  resp = await submit(page, '#client-save', 422);
  await assertFieldError(page, 'hetu');
  assert.equal(await page.inputValue('#first_name'), 'Åsa', 'typed values kept');
  assert.equal(await page.inputValue('#lang'), 'sv');
  assert.ok(await page.isChecked('#easy_read'));

  await page.fill('#hetu', '131052-308T');
  resp = await submit(page, '#client-save', 200);
  assert.match(page.url(), /\/clients\/\d+\?notice=client$/);
  assert.equal(await page.locator('#notice').innerText(), 'Asiakkaan tiedot tallennettu.');
  assert.equal(await h1Text(page), 'Åsa Åberg');
  assert.equal(await page.title(), 'Åsa Åberg – budjetti');
  assert.match(await page.locator('#client-lang').innerText(), /ruotsi/);
  assert.equal(await page.locator('#client-easy-read').count(), 1);
  for (const id of ['link-assessments', 'link-offer', 'link-support-plan', 'link-plans', 'link-log', 'link-edit'])
    assert.equal(await page.locator(`#${id}`).count(), 1, id);
  // The identity code: masked, the whole one only on request (logged).
  const details = page.locator('main dl.facts').first();
  assert.match(await details.innerText(), /131052-\*{4}/);
  assert.doesNotMatch(await details.innerText(), /131052-308T/);
  await assertAxeClean(page, 'client page (fi)');
  const clientPath = new URL(page.url()).pathname;
  resp = await submit(page, '#hetu-reveal', 200);
  assert.match(page.url(), /\/clients\/\d+\/hetu$/);
  assert.match(await details.innerText(), /131052-308T/);
  assert.equal(await page.locator('#hetu-reveal').count(), 0, 'shown: no button');
  await assertAxeClean(page, 'client page, code shown');
  await submit(page, '#link-log');
  assert.match(await page.locator('#uselog-list').innerText(), /henkilötunnus/i);
  await visit(page, clientPath);
  assert.doesNotMatch(await details.innerText(), /131052-308T/, 'masked again on the next read');
  await switchLanguage(page, 'sv');
  assert.equal(await h1Text(page), 'Åsa Åberg');
  assert.match(await page.locator('#client-lang').innerText(), /svenska/);
  await assertAxeClean(page, 'client page (sv)');
  await switchLanguage(page, 'fi');

  // The same code again: a clear error on the field.
  await visit(page, '/clients/new');
  await fillForm(page, { hetu: '131052-308T', first_name: 'Toinen', last_name: 'Henkilö' });
  resp = await submit(page, '#client-save', 409);
  await assertFieldError(page, 'hetu');
  assert.match(await page.locator('#hetu-error').innerText(), /Organisaatiossasi on jo asiakas.*Pyydä käyttöoikeutta/);

  // Edit.
  await visit(page, '/clients');
  await page.fill('#q', 'åberg');
  await submit(page, '#client-search-submit');
  await submit(page, '#client-list tbody a');
  await submit(page, '#link-edit');
  assert.equal(await h1Text(page), 'Muokkaa asiakkaan tietoja');
  assert.equal(await page.locator('#hetu').count(), 0, 'the code is not edited');
  assert.equal(await page.inputValue('#email'), 'asa@example.fi');
  await assertAxeClean(page, 'edit form');
  await page.fill('#first_name', '');
  resp = await submit(page, '#client-save', 422);
  await assertFieldError(page, 'first_name');
  await page.fill('#first_name', 'Åsa-Maria');
  await page.selectOption('#municipality', 'Porvoo');
  await page.uncheck('#easy_read');
  resp = await submit(page, '#client-save', 200);
  assert.equal(await h1Text(page), 'Åsa-Maria Åberg');
  assert.equal(await page.locator('#client-easy-read').count(), 0);
  await ctx.close();
});

test('worker: an edit based on a version someone else has changed is refused, not overwritten', async () => {
  const a = await signedIn('maria.nieminen');
  const b = await signedIn('maria.nieminen');
  await visit(a.page, `/clients/${ALEKSI}/edit`);
  await visit(b.page, `/clients/${ALEKSI}/edit`);
  await a.page.selectOption('#municipality', 'Kerava');
  await submit(a.page, '#client-save', 200);
  await b.page.selectOption('#municipality', 'Tuusula');
  await submit(b.page, '#client-save', 409);
  assert.match(await b.page.locator('.error-summary').innerText(), /Joku muu on muuttanut tietoja/);
  await assertAxeClean(b.page, 'stale edit');
  await visit(b.page, `/clients/${ALEKSI}`);
  assert.match(await b.page.locator('main').innerText(), /Kerava/);
  assert.doesNotMatch(await b.page.locator('main').innerText(), /Tuusula/);
  await a.ctx.close();
  await b.ctx.close();
});

test('worker: representatives and the client\'s own account', async () => {
  const { ctx, page } = await signedIn('maria.nieminen');
  await visit(page, `/clients/${MATTI}`);
  assert.equal(await page.locator('#account-form').count(), 0, 'Matti has an account');
  assert.equal(await page.locator('#account-name').innerText(), 'matti.korhonen');

  await page.fill('#mandate-username', 'nobody.here');
  let resp = await submit(page, '#mandate-add', 422);
  await assertFieldError(page, 'mandate-username');
  assert.equal(await page.inputValue('#mandate-username'), 'nobody.here');
  await assertAxeClean(page, 'mandate form error');

  await page.fill('#mandate-username', 'liisa.virtanen');
  await page.selectOption('#mandate-kind', 'trustee');
  await page.selectOption('#mandate-scope', 'view');
  await page.fill('#mandate-valid_from', today);
  resp = await submit(page, '#mandate-add', 200);
  const row = page.locator('#mandate-list tbody tr', { hasText: 'liisa.virtanen' });
  assert.equal(await row.count(), 1);
  assert.match(await row.innerText(), /edunvalvoja/);
  await assertAxeClean(page, 'client page with a mandate');

  // The representative now sees Matti's page, in plain language.
  const rep = await signedIn('liisa.virtanen');
  await visit(rep.page, `/clients/${MATTI}`);
  assert.equal(await h1Text(rep.page), 'Matti Korhonen');

  // Ending asks for the box first (no script needed), named as the error.
  await submit(page, '#mandate-list button', 422);
  assert.equal(await page.locator('#mandate-list input[type="checkbox"]').getAttribute('aria-invalid'), 'true');
  await assertAxeClean(page, 'ending a mandate without the box');
  await page.check('#mandate-list input[type="checkbox"]');
  await submit(page, '#mandate-list button');
  assert.equal(await page.locator('#notice').innerText(), 'Valtuutus päätetty.');
  assert.equal(await page.locator('#mandate-list button').count(), 0, 'ends once');
  const fiToday = today.split('-').reverse().map(Number).join('.');	// 7.12.2026
  assert.ok((await row.innerText()).includes(`${fiToday} – ${fiToday}`), 'last day today');
  assert.match(await row.innerText(), /päättynyt/, 'ended at once');
  // Ending takes effect at once: the representative's next page is refused.
  await visit(rep.page, `/clients/${MATTI}`, 404);

  // Elin gets her own account: an activation link, shown once, no password.
  await visit(page, '/clients/2');
  assert.equal(await page.locator('#account-password').count(), 0, 'the worker chooses no password');
  await page.fill('#account-username', 'Elin L');
  resp = await submit(page, '#account-create', 422);
  await assertFieldError(page, 'account-username');
  await assertAxeClean(page, 'account form error');
  await page.fill('#account-username', 'elin.lindholm');
  resp = await submit(page, '#account-create', 201);
  assert.equal(await page.locator('#account-name').innerText(), 'elin.lindholm');
  assert.equal(await page.locator('#account-form').count(), 0);
  const link = await page.locator('#activation-link').innerText();
  assert.match(link, /\/password\/[A-Za-z0-9_-]{43}$/);
  await assertAxeClean(page, 'account made, the link shown');
  // Elin opens the link and chooses her password (in Swedish, her language).
  const elin = await env.browser.newContext({ locale: 'sv-SE' });
  const ep = await elin.newPage();
  await ep.goto(link);
  await ep.fill('#setpw-password', 'Elins-eget-losen-7');
  await ep.fill('#setpw-password2', 'Elins-eget-losen-7');
  await submit(ep, '#setpw-submit', 200);
  assert.equal(await ep.locator('#setpw-done').count(), 1);
  await elin.close();
  // A lost paper: a new link, the old one dead.
  await visit(page, '/clients/2');
  resp = await submit(page, '#account-link', 200);
  const link2 = await page.locator('#activation-link').innerText();
  assert.notEqual(link2, link);
  await assertAxeClean(page, 'a new activation link');
  await rep.ctx.close();
  await ctx.close();
});

test('client and representative: own overview and who has seen the data', async () => {
  const { ctx, page } = await signedIn('matti.korhonen');
  await visit(page, `/clients/${MATTI}`);
  assert.equal(await h1Text(page), 'Matti Korhonen');
  assert.match(await page.locator('main .lead').innerText(), /sinun tietosi/);
  for (const id of ['link-offer', 'link-support-plan', 'link-plans', 'link-log'])
    assert.equal(await page.locator(`#${id}`).count(), 1, id);
  for (const id of ['link-edit', 'link-assessments', 'account-form', 'mandate-form', 'hetu-reveal'])
    assert.equal(await page.locator(`#${id}`).count(), 0, id);
  assert.match(await page.locator('main dl.facts').first().innerText(), /140387-901Y/,
    'the client sees their own code whole');
  await assertAxeClean(page, 'own page');
  await submit(page, '#link-log');
  assert.equal(await h1Text(page), 'Kuka on katsonut tietoja');
  const rows = page.locator('#uselog-list tbody tr');
  assert.ok(await rows.count() >= 1);
  assert.ok((await page.locator('#uselog-list').innerText()).includes('Maria Nieminen'));
  await assertAxeClean(page, 'own log (fi)');
  await switchLanguage(page, 'sv');
  assert.equal(await h1Text(page), 'Vem har sett uppgifterna');
  assert.match(await page.locator('#uselog-list').innerText(), /socialarbetare|grunduppgifter/i);
  await assertAxeClean(page, 'own log (sv)');
  await visit(page, '/clients/2', 404);
  await visit(page, '/clients/2/log', 404);
  await visit(page, '/clients', 403);
  await ctx.close();

  const rep = await signedIn('liisa.virtanen');
  await visit(rep.page, `/clients/${ALEKSI}`);
  assert.equal(await h1Text(rep.page), 'Aleksi Virtanen');
  assert.equal(await rep.page.locator('#client-easy-read').count(), 1);
  assert.match(await rep.page.locator('main .lead').innerText(), /edustat/);
  assert.equal(await rep.page.locator('#hetu-reveal').count(), 1, 'masked, with the button');
  await assertAxeClean(rep.page, 'representative page');
  await visit(rep.page, `/clients/${ALEKSI}/log`);
  await assertAxeClean(rep.page, 'representative log');
  await visit(rep.page, `/clients/${SANNA}`, 404);
  await rep.ctx.close();
});

test('decision maker: finds any client of the organiser, edits nothing', async () => {
  const { ctx, page } = await signedIn('johanna.ek');
  await visit(page, '/clients');
  assert.equal(await page.locator('#new-client').count(), 0);
  assert.equal(await page.locator('#client-list').count(), 0, 'no list before a search');
  await page.fill('#q', 'heikk');
  await submit(page, '#client-search-submit');
  await submit(page, '#client-list tbody a');
  assert.equal(await h1Text(page), 'Sanna Heikkinen');
  assert.equal(await page.locator('#link-edit').count(), 0);
  assert.equal(await page.locator('#mandate-form').count(), 0);
  assert.equal(await page.locator('#account-form').count(), 0);
  await assertAxeClean(page, 'client page, decision maker');
  await visit(page, `/clients/${SANNA}/edit`, 403);
  await ctx.close();
});
