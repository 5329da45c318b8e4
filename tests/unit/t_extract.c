/* t_extract.c — one note in, raw mentions, tasks and dates out. */
#include <pthread.h>
#include <stdlib.h>

#include "markdown.h"
#include "note.h"
#include "test.h"
#include "util.h"

static int has_raw(const pg_note *N, const char *text, int src)
{
	for (size_t i = 0; i < N->nraw; i++)
		if (!strcmp(N->raw[i].text, text) && (src < 0 || N->raw[i].src == src))
			return 1;
	return 0;
}

static int has_veto(const pg_note *N, const char *key)
{
	for (size_t i = 0; i < N->vetoes.n; i++)
		if (!strcmp(N->vetoes.v[i], key))
			return 1;
	return 0;
}

TEST(front_matter_and_tasks)
{
	const char *s = "---\ntitle: \"Sync: pricing, roadmap\"\ndate: 2025-02-03\n"
			"participants: [\"Ana Silva\", \"[[Bo Chen|Bo]]\", \"Prof. Cy Diaz\"]\n"
			"tags: [topic/pricing, person/ana-silva]\n---\n\n## Action Items\n\n"
			"- [ ] Send the deck @Ana Silva \xf0\x9f\x93\x85 2025-02-10 #task\n"
			"- [x] Book a room @Myself \xe2\x9c\x85 2025-02-04\n"
			"- [?] Ask legal\n";
	pg_note N;
	pg_diags d = PG_DIAGS_INIT;
	memset(&N, 0, sizeof(N));
	pg_note_parse(&N, "a.md", s, strlen(s), &d);
	CHECK_INT(d.n, 0);
	CHECK_STR(N.date, "2025-02-03");
	CHECK_STR(N.title, "Sync: pricing, roadmap");
	CHECK(has_raw(&N, "Ana Silva", SRC_FM_PARTICIPANT));
	CHECK(has_raw(&N, "Bo Chen", SRC_FM_PARTICIPANT));
	CHECK(has_raw(&N, "Cy Diaz", SRC_FM_PARTICIPANT));
	CHECK(has_raw(&N, "ana-silva", SRC_TAG));
	CHECK_INT(N.ntasks, 3);
	CHECK_STR(N.tasks[0].owner, "Ana Silva");
	CHECK_STR(N.tasks[0].due, "2025-02-10");
	CHECK_STR(N.tasks[0].text, "Send the deck");
	CHECK_STR(N.tasks[1].owner, "Myself");
	CHECK(N.tasks[1].due == NULL); /* a done date is not a due date */
	CHECK_INT(N.tasks[1].done, 1);
	CHECK(N.tasks[2].owner == NULL);
	pg_note_release(&N);
	diags_release(&d);
}

/* The owner may come first; the item's text is then what follows. */
TEST(owner_first_tasks)
{
	const char *s = "- [ ] @Ann Lee send the deck \xf0\x9f\x93\x85 2025-03-05\n"
			"- [ ] @Ann Lee: book the room #task\n"
			"- [ ] @Myself - draft the memo\n"
			"- [ ] @ann call back\n"
			"- [ ] @Ann Lee\n"
			"- [ ] @Zo\xc3\xab Lind \xe2\x80\x94 send the list\n"
			"- [ ] @Ann Lee's deck review\n"
			"- [ ] @Ann Lee:#task\n";
	pg_note N;
	pg_diags d = PG_DIAGS_INIT;
	memset(&N, 0, sizeof(N));
	pg_note_parse(&N, "a.md", s, strlen(s), &d);
	CHECK_INT(N.ntasks, 8);
	CHECK_STR(N.tasks[0].owner, "Ann Lee");
	CHECK_STR(N.tasks[0].text, "send the deck");
	CHECK_STR(N.tasks[0].due, "2025-03-05");
	CHECK_STR(N.tasks[1].owner, "Ann Lee");
	CHECK_STR(N.tasks[1].text, "book the room");
	CHECK_STR(N.tasks[2].owner, "Myself");
	CHECK_STR(N.tasks[2].text, "draft the memo");
	CHECK_STR(N.tasks[3].owner, "ann");
	CHECK_STR(N.tasks[3].text, "call back");
	CHECK_STR(N.tasks[4].owner, "Ann Lee");
	CHECK_STR(N.tasks[4].text, "");
	CHECK_STR(N.tasks[5].owner, "Zo\xc3\xab Lind");
	CHECK_STR(N.tasks[5].text, "send the list");
	CHECK_STR(N.tasks[6].text, "Ann Lee's deck review");
	CHECK_STR(N.tasks[7].owner, "Ann Lee");
	CHECK_STR(N.tasks[7].text, "");
	pg_note_release(&N);
	diags_release(&d);
}

