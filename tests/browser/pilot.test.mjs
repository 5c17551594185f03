// Browser test of the pilot's evidence (issue 14, items 2 and 3): the
// client answers the outcomes questionnaire from their home page (an
// unanswered question is named and tied to its group; the answer is kept
// and shown again), in fi and sv; the evaluator opens the pilot figures in
// fi and sv, where the demo's small groups show as hidden; the admin sets
// the smallest group; a worker is refused the figures and the evaluator a
// client's page. Axe clean on every page. A screenshot of the figures page
// in each language is kept in tests/browser/artifacts/ (ignored by git;
// CI may keep the folder as the run's artifacts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { useService, submit, assertAxeClean, switchLanguage, h1Text } from './lib.mjs';

const env = useService(null, { cases: true });
const { signedIn } = env;
const ARTIFACTS = fileURLToPath(new URL('./artifacts/', import.meta.url));

test('the client answers the questionnaire from the home page, in fi and sv', async () => {
  const { page } = await signedIn('matti.korhonen');
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
  await page.selectOption('#municipality', 'Porvoo');
  await submit(page, '#pilot-show');
  assert.match(page.url(), /municipality=Porvoo/);
  await switchLanguage(page, 'sv');
  assert.equal(await h1Text(page), 'Pilotens nyckeltal');
  assert.equal((await page.locator('#pilot-offers tr[data-key="offered"] td').innerText()).trim(),
    'dold');
  await assertAxeClean(page, '/pilot (sv)');
  await page.screenshot({ path: ARTIFACTS + 'pilot-figures-sv.png', fullPage: true });
  // a period the wrong way round is named
  await page.fill('#from', '2026-02-01');
  await page.fill('#to', '2026-01-01');
  await submit(page, '#pilot-show', 422);
  assert.equal(await page.locator('.error-summary a[href="#to"]').count(), 1);
  await assertAxeClean(page, '/pilot with an error');
  // no client's data
  assert.equal((await page.goto(env.srv.url + 'clients/1')).status(), 403);
});

test('the admin sets the smallest group; a worker may not see the figures', async () => {
  const { page } = await signedIn('admin');
  await page.goto(env.srv.url + 'pilot');
  await page.fill('#min_group', '2');
  await submit(page, '#min-group-save', 422);
  assert.equal(await page.locator('.error-summary a[href="#min_group"]').count(), 1);
  assert.equal(await page.getAttribute('#min_group', 'aria-invalid'), 'true');
  await assertAxeClean(page, '/pilot with a wrong smallest group');
  await page.fill('#min_group', '7');
  await submit(page, '#min-group-save');
  assert.equal(await page.locator('#pilot-min-group').innerText(), '7');
  const w = await signedIn('maria.nieminen');
  assert.equal((await w.page.goto(env.srv.url + 'pilot')).status(), 403);
});
