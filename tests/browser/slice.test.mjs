// tests/browser/slice.test.mjs: issue 4's acceptance walk, as the roles would
// do it in the browser. A worker creates a Swedish-speaking client, records
// a service need assessment, offers a personal budget and issues the
// client's sign-in; the client accepts it for two of the three services and
// writes a support plan; the worker drafts a plan with two lines and
// proposes it; a decision maker approves it with her password; the client
// reads the decision, in Swedish. axe-core checks every page on the way, and
// the budget ledger's grant is checked against the lines through the API.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  useService, submit, fillForm, assertAxeClean, signIn, signOut, h1Text, htmlLang, PASSWORD,
} from './lib.mjs';

const env = useService();
const { visit, signedIn } = env;

// A temporary identity code (individual number 900-999) with its check
// character, born on ddmmyy in the 1900s.
function hetu(ddmmyy, nnn) {
  const chars = '0123456789ABCDEFHJKLMNPRSTUVWXY';
  return `${ddmmyy}-${nnn}${chars[Number(ddmmyy + nnn) % 31]}`;
}

const CLIENT_PASSWORD = 'Karin-loggar-in-2026';
// Today in UTC, never after today in Helsinki (dates may not be in the future).
const today = new Date().toISOString().slice(0, 10);

// Spaces of every kind (amounts use U+00A0) as one plain space.
const norm = (s) => s.replace(/\s+/g, ' ').trim();

