// API tests for casework: service need assessments, the offer of a
// personal budget with the client's answers, and support plans. Every
// route: success, each missing and malformed field named, a wrong role
// 403, another worker's client 404 with nothing written.
//
// Demo ids (budjetti demo creates them in this order): clients 1 Matti
// Korhonen (the client account matti.korhonen), 2 Elin Lindholm, 3 Aleksi
// Virtanen (liisa.virtanen has an act mandate), 4 Henrik Sundström (all
// four maria.nieminen's), 5 Sanna Heikkinen (tomas.gronqvist's).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, assertJsonError, ok, fieldError, sessions } from './lib.mjs';

const MATTI = 1, ELIN = 2, ALEKSI = 3, SANNA = 5;
const PAST = '2025-01-15';

let srv;
let as;		// username -> signed-in session (lib.mjs session())
before(async () => {
  srv = await startServer({ demo: true });
  as = await sessions(srv, ['maria.nieminen', 'tomas.gronqvist', 'johanna.ek', 'pekka.salonen',
    'kari.makela', 'matti.korhonen', 'liisa.virtanen']);
});
after(async () => { await srv.stop(); });

const assessment = (over = {}) => ({
  assessed_on: PAST, participants: 'Matti Korhonen, Maria Nieminen',
  client_view: 'Haluan asua omassa kodissa.', worker_view: 'Tarvitsee apua iltaisin.',
  notes: 'Seuraava tapaaminen keväällä.',
  needs: {
    housing: { client_view: 'Oma asunto', worker_view: 'Tuettu asuminen' },
    mobility: { worker_view: 'Kuljetuspalvelu' },
    social: { client_view: '', worker_view: '' },
  },
  ...over,
});

test('assessments: versions, both views, readers', async () => {
  const W = 'maria.nieminen';
  const first = await ok(await as[W].post(`/api/clients/${MATTI}/assessments`, assessment()), 201);
  assert.equal(first.version, 1);
  assert.equal(first.client_id, MATTI);
  assert.equal(first.client_view, 'Haluan asua omassa kodissa.');
  assert.equal(first.worker_view, 'Tarvitsee apua iltaisin.');
  assert.deepEqual(first.needs, {
    housing: { client_view: 'Oma asunto', worker_view: 'Tuettu asuminen' },
    mobility: { client_view: '', worker_view: 'Kuljetuspalvelu' },
  }, 'empty areas are not stored');
  assert.equal(first.created_by.role, 'worker');
  const second = await ok(await as[W].post(`/api/clients/${MATTI}/assessments`,
    assessment({ client_view: 'Toinen versio', needs: {} })), 201);
  assert.equal(second.version, 2);

  const list = await ok(await as[W].get(`/api/clients/${MATTI}/assessments`));
  assert.deepEqual(list.items.map((i) => i.version), [2, 1], 'newest first');
  assert.equal(list.can.create, true);
  assert.equal(list.client.last_name, 'Korhonen');

  // the client sees their own, both views; the decision maker too
  const own = await ok(await as['matti.korhonen'].get(`/api/assessments/${first.id}`));
  assert.equal(own.worker_view, 'Tarvitsee apua iltaisin.');
  assert.equal(own.needs.housing.worker_view, 'Tuettu asuminen');
  const ownList = await ok(await as['matti.korhonen'].get(`/api/clients/${MATTI}/assessments`));
  assert.equal(ownList.items.length, 2);
  assert.equal(ownList.can.create, false);
  await ok(await as['johanna.ek'].get(`/api/assessments/${second.id}`));

  // others: 404, a wrong role 403
  await assertJsonError(await as['liisa.virtanen'].get(`/api/assessments/${first.id}`), 404, 'not_found');
  await assertJsonError(await as['tomas.gronqvist'].get(`/api/clients/${MATTI}/assessments`), 404, 'not_found');
  await assertJsonError(await as['pekka.salonen'].get(`/api/clients/${MATTI}/assessments`), 403, 'forbidden');
  await assertJsonError(await as['pekka.salonen'].get(`/api/assessments/${first.id}`), 403, 'forbidden');
  await assertJsonError(await as[W].get('/api/assessments/999999'), 404, 'not_found');
});