/* A facilitator listed right after the attendance attends; a host named
 * further down, outside any attendance section, is only mentioned. */
TEST(roles_beside_attendance)
{
	const char *s = "# Sync\n\nAgenda first.\n\n## Procedural\n### Check-in round\n"
			"- Attendees: Ann Lee, Bo Chen\n- Apologies: Cy Diaz\n"
			"- Facilitator: Dee Evans\n\n## Later\n\nWe talked.\n\n"
			"More talk.\n\n- Host: Fay Gold\n";
	pg_note N;
	pg_diags d = PG_DIAGS_INIT;
	memset(&N, 0, sizeof(N));
	pg_note_parse(&N, "a.md", s, strlen(s), &d);
	CHECK(has_raw(&N, "Ann Lee", SRC_ATTENDEE));
	CHECK(has_raw(&N, "Cy Diaz", SRC_ABSENT));
	CHECK(has_raw(&N, "Dee Evans", SRC_ATTENDEE));
	CHECK(!has_raw(&N, "Fay Gold", SRC_ATTENDEE));
	CHECK(has_raw(&N, "Fay Gold", SRC_MENTIONED_LIST));
	pg_note_release(&N);
	diags_release(&d);

	/* a heading, a line of prose or "(last week)" ends the attendance */
	static const char *const after[] = {
		"# T\n\nIntro.\n\n## Notes\n\n- Attendees: Ann Lee, Bo Chen\n\n## Last week\n\n"
		"- Host: Cy Diaz\n",
		"# T\n\nIntro.\n\n## Notes\n\nAttendees: Ann Lee, Bo Chen\nWe talked.\n"
		"Host: Cy Diaz\n",
		"# T\n\nIntro.\n\n## Notes\n\n- Attendees: Ann Lee, Bo Chen\n"
		"- Host (last week): Cy Diaz\n"};
	for (int i = 0; i < 3; i++) {
		memset(&N, 0, sizeof(N));
		pg_note_parse(&N, "b.md", after[i], strlen(after[i]), &d);
		CHECK(has_raw(&N, "Ann Lee", SRC_ATTENDEE));
		CHECK(!has_raw(&N, "Cy Diaz", SRC_ATTENDEE));
		pg_note_release(&N);
		diags_release(&d);
	}
}

static int has_alias(const pg_note *N, const char *alias)
{
	for (size_t i = 0; i < N->nraw; i++)
		if (N->raw[i].alias && !strcmp(N->raw[i].alias, alias))
			return 1;
	return 0;
}

/* The evidence of the raw mentions whose text is TEXT (its first N bytes
 * when N > 0), or'ed; -1 if there is none. */
static int raw_ev(const pg_note *N, const char *text, size_t n)
{
	int ev = -1;
	for (size_t i = 0; i < N->nraw; i++)
		if (n ? !strncmp(N->raw[i].text, text, n) : !strcmp(N->raw[i].text, text))
			ev = (ev < 0 ? 0 : ev) | N->raw[i].ev;
	return ev;
}

/* Whether a raw mention TEXT carries the alias ALIAS. */
static int raw_alias(const pg_note *N, const char *text, const char *alias)
{
	for (size_t i = 0; i < N->nraw; i++)
		if (!strcmp(N->raw[i].text, text) && N->raw[i].alias &&
		    !strcmp(N->raw[i].alias, alias))
			return 1;
	return 0;
}

/* "(Ben)" ending an action item names its owner, not another name of the
 * words before it; in prose "(Raj)" after Rajiv is an alias. */
