/* common.c — what commands share: opening the vault, naming a person. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "out.h"
#include "diag.h"
#include "resolve.h"
#include "strmap.h"
#include "text.h"
#include "util.h"

int cli_open(pg_cli *cli, pg_vault **v)
{
	if (pg_vault_open(v, &cli->open) < 0)
		return PG_EXIT_OPEN;
	if (cli->no_index)
		return PG_EXIT_OK;
	pg_index_stats st;
	int rc = pg_vault_index(*v, 0, &st);
	if (rc < 0) {
		pg_vault_close(*v);
		*v = NULL;
		return PG_EXIT_OPEN;
	}
	return rc ? PG_EXIT_NOTES : PG_EXIT_OK;
}

/* The one person whose name or alias folds to NAME's full-name key, or 0:
 * the registry's own answer for such a key, without loading the registry
 * (a tenth of a busy person's history). */
static int person_by_key(pg_vault *v, const char *name)
{
	int full, id = 0;
	char *key = registry_query_key(name, &full);
	sqlite3_stmt *s = full ? store_prepare(v, "SELECT id FROM person WHERE key = ?1 UNION"
						  " SELECT person FROM alias WHERE key = ?1")
			       : NULL;
	if (s) {
		sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
		if (sqlite3_step(s) == SQLITE_ROW) {
			id = sqlite3_column_int(s, 0);
			if (sqlite3_step(s) == SQLITE_ROW)
				id = 0; /* shared: the registry lists the candidates */
		}
		sqlite3_finalize(s);
	}
	free(key);
	return id;
}

int cli_person(pg_vault *v, const char *name)
{
	int id = person_by_key(v, name);
	if (id > 0)
		return id;
	pg_registry R;
	store_load_registry(v, &R);
	intlist c = {0};
	registry_candidates(&R, name, &c);
	int r = -1;
	if (c.n == 1) {
		r = c.v[0] + 1;
	} else if (c.n > 1) {
		fprintf(stderr, "peoplegraph: '%s' is ambiguous; it could be:\n", name);
		for (size_t i = 0; i < c.n; i++) {
			const pg_person *p = &R.v[c.v[i]];
			fprintf(stderr, "  %s%s%s%s\n", p->name, p->org ? " (" : "",
				p->org ? p->org : "", p->org ? ")" : "");
		}
		fprintf(stderr, "Give the full name.\n");
		r = -2;
	} else {
		fprintf(stderr,
			"peoplegraph: no person called '%s' in the index; "
			"'peoplegraph people' lists everyone\n",
			name);
	}
	il_release(&c);
	registry_release(&R);
	return r;
}

int cli_print_query(sqlite3_stmt *s, const char *const *head, unsigned numeric, int fmt)
{
	pg_table t;
	table_init(&t, head, numeric);
	const char *row[16];
	while (t.ncols <= 16 && sqlite3_step(s) == SQLITE_ROW) {
		for (size_t k = 0; k < t.ncols; k++)
			row[k] = (const char *)sqlite3_column_text(s, (int)k);
		table_add(&t, row);
	}
	sqlite3_finalize(s);
	table_print(&t, fmt, stdout);
	table_release(&t);
	return 0;
}

void cli_json_task_list(strbuf *sb, const cli_task *v, size_t n)
{
	sb_addc(sb, '[');
	for (size_t i = 0; i < n; i++) {
		sb_adds(sb, i ? ", {\"owner\": " : "{\"owner\": ");
		sb_json_str(sb, v[i].owner);
		sb_adds(sb, ", \"due\": ");
		sb_json_str(sb, v[i].due);
		sb_adds(sb, v[i].done ? ", \"done\": true, \"text\": "
				      : ", \"done\": false, \"text\": ");
		sb_json_str(sb, v[i].text);
		sb_addc(sb, '}');
	}
	sb_addc(sb, ']');
}

const char *cli_col(sqlite3_stmt *s, int i)
{
	return (const char *)sqlite3_column_text(s, i);
}

int cli_test_large(void)
{
	const char *e = getenv("PG_TEST_LARGE");
	return e && !strcmp(e, "1");
}

char *cli_arena_col(arena *a, sqlite3_stmt *s, int i)
{
	const char *p = (const char *)sqlite3_column_text(s, i);
	return p ? arena_strndup(a, p, (size_t)sqlite3_column_bytes(s, i)) : NULL;
}

char *cli_dup_col(sqlite3_stmt *s, int i)
{
	const char *t = cli_col(s, i);
	return t ? xstrdup(t) : NULL;
}

void cli_task_from_row(cli_task *t, sqlite3_stmt *s, int col)
{
	t->owner = cli_dup_col(s, col);
	t->due = cli_dup_col(s, col + 1);
	t->done = sqlite3_column_int(s, col + 2);
	t->text = cli_dup_col(s, col + 3);
}

void cli_task_release(cli_task *t)
{
	free(t->owner);
	free(t->due);
	free(t->text);
}

void cli_json_tasks(strbuf *sb, sqlite3_stmt *s)
{
	cli_task *v = NULL;
	size_t n = 0, cap = 0;
	while (sqlite3_step(s) == SQLITE_ROW) {
		ALLOC_GROW(v, n, cap);
		cli_task_from_row(&v[n++], s, 0);
	}
	sqlite3_reset(s);
	cli_json_task_list(sb, v, n);
	for (size_t i = 0; i < n; i++)
		cli_task_release(&v[i]);
	free(v);
}

void cli_json_strings(strbuf *sb, const char *const *v, size_t n)
{
	sb_addc(sb, '[');
	for (size_t i = 0; i < n; i++) {
		if (i)
			sb_add(sb, ", ", 2);
		sb_json_str(sb, v[i]);
	}
	sb_addc(sb, ']');
}

