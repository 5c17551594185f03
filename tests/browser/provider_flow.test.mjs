// The acceptance test of issue 10 (providers and choice), end to end in a
// browser without JavaScript-only steps: a provider applies for two
// services from the public page and uploads its statutory documents; the
// worker approves one and rejects the other with a reason; the client
// (the demo's Matti Korhonen, whose approved plan has a day-activities
// voucher of 85,00 € a day, 8 days a month) chooses that provider for the
// line, seeing the own share before confirming; the provider activates the
// commitment; the client switches to another provider from a date, seeing
// what is released, and the ledger shows the release. Every page is axe
// clean, in Finnish and Swedish; `budjetti check` (reserved <= granted and
// granted = reserved + unreserved for every line) passes on the service's
// database after every step.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { BIN } from '../api/lib.mjs';
import {
  useService, submit, assertAxeClean, h1Text, switchLanguage, newContext, fillForm, signIn,
} from './lib.mjs';

const env = useService(undefined, { cases: true });
const text = async (page, sel) => (await page.locator(sel).innerText()).replace(/\s+/g, ' ');
const NAME = 'Päiväpaikka Kanerva Oy', ADMIN = 'kanerva.admin', PASS = 'Kanervan-paivapaikka-2026';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n');
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.alloc(24, 7)]);
let providerId, lineId, planId, firstCm;

// `budjetti check` on the running service's database: exit 0.
function check(step) {
  const r = spawnSync(BIN, ['check', '--db', env.srv.db], { encoding: 'utf8' });
  assert.equal(r.status, 0, `budjetti check after ${step}:\n${r.stdout}\n${r.stderr}`);
}

// Axe in Finnish, then in Swedish, back to Finnish. The page is loaded
// again at its own address after each switch: the language form goes back
// to the path only, and a GET form's step (the confirm page) needs its
// query.
async function axeBoth(page, where) {
  const url = page.url();
  await assertAxeClean(page, `${where} (fi)`);
  await switchLanguage(page, 'sv');
  assert.equal((await page.goto(url)).status(), 200, `${where} (sv)`);
  assert.equal(await page.locator('html').getAttribute('lang'), 'sv');
  await assertAxeClean(page, `${where} (sv)`);
  await switchLanguage(page, 'fi');
  assert.equal((await page.goto(url)).status(), 200, `${where} (fi again)`);
}

