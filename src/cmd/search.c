/* search.c — peoplegraph search TEXT: full-text search (FTS5) over titles
 * and bodies, with a snippet and the people of each hit. */
#include <ctype.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "out.h"

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
					   {"format", required_argument, NULL, 'f'},
					   {NULL, 0, NULL, 0}};
	int fmt = OUT_TABLE, limit = 20, c;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "", lo, NULL)) != -1) {
		switch (c) {
		case 'l': limit = atoi(optarg); break;
		case 'f':
			if ((fmt = out_format(optarg)) < 0)
				return usage_error("search", "--format takes table, json, csv or md");
			break;
		default:
			return usage_error("search", "unknown option or missing value: '%s'", argv[optind - 1]);
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
	strbuf sql = STRBUF_INIT;
	sb_addf(&sql,
		"SELECT n.date, n.title, n.path, snippet(fts, 1, '[', ']', '...', 12),"
		" (SELECT group_concat(name, ', ') FROM (SELECT p.name FROM mention m JOIN person p"
		"   ON p.id = m.person WHERE m.note = n.id ORDER BY m.ord))"
		" FROM fts JOIN note n ON n.id = fts.rowid WHERE fts MATCH ?1 AND %s"
		" ORDER BY rank LIMIT ?2",
		store_private_filter(v));
	sqlite3_stmt *s = store_prepare(v, sb_str(&sql));
	sb_release(&sql);
	if (!s) {
		free(q);
		pg_vault_close(v);
		return PG_EXIT_OPEN;
	}
	sqlite3_bind_text(s, 1, q, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 2, limit);
	pg_table t;
	static const char *const head[] = {"date", "title", "path", "snippet", "people", NULL};
	table_init(&t, head, 0);
	while (sqlite3_step(s) == SQLITE_ROW) {
		const char *row[5];
		for (int k = 0; k < 5; k++)
			row[k] = (const char *)sqlite3_column_text(s, k);
		char *snip = row[3] ? xstrdup(row[3]) : NULL;
		for (char *z = snip; z && *z; z++)
			if (*z == '\n')
				*z = ' ';
		row[3] = snip;
		table_add(&t, row);
		free(snip);
	}
	sqlite3_finalize(s);
	free(q);
	table_print(&t, fmt, stdout);
	table_release(&t);
	pg_vault_close(v);
	return rc;
}
