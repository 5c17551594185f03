/*
 * bench/baseline/mhd_bare.c: the fastest this machine answers an HTTP/1.1
 * keep-alive request with libmicrohttpd and no application: bench/http's
 * baseline. Every request, whatever its method or path, gets the same
 * budget-status JSON (about 300 bytes, held in memory, one response object
 * shared by all answers), so what is measured is libmicrohttpd, the kernel's
 * loopback and wrk.
 *
 * The daemon is the one budjetti serves with: an epoll internal thread pool
 * of THREADS threads, listening on 127.0.0.1 only. It runs until SIGTERM or
 * SIGINT, which the main thread waits for with sigwait.
 *
 *   mhd_bare PORT [THREADS]        (THREADS: 1..64, default 2)
 *
 * libmicrohttpd 0.9.75 closes the connection after a response queued on the
 * first call of the access handler (headers only), so the answer is queued
 * on the second call, once the request is complete, and keep-alive holds.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A client's budget status, the shape of GET /api/clients/{id}/ledger. */
static const char body[] =
	"{\"client_id\":1,\"items\":["
	"{\"plan_line_id\":1,\"service\":\"personal_assistance\",\"granted\":1368000,"
	"\"reserved\":0,\"spent\":412500,\"available\":955500},"
	"{\"plan_line_id\":2,\"service\":\"transport\",\"granted\":672000,"
	"\"reserved\":24000,\"spent\":118800,\"available\":529200}],"
	"\"totals\":{\"granted\":2040000,\"reserved\":24000,\"spent\":531300,"
	"\"available\":1484700}}";

/* Marks a request whose headers have been seen (any non-NULL will do). */
static int seen;

/* Access handler: remember the first call, answer on the second, drop any
 * request body. cls is the shared response. */
static enum MHD_Result answer(void *cls, struct MHD_Connection *conn, const char *url,
			      const char *method, const char *version,
			      const char *upload_data, size_t *upload_size, void **req_cls)
{
	(void)url;
	(void)method;
	(void)version;
	(void)upload_data;
	if (*req_cls == NULL) {
		*req_cls = &seen;
		return MHD_YES;
	}
	if (*upload_size != 0) {
		*upload_size = 0;
		return MHD_YES;
	}
	return MHD_queue_response(conn, MHD_HTTP_OK, cls);
}

/* A whole decimal number in [lo, hi]; -1 otherwise. */
static long number(const char *s, long lo, long hi)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	return errno == 0 && end != s && *end == '\0' && v >= lo && v <= hi ? v : -1;
}

static struct MHD_Daemon *start(struct MHD_Response *r, long port, long threads)
{
	struct sockaddr_in sa;

	memset(&sa, 0, sizeof sa);
	sa.sin_family = AF_INET;
	sa.sin_port = htons((uint16_t)port);
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	return MHD_start_daemon(MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_ERROR_LOG,
				(uint16_t)port, NULL, NULL, answer, r,
				MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
				MHD_OPTION_THREAD_POOL_SIZE, (unsigned)threads,
				MHD_OPTION_END);
}

int main(int argc, char **argv)
{
	long port = argc > 1 ? number(argv[1], 1, 65535) : -1;
	long threads = argc > 2 ? number(argv[2], 1, 64) : 2;
	struct MHD_Response *r;
	struct MHD_Daemon *d;
	sigset_t stop;
	int sig;

	if (argc > 3 || port < 0 || threads < 0) {
		fprintf(stderr, "usage: mhd_bare PORT [THREADS]\n");
		return 2;
	}
	r = MHD_create_response_from_buffer(sizeof body - 1, (void *)body,
					    MHD_RESPMEM_PERSISTENT);
	if (!r || MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE,
					  "application/json") != MHD_YES)
		return 1;
	/* Blocked before the pool starts, so only sigwait below takes them. */
	sigemptyset(&stop);
	sigaddset(&stop, SIGTERM);
	sigaddset(&stop, SIGINT);
	pthread_sigmask(SIG_BLOCK, &stop, NULL);
	d = start(r, port, threads);
	if (!d) {
		fprintf(stderr, "mhd_bare: cannot listen on 127.0.0.1:%ld\n", port);
		MHD_destroy_response(r);
		return 1;
	}
	fprintf(stderr, "mhd_bare: libmicrohttpd %s on 127.0.0.1:%ld, %ld threads, %zu bytes\n",
		MHD_get_version(), port, threads, sizeof body - 1);
	while (sigwait(&stop, &sig) != 0)
		;
	MHD_stop_daemon(d);
	MHD_destroy_response(r);
	return 0;
}