test('a provider applies for two services and uploads its documents', async () => {
  const ctx = await newContext(env.browser);
  const page = await ctx.newPage();
  await env.visit(page, 'apply');
  await axeBoth(page, '/apply');
  await fillForm(page, { name: NAME, ytunnus: '9612345-0', email: 'kanerva@example.fi',
    areas: 'Porvoo', register_no: 'S-4040', register_date: '2025-09-01',
    want_municipalities: 'Porvoo', username: ADMIN, display_name: 'Kaisa Kanerva',
    password: PASS });
  await page.selectOption('#register_name', 'soteri');
  await page.check('#want-day_activities');
  await page.check('#want-transport');
  // two documents sent with the application; one is not what it claims:
  // the whole application is refused, the error at that file
  await page.setInputFiles('#doc-tax_debt', { name: 'verovelka.pdf', mimeType: 'application/pdf',
    buffer: PDF });
  await page.setInputFiles('#doc-pension_insurance', { name: 'tyel.pdf',
    mimeType: 'application/pdf', buffer: PNG });
  await submit(page, '#apply-submit', 422);
  assert.equal(await page.locator('.error-summary a[href="#doc-pension_insurance"]').count(), 1);
  assert.equal(await page.locator('#doc-pension_insurance').getAttribute('aria-invalid'), 'true');
  await assertAxeClean(page, '/apply refused for a document (fi)');
  const none = await (await page.request.get(`${env.srv.url}api/public/providers?service=day_activities&municipality=Porvoo`)).json();
  assert.equal(none.items.some((i) => i.name === NAME), false);
  await page.fill('#password', PASS);
  await page.setInputFiles('#doc-tax_debt', { name: 'verovelka.pdf', mimeType: 'application/pdf',
    buffer: PDF });
  await page.setInputFiles('#doc-pension_insurance', { name: 'tyel.pdf',
    mimeType: 'application/pdf', buffer: PDF });
  await submit(page, '#apply-submit', 200);
  providerId = Number(new URL(page.url()).pathname.split('/')[2]);
  assert.equal(await h1Text(page), NAME);
  assert.equal(await page.locator('#provider-approvals tbody tr').count(), 2);
  const missing = await text(page, '#documents-missing');
  assert.doesNotMatch(missing, /Verovelkatodistus/, 'sent with the application');
  assert.match(missing, /Kaupparekisteriote/);
  assert.match(await text(page, '#provider-documents'), /verovelka\.pdf .*tyel\.pdf/);
  await axeBoth(page, 'the new provider page');
  check('the application');

  const files = [['trade_register', 'kaupparekisteri.png', 'image/png', PNG],
    ['liability_insurance', 'vastuuvakuutus.pdf', 'application/pdf', PDF]];
  for (const [kind, name, mimeType, buffer] of files) {
    await page.selectOption('#doc-kind', kind);
    await page.setInputFiles('#doc-file', { name, mimeType, buffer });
    await submit(page, '#document-save', 200);
  }
  assert.equal(await page.locator('#documents-missing').count(), 0);
  assert.match(await text(page, '#documents-complete'), /Kaikki vaaditut asiakirjat/);
  assert.match(await text(page, '#provider-documents'), /kaupparekisteri\.png \(PNG-kuva/);
  // its own price for day activities: 95,00 € a day (10,00 € over the voucher)
  await page.selectOption('#price-service', 'day_activities');
  await page.selectOption('#price-unit', 'day');
  await fillForm(page, { 'price-unit_price': '95,00', 'price-valid_from': '2025-01-01' });
  await submit(page, '#price-save', 200);
  await axeBoth(page, 'the provider page with its documents');
  check('the documents');
  await ctx.close();
});

test('the worker approves one service and rejects the other with a reason', async () => {
  const { ctx, page } = await env.signedIn('maria.nieminen');
  await env.visit(page, `/providers/${providerId}`);
  assert.match(await text(page, '#provider-documents'), /verovelka\.pdf/);
  assert.equal(await page.locator('#documents-missing').count(), 0);
  await axeBoth(page, 'the provider page, the worker');
  const option = async (service) => page.locator('#decide-approval option', { hasText: service })
    .getAttribute('value');
  await page.selectOption('#decide-approval', await option('Päivätoiminta'));
  await page.selectOption('#decide-state', 'approved');
  await submit(page, '#decide-save', 200);
  await page.selectOption('#decide-approval', await option('Kuljetus'));
  await page.selectOption('#decide-state', 'rejected');
  await submit(page, '#decide-save', 422);	// a rejection needs its reason
  await assertAxeClean(page, 'decision refused (fi)');
  await page.selectOption('#decide-approval', await option('Kuljetus'));
  await page.selectOption('#decide-state', 'rejected');
  await page.fill('#decide-reason', 'Ei esteetöntä kalustoa.');
  await submit(page, '#decide-save', 200);
  const rows = await text(page, '#provider-approvals');
  assert.match(rows, /Päivätoiminta Porvoo Hyväksytty/);
  assert.match(rows, /kuljetuspalvelu Porvoo Hylätty .*Ei esteetöntä kalustoa\./);
  await axeBoth(page, 'the provider page after the decisions');
  check('the decisions');
  await ctx.close();
});

test('the client chooses that provider for a plan line, seeing the own share', async () => {
  const { ctx, page } = await env.signedIn('matti.korhonen');
  const plans = await (await page.request.get(`${env.srv.url}api/clients/1/plans`)).json();
  planId = plans.items[0].id;
  const plan = await (await page.request.get(`${env.srv.url}api/plans/${planId}`)).json();
  lineId = plan.lines.find((l) => l.service.code === 'day_activities').id;
  await env.visit(page, `/plans/${planId}`);
  await submit(page, `#choose-${lineId}`);
  const mine = page.locator('.choice', { hasText: NAME });
  assert.match(await mine.innerText(), /Maksat itse 10,00\s€ vuorokaudelta, 80,00\s€ kuukaudessa/);
  await axeBoth(page, 'the choice');
  await page.check(`#provider-${providerId}`);
  await submit(page, '#choose-next');
  assert.match(await text(page, '#confirm-share'), /Maksat itse 10,00 € vuorokaudelta/);
  await axeBoth(page, 'the confirm step');
  await submit(page, '#confirm-submit');
  firstCm = Number(new URL(page.url()).pathname.split('/')[2]);
  assert.match(await text(page, '#cm-provider'), new RegExp(NAME));
  assert.match(await text(page, '#cm-share'), /10,00 €/);
  await axeBoth(page, 'the commitment, the client');
  check('the choice');
  await ctx.close();
});

test('the provider activates the commitment', async () => {
  const ctx = await newContext(env.browser);
  const page = await ctx.newPage();
  assert.equal((await signIn(page, env.srv.url, ADMIN, PASS)).status(), 200);
  await submit(page, '#dash-commitments');
  await axeBoth(page, 'the provider\'s commitments');
  await env.visit(page, `/commitments/${firstCm}`);
  await axeBoth(page, 'the commitment, the provider');
  await submit(page, '#cm-accept');
  assert.match(await text(page, '#cm-state'), /voimassa/);
  check('the activation');
  await ctx.close();
});

test('the client switches to another provider; the ledger shows the release', async () => {
  const { ctx, page } = await env.signedIn('matti.korhonen');
  await env.visit(page, `/commitments/${firstCm}`);
  await submit(page, '#cm-switch');
  const plan = await (await page.request.get(`${env.srv.url}api/plans/${planId}`)).json();
  const from = plan.valid_from.replace(/-01$/, '-15');
  assert.match(await text(page, '#choose-current'), new RegExp(NAME));
  const tuki = page.locator('.choice', { hasText: 'Tukitupa ry' });
  await page.check(`input[name="provider_id"][value="${await tuki.locator('input').getAttribute('value')}"]`);
  await page.fill('#choose-from', from);
  await axeBoth(page, 'the switch page');
  await page.check(`input[name="provider_id"][value="${await tuki.locator('input').getAttribute('value')}"]`);
  await page.fill('#choose-from', from);
  await submit(page, '#choose-next');
  assert.match(await text(page, '#confirm-switch'), new RegExp(`Nykyinen palveluntuottaja lopettaa: ${NAME}`));
  const day = from.split('-').map(Number);
  assert.match(await text(page, '#confirm-last-day'), new RegExp(`^14\\.${day[1]}\\.${day[0]}$`));
  const released = await text(page, '#confirm-released');
  assert.match(released, /^\d[\d\s]*,\d\d €$/);
  await axeBoth(page, 'the switch confirm step');
  await submit(page, '#confirm-submit');
  assert.match(await text(page, '#cm-provider'), /Tukitupa ry/);
  check('the switch');

  await env.visit(page, `/commitments/${firstCm}`);
  assert.match(await text(page, '#cm-state'), /päättynyt/);
  assert.equal(await text(page, '#cm-released'), released, 'what the confirm step said');
  await axeBoth(page, 'the ended commitment');
  const ledger = await (await page.request.get(`${env.srv.url}api/clients/1/ledger`)).json();
  const line = ledger.items.find((i) => i.plan_line_id === lineId);
  assert.ok(line.released > 0, `the line's ledger shows the release: ${JSON.stringify(line)}`);
  await ctx.close();
});
