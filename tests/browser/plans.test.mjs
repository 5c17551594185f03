// tests/browser/plans.test.mjs: the pages of service plans and decisions
// (src/web/plans.c) on the demo data. The worker (maria.nieminen) drafts a
// plan for Elin Lindholm (client 2, Swedish) with two lines and proposes it;
// the decision maker (johanna.ek) finds it on /decisions and approves it
// with her password, a wrong one first; the decision document is in Swedish
// although her pages are in Finnish; another client gets 404. Then a
// second plan is returned with a note, proposed again, approved, listed as
// overdue on /reviews and ended. axe-core checks every page on the way.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  useService, submit, fillForm, assertAxeClean, switchLanguage, h1Text, htmlLang, PASSWORD,
} from './lib.mjs';
import { session } from '../api/lib.mjs';

const CLIENT = 2;		// Elin Lindholm, Swedish
const H1 = {
  list: { fi: 'Palvelusuunnitelmat ja päätökset', sv: 'Serviceplaner och beslut',
    en: 'Service plans and decisions' },
  show: { fi: 'Palvelusuunnitelma', sv: 'Serviceplan', en: 'Service plan' },
  decisions: { fi: 'Päätettävät suunnitelmat', sv: 'Planer som väntar på beslut' },
  reviews: { fi: 'Tarkistettavat suunnitelmat', sv: 'Planer som ska ses över' },
};
// Money and quantities carry no-break spaces: compare with plain ones.
const norm = (s) => s.replace(/\s+/g, ' ').trim();

// A plan line needs the client's offer answered first (the casework API).
const env = useService(async ({ srv }) => {
  const maria = await session(srv, 'maria.nieminen');
  for (const [path, body] of [
    [`api/clients/${CLIENT}/offer`,
      { offered_on: '2026-11-20', services: ['personal_assistance', 'transport'], note: '' }],
    [`api/clients/${CLIENT}/offer/answer`, { answer: 'all' }]]) {
    const res = await maria.post(path, body);
    assert.ok(res.status < 300, `POST ${path}: ${res.status} ${await res.text()}`);
  }
});
const { visit, signedIn } = env;
let planId, plan2Id;

// The error summary names the field: a link to its input, which is marked.
async function assertFieldError(page, inputId, where) {
  const summary = page.locator('.error-summary[role="alert"]');
  assert.equal(await summary.count(), 1, `one error summary (${where})`);
  assert.equal(await summary.locator(`a[href="#${inputId}"]`).count(), 1,
    `summary links to #${inputId} (${where}): ${await summary.innerText()}`);
  assert.equal(await page.locator(`#${inputId}`).getAttribute('aria-invalid'), 'true',
    `#${inputId} aria-invalid (${where})`);
  const described = await page.locator(`#${inputId}`).getAttribute('aria-describedby');
  assert.match(described ?? '', new RegExp(`${inputId}-error`), `#${inputId} describedby`);
  await assertAxeClean(page, where);
}

async function addLine(page, service, quantity, content) {
  await page.selectOption('#line-service', service);
  await page.fill('#line-quantity', quantity);
  await page.fill('#line-content', content);
  await submit(page, '#line-add');
}

