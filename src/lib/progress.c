#include "progress.h"

#include <stdio.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void progress_init(pg_progress *p, const char *what, size_t total, int quiet)
{
	p->what = what;
	p->unit = NULL;
	p->total = total;
	p->done = 0;
	p->enabled = !quiet && isatty(STDERR_FILENO);
	p->start = p->last = now();
}

void progress_tick(pg_progress *p)
{
	progress_add(p, 1);
}

void progress_add(pg_progress *p, size_t n)
{
	size_t d = __atomic_add_fetch(&p->done, n, __ATOMIC_RELAXED);
	if (!p->enabled)
		return;
	double t = now();
	/* a benign race on 'last': at worst two threads draw the same line */
	if (t - p->last < 0.1 && d != p->total)
		return;
	p->last = t;
	double el = t - p->start;
	double rate = el > 0 ? (double)d / el : 0;
	double left = rate > 0 ? (double)(p->total - d) / rate : 0;
	fprintf(stderr, "\r%s: %zu/%zu %s, %.0f/s, %.0fs left   ", p->what, d, p->total,
		p->unit ? p->unit : "files", rate, left);
	fflush(stderr);
}

void progress_done(pg_progress *p)
{
	if (p->enabled && p->total) {
		fprintf(stderr, "\r%s: %zu %s in %.1fs%30s\n", p->what, p->total,
			p->unit ? p->unit : "files", now() - p->start, "");
		fflush(stderr);
	}
}
