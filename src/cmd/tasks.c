/* tasks.c — peoplegraph tasks [NAME]: action items with owner, due date,
 * status and the note they come from. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "cmdutil.h"
#include "out.h"

int cmd_tasks(pg_cli *cli, int argc, char **argv)
{
	static const struct option lo[] = {
		{"open", no_argument, NULL, 'o'},         {"done", no_argument, NULL, 'd'},
		{"overdue", no_argument, NULL, 'v'},      {"as-of", required_argument, NULL, 'a'},
		{"format", required_argument, NULL, 'f'}, {NULL, 0, NULL, 0}};
	int fmt = OUT_TABLE, want = 0, c; /* want: 0 all, 1 open, 2 done, 3 overdue */
	char asof[11];
	today(asof);
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "", lo, NULL)) != -1) {
		switch (c) {
		case 'o': want = 1; break;
		case 'd': want = 2; break;
		case 'v': want = 3; break;
		case 'a':
			if (!valid_day(optarg))
				return usage_error("tasks", "--as-of takes a date YYYY-MM-DD");
			snprintf(asof, sizeof asof, "%s", optarg);
			break;
		case 'f':
			if ((fmt = out_format(optarg)) < 0)
				return usage_error("tasks",
						   "--format takes table, json, csv or md");
			break;
		default:
			return usage_error("tasks", "unknown option or missing value: '%s'",
					   argv[optind - 1]);
		}
	}
	if (argc - optind > 1)
		return usage_error("tasks", "give at most one NAME");
	pg_vault *v;
	int rc = cli_open(cli, &v);
	if (rc == PG_EXIT_OPEN)
		return rc;
	int id = 0;
	if (optind < argc && (id = cli_person(v, argv[optind])) < 0) {
		pg_vault_close(v);
		return PG_EXIT_USAGE;
	}
	strbuf sql = STRBUF_INIT;
	sb_addf(&sql,
		"SELECT t.due, CASE WHEN t.done THEN 'done' WHEN t.due < ?2 THEN 'overdue' ELSE 'open' END,"
		" coalesce(p.name, t.owner_text), t.text, n.path, n.date"
		" FROM task t JOIN note n ON n.id = t.note LEFT JOIN person p ON p.id = t.owner"
		" WHERE %s AND %s"
		" AND (?3 = 0 OR (?3 = 1 AND NOT t.done) OR (?3 = 2 AND t.done)"
		"      OR (?3 = 3 AND NOT t.done AND t.due < ?2))"
		" ORDER BY t.done, t.due IS NULL, t.due, n.date, n.path, t.seq",
		/* spelled out, not "?1 = 0 OR": an OR keeps SQLite off the index */
		store_private_filter(v), id ? "t.owner = ?1" : "1");
	sqlite3_stmt *s = store_prepare(v, sb_str(&sql));
	sb_release(&sql);
	if (!s) {
		pg_vault_close(v);
		return PG_EXIT_OPEN;
	}
	sqlite3_bind_int(s, 1, id);
	sqlite3_bind_text(s, 2, asof, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 3, want);
	static const char *const head[] = {"due", "status", "owner", "task", "note", "date", NULL};
	cli_print_query(s, head, 0, fmt);
	pg_vault_close(v);
	return rc;
}
