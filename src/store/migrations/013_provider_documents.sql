-- 013: the statutory documents a provider hands in with its application
-- (the contractor's liability act, tilaajavastuulaki: tax debt
-- certificate, pension insurance, trade register extract, and the
-- insurance). The file itself lives outside the database and outside
-- anything served, in <database>.files/ under a name budjetti made
-- (file); this row says what it is. A new upload of a kind does not
-- replace the old one: the newest of each kind counts, the rest is
-- history. Written after the file is on disk; a row that fails removes it.
CREATE TABLE provider_document (
	id		INTEGER PRIMARY KEY,
	provider_id	INTEGER NOT NULL REFERENCES provider(id),
	kind		TEXT NOT NULL CHECK (kind IN ('tax_debt', 'pension_insurance',
					'trade_register', 'liability_insurance')),
	name		TEXT NOT NULL,		-- the sender's file name, sanitised
	content_type	TEXT NOT NULL CHECK (content_type IN ('application/pdf',
					'image/png', 'image/jpeg')),
	size		INTEGER NOT NULL CHECK (size > 0),
	sha256		TEXT NOT NULL CHECK (length(sha256) = 64),
	file		TEXT NOT NULL UNIQUE,	-- hex name in <database>.files/
	uploaded_by	INTEGER NOT NULL REFERENCES user(id),
	uploaded_at	INTEGER NOT NULL
);
CREATE INDEX provider_document_by_provider
	ON provider_document (provider_id, uploaded_at DESC, id DESC);
