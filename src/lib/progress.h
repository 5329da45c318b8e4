/*
 * progress.h — a progress line on stderr for long work.
 * Drawn only when stderr is a terminal and not quiet; ticks are thread-safe.
 */
#ifndef PG_PROGRESS_H
#define PG_PROGRESS_H

#include <stddef.h>

typedef struct pg_progress {
	const char *what;
	const char *unit; /* what is counted: "files" unless set after init */
	size_t total;
	size_t done; /* updated atomically */
	int enabled;
	double start, last;
} pg_progress;

void progress_init(pg_progress *p, const char *what, size_t total, int quiet);
void progress_tick(pg_progress *p);
/* N more done at once. */
void progress_add(pg_progress *p, size_t n);
void progress_done(pg_progress *p);

#endif
