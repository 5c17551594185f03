-- 018: sign-in through OpenID Connect (issue 12). Two audiences: citizens
-- (clients, representatives and provider users, through strong electronic
-- identification, the Suomi.fi profile) and staff (the organiser's own
-- OpenID provider).
--
-- A sign-in started and not yet back: the browser carries the state in
-- the redirect, we keep only its hash, with the nonce and the PKCE
-- verifier sent. The callback takes (deletes) the row in the unit that
-- signs in, so a state is good once; rows older than BUD_OIDC_FLOW_S are
-- refused and pruned.
CREATE TABLE oidc_flow (
	state_hash	BLOB PRIMARY KEY,
	audience	TEXT NOT NULL CHECK (audience IN ('citizen', 'staff')),
	nonce		TEXT NOT NULL,
	verifier	TEXT NOT NULL,
	lang		TEXT NOT NULL DEFAULT 'fi' CHECK (lang IN ('fi', 'sv', 'en')),
	created_at	INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX oidc_flow_created ON oidc_flow(created_at);

-- The identity code by which a representative or a provider's user signs
-- in through e-identification (a client is found by the code of the
-- client record). Set by the organiser (`budjetti user add --hetu`).
CREATE TABLE user_identity (
	id		INTEGER PRIMARY KEY,
	user_id		INTEGER NOT NULL REFERENCES user(id),
	kind		TEXT NOT NULL CHECK (kind IN ('hetu')),
	value		TEXT NOT NULL,
	created_at	INTEGER NOT NULL,
	UNIQUE (kind, value, user_id)
);
CREATE INDEX user_identity_user ON user_identity(user_id);

-- The provider's session id ("sid") of a session that began with OpenID
-- Connect, so that the provider's front-channel logout ends it.
CREATE TABLE oidc_session (
	session_id	INTEGER PRIMARY KEY REFERENCES session(id) ON DELETE CASCADE,
	audience	TEXT NOT NULL,
	sid		TEXT NOT NULL DEFAULT '',
	sub		TEXT NOT NULL
);
CREATE INDEX oidc_session_sid ON oidc_session(audience, sid);
