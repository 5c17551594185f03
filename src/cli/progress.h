/*
 * cli/progress.h: how far long command-line work is (demo --scale, backup,
 * restore, check, imports), the one place that shows it. On a terminal
 * (stderr is a tty) a bar redrawn in place whenever a whole percent is
 * reached:
 *     demo [##########----------]  50 %  50000/100000 clients
 * and otherwise, for logs, a plain line at every tenth:
 *     demo: 50 % (50000/100000 clients)
 * The formatting is pure (bud_progress_format, bud_progress_next) so it
 * is tested without a terminal and without time.
 */
#ifndef BUD_CLI_PROGRESS_H
#define BUD_CLI_PROGRESS_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define BUD_PROGRESS_BAR 20	/* characters of the bar */

struct bud_progress {
	FILE *out;
	const char *what;	/* "demo", "backup" ... (static) */
	const char *unit;	/* "clients", "pages" ... (static) */
	int64_t total;
	int tty;		/* 1: a bar redrawn in place; 0: lines */
	int shown;		/* the percent shown last; -1 none */
};

/*
 * The text of done of total (0 <= done; done > total is shown as total;
 * total <= 0 as 0 %): tty 1 the bar form with a leading '\r', tty 0 the
 * line form with a trailing '\n'. Into out (outsz > 0, always
 * terminated, cut if too short); returns the length written.
 */
size_t bud_progress_format(char *out, size_t outsz, int tty, const char *what,
			   const char *unit, int64_t done, int64_t total);

/*
 * The percent to show now for done of total after `shown` (-1: nothing
 * yet), or -1 when nothing new is to be shown: a tty every percent, lines
 * every ten (and 100 once).
 */
int bud_progress_next(int tty, int64_t done, int64_t total, int shown);

/* Start p on out (tty when out is a terminal); shows nothing yet. */
void bud_progress_start(struct bud_progress *p, FILE *out, const char *what,
			const char *unit, int64_t total);
/* done of p->total so far: shows it when bud_progress_next says so. */
void bud_progress_set(struct bud_progress *p, int64_t done);
/* The end: a tty's bar is ended with a newline. */
void bud_progress_end(struct bud_progress *p);
/* A bud_demo_progress_fn-shaped callback: arg a struct bud_progress
 * whose total is set from total on each call. */
void bud_progress_cb(void *arg, int64_t done, int64_t total);

#endif