TEST(paren_owner_not_alias)
{
	const char *s = "- [ ] Speaker/Sponsor/Volunteers Avatars (Ben)\n"
			"- [ ] Thursday, March 24: Keynote Nominations Open (Nathan) [?]\n"
			"- [ ] Share the Launch Videos (Omar) \xf0\x9f\x93\x85 2025-03-09 #task\n"
			"- [ ] Follow up with Elizabeth Warren (Liz)\n\n"
			"Rajiv Menon (Raj) joined.\n";
	pg_note N;
	pg_diags d = PG_DIAGS_INIT;
	memset(&N, 0, sizeof(N));
	pg_note_parse(&N, "a.md", s, strlen(s), &d);
	CHECK(!has_alias(&N, "Ben"));
	CHECK(!has_alias(&N, "Nathan"));
	CHECK(!has_alias(&N, "Omar"));
	CHECK(has_alias(&N, "Liz")); /* a form of the first name: still an alias */
	CHECK(has_alias(&N, "Raj"));
	CHECK_STR(N.tasks[0].owner, "Ben");
	pg_note_release(&N);
	diags_release(&d);
}

/* "##Participants" (no space: markdown text, not a heading) still opens the
 * attendance, and the indented nick/name block under it is read. */
TEST(heading_without_space)
{
	const char *s = "Talk.\n\n##Participants\n\n    lpark      Lena Park\n"
			"    bchen      Bo Chen\n\n##Other\n\n    zz         Zed Zulu\n";
	pg_note N;
	pg_diags d = PG_DIAGS_INIT;
	memset(&N, 0, sizeof(N));
	pg_note_parse(&N, "a.md", s, strlen(s), &d);
	CHECK(has_raw(&N, "Lena Park", SRC_ATTENDEE));
	CHECK(has_raw(&N, "Bo Chen", SRC_ATTENDEE));
	CHECK(!has_raw(&N, "Zed Zulu", -1));
	pg_note_release(&N);
	diags_release(&d);
}

TEST(prose_evidence)
{
	const char *s = "Met CVP Ronnie Borker in the Grace Hopper room at Parker Hale LLP. "
			"Maneesh Sah and Renen agreed. The Ada robot works.\n\n"
			"Attendees: Maya, Kavya Iyer (Helix)\nRegrets: Tom Lu\n";
	pg_note N;
	pg_diags d = PG_DIAGS_INIT;
	memset(&N, 0, sizeof(N));
	pg_note_parse(&N, "b.md", s, strlen(s), &d);
	CHECK(has_raw(&N, "Ronnie Borker", SRC_PROSE));
	CHECK(has_raw(&N, "Kavya Iyer", SRC_ATTENDEE));
	CHECK(has_raw(&N, "Maya", SRC_ATTENDEE));
	CHECK(has_raw(&N, "Tom Lu", SRC_ABSENT));
	CHECK(has_veto(&N, "grace hopper"));
	CHECK(has_veto(&N, "parker hale")); /* the firm, without its suffix */
	CHECK(has_veto(&N, "ada"));
	for (size_t i = 0; i < N.nraw; i++) {
		if (!strcmp(N.raw[i].text, "Ronnie Borker"))
			CHECK(N.raw[i].ev & EV_TITLE);
		if (!strcmp(N.raw[i].text, "Renen") || !strcmp(N.raw[i].text, "Maneesh Sah"))
			CHECK(N.raw[i].group > 0);
		if (!strcmp(N.raw[i].text, "Kavya Iyer"))
			CHECK_STR(N.raw[i].org, "Helix");
	}
	pg_note_release(&N);
	diags_release(&d);
}

TEST(bad_input)
{
	pg_note N;
	pg_diags d = PG_DIAGS_INIT;
	memset(&N, 0, sizeof(N));
	const char *s = "---\ntitle: [unclosed\n---\nText\n";
	pg_note_parse(&N, "c.md", s, strlen(s), &d);
	CHECK_INT(d.n, 1);
	CHECK_INT(d.v[0].severity, PG_ERROR);
	CHECK(d.v[0].line >= 2);
	CHECK_INT(N.errors, 1);
	pg_note_release(&N);
	diags_release(&d);
}

