/* history.c — peoplegraph history NAME: the person's notes, newest first,
 * with role, who else was there, topics and their action items. */
#include <getopt.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "out.h"

/* One note of the history.  The notes are read newest first, a day at a
 * time (see cmd_history): a row lives until its day is printed. */
typedef struct hrow {
	sqlite3_int64 id;
	const char *path, *date, *title, *topics; /* topics: note.topics, '\x1f'-separated */
	const char *role;
	size_t people, npeople; /* a run of the ids in hist.ids */
} hrow;

/* The rows of one day, with the strings in one arena and the ids of the
 * people in one array. */
typedef struct hist {
	hrow *v;
	size_t n, cap;
	int *ids; /* the people of each row's note (note.people) */
	size_t nids, capids;
	arena mem;
} hist;

/* The person's items, in (note, seq) order, with the note of each; the
 * strings are in an arena and the owner is the person's name. */
typedef struct items {
	cli_task *v;
	sqlite3_int64 *note;
	size_t n, cap;
	arena mem;
	const char *owner; /* the person's name, in MEM */
} items;

/* Reads the items PERSON owns in the notes of ids LO to HI (one
 * statement, through task_owner), and the person's name for their
 * owner. */
static int items_load(pg_vault *v, int person, sqlite3_int64 lo, sqlite3_int64 hi, items *it)
{
	sqlite3_stmt *s = store_prepare(v, "SELECT name FROM person WHERE id = ?1");
	if (!s)
		return -1;
	sqlite3_bind_int(s, 1, person);
	if (sqlite3_step(s) == SQLITE_ROW && cli_col(s, 0))
		it->owner = cli_arena_col(&it->mem, s, 0);
	sqlite3_finalize(s);
	s = store_prepare(v, "SELECT note, due, done, text FROM task"
			     " WHERE owner = ?1 AND note BETWEEN ?2 AND ?3 ORDER BY note, seq");
	if (!s)
		return -1;
	sqlite3_bind_int(s, 1, person);
	sqlite3_bind_int64(s, 2, lo);
	sqlite3_bind_int64(s, 3, hi);
	while (sqlite3_step(s) == SQLITE_ROW) {
		/* the owner's items are tens of thousands: past a few thousand,
		 * their strings go to huge pages */
		if (it->n == 4096)
			it->mem.big = 1;
		if (it->n >= it->cap) {
			size_t oldcap = it->cap;
			BIG_GROW(it->v, it->n, it->cap);
			it->note = xbig_realloc(it->note, oldcap * sizeof(*it->note),
						it->cap * sizeof(*it->note));
		}
		cli_task *t = &it->v[it->n];
		it->note[it->n++] = sqlite3_column_int64(s, 0);
		t->owner = (char *)it->owner;
		t->due = cli_arena_col(&it->mem, s, 1);
		t->done = sqlite3_column_int(s, 2);
		t->text = cli_arena_col(&it->mem, s, 3);
	}
	sqlite3_finalize(s);
	return 0;
}

/* Appends the items of B (of later notes) to A; B keeps their strings. */
static void items_append(items *a, const items *b)
{
	if (!b->n)
		return;
	size_t need = a->n + b->n, oldcap = a->cap;
	if (need > a->cap) {
		a->cap = need;
		a->v = xbig_realloc(a->v, oldcap * sizeof(*a->v), a->cap * sizeof(*a->v));
		a->note =
			xbig_realloc(a->note, oldcap * sizeof(*a->note), a->cap * sizeof(*a->note));
	}
	memcpy(a->v + a->n, b->v, b->n * sizeof(*b->v));
	memcpy(a->note + a->n, b->note, b->n * sizeof(*b->note));
	a->n = need;
}

static void items_release(items *it)
{
	xbig_free(it->v, it->cap * sizeof(*it->v));
	xbig_free(it->note, it->cap * sizeof(*it->note));
	arena_release(&it->mem);
}

