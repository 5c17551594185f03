// Browser tests of "what to do next" and easy-to-read pages (issue 13
// items 2 and 4), on the demo's case histories. Henrik Sundström (Swedish,
// plan proposed) gets his decision and an account, and the worker records
// his easy-to-read preference. Signed in on a 320 px wide screen he finds
// his tasks on his home page (read the decision, choose providers), reads
// the decision's easy-to-read summary in Swedish, and the full decision is
// one click away; the reading mode can be turned off and on without
// JavaScript. The worker's home shows each client's stage and what waits
// on her; an offer without an assessment and a plan without accepted
// services say what to do first; the decision maker's plan page links what
// the plan rests on. Every page axe clean. Matti Korhonen (Finnish, with
// easy-to-read set) reads his assessment, support plan and service plan in
// easy Finnish and then easy Swedish, each page addressed to him, the full
// text one click away; a representative reads hers in easy Swedish too.
//
// Screenshots of each client page at 320 px are kept in
// tests/browser/artifacts/guide/ (or $BUD_SCREENSHOTS), one PNG per page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { useService, submit, assertAxeClean, h1Text, htmlLang, newContext, signIn, switchLanguage,
  PASSWORD } from './lib.mjs';
import { session, ok } from '../api/lib.mjs';

const SHOTS = process.env.BUD_SCREENSHOTS ||
  join(dirname(fileURLToPath(import.meta.url)), 'artifacts', 'guide');
const HENRIK_PW = 'Henriks-eget-losen-42';
const state = {};

const env = useService(async (env) => {
  const w = await session(env.srv, 'maria.nieminen', PASSWORD);
  const dm = await session(env.srv, 'johanna.ek', PASSWORD);
  const clients = await ok(await w.post('/api/clients/search', { q: 'Sundström' }));
  state.henrik = clients.items[0].id;
  const proposed = await ok(await dm.get('/api/plans?state=proposed'));
  const plan = proposed.items.find((p) => p.client.id === state.henrik);
  await ok(await dm.post(`/api/plans/${plan.id}/approve`, { password: PASSWORD }));
  state.plan = plan.id;
  await ok(await w.patch(`/api/clients/${state.henrik}`, { easy_read: true }));
  const acc = await ok(await w.post(`/api/clients/${state.henrik}/account`,
    { username: 'henrik.sundstrom' }), 201);
  state.link = acc.activation_link;
  state.elin = (await ok(await w.post('/api/clients/search', { q: 'Lindholm' }))).items[0].id;
}, { cases: true });

// A screenshot of the page kept in SHOTS; holds: the page does not scroll
// sideways at 320 px (the pages this file owns; the others' layout at 320
// px is issue 13 item 6, checked in their own tests).
async function shot(page, name, holds = true) {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  if (holds)
    assert.ok(wide <= 320, `${name}: no sideways scrolling at 320 px (${wide})`);
}