test('assessments: only a worker records one; another worker\'s client is 404 and unchanged', async () => {
  await assertJsonError(await as['matti.korhonen'].post(`/api/clients/${MATTI}/assessments`,
    assessment()), 403, 'forbidden');
  await assertJsonError(await as['liisa.virtanen'].post(`/api/clients/${ALEKSI}/assessments`,
    assessment()), 403, 'forbidden');
  await assertJsonError(await as['johanna.ek'].post(`/api/clients/${MATTI}/assessments`,
    assessment()), 403, 'forbidden');

  const before = await ok(await as['tomas.gronqvist'].get(`/api/clients/${SANNA}/assessments`));
  await assertJsonError(await as['maria.nieminen'].post(`/api/clients/${SANNA}/assessments`,
    assessment()), 404, 'not_found');
  await assertJsonError(await as['maria.nieminen'].get(`/api/clients/${SANNA}/assessments`), 404);
  const after = await ok(await as['tomas.gronqvist'].get(`/api/clients/${SANNA}/assessments`));
  assert.equal(after.items.length, before.items.length, 'nothing written');

  const sanna = await ok(await as['tomas.gronqvist'].post(`/api/clients/${SANNA}/assessments`,
    assessment({ participants: 'Sanna, Tomas', needs: { family_care: { client_view: 'Vapaat' } } })), 201);
  await assertJsonError(await as['maria.nieminen'].get(`/api/assessments/${sanna.id}`), 404);
});

test('assessments: each missing and malformed field is named', async () => {
  const W = 'maria.nieminen';
  const post = (body) => as[W].post(`/api/clients/${ELIN}/assessments`, body);
  const { assessed_on, participants, ...rest } = assessment();
  await fieldError(await post({ participants, ...rest }), 'assessed_on');
  await fieldError(await post({ assessed_on, ...rest }), 'participants');
  await fieldError(await post(assessment({ assessed_on: '2025-13-01' })), 'assessed_on');
  await fieldError(await post(assessment({ assessed_on: 'eilen' })), 'assessed_on');
  await fieldError(await post(assessment({ assessed_on: '2999-01-01' })), 'assessed_on');
  await fieldError(await post(assessment({ participants: 42 })), 'participants');
  await fieldError(await post(assessment({ participants: '   ' })), 'participants');
  await fieldError(await post(assessment({ client_view: ['x'] })), 'client_view');
  await fieldError(await post(assessment({ worker_view: 'x'.repeat(8001) })), 'worker_view');
  await fieldError(await post(assessment({ notes: 'a\u0001b' })), 'notes');
  await fieldError(await post(assessment({ needs: [] })), 'needs');
  await fieldError(await post(assessment({ needs: { garden: { client_view: 'x' } } })), 'needs');
  await fieldError(await post(assessment({ needs: { housing: 'x' } })), 'needs.housing');
  await fieldError(await post(assessment({ needs: { housing: { client_view: 5 } } })),
    'needs.housing.client_view');
  await fieldError(await post(assessment({ needs: { health: { worker_view: 'y'.repeat(8001) } } })),
    'needs.health.worker_view');
  await assertJsonError(await as[W].post('/api/clients/abc/assessments', assessment()), 404);
  const list = await ok(await as[W].get(`/api/clients/${ELIN}/assessments`));
  assert.equal(list.items.length, 0, 'nothing written by the refused requests');
});

