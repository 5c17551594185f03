// Browser tests of the provider pages: the public list of approved
// providers without signing in (filter, prices, languages, accessibility)
// in Finnish and Swedish; the worker's register, a provider's page with its
// approvals and history, a decision refused without a reason and then
// made, an application, adding a provider with a wrong Y-tunnus and then a
// right one; the provider user's own page (and 404 for another's). axe
// clean on every page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  useService, submit, assertAxeClean, h1Text, htmlLang, switchLanguage, newContext,
} from './lib.mjs';

const env = useService();
const { signedIn } = env;

test('the public list without signing in, in Finnish and Swedish, axe clean', async () => {
  const ctx = await newContext(env.browser);
  const page = await ctx.newPage();
  await env.visit(page, 'providers');
  assert.equal(await h1Text(page), 'Hyväksytyt palveluntuottajat');
  assert.equal(await page.locator('.user-box').count(), 0, 'nobody signed in');
  await assertAxeClean(page, '/providers (fi, empty)');
  await page.selectOption('#service', 'personal_assistance');
  await page.selectOption('#municipality', 'Porvoo');
  await submit(page, '#provider-filter-submit', 200);
  const cards = page.locator('#provider-results > li');
  assert.equal(await cards.count(), 2);
  const apu = cards.filter({ hasText: 'Apuviisas Oy' });
  const text = await apu.innerText();
  assert.match(text, /31,50\s€ \/ tunti/);
  assert.match(text, /suomi, englanti/);
  assert.match(text, /Esteetön kulku/);
  assert.equal(await page.locator('#service').inputValue(), 'personal_assistance', 'filter kept');
  await assertAxeClean(page, '/providers (fi, list)');

  await switchLanguage(page, 'sv');	// back to /providers (the header form keeps the path only)
  assert.equal(await htmlLang(page), 'sv');
  assert.equal(await h1Text(page), 'Godkända producenter');
  await env.visit(page, 'providers?service=personal_assistance&municipality=Porvoo');
  assert.match(await page.locator('#provider-results-heading').innerText(), /Personlig assistans, Borgå/, 'the municipality by its Swedish name');
  assert.match(await page.locator('#provider-results').innerText(), /Hörslinga/);
  await assertAxeClean(page, '/providers (sv, list)');

  await env.visit(page, 'providers?service=nope&municipality=Porvoo', 422);
  assert.equal(await page.locator('.error-summary a[href="#service"]').count(), 1);
  await assertAxeClean(page, '/providers (sv, error)');
  await ctx.close();
});

test('the worker: the register, a decision refused and made, an application', async () => {
  const { ctx, page } = await signedIn('maria.nieminen');
  await submit(page, 'nav a[href="/providers/register"]', 200);
  assert.equal(await h1Text(page), 'Palveluntuottajarekisteri');
  assert.equal(await page.locator('#provider-table tbody tr').count(), 3);
  await assertAxeClean(page, '/providers/register');

  await submit(page, '#provider-table a:text-is("Stiftelsen Solgläntan sr")', 200);
  const row = page.locator('#provider-approvals tbody tr', { hasText: 'Päivätoiminta' });
  assert.match(await row.locator('.approval-state').innerText(), /Haettu/);
  await assertAxeClean(page, '/providers/3');

  const day = await page.locator('#decide-approval option', { hasText: 'Päivätoiminta' }).getAttribute('value');
  await page.selectOption('#decide-approval', day);
  await page.selectOption('#decide-state', 'rejected');
  await submit(page, '#decide-save', 422);
  assert.equal(await page.locator('.error-summary a[href="#decide-reason"]').count(), 1);
  assert.equal(await page.locator('#decide-reason').getAttribute('aria-invalid'), 'true');
  await assertAxeClean(page, '/providers/3 decision error');

  await page.selectOption('#decide-approval', day);
  await page.selectOption('#decide-state', 'approved');
  await submit(page, '#decide-save', 200);
  assert.match(await page.locator('#provider-notice').innerText(), /Tallennettu/);
  assert.match(await page.locator(`#approval-${day} .approval-state`).innerText(), /Hyväksytty/);
  const hist = await page.locator(`#history-${day}`).innerText();
  assert.match(hist, /Haettu/);
  assert.match(hist, /Hyväksytty.*Maria Nieminen/);

  await page.selectOption('#apply-service', 'transport');
  await page.selectOption('#apply-municipality', 'Porvoo');
  await submit(page, '#apply-save', 200);
  assert.match(await page.locator('#provider-approvals').innerText(), /Kuljetuspalvelu|kuljetus/i);
  await ctx.close();
});

