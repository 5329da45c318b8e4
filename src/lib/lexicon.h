/*
 * lexicon.h — general word lists that tell people from things.
 *
 * Nothing here names a person, product or company of any vault: these are
 * closed classes of English (titles, organisation suffixes, verbs people do)
 * and a list of given names across many cultures (data/firstnames.txt).
 * Every lookup takes a folded word (text_fold) unless it says otherwise.
 */
#ifndef PG_LEXICON_H
#define PG_LEXICON_H

int lex_firstname(const char *folded);   /* a given name */
int lex_title(const char *word);         /* CVP, Dr., Prof, Mr (as written) */
int lex_role(const char *folded);        /* postdoc, manager, engineer ... */
int lex_org_suffix(const char *word);    /* Robotics, LLP, Inc, Ventures (as written) */
int lex_place_head(const char *word);    /* Room, Place, Street; San, Lake, Project */
int lex_thing_noun(const char *folded);  /* room, robot, booth, team after a name */
int lex_speech_verb(const char *folded); /* said, asked, wants, will */
int lex_determiner(const char *folded);  /* the, a, its, their ... */
int lex_place_prep(const char *folded);  /* at, in, near, inside ... */
int lex_month_or_day(const char *folded);
int lex_weekday(const char *folded);
/* Well-known companies named like people, NULL-terminated (not folded). */
const char *const *lex_person_named_orgs(void);
/* NICK is a usual nickname of FORMAL (both folded first names). */
int lex_nickname(const char *nick, const char *formal);
/* Whether NICK (folded) is a nickname of anyone. */
int lex_nick_any(const char *nick);
int lex_stopword(const char *folded);       /* capitalised at a sentence start, never a name */
int lex_particle(const char *word);         /* van, de, bin (lower case, inside names) */
int lex_group_word(const char *folded);     /* team, ops, staff: "Baywater ops team" */
int lex_attendee_label(const char *folded); /* 1 present, 2 absent, 0 neither */

#endif
