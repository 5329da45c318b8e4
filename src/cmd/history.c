/* history.c — peoplegraph history NAME: the person's notes, newest first,
 * with role, who else was there, topics and their action items. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "out.h"

/* One note of the history, with what is read about it in bulk. */
typedef struct hrow {
	sqlite3_int64 id;
	char *path, *date, *title;
	const char *role;
	strlist with, topics;
	cli_task *tasks;
	size_t ntasks, captasks;
} hrow;

typedef struct hkey {
	sqlite3_int64 id;
	size_t row;
} hkey;

static int hkey_cmp(const void *a, const void *b)
{
	sqlite3_int64 x = ((const hkey *)a)->id, y = ((const hkey *)b)->id;
	return x < y ? -1 : x > y;
}

static hrow *find_row(hrow *rows, const hkey *keys, size_t n, sqlite3_int64 id)
{
	hkey k = {id, 0};
	const hkey *f = bsearch(&k, keys, n, sizeof(*keys), hkey_cmp);
	return f ? &rows[f->row] : NULL;
}

/* A participant of a note in the history, in the order the note names them. */
typedef struct hwith {
	size_t row;
	int ord, person;
} hwith;

static int hwith_cmp(const void *a, const void *b)
{
	const hwith *x = a, *y = b;
	if (x->row != y->row)
		return x->row < y->row ? -1 : 1;
	return x->ord - y->ord;
}

/* Reads who else was there, the topics and the person's items of every
 * note in ROWS with one statement each, not one per note: a busy person's
 * history has thousands of notes.  The statements have no ORDER BY (a
 * sort of tens of thousands of rows costs more than the reading); the
 * order is put back here. */
static int fill_rows(pg_vault *v, hrow *rows, size_t n, int person)
{
	hkey *keys = xmalloc((n ? n : 1) * sizeof(*keys));
	strbuf ids = STRBUF_INIT;
	sb_addc(&ids, '[');
	for (size_t i = 0; i < n; i++) {
		keys[i].id = rows[i].id;
		keys[i].row = i;
		sb_addf(&ids, "%s%lld", i ? "," : "", (long long)rows[i].id);
	}
	sb_addc(&ids, ']');
	sort_array(keys, n, sizeof(*keys), hkey_cmp);
	/* names by id, read once rather than joined to every row */
	strlist names = {0};
	sqlite3_stmt *pn = store_prepare(v, "SELECT id, name FROM person ORDER BY id");
	while (pn && sqlite3_step(pn) == SQLITE_ROW) {
		size_t pid = (size_t)sqlite3_column_int64(pn, 0);
		while (names.n <= pid && names.n < 100000000)
			sl_push(&names, "");
		if (pid < names.n) {
			free(names.v[pid]);
			names.v[pid] = xstrdup(cli_col(pn, 1));
		}
	}
	sqlite3_finalize(pn);
	static const char *const sql[] = {
		"SELECT note, person, ord FROM mention WHERE note IN (SELECT value FROM json_each(?1))"
		" AND role = 'participant' AND person <> ?2",
		"SELECT note, term, ord FROM topic WHERE note IN (SELECT value FROM json_each(?1))"
		" AND ord < 5",
		/* through task_owner: the person's items, kept when in ROWS */
		"SELECT t.note, p.name, t.due, t.done, t.text FROM task t LEFT JOIN person p ON p.id = t.owner"
		" WHERE t.owner = ?2 ORDER BY t.note, t.seq"};
	hwith *w = NULL;
	size_t nw = 0, capw = 0;
	char *(*top)[5] = xcalloc(n ? n : 1, sizeof(*top));
	int rc = pn ? 0 : -1;
	for (int q = 0; q < 3 && !rc; q++) {
		sqlite3_stmt *s = store_prepare(v, sql[q]);
		if (!s) {
			rc = -1;
			break;
		}
		if (q != 2)
			sqlite3_bind_text(s, 1, sb_str(&ids), -1, SQLITE_STATIC);
		if (q != 1)
			sqlite3_bind_int(s, 2, person);
		while (sqlite3_step(s) == SQLITE_ROW) {
			hrow *r = find_row(rows, keys, n, sqlite3_column_int64(s, 0));
			if (!r)
				continue;
			size_t ri = (size_t)(r - rows);
			if (q == 0) {
				ALLOC_GROW(w, nw, capw);
				w[nw].row = ri;
				w[nw].person = sqlite3_column_int(s, 1);
				w[nw++].ord = sqlite3_column_int(s, 2);
			} else if (q == 1) {
				int ord = sqlite3_column_int(s, 2);
				if (ord >= 0 && ord < 5 && !top[ri][ord])
					top[ri][ord] = xstrdup(cli_col(s, 1));
			} else {
				ALLOC_GROW(r->tasks, r->ntasks, r->captasks);
				cli_task_from_row(&r->tasks[r->ntasks++], s, 1);
			}
		}
		sqlite3_finalize(s);
	}
	sort_array(w, nw, sizeof(*w), hwith_cmp);
	for (size_t i = 0; i < nw; i++)
		if (w[i].person >= 0 && (size_t)w[i].person < names.n)
			sl_push(&rows[w[i].row].with, names.v[w[i].person]);
	for (size_t i = 0; i < n; i++)
		for (int k = 0; k < 5; k++)
			if (top[i][k])
				sl_push_owned(&rows[i].topics, top[i][k]);
	free(top);
	free(w);
	sb_release(&ids);
	sl_release(&names);
	free(keys);
	return rc;
}

