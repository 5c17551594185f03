// The decision as a PDF document (GET /plans/{id}/decision.pdf), read back
// with pdftotext: the client's name, every line's amounts, the
// organiser's registry address from the settings and the appeal
// instructions, in the client's language (Swedish for Elin Lindholm,
// whoever reads it); without a registry address, whom to ask instead of a
// placeholder; only those who may read the decision get it. For a client
// who wants easy-to-read, an easy-to-read summary before the whole decision.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, ok, sessions } from './lib.mjs';
import { placeholdersIn } from '../placeholders.mjs';
import { makePng } from '../png.mjs';

let srv, as, dir, planId;
const ELIN = 2;
const PERIOD = { valid_from: '2027-01-01', valid_to: '2027-12-31', review_date: '2027-10-01' };
// 40 h personal assistance at 28,50 € and 8 days of day activities at
// 85,00 € a month (the demo prices), a year.
const PA_MONTH = '1 140,00', DA_MONTH = '680,00', TOTAL_YEAR = '21 840,00';

before(async () => {
  srv = await startServer({ demo: true });
  as = await sessions(srv, ['maria.nieminen', 'johanna.ek', 'tomas.gronqvist', 'matti.korhonen']);
  dir = await mkdtemp(join(tmpdir(), 'budjetti-pdf-'));
  const worker = as['maria.nieminen'];
  await ok(await worker.post(`/api/clients/${ELIN}/offer`, { offered_on: '2026-11-02',
    services: ['personal_assistance', 'day_activities'], note: '' }), 201);
  const a = await worker.post(`/api/clients/${ELIN}/offer/answer`, { answer: 'all' });
  assert.ok(a.status === 200 || a.status === 201, await a.text());
  const p = await ok(await worker.post(`/api/clients/${ELIN}/plans`,
    { label: 'A', ...PERIOD, client_fee: 0, reasoning: 'Behovet har bedömts.' }), 201);
  await ok(await worker.post(`/api/plans/${p.id}/lines`, { service: 'personal_assistance', quantity: 40 }), 201);
  await ok(await worker.post(`/api/plans/${p.id}/lines`, { service: 'day_activities', quantity: 8 }), 201);
  await ok(await worker.post(`/api/plans/${p.id}/propose`, {}));
  await ok(await as['johanna.ek'].post(`/api/plans/${p.id}/approve`,
    { password: srv.accounts.find((x) => x.username === 'johanna.ek').password }));
  planId = p.id;
});
after(async () => {
  await srv.stop();
  await rm(dir, { recursive: true, force: true });
});

// The PDF of the decision as read by session s: {status, type, text}.
async function pdfText(s, id = planId) {
  const res = await s.get(`/plans/${id}/decision.pdf`);
  const body = Buffer.from(await res.arrayBuffer());
  if (res.status !== 200)
    return { status: res.status };
  const file = join(dir, `d${id}-${Date.now()}.pdf`);
  await writeFile(file, body);
  return { status: 200, type: res.headers.get('content-type'), head: body.subarray(0, 5).toString(),
    text: execFileSync('pdftotext', ['-layout', file, '-']).toString() };
}

test('the decision PDF says it all in the client\'s language, without a placeholder', async () => {
  const d = await pdfText(as['johanna.ek']);	// a Finnish-speaking reader
  assert.equal(d.status, 200);
  assert.equal(d.type, 'application/pdf');
  assert.equal(d.head, '%PDF-');
  assert.match(d.text, /Elin Lindholm/);
  assert.match(d.text, /Beslut om personlig budget/);
  for (const amount of [PA_MONTH, DA_MONTH, TOTAL_YEAR])
    assert.ok(d.text.includes(amount), `the PDF shows ${amount}`);
  assert.match(d.text, /Anvisning om begäran om omprövning/);
  assert.match(d.text, /Skicka begäran om omprövning till registratorskontoret/);
  assert.deepEqual(placeholdersIn(d.text), [], 'no placeholder in the PDF');
  // the organiser's details from the settings (the demo's), in Swedish
  assert.match(d.text, /Registratorskontoret, PB 46, 06151 Borgå/);
  assert.match(d.text, /kirjaamo@ita-uusimaa\.example/);
  assert.match(d.text, /019 520 4000/);
  assert.match(d.text, /mån–fre kl\. 9–15/);
  assert.match(d.text, /Helsingfors förvaltningsdomstol/);
  assert.match(d.text, /Banbyggarvägen 5, 00520 Helsingfors/);
  assert.doesNotMatch(d.text, /Helsingin hallinto-oikeus|PL 46, 06151 Porvoo/, 'no Finnish text in a Swedish decision');
  assert.doesNotMatch(d.text, /lättläst/, 'no easy-to-read summary without the preference');
});

