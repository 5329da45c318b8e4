/* history.c — peoplegraph history NAME: the person's notes, newest first,
 * with role, who else was there, topics and their action items. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "out.h"

/* One note of the history.  A busy person's history is thousands of
 * rows, and every fresh page of memory is dear on a virtual machine: the
 * strings are in one arena, the ids of the people in one array. */
typedef struct hrow {
	sqlite3_int64 id;
	const char *path, *date, *title, *topics; /* topics: note.topics, '\x1f'-separated */
	const char *role;
	size_t people, npeople; /* a run of the ids in hist.ids */
} hrow;

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

/* Reads the items PERSON owns (one statement, through task_owner), and
 * the person's name for their owner. */
static int items_load(pg_vault *v, int person, items *it)
{
	sqlite3_stmt *s = store_prepare(v, "SELECT name FROM person WHERE id = ?1");
	if (!s)
		return -1;
	sqlite3_bind_int(s, 1, person);
	if (sqlite3_step(s) == SQLITE_ROW && cli_col(s, 0))
		it->owner = arena_strdup(&it->mem, cli_col(s, 0));
	sqlite3_finalize(s);
	s = store_prepare(v, "SELECT note, due, done, text FROM task"
			     " WHERE owner = ?1 ORDER BY note, seq");
	if (!s)
		return -1;
	sqlite3_bind_int(s, 1, person);
	while (sqlite3_step(s) == SQLITE_ROW) {
		size_t oldcap = it->cap;
		ALLOC_GROW(it->v, it->n, it->cap);
		if (it->cap != oldcap)
			it->note = xrealloc(it->note, it->cap * sizeof(*it->note));
		cli_task *t = &it->v[it->n];
		it->note[it->n++] = sqlite3_column_int64(s, 0);
		t->owner = (char *)it->owner;
		t->due = cli_col(s, 1) ? arena_strdup(&it->mem, cli_col(s, 1)) : NULL;
		t->done = sqlite3_column_int(s, 2);
		t->text = cli_col(s, 3) ? arena_strdup(&it->mem, cli_col(s, 3)) : NULL;
	}
	sqlite3_finalize(s);
	return 0;
}

