// Browser tests of the choice of provider and of commitments, on the
// demo's case histories: Matti Korhonen (client 1, Porvoo) chooses a
// provider for his day activities (a voucher of 85,00 € a day, 8 days a
// month) on his decision's page; Apuviisas Oy asks 92,00 € (Tukitupa ry
// 85,00 €), so the choice
// page and the confirm step show his own share, 7,00 € a day and 56,00 € a
// month, before anything is saved. A step without a choice shows the form
// errors. Kari Mäkelä of Apuviisas finds the commitment from his
// dashboard, is refused a decline without a reason, and accepts it. Every
// page axe clean, in Finnish and Swedish.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useService, submit, assertAxeClean, h1Text, switchLanguage } from './lib.mjs';

const env = useService(undefined, { cases: true });
const { signedIn } = env;
const text = async (page, sel) => (await page.locator(sel).innerText()).replace(/\s+/g, ' ');

test('the client chooses a provider, seeing the own share before confirming', async () => {
  const { ctx, page } = await signedIn('matti.korhonen');
  const plans = await (await page.request.get(`${env.srv.url}api/clients/1/plans`)).json();
  const planId = plans.items[0].id;
  const plan = await (await page.request.get(`${env.srv.url}api/plans/${planId}`)).json();
  const line = plan.lines.find((l) => l.service.code === 'day_activities');
  await env.visit(page, `/plans/${planId}`);
  await assertAxeClean(page, 'plan with choice links');
  await submit(page, `#choose-${line.id}`);
  assert.equal(new URL(page.url()).pathname, `/plan-lines/${line.id}/choose`);
  assert.match(await h1Text(page), /Valitse palveluntuottaja: Päivätoiminta/);
  const apu = page.locator('.choice', { hasText: 'Apuviisas Oy' });
  assert.match(await apu.innerText(), /Maksat itse 7,00\s€ vuorokaudelta, 56,00\s€ kuukaudessa/);
  assert.match(await page.locator('.choice', { hasText: 'Tukitupa ry' }).innerText(),
    /Et maksa itse mitään/);
  await assertAxeClean(page, 'choice (fi)');

  // no provider chosen: the error summary names the group
  await submit(page, '#choose-next', 422);
  const summary = page.locator('.error-summary');
  assert.equal(await summary.locator('a[href="#choose-providers"]').count(), 1);
  await assertAxeClean(page, 'choice errors');

  await switchLanguage(page, 'sv');
  assert.match(await h1Text(page), /Välj serviceproducent: Dagverksamhet/);
  assert.match(await page.locator('.choice', { hasText: 'Apuviisas Oy' }).innerText(),
    /Du betalar själv 7,00\s€/);
  await assertAxeClean(page, 'choice (sv)');
  await switchLanguage(page, 'fi');

  await page.check(`input[name="provider_id"][value="${await apu.locator('input').getAttribute('value')}"]`);
  await submit(page, '#choose-next');
  assert.match(await h1Text(page), /Tarkista valintasi/);
  assert.match(await text(page, '#confirm-share'), /Maksat itse 7,00 € vuorokaudelta/);
  assert.match(await text(page, '#confirm-share'), /56,00 € kuukaudessa/);
  await assertAxeClean(page, 'confirm');
  // nothing saved before confirming
  const before = await (await page.request.get(`${env.srv.url}api/plan-lines/${line.id}/choices`)).json();
  assert.equal(before.current, null);

  await submit(page, '#confirm-submit');
  assert.match(new URL(page.url()).pathname, /^\/commitments\/\d+$/);
  assert.match(await text(page, '#cm-notice'), /Valinta on tallennettu/);
  assert.match(await text(page, '#cm-state'), /odottaa/);
  assert.match(await text(page, '#cm-share'), /7,00 €/);
  await assertAxeClean(page, 'commitment, client');
  await ctx.close();
});

test('the provider declines without a reason (refused), then accepts', async () => {
  const { ctx, page } = await signedIn('kari.makela');
  await submit(page, '#dash-commitments');
  assert.match(await h1Text(page), /Maksusitoumukset/);
  assert.ok(!(await page.locator('main').innerText()).includes('140387-901Y'));
  await assertAxeClean(page, 'provider list');
  await submit(page, '#cm-table tbody tr:first-child a');
  assert.match(await h1Text(page), /Maksusitoumus: Päivätoiminta/);
  assert.ok(!(await page.locator('main').innerText()).includes('140387-901Y'));
  await switchLanguage(page, 'sv');
  assert.match(await h1Text(page), /Betalningsförbindelse/);
  await assertAxeClean(page, 'commitment, provider (sv)');
  await switchLanguage(page, 'fi');
  await submit(page, '#cm-decline', 422);
  assert.equal(await page.locator('#decline-reason').getAttribute('aria-invalid'), 'true');
  assert.equal(await page.locator('.error-summary a[href="#decline-reason"]').count(), 1);
  await assertAxeClean(page, 'decline errors');
  await submit(page, '#cm-accept');
  assert.match(await text(page, '#cm-notice'), /hyväksytty/);
  assert.match(await text(page, '#cm-state'), /voimassa/);
  assert.equal(await page.locator('#cm-accept').count(), 0);
  await assertAxeClean(page, 'commitment accepted');
  await ctx.close();
});
