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

int cli_person(pg_vault *v, const char *name)
{
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

void cli_json_task_list(FILE *f, const cli_task *v, size_t n)
{
	fputc('[', f);
	for (size_t i = 0; i < n; i++) {
		fputs(i ? ", {\"owner\": " : "{\"owner\": ", f);
		json_str(f, v[i].owner);
		fputs(", \"due\": ", f);
		json_str(f, v[i].due);
		fprintf(f, ", \"done\": %s, \"text\": ", v[i].done ? "true" : "false");
		json_str(f, v[i].text);
		fputc('}', f);
	}
	fputc(']', f);
}

const char *cli_col(sqlite3_stmt *s, int i)
{
	return (const char *)sqlite3_column_text(s, i);
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

void cli_json_tasks(FILE *f, sqlite3_stmt *s)
{
	cli_task *v = NULL;
	size_t n = 0, cap = 0;
	while (sqlite3_step(s) == SQLITE_ROW) {
		ALLOC_GROW(v, n, cap);
		cli_task_from_row(&v[n++], s, 0);
	}
	sqlite3_reset(s);
	cli_json_task_list(f, v, n);
	for (size_t i = 0; i < n; i++)
		cli_task_release(&v[i]);
	free(v);
}

void cli_json_strings(FILE *f, const strlist *l)
{
	fputc('[', f);
	for (size_t i = 0; i < l->n; i++) {
		if (i)
			fputs(", ", f);
		json_str(f, l->v[i]);
	}
	fputc(']', f);
}

void cli_json_note_head(FILE *f, const char *path, const char *date, const char *title)
{
	fputs(" {\"path\": ", f);
	json_str(f, path);
	fputs(", \"date\": ", f);
	json_str(f, date);
	fputs(", \"title\": ", f);
	json_str(f, title);
}

static int topic_cmp(const void *a, const void *b)
{
	const cli_topic *x = a, *y = b;
	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	return strcmp(x->term, y->term);
}

int cli_person_topics(pg_vault *v, int person, cli_topic **out, size_t *nout)
{
	*out = NULL;
	*nout = 0;
	double total = 0;
	sqlite3_stmt *s = store_prepare(v, "SELECT count(*) FROM note");
	if (s && sqlite3_step(s) == SQLITE_ROW)
		total = (double)sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	/* how many notes of the whole vault have each topic */
	strmap df = STRMAP_INIT;
	s = store_prepare(v, "SELECT key, notes FROM topic_stat WHERE scope = 1");
	while (s && sqlite3_step(s) == SQLITE_ROW)
		strmap_put(&df, (const char *)sqlite3_column_text(s, 0), sqlite3_column_int(s, 1));
	sqlite3_finalize(s);
	/* their notes' topics, note by note (no GROUP BY: a busy person's
	 * thousands of notes group faster here) */
	strbuf q = STRBUF_INIT;
	sb_addf(&q,
		"SELECT t.note, t.term, n.date FROM mention m JOIN topic t ON t.note = m.note"
		" JOIN note n ON n.id = m.note WHERE m.person = ?1 AND %s",
		store_private_filter(v));
	s = store_prepare(v, sb_str(&q));
	sb_release(&q);
	strmap idx = STRMAP_INIT;
	cli_topic *t = NULL;
	size_t n = 0, cap = 0;
	sqlite3_int64 *last = NULL; /* per topic: the last note counted */
	int rc = s ? 0 : -1;
	if (s)
		sqlite3_bind_int(s, 1, person);
	while (s && sqlite3_step(s) == SQLITE_ROW) {
		sqlite3_int64 note = sqlite3_column_int64(s, 0);
		const char *term = (const char *)sqlite3_column_text(s, 1);
		const char *date = (const char *)sqlite3_column_text(s, 2);
		char *key = store_topic_key(term);
		int *slot = strmap_get(&idx, key);
		if (!slot) {
			ALLOC_GROW(t, n, cap);
			last = xrealloc(last, cap * sizeof(*last));
			memset(&t[n], 0, sizeof(t[n]));
			t[n].term = xstrdup(term);
			last[n] = -1;
			slot = strmap_put(&idx, key, (int)n++);
		}
		cli_topic *x = &t[*slot];
		if (strcmp(term, x->term) < 0) {
			free(x->term);
			x->term = xstrdup(term);
		}
		if (last[*slot] != note) {
			x->notes++;
			last[*slot] = note;
		}
		if (date && (!*x->first || strcmp(date, x->first) < 0))
			snprintf(x->first, sizeof x->first, "%s", date);
		if (date && strcmp(date, x->last) > 0)
			snprintf(x->last, sizeof x->last, "%s", date);
		int *d = strmap_get(&df, key);
		/* notes with them x log(N / notes with the topic) */
		x->score = d && *d > 0 ? x->notes * log((total + 1.0) / *d) : -HUGE_VAL;
		free(key);
	}
	sqlite3_finalize(s);
	sort_array(t, n, sizeof(*t), topic_cmp);
	free(last);
	strmap_release(&idx);
	strmap_release(&df);
	*out = t;
	*nout = n;
	return rc;
}

void cli_topics_release(cli_topic *t, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(t[i].term);
	free(t);
}
