/*
 * http/server.c: the libmicrohttpd daemon. One epoll thread pool
 * (MHD_USE_EPOLL_INTERNAL_THREAD + MHD_OPTION_THREAD_POOL_SIZE), bounded
 * connections and idle time (bud_limits.h), listening on 127.0.0.1 unless told
 * otherwise. Each request becomes a struct bud_rq (dispatch.c) created
 * when its request line arrives (the URI log callback, which also sees
 * the raw target before libmicrohttpd splits and unescapes it) and freed
 * by the completion callback, which also counts it (http/metrics.h) and
 * writes the access log line (into a buffer of its own that the main
 * thread writes out every tick): JSON with the time, the request id, the
 * user id, method, route pattern, status and duration (http/log.h).
 * Never the raw path or query.
 *
 * libmicrohttpd 0.9.75 rules this follows:
 *  - the response is queued on the last call of the access handler (after
 *    the body); a response queued on the first call counts as "early" and
 *    the connection is closed after it, so that is done only to refuse a
 *    Content-Length over the limit before the body is sent, to a client
 *    that said it waits (Expect: 100-continue); any other client's body is
 *    read and discarded first (dispatch.c begin_length), since closing
 *    over unread data resets the connection and can lose the answer;
 *  - a response cannot be queued while the body is arriving, so a body
 *    that grows past the limit (chunked) is discarded, not stored, and
 *    answered 413 when it ends (the connection is dropped if the client
 *    keeps sending far beyond the limit).
 *
 * The read path: an answer that shows client data carries use-log rows
 * (q->log, app/read.h). The access handler then suspends the connection
 * (MHD_ALLOW_SUSPEND_RESUME) and hands the rows to the writer
 * (bud_readlog_flush_async); the server thread goes on with other
 * connections, and the writer thread resumes this one once the rows'
 * group is on disk, when the answer is queued (stage 3). So many answers
 * share one fsync, a few threads serve many connections, and nothing
 * leaves before what it shows is logged.
 *
 * Requests that write (any method but GET and HEAD) wait for their group
 * commit, and a login for argon2id: they are answered by a pool of worker
 * threads (workers.h), the connection suspended meanwhile (stage 4), so
 * no server thread ever waits for the disk. A deferred write (BUD_R_DEFER
 * routes, http.h bud_req_defer) does not hold its worker either: the
 * worker checks it and queues its one unit on the writer (stage 5), and
 * the writer's done callback resumes the connection (on_written), so the
 * events of all connections, not only of BUD_HTTP_WORKERS, share a
 * commit.
 *
 * SIGHUP reopens stderr's file, when it is one (log rotation), then runs
 * the caller's reload (bud_http_serve_reload: the options that may change
 * while serving, cli/cmd_serve.c).
 *
 * Shutdown: SIGTERM or SIGINT stops accepting (MHD_quiesce_daemon), waits
 * up to BUD_HTTP_DRAIN_S for requests in flight, then stops the daemon. A
 * database that has failed (bud_db_failed) stops the server with BUD_EIO.
 */
#include <arpa/inet.h>
#include <fcntl.h>
#include <limits.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "http/internal.h"
#include "http/log.h"
#include "http/metrics.h"
#include "http/proxy.h"
#include "http/router.h"
#include "http/workers.h"
#include "bud_limits.h"

struct bud_server {
	bud_log_sink *access_log;	/* NULL: straight to stderr; flushed by the tick */
	char log_path[PATH_MAX];	/* stderr's file when it is one (SIGHUP) */
	bud_workers *workers;	/* answer the requests that write */
	bud_app *app;
	const struct bud_route *routes;
	bud_http_reload_fn reload;	/* SIGHUP, after the log file */
	void *reload_arg;
	atomic_int inflight;	/* requests between request line and completion */
	atomic_int closing;	/* shutting down: answer with Connection: close */
};

static const char *mhd_header(void *cls, const char *name)
{
	return MHD_lookup_connection_value(cls, MHD_HEADER_KIND, name);
}

/* Keep the path as sent: dispatch.c decodes it with its own rules. */
static size_t unescape_none(void *cls, struct MHD_Connection *c, char *s)
{
	(void)cls;
	(void)c;
	return strlen(s);
}

static void client_addr(struct MHD_Connection *c, char *out, size_t outsz)
{
	const union MHD_ConnectionInfo *ci =
		MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	const struct sockaddr *sa = ci ? ci->client_addr : NULL;

	out[0] = '\0';
	if (sa && sa->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr,
			  out, (socklen_t)outsz);
	else if (sa && sa->sa_family == AF_INET6)
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr,
			  out, (socklen_t)outsz);
}