test('the worker drafts a plan with two lines and proposes it', async () => {
  const { ctx, page } = await signedIn('maria.nieminen');
  await visit(page, `/clients/${CLIENT}/plans`);
  assert.equal(await htmlLang(page), 'fi');
  assert.equal(await h1Text(page), H1.list.fi);
  assert.equal(norm(await page.locator('#plan-client').innerText()), 'Elin Lindholm');
  assert.equal(await page.locator('#plan-none').count(), 1, 'no plans yet');
  await assertAxeClean(page, 'plans, worker, fi');

  // An invalid form: a missing start date and an end before the start.
  await fillForm(page, { label: 'Vaihtoehto A', valid_from: '', valid_to: '2027-12-31',
    review_date: '2027-11-01', client_fee: '12,345', reasoning: 'Arvioinnin mukaan.' });
  await submit(page, '#plan-create', 422);
  assert.equal(await h1Text(page), H1.list.fi);
  await assertFieldError(page, 'valid_from', 'plan form, missing start');
  assert.equal(await page.locator('#client_fee').getAttribute('aria-invalid'), 'true',
    'a fee with three decimals is refused too');
  assert.equal(await page.locator('#label').inputValue(), 'Vaihtoehto A', 'typed value kept');
  assert.equal(await page.locator('#reasoning').inputValue(), 'Arvioinnin mukaan.');

  await fillForm(page, { valid_from: '2027-01-01', valid_to: '2027-12-31',
    review_date: '2027-11-01', client_fee: '0' });
  await page.fill('#reasoning', 'Palvelutarpeen arvioinnin ja tukisuunnitelman mukaan.');
  await submit(page, '#plan-create');
  planId = Number(new URL(page.url()).pathname.split('/')[2]);
  assert.ok(planId > 0, `plan page ${page.url()}`);
  assert.equal(await h1Text(page), H1.show.fi);
  assert.equal(norm(await page.locator('#plan-state').innerText()), 'Luonnos');
  assert.equal(await page.locator('#plan-lines tbody tr').count(), 0);
  await assertAxeClean(page, 'plan draft, empty');
  // The draft's form shows its stored dates as its hint asks: 1.1.2027 in
  // Finnish, 2027-01-01 in English (web/form.h bud_form_date).
  assert.equal(await page.locator('#valid_from').inputValue(), '1.1.2027');
  assert.equal(await page.locator('#valid_to').inputValue(), '31.12.2027');
  assert.equal(await page.locator('#review_date').inputValue(), '1.11.2027');
  assert.match(await page.locator('#review_date-hint').innerText(), /1\.1\.2027/);
  await switchLanguage(page, 'en');
  assert.equal(await page.locator('#valid_from').inputValue(), '2027-01-01');
  assert.match(await page.locator('#review_date-hint').innerText(), /2027-01-01/);
  await switchLanguage(page, 'fi');

  // Only the accepted services are offered in the line form.
  const options = await page.locator('#line-service option').evaluateAll(
    (os) => os.map((o) => o.value).filter((v) => v));
  assert.deepEqual(options.sort(), ['personal_assistance', 'transport']);

  // A malformed quantity is named.
  await page.selectOption('#line-service', 'personal_assistance');
  await page.fill('#line-quantity', 'paljon');
  await submit(page, '#line-add', 422);
  await assertFieldError(page, 'line-quantity', 'line form, bad quantity');
  assert.equal(await page.locator('#line-quantity').inputValue(), 'paljon');

  await addLine(page, 'personal_assistance', '20', 'Apu kotona ja töissä');
  await addLine(page, 'transport', '8,5', 'Matkat töihin');
  const rows = page.locator('#plan-lines tbody tr');
  assert.equal(await rows.count(), 2);
  const first = norm(await rows.nth(0).innerText());
  assert.match(first, /Henkilökohtainen apu/);
  assert.match(first, /20 tuntia kuukaudessa/);
  assert.match(first, /28,50 € tunnilta/);
  assert.match(first, /Maksusitoumus/);
  assert.match(first, /570,00 €/);
  const second = norm(await rows.nth(1).innerText());
  assert.match(second, /8,5 matkaa kuukaudessa/);
  assert.match(second, /Ostopalvelu/);
  // 20 h x 28,50 + 8,5 trips x 35,00 = 570,00 + 297,50 a month; 12 months.
  assert.equal(norm(await page.locator('#plan-total-month').innerText()), '867,50 €');
  assert.equal(norm(await page.locator('#plan-total-period').innerText()), '10 410,00 €');
  await assertAxeClean(page, 'plan draft, two lines');

  // The same plan in Swedish: units and instruments in Swedish.
  await switchLanguage(page, 'sv');
  assert.equal(await h1Text(page), H1.show.sv);
  assert.match(norm(await rows.nth(0).innerText()), /20 timmar per månad/);
  assert.match(norm(await rows.nth(0).innerText()), /Betalningsförbindelse/);
  assert.equal(norm(await page.locator('#plan-state').innerText()), 'Utkast');
  await assertAxeClean(page, 'plan draft, sv');
  await visit(page, `/clients/${CLIENT}/plans`);
  assert.equal(await h1Text(page), H1.list.sv);
  assert.equal(await page.locator(`#plan-table a[href="/plans/${planId}"]`).count(), 1);
  await assertAxeClean(page, 'plans, worker, sv');
  await switchLanguage(page, 'fi');

  await visit(page, `/plans/${planId}`);
  await submit(page, '#plan-propose');
  assert.equal(norm(await page.locator('#plan-state').innerText()), 'Esitetty päätettäväksi');
  assert.equal(await page.locator('#line-form').count(), 0, 'no line form once proposed');
  assert.equal(await page.locator('#approve-form').count(), 0, 'the worker cannot approve');
  await assertAxeClean(page, 'plan proposed, worker');
  await ctx.close();
});

