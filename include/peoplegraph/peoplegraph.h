/*
 * peoplegraph.h — the public interface of libpeoplegraph.
 *
 * A pg_vault is an opened vault plus its SQLite index.  Open it, refresh the
 * index, then query.  Ownership: every pointer returned through an out
 * parameter is the caller's to free with the matching *_free/close function;
 * strings passed in are copied when kept.  Library functions never exit:
 * they return -1 after printing "peoplegraph: message" to stderr.
 */
#ifndef PEOPLEGRAPH_H
#define PEOPLEGRAPH_H

#include <stdio.h>

#define PEOPLEGRAPH_VERSION "0.1.0"

/* Exit statuses of the command line (a contract). */
enum { PG_EXIT_OK = 0, PG_EXIT_NOTES = 1, PG_EXIT_USAGE = 2, PG_EXIT_OPEN = 3 };

typedef struct pg_vault pg_vault;

typedef struct pg_open_opts {
	const char *vault;   /* the vault folder (required) */
	const char *db;      /* index file; NULL: VAULT/.peoplegraph/index.db */
	const char *me;      /* the owner; NULL: the config's me: */
	const char *config;  /* NULL: VAULT/.peoplegraph.yaml */
	int quiet;           /* no progress */
	int verbose;         /* explain skips */
	int include_private; /* show notes with private tags */
} pg_open_opts;

typedef struct pg_index_stats {
	int notes;    /* notes in the index afterwards */
	int parsed;   /* notes read this run */
	int removed;  /* notes gone from the vault */
	int resolved; /* notes whose people were resolved again */
	int people;
	int mentions;
	int errors; /* notes with errors */
	int full;   /* 1 when the whole vault was re-resolved */
} pg_index_stats;

/* Opens (creating when needed) the index of a vault.  0, or -1. */
int pg_vault_open(pg_vault **out, const pg_open_opts *opts);
void pg_vault_close(pg_vault *v);

/* Brings the index up to date: reads new and changed notes, forgets deleted
 * ones, and resolves people again where that can have changed.  FULL re-reads
 * every note.  Diagnostics are printed to stderr.  Returns 0 when every note
 * was clean, 1 when some had errors (they are still indexed as far as they
 * could be read), -1 when the index could not be written. */
int pg_vault_index(pg_vault *v, int full, pg_index_stats *stats);

#endif
