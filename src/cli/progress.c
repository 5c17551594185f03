/*
 * cli/progress.c: progress of long command-line work (cli/progress.h).
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli/progress.h"

static int percent(int64_t done, int64_t total)
{
	if (total <= 0 || done <= 0)
		return 0;
	if (done >= total)
		return 100;
	return (int)(done * 100 / total);
}

size_t bud_progress_format(char *out, size_t outsz, int tty, const char *what,
			   const char *unit, int64_t done, int64_t total)
{
	char bar[BUD_PROGRESS_BAR + 1];
	int pc, full, n;

	if (done < 0)
		done = 0;
	if (total > 0 && done > total)
		done = total;
	pc = percent(done, total);
	if (!tty) {
		n = snprintf(out, outsz, "%s: %d %% (%lld/%lld %s)\n", what, pc,
			     (long long)done, (long long)(total > 0 ? total : 0), unit);
	} else {
		full = pc * BUD_PROGRESS_BAR / 100;
		memset(bar, '#', (size_t)full);
		memset(bar + full, '-', (size_t)(BUD_PROGRESS_BAR - full));
		bar[BUD_PROGRESS_BAR] = '\0';
		n = snprintf(out, outsz, "\r%s [%s] %3d %%  %lld/%lld %s", what, bar,
			     pc, (long long)done, (long long)(total > 0 ? total : 0), unit);
	}
	if (n < 0)
		n = 0;
	out[outsz - 1] = '\0';
	return (size_t)n < outsz ? (size_t)n : outsz - 1;
}

int bud_progress_next(int tty, int64_t done, int64_t total, int shown)
{
	int pc = percent(done, total);

	if (!tty && pc != 100)
		pc -= pc % 10;
	return pc > shown ? pc : -1;
}

void bud_progress_start(struct bud_progress *p, FILE *out, const char *what,
			const char *unit, int64_t total)
{
	p->out = out;
	p->what = what;
	p->unit = unit;
	p->total = total;
	p->tty = isatty(fileno(out));
	p->shown = -1;
}

void bud_progress_set(struct bud_progress *p, int64_t done)
{
	char text[256];
	size_t n;
	int pc = bud_progress_next(p->tty, done, p->total, p->shown);

	if (pc < 0)
		return;
	p->shown = pc;
	n = bud_progress_format(text, sizeof(text), p->tty, p->what, p->unit,
				done, p->total);
	fwrite(text, 1, n, p->out);
	fflush(p->out);
}

void bud_progress_end(struct bud_progress *p)
{
	if (p->tty && p->shown >= 0)
		fputc('\n', p->out);
	fflush(p->out);
	p->shown = -1;
}

void bud_progress_cb(void *arg, int64_t done, int64_t total)
{
	struct bud_progress *p = arg;

	p->total = total;
	bud_progress_set(p, done);
}
