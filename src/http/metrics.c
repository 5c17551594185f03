/*
 * http/metrics.c: per-thread request counters and their Prometheus
 * exposition (http/metrics.h).
 */
#include <arpa/inet.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bud_limits.h"
#include "http/metrics.h"
#include "http/router.h"

/* Status codes counted one by one; any other counts as "other". */
static const int codes[] = {
	200, 201, 204, 301, 302, 303, 304, 400, 401, 403, 404, 405, 406, 409,
	410, 411, 412, 413, 414, 415, 422, 428, 429, 431, 500, 501, 503, 505,
};
#define NCODES (sizeof codes / sizeof codes[0] + 1)

/* Upper bounds of the latency buckets, microseconds (+Inf after them). */
static const int64_t bounds_us[] = {
	1000, 2500, 5000, 10000, 25000, 50000, 100000, 250000, 500000,
	1000000, 2500000, 5000000, 10000000,
};
#define NBUCKETS (sizeof bounds_us / sizeof bounds_us[0] + 1)

struct route_count {
	atomic_uint_fast64_t by_code[NCODES];
	atomic_uint_fast64_t bucket[NBUCKETS];	/* not cumulative */
	atomic_uint_fast64_t sum_us;
};

struct shard {
	struct shard *next;
	struct route_count r[];	/* nroutes + 1: the last for "no route" */
};

static pthread_mutex_t shards_mu = PTHREAD_MUTEX_INITIALIZER;
static struct shard *shards;
static const struct bud_route *table;
static size_t nroutes;
static _Thread_local struct shard *mine;

/* Who may scrape besides loopback: an immutable table behind an atomic
 * pointer, so that SIGHUP can put a new one in force while requests read
 * the old one without a lock (bud_metrics_allow_replace). */
struct allow_table {
	int n;
	unsigned char a[BUD_METRICS_ALLOW_MAX][16];
	struct allow_table *retired;	/* the tables replaced before it */
};
static _Atomic(struct allow_table *) allow_now;
static struct allow_table *allow_retired;
static pthread_mutex_t allow_mu = PTHREAD_MUTEX_INITIALIZER;

void bud_metrics_init(const struct bud_route *routes)
{
	size_t n = 0;

	pthread_mutex_lock(&shards_mu);
	if (!table) {
		while (routes[n].pattern)
			n++;
		nroutes = n;
		table = routes;
	}
	pthread_mutex_unlock(&shards_mu);
}

static struct shard *my_shard(void)
{
	struct shard *s;

	if (mine)
		return mine;
	s = calloc(1, sizeof *s + (nroutes + 1) * sizeof s->r[0]);
	if (!s)
		return NULL;
	pthread_mutex_lock(&shards_mu);	/* once per thread */
	s->next = shards;
	shards = s;
	pthread_mutex_unlock(&shards_mu);
	mine = s;
	return s;
}

/* Only this thread writes its shard: a relaxed load and store is enough. */
static void bump(atomic_uint_fast64_t *c, uint64_t by)
{
	atomic_store_explicit(c, atomic_load_explicit(c, memory_order_relaxed) + by,
			      memory_order_relaxed);
}

void bud_metrics_request(const struct bud_route *r, int status, int64_t us)
{
	struct route_count *rc;
	struct shard *s;
	size_t i, k;

	if (!table || !(s = my_shard()))
		return;
	k = r && r >= table && r < table + nroutes ? (size_t)(r - table) : nroutes;
	rc = &s->r[k];
	for (i = 0; i < NCODES - 1 && codes[i] != status; i++)
		;
	bump(&rc->by_code[i], 1);
	for (i = 0; i < NBUCKETS - 1 && us > bounds_us[i]; i++)
		;
	bump(&rc->bucket[i], 1);
	bump(&rc->sum_us, us > 0 ? (uint64_t)us : 0);
}

static uint64_t sum(size_t route, size_t off)
{
	uint64_t total = 0;
	struct shard *s;

	for (s = shards; s; s = s->next)
		total += atomic_load_explicit((atomic_uint_fast64_t *)(void *)
			((char *)&s->r[route] + off), memory_order_relaxed);
	return total;
}

