// Browser test of the organiser's settings page (/settings, admin only):
// the registry office and the accessibility feedback address are settings,
// never dummy text. Axe clean in fi and sv; an invalid value (a bidi
// override) is named in the summary and tied to its field, nothing saved;
// a saved address shows in the accessibility statement; a worker is refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useService, submit, assertAxeClean, switchLanguage } from './lib.mjs';

const env = useService();
const { signedIn } = env;

test('the admin sets the registry and feedback address; errors are named', async () => {
  const { page } = await signedIn('admin');
  const resp = await page.goto(env.srv.url + 'settings');
  assert.equal(resp.status(), 200);
  assert.equal(await page.inputValue('#registry_address'), 'Kirjaamo, PL 46, 06151 Porvoo');
  await assertAxeClean(page, '/settings (fi)');
  await switchLanguage(page, 'sv');
  await assertAxeClean(page, '/settings (sv)');
  await switchLanguage(page, 'fi');

  await page.fill('#a11y_email', 'palaute\u202E@example.fi');
  await submit(page, '#settings-save', 422);
  const summary = page.locator('.error-summary a[href="#a11y_email"]');
  assert.equal(await summary.count(), 1);
  assert.equal(await page.getAttribute('#a11y_email', 'aria-invalid'), 'true');
  await assertAxeClean(page, '/settings with an error');

  await page.fill('#a11y_email', 'saavutettavuus@porvoo.example');
  await submit(page, '#settings-save');
  await page.goto(env.srv.url + 'accessibility');
  assert.match(await page.locator('main').innerText(), /saavutettavuus@porvoo\.example/);
});

test('the admin sets the time providers have to invoice ended commitments', async () => {
  const { page } = await signedIn('admin');
  await page.goto(env.srv.url + 'settings');
  assert.equal(await page.inputValue('#charge_days'), '60');
  await page.fill('#charge_days', '9999');
  await submit(page, '#charging-save', 422);
  assert.equal(await page.locator('.error-summary a[href="#charge_days"]').count(), 1);
  assert.equal(await page.getAttribute('#charge_days', 'aria-invalid'), 'true');
  await assertAxeClean(page, '/settings with a charging error');
  await page.fill('#charge_days', '45');
  await submit(page, '#charging-save');
  assert.equal(await page.inputValue('#charge_days'), '45');
});

test('a worker may not open the settings', async () => {
  const { page } = await signedIn('maria.nieminen');
  const resp = await page.goto(env.srv.url + 'settings');
  assert.equal(resp.status(), 403);
});
