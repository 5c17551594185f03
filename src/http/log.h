/*
 * http/log.h: the server's log lines (log.c): one JSON object per line on
 * stderr, for journald, a file or a log shipper alike:
 *
 *   {"time":"2026-12-07T11:20:00.123Z","level":"info","req":"3f9a01c2-17",
 *    "user":12,"method":"GET","route":"/api/clients/{id}","status":200,
 *    "ms":1.234}
 *
 * time is UTC with milliseconds; req the request id (this server run's
 * instance prefix and a counter, also sent as X-Request-Id); user the
 * signed-in user's id or null; route the route pattern ("-" when none
 * matched), never the path or the query: no identity code, name or token
 * can reach a log line. A 5xx adds "error" (the code's name) and
 * "detail" (what failed, written by the code, never user input).
 */
#ifndef BUD_HTTP_LOG_H
#define BUD_HTTP_LOG_H

#include <stdint.h>
#include <stdio.h>

#include "core/buf.h"
#include "http/http.h"

/* "YYYY-MM-DDTHH:MM:SS.mmmZ" of now (UTC) into out (at least 25 bytes). */
void bud_log_time(char *out, size_t outsz);

/* The access log: lines gathered in a buffer of BUD_HTTP_LOG_BUF bytes
 * and written to fd only as whole lines (when the next line would not
 * fit, and on bud_log_sink_flush), so a request costs no write(2) and a
 * line on stderr is never cut by another. Safe from any thread. */
typedef struct bud_log_sink bud_log_sink;
/* A sink on fd (owned: closed by bud_log_sink_close); NULL without memory. */
bud_log_sink *bud_log_sink_open(int fd);
void bud_log_sink_flush(bud_log_sink *s);
int bud_log_sink_fd(const bud_log_sink *s);
/* Flush, close the descriptor, free. */
void bud_log_sink_close(bud_log_sink *s);

/* The access line of an answered request (status > 0) into s: route r
 * (NULL: none), user id (0: nobody), us microseconds. method is a
 * bud_method bit. */
void bud_log_access(bud_log_sink *s, const char *rid, int64_t user, int method,
		    const struct bud_route *r, int status, int64_t us);

/* A request that was never answered (toe: libmicrohttpd's reason). */
void bud_log_unanswered(bud_log_sink *s, const char *rid, int method,
			const struct bud_route *r, int toe);

/* The line of a 5xx answer, on stderr (unbuffered): why may be NULL. */
void bud_log_5xx(const bud_req *req, const char *rid, int status, const bud_err *why);

/* A message of the server itself ("listening", "stopping", ...), as a
 * JSON line on stderr with level "info", "warn" or "error". */
void bud_log_msg(const char *level, const char *msg);
/* The same with a printf format (the message is cut at 512 bytes). */
void bud_log_msgf(const char *level, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