/* CRLF and a CR alone both end a line; the text and lines are as with LF. */
TEST(line_endings)
{
	const char *s = "---\r\ntitle: Sync\r\n---\r\n\r\nAttendees: Ann Lee, Bo Chen\r"
			"Ann Lee said the plan holds.\r\n- [ ] send it @Bo Chen\r\n";
	pg_note N;
	pg_diags d = PG_DIAGS_INIT;
	memset(&N, 0, sizeof(N));
	pg_note_parse(&N, "e.md", s, strlen(s), &d);
	CHECK_STR(N.title, "Sync");
	CHECK(has_raw(&N, "Ann Lee", -1));
	CHECK(has_raw(&N, "Bo Chen", -1));
	CHECK_INT((int)N.ntasks, 1);
	if (N.ntasks) {
		CHECK_STR(N.tasks[0].owner, "Bo Chen");
		CHECK_INT(N.tasks[0].line, 7);
	}
	CHECK(N.text && !strchr(N.text, '\r'));
	CHECK_INT(d.n, 0);
	pg_note_release(&N);
	diags_release(&d);
}

TEST(roundtrip)
{
	const char *s = "---\ndate: 2025-01-01\nparticipants: [A Bee, C Dee]\n---\n"
			"- [ ] x @A Bee \xf0\x9f\x93\x85 2025-01-02\nC Dee said so.\n";
	pg_note N, M;
	pg_diags d = PG_DIAGS_INIT;
	memset(&N, 0, sizeof(N));
	pg_note_parse(&N, "d.md", s, strlen(s), &d);
	size_t len;
	char *blob = pg_note_serialize(&N, &len);
	CHECK_INT(pg_note_deserialize(&M, blob, len), 0);
	size_t len2;
	char *blob2 = pg_note_serialize(&M, &len2);
	CHECK_INT(len, len2);
	CHECK(!memcmp(blob, blob2, len));
	pg_note_release(&M);
	CHECK_INT(pg_note_deserialize(&M, "garbage", 7), -1);
	/* read into a note emptied of a larger one, reusing its arrays: the
	 * same note as read fresh; then a corrupt form leaves it empty */
	const char *big = "---\ntags: [a, b, c]\nparticipants: [E Eff, G Gee, H Aitch]\n---\n"
			  "- [ ] y @E Eff\n- [ ] z @G Gee\nH Aitch and I Eye came.\n";
	pg_note B;
	memset(&B, 0, sizeof(B));
	pg_note_parse(&B, "b.md", big, strlen(big), &d);
	size_t blen;
	char *bblob = pg_note_serialize(&B, &blen);
	memset(&M, 0, sizeof(M));
	CHECK_INT(pg_note_deserialize_into(&M, xstrndup(bblob, blen), NOTE_ALL), 0);
	CHECK_INT((int)M.tags.n, 3);
	pg_note_empty(&M);
	CHECK(M.tags.n == 0 && M.nraw == 0 && M.ntasks == 0 && M.store == NULL);
	CHECK(M.tags.cap >= 3 && M.raw != NULL);
	CHECK_INT(pg_note_deserialize_into(&M, xstrndup(blob, len), NOTE_ALL), 0);
	free(blob2);
	blob2 = pg_note_serialize(&M, &len2);
	CHECK_INT(len, len2);
	CHECK(!memcmp(blob, blob2, len));
	pg_note_empty(&M);
	CHECK_INT(pg_note_deserialize_into(&M, xstrdup("garbage"), NOTE_ALL), -1);
	CHECK(M.raw == NULL && M.tags.v == NULL && M.store == NULL);
	free(bblob);
	pg_note_release(&B);
	free(blob);
	free(blob2);
	pg_note_release(&N);
	pg_note_release(&M);
	diags_release(&d);
}