void cli_json_note_head(strbuf *sb, const char *path, const char *date, const char *title)
{
	sb_adds(sb, " {\"path\": ");
	sb_json_str(sb, path);
	sb_adds(sb, ", \"date\": ");
	sb_json_str(sb, date);
	sb_adds(sb, ", \"title\": ");
	sb_json_str(sb, title);
}

static int topic_cmp(const void *a, const void *b)
{
	const cli_topic *x = a, *y = b;
	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	return strcmp(x->term, y->term);
}

void cli_topic_acc_init(cli_topic_acc *A, pg_vault *v)
{
	memset(A, 0, sizeof(*A));
	A->idx = (strmap)STRMAP_INIT;
	A->df = (strmap)STRMAP_INIT;
	sqlite3_stmt *s = store_prepare(v, "SELECT count(*) FROM note");
	if (s && sqlite3_step(s) == SQLITE_ROW)
		A->total = (double)sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	/* how many notes of the whole vault have each topic */
	s = store_prepare(v, "SELECT key, notes FROM topic_stat WHERE scope = 1");
	while (s && sqlite3_step(s) == SQLITE_ROW)
		strmap_put(&A->df, cli_col(s, 0), sqlite3_column_int(s, 1));
	sqlite3_finalize(s);
}

void cli_topic_acc_note(cli_topic_acc *A, const char *topics, const char *date)
{
	A->row++;
	char *terms = topics ? xstrdup(topics) : NULL;
	for (char *term = terms; term && *term;) {
		char *end = strchr(term, '\x1f');
		if (end)
			*end = '\0';
		char *key = store_topic_key(term);
		int *slot = strmap_get(&A->idx, key);
		if (!slot) {
			size_t cap = A->cap;
			ALLOC_GROW(A->t, A->n, A->cap);
			if (cap != A->cap) {
				A->last = xrealloc(A->last, A->cap * sizeof(*A->last));
				A->notes_with =
					xrealloc(A->notes_with, A->cap * sizeof(*A->notes_with));
			}
			memset(&A->t[A->n], 0, sizeof(A->t[A->n]));
			A->t[A->n].term = xstrdup(term);
			A->last[A->n] = -1;
			int *d = strmap_get(&A->df, key);
			A->notes_with[A->n] = d ? *d : 0;
			slot = strmap_put(&A->idx, key, (int)A->n++);
		}
		cli_topic *x = &A->t[*slot];
		if (strcmp(term, x->term) < 0) {
			free(x->term);
			x->term = xstrdup(term);
		}
		if (A->last[*slot] != A->row) {
			x->notes++;
			A->last[*slot] = A->row;
		}
		day_min(x->first, date);
		day_max(x->last, date);
		free(key);
		term = end ? end + 1 : NULL;
	}
	free(terms);
}

void cli_topic_acc_finish(cli_topic_acc *A, cli_topic **out, size_t *nout)
{
	/* notes with them x log(N / notes with the topic) */
	for (size_t i = 0; i < A->n; i++)
		A->t[i].score = A->notes_with[i] > 0
					? A->t[i].notes * log((A->total + 1.0) / A->notes_with[i])
					: -HUGE_VAL;
	sort_array(A->t, A->n, sizeof(*A->t), topic_cmp);
	*out = A->t;
	*nout = A->n;
	free(A->notes_with);
	free(A->last);
	strmap_release(&A->idx);
	strmap_release(&A->df);
	memset(A, 0, sizeof(*A));
}

int cli_names_by_id(pg_vault *v, strlist *names)
{
	sqlite3_stmt *s = store_prepare(v, "SELECT id, name FROM person ORDER BY id");
	while (s && sqlite3_step(s) == SQLITE_ROW) {
		size_t pid = (size_t)sqlite3_column_int64(s, 0);
		while (names->n <= pid && names->n < 100000000)
			sl_push_owned(names, NULL);
		if (pid < names->n) {
			free(names->v[pid]);
			names->v[pid] = xstrdup(cli_col(s, 1));
		}
	}
	sqlite3_finalize(s);
	return s ? 0 : -1;
}

int cli_next_id(const char **p, long *id)
{
	if (!*p || !**p)
		return 0;
	/* by hand: the owner's history parses a hundred thousand of them;
	 * anything but 1 to 18 digits goes to strtol */
	const char *e = *p;
	long v = 0;
	while (*e >= '0' && *e <= '9' && e - *p < 18)
		v = v * 10 + (*e++ - '0');
	if (e == *p || (*e >= '0' && *e <= '9')) {
		char *end;
		v = strtol(*p, &end, 10);
		if (end == *p)
			return 0;
		e = end;
	}
	*id = v;
	*p = *e == ',' ? e + 1 : e;
	return 1;
}

int cli_person_topics(pg_vault *v, int person, cli_topic **out, size_t *nout)
{
	cli_topic_acc A;
	cli_topic_acc_init(&A, v);
	/* their notes' topics from note.topics, note by note (no GROUP BY: a busy
	 * person's thousands of notes group faster here) */
	strbuf q = STRBUF_INIT;
	sb_addf(&q,
		"SELECT n.topics, n.date FROM mention m JOIN note n ON n.id = m.note"
		" WHERE m.person = ?1 AND %s",
		store_private_filter(v));
	sqlite3_stmt *s = store_prepare(v, sb_str(&q));
	sb_release(&q);
	if (s)
		sqlite3_bind_int(s, 1, person);
	while (s && sqlite3_step(s) == SQLITE_ROW)
		cli_topic_acc_note(&A, cli_col(s, 0), cli_col(s, 1));
	sqlite3_finalize(s);
	cli_topic_acc_finish(&A, out, nout);
	return s ? 0 : -1;
}

void cli_topics_release(cli_topic *t, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(t[i].term);
	free(t);
}
