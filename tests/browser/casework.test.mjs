// Browser tests of the casework pages: the service need assessment (list,
// form, one version), the offer with the answer, and the support plan.
// Each page is visited, checked with axe-core, its h1 read in Finnish and
// Swedish; the forms are submitted, and each shows an error state (422 with
// the summary, the message by the field and the typed values kept). The
// client, the representative (acting for Aleksi Virtanen) and the worker
// each use the pages they may, and get 404 for clients out of their reach.
//
// Demo ids: clients 1 Matti Korhonen, 3 Aleksi Virtanen, 5 Sanna Heikkinen.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  useService, submit, fillForm, assertAxeClean, h1Text, htmlLang, switchLanguage,
} from './lib.mjs';

const MATTI = 1, ALEKSI = 3, SANNA = 5;
const PAST = '2025-03-04';
const H1 = {
  assessments: { fi: 'Palvelutarpeen arviointi', sv: 'Bedömning av servicebehov' },
  assessmentNew: { fi: 'Uusi palvelutarpeen arviointi', sv: 'Ny bedömning av servicebehov' },
  offer: { fi: 'Henkilökohtaisen budjetin tarjous', sv: 'Erbjudande om personlig budget' },
  support: { fi: 'Tukisuunnitelma', sv: 'Stödplan' },
};

const env = useService();
const { visit, signedIn } = env;

const mainText = (page) => page.locator('main').innerText();

test('worker: assessment list, form with an error, save, both views side by side, fi and sv', async () => {
  const { ctx, page } = await signedIn('maria.nieminen');
  await visit(page, `/clients/${MATTI}/assessments`);
  assert.equal(await h1Text(page), H1.assessments.fi);
  assert.equal(await page.locator('h1').count(), 1);
  await assertAxeClean(page, 'assessments, none yet');

  await submit(page, '#assessment-new', 200);
  assert.equal(new URL(page.url()).pathname, `/clients/${MATTI}/assessments/new`);
  assert.equal(await h1Text(page), H1.assessmentNew.fi);
  await assertAxeClean(page, 'assessment form');

  // participants left empty: 422, summary, message by the field, values kept
  await fillForm(page, {
    assessed_on: PAST,
    participants: '',
    client_view: 'Haluan asua omassa kodissa.',
    need_housing_client: 'Oma asunto läheltä työpaikkaa',
  });
  await submit(page, '#assessment-save', 422);
  assert.equal(await page.locator('.error-summary').count(), 1);
  assert.equal(await page.locator('.error-summary a[href="#participants"]').count(), 1);
  assert.equal(await page.locator('#participants').getAttribute('aria-invalid'), 'true');
  assert.equal(await page.locator('#client_view').inputValue(), 'Haluan asua omassa kodissa.');
  assert.equal(await page.locator('#need_housing_client').inputValue(),
    'Oma asunto läheltä työpaikkaa');
  await assertAxeClean(page, 'assessment form with an error');

  await fillForm(page, {
    participants: 'Matti Korhonen, Maria Nieminen',
    worker_view: 'Tarvitsee apua iltaisin.',
    need_housing_worker: 'Tuettu asuminen',
    need_mobility_worker: 'Kuljetuspalvelu töihin',
    notes: 'Seuraava arviointi keväällä.',
  });
  await submit(page, '#assessment-save', 200);
  assert.equal(new URL(page.url()).pathname, `/clients/${MATTI}/assessments`);
  const table = page.locator('table.casework-views');
  assert.equal(await table.locator('th[scope="col"]').nth(1).innerText(), 'Asiakkaan näkemys');
  assert.equal(await table.locator('th[scope="col"]').nth(2).innerText(), 'Työntekijän näkemys');
  const housing = table.locator('tr', { hasText: 'Asuminen' });
  assert.match(await housing.innerText(), /Oma asunto läheltä työpaikkaa[\s\S]*Tuettu asuminen/);
  assert.match(await mainText(page), /Kuljetuspalvelu töihin/);
  assert.doesNotMatch(await table.innerText(), /Terveys/, 'empty areas are left out');
  await assertAxeClean(page, 'assessment saved');

  // one version on its own page
  await Promise.all([page.waitForNavigation(), page.click('a[href^="/assessments/"]')]);
  assert.equal(await h1Text(page), H1.assessments.fi);
  assert.match(await mainText(page), /Haluan asua omassa kodissa/);
  await assertAxeClean(page, 'one assessment');

  // Swedish
  await visit(page, `/clients/${MATTI}/assessments`);
  await switchLanguage(page, 'sv');
  assert.equal(await htmlLang(page), 'sv');
  assert.equal(await h1Text(page), H1.assessments.sv);
  assert.equal(await page.locator('table.casework-views th[scope="col"]').nth(1).innerText(),
    'Klientens syn');
  assert.equal(await page.locator('table.casework-views th[scope="col"]').nth(2).innerText(),
    'Arbetstagarens syn');
  await assertAxeClean(page, 'assessments in Swedish');
  await visit(page, `/clients/${MATTI}/assessments/new`);
  assert.equal(await h1Text(page), H1.assessmentNew.sv);
  await assertAxeClean(page, 'assessment form in Swedish');
  await switchLanguage(page, 'fi');

  // another worker's client
  await visit(page, `/clients/${SANNA}/assessments`, 404);
  await visit(page, `/clients/${SANNA}/assessments/new`, 404);
  await ctx.close();
});

