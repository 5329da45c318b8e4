/* tasks.c — peoplegraph tasks [NAME]: action items with owner, due date,
 * status and the note they come from. */
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "cmdutil.h"
#include "out.h"

/* A note that items come from: its path, its date and its rank in
 * ORDER BY date, path (NULL dates first, as SQLite sorts them).  The
 * notes are indexed by id: PATH is NULL for a note that is not listed
 * (private, or gone). */
typedef struct tnote {
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
	const char *due, *owner, *text; /* owner: the person's name, else as written */
	sqlite3_int64 note;
	int rank, seq;
	int dkey; /* DUE as the number YYYYMMDD, or -1: not such a date */
	unsigned char done, overdue;
} trow;

/* DUE as the number (Y * 16 + M) * 32 + D when it is a date
 * YYYY-MM-DD (M at most 15, D at most 31), else -1.  Such numbers sort as
 * the strings do, and take 23 bits. */
static int due_key(const char *due)
{
	if (!due || strlen(due) != 10 || due[4] != '-' || due[7] != '-')
		return -1;
	int f[3] = {0, 0, 0}, k = 0;
	for (int i = 0; i < 10; i++) {
		if (i == 4 || i == 7) {
			k++;
			continue;
		}
		if (due[i] < '0' || due[i] > '9')
			return -1;
		f[k] = f[k] * 10 + (due[i] - '0');
	}
	if (f[1] > 15 || f[2] > 31)
		return -1;
	return (f[0] * 16 + f[1]) * 32 + f[2];
}

/* The row's place in ORDER BY done, due IS NULL, due, rank, seq as one
 * number (1, 1, 23, 22 and 16 bits), or 0 when a part does not fit: a due
 * that is not a date, 4 million notes, 65,536 items in one note. */
static uint64_t trow_key(const trow *r)
{
	if ((r->due && r->dkey < 0) || r->rank < 0 || r->rank >= (1 << 22) || r->seq < 0 ||
	    r->seq >= (1 << 16))
		return 0;
	return (uint64_t)(r->done != 0) << 63 | (uint64_t)(r->due == NULL) << 62 |
	       (uint64_t)(r->due ? r->dkey : 0) << 38 | (uint64_t)r->rank << 16 | (uint64_t)r->seq |
	       (uint64_t)1 << 61 /* never 0 */;
}

/* ORDER BY done, due IS NULL, due, note date, note path, seq; over
 * pointers to the rows */
static int trow_cmp(const void *a, const void *b)
{
	const trow *x = *(trow *const *)a, *y = *(trow *const *)b;
	if (x->done != y->done)
		return x->done - y->done;
	if (!x->due != !y->due)
		return x->due ? -1 : 1;
	if (x->dkey != y->dkey || x->dkey < 0) {
		int c = x->dkey >= 0 && y->dkey >= 0 ? (x->dkey > y->dkey) - (x->dkey < y->dkey)
			: x->due                     ? strcmp(x->due, y->due)
						     : 0;
		if (c)
			return c;
	}
	if (x->rank != y->rank)
		return x->rank - y->rank;
	return (x->seq > y->seq) - (x->seq < y->seq);
}

static int id_cmp(const void *a, const void *b)
{
	sqlite3_int64 x = *(const sqlite3_int64 *)a, y = *(const sqlite3_int64 *)b;
	return x < y ? -1 : x > y;
}

/* Reads into NOTES (by id, NID long) the path and date of the notes of
 * ROWS that may be listed: one statement over every note for everyone's
 * items, a lookup per note for one person's. */
