// tests/oidc/provider.mjs: a real OpenID provider for the tests (npm
// oidc-provider, certified by the OpenID Foundation), on 127.0.0.1, playing
// both Suomi.fi e-Identification (test persons with identity codes, the
// assurance levels loa2/loa3) and a county's staff sign-in (a username).
//
//   node tests/oidc/provider.mjs CONFIG.json
// CONFIG: { port, clients: [{client_id, client_secret, redirect_uris}],
//           persons: { login: {claims...} } }
// Prints "ready ISSUER" on stdout once it listens. Its own sign-in page
// (GET /interaction/:uid) lists the test persons and the assurance level;
// consent is given without asking (the organiser's own service). Nothing
// here reaches the network.
import http from 'node:http';
import { readFileSync } from 'node:fs';
import { generateKeyPairSync } from 'node:crypto';
import Provider from 'oidc-provider';

const config = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const issuer = `http://127.0.0.1:${config.port}`;
const LOA = ['http://ftn.ficora.fi/2017/loa2', 'http://ftn.ficora.fi/2017/loa3'];

// A signing key of our own (kid "test-1"), made for this run.
function signingKey() {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { ...privateKey.export({ format: 'jwk' }), kid: 'test-1', use: 'sig', alg: 'RS256' };
}

const provider = new Provider(issuer, {
  // A client with a jwks authenticates by private_key_jwt and gets its ID
  // tokens encrypted to its key (as Suomi.fi does); one with a secret by
  // client_secret_basic.
  clients: config.clients.map((c) => ({
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: c.jwks ? 'private_key_jwt' : 'client_secret_basic',
    id_token_signed_response_alg: 'RS256',
    ...(c.jwks ? { id_token_encrypted_response_alg: 'RSA-OAEP',
      id_token_encrypted_response_enc: 'A256GCM' } : {}),
    // so that the ID token carries the provider's session id ("sid"),
    // which the front-channel logout then names
    backchannel_logout_uri: c.redirect_uris[0].replace('/login/oidc/callback', '/logout/oidc'),
    backchannel_logout_session_required: true,
    ...c,
  })),
  jwks: { keys: [signingKey()] },
  pkce: { required: () => true, methods: ['S256'] },
  acrValues: LOA,
  claims: {
    openid: ['sub'],
    profile: ['given_name', 'family_name', 'nationalIdentificationNumber',
      'preferred_username'],
  },
  conformIdTokenClaims: false,	// the profile claims travel in the ID token
  findAccount: async (ctx, id) => (config.persons[id] ? {
    accountId: id,
    claims: async () => ({ sub: id, ...config.persons[id] }),
  } : undefined),
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  features: { devInteractions: { enabled: false }, backchannelLogout: { enabled: true },
    encryption: { enabled: true } },
  cookies: { keys: ['budjetti-test-provider-cookie-key'] },
  ttl: { Session: 600, Interaction: 600, Grant: 600, IdToken: 300,
    AccessToken: 300, AuthorizationCode: 60 },
});
provider.proxy = false;

const esc = (s) => String(s).replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

function loginPage(uid, acrWanted) {
  const people = Object.keys(config.persons).map((id, i) =>
    `<div><input type="radio" name="login" id="p${i}" value="${esc(id)}"${i ? '' : ' checked'}>` +
    `<label for="p${i}">${esc(id)}</label></div>`).join('\n');
  const levels = LOA.map((l) => `<option${l === acrWanted ? ' selected' : ''}>${esc(l)}</option>`).join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Test identification</title></head>
<body><main><h1>Test identification</h1>
<p>A test service for trying budjetti and for its tests: it identifies whoever is picked, without a password. Never use it for real people.</p>
<form method="post" action="/interaction/${esc(uid)}/login">
<fieldset><legend>Test person</legend>${people}</fieldset>
<label for="acr">Assurance level</label> <select id="acr" name="acr">${levels}</select>
<button type="submit" id="identify">Identify</button>
</form>
<form method="post" action="/interaction/${esc(uid)}/abort"><button type="submit" id="cancel">Cancel</button></form>
</main></body></html>`;
}

async function formBody(req) {
  let s = '';
  for await (const chunk of req)
    s += chunk;
  return new URLSearchParams(s);
}

// Consent without asking: a grant of what the client asked for.
async function consent(req, res, details) {
  const grant = details.grantId ? await provider.Grant.find(details.grantId)
    : new provider.Grant({ accountId: details.session.accountId, clientId: details.params.client_id });
  grant.addOIDCScope(details.params.scope);
  const grantId = await grant.save();
  await provider.interactionFinished(req, res, { consent: { grantId } },
    { mergeWithLastSubmission: true });
}

async function interaction(req, res) {
  const [, , uid, action] = req.url.split('?')[0].split('/');
  const details = await provider.interactionDetails(req, res);
  if (details.uid !== uid)
    throw new Error('interaction mismatch');
  if (req.method === 'GET' && details.prompt.name === 'consent')
    return consent(req, res, details);
  if (req.method === 'GET') {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    return res.end(loginPage(uid, (details.params.acr_values || '').split(' ')[0]));
  }
  if (action === 'abort')
    return provider.interactionFinished(req, res,
      { error: 'access_denied', error_description: 'cancelled' }, { mergeWithLastSubmission: false });
  const form = await formBody(req);
  return provider.interactionFinished(req, res,
    { login: { accountId: form.get('login'), acr: form.get('acr') } },
    { mergeWithLastSubmission: false });
}

const callback = provider.callback();
const server = http.createServer((req, res) => {
  if (req.url.startsWith('/interaction/'))
    interaction(req, res).catch((e) => {
      res.writeHead(500, { 'Content-Type': 'text/plain' });
      res.end(String(e && e.stack || e));
    });
  else
    callback(req, res);
});
server.listen(config.port, '127.0.0.1', () => console.log(`ready ${issuer}`));
for (const sig of ['SIGTERM', 'SIGINT'])
  process.on(sig, () => server.close(() => process.exit(0)));
