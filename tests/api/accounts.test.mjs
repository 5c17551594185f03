// API tests of accounts (issue 12, items 3 and 4): the administrator
// creates a staff user, whose set-password link arrives by mail (the .eml
// the service writes without a relay) and works once; a disabled user's
// session ends at once and the user cannot sign in; own password change
// ends the other sessions; a second factor: sign-in without the code,
// with a wrong one, with one used already, and a recovery code used once.
// An expired link is the unit test's (tests/unit/app/test_client.c): the
// service's clock cannot be moved from here.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, assertJsonError, ok, fieldError, session, sessions, totp,
  mailedLinks } from './lib.mjs';

let srv, as;

before(async () => {
  srv = await startServer({ demo: true });
  as = await sessions(srv, ['admin', 'maria.nieminen', 'pekka.salonen']);
});
after(async () => { await srv.stop(); });

const signIn = (username, password, code) => fetch(srv.url + 'api/session', {
  method: 'POST', headers: { 'content-type': 'application/json' },
  body: JSON.stringify(code === undefined ? { username, password } : { username, password, code }) });
const useLink = (token, password, password2 = password) => fetch(srv.url + 'api/password-link', {
  method: 'POST', headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ token, password, password2 }) });

test('a staff user made by the admin sets the password through the mailed link, once', async () => {
  await assertJsonError(await as['maria.nieminen'].post('/api/users', {}), 403);
  await fieldError(await as.admin.post('/api/users', { username: 'ville.vaara',
    display_name: 'Ville Vaara', role: 'worker' }), 'email');
  await fieldError(await as.admin.post('/api/users', { username: 'ville.vaara',
    display_name: 'Ville Vaara', role: 'client', email: 'ville@example.fi' }), 'role');
  await fieldError(await as.admin.post('/api/users', { username: 'maria.nieminen',
    display_name: 'Ville Vaara', role: 'worker', email: 'ville@example.fi' }), 'username', 409);
  const u = await ok(await as.admin.post('/api/users', { username: 'ville.vaara',
    display_name: 'Ville Vaara', role: 'worker', lang: 'sv', email: 'ville@example.fi' }), 201);
  assert.equal(u.active, true);
  const [letter] = (await mailedLinks(srv)).filter((l) => l.to.includes('ville@example.fi'));
  assert.ok(letter, 'a letter to the new user');
  assert.match(letter.text, /Hej Ville Vaara,/, 'in the user\'s language');
  assert.match(letter.text, /72 timmar/);
  assert.equal(letter.link, `${srv.url}password/${letter.token}`);
  assert.equal((await signIn('ville.vaara', 'Villes-eget-losen-1')).status, 401, 'no password yet');
  await fieldError(await useLink(letter.token, 'Villes-eget-losen-1', 'Villes-eget-losen-2'), 'password2');
  await fieldError(await useLink(letter.token, 'ville.vaara123'), 'password');
  assert.equal((await useLink(letter.token, 'Villes-eget-losen-1')).status, 204);
  await assertJsonError(await useLink(letter.token, 'Villes-eget-losen-2'), 409);
  const ville = await session(srv, 'ville.vaara', 'Villes-eget-losen-1');
  assert.equal(ville.me.user.role, 'worker');

  // a new link ends the old ones; the new one works
  await ok(await as.admin.post(`/api/users/${u.id}/password-link`, {}));
  const links = (await mailedLinks(srv, 2)).filter((l) => l.to.includes('ville@example.fi'));
  assert.equal(links.length, 2);
  assert.notEqual(links[1].token, letter.token);

  // disabled: the session ends at once, no sign-in, the link is dead
  const off = await ok(await as.admin.post(`/api/users/${u.id}/disable`, {}));
  assert.equal(off.active, false);
  assert.equal((await ville.get('/api/me')).status, 401, 'the session ended');
  assert.equal((await signIn('ville.vaara', 'Villes-eget-losen-1')).status, 401);
  await assertJsonError(await useLink(links[1].token, 'Villes-tredje-losen-3'), 404);
  await assertJsonError(await as.admin.post(`/api/users/${as.admin.me.user.id}/disable`, {}), 409);
  await ok(await as.admin.post(`/api/users/${u.id}/enable`, {}));
  assert.equal((await signIn('ville.vaara', 'Villes-eget-losen-1')).status, 200);
});

test('own password: the old one is checked, the other sessions end', async () => {
  const other = await session(srv, 'maria.nieminen');
  const pw = srv.accounts.find((a) => a.username === 'maria.nieminen').password;
  await fieldError(await as['maria.nieminen'].post('/api/me/password',
    { old_password: 'vaara-salasana-1', password: 'Marian-uusi-salasana-5' }), 'old_password', 401);
  await fieldError(await as['maria.nieminen'].post('/api/me/password',
    { old_password: pw, password: 'password1234' }), 'password');
  assert.equal((await as['maria.nieminen'].post('/api/me/password',
    { old_password: pw, password: 'Marian-uusi-salasana-5' })).status, 204);
  assert.equal((await other.get('/api/me')).status, 401, 'the other session ended');
  await ok(await as['maria.nieminen'].get('/api/me'));
  assert.equal((await signIn('maria.nieminen', pw)).status, 401);
});

test('a second factor: the code is asked, refused when wrong or used, a recovery code works once', async () => {
  const fin = as['pekka.salonen'];
  const pw = srv.accounts.find((a) => a.username === 'pekka.salonen').password;
  const st = await ok(await fin.post('/api/me/totp', {}));
  assert.match(st.pending.secret, /^([A-Z2-7]{4} )+[A-Z2-7]{4}$/);
  assert.match(st.pending.uri, /^otpauth:\/\/totp\/budjetti:pekka\.salonen\?secret=[A-Z2-7]+&issuer=budjetti/);
  await fieldError(await fin.post('/api/me/totp/confirm', { code: '000000' }), 'code', 401);
  const first = totp(st.pending.secret);
  const { recovery_codes: codes } = await ok(await fin.post('/api/me/totp/confirm', { code: first }));
  assert.equal(codes.length, 10);
  assert.equal(new Set(codes).size, 10);

  await fieldError(await signIn('pekka.salonen', pw), 'code', 401);
  await fieldError(await signIn('pekka.salonen', pw, '123'), 'code', 401);
  await fieldError(await signIn('pekka.salonen', pw, first), 'code', 401);	// used by the enrolment
  const next = totp(st.pending.secret, Date.now() / 1000 + 30);		// the next step: in the window
  await ok(await signIn('pekka.salonen', pw, next));
  await fieldError(await signIn('pekka.salonen', pw, next), 'code', 401);	// reused in its window
  await ok(await signIn('pekka.salonen', pw, codes[0]));
  await fieldError(await signIn('pekka.salonen', pw, codes[0]), 'code', 401);
  const status = await ok(await fin.get('/api/me/totp'));
  assert.equal(status.enrolled, true);
  assert.equal(status.recovery_left, 9);
});
