// Lists page and are never cut silently (issue 9 item 2): with 260 more
// clients than the demo's, the worker's own list reaches every one of them
// through the API's next_cursor and through the page's "next page" link,
// each exactly once; a search's pages go on in POST bodies (the API's and
// the page's "next page" form), and bad paging parameters are refused by
// name.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, ok, fieldError, sessions } from './lib.mjs';

let srv;
let as;
const EXTRA = 260;
const CHECK = '0123456789ABCDEFHJKLMNPRSTUVWXY';

// A valid temporary identity code (individual number 900..999).
function hetu(i) {
  const d = String(1 + (i % 28)).padStart(2, '0');
  const m = String(1 + (Math.floor(i / 28) % 12)).padStart(2, '0');
  const n = String(900 + Math.floor(i / 336)).padStart(3, '0');
  const y = '81';
  return `${d}${m}${y}-${n}${CHECK[Number(`${d}${m}${y}${n}`) % 31]}`;
}

before(async () => {
  srv = await startServer({ demo: true });
  as = await sessions(srv, ['maria.nieminen']);
  for (let i = 0; i < EXTRA; i++) {
    await ok(await as['maria.nieminen'].post('/api/clients', {
      hetu: hetu(i), first_name: 'Testi', last_name: `Sivutus${String(i).padStart(4, '0')}`,
      lang: 'fi', municipality: 'Porvoo',
    }), 201);
  }
});
after(async () => { await srv.stop(); });

test('the API pages the worker\'s clients with next_cursor until null', async () => {
  const seen = [];
  let url = '/api/clients?mine=true&limit=50', pages = 0;
  for (;;) {
    const page = await ok(await as['maria.nieminen'].get(url));
    assert.ok(page.items.length <= 50);
    seen.push(...page.items.map((c) => c.id));
    pages++;
    if (page.next_cursor === null)
      break;
    assert.match(page.next_cursor, /^[1-9][0-9]*$/);
    url = `/api/clients?mine=true&limit=50&cursor=${page.next_cursor}`;
  }
  assert.equal(new Set(seen).size, seen.length, 'no client twice');
  assert.equal(seen.length, EXTRA + 4, 'every client once');
  assert.equal(pages, Math.ceil((EXTRA + 4) / 50));
  const last = await ok(await as['maria.nieminen'].get('/api/clients?mine=true&limit=200'));
  assert.notEqual(last.next_cursor, null, 'a full page says there is more');
});

test('the client list page links to the next page until the last', async () => {
  const seen = [];
  let path = '/clients', pages = 0;
  while (path) {
    const res = await as['maria.nieminen'].get(path);
    assert.equal(res.status, 200);
    const html = await res.text();
    const table = html.slice(html.indexOf('id="client-list"'), html.indexOf('</table>'));
    for (const m of table.matchAll(/href="\/clients\/(\d+)"/g))
      seen.push(Number(m[1]));
    const next = html.match(/id="pager-next" rel="next" href="([^"]+)"/);
    path = next ? next[1].replace(/&amp;/g, '&') : null;
    pages++;
    assert.ok(pages < 20, 'the pages end');
  }
  assert.equal(new Set(seen).size, seen.length);
  assert.equal(seen.length, EXTRA + 4);
  assert.ok(seen.includes(3), 'Aleksi Virtanen is reached');
});

// The search's pages: POST forms carrying q and the cursor, never a link
// with the search text in it.
test('the search result page pages through POST forms, the text never in a URL', async () => {
  const maria = as['maria.nieminen'];
  const home = await (await maria.get('/clients')).text();
  const csrf = home.match(/name="csrf" value="([^"]+)"/)[1];
  assert.match(home, /<form id="client-search"[^>]* method="post" action="\/clients\/search"/);
  const seen = [];
  let fields = { csrf, q: 'sivutus' }, pages = 0;
  while (fields) {
    const res = await maria.request('POST', '/clients/search', new URLSearchParams(fields).toString(),
      { 'content-type': 'application/x-www-form-urlencoded' });
    assert.equal(res.status, 200);
    const html = await res.text();
    assert.doesNotMatch(html, /href="[^"]*[?&]q=/, 'no link carries the search text');
    const table = html.slice(html.indexOf('id="client-list"'), html.indexOf('</table>'));
    for (const m of table.matchAll(/href="\/clients\/(\d+)"/g))
      seen.push(Number(m[1]));
    const form = html.match(/<form[^>]*action="\/clients\/search">((?:(?!<\/form>)[\s\S])*id="pager-next"[\s\S]*?)<\/form>/);
    fields = null;
    if (form) {
      fields = {};
      for (const m of form[1].matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g))
        fields[m[1]] = m[2].replace(/&amp;/g, '&');
      assert.equal(fields.q, 'sivutus');
      assert.match(fields.cursor, /^[1-9][0-9]*$/);
    }
    pages++;
    assert.ok(pages < 20, 'the pages end');
  }
  assert.equal(new Set(seen).size, seen.length);
  assert.equal(seen.length, EXTRA);
  assert.equal(pages, Math.ceil(EXTRA / 50));
});

test('the API search pages with next_cursor in the body until null', async () => {
  const seen = [];
  let cursor, pages = 0;
  do {
    const page = await ok(await as['maria.nieminen'].post('/api/clients/search',
      { q: 'Sivutus', limit: 100, ...(cursor ? { cursor } : {}) }));
    seen.push(...page.items.map((c) => c.id));
    cursor = page.next_cursor;
    pages++;
  } while (cursor !== null && pages < 20);
  assert.equal(new Set(seen).size, EXTRA, 'every match once');
  assert.equal(pages, Math.ceil(EXTRA / 100));
});

test('bad paging parameters are refused by name', async () => {
  await fieldError(await as['maria.nieminen'].get('/api/clients?limit=0'), 'limit');
  await fieldError(await as['maria.nieminen'].get('/api/clients?limit=201'), 'limit');
  await fieldError(await as['maria.nieminen'].get('/api/clients?cursor=abc'), 'cursor');
  await fieldError(await as['maria.nieminen'].post('/api/clients/search', { q: 'sivutus', cursor: 'abc' }), 'cursor');
  await fieldError(await as['maria.nieminen'].post('/api/clients/search', { limit: 201 }), 'limit');
  await fieldError(await as['maria.nieminen'].get('/api/clients/1/uselog?from=2026-13-01'), 'from');
  await fieldError(await as['maria.nieminen'].get('/api/clients/1/uselog?from=2026-02-01&to=2026-01-01'), 'to');
});

test('the use log pages by id and filters by period', async () => {
  for (let i = 0; i < 5; i++)
    await ok(await as['maria.nieminen'].get('/api/clients/1'));
  const all = [];
  let url = '/api/clients/1/uselog?limit=2';
  for (;;) {
    const page = await ok(await as['maria.nieminen'].get(url));
    all.push(...page.items.map((r) => r.id));
    if (page.next_cursor === null)
      break;
    url = `/api/clients/1/uselog?limit=2&cursor=${page.next_cursor}`;
  }
  assert.ok(all.length >= 5);
  assert.deepEqual([...all].sort((a, b) => b - a), all, 'newest first');
  assert.equal(new Set(all).size, all.length);
  const future = await ok(await as['maria.nieminen'].get('/api/clients/1/uselog?from=2099-01-01'));
  assert.equal(future.items.length, 0);
  const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Helsinki' });
  const day = await ok(await as['maria.nieminen'].get(`/api/clients/1/uselog?from=${today}&to=${today}&limit=200`));
  assert.ok(day.items.length >= 5 && day.items.every((r) => r.day === today));
});
