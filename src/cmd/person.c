/* person.c — peoplegraph person NAME: a dossier — aliases, organisation,
 * role, meetings, first and last met, top co-participants and topics, open
 * items owed by them and owed to them by the vault owner. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "out.h"

typedef struct section {
	const char *title;
	pg_table t;
} section;

/* An open item of a list: its due date, text, note path and place in it. */
typedef struct item {
	const char *due, *text, *path; /* in the table's arena */
	int seq;
} item;

/* ORDER BY due IS NULL, due, path, seq */
static int item_cmp(const void *a, const void *b)
{
	const item *x = a, *y = b;
	if (!x->due != !y->due)
		return x->due ? -1 : 1;
	int c = x->due ? strcmp(x->due, y->due) : 0;
	if (!c)
		c = strcmp(x->path, y->path);
	return c ? c : (x->seq > y->seq) - (x->seq < y->seq);
}

/* Adds the rows of S (due, text, path, seq) to T in item_cmp order,
 * sorted here rather than by SQLite: the vault owner's items from the
 * meetings of the busiest person are thousands of rows, and SQLite's
 * sorter was a third of the dossier. */
static void fill(sqlite3_stmt *s, pg_table *t)
{
	item *v = NULL;
	size_t n = 0, cap = 0;
	while (s && sqlite3_step(s) == SQLITE_ROW) {
		ALLOC_GROW(v, n, cap);
		const char *due = cli_col(s, 0), *text = cli_col(s, 1);
		v[n].due = due ? arena_strdup(&t->mem, due) : NULL;
		v[n].text = text ? arena_strdup(&t->mem, text) : "";
		v[n].path = cli_arena_col(&t->mem, s, 2);
		v[n++].seq = sqlite3_column_int(s, 3);
	}
	sqlite3_finalize(s);
	sort_array(v, n, sizeof(*v), item_cmp);
	for (size_t i = 0; i < n; i++) {
		const char *row[] = {v[i].due, v[i].text, v[i].path};
		table_add_ref(t, row);
	}
	free(v);
}

typedef struct mate {
	const char *name;
	int count;
} mate;

static int mate_cmp(const void *a, const void *b)
{
	const mate *x = a, *y = b;
	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	return strcmp(x->name, y->name);
}

/* One pass over PERSON's notes for the first three sections: the figures
 * of the person row, the eight people most often in the same meetings
 * (from note.people) and the characteristic topics (from note.topics).
 * The busiest person of a large vault is in thousands of notes; one pass
 * in C is several times faster than a self-join of mention and a grouping
 * of topic. */
static void one_pass(pg_vault *v, int person, const char *pf, section *S)
{
	strlist names = {0};
	cli_names_by_id(v, &names);
	int *count = xcalloc(names.n ? names.n : 1, sizeof(*count));
	int meetings = 0, mentions = 0;
	char first[11] = "", last[11] = "";
	cli_topic_acc A;
	cli_topic_acc_init(&A, v);
	strbuf q = STRBUF_INIT;
	sb_addf(&q,
		"SELECT m.role = 'participant', n.person_note, n.date, n.people, n.topics"
		" FROM mention m JOIN note n ON n.id = m.note WHERE m.person = ?1 AND %s",
		pf);
	sqlite3_stmt *s = store_prepare(v, sb_str(&q));
	sb_release(&q);
	if (s)
		sqlite3_bind_int(s, 1, person);
	while (s && sqlite3_step(s) == SQLITE_ROW) {
		int part = sqlite3_column_int(s, 0);
		const char *date = cli_col(s, 2);
		mentions++;
		cli_topic_acc_note(&A, cli_col(s, 4), date);
		if (!part)
			continue;
		meetings += !sqlite3_column_int(s, 1);
		day_min(first, date);
		day_max(last, date);
		long pid;
		for (const char *p = cli_col(s, 3); cli_next_id(&p, &pid);)
			if (pid != person && pid >= 0 && (size_t)pid < names.n)
				count[pid]++;
	}
	sqlite3_finalize(s);

	s = store_prepare(v, "SELECT p.name, p.org, p.role, (SELECT group_concat(key, ', ')"
			     " FROM alias a WHERE a.person = p.id AND a.key <> p.key)"
			     " FROM person p WHERE p.id = ?1");
	if (s)
		sqlite3_bind_int(s, 1, person);
	if (s && sqlite3_step(s) == SQLITE_ROW) {
		char nmeet[16], nment[16];
		snprintf(nmeet, sizeof nmeet, "%d", meetings);
		snprintf(nment, sizeof nment, "%d", mentions);
		const char *row[] = {cli_col(s, 0), cli_col(s, 1), cli_col(s, 2), nmeet,
				     nment,         first,         last,          cli_col(s, 3)};
		table_add(&S[0].t, row);
	}
	sqlite3_finalize(s);

	mate *m = NULL;
	size_t nm = 0, capm = 0;
	for (size_t i = 0; i < names.n; i++)
		if (count[i] && names.v[i]) {
			ALLOC_GROW(m, nm, capm);
			m[nm].name = names.v[i];
			m[nm++].count = count[i];
		}
	sort_array(m, nm, sizeof(*m), mate_cmp);
	for (size_t i = 0; i < nm && i < 8; i++) {
		char c[16];
		snprintf(c, sizeof c, "%d", m[i].count);
		const char *row[] = {m[i].name, c};
		table_add(&S[1].t, row);
	}
	free(m);
	free(count);
	sl_release(&names);

	cli_topic *tv;
	size_t tn;
	cli_topic_acc_finish(&A, &tv, &tn);
	for (size_t i = 0; i < tn && i < 8; i++) {
		char c[16];
		snprintf(c, sizeof c, "%d", tv[i].notes);
		const char *row[] = {tv[i].term, c};
		table_add(&S[2].t, row);
	}
	cli_topics_release(tv, tn);
}

