// API tests for the providers' statutory documents (app/document.h,
// api/documents.c): a multipart upload decoded by libmicrohttpd's post
// processor, carrying the CSRF token; content checked by its bytes and
// against the declared type, size and emptiness; kept outside anything
// served under a name of ours (mode 0700 directory); downloaded only as
// an attachment, only by the organiser's worker and admin and the
// provider's own users. Every refusal writes nothing (no row, no file).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, stat } from 'node:fs/promises';
import { startServer, assertJsonError, fieldError, ok, session, sessions } from './lib.mjs';

let srv, as, other;
const W = 'maria.nieminen', ADMIN = 'admin', DM = 'johanna.ek', PROV = 'kari.makela';
const CLIENT = 'matti.korhonen';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.alloc(32, 1)]);
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(32, 2)]);

before(async () => {
  srv = await startServer({ demo: true });
  as = await sessions(srv, [W, ADMIN, DM, PROV, CLIENT]);
  // a second provider, with its own admin, through the public application
  const pass = 'Toinen-Tuottaja-Salasana-88';
  const res = await fetch(srv.url + 'api/applications', {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      kind: 'company', name: 'Toinen Oy', ytunnus: '9612345-0', email: 'a@toinen.example',
      languages: ['fi'], areas: ['Porvoo'], username: 'toinen.admin', display_name: 'Toni Toinen',
      password: pass, lang: 'fi', wants: [{ service: 'transport', municipality: 'Porvoo' }],
    }),
  });
  assert.equal(res.status, 201, await res.text());
  other = await session(srv, 'toinen.admin', pass);
});
after(async () => { await srv?.stop(); });

// POST a multipart upload as s (a session), with the session's CSRF token
// unless csrf is given.
function upload(s, pid, { kind = 'tax_debt', bytes = PDF, type = 'application/pdf',
  name = 'verovelkatodistus.pdf', csrf, key } = {}) {
  const fd = new FormData();
  if (kind !== null)
    fd.append('kind', kind);
  fd.append('csrf', csrf ?? s.me.csrf);
  if (bytes !== null)
    fd.append('file', new Blob([bytes], { type }), name);
  return fetch(srv.url + `api/providers/${pid}/documents`, {
    method: 'POST', body: fd,
    headers: { cookie: s.cookie, 'idempotency-key': key ?? `doc-${Math.random()}` },
  });
}
const list = async (s, pid) => (await ok(await s.get(`api/providers/${pid}/documents`))).items;
const files = async () => {
  try {
    return (await readdir(srv.db + '.files')).length;
  } catch {
    return 0;
  }
};

