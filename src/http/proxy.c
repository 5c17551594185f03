/*
 * http/proxy.c: trusted reverse proxies and the client address they
 * forward (see proxy.h). Addresses are compared in the form inet_ntop
 * gives them, so "::ffff:127.0.0.1" and "0:0::1" match however written.
 *
 * X-Forwarded-For is "client, proxy1, proxy2": each proxy appends the
 * address it got the request from. Forwarded (RFC 7239) is
 * `for=192.0.2.60;proto=https, for="[2001:db8::1]:4711"`: the for=
 * parameter of each element, quoted IPv6 in brackets, with an optional
 * port. Both are read from the right, at most BUD_FORWARDED_HOPS_MAX
 * entries.
 */
#include <arpa/inet.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "http/proxy.h"
#include "bud_limits.h"

/* The normalised text of the address in s (n bytes) into out; 0 when s is
 * not an IPv4 or IPv6 address. */
static int normalise(const char *s, size_t n, char *out, size_t outsz)
{
	unsigned char bin[16];
	char tmp[BUD_ADDR_TEXT];

	while (n && (*s == ' ' || *s == '\t'))
		s++, n--;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (n == 0 || n >= sizeof tmp)
		return 0;
	memcpy(tmp, s, n);
	tmp[n] = '\0';
	if (inet_pton(AF_INET, tmp, bin) == 1)
		return inet_ntop(AF_INET, bin, out, (socklen_t)outsz) != NULL;
	if (inet_pton(AF_INET6, tmp, bin) == 1)
		return inet_ntop(AF_INET6, bin, out, (socklen_t)outsz) != NULL;
	return 0;
}

/* A set of trusted proxies: never changed once in force. */
struct bud_proxy_set {
	int n;
	char addr[BUD_TRUSTED_PROXIES_MAX][BUD_ADDR_TEXT];
	struct bud_proxy_set *retired;	/* the sets it replaced */
};

/* Add the addresses of list to t. */
static int set_add(struct bud_proxy_set *t, const char *list, bud_err *err)
{
	const char *p = list, *comma;
	size_t n;

	do {
		comma = strchr(p, ',');
		n = comma ? (size_t)(comma - p) : strlen(p);
		if (t->n >= BUD_TRUSTED_PROXIES_MAX)
			return bud_err_set(err, BUD_ETOOBIG, "trusted-proxy", "err.generic",
					   "more than %d trusted proxies",
					   BUD_TRUSTED_PROXIES_MAX);
		if (!normalise(p, n, t->addr[t->n], BUD_ADDR_TEXT))
			return bud_err_set(err, BUD_EINVAL, "trusted-proxy", "err.generic",
					   "not an IP address: %.*s", (int)(n > 64 ? 64 : n), p);
		t->n++;
		p = comma ? comma + 1 : NULL;
	} while (p);
	return BUD_OK;
}

/* Put t in force (one thread at a time: the start, then SIGHUP's); the
 * set it replaces is retired behind it. */
static void set_swap(bud_app *app, struct bud_proxy_set *t)
{
	t->retired = atomic_exchange_explicit(&app->proxies, t, memory_order_acq_rel);
}

int bud_proxy_trust(bud_app *app, const char *list, bud_err *err)
{
	const struct bud_proxy_set *cur = atomic_load_explicit(&app->proxies,
							       memory_order_acquire);
	struct bud_proxy_set *t = calloc(1, sizeof(*t));
	int rc;

	if (!t)
		return bud_err_set(err, BUD_ENOMEM, "trusted-proxy", "err.generic", "no memory");
	if (cur) {
		memcpy(t->addr, cur->addr, sizeof(t->addr));
		t->n = cur->n;
	}
	if ((rc = set_add(t, list, err)) != BUD_OK) {
		free(t);
		return rc;
	}
	set_swap(app, t);
	return BUD_OK;
}