struct joined {
	const char *name;
	char *out;	/* NULL: only count */
	size_t len;
};

static enum MHD_Result join_one(void *cls, enum MHD_ValueKind kind,
				const char *key, const char *value)
{
	struct joined *j = cls;
	size_t n;

	(void)kind;
	if (!key || !value || strcasecmp(key, j->name) != 0)
		return MHD_YES;
	n = strlen(value);
	if (j->out) {
		if (j->len)
			j->out[j->len] = ',';
		memcpy(j->out + j->len + (j->len ? 1 : 0), value, n);
	}
	j->len += n + (j->len ? 1 : 0);
	return MHD_YES;
}

/* Every line of header name joined with "," (a proxy may add its own line
 * after the client's), in q's arena; "" when absent. The whole header
 * block is already bounded by libmicrohttpd's connection memory. */
static const char *joined_header(struct MHD_Connection *c, struct bud_rq *q,
				 const char *name)
{
	struct joined j = {.name = name};

	MHD_get_connection_values(c, MHD_HEADER_KIND, join_one, &j);
	if (j.len == 0)
		return "";
	j.out = bud_arena_alloc(&q->arena, j.len + 1);
	j.len = 0;
	MHD_get_connection_values(c, MHD_HEADER_KIND, join_one, &j);
	j.out[j.len] = '\0';
	return j.out;
}

static enum MHD_Result count_line(void *cls, enum MHD_ValueKind kind,
				  const char *key, const char *value)
{
	(void)kind;
	bud_rq_header_line(cls, key, value ? value : "");
	return MHD_YES;
}

static void *on_uri(void *cls, const char *uri, struct MHD_Connection *c)
{
	struct bud_server *srv = cls;
	char addr[INET6_ADDRSTRLEN];

	atomic_fetch_add(&srv->inflight, 1);
	client_addr(c, addr, sizeof addr);
	return bud_rq_new(srv->app, srv->routes, uri, addr, mhd_header, c);
}

static enum MHD_Result queue(struct bud_server *srv, struct MHD_Connection *c,
			     struct bud_rq *q)
{
	struct bud_kv hdrs[48];
	struct MHD_Response *resp;
	enum MHD_Result ret;
	size_t len = 0, n, i;
	char *data;

	if (atomic_load(&srv->closing))
		q->close = 1;
	data = bud_buf_steal(&q->req.out, &len);
	if (data)
		resp = MHD_create_response_from_buffer(len, data, MHD_RESPMEM_MUST_FREE);
	else
		resp = MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
	if (!resp) {
		free(data);
		return MHD_NO;
	}
	n = bud_rq_response_headers(q, hdrs, sizeof hdrs / sizeof hdrs[0]);
	for (i = 0; i < n; i++)
		if (MHD_add_response_header(resp, hdrs[i].key, hdrs[i].value) != MHD_YES)
			bud_log_msgf("error", "response header %s refused", hdrs[i].key);
	ret = MHD_queue_response(c, (unsigned)q->req.status, resp);
	MHD_destroy_response(resp);
	return ret;
}

/* Writer thread: the answer's use-log rows are on disk (or failed). */
static void on_logged(void *arg, int rc, const bud_err *err)
{
	struct bud_rq *q = arg;

	q->log_rc = rc;
	if (rc != BUD_OK)
		q->log_err = *err;
	MHD_resume_connection(q->conn);
}

/*
 * The answer shows client data: suspend the connection, hand its use-log
 * rows to the writer and free this thread for other requests; on_logged
 * resumes it once the group is on disk, and on_access sends the answer.
 */
static enum MHD_Result log_then_queue(struct bud_server *srv,
				      struct MHD_Connection *c, struct bud_rq *q)
{
	bud_err err;
	int rc;

	bud_err_clear(&err);
	q->conn = c;
	q->stage = 3;
	MHD_suspend_connection(c);
	rc = bud_readlog_flush_async(srv->app, &q->req.actor, &q->log, on_logged,
				     q, &err);
	if (rc != BUD_OK)
		on_logged(q, rc, &err);
	return MHD_YES;
}

/* Writer thread: a deferred write's unit is on disk (or failed). */
static void on_written(void *arg, int rc, const bud_err *err)
{
	struct bud_rq *q = arg;

	q->log_rc = rc;
	if (rc != BUD_OK)
		q->log_err = *err;
	q->stage = 3;
	MHD_resume_connection(q->conn);
}

