/* tasks.c — peoplegraph tasks [NAME]: action items with owner, due date,
 * status and the note they come from. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "cmdutil.h"
#include "out.h"

/* The notes a task may come from (private ones only with
 * --include-private): path, date and their rank in ORDER BY date, path
 * (NULL dates first, as SQLite sorts them). */
typedef struct tnote {
	sqlite3_int64 id;
	const char *path, *date;
	int rank;
} tnote;

/* ORDER BY date, path over pointers into the notes */
static int tnote_cmp(const void *a, const void *b)
{
	const tnote *x = *(tnote *const *)a, *y = *(tnote *const *)b;
	if (!x->date != !y->date)
		return x->date ? 1 : -1;
	int c = x->date ? strcmp(x->date, y->date) : 0;
	return c ? c : strcmp(x->path, y->path);
}

typedef struct trow {
	int done, seq;
	const char *status;
	const char *due, *owner, *text; /* owner: the person's name, else as written */
	const tnote *note;
} trow;

/* ORDER BY done, due IS NULL, due, note date, note path, seq */
static int trow_cmp(const void *a, const void *b)
{
	const trow *x = a, *y = b;
	if (x->done != y->done)
		return x->done - y->done;
	if (!x->due != !y->due)
		return x->due ? -1 : 1;
	int c = x->due ? strcmp(x->due, y->due) : 0;
	if (c)
		return c;
	if (x->note->rank != y->note->rank)
		return x->note->rank - y->note->rank;
	return x->seq - y->seq;
}

static int id_cmp(const void *a, const void *b)
{
	sqlite3_int64 x = *(const sqlite3_int64 *)a, y = *(const sqlite3_int64 *)b;
	return x < y ? -1 : x > y;
}

/* The note with id ID in NOTES (in id order: the id is the first member), or NULL. */
static tnote *find_note(tnote *notes, size_t n, sqlite3_int64 id)
{
	return n ? bsearch(&id, notes, n, sizeof(*notes), id_cmp) : NULL;
}

/* Prints the items of PERSON (0: everyone) that WANT selects (0 all, 1
 * open, 2 done, 3 overdue as of ASOF).  The rows are joined, filtered and
 * sorted here rather than by SQLite: every open item of a large vault is
 * tens of thousands of rows, which its sorter orders several times slower
 * than a sort on ranks.  One person's items read only their notes. */