/* The first of IT's items in note ID (IT is sorted by note), or IT->n. */
static size_t items_first(const items *it, sqlite3_int64 id)
{
	size_t lo = 0, hi = it->n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (it->note[mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Within a day (or among the undated notes), by path. */
static int hrow_cmp(const void *a, const void *b)
{
	const hrow *x = a, *y = b;
	return strcmp(x->path, y->path);
}

static int items_has(const items *it, sqlite3_int64 id)
{
	size_t k = items_first(it, id);
	return k < it->n && it->note[k] == id;
}

/* Up to 5 topics of R into T, split in place at '\x1f'. */
static int split_topics(hrow *r, const char **t)
{
	int n = 0;
	for (char *p = (char *)r->topics; p && *p && n < 5;) {
		char *e = strchr(p, '\x1f');
		t[n++] = p;
		if (!e)
			break;
		*e = '\0';
		p = e + 1;
	}
	return n;
}

/* Empties H for the next day, keeping its arrays. */
static void hist_clear(hist *h)
{
	h->n = h->nids = 0;
	arena_release(&h->mem);
}

static void hist_release(hist *h)
{
	free(h->v);
	free(h->ids);
	arena_release(&h->mem);
}

/* What cmd_history prints to: the table (every format but JSON) or
 * stdout as it goes. */
typedef struct hout {
	int fmt;
	size_t n; /* rows printed */
	pg_table t;
	const strlist *names;
	const items *it;
	strbuf line;    /* JSON: the note being made */
	strbuf cell[3]; /* the other formats: with, topics, open items */
	strbuf *json;   /* JSON: each person's name, escaped when first met */
	int to_mem;     /* JSON into MEM rather than stdout */
	char *mem;      /* xbig memory */
	size_t mlen, mcap;
} hout;

/* Writes LEN bytes of P to stdout, or to O's memory */
static void hout_write(hout *o, const char *p, size_t len)
{
	if (!o->to_mem) {
		fwrite_unlocked(p, 1, len, stdout);
		return;
	}
	if (o->mlen + len > o->mcap) {
		size_t old = o->mcap;
		while (o->mlen + len > o->mcap)
			o->mcap = o->mcap ? o->mcap * 2 : (size_t)1 << 20;
		o->mem = xbig_realloc(o->mem, old, o->mcap);
	}
	memcpy(o->mem + o->mlen, p, len);
	o->mlen += len;
}

static void hout_release(hout *o)
{
	table_release(&o->t);
	sb_release(&o->line);
	for (int k = 0; k < 3; k++)
		sb_release(&o->cell[k]);
	for (size_t k = 0; o->json && k < o->names->n; k++)
		sb_release(&o->json[k]);
	free(o->json);
	xbig_free(o->mem, o->mcap);
}

/* Appends the JSON list of the names of the people IDS[0..N) */
static void json_names(hout *o, strbuf *sb, const int *ids, size_t n)
{
	if (!o->json)
		o->json = xcalloc(o->names->n ? o->names->n : 1, sizeof(*o->json));
	sb_addc(sb, '[');
	for (size_t i = 0; i < n; i++) {
		strbuf *j = &o->json[ids[i]];
		if (!j->len)
			sb_json_str(j, o->names->v[ids[i]]);
		if (i)
			sb_add(sb, ", ", 2);
		sb_add(sb, j->buf, j->len);
	}
	sb_addc(sb, ']');
}

static void emit(hout *o, const hist *H, hrow *r)
{
	const strlist *names = o->names;
	const items *it = o->it;
	const char *with[64], **wv = r->npeople <= 64 ? with : xmalloc(r->npeople * sizeof(*wv));
	for (size_t i = 0; i < r->npeople; i++)
		wv[i] = names->v[H->ids[r->people + i]];
	const char *topic[5];
	int ntopic = split_topics(r, topic);
	size_t t0 = items_first(it, r->id), t1 = t0;
	while (t1 < it->n && it->note[t1] == r->id)
		t1++;
	const cli_task *tasks = it->v + t0;
	size_t ntasks = t1 - t0;
	if (o->fmt == OUT_JSON) {
		/* the note's object made whole, then written at once */
		strbuf *sb = &o->line;
		sb_reset(sb);
		sb_adds(sb, o->n ? ",\n" : "[\n");
		cli_json_note_head(sb, r->path, r->date, r->title);
		sb_adds(sb, ", \"role\": ");
		sb_json_str(sb, r->role);
		sb_adds(sb, ",\n  \"with\": ");
		json_names(o, sb, H->ids + r->people, r->npeople);
		sb_adds(sb, ", \"topics\": ");
		cli_json_strings(sb, topic, (size_t)ntopic);
		sb_adds(sb, ",\n  \"tasks\": ");
		cli_json_task_list(sb, tasks, ntasks);
		sb_addc(sb, '}');
		hout_write(o, sb->buf, sb->len);
	} else {
		/* the cells are made in three buffers kept from row to row;
		 * the table copies them into its arena */
		strbuf *w = &o->cell[0], *tp = &o->cell[1], *ti = &o->cell[2];
		sb_reset(w);
		sb_reset(tp);
		sb_reset(ti);
		for (size_t i = 0; i < r->npeople; i++) {
			if (i)
				sb_add(w, ", ", 2);
			sb_adds(w, wv[i]);
		}
		for (int i = 0; i < ntopic && i < 3; i++) {
			if (i)
				sb_add(tp, ", ", 2);
			sb_adds(tp, topic[i]);
		}
		for (size_t i = 0; i < ntasks; i++) {
			const cli_task *x = &tasks[i];
			if (x->done)
				continue;
			if (ti->len)
				sb_add(ti, "; ", 2);
			sb_adds(ti, x->text ? x->text : "");
			if (x->due) {
				sb_add(ti, " due ", 5);
				sb_adds(ti, x->due);
			}
		}
		const char *row[] = {r->date, r->title, r->role, w->buf, tp->buf, ti->buf};
		table_add(&o->t, row);
	}
	o->n++;
	if (wv != with)
		free(wv);
}

/* The roles of a person by note id, from the mention index: 0 (not in
 * the note), 1 participant, 2 absent, 3 mentioned.  A byte per note id
 * when the ids are dense, as this index makes them; else the person's
 * note ids, sorted, searched (an index another tool wrote may have any
 * id). */
typedef struct roles {
	unsigned char *byid; /* NBYID long, or NULL */
	size_t nbyid;
	sqlite3_int64 *ids; /* the person's notes, in id order */
	unsigned char *role;
	size_t n, cap;
} roles;

static int role_of(const roles *R, sqlite3_int64 id)
{
	if (R->byid)
		return id >= 0 && (size_t)id < R->nbyid ? R->byid[id] : 0;
	size_t lo = 0, hi = R->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (R->ids[mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < R->n && R->ids[lo] == id ? R->role[lo] : 0;
}

static int roles_load(pg_vault *v, int person, roles *R)
{
	sqlite3_stmt *s =
		store_prepare(v, "SELECT note, role FROM mention WHERE person = ?1 ORDER BY note");
	if (!s)
		return -1;
	sqlite3_bind_int(s, 1, person);
	while (sqlite3_step(s) == SQLITE_ROW) {
		size_t oldcap = R->cap;
		ALLOC_GROW(R->ids, R->n, R->cap);
		if (R->cap != oldcap)
			R->role = xrealloc(R->role, R->cap);
		const char *r = cli_col(s, 1);
		R->ids[R->n] = sqlite3_column_int64(s, 0);
		R->role[R->n++] = !r                          ? 3
				  : !strcmp(r, "participant") ? 1
				  : !strcmp(r, "absent")      ? 2
							      : 3;
	}
	sqlite3_finalize(s);
	sqlite3_int64 top = R->n ? R->ids[R->n - 1] : 0;
	if (R->n && R->ids[0] >= 0 && (size_t)top < 16 * R->n + 65536) {
		R->nbyid = (size_t)top + 1;
		R->byid = xcalloc(R->nbyid, 1);
		for (size_t k = 0; k < R->n; k++)
			R->byid[R->ids[k]] = R->role[k];
	}
	return 0;
}

static void roles_release(roles *R)
{
	free(R->byid);
	free(R->ids);
	free(R->role);
}

/* One walk over the notes, newest first: all of them, or one half of
 * a long history that two threads read (see cmd_history). */
typedef struct hwalk {
	pg_vault *v; /* the walk's own connection */
	int id;      /* the person */
	int joined;  /* the note's columns come with the walk */
	const char *role, *since, *until;
	const char *split; /* the day between the halves, or NULL: all */
	int older;         /* the half at or before SPLIT, and the undated */
	size_t want;       /* rows at most */
	const strlist *names;
	const items *it;
	const roles *R;
	hout o;
	int err;
} hwalk;

/* Newest first: the note_date index is walked from the end, and the
 * person's notes among them (a byte per note id, from the mention index)
 * are read a day at a time, sorted by path within the day and printed.
 * The busiest person of a large vault is in thousands of notes: reading
 * them all, then sorting, took more memory and time than the walk over
 * every note's date.  A note is read with its own statement, or, for
 * someone in more than a quarter of the notes (the owner is in all), by
 * the walk itself: a statement per note was a fifth of the owner's
 * history.  W->err on failure. */
static void *walk(void *arg)
{
	hwalk *w = arg;
	hout *o = &w->o;
	const strlist *names = w->names;
	int id = w->id;
	hist H;
	memset(&H, 0, sizeof(H));
	strbuf sql = STRBUF_INIT;
	sb_addf(&sql, "SELECT path, title, people, topics FROM note WHERE id = ?1 AND %s",
		store_private_filter(w->v));
	sqlite3_stmt *one = w->joined ? NULL : store_prepare(w->v, sb_str(&sql));
	/* the older half is the days up to SPLIT, then the undated notes
	 * (last in ORDER BY date DESC): two ranges of note_date, where one
	 * statement with an OR would scan the whole index */
	static const char *const part[] = {"", " AND date > ?3", " AND date <= ?3",
					   " AND date IS NULL"};
	int parts[2] = {!w->split ? 0 : w->older ? 2 : 1, 3}, ns = w->split && w->older ? 2 : 1;
	sqlite3_stmt *st[2] = {NULL, NULL};
	for (int k = 0; k < ns; k++) {
		sb_reset(&sql);
		sb_addf(&sql,
			"SELECT id, date%s FROM note"
			" WHERE (?1 IS NULL OR date >= ?1) AND (?2 IS NULL OR date <= ?2)%s%s%s"
			" ORDER BY date DESC",
			w->joined ? ", path, title, people, topics" : "", w->joined ? " AND " : "",
			w->joined ? store_private_filter(w->v) : "", part[parts[k]]);
		if (!(st[k] = store_prepare(w->v, sb_str(&sql)))) {
			w->err = 1;
			goto cleanup;
		}
		if (w->since)
			sqlite3_bind_text(st[k], 1, w->since, -1, SQLITE_STATIC);
		if (w->until)
			sqlite3_bind_text(st[k], 2, w->until, -1, SQLITE_STATIC);
		if (w->split && parts[k] != 3)
			sqlite3_bind_text(st[k], 3, w->split, -1, SQLITE_STATIC);
	}
	sb_release(&sql);
	if (!w->joined && !one) {
		w->err = 1;
		goto cleanup;
	}
	int cur = 0;                /* the statement of ST being read */
	int c0 = w->joined ? 2 : 0; /* the note's first column in the walk's row */
	strbuf day = STRBUF_INIT;   /* the day of the rows in H */
	int undated = 0;            /* or they have none (the last rows) */
	while (o->n < w->want) {
		while (cur < ns && sqlite3_step(st[cur]) != SQLITE_ROW)
			cur++;
		int eof = cur == ns;
		sqlite3_stmt *s = eof ? NULL : st[cur];
		/* the note's columns: in S after id and date, or in ONE */
		sqlite3_stmt *src = w->joined ? s : one;
		sqlite3_int64 nid = eof ? 0 : sqlite3_column_int64(s, 0);
		const char *d = eof ? NULL : cli_col(s, 1);
		/* a new day (or the end): print the one before */
		if (eof || (d == NULL) != undated || (d && strcmp(d, sb_str(&day)))) {
			sort_array(H.v, H.n, sizeof(*H.v), hrow_cmp);
			for (size_t k = 0; k < H.n && o->n < w->want; k++)
				emit(o, &H, &H.v[k]);
			hist_clear(&H);
			if (eof)
				break;
			undated = !d;
			sb_reset(&day);
			sb_adds(&day, d ? d : "");
		}
		int mr = role_of(w->R, nid);
		if (!mr)
			continue;
		const char *r = mr == 1                 ? "participant"
				: items_has(w->it, nid) ? "owner"
				: mr == 2               ? "absent"
							: "referenced";
		if (w->role && strcmp(w->role, r))
			continue;
		if (!w->joined) {
			sqlite3_reset(one);
			sqlite3_bind_int64(one, 1, nid);
			if (sqlite3_step(one) != SQLITE_ROW)
				continue; /* private */
		}
		ALLOC_GROW(H.v, H.n, H.cap);
		hrow *h = &H.v[H.n++];
		h->id = nid;
		h->role = r;
		h->date = d ? arena_strdup(&H.mem, d) : NULL;
		h->path = cli_arena_col(&H.mem, src, c0); /* NOT NULL */
		h->title = cli_arena_col(&H.mem, src, c0 + 1);
		h->topics = cli_arena_col(&H.mem, src, c0 + 3);
		/* who else was there */
		h->people = H.nids;
		long pid;
		for (const char *p = cli_col(src, c0 + 2); cli_next_id(&p, &pid);)
			if (pid != id && pid >= 0 && (size_t)pid < names->n && names->v[pid]) {
				ALLOC_GROW(H.ids, H.nids, H.capids);
				H.ids[H.nids++] = (int)pid;
			}
		h->npeople = H.nids - h->people;
	}
	sb_release(&day);
cleanup:
	sb_release(&sql);
	for (int k = 0; k < 2; k++)
		sqlite3_finalize(st[k]);
	sqlite3_finalize(one);
	hist_release(&H);
	return NULL;
}

/* The items of the notes from LO up, read by a second thread on a
 * connection of its own (READER; NULL when it cannot be opened, and
 * then nothing is read) */
typedef struct iload {
	const pg_vault *v;
	pg_vault *reader;
	int person;
	sqlite3_int64 lo;
	items it;
	int err;
} iload;

static void *items_later(void *arg)
{
	iload *l = arg;
	l->reader = store_open_reader(l->v);
	l->err = l->reader && items_load(l->reader, l->person, l->lo, INT64_MAX, &l->it) < 0;
	return NULL;
}

/* A history of this many notes of the person's, read by the walk (see
 * walk), is read in two halves by two threads, each on its own
 * connection (PG_TEST_LARGE=1: any, on a machine of one core too). */
#define PAR_NOTES 4096

/* The day that splits the dated notes of V in two halves, newest first
 * (TOP: about how many there are), into BUF; 0 when there is none. */
static int split_day(pg_vault *v, sqlite3_int64 top, char *buf, size_t size)
{
	sqlite3_stmt *s = store_prepare(v, "SELECT date FROM note WHERE date IS NOT NULL"
					   " ORDER BY date DESC LIMIT 1 OFFSET ?1");
	if (!s)
		return 0;
	sqlite3_bind_int64(s, 1, top / 2);
	int ok = sqlite3_step(s) == SQLITE_ROW && cli_col(s, 0);
	if (ok)
		snprintf(buf, size, "%s", cli_col(s, 0));
	sqlite3_finalize(s);
	return ok && strlen(buf) < size - 1;
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
	strlist names = {0};
	items it = {0};
	roles R;
	memset(&R, 0, sizeof(R));
	hwalk W[2];
	memset(W, 0, sizeof(W));
	pg_vault *reader = NULL;
	char split[64];
	int nw = 1;
	iload later = {.v = v, .person = id};
	pthread_t th;
	static const char *const head[] = {"date",   "title",      "role", "with",
					   "topics", "open items", NULL};
	/* names by id, read once rather than joined to every row;
	 * participant, else owner of an item in the note, else as mentioned:
	 * the items, then the roles */
	if (cli_names_by_id(v, &names) < 0 || roles_load(v, id, &R) < 0) {
		rc = PG_EXIT_OPEN;
		goto cleanup;
	}
	int joined = cli_test_large();
	sqlite3_int64 top = 0;
	{
		sqlite3_stmt *m = store_prepare(v, "SELECT max(id) FROM note");
		if (m && sqlite3_step(m) == SQLITE_ROW)
			top = sqlite3_column_int64(m, 0);
		sqlite3_finalize(m);
	}
	joined |= (sqlite3_int64)R.n * 4 > top;
	/* the whole of a long history: two threads, on two connections,
	 * read the items of the lower and upper note ids, then the newer
	 * and older half of the days.  The newer half is printed as it is
	 * read, the older half is read into memory meanwhile and printed
	 * after it. */
	later.lo = top / 2 + 1;
	int par = joined && limit < 0 &&
		  ((R.n >= PAR_NOTES && store_ncpu() > 1) || (cli_test_large() && R.n > 1)) &&
		  split_day(v, top, split, sizeof split);
	int started = par && pthread_create(&th, NULL, items_later, &later) == 0;
	if (items_load(v, id, INT64_MIN, par ? later.lo - 1 : INT64_MAX, &it) < 0) {
		rc = PG_EXIT_OPEN;
		if (started)
			pthread_join(th, NULL);
		reader = later.reader;
		goto cleanup;
	}
	if (started)
		pthread_join(th, NULL);
	else if (par)
		items_later(&later);
	reader = later.reader;
	if (par &&
	    (later.err || (!reader && items_load(v, id, later.lo, INT64_MAX, &later.it) < 0))) {
		rc = PG_EXIT_OPEN;
		goto cleanup;
	}
	items_append(&it, &later.it);
	for (int k = 0; k < 2; k++) {
		W[k] = (hwalk){.v = v,
			       .id = id,
			       .joined = joined,
			       .role = role,
			       .since = since,
			       .until = until,
			       .want = limit >= 0 ? (size_t)limit : (size_t)-1,
			       .names = &names,
			       .it = &it,
			       .R = &R};
		W[k].o.fmt = fmt;
		W[k].o.names = &names;
		W[k].o.it = &it;
		table_init(&W[k].o.t, head, 0);
	}
	if (reader) {
		nw = 2;
		W[0].split = W[1].split = split;
		W[1].older = 1;
		W[1].v = reader;
		W[1].o.to_mem = 1;
	}
	started = nw == 2 && pthread_create(&th, NULL, walk, &W[1]) == 0;
	walk(&W[0]);
	if (started)
		pthread_join(th, NULL);
	else if (nw == 2)
		walk(&W[1]);
	if (W[0].err || W[1].err) {
		rc = PG_EXIT_OPEN;
		goto cleanup;
	}
	if (nw == 2) {
		hout *a = &W[0].o, *b = &W[1].o;
		if (fmt == OUT_JSON && b->mlen) {
			/* B's first note opened the array: after A's, it follows */
			if (a->n)
				fputs(",\n", stdout);
			size_t skip = a->n ? 2 : 0;
			fwrite_unlocked(b->mem + skip, 1, b->mlen - skip, stdout);
		}
		for (size_t k = 0; fmt != OUT_JSON && k < b->t.cells.n; k += b->t.ncols)
			table_add_ref(&a->t, b->t.cells.v + k);
		a->n += b->n;
	}
	if (fmt == OUT_JSON)
		fputs(W[0].o.n ? "\n]\n" : "[]\n", stdout);
	else
		table_print(&W[0].o.t, fmt, stdout);
cleanup:
	for (int k = 0; k < 2; k++)
		hout_release(&W[k].o);
	pg_vault_close(reader);
	items_release(&it);
	items_release(&later.it);
	roles_release(&R);
	sl_release(&names);
	pg_vault_close(v);
	return rc;
}
