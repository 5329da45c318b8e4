/* tasks.c — peoplegraph tasks [NAME]: action items with owner, due date,
 * status and the note they come from. */
#include <getopt.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "cmdutil.h"
#include "out.h"

/* A note that items come from: its id, path, date and its rank in
 * ORDER BY date, path (NULL dates first, as SQLite sorts them). */
typedef struct tnote {
	sqlite3_int64 id;
	const char *path, *date;
	uint32_t path_len, date_len;
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
	const char *due, *owner, *text;        /* owner: the person's name, else as written */
	uint32_t due_len, owner_len, text_len; /* their strlen */
	uint32_t ni; /* the note's place among the notes read; GONE: none */
	sqlite3_int64 note;
	int rank, seq;
	int done; /* as sqlite3_column_int reads it: 0 is open */
	int overdue;
} trow;

#define GONE UINT32_MAX /* a row's note is private, or gone */

/* DAY as the number (Y * 16 + M) * 32 + D when it is a date
 * YYYY-MM-DD (M at most 15, D at most 31), else -1.  Such numbers sort as
 * the strings do, and take 23 bits. */
static int day_key(const char *day)
{
	if (!day || strlen(day) != 10 || day[4] != '-' || day[7] != '-')
		return -1;
	int f[3] = {0, 0, 0}, k = 0;
	for (int i = 0; i < 10; i++) {
		if (i == 4 || i == 7) {
			k++;
			continue;
		}
		if (day[i] < '0' || day[i] > '9')
			return -1;
		f[k] = f[k] * 10 + (day[i] - '0');
	}
	if (f[1] > 15 || f[2] > 31)
		return -1;
	return (f[0] * 16 + f[1]) * 32 + f[2];
}

/* The row's place in ORDER BY done, due IS NULL, due, rank, seq as one
 * number (1, 1, 23, 22 and 16 bits), or 0 when a part does not fit: done
 * neither 0 nor 1, a due that is not a date, 4 million notes, 65,536
 * items in one note. */
static uint64_t trow_key(const trow *r)
{
	int day = r->due ? day_key(r->due) : 0;
	if (r->done < 0 || r->done > 1 || day < 0 || r->rank < 0 || r->rank >= (1 << 22) ||
	    r->seq < 0 || r->seq >= (1 << 16))
		return 0;
	return (uint64_t)r->done << 63 | (uint64_t)(r->due == NULL) << 62 | (uint64_t)day << 38 |
	       (uint64_t)r->rank << 16 | (uint64_t)r->seq | (uint64_t)1 << 61 /* never 0 */;
}

/* ORDER BY done, due IS NULL, due, note date, note path, seq; over
 * pointers to the rows */
static int trow_cmp(const void *a, const void *b)
{
	const trow *x = *(trow *const *)a, *y = *(trow *const *)b;
	if (x->done != y->done)
		return (x->done > y->done) - (x->done < y->done);
	if (!x->due != !y->due)
		return x->due ? -1 : 1;
	int c = x->due ? strcmp(x->due, y->due) : 0;
	if (c)
		return c;
	if (x->rank != y->rank)
		return x->rank - y->rank;
	return (x->seq > y->seq) - (x->seq < y->seq);
}

static int tnote_path_cmp(const void *a, const void *b)
{
	return strcmp((*(tnote *const *)a)->path, (*(tnote *const *)b)->path);
}

/* Ranks the N notes of V in ORDER BY date, path: by the number of the
 * date (a radix sort), then by path among the notes of a day, unless a
 * date is not of the form YYYY-MM-DD (then by tnote_cmp). */
