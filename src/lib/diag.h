/*
 * diag.h — diagnostics about notes and configuration.
 *
 * Each diagnostic has a severity, the vault-relative path, a 1-based line
 * (0 when not tied to a line) and a message.  They are printed as
 * "path:line: severity: message" (mandoc style) and the worst severity seen
 * decides the exit status of a command.
 */
#ifndef PG_DIAG_H
#define PG_DIAG_H

#include <stddef.h>

enum pg_severity { PG_NOTE = 0, PG_WARNING = 1, PG_ERROR = 2 };

typedef struct pg_diag {
	int severity;
	char *path;
	int line;
	char *message;
} pg_diag;

typedef struct pg_diags {
	pg_diag *v;
	size_t n, cap;
	int worst; /* -1 when empty */
} pg_diags;

#define PG_DIAGS_INIT          \
	{                      \
		NULL, 0, 0, -1 \
	}
void diags_add(pg_diags *d, int severity, const char *path, int line, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
/* Moves every diagnostic of SRC to the end of DST; SRC is left empty. */
void diags_move(pg_diags *dst, pg_diags *src);
void diags_print(const pg_diags *d, int min_severity);
void diags_release(pg_diags *d);
const char *severity_name(int severity);

/* Library-style error: prints "peoplegraph: MESSAGE" to stderr, returns -1. */
int pg_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void pg_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