/* A deferred write (http.h bud_req_defer), its connection suspended:
 * queue its unit; on_written resumes it once the group is on disk. This
 * thread goes on at once. */
static void to_writer(struct bud_rq *q)
{
	bud_err err;
	int rc;

	bud_err_clear(&err);
	q->stage = 5;
	rc = bud_rq_write_async(q, on_written, q, &err);
	if (rc != BUD_OK)
		on_written(q, rc, &err);
}

/* A worker answers a request that writes (see workers.h): the handler,
 * its use-log rows (written here, this thread may wait), then resume.
 * A deferred write leaves its unit with the writer and does not wait. */
static void answer_job(void *arg)
{
	struct bud_rq *q = arg;
	bud_err err;

	bud_rq_finish(q);
	if (bud_rq_deferred(q)) {
		to_writer(q);
		return;
	}
	q->log_rc = BUD_OK;
	if (q->log.n) {
		bud_err_clear(&err);
		q->log_rc = bud_readlog_flush(q->req.app, &q->req.actor, &q->log, &err);
		if (q->log_rc != BUD_OK)
			q->log_err = err;
	}
	q->stage = 3;
	MHD_resume_connection(q->conn);
}

/* A request that writes: suspend it and hand it to a worker. */
static enum MHD_Result to_worker(struct bud_server *srv, struct MHD_Connection *c,
				 struct bud_rq *q)
{
	q->conn = c;
	q->stage = 4;
	MHD_suspend_connection(c);
	if (bud_workers_submit(srv->workers, answer_job, q) != BUD_OK)
		answer_job(q);	/* stopping: answer it here */
	return MHD_YES;
}

static enum MHD_Result on_access(void *cls, struct MHD_Connection *c,
				 const char *url, const char *method,
				 const char *version, const char *upload,
				 size_t *upload_size, void **req_cls)
{
	struct bud_server *srv = cls;
	struct bud_rq *q = *req_cls;

	(void)url;
	if (!q)
		return MHD_NO;	/* cannot happen: on_uri runs first */
	if (q->stage == 0) {
		q->stage = 1;
		q->http11 = version && strcmp(version, MHD_HTTP_VERSION_1_1) == 0;
		q->http10 = version && strcmp(version, MHD_HTTP_VERSION_1_0) == 0;
		MHD_get_connection_values(c, MHD_HEADER_KIND, count_line, q);
		if (bud_proxy_any(srv->app)) {
			q->xff = joined_header(c, q, "X-Forwarded-For");
			q->fwd = joined_header(c, q, "Forwarded");
		}
		if (bud_rq_begin(q, method)) {
			q->stage = 2;
			return queue(srv, c, q);
		}
		return MHD_YES;
	}
	if (*upload_size != 0) {
		if (q->stage == 1 && bud_rq_body(q, upload, *upload_size))
			return MHD_NO;	/* drop a client that will not stop */
		*upload_size = 0;
		return MHD_YES;
	}
	if (q->stage == 3) {	/* resumed: the use-log rows are on disk */
		q->stage = 2;
		if (bud_rq_deferred(q))
			bud_rq_written(q, q->log_rc, &q->log_err);
		else
			bud_rq_logged(q, q->log_rc, &q->log_err);
		return queue(srv, c, q);
	}
	if (q->stage == 2 || q->stage == 4 || q->stage == 5)
		return MHD_YES;
	bud_rq_upload(q, c);	/* a multipart body, decoded here (multipart.c) */
	if (srv->workers && (!(bud_method_parse(method) & (BUD_GET | BUD_HEAD)) ||
			     (q->req.route && (q->req.route->flags & BUD_R_WRITES))))
		return to_worker(srv, c, q);
	q->stage = 2;
	bud_rq_finish(q);
	if (bud_rq_deferred(q)) {
		q->conn = c;
		MHD_suspend_connection(c);
		to_writer(q);
		return MHD_YES;
	}
	if (q->log.n)
		return log_then_queue(srv, c, q);
	return queue(srv, c, q);
}

static void on_completed(void *cls, struct MHD_Connection *c, void **req_cls,
			 enum MHD_RequestTerminationCode toe)
{
	struct bud_server *srv = cls;
	struct bud_rq *q = *req_cls;
	int64_t us;