static int notes_load(pg_vault *v, int person, const trow *rows, size_t n, tnote *notes, size_t nid,
		      arena *mem)
{
	strbuf q = STRBUF_INIT;
	if (person)
		sb_addf(&q, "SELECT id, path, date FROM note WHERE id = ?1 AND %s",
			store_private_filter(v));
	else
		sb_addf(&q, "SELECT id, path, date FROM note WHERE %s", store_private_filter(v));
	sqlite3_stmt *s = store_prepare(v, sb_str(&q));
	sb_release(&q);
	if (!s)
		return -1;
	sqlite3_int64 *want = NULL;
	size_t nwant = 0;
	if (person) {
		want = xmalloc((n ? n : 1) * sizeof(*want));
		for (size_t k = 0; k < n; k++)
			want[k] = rows[k].note;
		sort_array(want, n, sizeof(*want), id_cmp);
		for (size_t k = 0; k < n; k++)
			if (!nwant || want[nwant - 1] != want[k])
				want[nwant++] = want[k];
	}
	for (size_t k = 0; !person || k < nwant; k++) {
		if (person) {
			sqlite3_reset(s);
			sqlite3_bind_int64(s, 1, want[k]);
		}
		if (sqlite3_step(s) != SQLITE_ROW) {
			if (!person)
				break;
			continue; /* private, or gone */
		}
		sqlite3_int64 id = sqlite3_column_int64(s, 0);
		/* a note none of the rows comes from */
		if (id < 0 || (size_t)id >= nid || notes[id].rank < 0)
			continue;
		notes[id].path = arena_strdup(mem, cli_col(s, 1)); /* NOT NULL */
		notes[id].date = cli_col(s, 2) ? arena_strdup(mem, cli_col(s, 2)) : NULL;
	}
	free(want);
	sqlite3_finalize(s);
	return 0;
}

/* Prints the items of PERSON (0: everyone) that WANT selects (0 all, 1
 * open, 2 done, 3 overdue as of ASOF).  The rows are joined, filtered and
 * sorted here rather than by SQLite, on numbers where it can: every open
 * item of a large vault is tens of thousands of rows, which its sorter
 * orders several times slower.  They are printed a row at a time, not
 * copied into a table of cells. */
