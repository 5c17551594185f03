// Browser tests of the invoice pages on the demo's settlement: Apuviisas
// Oy (kari.makela's) has Aleksi Virtanen's housing month and trips
// committed from the first of last month, and last month's housing was
// invoiced and approved. Kari sends a broken Finvoice (its problems
// listed), then one for last month's trips with a row at a wrong price;
// the invoice page gives that row's reason in his language. Pekka
// Salonen of finance finds it, is refused approval with a wrong password,
// and approves: the good row is approved, the wrong one refused with its
// reason. Every page axe clean, in Finnish and Swedish.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { useService, submit, assertAxeClean, h1Text, switchLanguage, PASSWORD } from './lib.mjs';
import { finvoice } from '../api/finvoice.mjs';

const env = useService(undefined, { cases: true });
const { signedIn } = env;
const text = async (page, sel) => (await page.locator(sel).innerText()).replace(/\s+/g, ' ');

function sql(statement) {
  const r = spawnSync('sqlite3', ['-cmd', '.timeout 5000', env.srv.db, statement], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.trim();
}

test('the provider sends a Finvoice and reads each row\'s reason', async () => {
  const trips = sql("SELECT id FROM commitment WHERE unit = 'trip'");
  const month = sql(`SELECT substr(valid_from, 1, 7) FROM commitment WHERE id = ${trips}`);
  const { ctx, page } = await signedIn('kari.makela');
  await submit(page, 'nav a[href="/invoices"]');
  assert.match(await h1Text(page), /Laskut/);
  assert.match(await text(page, '#inv-table'), /KK-/);
  await assertAxeClean(page, 'provider invoices (fi)');

  // a document that does not check: refused, its problems listed
  await page.fill('#inv-xml', '<Finvoice Version="3.0"></Finvoice>');
  await submit(page, '#inv-send-submit', 422);
  assert.equal(await page.locator('.error-summary a[href="#inv-xml"]').count(), 1);
  assert.ok(await page.locator('#inv-problems li').count() >= 1);
  await assertAxeClean(page, 'finvoice problems');

  await page.fill('#inv-xml', finvoice({ seller: '9304816-8', number: 'WEB-1', date: `${month}-28`,
    rows: [{ commitment: trips, day: `${month}-10`, qty: 2, price: 3500 },
      { commitment: trips, day: `${month}-11`, qty: 1, price: 3900 }] }));
  await submit(page, '#inv-send-submit');
  assert.match(new URL(page.url()).pathname, /^\/invoices\/\d+$/);
  assert.match(await text(page, '#inv-notice'), /vastaanotettu/);
  assert.match(await text(page, '#inv-rows tbody tr:nth-child(2)'), /Yksikköhinta ei ole sitoumuksen hinta/);
  assert.equal(await page.locator('#approve-form').count(), 0);
  await assertAxeClean(page, 'invoice, provider (fi)');
  await switchLanguage(page, 'sv');
  assert.match(await h1Text(page), /Faktura WEB-1/);
  assert.match(await text(page, '#inv-rows tbody tr:nth-child(2)'), /Enhetspriset är inte förbindelsens pris/);
  await assertAxeClean(page, 'invoice, provider (sv)');
  await switchLanguage(page, 'fi');
  await ctx.close();
});

test('finance approves the rows that pass, giving the password again', async () => {
  const { ctx, page } = await signedIn('pekka.salonen');
  await env.visit(page, '/invoices?state=received');
  await assertAxeClean(page, 'finance invoices');
  await submit(page, '#inv-table tbody tr:first-child a');
  assert.match(await h1Text(page), /Lasku WEB-1/);
  await assertAxeClean(page, 'invoice, finance (fi)');

  await page.fill('#approve-password', 'vaara-salasana-99');
  await submit(page, '#inv-approve-submit', 401);
  assert.equal(await page.locator('.error-summary a[href="#approve-password"]').count(), 1);
  assert.match(await text(page, '#inv-state'), /Odottaa/);
  await assertAxeClean(page, 'approval refused');

  await page.fill('#approve-password', PASSWORD);
  await submit(page, '#inv-approve-submit');
  assert.match(await text(page, '#inv-notice'), /hyväksytty/);
  assert.match(await text(page, '#inv-state'), /Hyväksytty/);
  assert.match(await text(page, '#inv-approved'), /70,00/);
  assert.match(await text(page, '#inv-rows tbody tr:nth-child(1)'), /Hyväksytty/);
  assert.match(await text(page, '#inv-rows tbody tr:nth-child(2)'), /Hylätty/);
  await switchLanguage(page, 'sv');
  assert.match(await text(page, '#inv-state'), /Godkänd/);
  await assertAxeClean(page, 'invoice approved (sv)');
  await switchLanguage(page, 'fi');
  await ctx.close();
});

test('a payment run: made by one finance user, approved by another; the notice; the remittance advice', async () => {
  const maker = await signedIn('pekka.salonen');
  await submit(maker.page, 'nav a[href="/payment-runs"]');
  assert.match(await h1Text(maker.page), /Maksuajot/);
  await assertAxeClean(maker.page, 'payment runs (fi)');
  await submit(maker.page, '#run-create');
  assert.match(new URL(maker.page.url()).pathname, /^\/payment-runs\/\d+$/);
  const path = new URL(maker.page.url()).pathname;
  assert.equal(await maker.page.locator('#approve-form').count(), 0, 'the maker cannot approve');
  assert.ok(await maker.page.locator('#run-payments tbody tr').count() >= 1);
  await assertAxeClean(maker.page, 'payment run, maker');
  await maker.ctx.close();

  const other = await signedIn('tuula.talous');
  await env.visit(other.page, path);
  await other.page.fill('#run-password', 'vaara-salasana-99');
  await submit(other.page, '#run-approve-submit', 401);
  assert.equal(await other.page.locator('.error-summary a[href="#run-password"]').count(), 1);
  await assertAxeClean(other.page, 'run approval refused');
  await other.page.fill('#run-password', PASSWORD);
  await submit(other.page, '#run-approve-submit');
  assert.match(await text(other.page, '#run-notice'), /hyväksytty/);
  assert.match(await text(other.page, '#run-state'), /Hyväksytty/);
  const pain = await other.page.request.get(`${env.srv.url}${path.slice(1).replace('payment-runs', 'api/payment-runs')}/pain001`);
  assert.equal(pain.status(), 200);
  await assertAxeClean(other.page, 'payment run approved (fi)');
  await switchLanguage(other.page, 'sv');
  assert.match(await h1Text(other.page), /Betalningskörning/);
  await assertAxeClean(other.page, 'payment run approved (sv)');
  await switchLanguage(other.page, 'fi');
  await other.ctx.close();

  const prov = await signedIn('kari.makela');
  await env.visit(prov.page, '/invoices');
  await submit(prov.page, '#inv-remittance');
  assert.match(await h1Text(prov.page), /Maksuerittely/);
  assert.ok(await prov.page.locator('#remit-table tbody tr').count() >= 2);
  await assertAxeClean(prov.page, 'remittance (fi)');
  await switchLanguage(prov.page, 'sv');
  assert.match(await h1Text(prov.page), /Betalningsspecifikation/);
  await assertAxeClean(prov.page, 'remittance (sv)');
  await prov.ctx.close();
});

test('the plan page shows per line what was granted, committed, used and left', async () => {
  const plan = sql("SELECT plan_id FROM commitment WHERE unit = 'month'");
  const w = await signedIn('maria.nieminen');
  await env.visit(w.page, `/plans/${plan}`);
  const housing = await text(w.page, '#plan-budget-table tbody tr:first-child');
  assert.match(housing, /Tuettu asuminen/);
  assert.match(housing, /1\s450,00/);
  await assertAxeClean(w.page, 'plan budget, worker (fi)');
  await switchLanguage(w.page, 'sv');
  assert.match(await text(w.page, '#plan-budget'), /Använt/);
  await assertAxeClean(w.page, 'plan budget, worker (sv)');
  await switchLanguage(w.page, 'fi');
  await w.ctx.close();
  const c = await signedIn('matti.korhonen');
  const plans = await (await c.page.request.get(`${env.srv.url}api/clients/1/plans`)).json();
  await env.visit(c.page, `/plans/${plans.items[0].id}`);
  assert.match(await text(c.page, '#plan-budget'), /Käytetty/);
  await assertAxeClean(c.page, 'plan budget, client');
  await c.ctx.close();
});