test('the decision maker approves it, a wrong password first', async () => {
  const { ctx, page } = await signedIn('johanna.ek');
  await visit(page, '/decisions');
  assert.equal(await h1Text(page), H1.decisions.fi);
  await assertAxeClean(page, 'decisions');
  await switchLanguage(page, 'sv');
  assert.equal(await h1Text(page), H1.decisions.sv);
  await assertAxeClean(page, 'decisions, sv');
  await switchLanguage(page, 'fi');
  const link = page.locator(`#proposed-list a[href="/plans/${planId}"]`);
  assert.equal(await link.count(), 1);
  assert.match(norm(await link.innerText()), /Elin Lindholm/);
  await submit(page, `#proposed-list a[href="/plans/${planId}"]`);
  assert.equal(await page.locator('#line-form').count(), 0);
  assert.equal(await page.locator('#approve-password').getAttribute('type'), 'password');
  assert.equal(await page.locator('#approve-password').getAttribute('autocomplete'),
    'current-password');
  await assertAxeClean(page, 'plan, decision maker');

  await page.fill('#approve-password', 'not-my-password-123');
  await submit(page, '#plan-approve', 401);
  await assertFieldError(page, 'approve-password', 'approve, wrong password');
  assert.equal(await page.locator('#approve-password').inputValue(), '', 'password not echoed');
  assert.equal(norm(await page.locator('#plan-state').innerText()), 'Esitetty päätettäväksi');

  await page.fill('#approve-password', PASSWORD);
  await submit(page, '#plan-approve');
  assert.equal(new URL(page.url()).pathname, `/plans/${planId}`);
  assert.equal(norm(await page.locator('#plan-state').innerText()), 'Hyväksytty');
  assert.equal(norm(await page.locator('#plan-granted').innerText()), '10 410,00 €');
  assert.ok(norm(await page.locator('#plan-decision-no').innerText()).length > 0);
  assert.equal(await page.locator('#end-form').count(), 1);
  await assertAxeClean(page, 'plan approved');

  await visit(page, '/decisions');
  assert.equal(await page.locator(`#proposed-list a[href="/plans/${planId}"]`).count(), 0,
    'no longer waiting');
  await ctx.close();
});