test('the provider admin uploads a PDF: kept outside, listed, downloaded as an attachment', async () => {
  const kept = await files();	// the demo's documents
  const res = await upload(as[PROV], 1, { name: '../../etc/"evil";\u0001 todistus.pdf' });
  const doc = await ok(res, 201);
  assert.equal(doc.kind, 'tax_debt');
  assert.equal(doc.content_type, 'application/pdf');
  assert.equal(doc.size, PDF.length);
  assert.match(doc.sha256, /^[0-9a-f]{64}$/);
  assert.match(doc.name, /^[^/\\"%;\u0000-\u001f]*todistus\.pdf$/, 'the path and unsafe characters are gone');
  assert.doesNotMatch(doc.name, /etc/);
  assert.match(res.headers.get('location'), new RegExp(`/api/providers/1/documents/${doc.id}$`));
  const dir = await stat(srv.db + '.files');
  assert.equal(dir.mode & 0o777, 0o700);
  const names = await readdir(srv.db + '.files');
  assert.equal(names.length, kept + 1, 'one file more');
  for (const n of names)
    assert.match(n, /^[0-9a-f]{64}$/, 'a name of ours, never the sender\'s');
  for (const who of [W, ADMIN, PROV]) {
    const got = await as[who].get(`api/providers/1/documents/${doc.id}`);
    assert.equal(got.status, 200);
    assert.equal(got.headers.get('content-type'), 'application/pdf');
    assert.equal(got.headers.get('x-content-type-options'), 'nosniff');
    assert.match(got.headers.get('content-disposition'), /^attachment; filename="[^"]*"; filename\*=UTF-8''/);
    assert.deepEqual(Buffer.from(await got.arrayBuffer()), PDF);
  }
  assert.equal((await list(as[W], 1))[0].id, doc.id);
});

test('nobody else reads or downloads them', async () => {
  const [doc] = await list(as[PROV], 1);
  await assertJsonError(await as[DM].get('api/providers/1/documents'), 403);
  await assertJsonError(await as[DM].get(`api/providers/1/documents/${doc.id}`), 403);
  await assertJsonError(await as[CLIENT].get(`api/providers/1/documents/${doc.id}`), 403);
  await assertJsonError(await other.get('api/providers/1/documents'), 404);
  await assertJsonError(await other.get(`api/providers/1/documents/${doc.id}`), 404);
  const own = other.me.user.provider_id;
  // another provider's document under the own provider's id
  await assertJsonError(await other.get(`api/providers/${own}/documents/${doc.id}`), 404);
  const anon = await fetch(srv.url + `api/providers/1/documents/${doc.id}`);
  assert.equal(anon.status, 401);
  await assertJsonError(await upload(other, 1), 404);
  await assertJsonError(await upload(as[DM], 1), 403);
});

test('bad uploads are refused naming the field, and nothing is written', async () => {
  const rows = (await list(as[PROV], 1)).length, kept = await files();
  await fieldError(await upload(as[PROV], 1, { bytes: Buffer.alloc(0) }), 'file');
  await fieldError(await upload(as[PROV], 1, { bytes: null }), 'file');
  await fieldError(await upload(as[PROV], 1, { bytes: Buffer.from('MZ not a document'),
    type: 'application/pdf' }), 'file');
  await fieldError(await upload(as[PROV], 1, { bytes: PNG, type: 'application/pdf' }), 'file');
  await fieldError(await upload(as[PROV], 1, { bytes: PDF, type: 'image/jpeg' }), 'file');
  await fieldError(await upload(as[PROV], 1, { kind: 'passport' }), 'kind');
  await fieldError(await upload(as[PROV], 1, { kind: null }), 'kind');
  const big = Buffer.concat([PDF, Buffer.alloc(5 * 1024 * 1024)]);
  assert.equal((await upload(as[PROV], 1, { bytes: big })).status, 413);
  await assertJsonError(await upload(as[PROV], 1, { csrf: 'x'.repeat(43) }), 403);
  const noForm = await fetch(srv.url + 'api/providers/1/documents', {
    method: 'POST', headers: { cookie: as[PROV].cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: 'kind=tax_debt',
  });
  assert.equal(noForm.status, 415);
  const json = await as[PROV].request('POST', 'api/providers/1/documents', { kind: 'tax_debt' },
    { 'idempotency-key': 'doc-json' });
  await assertJsonError(json, 415);
  const fd = new FormData();
  fd.append('kind', 'tax_debt');
  fd.append('csrf', as[PROV].me.csrf);
  fd.append('comment', 'x');
  fd.append('file', new Blob([PDF], { type: 'application/pdf' }), 'a.pdf');
  await fieldError(await fetch(srv.url + 'api/providers/1/documents', { method: 'POST', body: fd,
    headers: { cookie: as[PROV].cookie, 'idempotency-key': 'doc-extra' } }), 'comment');
  assert.equal((await list(as[PROV], 1)).length, rows, 'no row');
  assert.equal(await files(), kept, 'no file');
});

test('PNG and JPEG are taken, by the provider admin and the worker, and sent back with their own type and UTF-8 name', async () => {
  await ok(await upload(as[PROV], 1, { kind: 'pension_insurance', bytes: PNG, type: 'image/png',
    name: 'eläke.png' }), 201);
  const j = await ok(await upload(as[W], 1, { kind: 'trade_register', bytes: JPEG,
    type: 'image/jpeg', name: 'ote.jpg' }), 201);
  assert.equal(j.uploaded_by.length > 0, true);
  const items = await list(as[W], 1);
  assert.equal(items[0].name, 'ote.jpg', 'newest first');
  assert.equal(items[0].kind, 'trade_register');
  assert.equal(items[1].name, 'eläke.png');
  const got = await as[PROV].get(`api/providers/1/documents/${j.id}`);
  assert.equal(got.headers.get('content-type'), 'image/jpeg');
  const png = items.find((d) => d.kind === 'pension_insurance');
  const g2 = await as[PROV].get(`api/providers/1/documents/${png.id}`);
  assert.match(g2.headers.get('content-disposition'), /filename\*=UTF-8''el%C3%A4ke\.png/);
});