static void rank_notes(tnote **v, size_t n)
{
	pg_keyed *k = xbig_alloc((n ? n : 1) * sizeof(*k));
	int bykey = 1;
	for (size_t i = 0; i < n && bykey; i++) {
		int d = v[i]->date ? day_key(v[i]->date) : -1;
		bykey = !v[i]->date || d >= 0;
		k[i] = (pg_keyed){(uint64_t)(d + 1), i}; /* no date: 0, first */
	}
	if (bykey) {
		sort_keyed(k, n);
		tnote **t = xbig_alloc((n ? n : 1) * sizeof(*t));
		for (size_t i = 0; i < n; i++)
			t[i] = v[k[i].i];
		memcpy(v, t, n * sizeof(*v));
		xbig_free(t, (n ? n : 1) * sizeof(*t));
		for (size_t i = 0, j; i < n; i = j) {
			for (j = i + 1; j < n && k[j].key == k[i].key; j++)
				;
			sort_array(v + i, j - i, sizeof(*v), tnote_path_cmp);
		}
	} else {
		sort_array(v, n, sizeof(*v), tnote_cmp);
	}
	xbig_free(k, (n ? n : 1) * sizeof(*k));
	for (size_t i = 0; i < n; i++)
		v[i]->rank = (int)i;
}

static int id_cmp(const void *a, const void *b)
{
	sqlite3_int64 x = *(const sqlite3_int64 *)a, y = *(const sqlite3_int64 *)b;
	return x < y ? -1 : x > y;
}

/* The cells of R, of note NT, and their lengths */
static void row_cells(const char **row, size_t *len, const trow *r, const tnote *nt)
{
	row[0] = r->due;
	len[0] = r->due_len;
	row[1] = r->done ? "done" : r->overdue ? "overdue" : "open";
	len[1] = r->done ? 4 : r->overdue ? 7 : 4;
	row[2] = r->owner;
	len[2] = r->owner_len;
	row[3] = r->text;
	len[3] = r->text_len;
	row[4] = nt->path;
	len[4] = nt->path_len;
	row[5] = nt->date;
	len[5] = nt->date_len;
}

/* Finds note ID in NOTES (N, in id order): 1 and its place in *AT, or
 * 0.  The search starts where the last ended, *AT, and gallops from
 * there: rows come in note order, so most searches take a step or two. */
static int note_find(const tnote *notes, size_t n, sqlite3_int64 id, size_t *at)
{
	size_t lo, hi;
	if (*at < n && notes[*at].id <= id) {
		/* gallop up from *AT, then halve */
		size_t step = 1;
		lo = *at;
		hi = lo + 1;
		while (hi < n && notes[hi].id <= id) {
			lo = hi;
			step *= 2;
			hi = lo + step < n ? lo + step : n;
		}
	} else {
		lo = 0;
		hi = *at < n ? *at : n;
	}
	/* the last place in [lo, hi) whose id is at most ID */
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (notes[mid].id <= id)
			lo = mid;
		else
			hi = mid;
	}
	*at = lo;
	return lo < n && notes[lo].id == id;
}

/* What one thread reads, on its own connection: the items of the notes
 * with ids from LO to HI that the query selects, and those notes. */
typedef struct tpart {
	pg_vault *v;
	int person, want;
	const char *asof;
	const strlist *names;
	const uint32_t *name_len; /* strlen of each of NAMES */
	sqlite3_int64 lo, hi;
	trow *rows;
	size_t n, cap;
	tnote *notes; /* in id order */
	size_t nnotes, capnotes;
	arena mem;      /* every string of ROWS and NOTES */
	pg_rowout *out; /* a table: the widths of the rows kept, else NULL */
	int err;
} tpart;

/* A copy of text column I of S in A, its strlen in *LEN (SQLite's length
 * but for a NUL inside) */
static const char *col_len(arena *a, sqlite3_stmt *s, int i, uint32_t *len)
{
	char *p = cli_arena_col(a, s, i);
	*len = p ? (uint32_t)strlen(p) : 0;
	return p;
}

/* Reads the notes of P's rows that may be listed: one statement over
 * P's range of notes for everyone's items, a lookup per note for one
 * person's. */
