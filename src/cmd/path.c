/* path.c — peoplegraph path A B: the shortest chain of meetings that
 * connects two people (breadth first from both ends over shared notes). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "out.h"

/* One side of a bidirectional breadth-first search: who found whom, and
 * the note that links them (the earliest the two share). */
typedef struct side {
	int *prev;
	sqlite3_int64 *via;
	int *frontier;
	size_t n;
} side;

static void side_init(side *S, int np, int start)
{
	S->prev = xmalloc(((size_t)np + 1) * sizeof(int));
	S->via = xcalloc((size_t)np + 1, sizeof(*S->via));
	S->frontier = xmalloc(sizeof(int));
	for (int i = 0; i <= np; i++)
		S->prev[i] = -1;
	S->prev[start] = start;
	S->frontier[0] = start;
	S->n = 1;
}

static void side_release(side *S)
{
	free(S->prev);
	free(S->via);
	free(S->frontier);
}

/* Expands S by one level: the people who sat in a meeting with someone on
 * its frontier, earliest shared meeting first.  Returns the first person
 * the other side O has reached, or -1. */
static int side_expand(side *S, const side *O, sqlite3_stmt *nb, int np)
{
	int *next = NULL;
	size_t nn = 0, cap = 0;
	int meet = -1;
	for (size_t f = 0; f < S->n && meet < 0; f++) {
		int x = S->frontier[f];
		sqlite3_bind_int(nb, 1, x);
		while (sqlite3_step(nb) == SQLITE_ROW) {
			int y = sqlite3_column_int(nb, 0);
			if (y < 0 || y > np || S->prev[y] >= 0)
				continue;
			S->prev[y] = x;
			S->via[y] = sqlite3_column_int64(nb, 1);
			ALLOC_GROW(next, nn, cap);
			next[nn++] = y;
			if (meet < 0 && O->prev[y] >= 0)
				meet = y;
		}
		sqlite3_reset(nb);
	}
	free(S->frontier);
	S->frontier = next;
	S->n = nn;
	return meet;
}

int cmd_path(pg_cli *cli, int argc, char **argv)
{
	int fmt = OUT_TABLE;
	const char *names[2] = {NULL, NULL};
	int nn = 0;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--format") && i + 1 < argc) {
			if ((fmt = out_format(argv[++i])) < 0)
				return usage_error("path", "--format takes table, json, csv or md");
		} else if (argv[i][0] == '-' && argv[i][1]) {
			return usage_error("path", "unknown option '%s'", argv[i]);
		} else if (nn < 2) {
			names[nn++] = argv[i];
		} else {
			return usage_error("path", "give two names");
		}
	}
	if (nn != 2)
		return usage_error("path", "give two names");
	pg_vault *v;
	int rc = cli_open(cli, &v);
	if (rc == PG_EXIT_OPEN)
		return rc;
	int a = cli_person(v, names[0]), b = a > 0 ? cli_person(v, names[1]) : -1;
	if (a < 0 || b < 0) {
		pg_vault_close(v);
		return PG_EXIT_USAGE;
	}
	/* Breadth first from both ends over shared meetings, one level at a
	 * time from the smaller frontier; the first person both sides reach
	 * closes a shortest chain.  Only the people near the two ends are read. */
	int np = 0;
	sqlite3_stmt *s = store_prepare(v, "SELECT max(id) FROM person");
	if (s && sqlite3_step(s) == SQLITE_ROW)
		np = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	strbuf sql = STRBUF_INIT;
	sb_addf(&sql,
		"SELECT m2.person, n.id FROM mention m1 JOIN mention m2 ON m2.note = m1.note"
		" AND m2.person <> m1.person JOIN note n ON n.id = m1.note"
		" WHERE m1.person = ?1 AND m1.role = 'participant' AND m2.role = 'participant' AND %s"
		" ORDER BY n.date, n.path",
		store_private_filter(v));
	sqlite3_stmt *nb = store_prepare(v, sb_str(&sql));
	sb_release(&sql);
	side A, B;
	side_init(&A, np, a);
	side_init(&B, np, b);
	int meet = a == b ? a : -1;
	while (meet < 0 && nb && A.n && B.n) {
		if (A.n <= B.n)
			meet = side_expand(&A, &B, nb, np);
		else
			meet = side_expand(&B, &A, nb, np);
	}
	sqlite3_finalize(nb);
	/* the chain: a ... meet by A's links, then meet ... b by B's */
	size_t len = 0;
	int *from = xmalloc(((size_t)np + 1) * sizeof(int)),
	    *to = xmalloc(((size_t)np + 1) * sizeof(int));
	sqlite3_int64 *via = xmalloc(((size_t)np + 1) * sizeof(*via));
	if (meet >= 0) {
		for (int x = meet; x != a; x = A.prev[x])
			len++;
		size_t k = len;
		for (int x = meet; x != a; x = A.prev[x]) {
			k--;
			from[k] = A.prev[x];
			to[k] = x;
			via[k] = A.via[x];
		}
		for (int x = meet; x != b; x = B.prev[x]) {
			from[len] = x;
			to[len] = B.prev[x];
			via[len++] = B.via[x];
		}
	}
	pg_table t;
	static const char *const head[] = {"from", "to", "met in", "date", "note", NULL};
	table_init(&t, head, 0);
	if (meet < 0) {
		fprintf(stderr, "peoplegraph: no chain of meetings connects them\n");
		rc = PG_EXIT_NOTES > rc ? PG_EXIT_NOTES : rc;
	} else {
		sqlite3_stmt *pn = store_prepare(v, "SELECT name FROM person WHERE id = ?");
		sqlite3_stmt *nt =
			store_prepare(v, "SELECT title, date, path FROM note WHERE id = ?");
		for (size_t k = 0; k < len && pn && nt; k++) {
			char *fn = NULL, *tn = NULL;
			sqlite3_bind_int(pn, 1, from[k]);
			if (sqlite3_step(pn) == SQLITE_ROW)
				fn = xstrdup((const char *)sqlite3_column_text(pn, 0));
			sqlite3_reset(pn);
			sqlite3_bind_int(pn, 1, to[k]);
			if (sqlite3_step(pn) == SQLITE_ROW)
				tn = xstrdup((const char *)sqlite3_column_text(pn, 0));
			sqlite3_reset(pn);
			sqlite3_bind_int64(nt, 1, via[k]);
			if (sqlite3_step(nt) == SQLITE_ROW) {
				const char *row[] = {fn, tn,
						     (const char *)sqlite3_column_text(nt, 0),
						     (const char *)sqlite3_column_text(nt, 1),
						     (const char *)sqlite3_column_text(nt, 2)};
				table_add(&t, row);
			}
			sqlite3_reset(nt);
			free(fn);
			free(tn);
		}
		sqlite3_finalize(pn);
		sqlite3_finalize(nt);
	}
	table_print(&t, fmt, stdout);
	table_release(&t);
	side_release(&A);
	side_release(&B);
	free(from);
	free(to);
	free(via);
	pg_vault_close(v);
	return rc;
}
