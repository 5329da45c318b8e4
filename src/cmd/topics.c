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
				return usage_error("topics",
						   "--format takes table, json, csv or md");
			break;
		default:
			return usage_error("topics", "unknown option or missing value: '%s'",
					   argv[optind - 1]);
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
	static const char *const head[] = {"topic", "notes", "first", "last", NULL};
	if (id) {
		cli_topic *tv;
		size_t tn;
		pg_table t;
		table_init(&t, head, 1u << 1);
		cli_person_topics(v, id, &tv, &tn);
		for (size_t i = 0; i < tn && (limit < 0 || i < (size_t)limit); i++) {
			char cnt[16];
			snprintf(cnt, sizeof cnt, "%d", tv[i].notes);
			const char *row[] = {tv[i].term, cnt, *tv[i].first ? tv[i].first : NULL,
					     *tv[i].last ? tv[i].last : NULL};
			table_add(&t, row);
		}
		cli_topics_release(tv, tn);
		table_print(&t, fmt, stdout);
		table_release(&t);
		pg_vault_close(v);
		return rc;
	}
	strbuf sql = STRBUF_INIT;
	sb_addf(&sql,
		"SELECT term, notes, first_seen, last_seen FROM topic_stat WHERE scope = %d"
		" ORDER BY notes DESC, weight DESC, term LIMIT ?2",
		store_scope(v));
	sqlite3_stmt *s = store_prepare(v, sb_str(&sql));
	sb_release(&sql);
	if (!s) {
		pg_vault_close(v);
		return PG_EXIT_OPEN;
	}
	sqlite3_bind_int(s, 2, limit);
	cli_print_query(s, head, 1u << 1, fmt);
	pg_vault_close(v);
	return rc;
}
