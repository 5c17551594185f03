// API tests for meetings with a client, also by video (app/meeting.h,
// issue 13 item 8): the admin sets the organiser's video service; the
// worker books a video meeting for Aleksi Virtanen (whose mother Liisa
// acts for him), moves it and cancels it. Each step mails the client and
// the representative in their language with an iCalendar invitation
// (METHOD:REQUEST, the same UID, SEQUENCE 0, 1, then METHOD:CANCEL with
// SEQUENCE 2). Refusals name their field; only the worker changes; the
// client and the representative read.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join, dirname } from 'node:path';
import { startServer, assertJsonError, fieldError, ok, sessions, sleep } from './lib.mjs';

let srv, as, aleksi;
const ADMIN = 'admin', W = 'maria.nieminen', REP = 'liisa.virtanen', C = 'matti.korhonen';

before(async () => {
  srv = await startServer({ demo: true, cases: true });
  as = await sessions(srv, [ADMIN, W, REP, C]);
  const found = await ok(await as[W].post('api/clients/search', { q: 'Virtanen Aleksi' }));
  aleksi = found.items[0].id;
  await ok(await as[W].patch(`api/clients/${aleksi}`, { email: 'aleksi@example.fi' }));
});
after(async () => { await srv?.stop(); });

// The meeting letters in the mail dir: [{to, subject, text, ics, method}].
async function meetingMails(atLeast) {
  const dir = join(dirname(srv.db), 'mail');
  for (let i = 0; i < 100; i++) {
    const out = [];
    let names = [];
    try {
      names = (await readdir(dir)).filter((n) => n.endsWith('.eml'))
        .sort((a, b) => parseInt(a) - parseInt(b));
    } catch { /* not yet */ }
    for (const n of names) {
      const raw = await readFile(join(dir, n), 'utf8');
      const parts = raw.split('--=_budjetti_ics_=');
      if (parts.length < 4)
        continue;
      const body = (part) => Buffer.from(part.split('\r\n\r\n')[1].replace(/\s+/g, ''),
        'base64').toString('utf8');
      out.push({ to: raw.match(/^To: (.*)$/m)[1],
        method: parts[2].match(/text\/calendar; method=(\w+); charset=UTF-8/)[1],
        text: body(parts[1]), ics: body(parts[2]) });
    }
    if (out.length >= atLeast)
      return out;
    await sleep(200);
  }
  const all = await readdir(dir).catch(() => []);
  const one = all.length ? await readFile(join(dir, all[all.length - 1]), 'utf8') : '';
  assert.fail(`fewer than ${atLeast} meeting letters in ${dir}: ${all.join(' ')}\n${one.slice(0, 1500)}`);
}

const unfold = (ics) => ics.replace(/\r\n /g, '');
const prop = (ics, name) => unfold(ics).match(new RegExp(`^${name}[:;](.*)$`, 'm'))?.[1];
const inDays = (n) => new Date(Date.now() + n * 86400000).toISOString().slice(0, 10);

test('the admin sets the video service; refusals name the field', async () => {
  const put = (body, key) => as[ADMIN].request('PUT', 'api/settings/video', body,
    { 'idempotency-key': key });
  await fieldError(await put({ video_base_url: 'http://video.example.fi' }, 'v-1'), 'video_base_url');
  await fieldError(await put({ video_base_url: 'https://video example' }, 'v-2'), 'video_base_url');
  await fieldError(await put({ colour: 'red' }, 'v-3'), 'colour');
  await assertJsonError(await as[W].request('PUT', 'api/settings/video',
    { video_base_url: 'https://x.example.fi' }, { 'idempotency-key': 'v-4' }), 403);
  // the demo has one; without a service a video meeting is refused, saying what is missing
  assert.deepEqual(await ok(await as[ADMIN].get('api/settings/video')),
    { video_base_url: 'https://video.ita-uusimaa.example/' });
  await ok(await put({ video_base_url: '' }, 'v-0'));
  const res = await as[W].post(`api/clients/${aleksi}/meetings`,
    { kind: 'assessment', date: inDays(7), time: '10:00', video: true });
  await fieldError(res, 'video', 409);
  assert.deepEqual(await ok(await put({ video_base_url: 'https://video.ita-uusimaa.example/' }, 'v-5')),
    { video_base_url: 'https://video.ita-uusimaa.example/' });
});