static int list_tasks(pg_vault *v, int person, int want, const char *asof, int fmt)
{
	int rc = 0;
	strlist names = {0};
	tnote *notes = NULL;
	size_t nnotes = 0, capnotes = 0;
	trow *rows = NULL;
	size_t n = 0, cap = 0;
	sqlite3_int64 *ids = NULL; /* per row: its note's id */
	arena mem = ARENA_INIT;    /* every string of NOTES and ROWS */
	sqlite3_stmt *s = NULL;
	if (cli_names_by_id(v, &names) < 0) {
		rc = PG_EXIT_OPEN;
		goto cleanup;
	}
	/* the owner index when there is a person: an OR would keep SQLite off it */
	s = store_prepare(
		v, person ? "SELECT note, seq, owner, owner_text, due, done, text"
			    " FROM task WHERE owner = ?1"
			  : "SELECT note, seq, owner, owner_text, due, done, text FROM task");
	if (!s) {
		rc = PG_EXIT_OPEN;
		goto cleanup;
	}
	if (person)
		sqlite3_bind_int(s, 1, person);
	while (sqlite3_step(s) == SQLITE_ROW) {
		int done = sqlite3_column_int(s, 5);
		const char *due = cli_col(s, 4);
		int overdue = !done && due && strcmp(due, asof) < 0;
		if ((want == 1 && done) || (want == 2 && !done) || (want == 3 && !overdue))
			continue;
		size_t oldcap = cap;
		ALLOC_GROW(rows, n, cap);
		if (cap != oldcap)
			ids = xrealloc(ids, cap * sizeof(*ids));
		ids[n] = sqlite3_column_int64(s, 0);
		trow *r = &rows[n++];
		r->done = done;
		r->seq = sqlite3_column_int(s, 1);
		r->status = done ? "done" : overdue ? "overdue" : "open";
		r->due = due ? arena_strdup(&mem, due) : NULL;
		sqlite3_int64 owner =
			sqlite3_column_type(s, 2) == SQLITE_NULL ? -1 : sqlite3_column_int64(s, 2);
		r->owner = owner >= 0 && (size_t)owner < names.n && names.v[owner] ? names.v[owner]
			   : cli_col(s, 3) ? arena_strdup(&mem, cli_col(s, 3))
					   : NULL;
		r->text = cli_col(s, 6) ? arena_strdup(&mem, cli_col(s, 6)) : NULL;
	}
	sqlite3_finalize(s);

	/* the notes, in id order: every (visible) note for everyone's items,
	 * else those of the rows */
	strbuf q = STRBUF_INIT;
	if (person)
		sb_addf(&q, "SELECT id, path, date FROM note WHERE id = ?1 AND %s",
			store_private_filter(v));
	else
		sb_addf(&q, "SELECT id, path, date FROM note WHERE %s ORDER BY id",
			store_private_filter(v));
	s = store_prepare(v, sb_str(&q));
	sb_release(&q);
	if (!s) {
		rc = PG_EXIT_OPEN;
		goto cleanup;
	}
	sqlite3_int64 *want_ids = NULL;
	size_t nwant = 0;
	if (person) {
		want_ids = xmalloc((n ? n : 1) * sizeof(*want_ids));
		if (n)
			memcpy(want_ids, ids, n * sizeof(*ids));
		sort_array(want_ids, n, sizeof(*want_ids), id_cmp);
		for (size_t k = 0; k < n; k++)
			if (!nwant || want_ids[nwant - 1] != want_ids[k])
				want_ids[nwant++] = want_ids[k];
	}
	for (size_t k = 0; !person || k < nwant; k++) {
		if (person) {
			sqlite3_reset(s);
			sqlite3_bind_int64(s, 1, want_ids[k]);
		}
		if (sqlite3_step(s) != SQLITE_ROW) {
			if (!person)
				break;
			continue; /* private, or gone */
		}
		ALLOC_GROW(notes, nnotes, capnotes);
		notes[nnotes].id = sqlite3_column_int64(s, 0);
		notes[nnotes].path = arena_strdup(&mem, cli_col(s, 1));
		notes[nnotes].date = cli_col(s, 2) ? arena_strdup(&mem, cli_col(s, 2)) : NULL;
		nnotes++;
	}
	free(want_ids);
	sqlite3_finalize(s);
	{
		tnote **order = xmalloc((nnotes ? nnotes : 1) * sizeof(*order));
		for (size_t k = 0; k < nnotes; k++)
			order[k] = &notes[k];
		sort_array(order, nnotes, sizeof(*order), tnote_cmp);
		for (size_t k = 0; k < nnotes; k++)
			order[k]->rank = (int)k;
		free(order);
	}
	/* rows of private or vanished notes go */
	size_t kept = 0;
	for (size_t k = 0; k < n; k++) {
		tnote *nt = find_note(notes, nnotes, ids[k]);
		if (!nt)
			continue;
		rows[kept] = rows[k];
		rows[kept++].note = nt;
	}
	n = kept;
	sort_array(rows, n, sizeof(*rows), trow_cmp);
	{
		static const char *const head[] = {"due",  "status", "owner", "task",
						   "note", "date",   NULL};
		pg_table t;
		table_init(&t, head, 0);
		for (size_t k = 0; k < n; k++) {
			const trow *r = &rows[k];
			const char *row[] = {r->due,  r->status,     r->owner,
					     r->text, r->note->path, r->note->date};
			table_add_ref(&t, row);
		}
		table_print(&t, fmt, stdout);
		table_release(&t);
	}
cleanup:
	free(rows);
	free(ids);
	free(notes);
	arena_release(&mem);
	sl_release(&names);
	return rc;
}

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
	int lr = list_tasks(v, id, want, asof, fmt);
	pg_vault_close(v);
	if (lr)
		rc = lr;
	return rc;
}