static void items_release(items *it)
{
	free(it->v);
	free(it->note);
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

static int items_has(const items *it, sqlite3_int64 id)
{
	size_t k = items_first(it, id);
	return k < it->n && it->note[k] == id;
}

static void json_strs(FILE *f, const char *const *v, size_t n)
{
	fputc('[', f);
	for (size_t i = 0; i < n; i++) {
		if (i)
			fputs(", ", f);
		json_str(f, v[i]);
	}
	fputc(']', f);
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

static void hist_release(hist *h)
{
	free(h->v);
	free(h->ids);
	arena_release(&h->mem);
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
		"SELECT n.id, n.path, n.date, n.title, m.role, n.people, n.topics FROM mention m"
		" JOIN note n ON n.id = m.note"
		" WHERE m.person = ?1 AND %s AND (?2 IS NULL OR n.date >= ?2) AND (?3 IS NULL OR n.date <= ?3)",
		store_private_filter(v));
	sqlite3_stmt *s = store_prepare(v, sb_str(&sql));
	sb_release(&sql);
	hist H;
	memset(&H, 0, sizeof(H));
	strlist names = {0};
	items it = {0};
	size_t n = 0;
	/* names by id, read once rather than joined to every row */
	if (!s || cli_names_by_id(v, &names) < 0) {
		rc = PG_EXIT_OPEN;
		goto cleanup;
	}
	/* participant, else owner of an item in the note, else as mentioned:
	 * the items first, read once for both */
	if (items_load(v, id, &it) < 0) {
		rc = PG_EXIT_OPEN;
		goto cleanup;
	}
	sqlite3_bind_int(s, 1, id);
	if (since)
		sqlite3_bind_text(s, 2, since, -1, SQLITE_STATIC);
	if (until)
		sqlite3_bind_text(s, 3, until, -1, SQLITE_STATIC);
	while (sqlite3_step(s) == SQLITE_ROW) {
		const char *mr = cli_col(s, 4);
		sqlite3_int64 nid = sqlite3_column_int64(s, 0);
		const char *r = !strcmp(mr, "participant") ? "participant"
				: items_has(&it, nid)      ? "owner"
				: !strcmp(mr, "absent")    ? "absent"
							   : "referenced";
		if (role && strcmp(role, r))
			continue;
		ALLOC_GROW(H.v, H.n, H.cap);
		hrow *h = &H.v[H.n++];
		h->id = nid;
		h->role = r;
		h->path = arena_strdup(&H.mem, cli_col(s, 1)); /* NOT NULL */
		h->date = cli_col(s, 2) ? arena_strdup(&H.mem, cli_col(s, 2)) : NULL;
		h->title = cli_col(s, 3) ? arena_strdup(&H.mem, cli_col(s, 3)) : NULL;
		h->topics = cli_col(s, 6) ? arena_strdup(&H.mem, cli_col(s, 6)) : NULL;
		/* who else was there */
		h->people = H.nids;
		long pid;
		for (const char *p = cli_col(s, 5); cli_next_id(&p, &pid);)
			if (pid != id && pid >= 0 && (size_t)pid < names.n && names.v[pid]) {
				ALLOC_GROW(H.ids, H.nids, H.capids);
				H.ids[H.nids++] = (int)pid;
			}
		h->npeople = H.nids - h->people;
	}
	sort_array(H.v, H.n, sizeof(*H.v), hrow_cmp);
	n = limit >= 0 && (size_t)limit < H.n ? (size_t)limit : H.n;
	pg_table t;
	static const char *const head[] = {"date",   "title",      "role", "with",
					   "topics", "open items", NULL};
	table_init(&t, head, 0);
	if (fmt == OUT_JSON)
		fputs(n ? "[" : "[]\n", stdout);
	for (size_t k = 0; k < n; k++) {
		hrow *r = &H.v[k];
		const char *with[64],
			**wv = r->npeople <= 64 ? with : xmalloc(r->npeople * sizeof(*wv));
		for (size_t i = 0; i < r->npeople; i++)
			wv[i] = names.v[H.ids[r->people + i]];
		const char *topic[5];
		int ntopic = split_topics(r, topic);
		size_t t0 = items_first(&it, r->id), t1 = t0;
		while (t1 < it.n && it.note[t1] == r->id)
			t1++;
		const cli_task *tasks = it.v + t0;
		size_t ntasks = t1 - t0;
		if (fmt == OUT_JSON) {
			fputs(k ? ",\n" : "\n", stdout);
			cli_json_note_head(stdout, r->path, r->date, r->title);
			fputs(", \"role\": ", stdout);
			json_str(stdout, r->role);
			fputs(",\n  \"with\": ", stdout);
			json_strs(stdout, wv, r->npeople);
			fputs(", \"topics\": ", stdout);
			json_strs(stdout, topic, (size_t)ntopic);
			fputs(",\n  \"tasks\": ", stdout);
			cli_json_task_list(stdout, tasks, ntasks);
			fputs("}", stdout);
		} else {
			strbuf w = STRBUF_INIT, tp = STRBUF_INIT, ti = STRBUF_INIT;
			for (size_t i = 0; i < r->npeople; i++) {
				if (i)
					sb_adds(&w, ", ");
				sb_adds(&w, wv[i]);
			}
			for (int i = 0; i < ntopic && i < 3; i++) {
				if (i)
					sb_adds(&tp, ", ");
				sb_adds(&tp, topic[i]);
			}
			for (size_t i = 0; i < ntasks; i++) {
				const cli_task *x = &tasks[i];
				if (x->done)
					continue;
				if (ti.len)
					sb_adds(&ti, "; ");
				sb_adds(&ti, x->text ? x->text : "");
				if (x->due) {
					sb_adds(&ti, " due ");
					sb_adds(&ti, x->due);
				}
			}
			char *row[] = {xstrdup(r->date ? r->date : ""),
				       xstrdup(r->title ? r->title : ""),
				       xstrdup(r->role),
				       sb_detach(&w),
				       sb_detach(&tp),
				       sb_detach(&ti)};
			table_add_owned(&t, row);
		}
		if (wv != with)
			free(wv);
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
	items_release(&it);
	hist_release(&H);
	sl_release(&names);
	pg_vault_close(v);
	return rc;
}
