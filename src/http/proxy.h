/*
 * http/proxy.h: the client's address behind trusted reverse proxies
 * (proxy.c). Login throttling counts failures per address, so behind a
 * TLS-terminating proxy the socket's peer (the proxy) must not stand for
 * every user. The proxy's X-Forwarded-For (or, when there is none,
 * Forwarded) header is believed only when the socket peer is one of
 * app's trusted proxies; the client is then the right-most address in it
 * that is not itself a trusted proxy (entries further left were written by
 * the client, or by proxies we do not know, and may be forged).
 */
#ifndef BUD_HTTP_PROXY_H
#define BUD_HTTP_PROXY_H

#include <stddef.h>

#include "app/app.h"
#include "core/err.h"

/*
 * Add the addresses of list ("ADDR" or "ADDR,ADDR,...", IPv4 or IPv6) to
 * app's trusted proxies. BUD_EINVAL field "trusted-proxy" for a value that
 * is not an address, BUD_ETOOBIG past BUD_TRUSTED_PROXIES_MAX; then
 * nothing changes.
 */
int bud_proxy_trust(bud_app *app, const char *list, bud_err *err);

/* Replace app's trusted proxies by the addresses of lists[0..n-1] (each
 * as above), at once for every request that starts after it (SIGHUP's
 * reload); on an error nothing changes. The set replaced is kept until
 * bud_proxy_release (a request may still be reading it). */
int bud_proxy_replace(bud_app *app, const char *const *lists, int n, bud_err *err);

/* Free app's sets (when no request runs any more). */
void bud_proxy_release(bud_app *app);

/* 1 when app trusts any proxy (then the forwarding headers are read). */
int bud_proxy_any(const bud_app *app);

/* 1 when addr (text) is one of app's trusted proxies. */
int bud_proxy_trusted(const bud_app *app, const char *addr);

/*
 * The client's address into out (outsz >= BUD_ADDR_TEXT): peer, unless
 * peer is a trusted proxy and xff (X-Forwarded-For, all its lines joined
 * with ",") or else fwd (Forwarded) names one; either may be NULL. A
 * header that is malformed where it matters leaves the peer.
 */
void bud_proxy_client(const bud_app *app, const char *peer, const char *xff,
		      const char *fwd, char *out, size_t outsz);

#endif