test('worker: the offer form with an error, the offer, an answer; fi and sv', async () => {
  const { ctx, page } = await signedIn('maria.nieminen');
  await visit(page, `/clients/${ALEKSI}/offer`);
  assert.equal(await h1Text(page), H1.offer.fi);
  assert.equal(await page.locator('#answer-form').count(), 0, 'nothing to answer yet');
  await assertAxeClean(page, 'offer page, no offer');

  // no services chosen
  await page.fill('#offered_on', PAST);
  await page.fill('#offer-note', 'Tarjottu tapaamisessa');
  await submit(page, '#offer-save', 422);
  assert.equal(await page.locator('.error-summary').count(), 1);
  assert.equal(await page.locator('#offer-note').inputValue(), 'Tarjottu tapaamisessa');
  await assertAxeClean(page, 'offer form with an error');

  for (const s of ['personal_assistance', 'day_activities', 'transport'])
    await page.check(`#offer-service-${s}`);
  await submit(page, '#offer-save', 200);
  assert.equal(new URL(page.url()).pathname, `/clients/${ALEKSI}/offer`);
  assert.match(await page.locator('#answer-current').innerText(), /ei ole vielä vastattu/);
  assert.equal(await page.locator('#answer-form').count(), 1);
  await assertAxeClean(page, 'offer made');

  await page.check('#answer-all');
  await submit(page, '#answer-save', 200);
  const current = await page.locator('#answer-current').innerText();
  assert.match(current, /kaikkiin tarjottuihin palveluihin/);
  assert.match(current, /Päivätoiminta/);
  await assertAxeClean(page, 'offer answered by the worker');

  await switchLanguage(page, 'sv');
  assert.equal(await h1Text(page), H1.offer.sv);
  assert.match(await page.locator('#answer-current').innerText(), /Dagverksamhet/);
  await assertAxeClean(page, 'offer in Swedish');
  await switchLanguage(page, 'fi');
  await ctx.close();
});

test('representative: answers the offer and writes the support plan for Aleksi, 404 for Matti', async () => {
  const { ctx, page } = await signedIn('liisa.virtanen');
  await visit(page, `/clients/${ALEKSI}/offer`);
  assert.equal(await page.locator('#offer-form').count(), 0, 'only a worker offers');
  // some, without choosing a service: the error by the services
  await page.check('#answer-some');
  for (const s of ['personal_assistance', 'day_activities', 'transport'])
    await page.uncheck(`#answer-service-${s}`);
  await submit(page, '#answer-save', 422);
  assert.equal(await page.locator('.error-summary').count(), 1);
  assert.equal(await page.locator('#answer-some').isChecked(), true, 'the choice is kept');
  await assertAxeClean(page, 'answer form with an error');
  await page.check('#answer-service-day_activities');
  await page.fill('#usual_note', 'Henkilökohtainen apu ja kuljetus kunnan kautta.');
  await submit(page, '#answer-save', 200);
  const current = await page.locator('#answer-current').innerText();
  assert.match(current, /osaan palveluista/);
  assert.match(current, /Päivätoiminta/);
  assert.doesNotMatch(current, /Henkilökohtainen apu/, 'only the accepted services');
  assert.doesNotMatch(current, /kuljetus/i, 'the usual note is not among them');
  // what she recorded herself is hers: "you", not her name and role
  assert.match(await mainText(page), /Vastauksen kirjasi\s+Sinä, /);
  assert.doesNotMatch(await mainText(page), /Liisa Virtanen \(edustaja\)/);

  await visit(page, `/clients/${ALEKSI}/support-plan`);
  assert.equal(await h1Text(page), H1.support.fi);
  await assertAxeClean(page, 'support plan, representative');
  await page.fill('#goals', 'Aleksi haluaa käydä päivätoiminnassa.');
  await page.check('#sp-service-day_activities');
  await page.fill('#sp-note-day_activities', 'Kolmena päivänä viikossa');
  await page.check('#helper-family');
  await page.fill('#helper_note', 'Äiti kirjoitti yhdessä Aleksin kanssa.');
  await submit(page, '#support-plan-save', 200);
  assert.equal(new URL(page.url()).pathname, `/clients/${ALEKSI}/support-plan`);
  const text = await mainText(page);
  assert.match(text, /Aleksi haluaa käydä päivätoiminnassa/);
  assert.match(text, /Kolmena päivänä viikossa/);
  assert.match(text, /Kirjoittaja\s+Sinä/, 'she wrote it: "you"');
  assert.equal(await page.locator('#goals').inputValue(), 'Aleksi haluaa käydä päivätoiminnassa.',
    'the form starts from the newest version');
  await assertAxeClean(page, 'support plan written by the representative');

  await visit(page, `/clients/${MATTI}/offer`, 404);
  await visit(page, `/clients/${MATTI}/support-plan`, 404);
  await visit(page, `/clients/${MATTI}/assessments`, 404);
  await ctx.close();
});