test('offer: made by the worker, answered all / some / refused, history kept', async () => {
  const W = 'maria.nieminen', C = 'matti.korhonen';
  const none = await ok(await as[C].get(`/api/clients/${MATTI}/offer`));
  assert.equal(none.offer, null);
  assert.equal(none.answer, null);
  assert.deepEqual(none.accepted, []);
  await fieldError(await as[C].post(`/api/clients/${MATTI}/offer/answer`, { answer: 'all' }),
    'offer', 409);

  const made = await ok(await as[W].post(`/api/clients/${MATTI}/offer`, {
    offered_on: PAST, services: ['personal_assistance', 'transport', 'transport'], note: 'Tarjottu tapaamisessa',
  }), 201);
  assert.deepEqual(made.offer.services, ['personal_assistance', 'transport']);
  assert.equal(made.answer, null);
  assert.equal(made.can.offer, true);

  // the client answers some, the worker records all, the client refuses
  let v = await ok(await as[C].post(`/api/clients/${MATTI}/offer/answer`,
    { answer: 'some', services: ['transport'] }));
  assert.equal(v.answer.answer, 'some');
  assert.deepEqual(v.accepted, ['transport']);
  assert.equal(v.answer.answered_by.role, 'client');
  assert.equal(v.can.offer, false);
  v = await ok(await as[W].post(`/api/clients/${MATTI}/offer/answer`,
    { answer: 'all', services: ['nonsense is ignored'] }));
  assert.deepEqual(v.accepted, ['personal_assistance', 'transport']);
  v = await ok(await as[C].post(`/api/clients/${MATTI}/offer/answer`,
    { answer: 'refused', usual_note: 'Palvelut kunnan omana toimintana' }));
  assert.deepEqual(v.accepted, []);
  assert.equal(v.answer.usual_note, 'Palvelut kunnan omana toimintana');
  assert.deepEqual(v.history.map((h) => h.answer), ['refused', 'all', 'some'], 'newest first');
  assert.deepEqual(v.history[2].services, ['transport']);

  // a decision maker reads but does not answer; finance neither
  const dm = await ok(await as['johanna.ek'].get(`/api/clients/${MATTI}/offer`));
  assert.equal(dm.answer.answer, 'refused');
  assert.equal(dm.can.answer, false);
  await assertJsonError(await as['johanna.ek'].post(`/api/clients/${MATTI}/offer/answer`,
    { answer: 'all' }), 403, 'forbidden');
  await assertJsonError(await as['pekka.salonen'].get(`/api/clients/${MATTI}/offer`), 403);
  await assertJsonError(await as[C].post(`/api/clients/${MATTI}/offer`,
    { offered_on: PAST, services: ['transport'] }), 403, 'forbidden');
});

test('offer: each missing and malformed field is named', async () => {
  const W = 'maria.nieminen';
  const post = (body) => as[W].post(`/api/clients/${ELIN}/offer`, body);
  await fieldError(await post({ services: ['transport'] }), 'offered_on');
  await fieldError(await post({ offered_on: '15.1.2025', services: ['transport'] }), 'offered_on');
  await fieldError(await post({ offered_on: '2999-01-01', services: ['transport'] }), 'offered_on');
  await fieldError(await post({ offered_on: PAST }), 'services');
  await fieldError(await post({ offered_on: PAST, services: [] }), 'services');
  await fieldError(await post({ offered_on: PAST, services: 'transport' }), 'services');
  await fieldError(await post({ offered_on: PAST, services: [7] }), 'services');
  await fieldError(await post({ offered_on: PAST, services: ['teleportation'] }), 'services');
  await fieldError(await post({ offered_on: PAST, services: ['transport'], note: {} }), 'note');
  const still = await ok(await as[W].get(`/api/clients/${ELIN}/offer`));
  assert.equal(still.offer, null, 'nothing written');

  await ok(await post({ offered_on: PAST, services: ['day_activities', 'transport'] }), 201);
  const answer = (body) => as[W].post(`/api/clients/${ELIN}/offer/answer`, body);
  await fieldError(await answer({}), 'answer');
  await fieldError(await answer({ answer: 'maybe' }), 'answer');
  await fieldError(await answer({ answer: 3 }), 'answer');
  await fieldError(await answer({ answer: 'some' }), 'services');
  await fieldError(await answer({ answer: 'some', services: [] }), 'services');
  await fieldError(await answer({ answer: 'some', services: 'transport' }), 'services');
  await fieldError(await answer({ answer: 'some', services: ['personal_assistance'] }), 'services');
  await fieldError(await answer({ answer: 'some', services: ['nope'] }), 'services');
  await fieldError(await answer({ answer: 'refused' }), 'usual_note');
  await fieldError(await answer({ answer: 'refused', usual_note: ' ' }), 'usual_note');
  await fieldError(await answer({ answer: 'refused', usual_note: 12 }), 'usual_note');
  const v = await ok(await as[W].get(`/api/clients/${ELIN}/offer`));
  assert.equal(v.history.length, 0, 'no answer written');
});