static int list_tasks(pg_vault *v, int person, int want, const char *asof, int fmt)
{
	int rc = 0;
	strlist names = {0};
	trow *rows = NULL;
	size_t n = 0, cap = 0;
	trow **order = NULL;
	pg_keyed *keyed = NULL;
	tnote *notes = NULL, **norder = NULL;
	size_t nid = 0;         /* NOTES' length: the largest note id of the rows, plus one */
	arena mem = ARENA_INIT; /* every string of NOTES and ROWS */
	sqlite3_stmt *s = NULL;
	if (cli_names_by_id(v, &names) < 0) {
		rc = PG_EXIT_OPEN;
		goto cleanup;
	}
	/* the owner index when there is a person: an OR would keep SQLite off
	 * it; the items left out are not even read (as below, a done item is
	 * one whose done is not 0 or NULL) */
	{
		static const char *const sel[] = {"", " AND coalesce(done, 0) = 0",
						  " AND coalesce(done, 0) <> 0",
						  " AND coalesce(done, 0) = 0 AND due < ?2"};
		strbuf q = STRBUF_INIT;
		sb_addf(&q,
			"SELECT note, seq, owner, owner_text, due, done, text FROM task"
			" WHERE %s%s",
			person ? "owner = ?1" : "1", sel[want]);
		s = store_prepare(v, sb_str(&q));
		sb_release(&q);
	}
	if (!s) {
		rc = PG_EXIT_OPEN;
		goto cleanup;
	}
	if (person)
		sqlite3_bind_int(s, 1, person);
	if (want == 3)
		sqlite3_bind_text(s, 2, asof, -1, SQLITE_STATIC);
	while (sqlite3_step(s) == SQLITE_ROW) {
		int done = sqlite3_column_int(s, 5);
		const char *due = cli_col(s, 4);
		int overdue = !done && due && strcmp(due, asof) < 0;
		if ((want == 1 && done) || (want == 2 && !done) || (want == 3 && !overdue))
			continue;
		sqlite3_int64 note = sqlite3_column_int64(s, 0);
		if (note < 0 || note >= (1 << 30))
			continue; /* not a note id this index makes */
		BIG_GROW(rows, n, cap);
		trow *r = &rows[n++];
		r->note = note;
		if ((size_t)note >= nid)
			nid = (size_t)note + 1;
		r->done = (unsigned char)done;
		r->overdue = (unsigned char)overdue;
		r->seq = sqlite3_column_int(s, 1);
		r->due = due ? arena_strdup(&mem, due) : NULL;
		r->dkey = due_key(due);
		sqlite3_int64 owner =
			sqlite3_column_type(s, 2) == SQLITE_NULL ? -1 : sqlite3_column_int64(s, 2);
		r->owner = owner >= 0 && (size_t)owner < names.n && names.v[owner] ? names.v[owner]
			   : cli_col(s, 3) ? arena_strdup(&mem, cli_col(s, 3))
					   : NULL;
		r->text = cli_col(s, 6) ? arena_strdup(&mem, cli_col(s, 6)) : NULL;
	}
	sqlite3_finalize(s);

	/* the notes of the rows, by id: rank -1 marks those no row needs */
	notes = xbig_alloc((nid ? nid : 1) * sizeof(*notes));
	for (size_t k = 0; k < nid; k++)
		notes[k] = (tnote){NULL, NULL, -1};
	for (size_t k = 0; k < n; k++)
		notes[rows[k].note].rank = 0;
	if (notes_load(v, person, rows, n, notes, nid, &mem) < 0) {
		rc = PG_EXIT_OPEN;
		goto cleanup;
	}
	size_t nn = 0;
	norder = xbig_alloc((nid ? nid : 1) * sizeof(*norder));
	for (size_t k = 0; k < nid; k++)
		if (notes[k].path)
			norder[nn++] = &notes[k];
	sort_array(norder, nn, sizeof(*norder), tnote_cmp);
	for (size_t k = 0; k < nn; k++)
		norder[k]->rank = (int)k;
	/* rows of private or vanished notes go; the others are sorted by
	 * number, unless one of them has no number */
	size_t kept = 0;
	int bykey = 1;
	order = xbig_alloc((n ? n : 1) * sizeof(*order));
	keyed = xbig_alloc((n ? n : 1) * sizeof(*keyed));
	for (size_t k = 0; k < n; k++) {
		const tnote *nt = &notes[rows[k].note];
		if (!nt->path)
			continue;
		rows[k].rank = nt->rank;
		keyed[kept].key = trow_key(&rows[k]);
		keyed[kept].i = k;
		bykey &= keyed[kept].key != 0;
		order[kept++] = &rows[k];
	}
	if (bykey) {
		sort_keyed(keyed, kept);
		for (size_t k = 0; k < kept; k++)
			order[k] = &rows[keyed[k].i];
	} else {
		sort_array(order, kept, sizeof(*order), trow_cmp);
	}
	{
		static const char *const head[] = {"due",  "status", "owner", "task",
						   "note", "date",   NULL};
		pg_rowout o;
		rowout_init(&o, head, 0, fmt, stdout);
		for (int pass = fmt == OUT_TABLE ? 0 : 1; pass < 2; pass++)
			for (size_t k = 0; k < kept; k++) {
				const trow *r = order[k];
				const tnote *nt = &notes[r->note];
				const char *row[] = {
					r->due,
					r->done ? "done" : r->overdue ? "overdue" : "open",
					r->owner,
					r->text,
					nt->path,
					nt->date};
				if (pass)
					rowout_row(&o, row);
				else
					rowout_measure(&o, row);
			}
		rowout_finish(&o);
	}
cleanup:
	xbig_free(rows, cap * sizeof(*rows));
	xbig_free(order, (n ? n : 1) * sizeof(*order));
	xbig_free(keyed, (n ? n : 1) * sizeof(*keyed));
	xbig_free(notes, (nid ? nid : 1) * sizeof(*notes));
	xbig_free(norder, (nid ? nid : 1) * sizeof(*norder));
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
