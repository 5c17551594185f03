-- 010: the mail outbox (issue 10, item 4). Every letter the service sends
-- is first a row here, written in the same write unit as the change that
-- causes it, so a mail goes iff its change committed. A sender (the serve
-- thread, or `budjetti mail send`) takes the due rows, hands them to the
-- SMTP relay (or writes .eml files) and records the outcome; a failure
-- is retried with exponential back-off up to BUD_MAIL_ATTEMPTS_MAX.
--
-- dedupe_key is unique: enqueueing a letter whose key is already here
-- adds nothing (an invitation: "invitation:<organiser>:<address>", so a
-- provider is invited once by an organiser however often the CSV is run).
CREATE TABLE outbox (
	id		INTEGER PRIMARY KEY,
	organiser_id	INTEGER REFERENCES organiser(id),
	kind		TEXT NOT NULL CHECK (kind IN ('invitation')),
	dedupe_key	TEXT NOT NULL UNIQUE,
	to_addr		TEXT NOT NULL,
	to_name		TEXT NOT NULL DEFAULT '',
	subject		TEXT NOT NULL,
	body		TEXT NOT NULL,
	lang		TEXT NOT NULL CHECK (lang IN ('fi', 'sv', 'fi+sv', 'en')),
	state		TEXT NOT NULL DEFAULT 'queued'
				CHECK (state IN ('queued', 'sent', 'failed')),
	attempts	INTEGER NOT NULL DEFAULT 0,
	next_at		INTEGER NOT NULL,	-- Unix seconds: due from then (queued)
	last_error	TEXT NOT NULL DEFAULT '',
	created_by	INTEGER REFERENCES user(id),
	created_at	INTEGER NOT NULL,
	sent_at		INTEGER,
	updated_at	INTEGER
);
-- The sender's question: what is due now.
CREATE INDEX outbox_due ON outbox(next_at) WHERE state = 'queued';
-- The invitation page: an organiser's letters of one kind, newest first.
CREATE INDEX outbox_list ON outbox(organiser_id, kind, id);