/* method="GET",route="/api/clients/{id}" (label values need no escaping:
 * patterns have no quote, backslash or newline; checked anyway). */
static void labels(bud_buf *b, size_t k)
{
	const char *p = k < nroutes ? table[k].pattern : "none";

	bud_buf_addf(b, "method=\"%s\",route=\"", k < nroutes ?
		     bud_method_name(table[k].method) : "any");
	for (; *p; p++)
		if (*p != '"' && *p != '\\' && *p != '\n')
			bud_buf_addc(b, *p);
	bud_buf_addc(b, '"');
}

static void write_counts(bud_buf *b, size_t k)
{
	size_t i;
	uint64_t n;

	for (i = 0; i < NCODES; i++) {
		n = sum(k, offsetof(struct route_count, by_code) + i * sizeof(atomic_uint_fast64_t));
		if (!n)
			continue;
		bud_buf_adds(b, "budjetti_http_requests_total{");
		labels(b, k);
		if (i < NCODES - 1)
			bud_buf_addf(b, ",code=\"%d\"} %llu\n", codes[i], (unsigned long long)n);
		else
			bud_buf_addf(b, ",code=\"other\"} %llu\n", (unsigned long long)n);
	}
}

/* us as seconds, the way Prometheus writes a bound: 0.0025, 1, 10. */
static const char *seconds(int64_t us, char out[32])
{
	size_t n;

	snprintf(out, 32, "%lld.%06lld", (long long)(us / 1000000), (long long)(us % 1000000));
	n = strlen(out);
	while (out[n - 1] == '0')
		out[--n] = '\0';
	if (out[n - 1] == '.')
		out[n - 1] = '\0';
	return out;
}

static void write_histogram(bud_buf *b, size_t k)
{
	char le[32];
	uint64_t cum = 0, s;
	size_t i;

	for (i = 0; i < NBUCKETS; i++)
		cum += sum(k, offsetof(struct route_count, bucket) + i * sizeof(atomic_uint_fast64_t));
	if (!cum)
		return;
	cum = 0;
	for (i = 0; i < NBUCKETS; i++) {
		cum += sum(k, offsetof(struct route_count, bucket) + i * sizeof(atomic_uint_fast64_t));
		bud_buf_adds(b, "budjetti_http_request_duration_seconds_bucket{");
		labels(b, k);
		if (i < NBUCKETS - 1)
			bud_buf_addf(b, ",le=\"%s\"} %llu\n", seconds(bounds_us[i], le),
				     (unsigned long long)cum);
		else
			bud_buf_addf(b, ",le=\"+Inf\"} %llu\n", (unsigned long long)cum);
	}
	s = sum(k, offsetof(struct route_count, sum_us));
	bud_buf_adds(b, "budjetti_http_request_duration_seconds_sum{");
	labels(b, k);
	bud_buf_addf(b, "} %llu.%06llu\n", (unsigned long long)(s / 1000000),
		     (unsigned long long)(s % 1000000));
	bud_buf_adds(b, "budjetti_http_request_duration_seconds_count{");
	labels(b, k);
	bud_buf_addf(b, "} %llu\n", (unsigned long long)cum);
}

int bud_metrics_write(bud_buf *b)
{
	size_t k;

	pthread_mutex_lock(&shards_mu);	/* the list, not the counters */
	bud_buf_adds(b, "# HELP budjetti_http_requests_total HTTP requests answered, "
		     "by route and status.\n# TYPE budjetti_http_requests_total counter\n");
	for (k = 0; table && k <= nroutes; k++)
		write_counts(b, k);
	bud_buf_adds(b, "# HELP budjetti_http_request_duration_seconds Time from the "
		     "request line to the answer, by route.\n"
		     "# TYPE budjetti_http_request_duration_seconds histogram\n");
	for (k = 0; table && k <= nroutes; k++)
		write_histogram(b, k);
	pthread_mutex_unlock(&shards_mu);
	return bud_buf_failed(b) ? BUD_ENOMEM : BUD_OK;
}

