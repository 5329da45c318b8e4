/* search.c — peoplegraph search TEXT: full-text search (FTS5) over titles
 * and bodies, with a snippet and the people of each hit. */
#include <ctype.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "out.h"

/* Above this many matching notes hits are listed newest first, not ranked. */
#define SEARCH_RANK_MAX 500

/* The user's words as an FTS5 query of quoted terms: no syntax errors from
 * stray quotes or operators, every word must match. */
static char *fts_query(const char *text)
{
	strbuf sb = STRBUF_INIT;
	const char *p = text;
	while (*p) {
		while (*p && (isspace((unsigned char)*p) || *p == '"'))
			p++;
		if (!*p)
			break;
		if (sb.len)
			sb_addc(&sb, ' ');
		sb_addc(&sb, '"');
		while (*p && !isspace((unsigned char)*p)) {
			if (*p != '"')
				sb_addc(&sb, *p);
			p++;
		}
		sb_addc(&sb, '"');
	}
	return sb_detach(&sb);
}

int cmd_search(pg_cli *cli, int argc, char **argv)
{
	static const struct option lo[] = {{"limit", required_argument, NULL, 'l'},
					   {"sort", required_argument, NULL, 's'},
					   {"format", required_argument, NULL, 'f'},
					   {NULL, 0, NULL, 0}};
	enum { SORT_AUTO, SORT_RANK, SORT_DATE };
	int fmt = OUT_TABLE, limit = 20, sort = SORT_AUTO, c;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "", lo, NULL)) != -1) {
		switch (c) {
		case 'l': limit = atoi(optarg); break;
		case 's':
			if (!strcmp(optarg, "rank"))
				sort = SORT_RANK;
			else if (!strcmp(optarg, "date"))
				sort = SORT_DATE;
			else
				return usage_error("search", "--sort takes rank or date");
			break;
		case 'f':
			if ((fmt = out_format(optarg)) < 0)
				return usage_error("search",
						   "--format takes table, json, csv or md");
			break;
		default:
			return usage_error("search", "unknown option or missing value: '%s'",
					   argv[optind - 1]);
		}
	}
	if (optind >= argc)
		return usage_error("search", "give the TEXT to search for");
	strbuf text = STRBUF_INIT;
	for (int i = optind; i < argc; i++)
		sb_addf(&text, "%s%s", i > optind ? " " : "", argv[i]);
	char *q = fts_query(sb_str(&text));
	sb_release(&text);
	if (!*q) {
		free(q);
		return usage_error("search", "give the TEXT to search for");
	}
	pg_vault *v;
	int rc = cli_open(cli, &v);
	if (rc == PG_EXIT_OPEN) {
		free(q);
		return rc;
	}
	/* Ranking (bm25) re-reads every matching note, which costs more than the
	 * rest of the query once a word is in thousands of notes, and tells
	 * little there: such searches list the newest notes first.  Snippets
	 * and people are read for the shown hits only. */
	int total = 0;
	strbuf sql = STRBUF_INIT;
	sb_addf(&sql,
		"SELECT count(*) FROM fts f JOIN note n ON n.id = f.rowid WHERE fts MATCH ?1 AND %s",
		store_private_filter(v));
	sqlite3_stmt *s = store_prepare(v, sb_str(&sql));
	sb_reset(&sql);
	if (s) {
		sqlite3_bind_text(s, 1, q, -1, SQLITE_STATIC);
		if (sqlite3_step(s) == SQLITE_ROW)
			total = sqlite3_column_int(s, 0);
	}
	sqlite3_finalize(s);
	int ranked = sort == SORT_RANK || (sort == SORT_AUTO && total <= SEARCH_RANK_MAX);
	sb_addf(&sql,
		"SELECT f.rowid FROM fts f JOIN note n ON n.id = f.rowid WHERE fts MATCH ?1 AND %s"
		" ORDER BY %s LIMIT ?2",
		store_private_filter(v), ranked ? "f.rank" : "n.date IS NULL, n.date DESC, n.path");
	s = store_prepare(v, sb_str(&sql));
	sb_release(&sql);
	sqlite3_stmt *hit = store_prepare(
		v,
		"SELECT n.date, n.title, n.path, snippet(fts, 1, '[', ']', '...', 12),"
		" (SELECT group_concat(name, ', ') FROM (SELECT p.name FROM mention m JOIN person p"
		"   ON p.id = m.person WHERE m.note = n.id ORDER BY m.ord))"
		" FROM fts JOIN note n ON n.id = fts.rowid WHERE fts MATCH ?1 AND fts.rowid = ?2");
	if (!s || !hit) {
		sqlite3_finalize(s);
		sqlite3_finalize(hit);
		free(q);
		pg_vault_close(v);
		return PG_EXIT_OPEN;
	}
	sqlite3_bind_text(s, 1, q, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 2, limit);
	sqlite3_bind_text(hit, 1, q, -1, SQLITE_STATIC);
	pg_table t;
	static const char *const head[] = {"date", "title", "path", "snippet", "people", NULL};
	table_init(&t, head, 0);
	int shown = 0;
	while (sqlite3_step(s) == SQLITE_ROW) {
		sqlite3_bind_int64(hit, 2, sqlite3_column_int64(s, 0));
		if (sqlite3_step(hit) == SQLITE_ROW) {
			const char *row[5];
			for (int k = 0; k < 5; k++)
				row[k] = (const char *)sqlite3_column_text(hit, k);
			char *snip = row[3] ? xstrdup(row[3]) : NULL;
			for (char *z = snip; z && *z; z++)
				if (*z == '\n')
					*z = ' ';
			row[3] = snip;
			table_add(&t, row);
			free(snip);
			shown++;
		}
		sqlite3_reset(hit);
	}
	sqlite3_finalize(hit);
	if (!cli->open.quiet && total > shown && shown == limit)
		fprintf(stderr,
			"peoplegraph: %d notes match; these are the %d %s (--limit N shows more)\n",
			total, shown, ranked ? "best" : "newest");
	sqlite3_finalize(s);
	free(q);
	table_print(&t, fmt, stdout);
	table_release(&t);
	pg_vault_close(v);
	return rc;
}