	(void)c;
	if (!q)
		return;
	us = bud_http_now_us() - q->t0_us;
	if (q->req.status) {
		bud_metrics_request(q->req.route, q->req.status, us);
		bud_log_access(srv->access_log, q->rid, q->req.actor.user_id,
			       q->req.method, q->req.route, q->req.status, us);
	} else {
		bud_log_unanswered(srv->access_log, q->rid, q->req.method,
				   q->req.route, (int)toe);
	}
	bud_rq_free(q);
	*req_cls = NULL;
	atomic_fetch_sub(&srv->inflight, 1);
}

/* Parse addr into ss; 1 for IPv6, 0 for IPv4, -1 when not an address. */
static int make_addr(const char *addr, int port, struct sockaddr_storage *ss)
{
	struct sockaddr_in *in4 = (struct sockaddr_in *)ss;
	struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)ss;

	memset(ss, 0, sizeof *ss);
	if (inet_pton(AF_INET, addr, &in4->sin_addr) == 1) {
		in4->sin_family = AF_INET;
		in4->sin_port = htons((uint16_t)port);
		return 0;
	}
	if (inet_pton(AF_INET6, addr, &in6->sin6_addr) == 1) {
		in6->sin6_family = AF_INET6;
		in6->sin6_port = htons((uint16_t)port);
		return 1;
	}
	return -1;
}

static struct MHD_Daemon *start(struct bud_server *srv, struct sockaddr_storage *ss,
				int v6, int port, unsigned threads)
{
	unsigned flags = MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_ITC | MHD_USE_ERROR_LOG |
			 MHD_ALLOW_SUSPEND_RESUME;

	if (v6)
		flags |= MHD_USE_IPv6;
	return MHD_start_daemon(flags, (uint16_t)port, NULL, NULL, on_access, srv,
		MHD_OPTION_SOCK_ADDR, (struct sockaddr *)ss,
		MHD_OPTION_THREAD_POOL_SIZE, threads,
		MHD_OPTION_CONNECTION_LIMIT, (unsigned)BUD_HTTP_CONN_LIMIT,
		MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)BUD_HTTP_TIMEOUT_S,
		MHD_OPTION_URI_LOG_CALLBACK, on_uri, srv,
		MHD_OPTION_NOTIFY_COMPLETED, on_completed, srv,
		MHD_OPTION_UNESCAPE_CALLBACK, unescape_none, NULL,
		MHD_OPTION_END);
}

/* The file stderr writes to, when it is a regular file (not journald's
 * socket, a pipe or a terminal): SIGHUP opens that path again. */
static void log_path_find(struct bud_server *srv)
{
	struct stat st;
	ssize_t n;

	srv->log_path[0] = '\0';
	if (fstat(STDERR_FILENO, &st) != 0 || !S_ISREG(st.st_mode))
		return;
	n = readlink("/proc/self/fd/2", srv->log_path, sizeof srv->log_path - 1);
	srv->log_path[n > 0 && srv->log_path[0] == '/' ? n : 0] = '\0';
}

/*
 * SIGHUP: after log rotation has renamed stderr's file, open its path
 * anew and put it under stderr and the access log's descriptor (dup2
 * swaps a descriptor atomically; the access log's buffer is flushed to
 * the old file first). The options are the reload's (wait_stop).
 */
static void log_reopen(struct bud_server *srv)
{
	int fd;

	if (!srv->log_path[0]) {
		bud_log_msg("info", "SIGHUP: stderr is not a file; nothing to reopen");
		return;
	}
	if (srv->access_log)
		bud_log_sink_flush(srv->access_log);
	fd = open(srv->log_path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0) {
		bud_log_msg("error", "SIGHUP: cannot open the log file again; kept the old one");
		return;
	}
	dup2(fd, STDERR_FILENO);
	if (srv->access_log)
		dup2(fd, bud_log_sink_fd(srv->access_log));
	close(fd);
	bud_log_msg("info", "SIGHUP: log file reopened");
}

/* Wait for SIGTERM/SIGINT (blocked in every thread); 0 on a signal, -1
 * when the database has failed. Each tick writes out the access log;
 * SIGHUP reopens the log file. */
static int wait_stop(struct bud_server *srv, const sigset_t *set)
{
	struct timespec tick = {0, BUD_HTTP_LOG_FLUSH_MS * 1000 * 1000};
	bud_app *app = srv->app;
	int sig;

	for (;;) {
		if ((sig = sigtimedwait(set, NULL, &tick)) == SIGHUP) {
			log_reopen(srv);
			if (srv->reload)
				srv->reload(srv->reload_arg);
		} else if (sig > 0)
			return 0;
		if (srv->access_log)
			bud_log_sink_flush(srv->access_log);
		if (app && app->db && bud_db_failed(app->db))
			return -1;
	}
}