test('the worker adds a provider: a wrong Y-tunnus named, then saved', async () => {
  const { ctx, page } = await signedIn('maria.nieminen');
  await env.visit(page, 'providers/new');
  assert.equal(await h1Text(page), 'Lisää palveluntuottaja');
  await assertAxeClean(page, '/providers/new');
  await page.fill('#name', 'Kotiapu Kestävä Oy');
  await page.fill('#ytunnus', '9612345-1');
  await page.fill('#areas', 'Porvoo, Sipoo');
  await page.check('#language-sv');
  await submit(page, '#provider-save', 422);
  assert.equal(await page.locator('.error-summary a[href="#ytunnus"]').count(), 1);
  assert.equal(await page.locator('#name').inputValue(), 'Kotiapu Kestävä Oy', 'name kept');
  assert.equal(await page.locator('#language-sv').isChecked(), true, 'language kept');
  await assertAxeClean(page, '/providers/new error');
  await page.fill('#ytunnus', '9612345-0');
  await submit(page, '#provider-save', 200);
  assert.equal(await h1Text(page), 'Kotiapu Kestävä Oy');
  assert.match(await page.locator('#provider-facts').innerText(), /Porvoo\s+Sipoo/);
  await submit(page, '#provider-edit', 200);
  await assertAxeClean(page, '/providers/N/edit');
  await ctx.close();
});

test('the provider user: its own page only, and editing it', async () => {
  const { ctx, page } = await signedIn('kari.makela');
  await submit(page, 'nav a[href="/providers/1"]', 200);
  assert.equal(await h1Text(page), 'Apuviisas Oy');
  assert.equal(await page.locator('#decide-form').count(), 0, 'no decisions');
  await assertAxeClean(page, '/providers/1 (provider)');
  await env.visit(page, 'providers/2', 404);
  await env.visit(page, 'providers/register', 403);
  await env.visit(page, 'providers/1/edit');
  await page.fill('#phone', '019 555 0111');
  await submit(page, '#provider-save', 200);
  assert.match(await page.locator('#provider-facts').innerText(), /019 555 0111/);
  // a location and an own price, the price first refused without an amount
  await page.fill('#loc-name', 'Apuviisas Sipoo');
  await page.fill('#loc-address', 'Kartanontie 1, Sipoo');
  await page.selectOption('#loc-municipality', 'Sipoo');
  await page.check('#loc-hearing_loop');
  await submit(page, '#location-save', 200);
  assert.match(await page.locator('#provider-locations-heading + *').locator('xpath=..').innerText(),
    /Apuviisas Sipoo[\s\S]*Induktiosilmukka/);
  await page.selectOption('#price-service', 'transport');
  await page.selectOption('#price-unit', 'trip');
  await page.fill('#price-valid_from', '2026-01-01');
  await submit(page, '#price-save', 422);
  assert.equal(await page.locator('.error-summary a[href="#price-unit_price"]').count(), 1);
  await assertAxeClean(page, '/providers/1 price error');
  await page.selectOption('#price-service', 'transport');
  await page.selectOption('#price-unit', 'trip');
  await page.fill('#price-unit_price', '36,00');
  await page.fill('#price-valid_from', '2026-01-01');
  await submit(page, '#price-save', 200);
  assert.match(await page.locator('#provider-prices').innerText(), /36,00\s€ \/ matka/);
  await switchLanguage(page, 'sv');
  assert.equal(await htmlLang(page), 'sv');
  await assertAxeClean(page, '/providers/1 (provider, sv)');
  await switchLanguage(page, 'fi');
  await ctx.close();
});