static int part_notes(tpart *p)
{
	strbuf q = STRBUF_INIT;
	if (p->person)
		sb_addf(&q, "SELECT id, path, date FROM note WHERE id = ?1 AND %s",
			store_private_filter(p->v));
	else
		sb_addf(&q,
			"SELECT id, path, date FROM note WHERE id BETWEEN ?1 AND ?2 AND %s"
			" ORDER BY id",
			store_private_filter(p->v));
	sqlite3_stmt *s = store_prepare(p->v, sb_str(&q));
	sb_release(&q);
	if (!s)
		return -1;
	/* the ids of the rows, in order, once each: the rows come in note
	 * order (the key of task, and of task_owner after the owner) but
	 * for a database another tool wrote, so sort a copy if not */
	const trow *rows = p->rows;
	size_t nrows = p->n;
	sqlite3_int64 *sorted = NULL;
	for (size_t k = 1; k < nrows && !sorted; k++)
		if (rows[k - 1].note > rows[k].note) {
			sorted = xbig_alloc(nrows * sizeof(*sorted));
			for (size_t j = 0; j < nrows; j++)
				sorted[j] = rows[j].note;
			sort_array(sorted, nrows, sizeof(*sorted), id_cmp);
		}
#define WANT(k) (sorted ? sorted[k] : rows[k].note)
	if (!p->person) {
		sqlite3_bind_int64(s, 1, p->lo);
		sqlite3_bind_int64(s, 2, p->hi);
	}
	/* both in id order: the notes of the range are matched to the
	 * wanted ids as they come */
	for (size_t k = 0; k < nrows;) {
		if (p->person) {
			sqlite3_reset(s);
			sqlite3_bind_int64(s, 1, WANT(k));
		}
		if (sqlite3_step(s) != SQLITE_ROW) {
			if (!p->person)
				break;
			for (sqlite3_int64 id = WANT(k); k < nrows && WANT(k) == id; k++)
				;
			continue; /* private, or gone */
		}
		sqlite3_int64 id = sqlite3_column_int64(s, 0);
		while (k < nrows && WANT(k) < id)
			k++; /* private, or gone */
		if (k == nrows || WANT(k) != id)
			continue; /* a note none of the rows comes from */
		while (k < nrows && WANT(k) == id)
			k++;
		BIG_GROW(p->notes, p->nnotes, p->capnotes);
		tnote *t = &p->notes[p->nnotes++];
		t->id = id;
		t->rank = 0;
		t->path = col_len(&p->mem, s, 1, &t->path_len); /* NOT NULL */
		t->date = col_len(&p->mem, s, 2, &t->date_len);
	}
#undef WANT
	xbig_free(sorted, nrows * sizeof(*sorted));
	sqlite3_finalize(s);
	return 0;
}