test('offer: liisa.virtanen answers for Aleksi, not for Matti; maria gets 404 for Sanna', async () => {
  await ok(await as['maria.nieminen'].post(`/api/clients/${ALEKSI}/offer`,
    { offered_on: PAST, services: ['day_activities', 'personal_assistance'] }), 201);
  const R = 'liisa.virtanen';
  const seen = await ok(await as[R].get(`/api/clients/${ALEKSI}/offer`));
  assert.equal(seen.can.answer, true);
  const v = await ok(await as[R].post(`/api/clients/${ALEKSI}/offer/answer`,
    { answer: 'some', services: ['day_activities'], usual_note: 'Henkilökohtainen apu ennallaan' }));
  assert.deepEqual(v.accepted, ['day_activities']);
  assert.equal(v.answer.answered_by.role, 'representative');

  const matti = await ok(await as['maria.nieminen'].get(`/api/clients/${MATTI}/offer`));
  await assertJsonError(await as[R].get(`/api/clients/${MATTI}/offer`), 404, 'not_found');
  await assertJsonError(await as[R].post(`/api/clients/${MATTI}/offer/answer`,
    { answer: 'all' }), 404, 'not_found');
  const again = await ok(await as['maria.nieminen'].get(`/api/clients/${MATTI}/offer`));
  assert.equal(again.history.length, matti.history.length, 'nothing written for Matti');

  await assertJsonError(await as['maria.nieminen'].post(`/api/clients/${SANNA}/offer`,
    { offered_on: PAST, services: ['carer_leave'] }), 404, 'not_found');
  await assertJsonError(await as['maria.nieminen'].post(`/api/clients/${SANNA}/offer/answer`,
    { answer: 'all' }), 404, 'not_found');
  await assertJsonError(await as['maria.nieminen'].get(`/api/clients/${SANNA}/offer`), 404);
  const sanna = await ok(await as['tomas.gronqvist'].get(`/api/clients/${SANNA}/offer`));
  assert.equal(sanna.offer, null, 'nothing written for Sanna');
});

const plan = (over = {}) => ({
  goals: 'Asua omassa kodissa ja käydä töissä.', wishes: 'Harrastukset iltaisin.',
  services: ['personal_assistance', 'transport'],
  service_notes: { personal_assistance: 'Iltaisin ja viikonloppuisin' },
  helpers: ['family', 'peer'], helper_note: 'Äiti ja kokemusasiantuntija auttoivat.',
  ...over,
});

test('support plans: the client writes his own; versions; readers', async () => {
  const C = 'matti.korhonen';
  const one = await ok(await as[C].post(`/api/clients/${MATTI}/support-plans`, plan()), 201);
  assert.equal(one.version, 1);
  assert.deepEqual(one.services, ['personal_assistance', 'transport']);
  assert.deepEqual(one.service_notes, { personal_assistance: 'Iltaisin ja viikonloppuisin' });
  assert.deepEqual(one.helpers, ['family', 'peer']);
  assert.equal(one.written_by.role, 'client');
  assert.equal(one.written_by.name, 'Matti Korhonen');
  const two = await ok(await as['maria.nieminen'].post(`/api/clients/${MATTI}/support-plans`,
    plan({ helpers: ['staff', 'staff'], services: [], service_notes: {} })), 201);
  assert.equal(two.version, 2);
  assert.deepEqual(two.helpers, ['staff']);
  assert.equal(two.written_by.role, 'worker');

  const list = await ok(await as[C].get(`/api/clients/${MATTI}/support-plans`));
  assert.deepEqual(list.items.map((i) => i.version), [2, 1]);
  assert.equal(list.can.write, true);
  const dm = await ok(await as['johanna.ek'].get(`/api/support-plans/${one.id}`));
  assert.equal(dm.goals, plan().goals);
  const dmList = await ok(await as['johanna.ek'].get(`/api/clients/${MATTI}/support-plans`));
  assert.equal(dmList.can.write, false);
  await assertJsonError(await as['johanna.ek'].post(`/api/clients/${MATTI}/support-plans`, plan()), 403);
  await assertJsonError(await as['pekka.salonen'].get(`/api/support-plans/${one.id}`), 403);
  await assertJsonError(await as['kari.makela'].get(`/api/clients/${MATTI}/support-plans`), 403);
});