TEST(written_dates)
{
	static const char *const cases[][2] = {
		{"# Sync\n\nDate: March 4, 2025\n", "2025-03-04"},
		{"# Sync\n\n**Date:** 4 March 2025\n", "2025-03-04"},
		{"---\ndate: \"Mar 5th 2025\"\n---\nx\n", "2025-03-05"},
		{"# Sync 2025/03/06\n", "2025-03-06"},
		{"# Kickoff \xe2\x80\x94 2025-06-11\n", "2025-06-11"},
		{"# May plans\n\nNo date here.\n", NULL},
		{"---\ndate: 29/09/2025\n---\nx\n", "2025-09-29"},
		{"# Call 10/15/2025\n", "2025-10-15"},
		{"# Call 15.10.2025\n", "2025-10-15"},
		{"---\ndate: 03/04/2025\n---\nx\n", NULL}, /* March or April */
		{"# Sync 11:15\n", NULL},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		pg_note N;
		pg_diags d = PG_DIAGS_INIT;
		memset(&N, 0, sizeof(N));
		pg_note_parse(&N, "undated.md", cases[i][0], strlen(cases[i][0]), &d);
		if (cases[i][1])
			CHECK_STR(N.date, cases[i][1]);
		else
			CHECK(N.date == NULL);
		pg_note_release(&N);
		diags_release(&d);
	}
}

static pg_note *parse(const char *path, const char *s)
{
	md_init(); /* cmark-gfm's table extension, as the program does */
	pg_note *N = xcalloc(1, sizeof *N);
	pg_diags d = PG_DIAGS_INIT;
	pg_note_parse(N, path, s, strlen(s), &d);
	diags_release(&d);
	return N;
}

static void note_free(pg_note *N)
{
	pg_note_release(N);
	free(N);
}

