/* people.c — peoplegraph people: everyone, with organisation, meetings,
 * mentions, first and last seen. */
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "out.h"

int cmd_people(pg_cli *cli, int argc, char **argv)
{
	int fmt = OUT_TABLE;
	const char *sort = "meetings";
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--format") && i + 1 < argc)
			fmt = out_format(argv[++i]);
		else if (!strcmp(argv[i], "--sort") && i + 1 < argc)
			sort = argv[++i];
		else
			return usage_error("people", "unknown option '%s'", argv[i]);
		if (fmt < 0)
			return usage_error("people", "--format takes table, json, csv or md");
	}
	static const char *const sorts[][2] = {{"name", "p.name COLLATE NOCASE"},
					       {"meetings", "meetings DESC, mentions DESC, p.name"},
					       {"mentions", "mentions DESC, meetings DESC, p.name"},
					       {"first", "first_seen, p.name"},
					       {"last", "last_seen DESC, p.name"}};
	const char *order = NULL;
	for (size_t i = 0; i < sizeof sorts / sizeof sorts[0]; i++)
		if (!strcmp(sort, sorts[i][0]))
			order = sorts[i][1];
	if (!order)
		return usage_error("people",
				   "--sort takes name, meetings, mentions, first or last");
	pg_vault *v;
	int rc = cli_open(cli, &v);
	if (rc == PG_EXIT_OPEN)
		return rc;
	strbuf sql = STRBUF_INIT;
	sb_addf(&sql,
		"SELECT p.name, p.org, p.role, s.meetings, s.mentions, s.first_seen, s.last_seen"
		" FROM person p JOIN person_stat s ON s.person = p.id AND s.scope = %d ORDER BY %s",
		store_scope(v), order);
	sqlite3_stmt *s = store_prepare(v, sb_str(&sql));
	sb_release(&sql);
	if (!s) {
		pg_vault_close(v);
		return PG_EXIT_OPEN;
	}
	static const char *const head[] = {"name",     "org",   "role", "meetings",
					   "mentions", "first", "last", NULL};
	cli_print_query(s, head, (1u << 3) | (1u << 4), fmt);
	pg_vault_close(v);
	return rc;
}
