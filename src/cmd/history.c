/* history.c — peoplegraph history NAME: the person's notes, newest first,
 * with role, who else was there, topics and their action items. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "out.h"

static const char *col(sqlite3_stmt *s, int i)
{
	return (const char *)sqlite3_column_text(s, i);
}

int cmd_history(pg_cli *cli, int argc, char **argv)
{
	static const struct option lo[] = {
		{"since", required_argument, NULL, 's'}, {"until", required_argument, NULL, 'u'},
		{"limit", required_argument, NULL, 'l'}, {"role", required_argument, NULL, 'r'},
		{"format", required_argument, NULL, 'f'}, {NULL, 0, NULL, 0}};
	const char *since = NULL, *until = NULL, *role = NULL;
	int limit = -1, fmt = OUT_TABLE, c;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "", lo, NULL)) != -1) {
		switch (c) {
		case 's': since = optarg; break;
		case 'u': until = optarg; break;
		case 'l': limit = atoi(optarg); break;
		case 'r': role = optarg; break;
		case 'f':
			if ((fmt = out_format(optarg)) < 0)
				return usage_error("history", "--format takes table, json, csv or md");
			break;
		default:
			return usage_error("history", "unknown option or missing value: '%s'", argv[optind - 1]);
		}
	}
	if (optind + 1 != argc)
		return usage_error("history", "give exactly one NAME");
	if (role && strcmp(role, "participant") && strcmp(role, "referenced") && strcmp(role, "owner") &&
	    strcmp(role, "absent"))
		return usage_error("history", "--role takes participant, referenced, owner or absent");
	const char *name = argv[optind];
	pg_vault *v;
	int rc = cli_open(cli, &v);
	if (rc == PG_EXIT_OPEN)
		return rc;
	int id = cli_person(v, name);
	if (id < 0) {
		pg_vault_close(v);
		return PG_EXIT_USAGE;
	}
	strbuf sql = STRBUF_INIT;
	/* role: participant, else owner of an item in the note, else as mentioned */
	sb_addf(&sql,
		"SELECT * FROM (SELECT n.id, n.path, n.date, n.title,"
		" CASE WHEN m.role = 'participant' THEN 'participant'"
		"  WHEN EXISTS (SELECT 1 FROM task t WHERE t.note = n.id AND t.owner = ?1) THEN 'owner'"
		"  ELSE m.role END AS role"
		" FROM mention m JOIN note n ON n.id = m.note WHERE m.person = ?1 AND %s"
		" AND (?2 IS NULL OR n.date >= ?2) AND (?3 IS NULL OR n.date <= ?3))"
		" WHERE (?4 IS NULL OR role = ?4)"
		" ORDER BY date IS NULL, date DESC, path LIMIT ?5",
		store_private_filter(v));
	sqlite3_stmt *s = store_prepare(v, sb_str(&sql));
	sb_release(&sql);
	sqlite3_stmt *with = store_prepare(v,
		"SELECT p.name FROM mention m JOIN person p ON p.id = m.person"
		" WHERE m.note = ? AND m.role = 'participant' AND m.person <> ? ORDER BY m.ord");
	sqlite3_stmt *top = store_prepare(v, "SELECT term FROM topic WHERE note = ? ORDER BY ord LIMIT 5");
	sqlite3_stmt *task = store_prepare(v,
		"SELECT p.name, t.due, t.done, t.text FROM task t LEFT JOIN person p ON p.id = t.owner"
		" WHERE t.note = ? AND t.owner = ? ORDER BY t.seq");
	if (!s || !with || !top || !task) {
		rc = PG_EXIT_OPEN;
		goto cleanup;
	}
	sqlite3_bind_int(s, 1, id);
	if (since)
		sqlite3_bind_text(s, 2, since, -1, SQLITE_STATIC);
	if (until)
		sqlite3_bind_text(s, 3, until, -1, SQLITE_STATIC);
	if (role)
		sqlite3_bind_text(s, 4, role, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 5, limit);
	pg_table t;
	static const char *const head[] = {"date", "title", "role", "with", "topics", "open items", NULL};
	table_init(&t, head, 0);
	int first = 1;
	if (fmt == OUT_JSON)
		fputs("[", stdout);
	while (sqlite3_step(s) == SQLITE_ROW) {
		sqlite3_int64 note = sqlite3_column_int64(s, 0);
		strlist W = {0}, T = {0};
		sqlite3_bind_int64(with, 1, note);
		sqlite3_bind_int(with, 2, id);
		while (sqlite3_step(with) == SQLITE_ROW)
			sl_push(&W, col(with, 0));
		sqlite3_reset(with);
		sqlite3_bind_int64(top, 1, note);
		while (sqlite3_step(top) == SQLITE_ROW)
			sl_push(&T, col(top, 0));
		sqlite3_reset(top);
		sqlite3_bind_int64(task, 1, note);
		sqlite3_bind_int(task, 2, id);
		if (fmt == OUT_JSON) {
			fputs(first ? "\n" : ",\n", stdout);
			first = 0;
			cli_json_note_head(stdout, col(s, 1), col(s, 2), col(s, 3));
			fputs(", \"role\": ", stdout);
			json_str(stdout, col(s, 4));
			fputs(",\n  \"with\": ", stdout);
			cli_json_strings(stdout, &W);
			fputs(", \"topics\": ", stdout);
			cli_json_strings(stdout, &T);
			fputs(",\n  \"tasks\": ", stdout);
			cli_json_tasks(stdout, task);
			fputs("}", stdout);
		} else {
			strbuf w = STRBUF_INIT, tp = STRBUF_INIT, ti = STRBUF_INIT;
			for (size_t i = 0; i < W.n; i++)
				sb_addf(&w, "%s%s", i ? ", " : "", W.v[i]);
			for (size_t i = 0; i < T.n && i < 3; i++)
				sb_addf(&tp, "%s%s", i ? ", " : "", T.v[i]);
			while (sqlite3_step(task) == SQLITE_ROW) {
				if (sqlite3_column_int(task, 2))
					continue;
				sb_addf(&ti, "%s%s%s%s", ti.len ? "; " : "", col(task, 3),
					col(task, 1) ? " due " : "", col(task, 1) ? col(task, 1) : "");
			}
			const char *row[] = {col(s, 2) ? col(s, 2) : "", col(s, 3), col(s, 4), sb_str(&w),
					     sb_str(&tp), sb_str(&ti)};
			table_add(&t, row);
			sb_release(&w);
			sb_release(&tp);
			sb_release(&ti);
		}
		sqlite3_reset(task);
		sl_release(&W);
		sl_release(&T);
	}
	if (fmt == OUT_JSON)
		fputs(first ? "]\n" : "\n]\n", stdout);
	else
		table_print(&t, fmt, stdout);
	table_release(&t);
cleanup:
	sqlite3_finalize(s);
	sqlite3_finalize(with);
	sqlite3_finalize(top);
	sqlite3_finalize(task);
	pg_vault_close(v);
	return rc;
}
