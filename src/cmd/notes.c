/* notes.c — peoplegraph notes [--format json|table|csv|md]: the extraction
 * contract (see DESIGN.md): one object per note, names canonical. */
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "out.h"

/* Appends the names of NOTE's people with ROLE_SQL to L. */
static void names(sqlite3_stmt *s, sqlite3_int64 note, strlist *l)
{
	sqlite3_bind_int64(s, 1, note);
	while (sqlite3_step(s) == SQLITE_ROW)
		sl_push(l, cli_col(s, 0));
	sqlite3_reset(s);
}

static void joined(strbuf *sb, const strlist *l)
{
	sb_reset(sb);
	for (size_t i = 0; i < l->n; i++)
		sb_addf(sb, "%s%s", i ? "; " : "", l->v[i]);
}

int cmd_notes(pg_cli *cli, int argc, char **argv)
{
	int fmt = OUT_JSON;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--format") && i + 1 < argc)
			fmt = out_format(argv[++i]);
		else if (!strncmp(argv[i], "--format=", 9))
			fmt = out_format(argv[i] + 9);
		else
			return usage_error("notes", "unknown option '%s'", argv[i]);
		if (fmt < 0)
			return usage_error("notes", "--format takes json, table, csv or md");
	}
	pg_vault *v;
	int rc = cli_open(cli, &v);
	if (rc == PG_EXIT_OPEN)
		return rc;
	strbuf sql = STRBUF_INIT;
	sb_addf(&sql, "SELECT id, path, date, title FROM note WHERE %s ORDER BY path",
		store_private_filter(v));
	sqlite3_stmt *n = store_prepare(v, sb_str(&sql));
	sqlite3_stmt *part =
		store_prepare(v, "SELECT p.name FROM mention m JOIN person p ON p.id = m.person"
				 " WHERE m.note = ? AND m.role = 'participant' ORDER BY m.ord");
	sqlite3_stmt *ref =
		store_prepare(v, "SELECT p.name FROM mention m JOIN person p ON p.id = m.person"
				 " WHERE m.note = ? AND m.role <> 'participant' ORDER BY m.ord");
	sqlite3_stmt *task = store_prepare(
		v,
		"SELECT p.name, t.due, t.done, t.text FROM task t LEFT JOIN person p ON p.id = t.owner"
		" WHERE t.note = ? ORDER BY t.seq");
	sqlite3_stmt *top =
		store_prepare(v, "SELECT term FROM topic WHERE note = ? ORDER BY ord LIMIT 6");
	sb_release(&sql);
	if (!n || !part || !ref || !task || !top) {
		rc = PG_EXIT_OPEN;
		goto cleanup;
	}
	pg_table t;
	static const char *const head[] = {"path",       "date",  "title", "participants",
					   "referenced", "tasks", NULL};
	table_init(&t, head, 1u << 5);
	int first = 1;
	if (fmt == OUT_JSON)
		fputs("[", stdout);
	while (sqlite3_step(n) == SQLITE_ROW) {
		sqlite3_int64 id = sqlite3_column_int64(n, 0);
		strlist P = {0}, R = {0}, T = {0};
		names(part, id, &P);
		names(ref, id, &R);
		names(top, id, &T);
		if (fmt == OUT_JSON) {
			strbuf sb = STRBUF_INIT;
			sb_adds(&sb, first ? "\n" : ",\n");
			first = 0;
			cli_json_note_head(&sb, cli_col(n, 1), cli_col(n, 2), cli_col(n, 3));
			sb_adds(&sb, ",\n  \"participants\": ");
			cli_json_strings(&sb, (const char *const *)P.v, P.n);
			sb_adds(&sb, ", \"referenced\": ");
			cli_json_strings(&sb, (const char *const *)R.v, R.n);
			sb_adds(&sb, ",\n  \"tasks\": ");
			sqlite3_bind_int64(task, 1, id);
			cli_json_tasks(&sb, task);
			sb_adds(&sb, ",\n  \"topics\": ");
			cli_json_strings(&sb, (const char *const *)T.v, T.n);
			sb_addc(&sb, '}');
			fwrite(sb.buf, 1, sb.len, stdout);
			sb_release(&sb);
		} else {
			strbuf a = STRBUF_INIT, b = STRBUF_INIT;
			joined(&a, &P);
			joined(&b, &R);
			sqlite3_bind_int64(task, 1, id);
			int nt = 0;
			while (sqlite3_step(task) == SQLITE_ROW)
				nt++;
			sqlite3_reset(task);
			char num[16];
			snprintf(num, sizeof num, "%d", nt);
			const char *row[] = {cli_col(n, 1), cli_col(n, 2), cli_col(n, 3),
					     sb_str(&a),    sb_str(&b),    num};
			table_add(&t, row);
			sb_release(&a);
			sb_release(&b);
		}
		sl_release(&P);
		sl_release(&R);
		sl_release(&T);
	}
	if (fmt == OUT_JSON)
		fputs(first ? "]\n" : "\n]\n", stdout);
	else
		table_print(&t, fmt, stdout);
	table_release(&t);
cleanup:
	sqlite3_finalize(n);
	sqlite3_finalize(part);
	sqlite3_finalize(ref);
	sqlite3_finalize(task);
	sqlite3_finalize(top);
	pg_vault_close(v);
	return rc;
}
