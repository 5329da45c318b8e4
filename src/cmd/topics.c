/* topics.c — peoplegraph topics [--person NAME]: what the notes are about. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "out.h"

int cmd_topics(pg_cli *cli, int argc, char **argv)
{
	static const struct option lo[] = {{"person", required_argument, NULL, 'p'},
					   {"limit", required_argument, NULL, 'l'},
					   {"format", required_argument, NULL, 'f'},
					   {NULL, 0, NULL, 0}};
	int fmt = OUT_TABLE, limit = 30, c;
	const char *person = NULL;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "", lo, NULL)) != -1) {
		switch (c) {
		case 'p': person = optarg; break;
		case 'l': limit = atoi(optarg); break;
		case 'f':
			if ((fmt = out_format(optarg)) < 0)
				return usage_error("topics", "--format takes table, json, csv or md");
			break;
		default:
			return usage_error("topics", "unknown option or missing value: '%s'", argv[optind - 1]);
		}
	}
	if (optind < argc)
		return usage_error("topics", "unexpected argument '%s'", argv[optind]);
	pg_vault *v;
	int rc = cli_open(cli, &v);
	if (rc == PG_EXIT_OPEN)
		return rc;
	int id = 0;
	if (person && (id = cli_person(v, person)) < 0) {
		pg_vault_close(v);
		return PG_EXIT_USAGE;
	}
	strbuf sql = STRBUF_INIT;
	if (!id)
		sb_addf(&sql,
			"SELECT term, notes, first_seen, last_seen FROM topic_stat WHERE scope = %d"
			" ORDER BY notes DESC, weight DESC, term LIMIT ?2",
			store_scope(v));
	else
		/* around one person: what is characteristic of their notes, not
		 * what every note is about (notes with them x log(N / notes)) */
		sb_addf(&sql,
			"SELECT t.term, count(DISTINCT t.note) AS notes, min(n.date), max(n.date)"
			" FROM mention m JOIN topic t ON t.note = m.note JOIN note n ON n.id = t.note"
			" WHERE m.person = ?1 AND %s GROUP BY lower(t.term)"
			" ORDER BY count(DISTINCT t.note) * ln(((SELECT count(*) FROM note) + 1.0) /"
			"  (SELECT notes FROM topic_stat d WHERE d.scope = 1 AND d.key = lower(t.term)))"
			" DESC, t.term LIMIT ?2",
			store_private_filter(v));
	sqlite3_stmt *s = store_prepare(v, sb_str(&sql));
	sb_release(&sql);
	if (!s) {
		pg_vault_close(v);
		return PG_EXIT_OPEN;
	}
	sqlite3_bind_int(s, 1, id);
	sqlite3_bind_int(s, 2, limit);
	static const char *const head[] = {"topic", "notes", "first", "last", NULL};
	cli_print_query(s, head, 1u << 1, fmt);
	pg_vault_close(v);
	return rc;
}
