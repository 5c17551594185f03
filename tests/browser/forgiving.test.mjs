// Browser test of forms that forgive and pages that hold (issue 13 items
// 3, 6 and 7): a worker records an assessment by keyboard alone, typing
// its date the Finnish way (2.3.2026); the side-by-side table keeps whole
// words at 1280 px and stacks, each cell under its column's name, at
// 320 px; the use log takes typed dates, names a date that does not exist
// in the summary, and stacks too; the same pages in English. Every page
// through assertAxeClean (axe and the checks beyond it, tests/browser/lib.mjs).
// Demo ids: client 1 Matti Korhonen, the worker Maria Nieminen's own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useService, assertAxeClean, switchLanguage, submit } from './lib.mjs';

const MATTI = 1;
const env = useService();
const { visit, signedIn } = env;

// Tab (only the keyboard) through the page until focus is on `until`,
// typing values[id] into each field of values the focus reaches.
async function tabThrough(page, values, until, max = 80) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const id = await page.evaluate(() => document.activeElement?.id);
    if (id in values)
      await page.keyboard.type(values[id]);
    if (id === until)
      return;
  }
  assert.fail(`focus never reached #${until}`);
}

// Whether any word of the cells' text is broken over two lines.
const brokenWords = (page, selector) => page.evaluate((sel) => {
  const out = [];
  for (const cell of document.querySelectorAll(sel)) {
    const text = cell.firstChild;
    if (!text || text.nodeType !== Node.TEXT_NODE)
      continue;
    const re = /\S+/g;
    let m;
    while ((m = re.exec(text.data))) {
      const r = document.createRange();
      r.setStart(text, m.index);
      r.setEnd(text, m.index + m[0].length);
      if (new Set([...r.getClientRects()].map((x) => Math.round(x.top))).size > 1)
        out.push(m[0]);
    }
  }
  return out;
}, selector);

// The computed display of the first cell of selector at width px.
async function cellDisplay(page, selector, width) {
  const size = page.viewportSize();
  await page.setViewportSize({ width, height: size.height });
  const d = await page.evaluate((sel) => {
    const td = document.querySelector(sel);
    return { display: getComputedStyle(td).display,
      label: getComputedStyle(td, '::before').content };
  }, selector);
  await page.setViewportSize(size);
  return d;
}

test('an assessment by keyboard alone, its date typed 2.3.2026; the table holds at 320 px', async () => {
  const { ctx, page } = await signedIn('maria.nieminen');
  await visit(page, `/clients/${MATTI}/assessments/new`);
  await assertAxeClean(page, 'assessment form');
  await page.evaluate(() => document.activeElement?.blur());
  await tabThrough(page, { assessed_on: '2.3.2026', participants: 'Matti Korhonen, Maria Nieminen',
    client_view: 'Haluan liikkua itsenäisesti.', worker_view: 'Tarvitsee kuljetuksen töihin.' },
  'assessment-save');
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
  assert.equal(new URL(page.url()).pathname, `/clients/${MATTI}/assessments`);
  assert.match(await page.locator('main').innerText(), /2\.3\.2026/, 'shown the Finnish way');
  await assertAxeClean(page, 'assessment saved');
  assert.deepEqual(await brokenWords(page, 'table.casework-views th[scope="row"]'), [],
    'no word of the first column broken at 1280 px');
  const wide = await cellDisplay(page, 'table.casework-views td', 1280);
  assert.equal(wide.display, 'table-cell');
  const narrow = await cellDisplay(page, 'table.casework-views td', 320);
  assert.equal(narrow.display, 'block');
  assert.equal(narrow.label, '"Asiakkaan näkemys"', 'each cell under its column\'s name');

  await switchLanguage(page, 'en');
  await assertAxeClean(page, 'assessments (en)');
  await visit(page, `/clients/${MATTI}/assessments/new`);
  await assertAxeClean(page, 'assessment form (en)');
  await switchLanguage(page, 'fi');
  await ctx.close();
});

test('the use log takes typed dates, names one that does not exist, and stacks at 320 px', async () => {
  const { ctx, page } = await signedIn('maria.nieminen');
  await visit(page, `/clients/${MATTI}`);
  await visit(page, `/clients/${MATTI}/log`);
  await page.fill('#log-from', '1.1.2026');
  await page.fill('#log-to', '31.12.2030');
  await submit(page, '#log-period-submit', 200);
  assert.ok(await page.locator('#uselog-list tbody tr').count() > 0);
  assert.equal(await page.locator('#log-to').inputValue(), '31.12.2030', 'the period shown the Finnish way');
  assert.equal((await cellDisplay(page, '#uselog-list td', 320)).display, 'block');
  await assertAxeClean(page, 'use log, typed dates');
  await page.fill('#log-from', '31.2.2026');
  await submit(page, '#log-period-submit', 422);
  assert.match(await page.locator('.error-summary a[href="#log-from"]').innerText(), /31\.2|päivämäärä/i);
  await assertAxeClean(page, 'use log, a date that does not exist');
  await page.fill('#log-from', '1/1/2026');
  await submit(page, '#log-period-submit', 422);
  assert.match(await page.locator('#log-from-error').innerText(), /p\.k\.vvvv/);

  await switchLanguage(page, 'en');
  await assertAxeClean(page, 'use log (en)');
  await switchLanguage(page, 'fi');	// the account keeps its language
  await ctx.close();
});

test('discarding a draft asks for the ticked box first', async () => {
  const { ctx, page } = await signedIn('maria.nieminen');
  const api = (path, data) => page.request.post(env.srv.url + path, { data });
  assert.ok((await api(`api/clients/${MATTI}/offer`, { offered_on: '2026-11-02',
    services: ['personal_assistance'], note: '' })).ok());
  assert.ok((await api(`api/clients/${MATTI}/offer/answer`, { answer: 'all' })).ok());
  const res = await api(`api/clients/${MATTI}/plans`, { label: 'Luonnos', valid_from: '2027-01-01',
    valid_to: '2027-12-31', review_date: '2027-10-01', client_fee: 0, reasoning: 'Arvioitu.' });
  assert.equal(res.status(), 201, await res.text());
  const plan = await res.json();
  await visit(page, `/plans/${plan.id}`);
  await submit(page, '#plan-discard', 422);
  assert.equal(await page.getAttribute('#discard-confirm', 'aria-invalid'), 'true');
  await assertAxeClean(page, 'discard without the box');
  await page.check('#discard-confirm');
  await submit(page, '#plan-discard');
  assert.equal(await page.locator('#notice').innerText(), 'Luonnos poistettu.');
  const after = await page.request.get(`${env.srv.url}api/plans/${plan.id}`);
  assert.equal((await after.json()).state, 'discarded');
  await ctx.close();
});
