/*
 * cmd.h — the command table and what every command shares.
 * One file per command (src/cmd/NAME.c): int cmd_NAME(pg_cli *, argc, argv).
 * Commands return an exit status (PG_EXIT_*); only main() exits.
 */
#ifndef PG_CMD_H
#define PG_CMD_H

#include "peoplegraph/peoplegraph.h"
#include "store.h"

typedef struct pg_cli {
	pg_open_opts open;
	int no_index;
	const char *argv0;
} pg_cli;

typedef struct pg_command {
	const char *name;
	int (*fn)(pg_cli *cli, int argc, char **argv);
	const char *usage;   /* synopsis after "peoplegraph NAME" */
	const char *summary; /* one line */
	const char *options; /* option lines for --help */
} pg_command;

extern const pg_command pg_commands[];
const pg_command *find_command(const char *name);
int usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void print_command_help(const pg_command *c, FILE *f);

/* Opens the vault and refreshes the index unless --no-index.  Sets *V;
 * returns PG_EXIT_OK, PG_EXIT_NOTES (some notes had errors) or PG_EXIT_OPEN. */
int cli_open(pg_cli *cli, pg_vault **v);
/* Resolves NAME to one person id; on ambiguity lists candidates and
 * returns -2; unknown: -1 (messages printed). */
int cli_person(pg_vault *v, const char *name);

/* Steps S to the end, printing each row under HEAD (NULL-terminated) in
 * format FMT; bit i of NUMERIC marks column i as a number.  Finalizes S. */
int cli_print_query(sqlite3_stmt *s, const char *const *head, unsigned numeric, int fmt);

/* Column I of the current row of S as text (NULL for NULL), and a copy the
 * caller frees. */
const char *cli_col(sqlite3_stmt *s, int i);
char *cli_dup_col(sqlite3_stmt *s, int i);
/* Column I as text, copied into arena A (NULL for NULL). */
char *cli_arena_col(arena *a, sqlite3_stmt *s, int i);
/* PG_TEST_LARGE=1: queries take the ways they take on a large vault
 * (threads, a walk that reads every note) whatever its size, so that the
 * tests of a small vault cover them. */
int cli_test_large(void);

/* An action item as the JSON contracts show it; strings owned (may be NULL). */
typedef struct cli_task {
	char *owner, *due, *text;
	int done;
} cli_task;
/* Fills T from columns COL.. (owner, due, done, text) of the current row of S. */
void cli_task_from_row(cli_task *t, sqlite3_stmt *s, int col);
void cli_task_release(cli_task *t);

/* JSON writers of the contracts, onto a strbuf (a note's object is made
 * whole, then written at once): tasks from a statement of (owner, due,
 * done, text) rows (stepped, then reset) or from a list, and a list of N
 * strings. */
void cli_json_tasks(strbuf *sb, sqlite3_stmt *s);
void cli_json_task_list(strbuf *sb, const cli_task *v, size_t n);
void cli_json_strings(strbuf *sb, const char *const *v, size_t n);
/* ' {"path": ..., "date": ..., "title": ...' — the start of a note object. */
void cli_json_note_head(strbuf *sb, const char *path, const char *date, const char *title);

/* The topics of the notes PERSON is in, most characteristic first: notes
 * with them x log((notes in the vault + 1) / notes with the topic), then by
 * name.  A topic is shown in the spelling that sorts first.  Caller frees
 * with cli_topics_release. */
typedef struct cli_topic {
	char *term;
	int notes;
	char first[11], last[11]; /* dates; "" when none */
	double score;
} cli_topic;
/* Every person's name at the index of their id (NULL for unused ids), for
 * lists of ids such as note.people; -1 when the index cannot be read. */
int cli_names_by_id(pg_vault *v, strlist *names);
/* The next id of a comma-separated list (note.people) at *P into *ID;
 * advances *P.  0 at the end of the list. */
int cli_next_id(const char **p, long *id);
/* A person's topics, ranked by how characteristic they are of them (their
 * notes with the topic x log(notes / notes with the topic)): *OUT is
 * allocated (cli_topics_release).  -1 when the index cannot be read. */
int cli_person_topics(pg_vault *v, int person, cli_topic **out, size_t *n);
/* The same ranking fed note by note: init, one _note per note of theirs
 * (its note.topics and date, either may be NULL), then _finish, which hands
 * over the topics as cli_person_topics does and releases the rest. */
typedef struct cli_topic_acc {
	cli_topic *t;
	size_t n, cap;
	sqlite3_int64 row, *last; /* per topic: the last note counted */
	int *notes_with;	  /* per topic: notes of the vault with it */
	strmap idx, df;
	double total;
} cli_topic_acc;
void cli_topic_acc_init(cli_topic_acc *A, pg_vault *v);
void cli_topic_acc_note(cli_topic_acc *A, const char *topics, const char *date);
void cli_topic_acc_finish(cli_topic_acc *A, cli_topic **out, size_t *n);
void cli_topics_release(cli_topic *t, size_t n);

int cmd_index(pg_cli *, int, char **);
int cmd_notes(pg_cli *, int, char **);
int cmd_people(pg_cli *, int, char **);
int cmd_person(pg_cli *, int, char **);
int cmd_history(pg_cli *, int, char **);
int cmd_tasks(pg_cli *, int, char **);
int cmd_graph(pg_cli *, int, char **);
int cmd_doctor(pg_cli *, int, char **);
int cmd_search(pg_cli *, int, char **);
int cmd_topics(pg_cli *, int, char **);
int cmd_path(pg_cli *, int, char **);
int cmd_stale(pg_cli *, int, char **);
int cmd_help(pg_cli *, int, char **);

#endif
