-- 021: the pilot's evidence (issue 14, items 2 and 3).
--
-- A new role, evaluator: the pilot's evaluators, who see only the
-- aggregated and suppressed pilot figures (app/pilot.h), never a client's
-- data. SQLite cannot alter a CHECK, so the user table is rebuilt as in
-- 011 and 017 (foreign keys are off while migrations run; the rows keep
-- their ids, so every reference stays whole).
CREATE TABLE user_new (
	id		INTEGER PRIMARY KEY,
	username	TEXT NOT NULL UNIQUE COLLATE NOCASE,
	display_name	TEXT NOT NULL,
	role		TEXT NOT NULL CHECK (role IN ('admin', 'worker', 'decision_maker',
				'finance', 'provider_user', 'client', 'representative',
				'evaluator')),
	lang		TEXT NOT NULL DEFAULT 'fi' CHECK (lang IN ('fi', 'sv', 'en')),
	password_hash	TEXT NOT NULL,			-- argon2id, libsodium string form
	organiser_id	INTEGER REFERENCES organiser(id),
	unit_id		INTEGER REFERENCES unit(id),
	provider_id	INTEGER REFERENCES provider(id),
	client_id	INTEGER REFERENCES client(id),	-- the client's own account
	active		INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
	created_at	INTEGER NOT NULL,
	provider_admin	INTEGER NOT NULL DEFAULT 0 CHECK (provider_admin IN (0, 1)),
	email		TEXT,
	totp_secret	BLOB,
	totp_pending	BLOB,
	totp_last_step	INTEGER NOT NULL DEFAULT 0,
	CHECK ((role = 'provider_user') = (provider_id IS NOT NULL)),
	CHECK (role <> 'client' OR client_id IS NOT NULL)
);
INSERT INTO user_new (id, username, display_name, role, lang, password_hash,
	organiser_id, unit_id, provider_id, client_id, active, created_at,
	provider_admin, email, totp_secret, totp_pending, totp_last_step)
SELECT id, username, display_name, role, lang, password_hash, organiser_id,
	unit_id, provider_id, client_id, active, created_at, provider_admin,
	email, totp_secret, totp_pending, totp_last_step FROM user;
DROP TABLE user;
ALTER TABLE user_new RENAME TO user;

-- Groups smaller than this many clients are suppressed in the pilot
-- figures (the organiser's admin sets it; 5 by default).
ALTER TABLE organiser ADD COLUMN pilot_min_group INTEGER NOT NULL DEFAULT 5
	CHECK (pilot_min_group BETWEEN 3 AND 100);

-- The client's own answer: a short outcomes questionnaire after each
-- decision (the first and each review's), answered by the client or a
-- representative while it is open (app/pilot.h). One answer per decision:
-- answering again replaces it. The scale is 1 no, 2 partly, 3 yes. The
-- free text is the client's own and never part of the figures.
CREATE TABLE outcome_answer (
	id		INTEGER PRIMARY KEY,
	plan_id		INTEGER NOT NULL UNIQUE REFERENCES plan(id),
	client_id	INTEGER NOT NULL REFERENCES client(id),
	q_life		INTEGER NOT NULL CHECK (q_life BETWEEN 1 AND 3),
	q_help		INTEGER NOT NULL CHECK (q_help BETWEEN 1 AND 3),
	q_choice	INTEGER NOT NULL CHECK (q_choice BETWEEN 1 AND 3),
	comment		TEXT NOT NULL DEFAULT '',
	lang		TEXT NOT NULL CHECK (lang IN ('fi', 'sv')),
	answered_by	INTEGER NOT NULL REFERENCES user(id),
	answered_on	TEXT NOT NULL CHECK (length(answered_on) = 10),	-- Helsinki day
	answered_at	INTEGER NOT NULL
);
CREATE INDEX outcome_answer_client ON outcome_answer(client_id);
CREATE INDEX outcome_answer_day ON outcome_answer(answered_on);