test('from intake to a decision the client reads in Swedish', async () => {
  const code = hetu('120488', '937');

  // 1. The worker creates the client, with Swedish as her language.
  const { ctx, page } = await signedIn('maria.nieminen');
  await visit(page, '/clients');
  await assertAxeClean(page, 'client search');
  await submit(page, '#new-client');
  await assertAxeClean(page, 'new client form');
  await fillForm(page, { hetu: code, first_name: 'Karin', last_name: 'Åström' });
  if (await page.locator('select#lang').count())
    await page.selectOption('#lang', 'sv');
  else
    await page.check('#lang-sv');
  await fillForm(page, {
    municipality: 'Loviisa',	// the worker's page is in Finnish; the client's decision says Lovisa
    address: 'Sibeliusgatan 5, 07900 Lovisa',
    communication: 'Behöver skriftlig information i förväg.',
  });
  await submit(page, '#client-save');
  assert.equal(await h1Text(page), 'Karin Åström');
  const clientId = Number(new URL(page.url()).pathname.split('/')[2]);
  assert.ok(clientId > 0, `client page url ${page.url()}`);
  await assertAxeClean(page, 'client page');

  // 2. The service need assessment, both views side by side.
  await submit(page, '#link-assessments');
  await assertAxeClean(page, 'assessments');
  await submit(page, '#assessment-new');
  await assertAxeClean(page, 'assessment form');
  await fillForm(page, {
    assessed_on: today,
    participants: 'Karin Åström, Maria Nieminen, Karins syster',
    client_view: 'Jag vill bo kvar hemma och ta mig till jobbet själv.',
    worker_view: 'Behöver personlig assistans vardagar och färdtjänst.',
    need_daily_living_client: 'Hjälp med matlagning och tvätt.',
    need_daily_living_worker: 'Cirka 40 timmar assistans i månaden.',
    need_mobility_client: 'Jag kan inte åka buss ensam.',
    need_mobility_worker: 'Färdtjänst till arbetet, cirka 18 resor i månaden.',
  });
  await submit(page, '#assessment-save');
  assert.match(await page.locator('main').innerText(), /Jag vill bo kvar hemma/);
  await assertAxeClean(page, 'assessment saved');

  // 3. The offer of a personal budget for three services.
  await visit(page, `/clients/${clientId}/offer`);
  await assertAxeClean(page, 'offer form');
  await page.fill('#offered_on', today);
  for (const s of ['personal_assistance', 'transport', 'day_activities'])
    await page.check(`#offer-service-${s}`);
  await submit(page, '#offer-save');
  await assertAxeClean(page, 'offer made');

  // 4. Her sign-in account.
  await visit(page, `/clients/${clientId}`);
  await page.fill('#account-username', 'karin.astrom');
  await submit(page, '#account-create', 201);
  const link = await page.locator('#activation-link').innerText();
  await signOut(page);
  // She chooses her password with the activation link.
  await page.goto(link);
  await page.fill('#setpw-password', CLIENT_PASSWORD);
  await page.fill('#setpw-password2', CLIENT_PASSWORD);
  await submit(page, '#setpw-submit', 200);
  await assertAxeClean(page, 'password chosen');

  // 5. The client accepts the budget for two services and writes her
  //    support plan; her pages are in Swedish.
  await signIn(page, env.srv.url, 'karin.astrom', CLIENT_PASSWORD);
  assert.equal(await htmlLang(page), 'sv');
  await visit(page, `/clients/${clientId}/offer`);
  assert.equal(await htmlLang(page), 'sv');
  await assertAxeClean(page, 'offer, client');
  await page.check('#answer-some');
  await page.check('#answer-service-personal_assistance');
  await page.check('#answer-service-transport');
  if (await page.locator('#answer-service-day_activities').isChecked())
    await page.uncheck('#answer-service-day_activities');
  await page.fill('#usual_note', 'Den tredje tjänsten ordnas som tidigare.');
  await submit(page, '#answer-save');
  await assertAxeClean(page, 'offer answered');
  const current = await page.locator('#answer-current').innerText();
  assert.match(current, /Personlig assistans/);
  assert.match(current, /Färdtjänst/);
  assert.doesNotMatch(current, /Dagverksamhet/);

  await visit(page, `/clients/${clientId}/support-plan`);
  await assertAxeClean(page, 'support plan, client');
  await page.fill('#goals', 'Bo i egen bostad och arbeta tre dagar i veckan.');
  await page.fill('#wishes', 'Samma assistent så långt det går.');
  await page.check('#sp-service-personal_assistance');
  await page.check('#sp-service-transport');
  await page.check('#helper-family');
  await submit(page, '#support-plan-save');
  assert.match(await page.locator('main').innerText(), /Bo i egen bostad/);
  await signOut(page);

  // 6. The worker drafts the plan with two lines and proposes it.
  await signIn(page, env.srv.url, 'maria.nieminen');
  await visit(page, `/clients/${clientId}/plans`);
  await assertAxeClean(page, 'plans, worker');
  await fillForm(page, {
    label: 'Assistans och färdtjänst',
    valid_from: '2027-01-01',
    valid_to: '2027-12-31',
    review_date: '2027-06-30',
    client_fee: '0',
    reasoning: 'Enligt bedömningen av servicebehovet och stödplanen.',
  });
  await submit(page, '#plan-create');
  const planId = Number(new URL(page.url()).pathname.split('/')[2]);
  assert.ok(planId > 0, `plan page url ${page.url()}`);
  await page.selectOption('#line-service', 'personal_assistance');
  await page.fill('#line-quantity', '40');
  await page.fill('#line-content', 'Assistans hemma och i arbetet');
  await submit(page, '#line-add');
  await page.selectOption('#line-service', 'transport');
  await page.fill('#line-quantity', '18');
  await page.fill('#line-content', 'Resor till arbetet');
  await submit(page, '#line-add');
  assert.equal(await page.locator('#plan-lines tbody tr').count(), 2);
  // 40 h x 28,50 EUR + 18 trips x 35,00 EUR = 1 770,00 EUR a month, 12 months.
  assert.equal(norm(await page.locator('#plan-total-month').innerText()), '1 770,00 €');
  assert.equal(norm(await page.locator('#plan-total-period').innerText()), '21 240,00 €');
  await assertAxeClean(page, 'plan draft');
  await submit(page, '#plan-propose');
  await signOut(page);

  // 7. The decision maker approves it.
  await signIn(page, env.srv.url, 'johanna.ek');
  await visit(page, '/decisions');
  await assertAxeClean(page, 'decisions to make');
  await submit(page, `#proposed-list a[href="/plans/${planId}"]`);
  await assertAxeClean(page, 'plan, decision maker');
  await page.fill('#approve-password', PASSWORD);
  await submit(page, '#plan-approve');
  assert.match(await page.locator('#plan-state').innerText(), /hyväksytty/i);
  await signOut(page);

  // 8. The client reads the decision, in Swedish.
  await signIn(page, env.srv.url, 'karin.astrom', CLIENT_PASSWORD);
  await visit(page, `/clients/${clientId}/plans`);
  await assertAxeClean(page, 'plans, client');
  await visit(page, `/plans/${planId}`);
  await submit(page, '#decision-link');
  assert.equal(await htmlLang(page), 'sv');
  assert.match(await h1Text(page), /Beslut/);
  const doc = (await page.locator('main').innerText()).replace(/\s+/g, ' ');
  assert.match(doc, /Karin Åström/);
  assert.match(doc, /1 770,00 €/);
  assert.match(doc, /Hemkommun Lovisa/, 'the municipality by its Swedish name');
  assert.equal(await page.locator('#decision-lines tbody tr').count(), 2);
  assert.match(await page.locator('#appeal').innerText(), /omprövning/i);
  await assertAxeClean(page, 'decision, client');

  // The ledger granted exactly the approved lines (through the API, in the
  // same session).
  const res = await page.request.get(`${env.srv.url}api/clients/${clientId}/ledger`);
  assert.equal(res.status(), 200);
  const ledger = await res.json();
  const lines = (ledger.items ?? ledger.lines).filter((l) => l.plan_id === planId);
  assert.equal(lines.length, 2);
  assert.equal(lines.reduce((s, l) => s + l.granted, 0), 2124000);
  await ctx.close();
});