/* addr as 16 bytes (IPv4 as ::ffff:a.b.c.d); 0, or -1 when not an address. */
static int addr16(const char *addr, unsigned char out[16])
{
	static const unsigned char mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};

	if (inet_pton(AF_INET6, addr, out) == 1)
		return 0;
	memcpy(out, mapped, sizeof mapped);
	return inet_pton(AF_INET, addr, out + 12) == 1 ? 0 : -1;
}

/* Add the addresses of list ("ADDR" or "ADDR,ADDR") to t. */
static int allow_add(struct allow_table *t, const char *list, bud_err *err)
{
	char one[BUD_ADDR_TEXT];
	const char *p = list, *end;
	size_t n;

	for (;; p = end + 1) {
		end = strchr(p, ',');
		end = end ? end : p + strlen(p);
		n = (size_t)(end - p);
		if (n == 0 || n >= sizeof one)
			return bud_err_set(err, BUD_EINVAL, "metrics-allow", "err.http.serve",
					   "not an IP address: %s", list);
		memcpy(one, p, n);
		one[n] = '\0';
		if (t->n >= BUD_METRICS_ALLOW_MAX)
			return bud_err_set(err, BUD_ETOOBIG, "metrics-allow", "err.http.serve",
					   "more than %d addresses", BUD_METRICS_ALLOW_MAX);
		if (addr16(one, t->a[t->n]) != 0)
			return bud_err_set(err, BUD_EINVAL, "metrics-allow", "err.http.serve",
					   "not an IP address: %s", one);
		t->n++;
		if (!*end)
			return BUD_OK;
	}
}

/* Put t in force; the table it replaces is retired (kept, reachable,
 * until the process ends: a reader may still be looking at it). */
static void allow_swap(struct allow_table *t)
{
	struct allow_table *old;

	pthread_mutex_lock(&allow_mu);
	old = atomic_exchange_explicit(&allow_now, t, memory_order_acq_rel);
	if (old) {
		old->retired = allow_retired;
		allow_retired = old;
	}
	pthread_mutex_unlock(&allow_mu);
}

int bud_metrics_allow(const char *list, bud_err *err)
{
	const struct allow_table *cur = atomic_load_explicit(&allow_now, memory_order_acquire);
	struct allow_table *t = calloc(1, sizeof(*t));
	int rc;

	if (!t)
		return bud_err_set(err, BUD_ENOMEM, "metrics-allow", "err.generic", "no memory");
	if (cur)
		memcpy(t->a, cur->a, sizeof(t->a));
	t->n = cur ? cur->n : 0;
	if ((rc = allow_add(t, list, err)) != BUD_OK) {
		free(t);
		return rc;
	}
	allow_swap(t);
	return BUD_OK;
}

int bud_metrics_allow_replace(const char *const *lists, int n, bud_err *err)
{
	struct allow_table *t = calloc(1, sizeof(*t));
	int i, rc = BUD_OK;

	if (!t)
		return bud_err_set(err, BUD_ENOMEM, "metrics-allow", "err.generic", "no memory");
	for (i = 0; i < n && rc == BUD_OK; i++)
		rc = allow_add(t, lists[i], err);
	if (rc != BUD_OK) {
		free(t);
		return rc;
	}
	allow_swap(t);
	return BUD_OK;
}

int bud_metrics_allowed(const char *addr)
{
	static const unsigned char lo6[16] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
	const struct allow_table *t;
	unsigned char a[16];
	int i;

	if (!addr || addr16(addr, a) != 0)
		return 0;
	if (memcmp(a, lo6, 16) == 0 || (a[10] == 0xff && a[11] == 0xff && a[12] == 127 &&
					 memcmp(a, lo6, 10) == 0))
		return 1;
	t = atomic_load_explicit(&allow_now, memory_order_acquire);
	for (i = 0; t && i < t->n; i++)
		if (memcmp(a, t->a[i], 16) == 0)
			return 1;
	return 0;
}
