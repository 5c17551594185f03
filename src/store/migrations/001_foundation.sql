-- 001_foundation: the organiser, its services and price list, providers,
-- clients, user accounts with roles and mandates, sessions, login attempts
-- and the use log. Money is INTEGER cents; dates are TEXT 'YYYY-MM-DD';
-- timestamps are INTEGER Unix seconds (UTC).

CREATE TABLE organiser (
	id		INTEGER PRIMARY KEY,
	code		TEXT NOT NULL UNIQUE,		-- short slug, 'ita-uusimaa'
	name_fi		TEXT NOT NULL,
	name_sv		TEXT NOT NULL,
	name_en		TEXT NOT NULL,
	ytunnus		TEXT NOT NULL UNIQUE,
	bilingual	INTEGER NOT NULL DEFAULT 0 CHECK (bilingual IN (0, 1)),
	iban		TEXT,				-- the debtor account of payment runs
	bic		TEXT,
	created_at	INTEGER NOT NULL
);

-- A worker's team or unit: access to clients rests on the unit's open cases.
CREATE TABLE unit (
	id		INTEGER PRIMARY KEY,
	organiser_id	INTEGER NOT NULL REFERENCES organiser(id),
	name_fi		TEXT NOT NULL,
	name_sv		TEXT NOT NULL,
	name_en		TEXT NOT NULL
);

-- The services a personal budget can buy (the ten of the seeds at least).
CREATE TABLE service (
	id		INTEGER PRIMARY KEY,
	code		TEXT NOT NULL UNIQUE,		-- 'personal_assistance'
	name_fi		TEXT NOT NULL,
	name_sv		TEXT NOT NULL,
	name_en		TEXT NOT NULL
);

-- The organiser's price list: a change is a new row (version), never an
-- update of a row a plan may already refer to.
CREATE TABLE price (
	id		INTEGER PRIMARY KEY,
	organiser_id	INTEGER NOT NULL REFERENCES organiser(id),
	service_id	INTEGER NOT NULL REFERENCES service(id),
	unit		TEXT NOT NULL CHECK (unit IN ('hour', 'day', 'trip', 'month', 'night')),
	unit_price	INTEGER NOT NULL CHECK (unit_price >= 0),	-- cents
	instrument	TEXT NOT NULL CHECK (instrument IN ('commitment', 'voucher', 'purchase')),
	valid_from	TEXT NOT NULL,
	valid_to	TEXT,				-- NULL: open-ended
	version		INTEGER NOT NULL DEFAULT 1,
	created_at	INTEGER NOT NULL,
	CHECK (valid_to IS NULL OR valid_to >= valid_from)
);
CREATE INDEX price_service ON price(organiser_id, service_id, valid_from);

CREATE TABLE provider (
	id		INTEGER PRIMARY KEY,
	organiser_id	INTEGER NOT NULL REFERENCES organiser(id),
	name		TEXT NOT NULL,
	ytunnus		TEXT NOT NULL UNIQUE,
	iban		TEXT,
	bic		TEXT,
	ovt		TEXT,
	municipality	TEXT,
	languages	TEXT NOT NULL DEFAULT 'fi',	-- 'fi,sv,en'
	status		TEXT NOT NULL DEFAULT 'applied'
			CHECK (status IN ('applied', 'approved', 'suspended', 'ended')),
	created_at	INTEGER NOT NULL
);

CREATE TABLE client (
	id		INTEGER PRIMARY KEY,
	organiser_id	INTEGER NOT NULL REFERENCES organiser(id),
	hetu		TEXT NOT NULL UNIQUE,		-- stored whole, shown masked
	first_name	TEXT NOT NULL,
	last_name	TEXT NOT NULL,
	lang		TEXT NOT NULL DEFAULT 'fi' CHECK (lang IN ('fi', 'sv')),
	municipality	TEXT,
	email		TEXT,
	phone		TEXT,
	address		TEXT,
	communication	TEXT,				-- communication needs, free text
	easy_read	INTEGER NOT NULL DEFAULT 0 CHECK (easy_read IN (0, 1)),
	worker_id	INTEGER REFERENCES user(id),
	unit_id		INTEGER REFERENCES unit(id),
	created_at	INTEGER NOT NULL
);
CREATE INDEX client_worker ON client(worker_id);
CREATE INDEX client_unit ON client(unit_id);

