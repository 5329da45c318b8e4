/* stale.c — peoplegraph stale: people met at least twice before, but not
 * in the last N days: who to get back in touch with. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "cmdutil.h"
#include "out.h"

int cmd_stale(pg_cli *cli, int argc, char **argv)
{
	static const struct option lo[] = {{"days", required_argument, NULL, 'd'},
					   {"as-of", required_argument, NULL, 'a'},
					   {"format", required_argument, NULL, 'f'},
					   {NULL, 0, NULL, 0}};
	int fmt = OUT_TABLE, days = 90, c;
	char asof[11], cutoff[11];
	today(asof);
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "", lo, NULL)) != -1) {
		switch (c) {
		case 'd':
			days = atoi(optarg);
			if (days <= 0)
				return usage_error("stale", "--days takes a positive number");
			break;
		case 'a':
			if (!valid_day(optarg))
				return usage_error("stale", "--as-of takes a date YYYY-MM-DD");
			snprintf(asof, sizeof asof, "%s", optarg);
			break;
		case 'f':
			if ((fmt = out_format(optarg)) < 0)
				return usage_error("stale",
						   "--format takes table, json, csv or md");
			break;
		default:
			return usage_error("stale", "unknown option or missing value: '%s'",
					   argv[optind - 1]);
		}
	}
	if (optind < argc)
		return usage_error("stale", "unexpected argument '%s'", argv[optind]);
	day_minus(asof, days, cutoff);
	pg_vault *v;
	int rc = cli_open(cli, &v);
	if (rc == PG_EXIT_OPEN)
		return rc;
	/* The summary answers when no meeting is dated after the as-of day
	 * (the usual case: as of today); otherwise count up to that day. */
	int summary = 0;
	sqlite3_stmt *q =
		store_prepare(v, "SELECT coalesce(max(last_met), '') <= ?1 FROM person_stat");
	if (q) {
		sqlite3_bind_text(q, 1, asof, -1, SQLITE_STATIC);
		summary = sqlite3_step(q) == SQLITE_ROW && sqlite3_column_int(q, 0);
	}
	sqlite3_finalize(q);
	strbuf sql = STRBUF_INIT;
	if (summary)
		sb_addf(&sql,
			"SELECT p.name, p.org, s.met AS meetings, s.last_met AS last,"
			" CAST(julianday(?2) - julianday(s.last_met) AS INTEGER) AS days"
			" FROM person_stat s JOIN person p ON p.id = s.person"
			" WHERE s.scope = %d AND p.is_owner = 0 AND s.met >= 2 AND s.last_met < ?1"
			" ORDER BY meetings DESC, last, p.name",
			store_scope(v));
	else
		sb_addf(&sql,
			"SELECT p.name, p.org, count(*) AS meetings, max(n.date) AS last,"
			" CAST(julianday(?2) - julianday(max(n.date)) AS INTEGER) AS days"
			" FROM mention m JOIN person p ON p.id = m.person JOIN note n ON n.id = m.note"
			" WHERE m.role = 'participant' AND n.person_note = 0 AND n.date IS NOT NULL"
			" AND n.date <= ?2 AND p.is_owner = 0 AND %s"
			" GROUP BY p.id HAVING meetings >= 2 AND last < ?1 ORDER BY meetings DESC, last, p.name",
			store_private_filter(v));
	sqlite3_stmt *s = store_prepare(v, sb_str(&sql));
	sb_release(&sql);
	if (!s) {
		pg_vault_close(v);
		return PG_EXIT_OPEN;
	}
	sqlite3_bind_text(s, 1, cutoff, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, asof, -1, SQLITE_STATIC);
	static const char *const head[] = {"name",     "org",        "meetings",
					   "last met", "days since", NULL};
	cli_print_query(s, head, (1u << 2) | (1u << 4), fmt);
	pg_vault_close(v);
	return rc;
}