test('an easy-to-read client: tasks, the decision in easy Swedish, the full text one click away', async () => {
  const ctx = await newContext(env.browser, { locale: 'sv-SE', viewport: { width: 320, height: 640 } });
  const page = await ctx.newPage();
  await page.goto(state.link);
  await page.fill('#setpw-password', HENRIK_PW);
  await page.fill('#setpw-password2', HENRIK_PW);
  await submit(page, '#setpw-submit', 200);
  await signIn(page, env.srv.url, 'henrik.sundstrom', HENRIK_PW);

  // the home page: his tasks first, in easy Swedish
  assert.equal(await htmlLang(page), 'sv');
  assert.equal(await page.locator('#tasks h2').innerText(), 'Att göra');
  assert.equal(await page.locator('#task-decision').innerText(), 'Läs ditt nya beslut');
  assert.equal(await page.locator('#task-decision').getAttribute('href'),
    `/plans/${state.plan}/decision`);
  assert.equal(await page.locator('#task-choose').innerText(), 'Välj vem som ger dig din service');
  assert.match(await page.locator('#easy-intro').innerText(), /Det här är din sida/);
  assert.match(await page.locator('#read-mode').innerText(), /lättläst svenska/);
  await assertAxeClean(page, 'client home, easy-to-read (sv)');
  await shot(page, 'home');

  // the decision: the easy-to-read summary, not the full text
  await submit(page, '#task-decision');
  assert.equal(await htmlLang(page), 'sv');
  const summary = page.locator('#easy-summary');
  assert.equal(await summary.locator('h2').innerText(), 'Beslutet på lättläst svenska');
  assert.match(await summary.innerText(), /Det här är beslutet om din personliga budget\./);
  assert.match(await summary.innerText(), /Personlig assistans: /);
  assert.match(await summary.innerText(), /Du får inga pengar till ditt konto\./);
  assert.equal(await page.locator('#appeal').count(), 0, 'the full text is one click away');
  await assertAxeClean(page, 'decision, easy-to-read (sv)');
  await shot(page, 'decision-easy');

  // one click: the whole decision, with its appeal instructions
  await submit(page, '#decision-full');
  assert.equal(await page.locator('#easy-summary').count(), 0);
  assert.equal(await page.locator('#appeal').count(), 1);
  assert.match(await page.locator('#appeal-h').innerText(), /omprövning/i);
  assert.equal(await page.locator('#read-easy').count(), 1, 'and back to easy-to-read');
  await assertAxeClean(page, 'decision, full text (sv)');
  await shot(page, 'decision-full');

  // the decision read, the task is gone; choosing providers remains
  await env.visit(page, '/');
  assert.equal(await page.locator('#task-decision').count(), 0);
  assert.equal(await page.locator('#task-choose').count(), 1);

  // the offer, in easy Swedish, addressed to him
  await env.visit(page, `/clients/${state.henrik}/offer`);
  assert.match(await page.locator('#easy-offer').innerText(), /Du kan också säga nej\./);
  await assertAxeClean(page, 'offer, easy-to-read (sv)');
  await shot(page, 'offer');

  // his other pages hold at 320 px too
  for (const [name, path] of [['details', `/clients/${state.henrik}`],
    ['plan', `/plans/${state.plan}`], ['plans', `/clients/${state.henrik}/plans`],
    ['support-plan', `/clients/${state.henrik}/support-plan`],
    ['events', `/clients/${state.henrik}/events`], ['log', `/clients/${state.henrik}/log`],
    ['account', '/account']]) {
    await env.visit(page, path);
    if (name === 'details')	// about himself, to him
      assert.match(await page.locator('#client-lang').innerText(), /^Ditt språk är svenska\./);
    const easy = { 'support-plan': '#easy-support', events: '#easy-events', log: '#easy-log' }[name];
    if (easy) {		// easy Swedish here too, the full text a click away
      assert.equal(await page.locator(easy).count(), 1, `${name} in easy-to-read`);
      assert.equal(await page.locator('#read-full').count(), 1);
      await assertAxeClean(page, `${name}, easy-to-read (sv)`);
    }
    await shot(page, name, false);
  }

  // the reader turns easy-to-read off and on again (a form, no JavaScript)
  await env.visit(page, '/');
  await submit(page, '#read-mode-full');
  assert.equal(await page.locator('#easy-intro').count(), 0);
  assert.match(await page.locator('main p.lead').innerText(), /Här ser du din budget/);
  await submit(page, '#read-mode-easy');
  assert.equal(await page.locator('#easy-intro').count(), 1);
  await ctx.close();
});

