#include "diag.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "util.h"

const char *severity_name(int severity)
{
	switch (severity) {
	case PG_ERROR: return "error";
	case PG_WARNING: return "warning";
	default: return "note";
	}
}

void diags_add(pg_diags *d, int severity, const char *path, int line, const char *fmt, ...)
{
	strbuf sb = STRBUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	sb_vaddf(&sb, fmt, ap);
	va_end(ap);
	ALLOC_GROW(d->v, d->n, d->cap);
	pg_diag *x = &d->v[d->n++];
	x->severity = severity;
	x->path = xstrdup(path ? path : "");
	x->line = line;
	x->message = sb_detach(&sb);
	if (severity > d->worst)
		d->worst = severity;
}

void diags_move(pg_diags *dst, pg_diags *src)
{
	for (size_t i = 0; i < src->n; i++) {
		ALLOC_GROW(dst->v, dst->n, dst->cap);
		dst->v[dst->n++] = src->v[i];
		if (src->v[i].severity > dst->worst)
			dst->worst = src->v[i].severity;
	}
	free(src->v);
	src->v = NULL;
	src->n = src->cap = 0;
	src->worst = -1;
}

void diags_print(const pg_diags *d, int min_severity)
{
	for (size_t i = 0; i < d->n; i++) {
		const pg_diag *x = &d->v[i];
		if (x->severity < min_severity)
			continue;
		if (x->line > 0)
			fprintf(stderr, "%s:%d: %s: %s\n", x->path, x->line,
				severity_name(x->severity), x->message);
		else
			fprintf(stderr, "%s: %s: %s\n", x->path, severity_name(x->severity),
				x->message);
	}
}

void diags_release(pg_diags *d)
{
	for (size_t i = 0; i < d->n; i++) {
		free(d->v[i].path);
		free(d->v[i].message);
	}
	free(d->v);
	d->v = NULL;
	d->n = d->cap = 0;
	d->worst = -1;
}

int pg_error(const char *fmt, ...)
{
	va_list ap;
	fputs("peoplegraph: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return -1;
}

void pg_warn(const char *fmt, ...)
{
	va_list ap;
	fputs("peoplegraph: warning: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}
