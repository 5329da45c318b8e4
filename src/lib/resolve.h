/*
 * resolve.h — who the raw mentions are.
 *
 * The registry is the vault's set of people: built from strong evidence
 * (front matter lists, attendee lines, @owners, links, person notes, the
 * config), then from prose names with enough local evidence, minus every
 * term the vault shows is not a person (vetoes).  resolve_note() maps one
 * note's raw mentions onto registry people using the note's own context
 * first (who attended, who was named in full), then the vault.
 */
#ifndef PG_RESOLVE_H
#define PG_RESOLVE_H

#include <stdint.h>

#include "config.h"
#include "note.h"
#include "strmap.h"

typedef struct intlist {
	int *v;
	size_t n, cap;
} intlist;
void il_push(intlist *l, int x);
int il_has(const intlist *l, int x);
void il_release(intlist *l);

typedef struct pg_person {
	char *name;   /* canonical display form */
	char *key;    /* folded name */
	char *first;  /* folded first word */
	char *last;   /* folded last word */
	strlist keys; /* every folded key that names this person */
	char *org, *role;
	int strength; /* 3 config, 2 person note or list, 1 prose */
	int is_owner;
} pg_person;

typedef struct pg_registry {
	pg_person *v;
	size_t n, cap;
	strmap full;  /* folded full name or alias -> person, -2 if shared */
	strmap first; /* folded single word -> index into lists */
	strmap last;
	intlist *lists;
	size_t nlists, caplists;
	strmap veto;
	strmap slug; /* "first-last" slug of each name -> person (person/ tags) */
	int owner;   /* person index, or -1 */
} pg_registry;

void registry_init(pg_registry *R);
void registry_release(pg_registry *R);
/* Builds R from every note of the vault and the config. */
void registry_build(pg_registry *R, pg_note *const *notes, size_t n, const pg_config *cfg);
/* The same in stages, for a vault read one note at a time: every note
 * goes to regbuild_vetoes, then every note to regbuild_names (I: its
 * position, counting up), then every note in the same order to
 * regbuild_singles; regbuild_finish completes R and frees B.  A stage
 * reads only the note it is given; R must stay untouched meanwhile. */
typedef struct pg_regbuild pg_regbuild;
pg_regbuild *regbuild_new(pg_registry *R, const pg_config *cfg);
void regbuild_vetoes(pg_regbuild *B, const pg_note *N);
void regbuild_names(pg_regbuild *B, const pg_note *N, int i);
void regbuild_singles(pg_regbuild *B, const pg_note *N);
void regbuild_finish(pg_regbuild *B);
/* Adds a person with its keys (used by the store when it reloads R). */
int registry_add(pg_registry *R, const char *name, int strength);
void registry_add_key(pg_registry *R, int person, const char *folded_key);
/* Looks NAME up as a full name or alias; -1 unknown, -2 ambiguous. */
int registry_lookup(const pg_registry *R, const char *name);
/* All people NAME could be (full name, alias, first name, accent-free). */
void registry_candidates(const pg_registry *R, const char *name, intlist *out);
/* The key registry_candidates looks NAME up by first (caller frees), and
 * whether that is a full name (two words or more): a key that exactly one
 * person has is then the only candidate. */
char *registry_query_key(const char *name, int *full);

/* A hash of what a note contributes to the registry: when it is unchanged
 * after an edit, other notes need not be resolved again.  Finer than the
 * contributions (note_contribs): a different hash may still contribute
 * the same. */
uint64_t note_facts_hash(const pg_note *N);
/* What a note contributes to the registry, as sorted canonical strings. */
void note_contribs(const pg_note *N, strlist *out);
/* Whether one added contribution leaves R unchanged (conservative). */
int registry_absorbs(const pg_registry *R, const char *contrib);

enum { ROLE_PARTICIPANT = 1, ROLE_REFERENCED = 2, ROLE_ABSENT = 3 };

typedef struct pg_resolved {
	intlist people;     /* person indexes, in first-mention order */
	intlist roles;      /* ROLE_* for each of people */
	intlist lines;      /* first line of each */
	int *task_owner;    /* per task: person index or -1 */
	strlist unresolved; /* "surface\treason\tline" for doctor */
	strlist topics;     /* "weight\tterm", best first */
} pg_resolved;

void resolve_note(const pg_registry *R, const pg_note *N, const pg_config *cfg, pg_resolved *out);
void resolved_release(pg_resolved *r);

#endif
