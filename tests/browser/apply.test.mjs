// Browser tests of the public application (/apply, web/providers.c): found
// from the sign-in page without signing in, in Finnish and Swedish; a
// submit with a wrong Y-tunnus, no service and a weak password shows every
// error in the summary, linked to its field, with what was typed kept;
// the corrected application signs the applicant in as the provider's
// admin on its own page, with its applications waiting. axe clean on
// every page. No JavaScript is needed (the forms post and redirect).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  useService, submit, assertAxeClean, h1Text, htmlLang, switchLanguage, newContext, fillForm,
} from './lib.mjs';

const env = useService();

const FIELDS = {
  name: 'Hoivakoti Kielo Oy', ytunnus: '9612345-1', email: 'kielo@example.fi',
  areas: 'Porvoo', register_no: 'S-77', register_date: '2025-10-01',
  want_municipalities: 'Porvoo, Askola', username: 'kielo.admin', display_name: 'Kaija Kielo',
  password: 'password1234',
};

test('Finnish: from the sign-in page, errors named and linked, then applied and signed in', async () => {
  const ctx = await newContext(env.browser);
  const page = await ctx.newPage();
  await env.visit(page, 'login');
  assert.equal(await page.locator('main a[href="/apply"]').count(), 1, 'linked from the sign-in page');
  await env.visit(page, 'apply');
  assert.equal(await h1Text(page), 'Hae palveluntuottajaksi');
  assert.equal(await page.locator('.user-box').count(), 0, 'nobody signed in');
  await assertAxeClean(page, '/apply (fi)');

  await fillForm(page, FIELDS);
  await page.selectOption('#register_name', 'soteri');
  await submit(page, '#apply-submit', 422);
  const summary = page.locator('.error-summary');
  for (const id of ['want_services'])
    assert.equal(await summary.locator(`a[href="#${id}"]`).count(), 1, `summary links #${id}`);
  assert.equal(await page.locator('#name').inputValue(), 'Hoivakoti Kielo Oy', 'typed text kept');
  assert.equal(await page.locator('#password').inputValue(), '', 'the password is not sent back');
  await assertAxeClean(page, '/apply (fi, errors)');

  // the services chosen: now the Y-tunnus is the first thing wrong
  await page.check('#want-personal_assistance');
  await page.check('#want-day_activities');
  await page.fill('#password', 'Kielon-hoivakoti-haku-2026');
  await submit(page, '#apply-submit', 422);
  assert.equal(await summary.locator('a[href="#ytunnus"]').count(), 1);
  assert.equal(await page.locator('#ytunnus').getAttribute('aria-invalid'), 'true');
  assert.ok(await page.locator('#want-day_activities').isChecked(), 'services kept');
  await assertAxeClean(page, '/apply (fi, ytunnus)');

  await page.fill('#ytunnus', '9612345-0');
  await page.fill('#password', 'password1234');
  await submit(page, '#apply-submit', 422);
  assert.equal(await summary.locator('a[href="#password"]').count(), 1, 'a common password refused');

  await page.fill('#password', 'Kielon-hoivakoti-haku-2026');
  await submit(page, '#apply-submit', 200);
  assert.match(page.url(), /\/providers\/\d+\?saved=1$/);
  assert.equal(await h1Text(page), 'Hoivakoti Kielo Oy');
  assert.match(await page.locator('.user-box').innerText(), /Kaija Kielo/);
  const rows = page.locator('#provider-approvals tbody tr');
  assert.equal(await rows.count(), 4, 'two services in two municipalities');
  assert.match(await rows.first().innerText(), /Haettu/);
  await assertAxeClean(page, 'the new provider page (fi)');
  await ctx.close();
});

test('Swedish: the application page and an application in Swedish', async () => {
  const ctx = await newContext(env.browser, { locale: 'sv-FI' });
  const page = await ctx.newPage();
  await env.visit(page, 'apply');
  if (await htmlLang(page) !== 'sv')
    await switchLanguage(page, 'sv');
  assert.equal(await htmlLang(page), 'sv');
  assert.equal(await h1Text(page), 'Ansök om att bli serviceproducent');
  await assertAxeClean(page, '/apply (sv)');
  await fillForm(page, { ...FIELDS, name: 'Vårdhemmet Liljan Ab', ytunnus: '9612346-8',
    username: 'liljan.admin', display_name: 'Lilian Lind', password: 'Liljans-ansokan-till-Borga' });
  await page.check('#want-transport');
  await submit(page, '#apply-submit', 422);
  assert.match(await page.title(), /^Fel:/);
  assert.equal(await page.locator('.error-summary a[href="#ytunnus"]').count(), 1);
  await assertAxeClean(page, '/apply (sv, error)');
  await page.fill('#ytunnus', '9612346-9');
  await page.fill('#password', 'Liljans-ansokan-till-Borga');
  await submit(page, '#apply-submit', 200);
  assert.equal(await h1Text(page), 'Vårdhemmet Liljan Ab');
  assert.equal(await htmlLang(page), 'sv');
  await assertAxeClean(page, 'the new provider page (sv)');
  await ctx.close();
});
