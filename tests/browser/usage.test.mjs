// Browser tests of budget against use: the decision maker opens the report
// from the navigation in Finnish and Swedish (the chart with its text
// alternative and the same figures as a table), downloads the CSV and the
// XLSX (the XLSX read back with exceljs), and gets the filter back with
// its error for a bad date; the worker's home has its alerts section and
// the client's home their own budget in plain words; the admin sets the
// alert thresholds. Every page axe clean.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { useService, submit, assertAxeClean, h1Text, switchLanguage } from './lib.mjs';

const env = useService(undefined, { cases: true });
const { signedIn } = env;
const text = async (page, sel) => (await page.locator(sel).innerText()).replace(/\s+/g, ' ');
const year = new Date().getUTCFullYear();

async function download(page, selector) {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  return { name: dl.suggestedFilename(), bytes: await readFile(await dl.path()) };
}

test('the report in fi and sv, with chart, table and both downloads', async () => {
  const { ctx, page } = await signedIn('johanna.ek', { acceptDownloads: true });
  await submit(page, 'nav a[href="/reports/usage"]');
  assert.equal(await h1Text(page), 'Budjetti ja käyttö');
  await page.fill('#usage-to', `${year + 1}-12-31`);
  await submit(page, '#usage-show');
  const svg = page.locator('figure.chart svg[role="img"]');
  assert.equal(await svg.count(), 1);
  assert.match(await svg.locator('title').textContent(), /Käytetty myönnetystä/);
  assert.match(await svg.locator('desc').textContent(), /Aleksi Virtanen: Tuettu asuminen: /);
  assert.ok(await page.locator('#usage-table tbody tr').count() >= 2);
  assert.match(await text(page, '#usage-table caption'), /palvelusuunnitelman riveittäin/);
  await assertAxeClean(page, 'usage report (fi)');

  const csv = await download(page, '#usage-csv');
  assert.match(csv.name, /^budjetti-ja-kaytto-line-.*\.csv$/);
  const rows = csv.bytes.subarray(3).toString('utf8').split('\r\n').filter(Boolean);
  assert.equal(rows.length, await page.locator('#usage-table tbody tr').count() + 2);
  assert.match(rows[0], /^Asiakas;Palvelu;Palveluntuottaja;/);

  await switchLanguage(page, 'sv');
  assert.equal(await h1Text(page), 'Budget och användning');
  assert.match(await text(page, '#usage-table caption'), /per rad i serviceplanen/);
  await assertAxeClean(page, 'usage report (sv)');
  const xlsx = await download(page, '#usage-xlsx');
  assert.match(xlsx.name, /^budget-och-anvandning-line-.*\.xlsx$/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(xlsx.bytes);
  const ws = wb.worksheets[0];
  assert.equal(ws.name, 'Rapport');
  assert.deepEqual(ws.getRow(2).values.slice(1, 4), ['Klient', 'Tjänst', 'Serviceproducent']);
  const first = ws.getRow(3);
  assert.ok(first.getCell(4).value instanceof Date, 'the start is a real date');
  assert.equal(first.getCell(4).numFmt, 'd.m.yyyy');
  assert.equal(typeof first.getCell(6).value, 'number');
  assert.match(first.getCell(6).numFmt, /€/);
  const shown = await text(page, '#usage-table tbody tr:first-child td:nth-child(6)');
  assert.equal(shown.replace(/[\s\u00a0€]/g, '').replace(',', '.'), first.getCell(6).value.toFixed(2));
  await switchLanguage(page, 'fi');

  // per service, and a bad date: the filter again with its error, 422
  await page.selectOption('#usage-by', 'service');
  await submit(page, '#usage-show');
  assert.match(await text(page, '#usage-table thead'), /Rivejä/);
  await page.fill('#usage-from', '2026-02-30');
  await submit(page, '#usage-show', 422);
  assert.equal(await page.locator('.error-summary a[href="#usage-from"]').count(), 1);
  await assertAxeClean(page, 'usage report, bad date');
  await ctx.close();
});

test('the worker\'s home has its alerts; the client\'s home their own budget', async () => {
  const w = await signedIn('maria.nieminen');
  assert.equal(await w.page.locator('#usage-alerts-h').count(), 1);
  assert.match(await text(w.page, '#usage-alerts-h + *'), /kiistettyjä tapahtumia|Ei huomioitavaa/);
  await assertAxeClean(w.page, 'worker home with alerts');
  await w.ctx.close();

  const c = await signedIn('matti.korhonen');
  assert.match(await text(c.page, '#usage-own-h'), /Oma budjettini/);
  assert.match(await text(c.page, 'section[aria-labelledby="usage-own-h"]'),
    /myönnetty .*€, käytetty .*€, jäljellä .*€|ei ole tänään voimassa/);
  await assertAxeClean(c.page, 'client home with own budget');
  await c.ctx.close();
});

test('the admin sets the alert thresholds', async () => {
  const { ctx, page } = await signedIn('admin');
  await submit(page, 'nav a[href="/settings"]');
  await page.fill('#usage_pace_pct', '101');
  await submit(page, '#usage-settings-save', 422);
  assert.equal(await page.locator('.error-summary a[href="#usage_pace_pct"]').count(), 1);
  await assertAxeClean(page, 'usage thresholds refused');
  await page.fill('#usage_pace_pct', '40');
  await submit(page, '#usage-settings-save');
  assert.equal(await page.locator('#usage_pace_pct').inputValue(), '40');
  assert.equal(await page.locator('#usage-settings-form .notice-success').count(), 1);
  await assertAxeClean(page, 'settings with usage thresholds');
  await ctx.close();
});