/* Newest first, undated last, then by path (as ORDER BY date IS NULL,
 * date DESC, path would). */
static int hrow_cmp(const void *a, const void *b)
{
	const hrow *x = a, *y = b;
	if (!x->date != !y->date)
		return x->date ? -1 : 1;
	if (x->date) {
		int c = strcmp(y->date, x->date);
		if (c)
			return c;
	}
	return strcmp(x->path, y->path);
}

static int has_id(const sqlite3_int64 *v, size_t n, sqlite3_int64 id)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (v[mid] == id)
			return 1;
		if (v[mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

static void hrow_release(hrow *r)
{
	free(r->path);
	free(r->date);
	free(r->title);
	sl_release(&r->with);
	sl_release(&r->topics);
	for (size_t i = 0; i < r->ntasks; i++)
		cli_task_release(&r->tasks[i]);
	free(r->tasks);
}

int cmd_history(pg_cli *cli, int argc, char **argv)
{
	static const struct option lo[] = {
		{"since", required_argument, NULL, 's'},  {"until", required_argument, NULL, 'u'},
		{"limit", required_argument, NULL, 'l'},  {"role", required_argument, NULL, 'r'},
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
				return usage_error("history",
						   "--format takes table, json, csv or md");
			break;
		default:
			return usage_error("history", "unknown option or missing value: '%s'",
					   argv[optind - 1]);
		}
	}
	if (optind + 1 != argc)
		return usage_error("history", "give exactly one NAME");
	if (role && strcmp(role, "participant") && strcmp(role, "referenced") &&
	    strcmp(role, "owner") && strcmp(role, "absent"))
		return usage_error("history",
				   "--role takes participant, referenced, owner or absent");
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
	/* The rows are sorted, given their role and cut here rather than by
	 * SQLite: for the busiest person of a large vault its sorter costs
	 * more than everything else. */
	strbuf sql = STRBUF_INIT;
	sb_addf(&sql,
		"SELECT n.id, n.path, n.date, n.title, m.role FROM mention m JOIN note n ON n.id = m.note"
		" WHERE m.person = ?1 AND %s AND (?2 IS NULL OR n.date >= ?2) AND (?3 IS NULL OR n.date <= ?3)",
		store_private_filter(v));
	sqlite3_stmt *s = store_prepare(v, sb_str(&sql));
	sb_release(&sql);
	hrow *rows = NULL;
	size_t n = 0, cap = 0;
	sqlite3_int64 *owned = NULL;
	size_t nowned = 0, capowned = 0;
	sqlite3_stmt *ow =
		store_prepare(v, "SELECT DISTINCT note FROM task WHERE owner = ?1 ORDER BY note");
	if (!s || !ow) {
		rc = PG_EXIT_OPEN;
		goto cleanup;
	}
	sqlite3_bind_int(ow, 1, id);
	while (sqlite3_step(ow) == SQLITE_ROW) {
		ALLOC_GROW(owned, nowned, capowned);
		owned[nowned++] = sqlite3_column_int64(ow, 0);
	}
	sqlite3_bind_int(s, 1, id);
	if (since)
		sqlite3_bind_text(s, 2, since, -1, SQLITE_STATIC);
	if (until)
		sqlite3_bind_text(s, 3, until, -1, SQLITE_STATIC);
	while (sqlite3_step(s) == SQLITE_ROW) {
		/* participant, else owner of an item in the note, else as mentioned */
		const char *mr = cli_col(s, 4);
		sqlite3_int64 nid = sqlite3_column_int64(s, 0);
		const char *r = !strcmp(mr, "participant")   ? "participant"
				: has_id(owned, nowned, nid) ? "owner"
				: !strcmp(mr, "absent")      ? "absent"
							     : "referenced";
		if (role && strcmp(role, r))
			continue;
		ALLOC_GROW(rows, n, cap);
		hrow *h = &rows[n++];
		memset(h, 0, sizeof(*h));
		h->id = nid;
		h->path = cli_dup_col(s, 1);
		h->date = cli_dup_col(s, 2);
		h->title = cli_dup_col(s, 3);
		h->role = r;
	}
	sort_array(rows, n, sizeof(*rows), hrow_cmp);
	if (limit >= 0 && (size_t)limit < n) {
		for (size_t k = (size_t)limit; k < n; k++)
			hrow_release(&rows[k]);
		n = (size_t)limit;
	}
	if (fill_rows(v, rows, n, id) < 0) {
		rc = PG_EXIT_OPEN;
		goto cleanup;
	}
	pg_table t;
	static const char *const head[] = {"date",   "title",      "role", "with",
					   "topics", "open items", NULL};
	table_init(&t, head, 0);
	if (fmt == OUT_JSON)
		fputs(n ? "[" : "[]\n", stdout);
	for (size_t k = 0; k < n; k++) {
		const hrow *r = &rows[k];
		if (fmt == OUT_JSON) {
			fputs(k ? ",\n" : "\n", stdout);
			cli_json_note_head(stdout, r->path, r->date, r->title);
			fputs(", \"role\": ", stdout);
			json_str(stdout, r->role);
			fputs(",\n  \"with\": ", stdout);
			cli_json_strings(stdout, &r->with);
			fputs(", \"topics\": ", stdout);
			cli_json_strings(stdout, &r->topics);
			fputs(",\n  \"tasks\": ", stdout);
			cli_json_task_list(stdout, r->tasks, r->ntasks);
			fputs("}", stdout);
			continue;
		}
		strbuf w = STRBUF_INIT, tp = STRBUF_INIT, ti = STRBUF_INIT;
		for (size_t i = 0; i < r->with.n; i++)
			sb_addf(&w, "%s%s", i ? ", " : "", r->with.v[i]);
		for (size_t i = 0; i < r->topics.n && i < 3; i++)
			sb_addf(&tp, "%s%s", i ? ", " : "", r->topics.v[i]);
		for (size_t i = 0; i < r->ntasks; i++) {
			const cli_task *x = &r->tasks[i];
			if (x->done)
				continue;
			sb_addf(&ti, "%s%s%s%s", ti.len ? "; " : "", x->text ? x->text : "",
				x->due ? " due " : "", x->due ? x->due : "");
		}
		const char *row[] = {r->date ? r->date : "",
				     r->title,
				     r->role,
				     sb_str(&w),
				     sb_str(&tp),
				     sb_str(&ti)};
		table_add(&t, row);
		sb_release(&w);
		sb_release(&tp);
		sb_release(&ti);
	}
	if (fmt == OUT_JSON) {
		if (n)
			fputs("\n]\n", stdout);
	} else {
		table_print(&t, fmt, stdout);
	}
	table_release(&t);
cleanup:
	sqlite3_finalize(s);
	sqlite3_finalize(ow);
	free(owned);
	for (size_t k = 0; k < n; k++)
		hrow_release(&rows[k]);
	free(rows);
	pg_vault_close(v);
	return rc;
}
