/* path.c — peoplegraph path A B: the shortest chain of meetings that
 * connects two people (breadth first over shared notes). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "out.h"

typedef struct adj {
	int *to;
	sqlite3_int64 *via;
	size_t n, cap;
} adj;

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
	/* graph of co-participation; the earliest note names each step */
	int np = 0;
	sqlite3_stmt *s = store_prepare(v, "SELECT max(id) FROM person");
	if (s && sqlite3_step(s) == SQLITE_ROW)
		np = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	adj *G = xcalloc((size_t)np + 1, sizeof(*G));
	strbuf sql = STRBUF_INIT;
	sb_addf(&sql,
		"SELECT m1.person, m2.person, n.id FROM mention m1 JOIN mention m2 ON m2.note = m1.note"
		" AND m2.person <> m1.person JOIN note n ON n.id = m1.note"
		" WHERE m1.role = 'participant' AND m2.role = 'participant' AND %s"
		" ORDER BY n.date, n.path",
		store_private_filter(v));
	s = store_prepare(v, sb_str(&sql));
	sb_release(&sql);
	while (s && sqlite3_step(s) == SQLITE_ROW) {
		int x = sqlite3_column_int(s, 0), y = sqlite3_column_int(s, 1);
		if (x < 0 || x > np || y < 0 || y > np)
			continue;
		adj *e = &G[x];
		int seen = 0;
		for (size_t k = 0; k < e->n && !seen; k++)
			seen = e->to[k] == y;
		if (seen)
			continue;
		if (e->n == e->cap) {
			e->cap = e->cap ? e->cap * 2 : 8;
			e->to = xrealloc(e->to, e->cap * sizeof(int));
			e->via = xrealloc(e->via, e->cap * sizeof(sqlite3_int64));
		}
		e->to[e->n] = y;
		e->via[e->n++] = sqlite3_column_int64(s, 2);
	}
	sqlite3_finalize(s);
	int *prev = xmalloc(((size_t)np + 1) * sizeof(int));
	sqlite3_int64 *via = xcalloc((size_t)np + 1, sizeof(*via));
	int *queue = xmalloc(((size_t)np + 1) * sizeof(int));
	for (int i = 0; i <= np; i++)
		prev[i] = -1;
	size_t qh = 0, qt = 0;
	queue[qt++] = a;
	prev[a] = a;
	while (qh < qt && prev[b] < 0) {
		int x = queue[qh++];
		for (size_t k = 0; k < G[x].n; k++) {
			int y = G[x].to[k];
			if (prev[y] >= 0)
				continue;
			prev[y] = x;
			via[y] = G[x].via[k];
			queue[qt++] = y;
		}
	}
	pg_table t;
	static const char *const head[] = {"from", "to", "met in", "date", "note", NULL};
	table_init(&t, head, 0);
	if (prev[b] < 0) {
		fprintf(stderr, "peoplegraph: no chain of meetings connects them\n");
		rc = PG_EXIT_NOTES > rc ? PG_EXIT_NOTES : rc;
	} else if (a != b) {
		int *chain = xmalloc(((size_t)np + 1) * sizeof(int));
		int len = 0;
		for (int x = b; x != a; x = prev[x])
			chain[len++] = x;
		sqlite3_stmt *pn = store_prepare(v, "SELECT name FROM person WHERE id = ?");
		sqlite3_stmt *nt = store_prepare(v, "SELECT title, date, path FROM note WHERE id = ?");
		int from = a;
		for (int k = len - 1; k >= 0 && pn && nt; k--) {
			int to = chain[k];
			char *fn = NULL, *tn = NULL;
			sqlite3_bind_int(pn, 1, from);
			if (sqlite3_step(pn) == SQLITE_ROW)
				fn = xstrdup((const char *)sqlite3_column_text(pn, 0));
			sqlite3_reset(pn);
			sqlite3_bind_int(pn, 1, to);
			if (sqlite3_step(pn) == SQLITE_ROW)
				tn = xstrdup((const char *)sqlite3_column_text(pn, 0));
			sqlite3_reset(pn);
			sqlite3_bind_int64(nt, 1, via[to]);
			if (sqlite3_step(nt) == SQLITE_ROW) {
				const char *row[] = {fn, tn, (const char *)sqlite3_column_text(nt, 0),
						     (const char *)sqlite3_column_text(nt, 1),
						     (const char *)sqlite3_column_text(nt, 2)};
				table_add(&t, row);
			}
			sqlite3_reset(nt);
			free(fn);
			free(tn);
			from = to;
		}
		sqlite3_finalize(pn);
		sqlite3_finalize(nt);
		free(chain);
	}
	table_print(&t, fmt, stdout);
	table_release(&t);
	for (int i = 0; i <= np; i++) {
		free(G[i].to);
		free(G[i].via);
	}
	free(G);
	free(prev);
	free(via);
	free(queue);
	pg_vault_close(v);
	return rc;
}