int bud_proxy_replace(bud_app *app, const char *const *lists, int n, bud_err *err)
{
	struct bud_proxy_set *t = calloc(1, sizeof(*t));
	int i, rc = BUD_OK;

	if (!t)
		return bud_err_set(err, BUD_ENOMEM, "trusted-proxy", "err.generic", "no memory");
	for (i = 0; i < n && rc == BUD_OK; i++)
		rc = set_add(t, lists[i], err);
	if (rc != BUD_OK) {
		free(t);
		return rc;
	}
	set_swap(app, t);
	return BUD_OK;
}

void bud_proxy_release(bud_app *app)
{
	struct bud_proxy_set *t = atomic_exchange(&app->proxies, NULL), *next;

	for (; t; t = next) {
		next = t->retired;
		free(t);
	}
}

int bud_proxy_any(const bud_app *app)
{
	const struct bud_proxy_set *t = app ? atomic_load_explicit(&app->proxies,
				memory_order_acquire) : NULL;

	return t && t->n > 0;
}

int bud_proxy_trusted(const bud_app *app, const char *addr)
{
	const struct bud_proxy_set *t;
	char norm[BUD_ADDR_TEXT];
	int i;

	if (!app || !addr || !normalise(addr, strlen(addr), norm, sizeof norm))
		return 0;
	t = atomic_load_explicit(&app->proxies, memory_order_acquire);
	for (i = 0; t && i < t->n; i++)
		if (strcmp(t->addr[i], norm) == 0)
			return 1;
	return 0;
}

/* The address of one Forwarded element (e, n bytes): its for= value
 * without quotes, brackets or port. 0 when it has none. */
static int forwarded_for(const char *e, size_t n, char *out, size_t outsz)
{
	const char *end = e + n, *v, *ve, *p;

	for (p = e; p < end; p++) {
		if (p != e && p[-1] != ';' && p[-1] != ' ' && p[-1] != '\t')
			continue;
		if (end - p > 4 && strncasecmp(p, "for=", 4) == 0)
			break;
	}
	if (p >= end)
		return 0;
	v = p + 4;
	for (ve = v; ve < end && *ve != ';'; ve++)
		;
	if (ve - v >= 2 && *v == '"' && ve[-1] == '"')
		v++, ve--;
	if (v < ve && *v == '[') {	/* "[v6]" or "[v6]:port" */
		for (p = v; p < ve && *p != ']'; p++)
			;
		return p < ve && normalise(v + 1, (size_t)(p - v - 1), out, outsz);
	}
	for (p = v; p < ve && *p != ':'; p++)	/* v4 or v4:port */
		;
	return normalise(v, (size_t)(p - v), out, outsz);
}

/* Walk list's comma-separated entries from the right: the first address
 * that is not a trusted proxy into out (1), or 0 when there is none or an
 * entry is malformed. fwd: entries are Forwarded elements. */
static int rightmost(const bud_app *app, const char *list, int fwd, char *out,
		     size_t outsz)
{
	const char *end = list + strlen(list), *start;
	int hops, ok;

	for (hops = 0; end > list && hops < BUD_FORWARDED_HOPS_MAX; hops++) {
		for (start = end; start > list && start[-1] != ','; start--)
			;
		ok = fwd ? forwarded_for(start, (size_t)(end - start), out, outsz)
			 : normalise(start, (size_t)(end - start), out, outsz);
		if (!ok)
			return 0;
		if (!bud_proxy_trusted(app, out))
			return 1;
		end = start > list ? start - 1 : list;
	}
	return 0;
}

void bud_proxy_client(const bud_app *app, const char *peer, const char *xff,
		      const char *fwd, char *out, size_t outsz)
{
	char found[BUD_ADDR_TEXT];
	int ok = 0;

	if (bud_proxy_trusted(app, peer)) {
		if (xff && *xff)
			ok = rightmost(app, xff, 0, found, sizeof found);
		else if (fwd && *fwd)
			ok = rightmost(app, fwd, 1, found, sizeof found);
	}
	snprintf(out, outsz, "%s", ok ? found : peer ? peer : "");
}