test('support plans: liisa.virtanen writes for Aleksi, gets 404 for Matti; maria 404 for Sanna', async () => {
  const R = 'liisa.virtanen';
  const p = await ok(await as[R].post(`/api/clients/${ALEKSI}/support-plans`,
    plan({ helpers: ['family'] })), 201);
  assert.equal(p.written_by.role, 'representative');
  await ok(await as[R].get(`/api/support-plans/${p.id}`));
  await ok(await as[R].get(`/api/clients/${ALEKSI}/support-plans`));

  const before = await ok(await as['matti.korhonen'].get(`/api/clients/${MATTI}/support-plans`));
  await assertJsonError(await as[R].post(`/api/clients/${MATTI}/support-plans`, plan()), 404, 'not_found');
  await assertJsonError(await as[R].get(`/api/clients/${MATTI}/support-plans`), 404);
  if (before.items.length)
    await assertJsonError(await as[R].get(`/api/support-plans/${before.items[0].id}`), 404);
  const after = await ok(await as['matti.korhonen'].get(`/api/clients/${MATTI}/support-plans`));
  assert.equal(after.items.length, before.items.length, 'nothing written for Matti');

  await assertJsonError(await as['maria.nieminen'].post(`/api/clients/${SANNA}/support-plans`,
    plan()), 404, 'not_found');
  const sanna = await ok(await as['tomas.gronqvist'].get(`/api/clients/${SANNA}/support-plans`));
  assert.equal(sanna.items.length, 0, 'nothing written for Sanna');
  await assertJsonError(await as['matti.korhonen'].get(`/api/support-plans/${p.id}`), 404);
});

test('support plans: each missing and malformed field is named', async () => {
  const post = (body) => as['maria.nieminen'].post(`/api/clients/${ELIN}/support-plans`, body);
  const { goals, ...rest } = plan();
  await fieldError(await post(rest), 'goals');
  await fieldError(await post(plan({ goals: '' })), 'goals');
  await fieldError(await post(plan({ goals: 1 })), 'goals');
  await fieldError(await post(plan({ wishes: false })), 'wishes');
  await fieldError(await post(plan({ wishes: 'w'.repeat(8001) })), 'wishes');
  await fieldError(await post(plan({ services: 'transport' })), 'services');
  await fieldError(await post(plan({ services: ['flying'], service_notes: {} })), 'services');
  await fieldError(await post(plan({ service_notes: [] })), 'service_notes');
  await fieldError(await post(plan({ service_notes: { home_care: 'x' } })), 'service_notes');
  await fieldError(await post(plan({ service_notes: { transport: 5 } })), 'service_notes');
  await fieldError(await post(plan({ helpers: 'family' })), 'helpers');
  await fieldError(await post(plan({ helpers: ['neighbour'] })), 'helpers');
  await fieldError(await post(plan({ helper_note: 'h'.repeat(1001) })), 'helper_note');
  const list = await ok(await as['maria.nieminen'].get(`/api/clients/${ELIN}/support-plans`));
  assert.equal(list.items.length, 0, 'nothing written');
});

test('the routes are described in the OpenAPI document', async () => {
  const res = await fetch(srv.url + 'api/openapi.json');
  const doc = await res.json();
  for (const p of ['/api/clients/{id}/assessments', '/api/assessments/{id}', '/api/clients/{id}/offer',
    '/api/clients/{id}/offer/answer', '/api/clients/{id}/support-plans', '/api/support-plans/{id}'])
    assert.ok(doc.paths[p], p);
  assert.ok(doc.components.schemas.CaseworkOfferView);
});