test('the worker sees each client\'s stage and what waits on her; the order of steps is guided', async () => {
  const { ctx, page } = await env.signedIn('maria.nieminen');
  const row = (name) => page.locator('#my-clients tbody tr', { hasText: name });
  assert.match(await row('Matti Korhonen').locator('.stage').innerText(), /Päätös voimassa/);
  assert.match(await row('Elin Lindholm').locator('.stage').innerText(), /Aloitettu, ei arviointia/);
  const assess = page.locator(`#wait-${state.elin}-assess`);
  assert.match(await assess.innerText(), /Tee palvelutarpeen arviointi/);
  assert.equal(await assess.getAttribute('href'), `/clients/${state.elin}/assessments/new`);
  assert.match(await row('Henrik Sundström').locator('.stage').innerText(), /Päätös voimassa/);
  await assertAxeClean(page, 'worker home with stages');

  // an offer without an assessment, a plan without accepted services
  await env.visit(page, `/clients/${state.elin}/offer`);
  assert.match(await page.locator('#first-assess').innerText(), /Tee ensin palvelutarpeen arviointi/);
  await assertAxeClean(page, 'offer page: assess first');
  await env.visit(page, `/clients/${state.elin}/plans`);
  assert.match(await page.locator('#first-step').innerText(), /Tee ensin tarjous/);
  await assertAxeClean(page, 'plans page: offer first');
  await ctx.close();

  // the decision maker's plan page links what the plan rests on
  const dm = await env.signedIn('johanna.ek');
  await env.visit(dm.page, `/plans/${state.plan}`);
  const basis = dm.page.locator('#plan-basis');
  assert.match(await basis.locator('#basis-assessment').getAttribute('href'), /^\/assessments\/\d+$/);
  assert.equal(await basis.locator('#basis-offer').getAttribute('href'), `/clients/${state.henrik}/offer`);
  assert.match(await basis.innerText(), /Henkilökohtainen budjetti osaan palveluista/);
  await assertAxeClean(dm.page, 'plan page with its basis');
  await dm.ctx.close();
});

test('meetings: the worker books, moves and cancels; the client sees the video call; the admin sets the service', async () => {
  const day = (n) => new Date(Date.now() + n * 86400000).toISOString().slice(0, 10);
  const { ctx, page } = await env.signedIn('maria.nieminen');
  await env.visit(page, `/clients/${state.elin}/meetings`);
  assert.equal(await h1Text(page), 'Tapaamiset');
  await submit(page, '#meeting-save', 422);	// nothing filled in
  assert.equal(await page.locator('#meeting-date').getAttribute('aria-invalid'), 'true');
  assert.equal(await page.locator('.error-summary a[href="#meeting-date"]').count(), 1);
  await assertAxeClean(page, 'meetings: errors');
  await page.fill('#meeting-date', day(5));
  await page.fill('#meeting-time', '09:00');
  await page.fill('#meeting-place', 'Drottninggatan 4, Lovisa');
  await submit(page, '#meeting-save');
  assert.match(await page.locator('#meetings-notice').innerText(), /Tapaaminen varattu/);
  const row = page.locator('#meetings tbody tr').first();
  assert.match(await row.innerText(), /klo 09:00–10:00/);
  await assertAxeClean(page, 'meetings: booked');
  await submit(page, '#meetings tbody tr a[id^="meeting-move-"]');
  assert.equal(await page.locator('#meeting-form-h').innerText(), 'Siirrä');
  await page.fill('#meeting-time', '11:30');
  await page.check('#meeting-by-video');
  await submit(page, '#meeting-save');
  assert.match(await page.locator('#meetings-notice').innerText(), /siirretty/);
  assert.match(await row.innerText(), /11:30–12:30/);
  assert.equal(await row.locator('a[id^="meeting-video-"]').count(), 1);
  await submit(page, '#meetings tbody tr button[id^="meeting-cancel-"]');
  assert.match(await row.innerText(), /peruttu/);
  await ctx.close();

  // the client: the demo's review meeting by video, first on the task list
  const client = await env.signedIn('matti.korhonen', { viewport: { width: 320, height: 640 } });
  assert.equal(await client.page.locator('#task-meeting').innerText(), 'Sinulla on tapaaminen');
  await submit(client.page, '#task-meeting');
  const link = client.page.locator('#meetings a[id^="meeting-video-"]');
  assert.match(await link.getAttribute('href'), /^https:\/\/video\.ita-uusimaa\.example\/budjetti-/);
  assert.equal(await client.page.locator('#meeting-form').count(), 0);
  await assertAxeClean(client.page, 'meetings: the client');
  await shot(client.page, 'meetings');
  await client.ctx.close();

  // the admin's video service, refused without https
  const admin = await env.signedIn('admin');
  await env.visit(admin.page, '/settings/video');
  await admin.page.fill('#video-url', 'http://video.example.fi');
  await submit(admin.page, '#video-save', 422);
  assert.equal(await admin.page.locator('#video-url').getAttribute('aria-invalid'), 'true');
  await assertAxeClean(admin.page, 'video service: error');
  await admin.page.fill('#video-url', 'https://video.example.fi/');
  await submit(admin.page, '#video-save');
  assert.equal(await admin.page.locator('#video-saved').count(), 1);
  await assertAxeClean(admin.page, 'video service: saved');
  await admin.ctx.close();
});

