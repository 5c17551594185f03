// Browser test of the admin's retention pages (/retention, the list page):
// the demo's client of 2014 is listed by number (no name), axe clean in
// fi and sv; a period under the law's 10 years is named in the summary and
// tied to its field; the admin makes a destruction list, a wrong password
// is refused on the field, the right one approves (who and when shown),
// and destroying shows the client destroyed with what was removed. A
// worker may not open the page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useService, submit, assertAxeClean, switchLanguage, PASSWORD } from './lib.mjs';

const env = useService(undefined, { cases: true });
const { signedIn } = env;
const EINO = 6;

test('the admin lists, approves and destroys, in fi and sv', async () => {
  const { page } = await signedIn('admin');
  const resp = await page.goto(env.srv.url + 'retention');
  assert.equal(resp.status(), 200);
  const row = await page.locator(`#due-${EINO}`).innerText();
  assert.match(row, /Porvoo/);
  assert.match(row, /10\.3\.2014/);
  assert.doesNotMatch(await page.locator('main').innerText(), /Lindqvist|150341/);
  await assertAxeClean(page, '/retention (fi)');
  await switchLanguage(page, 'sv');
  assert.match(await page.locator('main h1').innerText(), /Bevarande och förstöring/);
  await assertAxeClean(page, '/retention (sv)');

  await page.fill('#retention_years', '9');
  await submit(page, '#retention-years-save', 422);
  assert.equal(await page.locator('.error-summary a[href="#retention_years"]').count(), 1);
  assert.equal(await page.getAttribute('#retention_years', 'aria-invalid'), 'true');
  await assertAxeClean(page, '/retention with an error (sv)');

  await submit(page, '#retention-make');
  assert.match(page.url(), /\/retention\/lists\/\d+$/);
  const listUrl = page.url();
  assert.match(await page.locator(`#dl-item-${EINO}`).innerText(), /i förteckningen/);
  await assertAxeClean(page, 'a proposed list (sv)');
  await page.fill('#dl-password', 'inte rätt lösenord alls');
  await submit(page, '#dl-approve-submit', 401);
  assert.equal(await page.getAttribute('#dl-password', 'aria-invalid'), 'true');
  await assertAxeClean(page, 'a wrong password (sv)');
  await page.goto(listUrl);
  await switchLanguage(page, 'fi');
  await page.fill('#dl-password', PASSWORD);
  await submit(page, '#dl-approve-submit');
  assert.equal(await page.locator('#dl-approved').count(), 1);
  assert.match(await page.locator('#dl-approved-by').innerText(), /\d/);
  await assertAxeClean(page, 'an approved list (fi)');

  await submit(page, '#dl-destroy-submit');
  assert.equal(await page.locator('#dl-destroyed').count(), 1);
  const item = await page.locator(`#dl-item-${EINO}`).innerText();
  assert.match(item, /hävitetty/);
  assert.match(item, /client 1/);
  assert.match(await page.locator('#dl-state').innerText(), /valmis/);
  await assertAxeClean(page, 'a list done (fi)');
  await page.goto(env.srv.url + 'retention');
  assert.equal(await page.locator('#retention-none').count(), 1, 'nobody is due any more');
});

test('a worker may not open the retention page', async () => {
  const { page } = await signedIn('maria.nieminen');
  const resp = await page.goto(env.srv.url + 'retention');
  assert.equal(resp.status(), 403);
});