TEST(formats_of_notes)
{
	/* a 1:1 told only by its H1 or file name, not by a date or a time */
	pg_note *N = parse("a.md", "# 1:1 \xe2\x80\x94 Sid / In\xc3\xaas\n\nHi.\n");
	CHECK_INT(N->one_on_one, 1);
	note_free(N);
	N = parse("2025-10-06 - Toby 1-1.md", "Notes.\n");
	CHECK_INT(N->one_on_one, 1);
	note_free(N);
	N = parse("2025-11-15 sync.md", "# Sync at 11:15\n\nHi.\n");
	CHECK_INT(N->one_on_one, 0);
	note_free(N);

	/* one name-role separator: one person and a role with commas */
	N = parse("b.md", "## Participants\n- Camille Roussel \xe2\x80\x94 COO, Dalton Pierce\n"
			  "- Ana Lopes, Bo Chen\n");
	CHECK(has_raw(N, "Camille Roussel", SRC_ATTENDEE));
	CHECK(!has_raw(N, "Dalton Pierce", SRC_ATTENDEE));
	CHECK(has_raw(N, "Ana Lopes", SRC_ATTENDEE));
	CHECK(has_raw(N, "Bo Chen", SRC_ATTENDEE));
	note_free(N);

	/* the header of a mail: attendance only with an address */
	N = parse("c.md", "From: Renata Vogel <renata@example.com>\n"
			  "To: In\xc3\xaas Carvalho <ines@example.org>\n"
			  "To: discuss the renewal with Bo Chen\n");
	CHECK(has_raw(N, "Renata Vogel", SRC_ATTENDEE));
	CHECK(has_raw(N, "In\xc3\xaas Carvalho", SRC_ATTENDEE));
	CHECK(!has_raw(N, "Bo Chen", SRC_ATTENDEE));
	note_free(N);

	/* Dataview owners; their fields are not words of the item */
	N = parse("d.md", "- [ ] Merge the fix [owner:: [[Lukas Weber]]] [due:: 2025-09-18]\n"
			  "- [ ] Write the post-mortem owner:: Sam Achterberg\n");
	CHECK_INT(N->ntasks, 2);
	CHECK_STR(N->tasks[0].owner, "Lukas Weber");
	CHECK_STR(N->tasks[0].text, "Merge the fix");
	CHECK_STR(N->tasks[0].due, "2025-09-18");
	CHECK_STR(N->tasks[1].owner, "Sam Achterberg");
	CHECK_STR(N->tasks[1].text, "Write the post-mortem");
	note_free(N);

	/* "Met with" opening a sentence: the writer's meeting; after a
	 * subject, or in a note with an attendee list, another one */
	N = parse("f.md", "Spoke with Aoife McAuliffe from Kinsale for 30 min.\n");
	CHECK(has_raw(N, "Aoife McAuliffe", SRC_ATTEND_PROSE));
	CHECK_INT(N->first_person, 1);
	note_free(N);
	N = parse("g.md", "Jan met with Bo Chen last week.\n");
	CHECK(has_raw(N, "Bo Chen", SRC_PROSE));
	CHECK_INT(N->first_person, 0);
	note_free(N);
	N = parse("h.md", "Attendees: Ana Lopes, Dina Park\n\n- Met with Bo Chen re: tickets\n");
	CHECK(has_raw(N, "Bo Chen", SRC_PROSE));
	note_free(N);

	/* labels of other tools, a property table, cells apart */
	N = parse("i.md", "attendees:: [[Leona Brandt]], [[Matteo Bianchi]]\n"
			  "Required Attendees: Tobias Engstrom <t@example.com>\n"
			  "Minutes taken by: Ana Lopes\n\n"
			  "| Property | Value |\n|---|---|\n| Attendees | Kofi Mensah, Bo Chen |\n"
			  "| Leona | Partner strategy |\n");
	CHECK(has_raw(N, "Leona Brandt", SRC_ATTENDEE));
	CHECK(has_raw(N, "Matteo Bianchi", SRC_ATTENDEE));
	CHECK(has_raw(N, "Tobias Engstrom", SRC_ATTENDEE));
	CHECK(has_raw(N, "Ana Lopes", -1));
	CHECK(has_raw(N, "Kofi Mensah", SRC_ATTENDEE));
	CHECK(has_raw(N, "Bo Chen", SRC_ATTENDEE));
	CHECK(!has_raw(N, "Leona Partner", -1));
	note_free(N);

	/* Arabic articles and patronymics, before and after a sentence start */
	N = parse("j.md", "Attendees: Sameer al-Hashimi, Farid bin Ismail\n\n"
			  "Nasser bin Khalid said no. Layla al\xe2\x80\x91"
			  "Farsi agreed.\n");
	CHECK(has_raw(N, "Sameer al-Hashimi", SRC_ATTENDEE));
	CHECK(has_raw(N, "Farid bin Ismail", SRC_ATTENDEE));
	CHECK(has_raw(N, "Nasser bin Khalid", SRC_PROSE));
	CHECK(has_raw(N,
		      "Layla al\xe2\x80\x91"
		      "Farsi",
		      SRC_PROSE));
	note_free(N);

	/* owners written first, or in brackets before the trailing matter */
	N = parse("k.md",
		  "- [ ] Kofi: send the deck\n"
		  "- [ ] Matteo Bianchi \xe2\x80\x94 share the memo\n"
		  "- [ ] Rafael de la Cruz will send the terms\n"
		  "- [ ] Draft the plan (Rafael de la Cruz) \xf0\x9f\x93\x85 2025-12-09 #task\n"
		  "- [ ] Legal: review the MSA\n"
		  "- [ ] #task Book the room @Ana\n"
		  "- [x] #5 Compile the list (Salt)\n");
	CHECK_INT(N->ntasks, 7);
	CHECK_STR(N->tasks[0].owner, "Kofi");
	CHECK_STR(N->tasks[1].owner, "Matteo Bianchi");
	CHECK_STR(N->tasks[2].owner, "Rafael de la Cruz");
	CHECK_STR(N->tasks[3].owner, "Rafael de la Cruz");
	CHECK_STR(N->tasks[3].due, "2025-12-09");
	CHECK(N->tasks[4].owner == NULL);
	CHECK_STR(N->tasks[5].text, "Book the room");
	CHECK_STR(N->tasks[6].owner, "Salt");
	CHECK_STR(N->tasks[6].text, "#5 Compile the list (Salt)");
	note_free(N);

	/* a call still to arrange, a tag written as a link, a role line
	 * that is a sentence */
	N = parse("l.md",
		  "## People\n\n- CRO: Ngaio Parata sent two finalists.\n"
		  "- CFO: Doug Whitcombe\n\n"
		  "- [ ] Arrange a call with Declan Fitzgerald\n\nSee #[[Kessler & Vance]].\n");
	CHECK(has_raw(N, "Ngaio Parata", SRC_PROSE));
	CHECK(has_raw(N, "Doug Whitcombe", SRC_ATTENDEE));
	CHECK(has_raw(N, "Declan Fitzgerald", SRC_PROSE));
	CHECK(!has_raw(N, "Kessler & Vance", SRC_LINK));
	note_free(N);

	/* a transcript's speakers took part; a timeline's "02:14 UTC:" did not */
	N = parse("n.md", "[00:00:11] Annelies van der Berg: Morning all.\n"
			  "00:01:02 Matteo Bianchi: Hi.\n"
			  "- 02:14 UTC: the fleet restarted.\n\n"
			  "**Met:** Declan Fitzgerald, Park Ji-hoon\n");
	CHECK(has_raw(N, "Annelies van der Berg", SRC_ATTENDEE));
	CHECK(has_raw(N, "Matteo Bianchi", SRC_ATTENDEE));
	CHECK(!has_raw(N, "UTC", SRC_ATTENDEE));
	CHECK(has_raw(N, "Declan Fitzgerald", SRC_ATTENDEE));
	note_free(N);

	/* "loop in" takes a person; "Center for" continues a name */
	N = parse("o.md", "Loop in Marcus Ojo on supply. We met in Basel.\n"
			  "A grant from the Ellery Center for Gene Medicine.\n");
	int marcus = raw_ev(N, "Marcus Ojo", 0), basel = raw_ev(N, "Basel", 0),
	    gene = raw_ev(N, "Gene Medicine", 0);
	CHECK(marcus >= 0 && !(marcus & EV_PLACE));
	CHECK(basel >= 0 && (basel & EV_PLACE));
	CHECK(gene >= 0 && (gene & EV_ORGWORD));
	note_free(N);

	/* an attendance label alone on its line heads a list of attendees;
	 * a blank line, sub-items and sentences end or stay out of it */
	N = parse("p.md", "Attendees:\n- [[Felix Marangoni]]\n  - late\n- Rose Mills\n\n"
			  "- Grace Baker asked about this\n\n"
			  "> [!note] Attendees\n> - Sam Okafor\n\n"
			  "- Attendees\n    - Rahul Deshmukh\n- Notes on pricing\n");
	CHECK(has_raw(N, "Felix Marangoni", SRC_ATTENDEE));
	CHECK(has_raw(N, "Rose Mills", SRC_ATTENDEE));
	CHECK(has_raw(N, "Sam Okafor", SRC_ATTENDEE));
	CHECK(has_raw(N, "Rahul Deshmukh", SRC_ATTENDEE));
	CHECK(!has_raw(N, "Grace Baker", SRC_ATTENDEE));
	CHECK(!has_raw(N, "late", -1));
	note_free(N);

	/* initials: an alias after a given name, a mention kept only as one */
	N = parse("m.md", "Panel: Leona Brandt, Jean-Pierre Delacroix (JP).\n\n"
			  "JP felt it was thin. Child Pays For Parent (CPFP) is next.\n");
	int jp = raw_ev(N, "JP", 0);
	CHECK(raw_alias(N, "Jean-Pierre Delacroix", "JP"));
	CHECK(jp >= 0 && (jp & EV_INITIALS) && (jp & EV_PARENOWNER));
	CHECK(!has_alias(N, "CPFP"));
	note_free(N);

	/* hyphenated given names, and a hyphen that is not one */
	N = parse("e.md", "Mei-Ling Tsao agreed. Su-Yeon Baek will send it. "
			  "It models Ada-style robots.\n");
	int ml = raw_ev(N, "Mei-Ling Tsao", 0), sy = raw_ev(N, "Su-Yeon Baek", 0),
	    ada = raw_ev(N, "Ada", 3);
	CHECK(ml >= 0 && (ml & EV_FIRSTNAME));
	CHECK(sy >= 0 && (sy & EV_FIRSTNAME));
	CHECK(ada < 0 || !(ada & EV_FIRSTNAME));
	note_free(N);
}