test('the decision document is in Swedish, the client\'s language', async () => {
  const { ctx, page } = await signedIn('johanna.ek');
  await visit(page, `/plans/${planId}`);
  assert.equal(await htmlLang(page), 'fi', 'her pages are in Finnish');
  await submit(page, '#decision-link');
  assert.equal(new URL(page.url()).pathname, `/plans/${planId}/decision`);
  // the document in Swedish inside her own interface, which stays Finnish
  assert.equal(await htmlLang(page), 'fi', 'she keeps her own interface language');
  assert.equal(await page.locator('article.decision[lang="sv"]').count(), 1);
  assert.match(await page.locator('body > header').innerText(), /Kirjaudu ulos/);
  assert.equal(await h1Text(page), 'Beslut om personlig budget');
  assert.equal(await page.locator('h1').count(), 1);
  const doc = norm(await page.locator('main').innerText());
  assert.match(doc, /Östra Nylands välfärdsområde/);
  assert.match(doc, /Elin Lindholm/);
  assert.match(doc, /021195-9422/, 'the whole identity code on the decision');
  assert.match(doc, /Drottninggatan 4, 07900 Lovisa/);
  assert.match(doc, /Personlig assistans/);
  assert.match(doc, /20 timmar per månad/);
  assert.match(doc, /867,50 €/);
  assert.match(doc, /10 410,00 €/);
  assert.match(doc, /1\.1\.2027 – 31\.12\.2027/);
  assert.match(doc, /Palvelutarpeen arvioinnin/, 'the grounds as written');
  assert.equal(await page.locator('#decision-lines tbody tr').count(), 2);
  const appeal = norm(await page.locator('section#appeal').innerText());
  assert.match(appeal, /Anvisning om begäran om omprövning/);
  assert.match(appeal, /30 dagar/);
  assert.match(appeal, /sjunde dagen/);
  assert.match(appeal, /avgiftsfritt/);
  // the organiser's settings in Swedish, from the demo: the registry, the court
  assert.match(appeal, /Registratorskontoret, PB 46, 06151 Borgå/);
  assert.match(appeal, /Helsingfors förvaltningsdomstol/);
  // Her own note about the language is in Finnish and says so.
  assert.equal(await page.locator('main p.notice').count(), 1);
  assert.equal(await page.locator('article.decision p.notice').count(), 0, 'outside the document');
  assert.match(await page.locator('#decision-pdf').innerText(), /PDF/);
  await assertAxeClean(page, 'decision document (sv) for a Finnish reader');
  // Printing hides the frame and the buttons.
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('body > header').isVisible(), false);
  assert.equal(await page.locator('body > footer').isVisible(), false);
  assert.equal(await page.locator('#appeal').isVisible(), true);
  await ctx.close();
});

test('a client who is not Elin gets 404 for her plan and decision', async () => {
  const { ctx, page } = await signedIn('matti.korhonen');
  await visit(page, `/plans/${planId}`, 404);
  await visit(page, `/plans/${planId}/decision`, 404);
  await visit(page, `/clients/${CLIENT}/plans`, 404);
  // His own (empty) list is his to read.
  await visit(page, '/clients/1/plans');
  assert.equal(await page.locator('#plan-form').count(), 0, 'no draft form for a client');
  await assertAxeClean(page, 'plans, client');
  // The other worker does not reach Elin either; the decision maker's
  // queue and the worker's reviews are refused to the wrong role.
  const other = await signedIn('tomas.gronqvist');
  await visit(other.page, `/plans/${planId}`, 404);
  await visit(other.page, '/decisions', 403);
  await other.ctx.close();
  await ctx.close();
});

