/*
 * store.h — the SQLite index behind a pg_vault (internal).
 *
 * Schema (version 4):
 *   meta(key, value)              schema version, config hash, owner
 *   note(id, path, mtime, size, date, title, type, private, person_note,
 *        errors, facts)           facts = hash of what it adds to the registry
 *   parsed(id, data)              the stored pg_note of a note (note.c)
 *   person(id, name, key, org, role, strength, is_owner)
 *   alias(person, key)            every folded key naming the person
 *   veto(key)                     terms the vault shows are not people
 *   mention(note, person, role, line, ord)   role: participant|referenced|absent
 *   task(note, seq, owner, owner_text, due, done, text, line)
 *   topic(note, term, weight)
 *   tag(note, tag)
 *   diag(note, line, severity, message)
 *   unresolved(note, surface, reason, line)
 *   person_stat(scope, person, meetings, mentions, first_seen, last_seen,
 *        met, last_met)           per person, kept by every index run
 *   topic_stat(scope, key, term, notes, weight, first_seen, last_seen)
 *                                 per topic (key: lower(term))
 *   fts(title, body)              FTS5, rowid = note.id
 * The _stat tables hold two rows per person or topic: scope 1 counts every
 * note, scope 0 only notes without a private tag (store_scope).
 * One transaction per index run: readers see the old or the new state.
 */
#ifndef PG_STORE_H
#define PG_STORE_H

#include <sqlite3.h>

#include "config.h"
#include "peoplegraph/peoplegraph.h"
#include "resolve.h"

struct pg_vault {
	char *root;
	char *dbpath;
	char *build_path; /* while a first index is built apart, its file */
	sqlite3 *db;
	pg_config cfg;
	pg_open_opts opts;
	char *me;
	int include_private;
};

/* Prepares SQL on V's database; on error prints it and returns NULL. */
sqlite3_stmt *store_prepare(pg_vault *v, const char *sql);
/* Loads the registry as the last index run left it. */
void store_load_registry(pg_vault *v, pg_registry *R);
/* SQL condition (on a table alias) that hides private notes unless asked. */
const char *store_private_filter(const pg_vault *v);
/* The key of topic TERM, as topic_stat and the topic_key index have it:
 * SQLite's lower(), which folds ASCII letters only.  Caller frees. */
char *store_topic_key(const char *term);
/* A second connection to V's index, read-only, for another thread to
 * query beside V's own (each connection is used by one thread).  Only
 * store_prepare, store_private_filter and pg_vault_close apply to it.
 * NULL when it cannot be opened: the caller reads on V alone. */
pg_vault *store_open_reader(const pg_vault *v);
/* The cores to use, 1 to 8. */
int store_ncpu(void);
/* The scope of the _stat rows a query of V reads: 1 with private notes. */
int store_scope(const pg_vault *v);

#endif
