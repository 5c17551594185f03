// Browser tests of service events on the demo's case histories: Kari
// Mäkelä of Apuviisas records a service on the page of Matti Korhonen's
// personal assistance commitment (commitment 1; its first day is moved
// back three months with the sqlite3 shell, so days that have passed lie
// in its period) and sends a CSV with a bad line; Matti confirms one of
// the demo's services and disputes another with a reason; Maria Nieminen,
// his worker, resolves the dispute; the admin sets the dispute window.
// Each refused step shows the error summary tied to its field. Every page
// axe clean, in Finnish and Swedish; never the identity code to the
// provider.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { useService, submit, assertAxeClean, h1Text, switchLanguage } from './lib.mjs';

const HETU = '140387-901Y';

function sql(db, statement) {
  const r = spawnSync('sqlite3', ['-cmd', '.timeout 5000', db, statement], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.trim();
}

const env = useService((e) => {
  sql(e.srv.db, "UPDATE commitment SET valid_from = date('now', 'start of month', '-3 months') WHERE id = 1");
}, { cases: true });
const { signedIn } = env;
const text = async (page, sel) => (await page.locator(sel).innerText()).replace(/\s+/g, ' ');
const daysAgo = (n) => new Date(Date.now() - n * 86400e3).toISOString().slice(0, 10);

test('the provider records a service and sends a CSV with a bad line', async () => {
  const { ctx, page } = await signedIn('kari.makela');
  await submit(page, '#dash-events');
  assert.match(await h1Text(page), /Annetut palvelut/);
  assert.ok(!(await page.locator('main').innerText()).includes(HETU));
  await assertAxeClean(page, 'provider events (fi)');

  await env.visit(page, '/commitments/1/events');
  assert.match(await h1Text(page), /Palvelujen kirjaus: Henkilökohtainen apu, Matti Korhonen/);
  assert.ok(!(await page.locator('main').innerText()).includes(HETU));
  await assertAxeClean(page, 'commitment events (fi)');
  await page.fill('#ev-date', daysAgo(10));
  await submit(page, '#ev-record-submit', 422);
  assert.equal(await page.locator('.error-summary a[href="#ev-quantity"]').count(), 1);
  assert.equal(await page.getAttribute('#ev-quantity', 'aria-invalid'), 'true');
  await assertAxeClean(page, 'record errors');
  await page.fill('#ev-quantity', '2,5');
  await page.fill('#ev-note', 'Kauppa ja apteekki');
  const ext = await page.inputValue('#ev-ext');
  await submit(page, '#ev-record-submit');
  assert.match(await text(page, '#ev-notice'), /Palvelu kirjattiin/);
  assert.match(await text(page, '#ev-table'), new RegExp(ext));
  // the same form again (same reference): refused as a duplicate
  await page.fill('#ev-date', daysAgo(10));
  await page.fill('#ev-quantity', '2,5');
  await page.fill('#ev-ext', ext);
  await submit(page, '#ev-record-submit', 409);
  assert.match(await text(page, '.error-summary'), /on jo kirjattu/);
  await switchLanguage(page, 'sv');
  assert.match(await h1Text(page), /Registrera tjänster/);
  await assertAxeClean(page, 'commitment events (sv)');
  await switchLanguage(page, 'fi');

  await env.visit(page, '/providers/1/events');
  await page.fill('#ev-csv', 'sitoumus;pvm;maara;lisatieto;tunniste\n' +
    `1;${daysAgo(9)};2;Asiointi;CSV-1\n1;${daysAgo(8)};nolla;;CSV-2\n`);
  await submit(page, '#ev-csv-submit');
  assert.match(await text(page, '#ev-report-written'), /1$/);
  assert.match(await text(page, '#ev-report-lines'), /3 Määrä/);
  await assertAxeClean(page, 'CSV report (fi)');
  await ctx.close();
});

test('the client confirms one service and disputes another', async () => {
  const { ctx, page } = await signedIn('matti.korhonen');
  await submit(page, '#dash-own-events');
  assert.match(await h1Text(page), /Saamasi palvelut/);
  assert.match(await text(page, 'main'), /kerro siitä näytettyyn päivään mennessä/);
  await assertAxeClean(page, 'client events (fi)');
  const confirm = page.locator('#ev-list button[id^="ev-confirm-"]').first();
  const cid = (await confirm.getAttribute('id')).replace('ev-confirm-', '');
  await submit(page, `#ev-confirm-${cid}`);
  assert.match(await text(page, '#ev-notice'), /Palvelu on hyväksytty/);
  assert.match(await text(page, `#ev-${cid}`), /Hyväksytty/);

  const link = page.locator('#ev-list a[id^="ev-dispute-"]').first();
  const did = (await link.getAttribute('id')).replace('ev-dispute-', '');
  await submit(page, `#ev-dispute-${did}`);
  assert.match(await h1Text(page), /Palvelu/);
  await assertAxeClean(page, 'event (fi)');
  await switchLanguage(page, 'sv');
  assert.match(await text(page, '#ev-say'), /Säg vad som är fel/);
  await assertAxeClean(page, 'event (sv)');
  await switchLanguage(page, 'fi');
  await submit(page, '#ev-dispute', 422);
  assert.equal(await page.locator('.error-summary a[href="#ev-reason"]').count(), 1);
  await assertAxeClean(page, 'dispute errors');
  await page.fill('#ev-reason', 'Avustaja ei tullut lainkaan.');
  await submit(page, '#ev-dispute');
  assert.match(await text(page, '#ev-notice'), /Työntekijäsi selvittää asian/);
  assert.match(await text(page, `#ev-${did}`), /Kiistetty/);
  await switchLanguage(page, 'sv');
  assert.match(await h1Text(page), /Tjänster du har fått/);
  await assertAxeClean(page, 'client events (sv)');
  await switchLanguage(page, 'fi');
  await ctx.close();
});

test('the worker resolves a dispute', async () => {
  const { ctx, page } = await signedIn('maria.nieminen');
  await env.visit(page, '/disputes');
  assert.match(await h1Text(page), /Kiistetyt palvelut/);
  await assertAxeClean(page, 'disputes (fi)');
  const before = await page.locator('#ev-table tbody tr').count();
  assert.ok(before >= 1);
  await submit(page, '#ev-table tbody tr:first-child a');
  await switchLanguage(page, 'sv');
  assert.match(await text(page, '#ev-say'), /Avgör det bestridda/);
  await assertAxeClean(page, 'resolve (sv)');
  await switchLanguage(page, 'fi');
  await submit(page, '#ev-resolve', 422);
  assert.equal(await page.locator('.error-summary a[href="#ev-upheld"]').count(), 1);
  await assertAxeClean(page, 'resolve errors');
  await page.check('#ev-upheld');
  await page.fill('#ev-resolution', 'Asiakas oli sairaalassa sinä päivänä.');
  await submit(page, '#ev-resolve');
  assert.match(await text(page, '#ev-notice'), /Ratkaisu tallennettiin/);
  assert.equal(await page.locator('#ev-table tbody tr').count(), before - 1);
  await ctx.close();
});

test('the admin sets the dispute window', async () => {
  const { ctx, page } = await signedIn('admin');
  await env.visit(page, '/settings');
  assert.equal(await page.inputValue('#dispute_days'), '14');
  await page.fill('#dispute_days', '0');
  await submit(page, '#settings-save', 422);
  assert.equal(await page.locator('.error-summary a[href="#dispute_days"]').count(), 1);
  await assertAxeClean(page, 'settings with a bad window');
  await page.fill('#dispute_days', '21');
  await submit(page, '#settings-save');
  await env.visit(page, '/settings');
  assert.equal(await page.inputValue('#dispute_days'), '21');
  await ctx.close();
});
