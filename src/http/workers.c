/*
 * http/workers.c: the pool of worker threads (see workers.h): a queue of
 * jobs under one mutex, taken first in, first out.
 */
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>

#include "bud_limits.h"
#include "http/workers.h"

struct job {
	bud_job_fn fn;
	void *arg;
	struct job *next;
};

struct bud_workers {
	pthread_mutex_t mu;
	pthread_cond_t work;
	struct job *head, *tail;
	int stopping;
	int n;
	pthread_t threads[BUD_HTTP_WORKERS_MAX];
};

static void *worker_main(void *p)
{
	bud_workers *w = p;
	struct job *j;

	pthread_mutex_lock(&w->mu);
	for (;;) {
		while (!w->head && !w->stopping)
			pthread_cond_wait(&w->work, &w->mu);
		if (!w->head)
			break;	/* stopping, and nothing is left */
		j = w->head;
		w->head = j->next;
		if (!w->head)
			w->tail = NULL;
		pthread_mutex_unlock(&w->mu);
		j->fn(j->arg);
		free(j);
		pthread_mutex_lock(&w->mu);
	}
	pthread_mutex_unlock(&w->mu);
	return NULL;
}

int bud_workers_start(int n, bud_workers **out, bud_err *err)
{
	bud_workers *w;
	sigset_t all, old;

	*out = NULL;
	if (n < 1 || n > BUD_HTTP_WORKERS_MAX)
		return bud_err_set(err, BUD_EINVAL, "workers", "err.internal",
				   "workers must be 1..%d", BUD_HTTP_WORKERS_MAX);
	if (!(w = calloc(1, sizeof(*w))))
		return bud_err_set(err, BUD_ENOMEM, NULL, "err.internal", "workers");
	pthread_mutex_init(&w->mu, NULL);
	pthread_cond_init(&w->work, NULL);
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	for (w->n = 0; w->n < n; w->n++)
		if (pthread_create(&w->threads[w->n], NULL, worker_main, w) != 0)
			break;
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (w->n < n) {
		bud_workers_stop(w);
		return bud_err_set(err, BUD_EINTERNAL, NULL, "err.internal",
				   "cannot start the worker threads");
	}
	*out = w;
	return BUD_OK;
}

int bud_workers_submit(bud_workers *w, bud_job_fn fn, void *arg)
{
	struct job *j = malloc(sizeof(*j));
	int rc = BUD_OK;

	if (!j)
		return BUD_ENOMEM;
	j->fn = fn;
	j->arg = arg;
	j->next = NULL;
	pthread_mutex_lock(&w->mu);
	if (w->stopping) {
		rc = BUD_EBUSY;
	} else {
		if (w->tail)
			w->tail->next = j;
		else
			w->head = j;
		w->tail = j;
		pthread_cond_signal(&w->work);
	}
	pthread_mutex_unlock(&w->mu);
	if (rc != BUD_OK)
		free(j);
	return rc;
}

void bud_workers_stop(bud_workers *w)
{
	int i;

	if (!w)
		return;
	pthread_mutex_lock(&w->mu);
	w->stopping = 1;
	pthread_cond_broadcast(&w->work);
	pthread_mutex_unlock(&w->mu);
	for (i = 0; i < w->n; i++)
		pthread_join(w->threads[i], NULL);
	pthread_cond_destroy(&w->work);
	pthread_mutex_destroy(&w->mu);
	free(w);
}
