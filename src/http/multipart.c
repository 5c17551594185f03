/*
 * http/multipart.c: a multipart/form-data body of an upload route
 * (BUD_R_UPLOAD) decoded with libmicrohttpd's own post processor
 * (MHD_create_post_processor), never a parser of ours. The body has
 * already been read whole within BUD_MAX_UPLOAD (dispatch.c) and is fed to
 * the processor in one go when the request is complete: the server
 * suspends connections and hands writes to workers, so the decoding is
 * done once, on the server thread, before either.
 *
 * Parts without a file name become the request's form fields (so the
 * CSRF check and the typed getters see them as for any form): at most
 * BUD_MAX_FIELDS, names at most BUD_MAX_FIELD_NAME and values at
 * most BUD_MAX_FIELD_VALUE bytes. Parts with a file name (even an empty
 * one) become req->files: at most BUD_UPLOAD_FILES_MAX. Anything else is
 * refused 400 (err.http.multipart) naming the field.
 */
#include <microhttpd.h>
#include <string.h>

#include "http/internal.h"
#include "bud_limits.h"

struct mp {
	struct bud_rq *q;
	struct bud_kv fields[BUD_MAX_FIELDS];
	size_t nfields;
	struct bud_upload files[BUD_UPLOAD_FILES_MAX];
	size_t nfiles;
	int open;		/* a part is being collected */
	int is_file;
	char key[BUD_MAX_FIELD_NAME + 1];
	const char *filename, *content_type;
	bud_buf cur;
	const char *bad;	/* the first problem: a catalog key */
	const char *bad_field;
};

static int fail(struct mp *m, const char *key, const char *field)
{
	if (!m->bad) {
		m->bad = key;
		m->bad_field = field ? bud_arena_strndup(&m->q->arena, field,
							 strnlen(field, BUD_MAX_FIELD_NAME)) : NULL;
	}
	return MHD_NO;
}

/* The part being collected is complete: keep it. */
static int close_part(struct mp *m)
{
	bud_arena *a = &m->q->arena;
	char *data;

	if (!m->open)
		return 1;
	m->open = 0;
	data = bud_arena_alloc(a, m->cur.len + 1);
	if (m->cur.len)
		memcpy(data, m->cur.data, m->cur.len);
	data[m->cur.len] = '\0';
	if (m->is_file) {
		if (m->nfiles == BUD_UPLOAD_FILES_MAX) {
			fail(m, "err.http.multipart", m->key);
			return 0;
		}
		m->files[m->nfiles++] = (struct bud_upload){
			bud_arena_strndup(a, m->key, strlen(m->key)), m->filename,
			m->content_type, data, m->cur.len};
	} else {
		if (m->nfields == BUD_MAX_FIELDS || strlen(data) != m->cur.len) {
			fail(m, "err.http.multipart", m->key);
			return 0;
		}
		m->fields[m->nfields++] = (struct bud_kv){
			bud_arena_strndup(a, m->key, strlen(m->key)), data};
	}
	bud_buf_free(&m->cur);
	return 1;
}

static const char *dup_or_null(bud_arena *a, const char *s, size_t max)
{
	return s ? bud_arena_strndup(a, s, strnlen(s, max)) : NULL;
}

static int open_part(struct mp *m, const char *key, const char *filename,
		     const char *content_type)
{
	if (!close_part(m))
		return 0;
	if (!key || strlen(key) > BUD_MAX_FIELD_NAME) {
		fail(m, "err.http.multipart", NULL);
		return 0;
	}
	memcpy(m->key, key, strlen(key) + 1);
	m->is_file = filename != NULL;
	m->filename = dup_or_null(&m->q->arena, filename, 1024);
	m->content_type = dup_or_null(&m->q->arena, content_type, 256);
	bud_buf_init(&m->cur, m->is_file ? BUD_MAX_UPLOAD : BUD_MAX_FIELD_VALUE);
	m->open = 1;
	return 1;
}

static enum MHD_Result on_part(void *cls, enum MHD_ValueKind kind, const char *key,
			       const char *filename, const char *content_type,
			       const char *transfer_encoding, const char *data,
			       uint64_t off, size_t size)
{
	struct mp *m = cls;

	(void)kind;
	(void)transfer_encoding;
	if (off == 0 && !open_part(m, key, filename, content_type))
		return MHD_NO;
	if (!m->open || (m->key[0] && key && strcmp(key, m->key) != 0))
		return fail(m, "err.http.multipart", key);
	if (size && bud_buf_add(&m->cur, data, size) != BUD_OK)
		return fail(m, "err.http.field_too_long", key);
	return MHD_YES;
}

int bud_rq_multipart(struct bud_rq *q, void *conn)
{
	struct mp *m = bud_arena_alloc(&q->arena, sizeof *m);
	struct MHD_PostProcessor *pp;
	bud_err err;
	int ok;

	memset(m, 0, sizeof *m);
	m->q = q;
	bud_buf_init(&m->cur, BUD_MAX_FIELD_VALUE);
	pp = MHD_create_post_processor(conn, 64 * 1024, on_part, m);
	ok = pp && MHD_post_process(pp, q->body.data ? q->body.data : "",
				   q->body.len) == MHD_YES;
	if (pp && MHD_destroy_post_processor(pp) != MHD_YES)
		ok = 0;
	if (ok && !close_part(m))
		ok = 0;
	bud_buf_free(&m->cur);
	if (!ok) {
		bud_err_set(&err, BUD_EINVAL, m->bad_field, m->bad ? m->bad : "err.http.multipart",
			    "the multipart body cannot be read");
		bud_rq_fail(q, 400, &err);
		return BUD_EINVAL;
	}
	q->req.form = bud_arena_alloc(&q->arena, sizeof(struct bud_kv) * (m->nfields + 1));
	memcpy(q->req.form, m->fields, sizeof(struct bud_kv) * m->nfields);
	q->req.nform = m->nfields;
	q->req.files = bud_arena_alloc(&q->arena, sizeof(struct bud_upload) * (m->nfiles + 1));
	memcpy(q->req.files, m->files, sizeof(struct bud_upload) * m->nfiles);
	q->req.nfiles = m->nfiles;
	return BUD_OK;
}

void bud_rq_upload(struct bud_rq *q, void *conn)
{
	if (q->failed || !q->req.route || !(q->req.route->flags & BUD_R_UPLOAD) ||
	    !q->media_type || strcmp(q->media_type, "multipart/form-data") != 0)
		return;
	bud_rq_multipart(q, conn);
}
