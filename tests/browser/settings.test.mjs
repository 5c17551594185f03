// Browser test of the organiser's settings page (/settings, admin only):
// the registry office, the appeal authority, the accessibility statement's
// feedback channel and supervisor, and the logo are settings, never dummy
// text. Checked in fi, sv and en; an invalid value (a bidi override, a
// phone number that is none) is named in the summary and tied to its
// field, nothing saved; a save says what was saved; what is missing is
// listed on the page and the admin's home; the logo shows on the pages; a
// worker is refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useService, submit, assertAxeClean, switchLanguage } from './lib.mjs';
import { makePng } from '../png.mjs';

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
  await page.fill('#a11y_phone', 'soita');
  await submit(page, '#settings-save', 422);
  assert.equal(await page.locator('.error-summary a[href="#a11y_phone"]').count(), 1);
  assert.equal(await page.inputValue('#a11y_email'), 'saavutettavuus@porvoo.example', 'what was typed stays');
  await assertAxeClean(page, '/settings with a phone error');
  await page.fill('#a11y_phone', '019 520 4011');
  await submit(page, '#settings-save');
  assert.equal(await page.locator('#notice').innerText(), 'Asetukset tallennettu.');
  await assertAxeClean(page, '/settings saved');
  await page.goto(env.srv.url + 'accessibility');
  const statement = await page.locator('main').innerText();
  assert.match(statement, /saavutettavuus@porvoo\.example/);
  assert.match(statement, /019 520 4011/);
  assert.match(statement, /Etelä-Suomen aluehallintovirasto/);
  await assertAxeClean(page, '/accessibility (fi)');
  await switchLanguage(page, 'sv');
  assert.match(await page.locator('main').innerText(), /Regionförvaltningsverket i Södra Finland/);
  await switchLanguage(page, 'fi');
});

test('what is missing is listed on the settings page and the home, until it is set', async () => {
  const { page } = await signedIn('admin');
  await page.goto(env.srv.url + 'settings');
  assert.equal(await page.locator('#settings-missing').count(), 0);
  assert.equal(await page.locator('#settings-complete').count(), 1);
  await page.fill('#appeal_name_sv', '');
  await submit(page, '#settings-save');
  assert.match(await page.locator('#settings-missing').innerText(), /Hallinto-oikeuden nimi ruotsiksi/);
  await page.goto(env.srv.url);
  assert.match(await page.locator('#dash-settings-missing').innerText(), /Hallinto-oikeuden nimi ruotsiksi/);
  await switchLanguage(page, 'en');
  assert.match(await page.locator('#dash-settings-missing').innerText(), /administrative court's name in Swedish/);
  await assertAxeClean(page, 'admin home with missing settings (en)');
  await page.goto(env.srv.url + 'settings');
  await assertAxeClean(page, '/settings (en)');
  await page.fill('#appeal_name_sv', 'Helsingfors förvaltningsdomstol');
  await submit(page, '#settings-save');
  assert.equal(await page.locator('#notice').innerText(), 'Settings saved.');
  await page.goto(env.srv.url);
  assert.equal(await page.locator('#dash-settings-missing').count(), 0);
  await switchLanguage(page, 'fi');
});

test('the logo: a PNG within the limits is shown on every page; anything else is refused', async () => {
  const { page } = await signedIn('admin');
  await page.goto(env.srv.url + 'settings');
  assert.equal(await page.locator('#logo-none').count(), 1);
  await page.setInputFiles('#logo', { name: 'logo.svg', mimeType: 'image/svg+xml',
    buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>') });
  await submit(page, '#logo-save', 422);
  assert.equal(await page.locator('.error-summary a[href="#logo"]').count(), 1);
  await assertAxeClean(page, '/settings with a logo error');
  await page.setInputFiles('#logo', { name: 'logo.png', mimeType: 'image/png',
    buffer: makePng(3000, 10) });
  await submit(page, '#logo-save', 422);
  await page.setInputFiles('#logo', { name: 'logo.png', mimeType: 'image/png',
    buffer: makePng(240, 80) });
  await submit(page, '#logo-save');
  assert.equal(await page.locator('#notice').innerText(), 'Logo tallennettu.');
  const src = await page.getAttribute('header img.org-logo', 'src');
  assert.match(src, /^\/organiser\/logo\.png\?v=\d+$/);
  assert.equal(await page.getAttribute('header img.org-logo', 'alt'), 'Itä-Uudenmaan hyvinvointialue');
  const png = await fetch(env.srv.url + src.slice(1));	// public: no session
  assert.equal(png.status, 200);
  assert.equal(png.headers.get('content-type'), 'image/png');
  assert.deepEqual(Buffer.from(await png.arrayBuffer()), makePng(240, 80));
  await page.goto(env.srv.url + 'login');
  await assertAxeClean(page, 'a page with the logo');
  await page.goto(env.srv.url + 'settings');
  await submit(page, '#logo-remove');
  assert.equal(await page.locator('#notice').innerText(), 'Logo poistettu.');
  assert.equal(await page.locator('header img.org-logo').count(), 0);
  assert.equal((await fetch(env.srv.url + 'organiser/logo.png')).status, 404);
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
