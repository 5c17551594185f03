/*
 * app/document.c: the statutory documents of providers (app/document.h).
 * The bytes are checked here, the file and the row kept by
 * store/document.h; reads run on the thread's reader (bud_app_read).
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "app/authz.h"
#include "app/document.h"
#include "app/read.h"
#include "core/utf8.h"
#include "store/document.h"
#include "store/provider.h"

const char *const bud_document_kinds[] = {"tax_debt", "pension_insurance",
	"trade_register", "liability_insurance", NULL};

#define NKINDS 4

static int kind_index(const char *kind)
{
	int i;

	for (i = 0; kind && bud_document_kinds[i]; i++)
		if (strcmp(kind, bud_document_kinds[i]) == 0)
			return i;
	return -1;
}

/* ---- the content -------------------------------------------------------- */

const char *bud_document_sniff(const void *data, size_t len)
{
	static const unsigned char png[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
	static const unsigned char jpeg[3] = {0xff, 0xd8, 0xff};
	const unsigned char *p = data;

	if (len >= 5 && memcmp(p, "%PDF-", 5) == 0)
		return "application/pdf";
	if (len >= sizeof png && memcmp(p, png, sizeof png) == 0)
		return "image/png";
	if (len >= sizeof jpeg && memcmp(p, jpeg, sizeof jpeg) == 0)
		return "image/jpeg";
	return NULL;
}

static int unsafe_char(unsigned char ch)
{
	return ch < 0x20 || ch == 0x7f || ch == '"' || ch == '\\' || ch == ';' ||
	       ch == '%' || ch == '<' || ch == '>' || ch == '*' || ch == '?' ||
	       ch == ':' || ch == '|';
}

void bud_document_name_clean(const char *name, char *out, size_t outsz)
{
	const char *base = name ? name : "", *p;
	size_t i, n;

	assert(outsz > BUD_DOCUMENT_NAME_MAX);
	for (p = base; *p; p++)
		if (*p == '/' || *p == '\\')
			base = p + 1;
	n = strlen(base);
	if (!bud_utf8_valid(base, n))
		n = 0;
	n = n ? bud_utf8_cut(base, BUD_DOCUMENT_NAME_MAX, BUD_DOCUMENT_NAME_MAX) : 0;
	for (i = 0; i < n; i++)
		out[i] = unsafe_char((unsigned char)base[i]) ? '_' : base[i];
	out[n] = '\0';
	while (n > 0 && (out[n - 1] == ' ' || out[n - 1] == '.'))
		out[--n] = '\0';
	if (n == 0 || strspn(out, "._ ") == n)
		memcpy(out, "document", sizeof "document");
}

/* The input's shape and content (no database). */
static int input_ok(const struct bud_document_in *in, const char **type, bud_err *err)
{
	if (kind_index(in->kind) < 0)
		return bud_err_set(err, BUD_EINVAL, "kind", "err.document.kind",
				   "no such kind of document");
	if (!in->data || in->len == 0)
		return bud_err_set(err, BUD_EINVAL, "file", "err.document.empty",
				   "the file is empty");
	if (in->len > BUD_DOCUMENT_MAX)
		return bud_err_set(err, BUD_ETOOBIG, "file", "err.document.too_big",
				   "the file is over %d bytes", BUD_DOCUMENT_MAX);
	*type = bud_document_sniff(in->data, in->len);
	if (!*type)
		return bud_err_set(err, BUD_EINVAL, "file", "err.document.type",
				   "the file is not a PDF, PNG or JPEG");
	if (!in->content_type || strcmp(in->content_type, *type) != 0)
		return bud_err_set(err, BUD_EINVAL, "file", "err.document.mismatch",
				   "the file is not what its type says");
	return BUD_OK;
}

int bud_document_check(const struct bud_document_in *in, bud_err *err)
{
	const char *type = NULL;

	return input_ok(in, &type, err);
}

/* ---- who may ------------------------------------------------------------ */

int bud_document_may_read(const bud_actor *a, int64_t provider_id)
{
	if (!a)
		return 0;
	if (a->role == BUD_ROLE_PROVIDER_USER)
		return a->provider_id == provider_id;
	return a->role == BUD_ROLE_WORKER || a->role == BUD_ROLE_ADMIN;
}

static int no_provider(bud_err *err)
{
	return bud_err_set(err, BUD_ENOTFOUND, "provider", "err.not_found",
			   "no such provider");
}

/* BUD_OK when actor may read (upload 0) or upload (1) provider pid's
 * documents, on connection c (a reader, or the writer in the unit). */
static int may(bud_conn *c, const bud_actor *a, int64_t pid, int upload, bud_err *err)
{
	struct bud_store_provider *p;
	int rc, admin = 0;

	if (!a || !(a->role & (BUD_ROLE_WORKER | BUD_ROLE_ADMIN | BUD_ROLE_PROVIDER_USER)))
		return bud_authz_forbidden(err, "handle provider documents");
	if (a->role == BUD_ROLE_PROVIDER_USER && a->provider_id != pid)
		return no_provider(err);
	if (upload && a->role == BUD_ROLE_PROVIDER_USER) {
		if ((rc = bud_store_user_provider_admin(c, a->user_id, &admin, err)) != BUD_OK)
			return rc;
		if (!admin)
			return bud_authz_forbidden(err, "upload documents");
	}
	if (!(p = malloc(sizeof *p)))
		return bud_err_set(err, BUD_ENOMEM, NULL, "err.internal", "out of memory");
	rc = bud_store_provider_get(c, pid, p, err);
	if (rc == BUD_ENOTFOUND ||
	    (rc == BUD_OK && a->role != BUD_ROLE_PROVIDER_USER &&
	     p->organiser_id != a->organiser_id))
		rc = no_provider(err);
	free(p);
	return rc;
}

/* ---- views -------------------------------------------------------------- */

static json_t *document_view(const struct bud_store_document *d)
{
	return json_pack("{s:I, s:I, s:s, s:s, s:s, s:I, s:s, s:s, s:I}",
		"id", (json_int_t)d->id, "provider_id", (json_int_t)d->provider_id,
		"kind", d->kind, "name", d->name, "content_type", d->content_type,
		"size", (json_int_t)d->size, "sha256", d->sha256,
		"uploaded_by", d->uploader, "uploaded_at", (json_int_t)d->uploaded_at);
}

/* ---- upload ------------------------------------------------------------- */

struct upload_arg {
	const bud_actor *actor;
	int64_t provider_id;
	struct bud_store_document d;
	int64_t id;
};

static int may_unit(bud_conn *c, void *arg, bud_err *err)
{
	struct upload_arg *x = arg;

	return may(c, x->actor, x->provider_id, 1, err);
}

static int upload_unit(bud_conn *w, void *arg, bud_err *err)
{
	struct upload_arg *x = arg;
	int rc;

	if ((rc = may(w, x->actor, x->provider_id, 1, err)) != BUD_OK)
		return rc;
	return bud_store_document_add(w, &x->d, &x->id, err);
}

/* The row of in: a random file name, the hash, the cleaned name. */
static int describe(bud_app *app, struct upload_arg *x, const struct bud_document_in *in,
		    const char *type, bud_err *err)
{
	unsigned char raw[32], h[crypto_hash_sha256_BYTES];

	if (bud_app_crypto_init() != BUD_OK)
		return bud_err_set(err, BUD_EINTERNAL, NULL, "err.internal", "libsodium");
	randombytes_buf(raw, sizeof raw);
	sodium_bin2hex(x->d.file, sizeof x->d.file, raw, sizeof raw);
	crypto_hash_sha256(h, in->data, in->len);
	sodium_bin2hex(x->d.sha256, sizeof x->d.sha256, h, sizeof h);
	x->d.provider_id = x->provider_id;
	memcpy(x->d.kind, in->kind, strlen(in->kind) + 1);
	memcpy(x->d.content_type, type, strlen(type) + 1);
	bud_document_name_clean(in->name, x->d.name, sizeof x->d.name);
	x->d.size = (int64_t)in->len;
	x->d.uploaded_by = x->actor->user_id;
	x->d.uploaded_at = bud_app_now(app);
	return BUD_OK;
}

int bud_document_upload(bud_app *app, const bud_actor *actor, int64_t provider_id,
			const struct bud_document_in *in, int64_t *id_out,
			bud_err *err)
{
	struct upload_arg *x;
	const char *type = NULL;
	int rc;

	assert(app && in);
	if (!actor || !(actor->role & (BUD_ROLE_WORKER | BUD_ROLE_ADMIN | BUD_ROLE_PROVIDER_USER)))
		return bud_authz_forbidden(err, "upload documents");
	if (!(x = calloc(1, sizeof *x)))
		return bud_err_set(err, BUD_ENOMEM, NULL, "err.internal", "out of memory");
	x->actor = actor;
	x->provider_id = provider_id;
	/* who first, so a stranger learns nothing from the content checks
	 * and never fills the disk; again in the unit with the row */
	if ((rc = bud_app_read(app, actor, may_unit, x, err)) != BUD_OK ||
	    (rc = input_ok(in, &type, err)) != BUD_OK ||
	    (rc = describe(app, x, in, type, err)) != BUD_OK ||
	    (rc = bud_store_docfile_write(app->db, x->d.file, in->data, in->len, err)))
		goto out;
	rc = bud_db_write(app->db, upload_unit, x, err);
	if (rc != BUD_OK)
		bud_store_docfile_remove(app->db, x->d.file);
	else if (id_out)
		*id_out = x->id;
out:
	free(x);
	return rc;
}

/* ---- reads -------------------------------------------------------------- */

struct list_arg {
	const bud_actor *actor;
	int64_t provider_id;
	struct bud_page *pg;	/* NULL: the summary */
	struct bud_store_document *rows;
	json_t *out;
};

static int list_unit(bud_conn *c, void *arg, bud_err *err)
{
	struct list_arg *a = arg;
	size_t n = 0, i;
	int rc, shown;

	if ((rc = may(c, a->actor, a->provider_id, 0, err)) != BUD_OK)
		return rc;
	rc = bud_store_document_list(c, a->provider_id, (size_t)a->pg->at, a->rows,
				     (size_t)bud_page_fetch(a->pg), &n, err);
	if (rc != BUD_OK)
		return rc;
	shown = bud_page_offset_done(a->pg, (int)n);
	a->out = json_array();
	for (i = 0; i < (size_t)shown; i++)
		json_array_append_new(a->out, document_view(&a->rows[i]));
	return BUD_OK;
}

int bud_document_list(bud_app *app, const bud_actor *actor, int64_t provider_id,
		      struct bud_page *pg, json_t **out, bud_err *err)
{
	struct list_arg a = {actor, provider_id, pg, NULL, NULL};
	int rc;

	assert(app && pg && out);
	*out = NULL;
	a.rows = calloc((size_t)bud_page_fetch(pg), sizeof *a.rows);
	if (!a.rows)
		return bud_err_set(err, BUD_ENOMEM, NULL, "err.internal", "out of memory");
	rc = bud_app_read(app, actor, list_unit, &a, err);
	if (rc == BUD_OK)
		*out = a.out;
	else
		json_decref(a.out);
	free(a.rows);
	return rc;
}

static int summary_unit(bud_conn *c, void *arg, bud_err *err)
{
	struct list_arg *a = arg;
	const struct bud_store_document *newest[NKINDS] = {NULL};
	json_t *kinds, *missing;
	size_t n = 0, i;
	int rc, k;

	if ((rc = may(c, a->actor, a->provider_id, 0, err)) != BUD_OK ||
	    (rc = bud_store_document_list(c, a->provider_id, 0, a->rows,
					  BUD_DOCUMENTS_SHOWN_MAX, &n, err)) != BUD_OK)
		return rc;
	for (i = 0; i < n; i++)
		if ((k = kind_index(a->rows[i].kind)) >= 0 && !newest[k])
			newest[k] = &a->rows[i];
	kinds = json_array();
	missing = json_array();
	for (k = 0; k < NKINDS; k++) {
		json_array_append_new(kinds, json_pack("{s:s, s:o}", "kind",
			bud_document_kinds[k],
			"document", newest[k] ? document_view(newest[k]) : json_null()));
		if (!newest[k])
			json_array_append_new(missing, json_string(bud_document_kinds[k]));
	}
	a->out = json_pack("{s:o, s:o}", "kinds", kinds, "missing", missing);
	return BUD_OK;
}

int bud_document_summary(bud_app *app, const bud_actor *actor, int64_t provider_id,
			 json_t **out, bud_err *err)
{
	struct list_arg a = {actor, provider_id, NULL, NULL, NULL};
	int rc;

	assert(app && out);
	*out = NULL;
	a.rows = calloc(BUD_DOCUMENTS_SHOWN_MAX, sizeof *a.rows);
	if (!a.rows)
		return bud_err_set(err, BUD_ENOMEM, NULL, "err.internal", "out of memory");
	rc = bud_app_read(app, actor, summary_unit, &a, err);
	if (rc == BUD_OK)
		*out = a.out;
	else
		json_decref(a.out);
	free(a.rows);
	return rc;
}

/* ---- download ----------------------------------------------------------- */

struct open_arg {
	const bud_actor *actor;
	int64_t provider_id, doc_id;
	struct bud_store_document d;
};

static int open_unit(bud_conn *c, void *arg, bud_err *err)
{
	struct open_arg *a = arg;
	int rc;

	if ((rc = may(c, a->actor, a->provider_id, 0, err)) != BUD_OK)
		return rc;
	rc = bud_store_document_get(c, a->doc_id, &a->d, err);
	if (rc == BUD_ENOTFOUND || (rc == BUD_OK && a->d.provider_id != a->provider_id))
		return bud_authz_denied(err, "document");
	return rc;
}

static int get_unit(bud_conn *c, void *arg, bud_err *err)
{
	struct open_arg *a = arg;
	int rc;

	rc = bud_store_document_get(c, a->doc_id, &a->d, err);
	if (rc == BUD_ENOTFOUND)
		return bud_authz_denied(err, "document");
	if (rc == BUD_OK && (rc = may(c, a->actor, a->d.provider_id, 0, err)) == BUD_ENOTFOUND)
		return bud_authz_denied(err, "document");
	return rc;
}

int bud_document_get(bud_app *app, const bud_actor *actor, int64_t doc_id,
		     json_t **out, bud_err *err)
{
	struct open_arg *a;
	int rc;

	assert(app && out);
	*out = NULL;
	if (!(a = calloc(1, sizeof *a)))
		return bud_err_set(err, BUD_ENOMEM, NULL, "err.internal", "out of memory");
	a->actor = actor;
	a->doc_id = doc_id;
	rc = bud_app_read(app, actor, get_unit, a, err);
	if (rc == BUD_OK)
		*out = document_view(&a->d);
	free(a);
	return rc;
}

int bud_document_open(bud_app *app, const bud_actor *actor, int64_t provider_id,
		      int64_t doc_id, struct bud_document_file *out, bud_err *err)
{
	struct open_arg *a;
	unsigned char h[crypto_hash_sha256_BYTES];
	char hex[65];
	int rc;

	assert(app && out);
	memset(out, 0, sizeof *out);
	if (!(a = calloc(1, sizeof *a)))
		return bud_err_set(err, BUD_ENOMEM, NULL, "err.internal", "out of memory");
	a->actor = actor;
	a->provider_id = provider_id;
	a->doc_id = doc_id;
	if ((rc = bud_app_read(app, actor, open_unit, a, err)) != BUD_OK ||
	    (rc = bud_store_docfile_read(app->db, a->d.file, BUD_DOCUMENT_MAX, &out->data,
					 &out->len, err)) != BUD_OK)
		goto out;
	crypto_hash_sha256(h, out->data, out->len);
	sodium_bin2hex(hex, sizeof hex, h, sizeof h);
	if (strcmp(hex, a->d.sha256) != 0) {
		bud_document_file_release(out);
		rc = bud_err_set(err, BUD_EIO, "document", "err.document.damaged",
				 "the kept file does not match its hash");
		goto out;
	}
	memcpy(out->content_type, a->d.content_type, sizeof out->content_type);
	memcpy(out->name, a->d.name, sizeof out->name);
out:
	free(a);
	return rc;
}

void bud_document_file_release(struct bud_document_file *f)
{
	if (!f)
		return;
	free(f->data);
	f->data = NULL;
	f->len = 0;
}