CREATE TABLE user (
	id		INTEGER PRIMARY KEY,
	username	TEXT NOT NULL UNIQUE COLLATE NOCASE,
	display_name	TEXT NOT NULL,
	role		TEXT NOT NULL CHECK (role IN ('admin', 'worker', 'decision_maker',
				'finance', 'provider_user', 'client', 'representative')),
	lang		TEXT NOT NULL DEFAULT 'fi' CHECK (lang IN ('fi', 'sv', 'en')),
	password_hash	TEXT NOT NULL,			-- argon2id, libsodium string form
	organiser_id	INTEGER REFERENCES organiser(id),
	unit_id		INTEGER REFERENCES unit(id),
	provider_id	INTEGER REFERENCES provider(id),
	client_id	INTEGER REFERENCES client(id),	-- the client's own account
	active		INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
	created_at	INTEGER NOT NULL,
	CHECK ((role = 'provider_user') = (provider_id IS NOT NULL)),
	CHECK (role <> 'client' OR client_id IS NOT NULL)
);

-- A representative's (or guardian's) right to see or act for a client.
CREATE TABLE mandate (
	id		INTEGER PRIMARY KEY,
	user_id		INTEGER NOT NULL REFERENCES user(id),
	client_id	INTEGER NOT NULL REFERENCES client(id),
	kind		TEXT NOT NULL CHECK (kind IN ('guardian', 'trustee', 'authorised')),
	scope		TEXT NOT NULL CHECK (scope IN ('view', 'act')),
	valid_from	TEXT NOT NULL,
	valid_to	TEXT,
	created_by	INTEGER REFERENCES user(id),
	created_at	INTEGER NOT NULL,
	CHECK (valid_to IS NULL OR valid_to >= valid_from)
);
CREATE INDEX mandate_user ON mandate(user_id);
CREATE INDEX mandate_client ON mandate(client_id);

-- Sessions: only a hash of the token is stored.
CREATE TABLE session (
	id		INTEGER PRIMARY KEY,
	token_hash	BLOB NOT NULL UNIQUE,
	user_id		INTEGER NOT NULL REFERENCES user(id),
	csrf		TEXT NOT NULL,
	created_at	INTEGER NOT NULL,
	last_seen	INTEGER NOT NULL
);
CREATE INDEX session_user ON session(user_id);

-- Failed (and successful) logins, for slowing down guessing per account
-- and per address. Rows older than a day are pruned.
CREATE TABLE login_attempt (
	id		INTEGER PRIMARY KEY,
	username	TEXT NOT NULL COLLATE NOCASE,
	addr		TEXT NOT NULL,
	at		INTEGER NOT NULL,
	ok		INTEGER NOT NULL CHECK (ok IN (0, 1))
);
CREATE INDEX login_attempt_user ON login_attempt(username, at);
CREATE INDEX login_attempt_addr ON login_attempt(addr, at);

-- The use log (käyttöloki, 703/2023) and the disclosure log (luovutusloki)
-- in one append-only table. Each row carries the hash of the previous row
-- and its own (a chain), so a changed or removed row is detectable.
CREATE TABLE uselog (
	id		INTEGER PRIMARY KEY,
	at		INTEGER NOT NULL,
	user_id		INTEGER,			-- NULL for the system itself
	role		TEXT NOT NULL,
	unit_id		INTEGER,
	client_id	INTEGER,			-- whose data, NULL if none
	acting_for	INTEGER,			-- client a representative acts for
	action		TEXT NOT NULL CHECK (action IN ('read', 'create', 'change', 'print',
				'export', 'disclose', 'login', 'logout', 'login_failed')),
	object		TEXT NOT NULL,			-- 'client', 'plan:12', ...
	basis		TEXT NOT NULL,			-- 'case', 'own', 'mandate:3', 'special:CODE'
	recipient	TEXT,				-- disclosures only
	legal_basis	TEXT,				-- disclosures only
	prev_hash	BLOB NOT NULL,
	hash		BLOB NOT NULL
);
CREATE INDEX uselog_client ON uselog(client_id, at);
CREATE TRIGGER uselog_append_only_u BEFORE UPDATE ON uselog
	BEGIN SELECT RAISE(ABORT, 'uselog is append-only'); END;
CREATE TRIGGER uselog_append_only_d BEFORE DELETE ON uselog
	BEGIN SELECT RAISE(ABORT, 'uselog is append-only'); END;

-- Idempotency-Key: a retried write returns the first answer.
CREATE TABLE idempotency (
	key		TEXT NOT NULL,
	user_id		INTEGER NOT NULL,
	status		INTEGER NOT NULL,
	body		TEXT NOT NULL,
	created_at	INTEGER NOT NULL,
	PRIMARY KEY (key, user_id)
);
