/*
 * scan.h — the markdown files of a vault.
 *
 * Walks VAULT recursively, following symbolic links to directories but never
 * into a directory already on the walk (loops), skipping hidden files and
 * directories (".obsidian", ".peoplegraph", ".git", ".trash").  Paths are
 * relative to the vault and sorted bytewise.
 */
#ifndef PG_SCAN_H
#define PG_SCAN_H

#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "util.h"

typedef struct pg_file {
	const char *path; /* vault-relative, in the list's MEM */
	int64_t mtime_ns;
	int64_t size;
} pg_file;

typedef struct pg_files {
	pg_file *v;
	size_t n, cap;
	arena mem; /* the paths */
} pg_files;

/* Returns 0, or -1 when VAULT itself cannot be read (an error is printed).
 * Unreadable subdirectories and loops are diagnostics in DIAGS. */
int pg_scan(const char *vault, pg_files *out, pg_diags *diags);
void pg_files_release(pg_files *f);

#endif
