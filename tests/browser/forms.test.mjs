// Browser tests of the one way forms show their errors (web/form.h): a
// submit with two invalid fields shows one summary, after the h1, naming
// both fields with links that move focus to them; focus is on the summary
// when the page loads (autofocus, no script) and the title starts with
// "Virhe:"; each field has aria-invalid and aria-describedby naming its
// message; a radio group's message is inside its fieldset, which it
// describes; axe-core finds nothing. Then the same in Swedish and English.
//
// Demo ids: client 1 Matti Korhonen (the worker's own).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useService, submit, assertAxeClean, switchLanguage } from './lib.mjs';

const MATTI = 1;
const PAST = '2025-03-04';
const TITLE_ERROR = { fi: /^Virhe: /, sv: /^Fel: /, en: /^Error: / };

const env = useService();
const { visit, signedIn } = env;

// Focus lands on the summary when the page loads.
async function assertSummaryFocused(page) {
  await page.waitForFunction(() => document.activeElement?.id === 'error-summary',
    null, { timeout: 2000 }).catch(() => {});
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'error-summary',
    'focus on the error summary');
}

// The summary lists exactly these links (href -> the text starts with
// the field's label), right after the h1.
async function assertSummary(page, links) {
  const summary = page.locator('.error-summary');
  assert.equal(await summary.count(), 1, 'one error summary');
  assert.equal(await page.locator('main h1 + .error-summary').count(), 1, 'after the h1');
  const items = summary.locator('li a');
  assert.equal(await items.count(), Object.keys(links).length, await summary.innerText());
  for (const [href, label] of Object.entries(links)) {
    const a = summary.locator(`a[href="#${href}"]`);
    assert.equal(await a.count(), 1, `a link to #${href}`);
    assert.match(await a.innerText(), new RegExp(`^${label}: `), `the link names ${label}`);
  }
}

// The field is marked and described by its message, which is shown.
async function assertFieldMarked(page, id, errorId = `${id}-error`) {
  assert.equal(await page.locator(`#${id}`).getAttribute('aria-invalid'), 'true', `#${id} invalid`);
  const described = (await page.locator(`#${id}`).getAttribute('aria-describedby')) ?? '';
  assert.ok(described.split(' ').includes(errorId), `#${id} described by ${errorId}: ${described}`);
  assert.ok(await page.locator(`#${errorId}`).isVisible(), `#${errorId} shown`);
}

// Following the summary's link moves focus to the field.
async function assertLinkFocuses(page, href) {
  await page.click(`.error-summary a[href="#${href}"]`);
  assert.equal(await page.evaluate(() => document.activeElement?.id), href, `focus on #${href}`);
}

test('client form: two invalid fields, summary, focus, links, aria; fi, sv and en', async () => {
  const { ctx, page } = await signedIn('maria.nieminen');
  for (const lang of ['fi', 'sv', 'en']) {
    if (lang !== 'fi')
      await switchLanguage(page, lang);
    await visit(page, '/clients/new');
    await page.fill('#hetu', '131052-308T');
    await page.selectOption('#municipality', 'Porvoo');
    await submit(page, '#client-save', 422);
    await assertSummaryFocused(page);
    assert.match(await page.title(), TITLE_ERROR[lang]);
    const label = async (id) => (await page.locator(`label[for="${id}"]`).innerText()).trim();
    await assertSummary(page, {
      first_name: await label('first_name'), last_name: await label('last_name'),
    });
    await assertFieldMarked(page, 'first_name');
    await assertFieldMarked(page, 'last_name');
    assert.equal(await page.locator('#municipality').getAttribute('aria-invalid'), null,
      'a good field is not marked');
    assert.equal(await page.locator('#municipality').inputValue(), 'Porvoo', 'chosen value kept');
    assert.equal((await page.locator('#municipality option:checked').innerText()).trim(),
      lang === 'sv' ? 'Borgå' : 'Porvoo', 'the official name in the page language');
    assert.equal(await page.locator('#municipality option').count(), 309, 'every municipality, once');
    assert.equal(await page.locator('.field-error').count(), 2, 'a message by each field');
    await assertAxeClean(page, `client form, two errors (${lang})`);
    await assertLinkFocuses(page, 'first_name');
    await assertLinkFocuses(page, 'last_name');
  }
  await switchLanguage(page, 'fi');
  await ctx.close();
});

test('answer form: the radio group\'s error in its fieldset, and a text field\'s', async () => {
  const { ctx, page } = await signedIn('maria.nieminen');
  await visit(page, `/clients/${MATTI}/offer`);
  await page.fill('#offered_on', PAST);
  await page.check('#offer-service-personal_assistance');
  await submit(page, '#offer-save', 200);
  assert.equal(await page.locator('.error-summary').count(), 0, 'no summary without errors');
  assert.doesNotMatch(await page.title(), TITLE_ERROR.fi);

  // no answer chosen, and a note over its 1000 characters
  for (const v of ['all', 'some', 'refused'])
    assert.equal(await page.locator(`#answer-${v}`).isChecked(), false);
  await page.fill('#usual_note', 'x'.repeat(1001));
  await submit(page, '#answer-save', 422);
  await assertSummaryFocused(page);
  assert.match(await page.title(), TITLE_ERROR.fi);
  const legend = (await page.locator('#answer-group > legend').innerText()).trim();
  await assertSummary(page, {
    'answer-all': legend,
    usual_note: (await page.locator('label[for="usual_note"]').innerText()).trim(),
  });

  const group = page.locator('fieldset#answer-group');
  assert.equal(await group.getAttribute('aria-describedby'), 'answer-group-error');
  assert.equal(await group.locator('#answer-group-error.field-error').count(), 1,
    'the message inside the fieldset');
  for (const v of ['all', 'some', 'refused'])
    assert.equal(await page.locator(`#answer-${v}`).getAttribute('aria-invalid'), 'true',
      `#answer-${v} invalid`);
  assert.equal(await page.locator('#answer-group-error').evaluate(
    (e) => e.previousElementSibling?.tagName), 'LEGEND', 'the message follows the legend');
  await assertFieldMarked(page, 'usual_note');
  assert.equal(await page.locator('#usual_note').getAttribute('aria-describedby'),
    'usual_note-hint usual_note-error', 'the hint, then the message');
  await assertAxeClean(page, 'answer form, two errors');
  await assertLinkFocuses(page, 'answer-all');
  await assertLinkFocuses(page, 'usual_note');
  await ctx.close();
});