/* Parses share cmark-gfm's table of special characters; a table
 * (row_from_string) and a strikethrough in two threads at once must both
 * come out as they do alone. */
static const char *const md_inputs[] = {
	"Met with Ann ~~Lee~~ Smith and Bo.\n",
	"| Name | Org |\n|---|:-:|\n| Ann ~~Lee~~ | Acme |\n",
	"> x | y\n> --|--\n> ~~a~~ | b\n",
};
#define MD_N (sizeof md_inputs / sizeof *md_inputs)

static char *md_flat(const char *s)
{
	md_doc d = {0};
	md_parse(s, strlen(s), &d);
	strbuf sb = STRBUF_INIT;
	for (size_t i = 0; i < d.n; i++) {
		sb_addc(&sb, (char)('0' + d.v[i].kind));
		sb_addc(&sb, '/');
		sb_adds(&sb, d.v[i].text);
		sb_addc(&sb, '|');
	}
	md_release(&d);
	char *out = xstrdup(sb_str(&sb));
	sb_release(&sb);
	return out;
}

static char *md_want[MD_N];

static void *md_hammer(void *arg)
{
	size_t off = (size_t)arg, bad = 0;
	for (size_t i = 0; i < 1000; i++) {
		char *got = md_flat(md_inputs[(i + off) % MD_N]);
		bad += strcmp(got, md_want[(i + off) % MD_N]) != 0;
		free(got);
	}
	return (void *)bad;
}

