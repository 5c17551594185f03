/*
 * http/log.c: the JSON log lines of http/log.h. Each line is built in a
 * buffer of its own and written with one call, so lines of different
 * threads never interleave.
 */
#include <stdarg.h>
#include <string.h>
#include <time.h>

#include "http/log.h"
#include "http/router.h"

#define LOG_LINE_MAX 2048

void bud_log_time(char *out, size_t outsz)
{
	struct timespec ts;
	struct tm tm;
	char s[32];

	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	strftime(s, sizeof s, "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(out, outsz, "%s.%03dZ", s, (int)(ts.tv_nsec / 1000000));
}

/* {"time":...,"level":...,"req":... */
static void head(bud_buf *b, const char *level, const char *rid)
{
	char t[32];

	bud_log_time(t, sizeof t);
	bud_buf_addf(b, "{\"time\":\"%s\",\"level\":\"%s\"", t, level);
	if (rid) {
		bud_buf_adds(b, ",\"req\":");
		bud_buf_add_json_str(b, rid);
	}
}

static void route(bud_buf *b, int method, const struct bud_route *r)
{
	bud_buf_adds(b, ",\"method\":");
	bud_buf_add_json_str(b, bud_method_name(r ? r->method : method));
	bud_buf_adds(b, ",\"route\":");
	bud_buf_add_json_str(b, r && r->pattern ? r->pattern : "-");
}

static void put(FILE *f, bud_buf *b)
{
	bud_buf_adds(b, "}\n");
	if (!bud_buf_failed(b))
		fwrite(b->data, 1, b->len, f);
	bud_buf_free(b);
}

void bud_log_access(FILE *f, const char *rid, int64_t user, int method,
		    const struct bud_route *r, int status, int64_t us)
{
	bud_buf b;

	bud_buf_init(&b, LOG_LINE_MAX);
	head(&b, status >= 500 ? "error" : "info", rid);
	if (user > 0)
		bud_buf_addf(&b, ",\"user\":%lld", (long long)user);
	else
		bud_buf_adds(&b, ",\"user\":null");
	route(&b, method, r);
	bud_buf_addf(&b, ",\"status\":%d,\"ms\":%lld.%03lld", status,
		     (long long)(us / 1000), (long long)(us % 1000));
	put(f, &b);
}

void bud_log_unanswered(FILE *f, const char *rid, int method,
			const struct bud_route *r, int toe)
{
	bud_buf b;

	bud_buf_init(&b, LOG_LINE_MAX);
	head(&b, "warn", rid);
	route(&b, method, r);
	bud_buf_addf(&b, ",\"status\":null,\"msg\":\"not answered\",\"reason\":%d", toe);
	put(f, &b);
}

void bud_log_5xx(const bud_req *req, const char *rid, int status, const bud_err *why)
{
	bud_buf b;

	bud_buf_init(&b, LOG_LINE_MAX);
	head(&b, "error", rid);
	if (req->actor.user_id > 0)
		bud_buf_addf(&b, ",\"user\":%lld", (long long)req->actor.user_id);
	route(&b, req->method, req->route);
	bud_buf_addf(&b, ",\"status\":%d,\"error\":", status);
	bud_buf_add_json_str(&b, why ? bud_rc_name(why->code) : "internal");
	bud_buf_adds(&b, ",\"detail\":");
	bud_buf_add_json_str(&b, why && why->detail[0] ? why->detail : "(no detail)");
	put(stderr, &b);
}

void bud_log_msg(const char *level, const char *msg)
{
	bud_buf b;

	bud_buf_init(&b, LOG_LINE_MAX);
	head(&b, level, NULL);
	bud_buf_adds(&b, ",\"msg\":");
	bud_buf_add_json_str(&b, msg);
	put(stderr, &b);
}

void bud_log_msgf(const char *level, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	bud_log_msg(level, msg);
}