test('return with a note, approve again, reviews due, end', async () => {
  const worker = await signedIn('maria.nieminen');
  const dm = await signedIn('johanna.ek');
  const w = worker.page, d = dm.page;

  // A second plan for November, copying the first one's lines; its review
  // date has passed.
  await visit(w, `/clients/${CLIENT}/plans`);
  await fillForm(w, { label: 'Marraskuu', valid_from: '2026-11-01', valid_to: '2026-11-30',
    review_date: '2026-11-20', client_fee: '5', reasoning: 'Lyhyt kausi.' });
  await w.selectOption('#copy_from', String(planId));
  await submit(w, '#plan-create');
  plan2Id = Number(new URL(w.url()).pathname.split('/')[2]);
  assert.equal(await w.locator('#plan-lines tbody tr').count(), 2, 'lines copied');
  // One line removed: the totals follow.
  await submit(w, '#plan-lines tbody tr[data-service="transport"] button');
  assert.equal(await w.locator('#plan-lines tbody tr').count(), 1);
  assert.equal(norm(await w.locator('#plan-total-month').innerText()), '570,00 €');
  await submit(w, '#plan-propose');

  // Returned: the note is required, then shown to the worker.
  await visit(d, `/plans/${plan2Id}`);
  await submit(d, '#plan-return', 422);
  await assertFieldError(d, 'return-note', 'return without a note');
  await d.fill('#return-note', 'Tarkista asiakasmaksu.');
  await submit(d, '#plan-return');
  assert.equal(norm(await d.locator('#plan-state').innerText()), 'Luonnos');

  await visit(w, `/plans/${plan2Id}`);
  assert.match(norm(await w.locator('#plan-returned').innerText()), /Tarkista asiakasmaksu/);
  await w.fill('#client_fee', '0');
  await submit(w, '#plan-save');
  assert.equal(norm(await w.locator('#plan-fee').innerText()), '0,00 €');
  await submit(w, '#plan-propose');

  await visit(d, `/plans/${plan2Id}`);
  await d.fill('#approve-password', PASSWORD);
  await submit(d, '#plan-approve');
  assert.equal(norm(await d.locator('#plan-state').innerText()), 'Hyväksytty');

  // The worker's reviews: overdue, said in words.
  await visit(w, '/reviews');
  assert.equal(await h1Text(w), H1.reviews.fi);
  const row = w.locator(`#review-list tr[data-plan="${plan2Id}"]`);
  assert.equal(await row.count(), 1);
  assert.match(norm(await row.innerText()), /Elin Lindholm/);
  assert.match(norm(await row.innerText()), /Myöhässä/);
  await assertAxeClean(w, 'reviews');
  await switchLanguage(w, 'sv');
  assert.equal(await h1Text(w), H1.reviews.sv);
  assert.match(norm(await row.innerText()), /Försenad/);
  await assertAxeClean(w, 'reviews, sv');
  await switchLanguage(w, 'fi');

  // Ending it is confirmed: the box unticked, the form says what ending on
  // the typed day means (budget revoked from the next day, commitments
  // ended on it) and names the box.
  await visit(d, `/plans/${plan2Id}`);
  assert.match(norm(await d.locator('#end-means').innerText()), /perutaan seuraavasta päivästä/);
  await d.fill('#end-last_day', '25.11.2026');
  await d.fill('#end-password', PASSWORD);
  await submit(d, '#plan-end', 422);
  await assertFieldError(d, 'end-confirm', 'end, not confirmed');
  assert.equal(await d.locator('#end-revoke-from').innerText(), '26.11.2026');
  assert.equal(await d.locator('#end-last').innerText(), '25.11.2026');
  assert.equal(await d.locator('#end-last_day').inputValue(), '25.11.2026', 'the day as typed');
  assert.equal(norm(await d.locator('#plan-state').innerText()), 'Hyväksytty');
  // A last day outside the plan is refused and named.
  await d.fill('#end-last_day', '2027-05-01');
  await d.fill('#end-password', PASSWORD);
  await d.check('#end-confirm');
  await submit(d, '#plan-end', 422);
  await assertFieldError(d, 'end-last_day', 'end, day outside the plan');
  // Ending revokes budget: the password is asked again, as for approval.
  await d.fill('#end-last_day', '2026-11-25');
  await d.fill('#end-password', 'not-my-password-123');
  await d.check('#end-confirm');
  await submit(d, '#plan-end', 401);
  await assertFieldError(d, 'end-password', 'end, wrong password');
  assert.equal(await d.locator('#end-password').inputValue(), '', 'password not echoed');
  assert.match(await d.locator('#end-password-error').innerText(), /Väärä salasana/);
  assert.equal(norm(await d.locator('#plan-state').innerText()), 'Hyväksytty');
  await d.fill('#end-last_day', '2026-11-25');
  await d.fill('#end-password', PASSWORD);
  await d.check('#end-confirm');
  await submit(d, '#plan-end');
  assert.equal(norm(await d.locator('#plan-state').innerText()), 'Päättynyt');
  await d.goto(env.srv.url + `plans/${plan2Id}/decision`);
  assert.match(norm(await d.locator('#decision-status').innerText()), /Avslutad/);
  await assertAxeClean(d, 'decision document of an ended plan');

  await worker.ctx.close();
  await dm.ctx.close();
});
