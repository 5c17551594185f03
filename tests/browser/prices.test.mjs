// Browser tests of the price list page (/prices): Finnish and Swedish, axe
// clean in each; adding a version through the form (and its error state);
// choosing another day; every version; importing a CSV whose line 3 is
// wrong (the error names the line, nothing is written) and then a good
// one; the worker's read-only view; a client is refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  useService, submit, assertAxeClean, h1Text, htmlLang, switchLanguage,
} from './lib.mjs';

const H1 = { fi: 'Hinnasto', sv: 'Prislista', en: 'Price list' };
const HEADER = 'service;unit;unit_price;instrument;valid_from;valid_to';

const env = useService();
const { signedIn } = env;

const rowOf = (page, name) => page.locator('#price-table tbody tr', { has: page.locator(`th:text-is("${name}")`) });

test('the price list in Finnish and Swedish, axe clean', async () => {
  const { ctx, page } = await signedIn('pekka.salonen');
  const resp = await page.goto(env.srv.url + 'prices');
  assert.equal(resp.status(), 200);
  assert.equal(await htmlLang(page), 'fi');
  assert.equal(await h1Text(page), H1.fi);
  assert.equal(await page.locator('h1').count(), 1);
  assert.equal(await page.locator('#price-table tbody tr').count(), 10);
  const pa = rowOf(page, 'Henkilökohtainen apu');
  assert.match(await pa.innerText(), /tunti\s+28,50\s€\s+maksusitoumus\s+1\.1\.2026\s+toistaiseksi\s+1/);
  for (const id of ['#price-date', '#price-form', '#price-import-form', '#price-export', '#price-all',
    '#service', '#unit', '#unit_price', '#instrument', '#valid_from', '#valid_to', '#price-save',
    '#csv', '#price-import'])
    assert.equal(await page.locator(id).count(), 1, id);
  await assertAxeClean(page, '/prices (fi)');

  await switchLanguage(page, 'sv');
  assert.equal(new URL(page.url()).pathname, '/prices');
  assert.equal(await htmlLang(page), 'sv');
  assert.equal(await h1Text(page), H1.sv);
  assert.match(await rowOf(page, 'Personlig assistans').innerText(),
    /timme\s+28,50\s€\s+betalningsförbindelse/);
  await assertAxeClean(page, '/prices (sv)');
  await switchLanguage(page, 'fi');
  await ctx.close();
});

test('add a version: errors first, then saved and in force from its day', async () => {
  const { ctx, page } = await signedIn('admin');
  await page.goto(env.srv.url + 'prices');
  // nothing chosen: 422, a summary linking to the fields, the fields marked
  let resp = await submit(page, '#price-save', 422);
  const summary = page.locator('.error-summary[role="alert"]');
  assert.equal(await summary.count(), 1);
  for (const f of ['service', 'unit', 'unit_price', 'instrument', 'valid_from'])
    assert.equal(await summary.locator(`a[href="#${f}"]`).count(), 1, `summary links ${f}`);
  assert.equal(await page.locator('#service').getAttribute('aria-invalid'), 'true');
  assert.equal(await page.locator('#unit_price').getAttribute('aria-describedby'),
    'unit_price-hint unit_price-error');
  await assertAxeClean(page, '/prices add errors');

  // a bad amount keeps what was typed
  await page.selectOption('#service', 'home_care');
  await page.selectOption('#unit', 'hour');
  await page.fill('#unit_price', '45,505');
  await page.selectOption('#instrument', 'voucher');
  await page.fill('#valid_from', '2027-01-01');
  resp = await submit(page, '#price-save', 422);
  assert.equal(await page.locator('#service').inputValue(), 'home_care', 'service kept');
  assert.equal(await page.locator('#unit_price').inputValue(), '45,505', 'amount kept');
  assert.equal(await page.locator('#valid_from').inputValue(), '2027-01-01');
  assert.match(await page.locator('#unit_price-error').innerText(), /desimaali/);

  await page.fill('#unit_price', '45,50');
  resp = await submit(page, '#price-save', 200);
  assert.equal(new URL(page.url()).pathname, '/prices');
  assert.match(await page.locator('#price-notice').innerText(), /tallennettu/);
  // today the old price, from 2027-01-01 the new one
  assert.match(await rowOf(page, 'Kotihoito').innerText(), /44,50/);
  await page.fill('#date', '2027-01-01');
  resp = await submit(page, '#price-date-submit', 200);
  // the day the list is for, in the field and the heading, the Finnish way
  assert.equal(await page.locator('#date').inputValue(), '1.1.2027');
  assert.match(await page.locator('#price-list-heading').innerText(), /1\.1\.2027$/);
  assert.match(await rowOf(page, 'Kotihoito').innerText(),
    /tunti\s+45,50\s€\s+palveluseteli\s+1\.1\.2027\s+toistaiseksi\s+2/);
  // every version: both rows of home care
  await submit(page, '#price-all');
  assert.equal(await rowOf(page, 'Kotihoito').count(), 2);
  assert.equal(await page.locator('#price-table tbody tr').count(), 11);
  await assertAxeClean(page, '/prices?all=1');
  await ctx.close();
});

