// Browser tests of the invitations page (/invitations): Finnish and
// Swedish, axe clean in each state (empty, a refused form, a send with a
// bad row, the list); the form's errors linked from the summary; a send
// whose line 3 is bad queues the good rows and names line 3; a re-send
// queues nothing twice; the nav link for the worker; finance is refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useService, submit, assertAxeClean, h1Text, htmlLang, switchLanguage } from './lib.mjs';

const H1 = { fi: 'Palveluntuottajien kutsut', sv: 'Inbjudningar till serviceproducenter' };
const CSV = 'nimi;sähköposti\nHoiva Oy;info@hoiva.fi\n;nimi@puuttuu.fi\nÅbo Omsorg Ab;omsorg@abo.fi\n';

const env = useService();
const { signedIn } = env;

test('invitations in Finnish and Swedish: errors, a bad row by its line, the list, axe clean', async () => {
  const { ctx, page } = await signedIn('maria.nieminen');
  await page.click('a[href="/invitations"]');
  assert.equal(new URL(page.url()).pathname, '/invitations');
  assert.equal(await htmlLang(page), 'fi');
  assert.equal(await h1Text(page), H1.fi);
  assert.equal(await page.locator('#invite-table').count(), 0);
  assert.equal(await page.locator('#lang-fi').isChecked(), true);
  await assertAxeClean(page, '/invitations (fi, empty)');

  // nothing pasted: 422, the summary links the text area
  await submit(page, '#invite-send', 422);
  const summary = page.locator('.error-summary[role="alert"]');
  assert.equal(await summary.locator('a[href="#csv"]').count(), 1);
  assert.equal(await page.locator('#csv').getAttribute('aria-invalid'), 'true');
  await assertAxeClean(page, '/invitations (fi, refused)');

  // a CSV whose line 3 has no name: the two good rows go
  await page.fill('#csv', CSV);
  await page.check('#lang-both');
  await submit(page, '#invite-send', 200);
  assert.equal(await page.locator('#invite-queued').innerText(), '2');
  assert.equal(await page.locator('#invite-bad').innerText(), '1');
  assert.match(await page.locator('#invite-problems tbody tr').innerText(), /^3\s+Nimi\s+Palveluntuottajan nimi puuttuu\./);
  assert.equal(await page.locator('#csv').inputValue(), CSV, 'the text is kept to be fixed');
  assert.equal(await page.locator('#invite-table tbody tr').count(), 2);
  assert.match(await page.locator('#invite-table tbody tr').first().innerText(), /Åbo Omsorg Ab\s+omsorg@abo\.fi\s+suomi ja ruotsi/);
  await assertAxeClean(page, '/invitations (fi, a bad row)');

  // the same again: nothing new
  await submit(page, '#invite-send', 200);
  assert.equal(await page.locator('#invite-queued').innerText(), '0');
  assert.equal(await page.locator('#invite-already').innerText(), '2');
  assert.equal(await page.locator('#invite-table tbody tr').count(), 2);

  await switchLanguage(page, 'sv');
  assert.equal(await htmlLang(page), 'sv');
  assert.equal(await h1Text(page), H1.sv);
  assert.match(await page.locator('#invite-table thead').innerText(), /Namn\s+E-post\s+Språk\s+Status/);
  await assertAxeClean(page, '/invitations (sv)');

  // good rows only: back to the list with what was done
  await page.fill('#csv', 'Vård Ab;vard@vard.fi\n');
  await page.check('#lang-sv');
  await submit(page, '#invite-send', 200);
  assert.equal(new URL(page.url()).pathname, '/invitations');
  assert.equal(await page.locator('#invite-queued').innerText(), '1');
  assert.equal(await page.locator('#invite-table tbody tr').count(), 3);
  assert.match(await page.locator('#invite-table tbody tr').first().innerText(), /Vård Ab\s+vard@vard\.fi\s+svenska/);
  await assertAxeClean(page, '/invitations (sv, sent)');
  await switchLanguage(page, 'fi');
  await ctx.close();
});

test('finance may not invite', async () => {
  const { ctx, page } = await signedIn('pekka.salonen');
  assert.equal(await page.locator('a[href="/invitations"]').count(), 0);
  await env.visit(page, 'invitations', 403);
  await ctx.close();
});