test('book, move and cancel: letters with invitations to the client and the representative', async () => {
  const base = `api/clients/${aleksi}/meetings`;
  await fieldError(await as[W].post(base, { kind: 'party', date: inDays(7), time: '10:00', place: 'x' }), 'kind');
  await fieldError(await as[W].post(base, { kind: 'review', date: inDays(-1), time: '10:00', place: 'x' }), 'date');
  await fieldError(await as[W].post(base, { kind: 'review', date: inDays(7), time: '25:00', place: 'x' }), 'time');
  await fieldError(await as[W].post(base, { kind: 'review', date: inDays(7), time: '10:00' }), 'place');
  await fieldError(await as[W].post(base, { kind: 'review', date: inDays(7), time: '10:00',
    place: 'x', minutes: 5 }), 'minutes');
  await assertJsonError(await as[REP].post(base, { kind: 'review', date: inDays(7), time: '10:00',
    place: 'x' }), 403);

  const m = await ok(await as[W].post(base, { kind: 'assessment', date: inDays(7), time: '10:00',
    minutes: 90, video: true, note: 'Ota mukaan lääkärin lausunto.' }), 201);
  assert.equal(m.state, 'booked');
  assert.equal(m.sequence, 0);
  assert.equal(m.start, '10:00');
  assert.equal(m.end, '11:30');
  assert.equal((Date.parse(m.ends_at) - Date.parse(m.starts_at)) / 1000, 5400);
  assert.match(m.video_url, /^https:\/\/video\.ita-uusimaa\.example\/budjetti-[0-9a-f]{24}$/);

  let mails = await meetingMails(2);
  const toAleksi = mails.find((x) => x.to.includes('aleksi@example.fi'));
  const toLiisa = mails.find((x) => x.to.includes('liisa.virtanen@example.fi'));
  assert.ok(toAleksi && toLiisa, 'the client and the representative');
  assert.equal(toAleksi.method, 'REQUEST');
  assert.match(toAleksi.text, /Sinulle on varattu tapaaminen\./);
  assert.match(toAleksi.text, new RegExp(`Videopuhelu: ${m.video_url}`));
  assert.match(toAleksi.text, /klo 10\.00–11\.30/);
  const ics = toAleksi.ics;
  assert.match(ics, /^BEGIN:VCALENDAR\r\nVERSION:2\.0\r\n/);
  assert.equal(prop(ics, 'METHOD'), 'REQUEST');
  assert.equal(prop(ics, 'SEQUENCE'), '0');
  const uid = prop(ics, 'UID');
  assert.match(uid, /^meeting-[0-9a-f]{32}@budjetti$/);
  const start = new Date(Date.parse(m.starts_at)).toISOString().replace(/[-:]/g, '').replace(/\.\d+/, '');
  assert.equal(prop(ics, 'DTSTART'), start);
  assert.equal(prop(ics, 'SUMMARY'), 'LANGUAGE=fi:Palvelutarpeen arviointi');
  assert.ok(ics.split('\r\n').every((l) => Buffer.byteLength(l) <= 75), 'folded at 75 octets');
  assert.equal(prop(toLiisa.ics, 'UID'), uid);

  // the client's side reads it; the list pages
  const seen = await ok(await as[REP].get(`api/meetings/${m.id}`));
  assert.equal(seen.video_url, m.video_url);
  assert.equal(seen.can.change, false);
  const list = await ok(await as[REP].get(`${base}?limit=1`));
  assert.equal(list.items.length, 1);
  await assertJsonError(await as[C].get(`api/meetings/${m.id}`), 404);

  // moved: same UID, SEQUENCE 1, the same room
  const moved = await ok(await as[W].post(`api/meetings/${m.id}/move`,
    { date: inDays(8), time: '13:15', minutes: 60, video: true }));
  assert.equal(moved.sequence, 1);
  assert.equal(moved.kind, 'assessment');
  assert.equal(moved.video_url, m.video_url);
  mails = await meetingMails(4);
  const again = mails.filter((x) => x.to.includes('aleksi@example.fi'));
  assert.equal(again.length, 2);
  assert.equal(prop(again[1].ics, 'UID'), uid);
  assert.equal(prop(again[1].ics, 'SEQUENCE'), '1');
  assert.match(again[1].text, /Tapaamisen aika tai paikka on muuttunut/);

  // what GET answers goes back as a move and changes nothing but the sequence
  const read = await ok(await as[W].get(`api/meetings/${m.id}`));
  const back = await ok(await as[W].post(`api/meetings/${m.id}/move`, read));
  assert.deepEqual({ ...back, sequence: 0 }, { ...read, sequence: 0 });
  assert.equal(back.sequence, 2);
  await fieldError(await as[W].post(`api/meetings/${m.id}/move`, { ...read, state: 'x' }), 'state');
  await meetingMails(6);

  // cancelled: METHOD:CANCEL, SEQUENCE 2; no change after that
  const gone = await ok(await as[W].post(`api/meetings/${m.id}/cancel`, {}));
  assert.equal(gone.state, 'cancelled');
  mails = await meetingMails(8);
  const last = mails.filter((x) => x.to.includes('aleksi@example.fi'))[3];
  assert.equal(last.method, 'CANCEL');
  assert.equal(prop(last.ics, 'METHOD'), 'CANCEL');
  assert.equal(prop(last.ics, 'SEQUENCE'), '3');
  assert.equal(prop(last.ics, 'STATUS'), 'CANCELLED');
  await fieldError(await as[W].post(`api/meetings/${m.id}/move`,
    { date: inDays(9), time: '10:00', place: 'Kartanontie 3' }), 'state', 409);
  await fieldError(await as[W].post(`api/meetings/${m.id}/cancel`, {}), 'state', 409);
});
