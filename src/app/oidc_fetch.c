/*
 * app/oidc_fetch.c: the back channel of OpenID Connect with libcurl: the
 * provider's discovery document, its published keys (JWKS) and the code
 * exchange at its token endpoint. Each answer is bounded
 * (BUD_OIDC_DOC_MAX), each request times out (BUD_OIDC_HTTP_S), redirects
 * are not followed, and only https (or http to a loopback address, for
 * the tests' own provider) is ever reached. A sign-in happens on a worker
 * thread, so the wait here keeps no server thread from answering others.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>
#include <jansson.h>

#include "app/oidc_int.h"
#include "formats/jose.h"

int bud_oidc_url_ok(const char *url)
{
	static const char *const loop[] = {"http://127.0.0.1:", "http://127.0.0.1/",
		"http://localhost:", "http://localhost/", "http://[::1]:"};
	size_t i;

	if (!url || strlen(url) >= OIDC_URL_MAX)
		return 0;
	if (strncmp(url, "https://", 8) == 0)
		return url[8] != '\0';
	for (i = 0; i < sizeof(loop) / sizeof(loop[0]); i++)
		if (strncmp(url, loop[i], strlen(loop[i])) == 0)
			return 1;
	return 0;
}

static size_t on_data(char *p, size_t size, size_t nmemb, void *arg)
{
	bud_buf *b = arg;

	return bud_buf_add(b, p, size * nmemb) == BUD_OK ? size * nmemb : 0;
}

/* GET url (or POST body as a form when body is set, with basic
 * authentication as user:pass when user is set) into out; 200 only. */
static int request(const char *url, const char *body, const char *user,
		   const char *pass, bud_buf *out, bud_err *err)
{
	CURL *h = curl_easy_init();
	long code = 0;
	CURLcode cc;

	if (!h)
		return bud_err_set(err, BUD_ENOMEM, NULL, "err.internal", "curl");
	curl_easy_setopt(h, CURLOPT_URL, url);
	curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "https,http");
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_TIMEOUT, (long)BUD_OIDC_HTTP_S);
	curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, (long)BUD_OIDC_HTTP_S);
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_data);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, out);
	if (body) {
		curl_easy_setopt(h, CURLOPT_POSTFIELDS, body);
		if (user) {
			curl_easy_setopt(h, CURLOPT_HTTPAUTH, (long)CURLAUTH_BASIC);
			curl_easy_setopt(h, CURLOPT_USERNAME, user);
			curl_easy_setopt(h, CURLOPT_PASSWORD, pass);
		}
	}
	cc = curl_easy_perform(h);
	curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &code);
	curl_easy_cleanup(h);
	if (cc != CURLE_OK || code != 200)
		return bud_err_set(err, BUD_EIO, NULL, "err.oidc.provider",
				   "provider request failed (curl %d, HTTP %ld)",
				   (int)cc, code);
	return BUD_OK;
}

/* Copy member name of doc (a URL we may reach) into dst. */
static int endpoint(json_t *doc, const char *name, char *dst, bud_err *err)
{
	const char *v = json_string_value(json_object_get(doc, name));

	if (!bud_oidc_url_ok(v))
		return bud_err_set(err, BUD_EIO, NULL, "err.oidc.provider",
				   "discovery: %s missing or not https", name);
	memcpy(dst, v, strlen(v) + 1);
	return BUD_OK;
}

static int discover_locked(struct oidc_rp *rp, bud_err *err)
{
	char url[OIDC_URL_MAX + 40];
	bud_buf b;
	json_t *doc;
	int rc;

	snprintf(url, sizeof url, "%s/.well-known/openid-configuration", rp->issuer);
	bud_buf_init(&b, BUD_OIDC_DOC_MAX);
	rc = request(url, NULL, NULL, NULL, &b, err);
	doc = rc == BUD_OK ? json_loadb(bud_buf_str(&b), b.len, 0, NULL) : NULL;
	bud_buf_free(&b);
	if (rc != BUD_OK)
		return rc;
	if (!doc || !json_is_string(json_object_get(doc, "issuer")) ||
	    strcmp(json_string_value(json_object_get(doc, "issuer")), rp->issuer) != 0)
		rc = bud_err_set(err, BUD_EIO, NULL, "err.oidc.provider",
				 "discovery: not this issuer's document");
	if (rc == BUD_OK)
		rc = endpoint(doc, "authorization_endpoint", rp->authorize, err);
	if (rc == BUD_OK)
		rc = endpoint(doc, "token_endpoint", rp->token, err);
	if (rc == BUD_OK)
		rc = endpoint(doc, "jwks_uri", rp->jwks_uri, err);
	json_decref(doc);
	rp->discovered = rc == BUD_OK;
	return rc;
}

