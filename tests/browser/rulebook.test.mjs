// Browser tests of the rulebook: the register's column and flag, the
// organiser's rulebook page (a refused form with its summary, a version
// added in Finnish and Swedish), and the provider admin's acceptance form
// on the provider's own page showing the text in the page's language;
// Finnish and Swedish, axe clean in each state. No JavaScript is needed:
// every step is a link or a form post.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useService, submit, assertAxeClean, h1Text, switchLanguage, fillForm } from './lib.mjs';

const env = useService();
const { signedIn, visit } = env;

const rowOf = (page, name) => page.locator('#provider-table tbody tr', { hasText: name });

test('the organiser adds a version; the register flags who has not accepted it', async () => {
  const { ctx, page } = await signedIn('maria.nieminen');
  await visit(page, '/providers/register');
  assert.match(await page.locator('#provider-table thead').innerText(), /Hyväksytty sääntökirja/);
  assert.match(await rowOf(page, 'Tukitupa').locator('.rulebook-cell').innerText(),
    /Uusin versio voimassa, ei hyväksytty/);
  assert.doesNotMatch(await rowOf(page, 'Apuviisas').locator('.rulebook-cell').innerText(),
    /ei hyväksytty/);
  await assertAxeClean(page, '/providers/register (fi, rulebook column)');

  await submit(page, '#rulebook-link', 200);
  assert.equal(await h1Text(page), 'Sääntökirja');
  assert.equal(await page.locator('.rulebook-version').count(), 1);
  assert.match(await page.locator('.rulebook-version h2').innerText(), /voimassa/);
  await assertAxeClean(page, '/rulebook (fi)');

  // nothing typed: 422, every field named and linked
  await submit(page, '#rulebook-save', 422);
  const summary = page.locator('.error-summary[role="alert"]');
  for (const id of ['rb-effective_on', 'rb-general_fi', 'rb-general_sv'])
    assert.equal(await summary.locator(`a[href="#${id}"]`).count(), 1, id);
  assert.equal(await page.locator('#rb-general_sv').getAttribute('aria-invalid'), 'true');
  await assertAxeClean(page, '/rulebook (fi, refused)');

  await fillForm(page, { 'rb-effective_on': '2099-01-01', 'rb-general_fi': 'Uudet yleiset ehdot.',
    'rb-general_sv': 'Nya allmänna villkor.', 'rb-part_fi': 'Kuljetuksen ehdot.',
    'rb-part_sv': 'Villkor för transport.' });
  await page.selectOption('#rb-service', 'transport');
  await submit(page, '#rulebook-save', 200);
  assert.equal(await page.locator('#rulebook-notice').count(), 1);
  assert.equal(await page.locator('.rulebook-version').count(), 2);
  assert.match(await page.locator('.rulebook-version').first().innerText(), /tulossa[\s\S]*Uudet yleiset ehdot\./);

  await switchLanguage(page, 'sv');
  assert.equal(await h1Text(page), 'Regelbok');
  assert.match(await page.locator('.rulebook-version').first().innerText(), /kommande[\s\S]*Nya allmänna villkor\.[\s\S]*Villkor för transport\./);
  await assertAxeClean(page, '/rulebook (sv)');

  await visit(page, '/providers/register');
  assert.match(await rowOf(page, 'Apuviisas').locator('.rulebook-cell').innerText(),
    /Den nyaste versionen har inte godkänts/);
  await ctx.close();
});

test("the provider's admin reads the version in its language and accepts it", async () => {
  const { ctx, page } = await signedIn('kari.makela');
  await visit(page, '/providers/1');
  assert.equal(await page.locator('#rulebook-history li').count(), 1);
  assert.match(await page.locator('#rulebook-open').innerText(), /Uudet yleiset ehdot\.[\s\S]*Kuljetuksen ehdot\./);
  await assertAxeClean(page, '/providers/1 (fi, rulebook to accept)');

  await switchLanguage(page, 'sv');
  assert.match(await page.locator('#rulebook-open').innerText(), /Nya allmänna villkor\.[\s\S]*Villkor för transport\./);
  assert.match(await page.locator('#rulebook-accept').innerText(), /Vi godkänner/);
  await assertAxeClean(page, '/providers/1 (sv, rulebook to accept)');

  await submit(page, '#rulebook-accept', 200);
  assert.equal(await page.locator('#rulebook-history li').count(), 2);
  assert.match(await page.locator('#rulebook-history li').first().innerText(), /1\.1\.2099: godkänd av Kari Mäkelä/);
  assert.equal(await page.locator('#rulebook-accept-form').count(), 0, 'nothing left to accept');
  await assertAxeClean(page, '/providers/1 (sv, accepted)');
  await ctx.close();

  const w = await signedIn('maria.nieminen');
  await visit(w.page, '/providers/register');
  assert.doesNotMatch(await rowOf(w.page, 'Apuviisas').locator('.rulebook-cell').innerText(),
    /ei hyväksytty|inte godkänts/);
  await w.ctx.close();
});