test('client: writes his support plan (error first), answers his offer, cannot make an assessment', async () => {
  // the worker offers first
  const w = await signedIn('maria.nieminen');
  await visit(w.page, `/clients/${MATTI}/offer`);
  await w.page.fill('#offered_on', PAST);
  await w.page.check('#offer-service-personal_assistance');
  await w.page.check('#offer-service-transport');
  await submit(w.page, '#offer-save', 200);
  await w.ctx.close();

  const { ctx, page } = await signedIn('matti.korhonen');
  await visit(page, `/clients/${MATTI}/support-plan`);
  assert.equal(await h1Text(page), H1.support.fi);
  assert.match(await mainText(page), /sinun oma suunnitelmasi/, 'plain language for the client');
  await assertAxeClean(page, 'support plan, client');
  await page.fill('#wishes', 'Harrastukset iltaisin.');
  await page.check('#sp-service-transport');
  await submit(page, '#support-plan-save', 422);
  assert.equal(await page.locator('.error-summary a[href="#goals"]').count(), 1);
  assert.equal(await page.locator('#goals').getAttribute('aria-invalid'), 'true');
  assert.equal(await page.locator('#wishes').inputValue(), 'Harrastukset iltaisin.');
  assert.equal(await page.locator('#sp-service-transport').isChecked(), true);
  await assertAxeClean(page, 'support plan with an error');
  await page.fill('#goals', 'Käydä töissä ja asua omassa kodissa.');
  await page.check('#helper-peer');
  await submit(page, '#support-plan-save', 200);
  assert.match(await mainText(page), /Käydä töissä ja asua omassa kodissa/);
  assert.match(await mainText(page), /Kokemusasiantuntija/);

  // one version on its own page
  await Promise.all([page.waitForNavigation(), page.click('a[href^="/support-plans/"]')]);
  assert.equal(await h1Text(page), H1.support.fi);
  await assertAxeClean(page, 'one support plan');

  // the answer: refused without saying how, then properly
  await visit(page, `/clients/${MATTI}/offer`);
  await page.check('#answer-refused');
  await submit(page, '#answer-save', 422);
  assert.equal(await page.locator('#usual_note').getAttribute('aria-invalid'), 'true');
  await page.fill('#usual_note', 'Kunta järjestää palvelut kuten ennenkin.');
  await submit(page, '#answer-save', 200);
  assert.match(await page.locator('#answer-current').innerText(), /Ei henkilökohtaista budjettia/);
  await assertAxeClean(page, 'offer refused by the client');

  await switchLanguage(page, 'sv');
  await visit(page, `/clients/${MATTI}/support-plan`);
  assert.equal(await h1Text(page), H1.support.sv);
  await assertAxeClean(page, 'support plan in Swedish');
  await switchLanguage(page, 'fi');

  // no assessment form for the client; reading his own assessments is fine
  await visit(page, `/clients/${MATTI}/assessments/new`, 403);
  await visit(page, `/clients/${MATTI}/assessments`);
  assert.equal(await page.locator('#assessment-new').count(), 0);
  await visit(page, `/clients/${ALEKSI}/support-plan`, 404);
  await ctx.close();
});
