// Browser test of a provider's API keys page (/providers/{id}/api-keys):
// the provider's admin (kari.makela of Apuviisas Oy) reaches it from the
// provider's page, makes a key with a name and its scopes, sees the key
// once (never again on the page; the demo's own key is listed), the key works with the care system's
// API, the list shows it used, and revoking it stops it. The form's errors
// are named in the summary and by their fields; axe clean in fi and sv
// (and en); a provider user who is not the admin is refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { useService, submit, assertAxeClean, switchLanguage, h1Text } from './lib.mjs';
import { BIN } from '../api/lib.mjs';

const env = useService(undefined, { cases: true });
const { signedIn } = env;
const PLAIN_PASSWORD = 'Apuviisas-tavallinen-31';

async function providerId(page) {
  await env.visit(page, '/');
  const me = await page.evaluate(async () => (await (await fetch('/api/me')).json()).user);
  return me.provider_id;
}

test('the provider\'s admin makes a key, sees it once, and revokes it', async () => {
  const { page } = await signedIn('kari.makela');
  const pid = await providerId(page);
  await env.visit(page, `/providers/${pid}`);
  await submit(page, '#provider-api-keys');
  assert.equal(await h1Text(page), 'API-avaimet');
  assert.match(await page.locator('#apikeys-table').innerText(), /Apuviisas hoitojärjestelmä/);	// the demo's
  await assertAxeClean(page, 'API keys (fi)');
  await switchLanguage(page, 'sv');
  assert.equal(await h1Text(page), 'API-nycklar');
  await assertAxeClean(page, 'API keys (sv)');
  await switchLanguage(page, 'en');
  await assertAxeClean(page, 'API keys (en)');
  await switchLanguage(page, 'fi');

  // errors: no name, no scope; named in the summary and by their fields
  await page.uncheck('#key-scope-commitments-read');
  await submit(page, '#apikey-create', 422);
  assert.match(await page.title(), /^Virhe:/);
  assert.equal(await page.locator('.error-summary a[href="#key-name"]').count(), 1);
  assert.equal(await page.locator('.error-summary a[href="#key-scope-commitments-read"]').count(), 1);
  assert.equal(await page.getAttribute('#key-name', 'aria-invalid'), 'true');
  await assertAxeClean(page, 'API keys with errors');

  await page.fill('#key-name', 'Hoitojärjestelmä');
  await page.check('#key-scope-commitments-read');
  await page.check('#key-scope-events-write');
  await submit(page, '#apikey-create', 200);
  const key = await page.inputValue('#apikey-secret');
  assert.match(key, /^bud_[a-z2-7]{12}_[A-Za-z0-9_-]{43}$/);
  assert.match(await page.locator('#apikey-new').innerText(), /näytetä enää/);
  await assertAxeClean(page, 'a new key shown');
  const row = page.locator('#apikeys-table tbody tr').first();
  assert.match(await row.innerText(), /Hoitojärjestelmä/);
  assert.match(await row.innerText(), /ei koskaan/);

  // the key works; the page never shows it again, and shows it used
  const res = await fetch(env.srv.url + 'api/provider/commitments',
    { headers: { authorization: `Bearer ${key}` } });
  assert.equal(res.status, 200);
  await env.visit(page, `/providers/${pid}/api-keys`);
  assert.equal(await page.locator('#apikey-secret').count(), 0);
  assert.ok(!(await page.content()).includes(key.slice(17)), 'the secret is not on the page');
  assert.doesNotMatch(await page.locator('#apikeys-table tbody tr').first().innerText(), /ei koskaan/);

  await submit(page, '#apikeys-table button[id^="apikey-revoke-"]');
  assert.equal(await page.locator('#apikey-revoked').count(), 1);
  assert.match(await page.locator('#apikeys-table tbody tr').first().innerText(), /Peruttu/);
  await assertAxeClean(page, 'a key revoked');
  const after = await fetch(env.srv.url + 'api/provider/commitments',
    { headers: { authorization: `Bearer ${key}` } });
  assert.equal(after.status, 401);
});

test('a provider user who is not the admin may not manage keys', async () => {
  const probe = await signedIn('kari.makela');
  const pid = await providerId(probe.page);
  const added = spawnSync(BIN, ['user', 'add', '--db', env.srv.db, '--username', 'apu.plain', '--role',
    'provider_user', '--name', 'Aino Apuviisas', '--provider', String(pid)],
  { input: `${PLAIN_PASSWORD}\n`, encoding: 'utf8' });
  assert.equal(added.status, 0, added.stderr);
  const { page } = await signedIn('apu.plain', { password: PLAIN_PASSWORD });
  await env.visit(page, `/providers/${pid}`);
  assert.equal(await page.locator('#provider-api-keys').count(), 0);
  await env.visit(page, `/providers/${pid}/api-keys`, 403);
});