/* The dossier as one CSV table, a row per fact: section (KEYS, as in
 * JSON), item, value, due, note.  The person's row gives a row per field
 * (item: its name in H0); the people and topics, their count as value;
 * the open items, their text as item with their due date and note. */
static void csv_dossier(section *S, const char *const *h0, const char *const *keys)
{
	static const char *const head[] = {"section", "item", "value", "due", "note", NULL};
	pg_table t;
	table_init(&t, head, 0);
	for (int k = 0; k < 5; k++) {
		const pg_table *x = &S[k].t;
		for (size_t r = 0; x->ncols && r < x->cells.n / x->ncols; r++) {
			const char *const *c = x->cells.v + r * x->ncols;
			if (k == 0) {
				for (size_t f = 0; f < x->ncols; f++) {
					const char *row[] = {keys[k], h0[f], c[f], NULL, NULL};
					table_add(&t, row);
				}
			} else if (k < 3) {
				const char *row[] = {keys[k], c[0], c[1], NULL, NULL};
				table_add(&t, row);
			} else {
				const char *row[] = {keys[k], c[1], NULL, c[0], c[2]};
				table_add(&t, row);
			}
		}
	}
	table_print(&t, OUT_CSV, stdout);
	table_release(&t);
}

int cmd_person(pg_cli *cli, int argc, char **argv)
{
	int fmt = OUT_TABLE;
	const char *name = NULL;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--format") && i + 1 < argc) {
			if ((fmt = out_format(argv[++i])) < 0)
				return usage_error("person",
						   "--format takes table, json, csv or md");
		} else if (argv[i][0] == '-' && argv[i][1]) {
			return usage_error("person", "unknown option '%s'", argv[i]);
		} else if (!name) {
			name = argv[i];
		} else {
			return usage_error("person", "give one NAME");
		}
	}
	if (!name)
		return usage_error("person", "give one NAME");
	pg_vault *v;
	int rc = cli_open(cli, &v);
	if (rc == PG_EXIT_OPEN)
		return rc;
	int id = cli_person(v, name);
	if (id < 0) {
		pg_vault_close(v);
		return PG_EXIT_USAGE;
	}
	const char *pf = store_private_filter(v);
	section S[6];
	static const char *const h0[] = {"name",  "org",  "role",    "meetings", "mentions",
					 "first", "last", "aliases", NULL};
	static const char *const h1[] = {"name", "meetings together", NULL};
	static const char *const h2[] = {"topic", "notes", NULL};
	static const char *const h3[] = {"due", "task", "note", NULL};
	S[0].title = "Person";
	table_init(&S[0].t, h0, (1u << 3) | (1u << 4));
	S[1].title = "Meets most with";
	table_init(&S[1].t, h1, 1u << 1);
	S[2].title = "Topics";
	table_init(&S[2].t, h2, 1u << 1);
	S[3].title = "Open items they owe";
	table_init(&S[3].t, h3, 0);
	S[4].title = "Open items owed to them (yours, from meetings with them)";
	table_init(&S[4].t, h3, 0);
	strbuf q = STRBUF_INIT;
#define PREP(...) (sb_reset(&q), sb_addf(&q, __VA_ARGS__), store_prepare(v, sb_str(&q)))
	one_pass(v, id, pf, S);
	sqlite3_stmt *s =
		PREP("SELECT t.due, t.text, n.path, t.seq FROM task t JOIN note n ON n.id = t.note"
		     " WHERE t.owner = ?1 AND NOT t.done AND %s",
		     pf);
	if (s)
		sqlite3_bind_int(s, 1, id);
	fill(s, &S[3].t);
	/* from the notes they sat in, not from every item the owner has */
	s = PREP("SELECT t.due, t.text, n.path, t.seq FROM mention m JOIN task t ON t.note = m.note"
		 " JOIN note n ON n.id = m.note"
		 " WHERE t.owner = (SELECT id FROM person WHERE is_owner = 1 AND id <> ?1)"
		 " AND m.person = ?1 AND m.role = 'participant' AND NOT t.done AND %s",
		 pf);
	if (s)
		sqlite3_bind_int(s, 1, id);
	fill(s, &S[4].t);
#undef PREP
	sb_release(&q);
	static const char *const keys[] = {"person", "meets_most_with", "topics",
					   "open_items_owed_by", "open_items_owed_to"};
	if (fmt == OUT_CSV) {
		csv_dossier(S, h0, keys);
		for (int k = 0; k < 5; k++)
			table_release(&S[k].t);
		pg_vault_close(v);
		return rc;
	}
	if (fmt == OUT_JSON)
		fputs("{", stdout);
	for (int k = 0; k < 5; k++) {
		if (fmt == OUT_JSON) {
			fprintf(stdout, "%s\n\"%s\": ", k ? "," : "", keys[k]);
			table_print(&S[k].t, OUT_JSON, stdout);
		} else {
			if (fmt == OUT_MD)
				fprintf(stdout, "%s### %s\n\n", k ? "\n" : "", S[k].title);
			else
				fprintf(stdout, "%s%s\n", k ? "\n" : "", S[k].title);
			table_print(&S[k].t, fmt, stdout);
		}
		table_release(&S[k].t);
	}
	if (fmt == OUT_JSON)
		fputs("}\n", stdout);
	pg_vault_close(v);
	return rc;
}
