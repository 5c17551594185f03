/*
 * core/err.h: the error value every layer returns through. A function
 * returns an int rc (BUD_OK or a BUD_E* code) and, when given a bud_err,
 * fills in which input field was wrong, a message-catalog key (so api/ and
 * web/ can say it in the user's language) and an English detail for logs and
 * the CLI. A bud_err is a plain value: no allocation, nothing to free.
 */
#ifndef BUD_CORE_ERR_H
#define BUD_CORE_ERR_H

enum bud_rc {
	BUD_OK = 0,
	BUD_EINVAL,	/* malformed or out-of-range input: 400/422 */
	BUD_ENOMEM,	/* allocation failed: 500 */
	BUD_ETOOBIG,	/* input over a limit in bud_limits.h: 413 */
	BUD_ENOTFOUND,	/* no such thing (or not visible to the caller): 404 */
	BUD_EFORBIDDEN,	/* role or ownership does not allow it: 403 */
	BUD_EAUTH,	/* not signed in, or wrong credentials: 401 */
	BUD_ECONFLICT,	/* duplicate, or wrong state for the change: 409 */
	BUD_EOVERFLOW,	/* arithmetic would overflow: 422 */
	BUD_EBUSY,	/* overloaded or rate limited: 429/503 */
	BUD_EIO,	/* storage or system failure: 500/503 */
	BUD_EINTERNAL,	/* a bug: an invariant did not hold: 500 */
	BUD_RC_COUNT
};

typedef struct bud_err {
	int code;		/* enum bud_rc */
	char field[64];		/* input field name, "" when none */
	const char *key;	/* catalog key, e.g. "err.hetu.check"; never NULL once set */
	char detail[192];	/* English, one line, no personal data */
} bud_err;

/* Clear e (code BUD_OK, empty field, key ""). e may be NULL. */
void bud_err_clear(bud_err *e);

/*
 * Set e and return code, so callers can write `return bud_err_set(...)`.
 * e may be NULL (then only code is returned). field and key may be NULL.
 */
int bud_err_set(bud_err *e, int code, const char *field, const char *key,
		const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* A short English name of a code ("invalid", "not_found", ...), for JSON. */
const char *bud_rc_name(int code);

/* The HTTP status that answers a code. */
int bud_rc_http_status(int code);

#endif