/* Reads P's items, then their notes; P->err on failure. */
static void *part_read(void *arg)
{
	tpart *p = arg;
	/* the owner index when there is a person: an OR would keep SQLite off
	 * it.  SQL leaves out items that are surely not wanted, with one
	 * comparison each: a done of 1 (or 0) is one that
	 * sqlite3_column_int reads as 1 (or 0), and a due before the day is
	 * before it as text too, or not text; the loop below judges */
	static const char *const sel[] = {"", " AND done IS NOT 1", " AND done IS NOT 0",
					  " AND done IS NOT 1 AND due < ?2"};
	strbuf q = STRBUF_INIT;
	sb_addf(&q,
		"SELECT note, seq, owner, owner_text, due, done, text FROM task"
		" WHERE %s AND note BETWEEN ?3 AND ?4%s",
		p->person ? "owner = ?1" : "1", sel[p->want]);
	sqlite3_stmt *s = store_prepare(p->v, sb_str(&q));
	sb_release(&q);
	if (!s) {
		p->err = 1;
		return NULL;
	}
	if (p->person)
		sqlite3_bind_int(s, 1, p->person);
	if (p->want == 3)
		sqlite3_bind_text(s, 2, p->asof, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 3, p->lo);
	sqlite3_bind_int64(s, 4, p->hi);
	const strlist *names = p->names;
	/* everyone's items are tens of thousands: their memory in huge
	 * pages from the start */
	if (!p->person) {
		p->mem.big = 1;
		p->cap = 8192;
		p->rows = xbig_alloc(p->cap * sizeof(*p->rows));
	}
	while (sqlite3_step(s) == SQLITE_ROW) {
		int done = sqlite3_column_int(s, 5);
		const char *due = cli_col(s, 4);
		int overdue = !done && due && strcmp(due, p->asof) < 0;
		if ((p->want == 1 && done) || (p->want == 2 && !done) || (p->want == 3 && !overdue))
			continue;
		BIG_GROW(p->rows, p->n, p->cap);
		trow *r = &p->rows[p->n++];
		r->note = sqlite3_column_int64(s, 0);
		r->done = done;
		r->overdue = overdue;
		r->seq = sqlite3_column_int(s, 1);
		r->due = col_len(&p->mem, s, 4, &r->due_len);
		sqlite3_int64 owner =
			sqlite3_column_type(s, 2) == SQLITE_NULL ? -1 : sqlite3_column_int64(s, 2);
		if (owner >= 0 && (size_t)owner < names->n && names->v[owner]) {
			r->owner = names->v[owner];
			r->owner_len = p->name_len[owner];
		} else {
			r->owner = col_len(&p->mem, s, 3, &r->owner_len);
		}
		r->text = col_len(&p->mem, s, 6, &r->text_len);
	}
	sqlite3_finalize(s);
	if (part_notes(p) < 0) {
		p->err = 1;
		return NULL;
	}
	/* each row's note, or GONE; a table measures the rows kept while
	 * their strings follow each other in memory */
	size_t hint = 0;
	for (size_t k = 0; k < p->n; k++) {
		trow *r = &p->rows[k];
		if (!note_find(p->notes, p->nnotes, r->note, &hint)) {
			r->ni = GONE;
			continue;
		}
		r->ni = (uint32_t)hint;
		if (p->out) {
			const char *row[6];
			size_t len[6];
			row_cells(row, len, r, &p->notes[hint]);
			rowout_measure_len(p->out, row, len);
		}
	}
	return NULL;
}

static void part_release(tpart *p)
{
	xbig_free(p->rows, p->cap * sizeof(*p->rows));
	xbig_free(p->notes, p->capnotes * sizeof(*p->notes));
	arena_release(&p->mem);
}

/* Both halves of a long listing are read, and printed, at once: every
 * open item of a 20,000-note vault is 60,000 rows.  Below these sizes a
 * second thread and connection cost more than they save
 * (PG_TEST_LARGE=1 takes them whatever the size). */
#define PAR_NOTES 2048
#define PAR_ROWS 8192

/* Rows in a chunk of the listing (PG_TEST_LARGE=1: 2).  Each chunk is
 * printed to memory, then written after the one before it by the thread
 * that printed it: two threads print at once, and each reuses its
 * memory (1 MB or so), where printing half the listing to memory first
 * faulted in 8 MB. */
#define CHUNK 4096

/* The rows of ORDER, printed in chunks through O's continuations */
typedef struct tprint {
	pg_rowout *o;
	trow *const *order;
	const tnote *notes;
	size_t n, chunk;
	pthread_mutex_t mu;
	pthread_cond_t turn;   /* WRITTEN went up */
	size_t taken, written; /* chunks given to a thread; written to O */
} tprint;

