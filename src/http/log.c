/*
 * http/log.c: the JSON log lines of http/log.h. Each line is built in a
 * buffer of its own and written whole: straight to stderr with write(2),
 * or into the access log's sink, which hands the descriptor only whole
 * lines. Lines of different threads never interleave, not even when the
 * sink's buffer fills while a message goes to stderr.
 */
#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "http/log.h"
#include "http/router.h"

#include "bud_limits.h"

#define LOG_LINE_MAX 2048

struct bud_log_sink {
	pthread_mutex_t mu;
	int fd;
	size_t len;
	char buf[BUD_HTTP_LOG_BUF];
};

/* All of p to fd; a log that cannot be written is dropped (nowhere to say so). */
static void write_all(int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, p, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return;
		p += w;
		n -= (size_t)w;
	}
}

bud_log_sink *bud_log_sink_open(int fd)
{
	bud_log_sink *s = calloc(1, sizeof *s);

	if (!s)
		return NULL;
	pthread_mutex_init(&s->mu, NULL);
	s->fd = fd;
	return s;
}

int bud_log_sink_fd(const bud_log_sink *s)
{
	return s->fd;
}

void bud_log_sink_flush(bud_log_sink *s)
{
	pthread_mutex_lock(&s->mu);
	write_all(s->fd, s->buf, s->len);
	s->len = 0;
	pthread_mutex_unlock(&s->mu);
}

void bud_log_sink_close(bud_log_sink *s)
{
	if (!s)
		return;
	bud_log_sink_flush(s);
	close(s->fd);
	pthread_mutex_destroy(&s->mu);
	free(s);
}

/* One whole line into the sink: the buffer goes out first when the line
 * would not fit. */
static void sink_put(bud_log_sink *s, const char *p, size_t n)
{
	pthread_mutex_lock(&s->mu);
	if (s->len + n > sizeof s->buf) {
		write_all(s->fd, s->buf, s->len);
		s->len = 0;
	}
	if (n > sizeof s->buf)
		write_all(s->fd, p, n);
	else {
		memcpy(s->buf + s->len, p, n);
		s->len += n;
	}
	pthread_mutex_unlock(&s->mu);
}

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

/* Close the line and write it: into sink s, or (NULL) to stderr. */
static void put(bud_log_sink *s, bud_buf *b)
{
	bud_buf_adds(b, "}\n");
	if (!bud_buf_failed(b)) {
		if (s)
			sink_put(s, b->data, b->len);
		else
			write_all(STDERR_FILENO, b->data, b->len);
	}
	bud_buf_free(b);
}

void bud_log_access(bud_log_sink *s, const char *rid, int64_t user, int method,
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
	put(s, &b);
}

void bud_log_unanswered(bud_log_sink *s, const char *rid, int method,
			const struct bud_route *r, int toe)
{
	bud_buf b;

	bud_buf_init(&b, LOG_LINE_MAX);
	head(&b, "warn", rid);
	route(&b, method, r);
	bud_buf_addf(&b, ",\"status\":null,\"msg\":\"not answered\",\"reason\":%d", toe);
	put(s, &b);
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
	put(NULL, &b);
}

void bud_log_msg(const char *level, const char *msg)
{
	bud_buf b;

	bud_buf_init(&b, LOG_LINE_MAX);
	head(&b, level, NULL);
	bud_buf_adds(&b, ",\"msg\":");
	bud_buf_add_json_str(&b, msg);
	put(NULL, &b);
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
