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

typedef struct pg_file {
	char *path; /* vault-relative */
	int64_t mtime_ns;
	int64_t size;
} pg_file;

typedef struct pg_files {
	pg_file *v;
	size_t n, cap;
} pg_files;

/* Returns 0, or -1 when VAULT itself cannot be read (an error is printed).
 * Unreadable subdirectories and loops are diagnostics in DIAGS. */
int pg_scan(const char *vault, pg_files *out, pg_diags *diags);
void pg_files_release(pg_files *f);

#endif