test('import a CSV: an error on line 3 is shown and writes nothing; then a good one', async () => {
  const { ctx, page } = await signedIn('pekka.salonen');
  await page.goto(env.srv.url + 'prices?all=1');
  const before = await page.locator('#price-table tbody tr').count();
  const bad = `${HEADER}\ntransport;trip;38,00;purchase;2027-02-01;\ntransport;matka;38,00;purchase;2027-02-01;\n`;
  await page.fill('#csv', bad);
  let resp = await submit(page, '#price-import', 422);
  const summary = page.locator('.error-summary[role="alert"]');
  assert.match(await summary.innerText(), /Rivi 3, sarake unit: /);
  assert.equal(await summary.locator('a[href="#csv"]').count(), 1);
  assert.match(await page.locator('#csv-error').innerText(), /Rivi 3/);
  assert.equal(await page.locator('#csv').getAttribute('aria-invalid'), 'true');
  assert.equal(await page.locator('#csv').inputValue(), bad, 'the text is kept');
  await assertAxeClean(page, '/prices/import error');
  await page.goto(env.srv.url + 'prices?all=1');
  assert.equal(await page.locator('#price-table tbody tr').count(), before, 'nothing written');

  await page.fill('#csv', `${HEADER}\r\ntransport;trip;38,00;purchase;2027-02-01;\r\n` +
    'day_activities;day;85,00;voucher;2026-01-01;\r\n');
  resp = await submit(page, '#price-import', 200);
  assert.equal(await page.locator('#price-added').innerText(), '1');
  assert.equal(await page.locator('#price-skipped').innerText(), '1');
  await page.goto(env.srv.url + 'prices?all=1');
  assert.equal(await page.locator('#price-table tbody tr').count(), before + 1);
  await ctx.close();
});

test('a worker reads the list and downloads it, without the forms; a client is refused', async () => {
  const { ctx, page } = await signedIn('maria.nieminen');
  const resp = await page.goto(env.srv.url + 'prices');
  assert.equal(resp.status(), 200);
  assert.equal(await h1Text(page), H1.fi);
  assert.equal(await page.locator('#price-form').count(), 0);
  assert.equal(await page.locator('#price-import-form').count(), 0);
  await assertAxeClean(page, '/prices (worker)');
  const href = await page.locator('#price-export').getAttribute('href');
  const csv = await ctx.request.get(env.srv.url + href.slice(1));
  assert.equal(csv.status(), 200);
  assert.match(csv.headers()['content-type'], /^text\/csv/);
  assert.match(csv.headers()['content-disposition'], /^attachment/);
  assert.match(await csv.text(), /service;unit;unit_price;instrument;valid_from;valid_to\r\n/);
  await ctx.close();

  const c = await signedIn('matti.korhonen');
  const r = await c.page.goto(env.srv.url + 'prices');
  assert.equal(r.status(), 403);
  await c.ctx.close();
});