int bud_oidc_discover(struct oidc_rp *rp, bud_err *err)
{
	int rc = BUD_OK;

	pthread_mutex_lock(&rp->mu);
	if (!rp->discovered)
		rc = discover_locked(rp, err);
	pthread_mutex_unlock(&rp->mu);
	return rc;
}

static int fetch_keys_locked(struct oidc_rp *rp, int64_t now, bud_err *err)
{
	bud_buf b;
	size_t n;
	int rc;

	bud_buf_init(&b, BUD_OIDC_DOC_MAX);
	rc = request(rp->jwks_uri, NULL, NULL, NULL, &b, err);
	if (rc == BUD_OK) {
		free(rp->jwks);
		rp->jwks = bud_buf_steal(&b, &n);
		rp->jwks_len = rp->jwks ? n : 0;
		rp->jwks_at = now;
	}
	bud_buf_free(&b);
	return rc;
}

int bud_oidc_keys(struct oidc_rp *rp, int refresh, int64_t now, bud_buf *out,
		  bud_err *err)
{
	int rc = BUD_OK;

	pthread_mutex_lock(&rp->mu);
	if (!rp->jwks || (refresh && now - rp->jwks_at >= BUD_OIDC_JWKS_MIN_S))
		rc = fetch_keys_locked(rp, now, err);
	if (rc == BUD_OK && rp->jwks)
		rc = bud_buf_add(out, rp->jwks, rp->jwks_len);
	pthread_mutex_unlock(&rp->mu);
	return rc;
}

/* The client's part of the token request: a signed assertion (the
 * audience's secret is "": private_key_jwt) into body, or the basic
 * authentication's two halves, form-encoded first (RFC 6749 2.3.1). */
static int client_auth(const struct bud_oidc *o, const struct oidc_rp *rp,
		       int64_t now, bud_buf *body, bud_buf *user, bud_buf *pass,
		       bud_err *err)
{
	bud_buf jwt;
	int rc;

	if (rp->secret[0]) {
		bud_buf_add_url(user, rp->client_id);
		bud_buf_add_url(pass, rp->secret);
		return BUD_OK;
	}
	bud_buf_init(&jwt, BUD_OIDC_TOKEN_MAX);
	rc = bud_jose_client_assertion(o->keys, o->keys_len, rp->client_id, rp->token,
				       now, &jwt, err);
	if (rc == BUD_OK) {
		bud_buf_adds(body, "&client_id=");
		bud_buf_add_url(body, rp->client_id);
		bud_buf_adds(body, "&client_assertion_type=urn%3Aietf%3Aparams%3Aoauth"
			     "%3Aclient-assertion-type%3Ajwt-bearer&client_assertion=");
		bud_buf_adds(body, bud_buf_str(&jwt));
	}
	bud_buf_free(&jwt);
	return rc;
}

int bud_oidc_exchange(const struct bud_oidc *o, struct oidc_rp *rp,
		      const char *code, const char *verifier, int64_t now,
		      bud_buf *out, bud_err *err)
{
	bud_buf body, answer, user, pass;
	json_t *doc = NULL;
	const char *tok;
	int rc;

	bud_buf_init(&body, BUD_OIDC_DOC_MAX);
	bud_buf_init(&answer, BUD_OIDC_DOC_MAX);
	bud_buf_init(&user, 1024);
	bud_buf_init(&pass, 1024);
	bud_buf_adds(&body, "grant_type=authorization_code&code=");
	bud_buf_add_url(&body, code);
	bud_buf_adds(&body, "&redirect_uri=");
	bud_buf_add_url(&body, o->redirect_uri);
	bud_buf_adds(&body, "&code_verifier=");
	bud_buf_add_url(&body, verifier);
	rc = client_auth(o, rp, now, &body, &user, &pass, err);
	if (rc == BUD_OK && (bud_buf_failed(&body) || bud_buf_failed(&user) ||
			     bud_buf_failed(&pass)))
		rc = bud_err_set(err, BUD_ETOOBIG, NULL, "err.oidc.state", "code too long");
	if (rc == BUD_OK)
		rc = request(rp->token, bud_buf_str(&body), user.len ? bud_buf_str(&user) : NULL,
			     bud_buf_str(&pass), &answer, err);
	if (rc == BUD_OK)
		doc = json_loadb(bud_buf_str(&answer), answer.len, 0, NULL);
	tok = json_string_value(json_object_get(doc, "id_token"));
	if (rc == BUD_OK && !tok)
		rc = bud_err_set(err, BUD_EIO, NULL, "err.oidc.provider",
				 "token endpoint answered no id_token");
	/* an ID token encrypted to us is opened here; a signed one passes */
	if (rc == BUD_OK)
		rc = bud_jose_open(o->keys, o->keys_len, tok, strlen(tok), out, err);
	json_decref(doc);
	bud_buf_free(&body);
	bud_buf_free(&answer);
	bud_buf_free(&user);
	bud_buf_free(&pass);
	return rc;
}
