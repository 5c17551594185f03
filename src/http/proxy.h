/*
 * http/proxy.h: the client's address behind trusted reverse proxies
 * (proxy.c). Login throttling counts failures per address, so behind a
 * TLS-terminating proxy the socket's peer (the proxy) must not stand for
 * every user. The proxy's X-Forwarded-For (or, when there is none,
 * Forwarded) header is believed only when the socket peer is one of
 * app->trusted_proxies; the client is then the right-most address in it
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
 * app->trusted_proxies. BUD_EINVAL field "trusted-proxy" for a value that
 * is not an address, BUD_ETOOBIG past BUD_TRUSTED_PROXIES_MAX.
 */
int bud_proxy_trust(bud_app *app, const char *list, bud_err *err);

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