// The easy-to-read pages of a client's case, in the page language: the
// texts each page must show (fi and sv). ${...} is filled in per client.
const EASY = {
  fi: {
    assessment: /Tässä on arvio siitä, millaista apua tarvitset\./,
    clientView: 'Sinun mielestäsi', fullView: 'Sinun näkemyksesi',
    support: 'Sinun tukisuunnitelmasi', supportFull: 'Uusin tukisuunnitelma', you: 'Sinä',
    plan: /Tämä on sinun palvelusuunnitelmasi\./,
    line: /Henkilökohtainen apu: 40 tuntia kuukaudessa\. Se maksaa 1\s140,00\s€ kuukaudessa\./,
    budget: /^Henkilökohtainen apu: Rahaa on yhteensä .*\. Rahaa on käytetty .*\. Rahaa on jäljellä .*\.$/,
    back: 'Takaisin suunnitelmiisi', logBack: 'Takaisin omiin tietoihisi',
  },
  sv: {
    assessment: /Här är en bedömning av vilken hjälp du behöver\./,
    clientView: 'Vad du tycker', fullView: 'Din syn',
    support: 'Din stödplan', supportFull: 'Den senaste stödplanen', you: 'Du',
    plan: /Det här är din serviceplan\./,
    line: /Personlig assistans: 40 timmar per månad\. Det kostar 1\s140,00\s€ per månad\./,
    budget: /^Personlig assistans: Det finns totalt .*\. Det har använts .*\. Det finns kvar .*\.$/,
    back: 'Tillbaka till dina planer', logBack: 'Tillbaka till dina uppgifter',
  },
};

// Open path; it is in easy-to-read (selector easy there), and the full
// text is one click away and back; both kept as screenshots, checked
// (axe and the checks beyond it; the full text once per template: full).
async function easyAndFull(page, path, easy, name, full = true) {
  await env.visit(page, path);
  assert.equal(await page.locator(easy).count(), 1, `${name}: easy-to-read`);
  await assertAxeClean(page, `${name}, easy-to-read`);
  await shot(page, name);
  await submit(page, '#read-full');
  assert.equal(await page.locator(easy).count(), 0, `${name}: the full text`);
  assert.equal(await page.locator('#read-easy').count(), 1, `${name}: back to easy-to-read`);
  if (full)
    await assertAxeClean(page, `${name}, full text`);
  await shot(page, `${name}-full`);
}

