/*
 * out.h — output formats shared by every command: escaped JSON strings,
 * CSV fields, and tables printed aligned (by display width), as JSON
 * objects, CSV or a markdown table.
 */
#ifndef PG_OUT_H
#define PG_OUT_H

#include <stdio.h>

#include "util.h"

enum { OUT_TABLE, OUT_JSON, OUT_CSV, OUT_MD };

/* -1 for an unknown name. */
int out_format(const char *name);

void json_str(FILE *f, const char *s);       /* "..." or null */
void sb_json_str(strbuf *sb, const char *s); /* the same, onto SB */
void csv_field(strbuf *sb, const char *s);
void md_cell(strbuf *sb, const char *s);

typedef struct pg_table {
	strlist head;
	struct {
		const char **v; /* row-major, in MEM */
		size_t n, cap;
	} cells;
	arena mem;
	size_t ncols;
	unsigned numeric; /* bit i: column i is a number (JSON without quotes) */
} pg_table;

void table_init(pg_table *t, const char *const *head, unsigned numeric);
void table_add(pg_table *t, const char *const *row); /* ncols strings, NULL = empty */
/* Like table_add, but frees the ncols strings (heap, NULL = empty). */
void table_add_owned(pg_table *t, char *const *row);
/* Like table_add, without copying: the strings must outlive the table. */
void table_add_ref(pg_table *t, const char *const *row);
void table_print(const pg_table *t, int format, FILE *f);
void table_release(pg_table *t);

/* A table printed a row at a time, for listings too long to hold as
 * cells (every open item of a vault).  The aligned table format needs the
 * width of every column first: rowout_measure each row, then
 * rowout_row each.  The other formats print as they go.  table_print is
 * this, over the held cells.  HEAD must outlive the rowout. */
typedef struct pg_rowout {
	FILE *f;
	int format;
	const char *const *head;
	size_t ncols;
	unsigned numeric;
	int bold;     /* the header in bold: a table on a terminal, NO_COLOR unset */
	int *w;       /* the widths measured so far (the header's at first) */
	size_t rows;  /* printed */
	strbuf line;  /* the line being made */
	strbuf *keys; /* JSON: each column's name, escaped, and ": " */
	char *mem;    /* a continuation's output (rowout_continue): F is NULL */
	size_t mlen, mcap;
} pg_rowout;

void rowout_init(pg_rowout *o, const char *const *head, unsigned numeric, int format, FILE *f);
void rowout_measure(pg_rowout *o, const char *const *row); /* NULL = empty */
void rowout_row(pg_rowout *o, const char *const *row);     /* NULL = empty */
/* The same, given the length of each cell that is not NULL (LENS[c] is
 * strlen(ROW[c])), for long listings that know them. */
void rowout_measure_len(pg_rowout *o, const char *const *row, const size_t *lens);
void rowout_row_len(pg_rowout *o, const char *const *row, const size_t *lens);
/* Prints what closes the output (the header when there was no row) and
 * frees O's memory. */
void rowout_finish(pg_rowout *o);

/* Starts O as the continuation of FROM (as measured so far, if a table)
 * after its first ROWS rows, printing to memory: for other threads to
 * measure or print parts of a listing meanwhile.  Its rowout_finish prints
 * nothing.  The first row of a continuation at row 0 brings the header. */
void rowout_continue(pg_rowout *o, const pg_rowout *from, size_t rows);
/* O, a continuation, goes on after the first ROWS rows of the listing. */
void rowout_continue_at(pg_rowout *o, size_t rows);
/* Widens O's columns to those FROM measured. */
void rowout_widen(pg_rowout *o, const pg_rowout *from);
/* Writes what O (a continuation) printed to FROM's file, and empties O,
 * keeping its memory for more.  FROM then counts O's rows as printed. */
void rowout_write_to(pg_rowout *o, pg_rowout *from);

#endif
