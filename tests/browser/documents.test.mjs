// Browser tests of a provider's statutory documents on its page. The demo:
// Apuviisas (Kari Mäkelä its admin) has handed in all four kinds,
// Tukitupa two. Kari uploads a file that is not what it claims (refused,
// the error at the field), then a new tax debt certificate, which the page
// lists in place of the old one and offers as a download (an attachment,
// never shown); the worker who decides approvals sees which kinds
// Tukitupa still lacks; a decision maker sees no documents. Finnish and Swedish, axe clean in each state; no JavaScript is
// needed (a multipart form post).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useService, submit, assertAxeClean, h1Text, switchLanguage } from './lib.mjs';

const env = useService();
const { signedIn, visit } = env;
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n');

test('the provider admin uploads a newer certificate; a false one is refused', async () => {
  const { ctx, page } = await signedIn('kari.makela');
  await visit(page, '/providers/1');
  assert.equal(await page.locator('#documents-heading').innerText(), 'Tilaajavastuulain asiakirjat');
  assert.match(await page.locator('#documents-complete').innerText(), /Kaikki vaaditut asiakirjat/);
  const table = page.locator('#provider-documents');
  assert.match(await table.locator('tr', { hasText: 'Verovelkatodistus' }).innerText(),
    /verovelkatodistus-apuviisas\.pdf/);
  await assertAxeClean(page, '/providers/1 (fi, documents)');

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
  await page.setInputFiles('#doc-file', { name: 'verovelka-2027.pdf', mimeType: 'application/pdf',
    buffer: PDF });
  await submit(page, '#document-save', 200);
  assert.match(await table.locator('tr', { hasText: 'Verovelkatodistus' }).innerText(),
    /verovelka-2027\.pdf \(PDF, 1 kB\)/, 'the newest of the kind counts');
  await assertAxeClean(page, '/providers/1 (fi, a newer document)');

  // the link downloads; it is an attachment
  const [download] = await Promise.all([page.waitForEvent('download'),
    table.locator('a', { hasText: 'verovelka-2027.pdf' }).click()]);
  assert.equal(download.suggestedFilename(), 'verovelka-2027.pdf');
  const href = await table.locator('a', { hasText: 'verovelka-2027.pdf' }).getAttribute('href');
  const res = await ctx.request.get(env.srv.url + href.slice(1));
  assert.equal(res.status(), 200);
  assert.match(res.headers()['content-disposition'], /^attachment;/);
  assert.equal(res.headers()['content-type'], 'application/pdf');
  assert.deepEqual(Buffer.from(await res.body()), PDF);

  await switchLanguage(page, 'sv');
  assert.equal(await page.locator('#documents-heading').innerText(),
    'Handlingar enligt beställaransvarslagen');
  assert.match(await page.locator('#documents-complete').innerText(), /Alla handlingar/);
  await assertAxeClean(page, '/providers/1 (sv, documents)');
  await ctx.close();
});

test('the worker sees them where it decides; a decision maker does not', async () => {
  const { ctx, page } = await signedIn('maria.nieminen');
  await visit(page, '/providers/1');
  assert.match(await page.locator('#provider-documents').innerText(), /verovelka-2027\.pdf/);
  await visit(page, '/providers/2');
  const missing = await page.locator('#documents-missing').innerText();
  assert.match(missing, /Todistus eläkevakuutusten ottamisesta/);
  assert.match(missing, /Vastuuvakuutustodistus/);
  assert.doesNotMatch(missing, /Verovelkatodistus/);
  assert.equal(await page.locator('#decide-form').count(), 1);
  await assertAxeClean(page, '/providers/2 (fi, worker, documents missing)');
  await switchLanguage(page, 'sv');
  assert.match(await page.locator('#documents-missing').innerText(), /Intyg över ansvarsförsäkring/);
  await assertAxeClean(page, '/providers/2 (sv, worker, documents missing)');
  await ctx.close();
  const dm = await signedIn('johanna.ek');
  await visit(dm.page, '/providers/1');
  assert.equal(await h1Text(dm.page), 'Apuviisas Oy');
  assert.equal(await dm.page.locator('#provider-documents').count(), 0);
  await visit(dm.page, '/providers/1/documents/1', 403);
  await dm.ctx.close();
});