#define MAY_TABLE(s) md_table_may_open(s, strlen(s))

TEST(markdown_threads)
{
	CHECK(MAY_TABLE("a | b\n--|--\n"));
	CHECK(MAY_TABLE("> x\n> |:-:|"));
	CHECK(MAY_TABLE("x\n - - -\n"));
	CHECK(MAY_TABLE("x\n    ---\n"));
	CHECK(!MAY_TABLE("para\n---\n"));
	CHECK(!MAY_TABLE("para\n   ------  \n"));
	CHECK(!MAY_TABLE("a | b and c - d\n"));
	md_init();
	for (size_t i = 0; i < MD_N; i++)
		md_want[i] = md_flat(md_inputs[i]);
	CHECK_STR(md_want[0], "0/Met with Ann Lee Smith and Bo.|");
	CHECK_STR(md_want[1], "3/Name\tOrg|3/Ann Lee\tAcme|");
	pthread_t th[4];
	for (size_t t = 0; t < 4; t++)
		pthread_create(&th[t], NULL, md_hammer, (void *)t);
	for (size_t t = 0; t < 4; t++) {
		void *bad;
		pthread_join(th[t], &bad);
		CHECK(bad == NULL);
	}
	for (size_t i = 0; i < MD_N; i++)
		free(md_want[i]);
}

/* A parse's memory is an arena (markdown.c) with blocks of 16 KB and more
 * malloc'd apart: a paragraph, a list and a table far over that size come
 * out whole, in every thread.  Under ASan or valgrind, nothing leaks. */
TEST(markdown_large_blocks)
{
	strbuf in = STRBUF_INIT, want = STRBUF_INIT;
	for (int i = 0; i < 5000; i++)
		sb_addf(&in, "%sword%d", i ? " " : "", i);
	sb_adds(&in, "\n\n");
	sb_addf(&want, "0/%s|", sb_str(&in));
	want.len -= 3; /* the paragraph's text has no final newlines */
	want.buf[want.len] = '\0';
	sb_adds(&want, "|");
	for (int i = 0; i < 2000; i++) {
		sb_addf(&in, "- item ~~%d~~\n", i);
		sb_addf(&want, "2/item %d|", i);
	}
	sb_adds(&in, "\n| a | b |\n|---|---|\n");
	sb_adds(&want, "3/a\tb|");
	for (int i = 0; i < 2000; i++) {
		sb_addf(&in, "| r%d | ~~s~~ |\n", i);
		sb_addf(&want, "3/r%d\ts|", i);
	}
	char *got = md_flat(sb_str(&in));
	CHECK(got && !strcmp(got, sb_str(&want)));
	CHECK(strlen(got) == want.len);
	free(got);
	sb_release(&in);
	sb_release(&want);
}

int main(void)
{
	RUN(written_dates);
	RUN(formats_of_notes);
	RUN(front_matter_and_tasks);
	RUN(owner_first_tasks);
	RUN(roles_beside_attendance);
	RUN(paren_owner_not_alias);
	RUN(heading_without_space);
	RUN(prose_evidence);
	RUN(bad_input);
	RUN(roundtrip);
	RUN(line_endings);
	RUN(markdown_threads);
	RUN(markdown_large_blocks);
	TEST_MAIN_END();
}
