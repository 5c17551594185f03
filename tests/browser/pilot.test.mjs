// Browser test of the pilot's evidence (issue 14, items 2 and 3): the
// client answers the outcomes questionnaire from their home page (an
// unanswered question is named and tied to its group; the answer is kept
// and shown again), in fi and sv; the evaluator opens the pilot figures in
// fi and sv, where the demo's small groups show as hidden; the admin sets
// the smallest group; a worker is refused the figures and the evaluator a
// client's page; the figures download as CSV and as XLSX (read back with
// exceljs), the hidden ones hidden there too, and the page has the offers
// as an SVG chart with its text alternative. Axe clean on every page. A screenshot of the figures page
// in each language is kept in tests/browser/artifacts/ (ignored by git;
// CI may keep the folder as the run's artifacts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { fileURLToPath } from 'node:url';
import { useService, submit, assertAxeClean, switchLanguage, h1Text } from './lib.mjs';

const env = useService(null, { cases: true });
const { signedIn } = env;
const ARTIFACTS = fileURLToPath(new URL('./artifacts/', import.meta.url));

// Click selector and resolve the downloaded file's {name, bytes}.
async function download(page, selector) {
  const [d] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  return { name: d.suggestedFilename(), bytes: readFileSync(await d.path()) };
}

test('the client answers the questionnaire from the home page, in fi and sv', async () => {
  const { page } = await signedIn('matti.korhonen');
  await assertAxeClean(page, "the client's home with the questionnaire");
  await submit(page, '#dash-outcome a');
  assert.match(page.url(), /\/clients\/\d+\/outcomes$/);
  assert.equal(await h1Text(page), 'Kerro, miten budjetti toimii');
  await assertAxeClean(page, 'the questionnaire (fi)');
  // the demo's answer is there; clear one question by sending none
  await page.evaluate(() => { for (const r of document.querySelectorAll('input[name="q_help"]')) r.checked = false; });
  await submit(page, '#outcome-send', 422);
  assert.equal(await page.locator('.error-summary a[href="#q_help-3"]').count(), 1);
  assert.match(await page.locator('#q_help').innerText(), /Valitse yksi vastaus/);
  await assertAxeClean(page, 'the questionnaire with an error');
  await page.check('#q_life-2');
  await page.check('#q_help-3');
  await page.check('#q_choice-1');
  await page.fill('#comment', 'Haluaisin valita itse.');
  await submit(page, '#outcome-send');
  assert.equal(await page.locator('#outcome-notice').count(), 1);
  assert.equal(await page.isChecked('#q_life-2'), true);
  assert.equal(await page.isChecked('#q_choice-1'), true);
  assert.equal(await page.inputValue('#comment'), 'Haluaisin valita itse.');

  await switchLanguage(page, 'sv');
  assert.equal(await h1Text(page), 'Berätta hur budgeten fungerar');
  assert.match(await page.locator('main').innerText(), /Kan du välja vem som hjälper dig\?/);
  await assertAxeClean(page, 'the questionnaire (sv)');
  await page.check('#q_choice-3');
  await submit(page, '#outcome-send');
  assert.equal(await page.isChecked('#q_choice-3'), true);
});