/* The access log: stderr, but through a sink of its own (http/log.h),
 * so a request costs no write(2); other messages go straight to stderr.
 * NULL (no descriptor or memory): every line straight to stderr. */
static bud_log_sink *access_log_open(void)
{
	int fd = dup(STDERR_FILENO);
	bud_log_sink *s = fd >= 0 ? bud_log_sink_open(fd) : NULL;

	if (!s && fd >= 0)
		close(fd);
	return s;
}

static void access_log_close(struct bud_server *srv)
{
	bud_log_sink_close(srv->access_log);
	srv->access_log = NULL;
}

/* Stop accepting, let requests in flight finish (bounded), stop. */
static void drain(struct bud_server *srv, struct MHD_Daemon *d)
{
	int64_t deadline = bud_http_now_us() + (int64_t)BUD_HTTP_DRAIN_S * 1000000;
	MHD_socket ls;
	char msg[96];

	atomic_store(&srv->closing, 1);
	ls = MHD_quiesce_daemon(d);
	if (ls != MHD_INVALID_SOCKET)
		close(ls);
	while (atomic_load(&srv->inflight) > 0 && bud_http_now_us() < deadline) {
		struct timespec ts = {0, 20 * 1000 * 1000};

		nanosleep(&ts, NULL);
	}
	if (atomic_load(&srv->inflight) > 0) {
		snprintf(msg, sizeof msg, "%d requests still open after %d s, closing them",
			 atomic_load(&srv->inflight), BUD_HTTP_DRAIN_S);
		bud_log_msg("warn", msg);
	}
	bud_workers_stop(srv->workers);	/* before the daemon: they resume */
	srv->workers = NULL;
	MHD_stop_daemon(d);
}

int bud_http_serve(bud_app *app, const struct bud_route *routes,
		   const char *addr, int port, int threads, bud_err *err)
{
	return bud_http_serve_reload(app, routes, addr, port, threads, NULL, NULL, err);
}

int bud_http_serve_reload(bud_app *app, const struct bud_route *routes,
			  const char *addr, int port, int threads,
			  bud_http_reload_fn reload, void *arg, bud_err *err)
{
	struct bud_server srv = {.app = app, .routes = routes, .reload = reload,
				 .reload_arg = arg};
	struct sockaddr_storage ss;
	struct MHD_Daemon *d;
	sigset_t set;
	long cores;
	int v6, stop;

	if (!addr)
		addr = "127.0.0.1";
	if (port <= 0 || port > 65535)
		return bud_err_set(err, BUD_EINVAL, "port", "err.http.serve",
				   "port must be 1..65535");
	if ((v6 = make_addr(addr, port, &ss)) < 0)
		return bud_err_set(err, BUD_EINVAL, "addr", "err.http.serve",
				   "not an IP address: %s", addr);
	cores = sysconf(_SC_NPROCESSORS_ONLN);
	if (threads <= 0)
		threads = cores > 0 ? (int)cores : 1;
	if (sodium_init() < 0)
		return bud_err_set(err, BUD_EINTERNAL, NULL, "err.internal",
				   "libsodium failed to start");
	/* Blocked before the pool starts, so only wait_stop receives them. */
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGHUP);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	if (bud_workers_start(BUD_HTTP_WORKERS, &srv.workers, err) != BUD_OK)
		return err->code;
	srv.access_log = access_log_open();
	log_path_find(&srv);
	bud_metrics_init(routes);
	d = start(&srv, &ss, v6, port, (unsigned)threads);
	if (!d) {
		bud_workers_stop(srv.workers);
		access_log_close(&srv);
		return bud_err_set(err, BUD_EIO, NULL, "err.http.serve",
				   "cannot listen on %s port %d", addr, port);
	}
	printf(v6 ? "budjetti: listening on http://[%s]:%d/\n"
		  : "budjetti: listening on http://%s:%d/\n", addr, port);
	fflush(stdout);
	stop = wait_stop(&srv, &set);
	if (stop < 0) {
		bud_log_msg("error", "the database failed; stopping");
		atomic_store(&srv.closing, 1);
		bud_workers_stop(srv.workers);
		MHD_stop_daemon(d);
		access_log_close(&srv);
		return bud_err_set(err, BUD_EIO, NULL, "err.io", "database failed (fail-stop)");
	}
	bud_log_msg("info", "stopping: finishing requests in flight");
	drain(&srv, d);
	access_log_close(&srv);
	return BUD_OK;
}
