/*
 * note.h — what one note says, before anything is known about the vault.
 *
 * pg_note is the per-note, cacheable half of the pipeline: front matter,
 * tasks, and every *raw mention* (a surface form that may name a person, with
 * the evidence around it).  Whether a raw mention is a person, and who, is
 * decided later by resolve.c with the whole vault in view, so a changed person
 * note or config can re-resolve old notes from the stored pg_note alone.
 * pg_note_serialize/pg_note_deserialize give the stored form.
 */
#ifndef PG_NOTE_H
#define PG_NOTE_H

#include <stddef.h>

#include "diag.h"
#include "util.h"

/* Bumped whenever extraction or resolution changes its results: an index made
 * by another version is read again from the notes. */
#define PG_PARSER_VERSION "44"

/* Where a raw mention comes from. */
enum pg_src {
	SRC_FM_PARTICIPANT = 1, /* participants/attendees/people/with/organizer */
	SRC_FM_PERSON,          /* the `person:` field */
	SRC_SUBJECT,            /* a person note's own subject */
	SRC_ATTENDEE,           /* Attendees:/Present:/With: lines, attendance tables */
	SRC_ATTEND_PROSE,       /* "On the call were A, B and me" */
	SRC_JOINED,             /* "X joined for the last ten minutes" */
	SRC_ABSENT,             /* Regrets:/Apologies:, "X dropped at the last minute" */
	SRC_OWNER,              /* @Owner of an action item */
	SRC_LINK,               /* [[Name]] / [[Name|alias]] */
	SRC_TAG,                /* person/first-last */
	SRC_PROSE,              /* a capitalised run in running text */
	SRC_HEADING,            /* a capitalised run in a heading (known people only) */
	SRC_MENTIONED_LIST,     /* a list of people who did not attend this meeting */
	SRC__COUNT
};

/* Evidence around a prose mention (bit flags). */
enum pg_ev {
	EV_SENT_START = 1 << 0,  /* first word of a sentence */
	EV_THE = 1 << 1,         /* after the/a/its/...: a thing, not a person */
	EV_PLACE = 1 << 2,       /* after at/in/near/...: a place or organisation */
	EV_TITLE = 1 << 3,       /* after a title or role word: "CVP X", "postdoc X" */
	EV_SPEECH = 1 << 4,      /* before a verb people do: said, asked, wants */
	EV_POSS = 1 << 5,        /* possessive: X's */
	EV_NOUN = 1 << 6,        /* before a thing noun: X room, X robot, X team */
	EV_ORGWORD = 1 << 7,     /* contains an organisation/place/product word */
	EV_FIRSTNAME = 1 << 8,   /* first word is a known given name */
	EV_INITIAL = 1 << 9,     /* ends in an initial: "Daniel O." */
	EV_ME = 1 << 10,         /* stands for the owner: "me", "Myself", "I" */
	EV_GROUP = 1 << 11,      /* a group, not a person: "Baywater ops team" */
	EV_TASKTEXT = 1 << 12,   /* inside an action item's text */
	EV_ORGSUFFIX = 1 << 13,  /* ends in an org suffix: X Robotics, X LLP */
	EV_LIST = 1 << 14,       /* an entry of a list of people (front matter, table) */
	EV_PARENOWNER = 1 << 15, /* "(Lena)" ending a task: a person only if known */
	EV_INITIALS = 1 << 16,   /* "JP": two capitals, a person only as a known alias */
};

typedef struct pg_raw {
	char *text;  /* the name as written, cleaned (no title, no possessive) */
	char *key;   /* text_fold(text), made with it: resolution looks it up often;
		      * in the same block as TEXT (freeing TEXT frees it) */
	char *alias; /* [[Target|alias]] display text, "Name (Nick)" nickname */
	char *org;   /* "Name (Org)", "Name from Org": a hint of the organisation */
	int src;
	int ev;
	int line;
	int group; /* mentions joined by "and" or commas share a group (> 0) */
	int task;  /* index of the task it belongs to, or -1 */
} pg_raw;

typedef struct pg_task {
	char *owner; /* surface form after '@', or NULL */
	char *due;   /* YYYY-MM-DD after the calendar emoji, or NULL */
	int done;
	int line;
	char *text;
} pg_task;

typedef struct pg_note {
	char *title;
	char *date; /* YYYY-MM-DD or NULL */
	char *type;
	int person_note;  /* type: person */
	int one_on_one;   /* a 1:1 (title or type says so) */
	int first_person; /* the prose says "we", "I", "me", "our": the owner was there */
	char *org, *role; /* person notes */
	strlist aliases;  /* person notes */
	strlist tags;     /* without '#' */
	strlist vetoes;   /* capitalised runs seen where people do not stand */
	strlist terms;    /* topic candidates: tags, title phrases, non-person runs */
	pg_raw *raw;
	size_t nraw, capraw;
	pg_task *tasks;
	size_t ntasks, captasks;
	char *text; /* plain text for full-text search */
	int errors; /* diagnostics of severity error while parsing */
	/* A note read back from its stored form: all its strings point into
	 * this copy of it instead of being allocated one by one (a full
	 * resolution reads every note three times).  NULL for a parsed note. */
	char *store;
} pg_note;

/* Parses one note.  PATH is vault-relative (used in diagnostics only).
 * Never fails: whatever could be read is in *NOTE; problems go to DIAGS. */
void pg_note_parse(pg_note *note, const char *path, const char *buf, size_t len, pg_diags *diags);
void pg_note_release(pg_note *note);

/* Stored form: a compact text record; deserialize returns -1 when corrupt. */
char *pg_note_serialize(const pg_note *note, size_t *len);
int pg_note_deserialize(pg_note *note, const char *buf, size_t len);
/* Only the PARTS of it asked for; the head (title, date, type, flags, org,
 * role, aliases, tags, vetoes) always. */
enum { NOTE_TERMS = 1, NOTE_TASKS = 2, NOTE_RAWS = 4, NOTE_ALL = 7 };
int pg_note_deserialize_some(pg_note *note, const char *buf, size_t len, unsigned parts);
/* The same from BUF, a NUL-terminated string from malloc that NOTE takes
 * (its strings point into it; pg_note_release frees it, also on -1). */
int pg_note_deserialize_take(pg_note *note, char *buf, unsigned parts);
/* The same into NOTE, zeroed or emptied by pg_note_empty, reusing its
 * arrays: a pass over every stored note then allocates next to nothing,
 * and frees nothing another thread allocated. */
int pg_note_deserialize_into(pg_note *note, char *buf, unsigned parts);
/* Frees what NOTE holds but its arrays (a note read back from its stored
 * form; any other is released).  pg_note_release frees the rest. */
void pg_note_empty(pg_note *note);

void pg_note_add_raw(pg_note *note, const char *text, const char *alias, int src, int ev, int line,
		     int group, int task);
/* The same with the key already folded (text_fold(TEXT)); NULL folds it. */
void pg_note_add_raw_keyed(pg_note *note, const char *text, const char *key, const char *alias,
			   int src, int ev, int line, int group, int task);

#endif