test('for a client who wants easy-to-read, the PDF has the summary in easy Swedish before the whole decision', async () => {
  await ok(await as['maria.nieminen'].patch(`/api/clients/${ELIN}`, { easy_read: true }));
  const d = await pdfText(as['johanna.ek']);
  assert.equal(d.status, 200);
  const flat = d.text.replace(/\s+/g, ' ');
  assert.match(flat, /Beslutet på lättläst svenska/);
  assert.match(flat, /Det här är beslutet om din personliga budget\./);
  assert.match(flat, /Personlig assistans: 40 timmar per månad/);
  assert.match(flat, /Din budget är 1 820,00 € per månad\./);
  assert.match(flat, /Du behöver inte betala någon klientavgift\./);
  assert.match(flat, /Hela beslutet kommer efter den här texten\./);
  // the legal document stays whole, after the summary
  assert.ok(flat.indexOf('lättläst') < flat.indexOf('Anvisning om begäran om omprövning'));
  for (const amount of [PA_MONTH, DA_MONTH, TOTAL_YEAR])
    assert.ok(d.text.includes(amount), `the PDF still shows ${amount}`);
  assert.match(d.text, /Registratorskontoret, PB 46, 06151 Borgå/);
  assert.doesNotMatch(flat, /selkokiel|Päätös/, 'all in Swedish');
  assert.deepEqual(placeholdersIn(d.text), []);
});

test('the decision page shows the same details, and no placeholder', async () => {
  const page = await (await as['maria.nieminen'].get(`/plans/${planId}/decision`)).text();
  const text = page.replace(/<[^>]*>/g, ' ');
  assert.match(text, /Registratorskontoret, PB 46, 06151 Borgå/);
  assert.match(text, /Helsingfors förvaltningsdomstol/);
  assert.deepEqual(placeholdersIn(text.replace(/&[a-z#0-9]+;/g, ' ')), []);
});

test('the organiser\'s logo from the settings heads the PDF', async () => {
  const png = makePng(300, 100).toString('hex');
  execFileSync('sqlite3', [srv.db, `UPDATE organiser SET logo_png = X'${png}', logo_version = logo_version + 1`]);
  const res = await as['maria.nieminen'].get(`/plans/${planId}/decision.pdf`);
  assert.equal(res.status, 200, srv.stderr?.());
  const file = join(dir, 'logo.pdf');
  await writeFile(file, Buffer.from(await res.arrayBuffer()));
  const images = execFileSync('pdfimages', ['-list', file]).toString().trim().split('\n').slice(2);
  assert.equal(images.length, 1, 'one image: the logo');
  assert.match(images[0], /^\s*1\s+\d+\s+image\s+300\s+100\b/);
});

test('the registry address from the settings is in the PDF', async () => {
  execFileSync('sqlite3', [srv.db, "UPDATE organiser SET registry_address_sv = 'Registratorskontoret, PB 222, 06101 Borgå', registry_email = 'registrator@example.fi'"]);
  const d = await pdfText(as['maria.nieminen']);
  assert.match(d.text, /PB 222, 06101 Borgå/);
  assert.match(d.text, /registrator@example\.fi/);
});

test('without a registry address the PDF says whom to ask, not a made-up address', async () => {
  execFileSync('sqlite3', [srv.db, "UPDATE organiser SET registry_address_sv = '', registry_email = ''"]);
  const d = await pdfText(as['maria.nieminen']);
  assert.match(d.text, /Fråga din handläggare efter registratorskontorets adress/);
  assert.doesNotMatch(d.text, /PB 222/);
});

test('the decision page links its PDF, in the reader\'s language beside the Swedish document', async () => {
  const page = await (await as['maria.nieminen'].get(`/plans/${planId}/decision`)).text();
  assert.match(page, new RegExp(`href="/plans/${planId}/decision.pdf" id="decision-pdf">Päätös PDF-tiedostona`));
  assert.match(page, /<article class="decision" aria-labelledby="decision-h" lang="sv">/);
});

test('only those who may read the decision get its PDF', async () => {
  assert.equal((await pdfText(as['tomas.gronqvist'])).status, 404);	// another unit
  assert.equal((await pdfText(as['matti.korhonen'])).status, 404);	// another client
  const anon = await fetch(`${srv.url}plans/${planId}/decision.pdf`, { redirect: 'manual' });
  assert.equal(anon.status, 303);
});
