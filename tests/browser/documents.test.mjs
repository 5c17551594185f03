// Browser tests of a provider's statutory documents on its page: the
// provider's admin sees which kinds are missing, uploads a file that is not
// what it claims (refused, the error at the field), then a PDF, which the
// page lists and offers as a download (an attachment, never shown); the
// worker who decides its approvals sees the same; a decision maker sees no
// documents. Finnish and Swedish, axe clean in each state; no JavaScript is
// needed (a multipart form post).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useService, submit, assertAxeClean, h1Text, switchLanguage } from './lib.mjs';

const env = useService();
const { signedIn, visit } = env;
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n');

test('the provider admin uploads its documents; the missing kinds follow', async () => {
  const { ctx, page } = await signedIn('kari.makela');
  await visit(page, '/providers/1');
  assert.equal(await page.locator('#documents-heading').innerText(), 'Tilaajavastuulain asiakirjat');
  assert.match(await page.locator('#documents-missing').innerText(), /Verovelkatodistus/);
  await assertAxeClean(page, '/providers/1 (fi, documents missing)');

  // a text file that calls itself a PDF: refused, the error at the field
  await page.selectOption('#doc-kind', 'tax_debt');
  await page.setInputFiles('#doc-file', { name: 'todistus.pdf', mimeType: 'application/pdf',
    buffer: Buffer.from('not a pdf at all') });
  await submit(page, '#document-save', 422);
  const summary = page.locator('.error-summary[role="alert"]');
  assert.equal(await summary.locator('a[href="#doc-file"]').count(), 1);
  assert.equal(await page.locator('#doc-file').getAttribute('aria-invalid'), 'true');
  assert.match(await page.locator('#doc-file-error').innerText(), /ei ole PDF-, PNG- tai JPEG-tiedosto/);
  await assertAxeClean(page, '/providers/1 (fi, upload refused)');

  // nothing chosen: refused too
  await submit(page, '#document-save', 422);
  assert.match(await page.locator('#doc-file-error').innerText(), /Valitse lähetettävä tiedosto/);

  await page.selectOption('#doc-kind', 'tax_debt');
  await page.setInputFiles('#doc-file', { name: 'verovelka.pdf', mimeType: 'application/pdf',
    buffer: PDF });
  await submit(page, '#document-save', 200);
  const table = page.locator('#provider-documents');
  assert.match(await table.locator('tr', { hasText: 'Verovelkatodistus' }).innerText(), /verovelka\.pdf \(PDF, 1 kB\)/);
  assert.doesNotMatch(await page.locator('#documents-missing').innerText(), /Verovelkatodistus/);
  assert.match(await page.locator('#documents-missing').innerText(), /Kaupparekisteriote/);
  await assertAxeClean(page, '/providers/1 (fi, one document)');

  // the link downloads; it is an attachment
  const [download] = await Promise.all([page.waitForEvent('download'),
    table.locator('a', { hasText: 'verovelka.pdf' }).click()]);
  assert.equal(download.suggestedFilename(), 'verovelka.pdf');
  const href = await table.locator('a', { hasText: 'verovelka.pdf' }).getAttribute('href');
  const res = await ctx.request.get(env.srv.url + href.slice(1));
  assert.equal(res.status(), 200);
  assert.match(res.headers()['content-disposition'], /^attachment;/);
  assert.equal(res.headers()['content-type'], 'application/pdf');
  assert.deepEqual(Buffer.from(await res.body()), PDF);

  await switchLanguage(page, 'sv');
  assert.equal(await page.locator('#documents-heading').innerText(),
    'Handlingar enligt beställaransvarslagen');
  assert.match(await page.locator('#documents-missing').innerText(), /Handelsregisterutdrag/);
  await assertAxeClean(page, '/providers/1 (sv, one document)');
  await ctx.close();
});

test('the worker sees them where it decides; a decision maker does not', async () => {
  const { ctx, page } = await signedIn('maria.nieminen');
  await visit(page, '/providers/1');
  assert.match(await page.locator('#provider-documents').innerText(), /verovelka\.pdf/);
  assert.equal(await page.locator('#decide-form').count(), 1);
  await assertAxeClean(page, '/providers/1 (fi, worker)');
  await ctx.close();
  const dm = await signedIn('johanna.ek');
  await visit(dm.page, '/providers/1');
  assert.equal(await h1Text(dm.page), 'Apuviisas Oy');
  assert.equal(await dm.page.locator('#provider-documents').count(), 0);
  await visit(dm.page, '/providers/1/documents/1', 403);
  await dm.ctx.close();
});