test('easy-to-read assessment, support plan and service plan, in Finnish and Swedish, to the client', async () => {
  const w = await session(env.srv, 'maria.nieminen', PASSWORD);
  const matti = (await ok(await w.post('/api/clients/search', { q: 'Korhonen' }))).items[0].id;
  await ok(await w.patch(`/api/clients/${matti}`, { easy_read: true }));
  const plan = (await ok(await w.get(`/api/clients/${matti}/plans`))).items
    .find((p) => p.state === 'approved').id;
  const { ctx, page } = await env.signedIn('matti.korhonen', { viewport: { width: 320, height: 640 } });
  for (const lang of ['fi', 'sv']) {
    const t = EASY[lang];
    if (lang === 'sv')
      await switchLanguage(page, 'sv');
    assert.equal(await htmlLang(page), lang);

    // the assessment: what he and the worker think, to him, no "client:" line
    await easyAndFull(page, `/clients/${matti}/assessments`, '#easy-assessment', `assessment-${lang}`, lang === 'fi');
    assert.equal(await page.locator('#assessment-views thead th').nth(1).innerText(), t.fullView);
    assert.equal(await page.locator('#casework-client').count(), 0, 'his own page names no client');
    await submit(page, '#read-easy');
    assert.match(await page.locator('#easy-assessment').innerText(), t.assessment);
    assert.equal(await page.locator('#assessment-views thead th').nth(1).innerText(), t.clientView);
    await submit(page, '#assessment-versions ~ div a[href^="/assessments/"]');
    assert.equal(await page.locator('#easy-assessment').count(), 1, 'one version, easy-to-read');
    if (lang === 'fi')
      await assertAxeClean(page, `one assessment, easy-to-read (${lang})`);

    // his support plan, which he wrote himself
    await easyAndFull(page, `/clients/${matti}/support-plan`, '#easy-support', `support-plan-${lang}`, lang === 'fi');
    assert.equal(await page.locator('#sp-newest').innerText(), t.supportFull);
    await submit(page, '#read-easy');
    assert.equal(await page.locator('#sp-newest').innerText(), t.support);
    assert.equal(await page.locator('#sp-versions ~ div tbody td').nth(2).innerText(), t.you);
    await submit(page, '#sp-versions ~ div a[href^="/support-plans/"]');
    assert.equal(await page.locator('#easy-support-version').count(), 1);
    if (lang === 'fi')
      await assertAxeClean(page, `one support plan version, easy-to-read (${lang})`);

    // the service plan: his services in short sentences, the table a click away
    if (lang === 'fi') {	// his plans: a short list, the table a click away
      await easyAndFull(page, `/clients/${matti}/plans`, '#easy-plans', `plans-${lang}`, false);
      assert.equal(await page.locator('#plan-table').count(), 1);
      await submit(page, '#read-easy');
      assert.match(await page.locator('#easy-plan-list').innerText(), /Suunnitelma on voimassa/);
    }
    await easyAndFull(page, `/plans/${plan}`, '#easy-plan', `service-plan-${lang}`, lang === 'fi');
    assert.equal(await page.locator('#plan-lines').count(), 1, 'the full text has the table');
    await submit(page, '#read-easy');
    assert.match(await page.locator('#easy-plan').innerText(), t.plan);
    assert.match(await page.locator('#easy-plan-lines').innerText(), t.line);
    assert.equal(await page.locator('#plan-lines').count(), 0);
    assert.match(await page.locator('#easy-budget li').first().innerText(), t.budget);
    assert.equal(await page.locator('#plan-back').innerText(), t.back);
    assert.equal(await page.locator('#easy-decision-link').getAttribute('href'), `/plans/${plan}/decision`);

    // who has seen his data: he himself is "you"
    await env.visit(page, `/clients/${matti}/log`);
    assert.equal(await page.locator('#log-back').innerText(), t.logBack);
    assert.ok((await page.locator('#uselog-list h3').allInnerTexts()).includes(t.you));
  }
  await ctx.close();

  // a representative chooses easy-to-read herself (the preference is the
  // client's own); the page names whom she represents
  const rep = await env.signedIn('liisa.virtanen', { viewport: { width: 320, height: 640 } });
  await switchLanguage(rep.page, 'sv');
  const aleksi = (await ok(await w.post('/api/clients/search', { q: 'Virtanen' }))).items[0].id;
  await env.visit(rep.page, `/clients/${aleksi}/assessments`);
  await submit(rep.page, '#read-mode-easy');
  await easyAndFull(rep.page, `/clients/${aleksi}/assessments`, '#easy-assessment', 'assessment-rep-sv', false);
  assert.match(await rep.page.locator('#casework-client').innerText(),
    /^Personen som du företräder: Aleksi Virtanen$/);
  assert.equal(await rep.page.locator('#assessment-views thead th').nth(1).innerText(),
    'Synen hos den du företräder', 'the full text: his view, to her');
  await rep.ctx.close();
});