test('the evaluator opens the pilot figures in fi and sv; small groups are hidden', async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  const { page } = await signedIn('eeva.arvioija');
  await submit(page, '#dash-pilot a');
  assert.equal(await h1Text(page), 'Pilotin tunnusluvut');
  assert.equal(await page.locator('#pilot-min-group').innerText(), '5');
  // the demo county has a handful of clients: its groups are hidden
  const offered = page.locator('#pilot-offers tr[data-key="offered"] td');
  assert.equal(await offered.getAttribute('data-suppressed'), 'true');
  assert.equal((await offered.innerText()).trim(), 'piilotettu');
  assert.equal(await page.locator('#pilot-outcomes tbody tr').count(), 3);
  await assertAxeClean(page, '/pilot (fi)');
  await page.screenshot({ path: ARTIFACTS + 'pilot-figures-fi.png', fullPage: true });
  const svg = page.locator('#pilot-chart svg, svg[aria-labelledby="pilot-chart-title"]').first();
  assert.equal(await svg.getAttribute('role'), 'img');
  assert.match(await page.locator('#pilot-chart-desc').textContent(), /Piilotettua lukua ei piirretä/);

  const csv = await download(page, '#pilot-csv');
  assert.match(csv.name, /^pilotin-luvut-\d{4}-01-01-\d{4}-\d\d-\d\d\.csv$/);
  const text = csv.bytes.toString('utf8');
  assert.equal(text.charCodeAt(0), 0xfeff, 'a byte order mark for Excel');
  const lines = text.slice(1).split('\r\n');
  assert.equal(lines[0], 'Osio;Luku;Lukumäärä;Euroa / asiakas;Huomautus');
  assert.ok(lines.includes('Henkilökohtaisen budjetin tarjoukset ja vastaukset;Tarjottu yhteensä;;;piilotettu'),
    lines.slice(0, 8).join('\n'));
  const xlsx = await download(page, '#pilot-xlsx');
  assert.match(xlsx.name, /\.xlsx$/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(xlsx.bytes);
  const sheet = wb.worksheets[0];
  assert.match(String(sheet.getCell('A1').value), /^Pilotin tunnusluvut/);
  assert.equal(sheet.getCell('A2').value, 'Osio');
  const rows = [];
  sheet.eachRow((row) => rows.push(row.values.slice(1)));
  const offeredRow = rows.find((r) => r[1] === 'Tarjottu yhteensä');
  assert.ok(offeredRow, JSON.stringify(rows.slice(0, 4)));
  assert.equal(offeredRow[4], 'piilotettu');
  assert.equal(rows.length, lines.filter((l) => l).length + 1, 'the caption, then as many rows as the CSV');
  await page.selectOption('#municipality', 'Porvoo');
  await submit(page, '#pilot-show');
  assert.match(page.url(), /municipality=Porvoo/);
  await switchLanguage(page, 'sv');
  assert.equal(await h1Text(page), 'Pilotens nyckeltal');
  assert.equal((await page.locator('#pilot-offers tr[data-key="offered"] td').innerText()).trim(),
    'dold');
  await assertAxeClean(page, '/pilot (sv)');
  await page.screenshot({ path: ARTIFACTS + 'pilot-figures-sv.png', fullPage: true });
  const csvSv = (await download(page, '#pilot-csv')).bytes.toString('utf8');
  assert.match(csvSv, /^\ufeffDel;Nyckeltal;Antal;Euro \/ klient;Anmärkning\r\n/);
  assert.match(csvSv, /;dold\r\n/);
  const wbSv = new ExcelJS.Workbook();
  await wbSv.xlsx.load((await download(page, '#pilot-xlsx')).bytes);
  assert.equal(wbSv.worksheets[0].getCell('A2').value, 'Del');
  // a period the wrong way round is named
  await page.fill('#from', '2026-02-01');
  await page.fill('#to', '2026-01-01');
  await submit(page, '#pilot-show', 422);
  assert.equal(await page.locator('.error-summary a[href="#to"]').count(), 1);
  // no client's data
  assert.equal((await page.goto(env.srv.url + 'clients/1')).status(), 403);
});

test('the representative reaches the questionnaire of the person they act for', async () => {
  const { page } = await signedIn('liisa.virtanen');
  await submit(page, '#dash-represented-list a[href$="/outcomes"]');
  assert.equal(await h1Text(page), 'Kerro, miten budjetti toimii');
  assert.equal(await page.locator('#outcome-answered').count(), 1, 'the demo answer is there');
});

test('the admin sets the smallest group; a worker may not see the figures', async () => {
  const { page } = await signedIn('admin');
  await page.goto(env.srv.url + 'pilot');
  await page.fill('#min_group', '2');
  await submit(page, '#min-group-save', 422);
  assert.equal(await page.locator('.error-summary a[href="#min_group"]').count(), 1);
  assert.equal(await page.getAttribute('#min_group', 'aria-invalid'), 'true');
  await page.fill('#min_group', '7');
  await submit(page, '#min-group-save');
  assert.equal(await page.locator('#pilot-min-group').innerText(), '7');
  const w = await signedIn('maria.nieminen');
  assert.equal((await w.page.goto(env.srv.url + 'pilot')).status(), 403);
});