static void *print_rows(void *arg)
{
	tprint *t = arg;
	pg_rowout c;
	rowout_continue(&c, t->o, 0);
	for (;;) {
		pthread_mutex_lock(&t->mu);
		size_t k = t->taken++;
		pthread_mutex_unlock(&t->mu);
		size_t a = k * t->chunk;
		if (a >= t->n)
			break;
		size_t b = t->n - a > t->chunk ? a + t->chunk : t->n;
		rowout_continue_at(&c, a);
		for (size_t i = a; i < b; i++) {
			/* sorted, the rows and their strings are scattered in
			 * memory, and waiting for each was half the printing:
			 * fetch a row ahead, and the strings of a nearer one */
			if (i + 16 < b)
				__builtin_prefetch(t->order[i + 16]);
			if (i + 8 < b) {
				const trow *f = t->order[i + 8];
				__builtin_prefetch(f->text);
				__builtin_prefetch(f->owner);
				__builtin_prefetch(&t->notes[f->ni]);
			}
			const char *row[6];
			size_t len[6];
			row_cells(row, len, t->order[i], &t->notes[t->order[i]->ni]);
			rowout_row_len(&c, row, len);
		}
		pthread_mutex_lock(&t->mu);
		while (t->written != k)
			pthread_cond_wait(&t->turn, &t->mu);
		pthread_mutex_unlock(&t->mu);
		/* only this thread touches O until WRITTEN goes past K */
		rowout_write_to(&c, t->o);
		pthread_mutex_lock(&t->mu);
		t->written++;
		pthread_cond_broadcast(&t->turn);
		pthread_mutex_unlock(&t->mu);
	}
	rowout_finish(&c);
	return NULL;
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
	uint32_t *name_len = NULL;
	tpart P[2];
	pg_rowout meas[2];
	int np = 1, nmeas = 0;
	memset(P, 0, sizeof(P));
	pg_vault *reader = NULL;
	trow **order = NULL;
	pg_keyed *keyed = NULL;
	tnote *notes = NULL, **norder = NULL;
	size_t nrows = 0, nn = 0; /* NOTES' length */
	static const char *const head[] = {"due", "status", "owner", "task", "note", "date", NULL};
	pg_rowout o;
	rowout_init(&o, head, 0, fmt, stdout);
	if (cli_names_by_id(v, &names) < 0) {
		rc = PG_EXIT_OPEN;
		goto cleanup;
	}
	name_len = xmalloc((names.n ? names.n : 1) * sizeof(*name_len));
	for (size_t k = 0; k < names.n; k++)
		name_len[k] = names.v[k] ? (uint32_t)strlen(names.v[k]) : 0;
	P[0] = (tpart){.v = v,
		       .person = person,
		       .want = want,
		       .asof = asof,
		       .names = &names,
		       .name_len = name_len,
		       .lo = INT64_MIN,
		       .hi = INT64_MAX};
	/* everyone's items of a large vault: two halves of the notes, each
	 * read on its own connection (for one person, the owner index reads
	 * only theirs) */
	if (!person && (store_ncpu() > 1 || cli_test_large())) {
		sqlite3_stmt *m = store_prepare(v, "SELECT max(note) FROM task");
		sqlite3_int64 top =
			m && sqlite3_step(m) == SQLITE_ROW ? sqlite3_column_int64(m, 0) : 0;
		sqlite3_finalize(m);
		if ((top >= PAR_NOTES || (top > 1 && cli_test_large())) &&
		    (reader = store_open_reader(v))) {
			P[1] = P[0];
			P[1].v = reader;
			P[1].lo = top / 2 + 1;
			P[0].hi = P[1].lo - 1;
			np = 2;
		}
	}
	if (fmt == OUT_TABLE)
		for (; nmeas < np; nmeas++) {
			rowout_continue(&meas[nmeas], &o, 0);
			P[nmeas].out = &meas[nmeas];
		}
	pthread_t th;
	int started = np == 2 && pthread_create(&th, NULL, part_read, &P[1]) == 0;
	part_read(&P[0]);
	if (started)
		pthread_join(th, NULL);
	else if (np == 2)
		part_read(&P[1]);
	size_t base[2] = {0, 0}; /* where each part's notes start in NOTES */
	for (int k = 0; k < np; k++) {
		if (P[k].err) {
			rc = PG_EXIT_OPEN;
			goto cleanup;
		}
		base[k] = nn;
		nrows += P[k].n;
		nn += P[k].nnotes;
	}
	for (int k = 0; k < nmeas; k++)
		rowout_widen(&o, &meas[k]);

	/* the notes of both parts in id order (the parts' ranges follow
	 * each other), ranked */
	notes = xbig_alloc((nn ? nn : 1) * sizeof(*notes));
	norder = xbig_alloc((nn ? nn : 1) * sizeof(*norder));
	for (int k = 0; k < np; k++) {
		memcpy(notes + base[k], P[k].notes, P[k].nnotes * sizeof(*notes));
		/* its memory goes to the arrays below */
		xbig_free(P[k].notes, P[k].capnotes * sizeof(*P[k].notes));
		P[k].notes = NULL;
		P[k].capnotes = 0;
	}
	for (size_t k = 0; k < nn; k++)
		norder[k] = &notes[k];
	rank_notes(norder, nn);
	/* rows of private or vanished notes go; the others are sorted by
	 * number, unless one of them has no number */
	size_t kept = 0;
	int bykey = 1;
	order = xbig_alloc((nrows ? nrows : 1) * sizeof(*order));
	keyed = xbig_alloc((nrows ? nrows : 1) * sizeof(*keyed));
	for (int p = 0; p < np; p++)
		for (size_t k = 0; k < P[p].n; k++) {
			trow *r = &P[p].rows[k];
			if (r->ni == GONE)
				continue;
			r->ni += (uint32_t)base[p];
			r->rank = notes[r->ni].rank;
			/* the row's place in both parts' rows */
			keyed[kept] = (pg_keyed){trow_key(r), (p ? P[0].n : 0) + k};
			bykey &= keyed[kept].key != 0;
			order[kept++] = r;
		}
	if (bykey) {
		sort_keyed(keyed, kept);
		for (size_t k = 0; k < kept; k++) {
			size_t i = keyed[k].i;
			order[k] = i < P[0].n ? &P[0].rows[i] : &P[1].rows[i - P[0].n];
		}
	} else {
		sort_array(order, kept, sizeof(*order), trow_cmp);
	}
	/* its memory goes to the printing threads */
	xbig_free(keyed, (nrows ? nrows : 1) * sizeof(*keyed));
	keyed = NULL;
	{
		tprint t = {.o = &o,
			    .order = order,
			    .notes = notes,
			    .n = kept,
			    .chunk = cli_test_large() ? 2 : CHUNK};
		pthread_mutex_init(&t.mu, NULL);
		pthread_cond_init(&t.turn, NULL);
		/* a long listing: two threads print its chunks */
		int par = np == 2 && (kept >= PAR_ROWS || (kept > 1 && cli_test_large())) &&
			  pthread_create(&th, NULL, print_rows, &t) == 0;
		print_rows(&t);
		if (par)
			pthread_join(th, NULL);
		pthread_cond_destroy(&t.turn);
		pthread_mutex_destroy(&t.mu);
	}
cleanup:
	if (rc)
		o.f = NULL; /* a rowout with no file prints nothing */
	rowout_finish(&o);
	for (int k = 0; k < nmeas; k++)
		rowout_finish(&meas[k]);
	for (int k = 0; k < np; k++)
		part_release(&P[k]);
	pg_vault_close(reader);
	xbig_free(order, (nrows ? nrows : 1) * sizeof(*order));
	xbig_free(keyed, (nrows ? nrows : 1) * sizeof(*keyed));
	xbig_free(notes, (nn ? nn : 1) * sizeof(*notes));
	xbig_free(norder, (nn ? nn : 1) * sizeof(*norder));
	free(name_len);
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
