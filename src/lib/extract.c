/*
 * extract.c — from one note's bytes to a pg_note: front matter, tasks and
 * raw mentions with their evidence.  Knows nothing about the rest of the
 * vault; resolve.c decides what the raw mentions mean.
 */
#include <ctype.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lexicon.h"
#include "markdown.h"
#include "note.h"
#include "text.h"
#include "util.h"
#include "yamltree.h"

#define PG_MAX_NOTE_BYTES (8u << 20)
#define MAX_RUN 6

/* Tabs and line breaks in S become spaces; returns S. */
static char *one_line(char *s)
{
	for (char *p = s; *p; p++)
		if (*p == '\t' || *p == '\n' || *p == '\r')
			*p = ' ';
	return s;
}

void pg_note_add_raw(pg_note *note, const char *text, const char *alias, int src, int ev, int line,
		     int group, int task)
{
	pg_note_add_raw_keyed(note, text, NULL, alias, src, ev, line, group, task);
}

void pg_note_add_raw_keyed(pg_note *note, const char *text, const char *key, const char *alias,
			   int src, int ev, int line, int group, int task)
{
	ALLOC_GROW(note->raw, note->nraw, note->capraw);
	pg_raw *r = &note->raw[note->nraw++];
	/* Names are stored on one line, without tabs: the stored form relies on
	 * it.  TEXT and KEY share one block. */
	size_t tl = strlen(text);
	/* room for a key as long as the text: folding ASCII never lengthens */
	char *block = xmalloc(2 * tl + 2);
	memcpy(block, text, tl + 1);
	one_line(block);
	char fbuf[128], *folded = NULL;
	if (!key && !(key = text_fold_buf(block, tl, fbuf, sizeof fbuf)))
		key = folded = text_fold(block);
	size_t kl = strlen(key);
	if (kl > tl)
		block = xrealloc(block, tl + kl + 2);
	r->text = block;
	r->key = memcpy(block + tl + 1, key, kl + 1);
	free(folded);
	r->alias = alias && *alias ? one_line(xstrdup(alias)) : NULL;
	r->org = NULL;
	r->src = src;
	r->ev = ev;
	r->line = line;
	r->group = group;
	r->task = task;
}

void pg_note_release(pg_note *note)
{
	strlist *lists[] = {&note->aliases, &note->tags, &note->vetoes, &note->terms};
	if (note->store) {
		/* the strings are in STORE */
		for (size_t l = 0; l < sizeof lists / sizeof *lists; l++)
			free(lists[l]->v);
	} else {
		free(note->title);
		free(note->date);
		free(note->type);
		free(note->org);
		free(note->role);
		for (size_t l = 0; l < sizeof lists / sizeof *lists; l++)
			sl_release(lists[l]);
		for (size_t i = 0; i < note->nraw; i++) {
			free(note->raw[i].text); /* and key */
			free(note->raw[i].alias);
			free(note->raw[i].org);
		}
		for (size_t i = 0; i < note->ntasks; i++) {
			free(note->tasks[i].owner);
			free(note->tasks[i].due);
			free(note->tasks[i].text);
		}
	}
	free(note->text);
	free(note->raw);
	free(note->tasks);
	free(note->store);
	memset(note, 0, sizeof(*note));
}

/* ---- small string helpers ------------------------------------------------ */

static char *trim_dup(const char *s, size_t n)
{
	while (n && isspace((unsigned char)*s))
		s++, n--;
	while (n && isspace((unsigned char)s[n - 1]))
		n--;
	return xstrndup(s, n);
}

static int is_date_at(const char *s)
{
	for (int i = 0; i < 10; i++) {
		if (i == 4 || i == 7) {
			if (s[i] != '-')
				return 0;
		} else if (!isdigit((unsigned char)s[i])) {
			return 0;
		}
	}
	return 1;
}

/* First YYYY-MM-DD (or YYYYMMDD) in S, as a new string, or NULL. */
static char *find_date(const char *s, int compact_ok)
{
	for (const char *p = s; *p; p++) {
		if (!isdigit((unsigned char)*p) || (p > s && isdigit((unsigned char)p[-1])))
			continue;
		if (strlen(p) >= 10 && is_date_at(p) && !isdigit((unsigned char)p[10]))
			return xstrndup(p, 10);
		if (compact_ok && strlen(p) >= 8) {
			int ok = 1;
			for (int i = 0; i < 8; i++)
				ok &= isdigit((unsigned char)p[i]) != 0;
			if (ok && !isdigit((unsigned char)p[8]) && (p[0] == '1' || p[0] == '2') &&
			    (p[4] == '0' || p[4] == '1'))
				return xasprintf("%.4s-%.2s-%.2s", p, p + 4, p + 6);
		}
	}
	return NULL;
}

/* "29/09/2025", "9.29.2025": day and month in either order, told apart
 * by the one over 12.  Returns YYYY-MM-DD, or NULL; *AMBIG is set when
 * both are 12 or less and differ (03/04/2025 is March or April). */
static char *numeric_date_at(const char *p, int *ambig)
{
	int a = 0, b = 0, y = 0, n = 0;
	char s1, s2;
	if (sscanf(p, "%2d%c%2d%c%4d%n", &a, &s1, &b, &s2, &y, &n) != 5 || s1 != s2 ||
	    (s1 != '/' && s1 != '.') || isdigit((unsigned char)p[n]) || y < 1900 || y > 2200)
		return NULL;
	if (a < 1 || b < 1 || (a > 12 && b > 12) || a > 31 || b > 31)
		return NULL;
	if (a <= 12 && b <= 12 && a != b) {
		if (ambig)
			*ambig = 1;
		return NULL;
	}
	int day = a > 12 ? a : b, month = a > 12 ? b : a;
	return xasprintf("%04d-%02d-%02d", y, month, day);
}

/* "March 4, 2025", "4 March 2025", "Mar 4 2025", "2025/03/04",
 * "29/09/2025": a date written the way people write it, as YYYY-MM-DD,
 * or NULL. */
static char *find_written_date(const char *s)
{
	static const char *const months[] = {"jan", "feb", "mar", "apr", "may", "jun",
					     "jul", "aug", "sep", "oct", "nov", "dec"};
	for (const char *p = s; *p; p++) {
		if (isdigit((unsigned char)*p) && (p == s || !isdigit((unsigned char)p[-1])) &&
		    strlen(p) >= 10 && p[4] == '/' && p[7] == '/') {
			int ok = 1;
			for (int i = 0; i < 10; i++)
				if (i != 4 && i != 7)
					ok &= isdigit((unsigned char)p[i]) != 0;
			if (ok)
				return xasprintf("%.4s-%.2s-%.2s", p, p + 5, p + 8);
		}
		if (isdigit((unsigned char)*p) && (p == s || !isdigit((unsigned char)p[-1]))) {
			char *d = numeric_date_at(p, NULL);
			if (d)
				return d;
		}
		if (!isalpha((unsigned char)*p) || (p > s && isalpha((unsigned char)p[-1])))
			continue;
		int m = -1;
		for (int i = 0; i < 12; i++)
			if (!strncasecmp(p, months[i], 3))
				m = i;
		if (m < 0)
			continue;
		const char *e = p;
		while (isalpha((unsigned char)*e))
			e++;
		if (e - p > 9)
			continue;
		/* Month D, YYYY */
		const char *q = e;
		while (*q == ' ' || *q == '.')
			q++;
		int day = 0, year = 0, n = 0;
		if (sscanf(q, "%d%n", &day, &n) == 1 && day >= 1 && day <= 31) {
			const char *r = q + n;
			while (*r && !isdigit((unsigned char)*r) &&
			       (*r == ',' || *r == ' ' || isalpha((unsigned char)*r)) &&
			       r - (q + n) < 4)
				r++;
			if (sscanf(r, "%4d", &year) == 1 && year >= 1900 && year <= 2200)
				return xasprintf("%04d-%02d-%02d", year, m + 1, day);
		}
		/* D Month YYYY */
		const char *b = p;
		while (b > s && b[-1] == ' ')
			b--;
		const char *d0 = b;
		while (d0 > s && isdigit((unsigned char)d0[-1]))
			d0--;
		if (d0 < b && b - d0 <= 2 && sscanf(d0, "%d", &day) == 1 && day >= 1 && day <= 31) {
			q = e;
			while (*q == ' ' || *q == ',')
				q++;
			if (sscanf(q, "%4d", &year) == 1 && year >= 1900 && year <= 2200)
				return xasprintf("%04d-%02d-%02d", year, m + 1, day);
		}
	}
	return NULL;
}

static int valid_date(const char *d)
{
	if (!d || strlen(d) != 10 || !is_date_at(d))
		return 0;
	int m = atoi(d + 5), day = atoi(d + 8);
	return m >= 1 && m <= 12 && day >= 1 && day <= 31;
}

/* The date S gives, as YYYY-MM-DD or as people write it ("8 Sep 2025",
 * "29/09/2025"): a new string, or NULL. */
static char *date_in(const char *s)
{
	char *d = find_date(s, 0);
	if (!d)
		d = find_written_date(s);
	if (valid_date(d))
		return d;
	free(d);
	return NULL;
}

/* ---- tokens --------------------------------------------------------------- */

enum { T_WORD, T_PUNCT };

typedef struct tok {
	int s, e; /* bytes of the word (without a possessive ending) */
	int kind;
	int cp; /* T_PUNCT: the code point */
	unsigned cap : 1, allcaps : 1, digit : 1, camel : 1, poss : 1, initial : 1, lower : 1,
		abbrev : 1, nl_before : 1, hyphen : 1;
} tok;

typedef struct toks {
	tok *v;
	size_t n, cap;
} toks;

static int is_apos(int32_t c)
{
	return c == '\'' || c == 0x2019;
}

static int abbrev_word(const char *s, size_t n)
{
	static const char *const a[] = {"Dr",     "Prof", "Mr",   "Mrs",  "Ms",  "Mx", "St",
					"Jr",     "Sr",   "Capt", "Lt",   "Rev", "Fr", "Hon",
					"Mt",     "Inc",  "Ltd",  "Corp", "Co",  "vs", "etc",
					"approx", "Sgt",  "No",   NULL};
	for (int i = 0; a[i]; i++)
		if (strlen(a[i]) == n && !strncmp(a[i], s, n))
			return 1;
	return 0;
}

/* Whether the word W (N bytes) is an Arabic article or patronymic joined
 * by a hyphen to a capitalised name: "al-Hashimi", "el-Amin". */
static int arabic_article(const char *w, size_t n)
{
	/* most lowercase words have no hyphen in their third or fourth byte:
	 * out before the table (every word of the vault comes here) */
	if (n < 4 || (w[2] != '-' && w[3] != '-' && (unsigned char)w[2] != 0xe2 &&
		      (unsigned char)w[3] != 0xe2))
		return 0;
	static const char *const pre[] = {"al", "el", "ad", "ar",  "as",  "ash", "at", "az",
					  "an", "ud", "ul", "bin", "ibn", "abu", NULL};
	for (int i = 0; pre[i]; i++) {
		size_t l = strlen(pre[i]);
		if (n < l + 2 || memcmp(w, pre[i], l))
			continue;
		/* the hyphen, or U+2010 / U+2011 (non-breaking) */
		size_t h = 0;
		if (w[l] == '-')
			h = 1;
		else if (n >= l + 4 &&
			 (!memcmp(w + l, "\xe2\x80\x90", 3) || !memcmp(w + l, "\xe2\x80\x91", 3)))
			h = 3;
		if (h && l + h < n && isupper((unsigned char)w[l + h]))
			return 1;
	}
	return 0;
}

static void classify(const char *text, tok *t)
{
	int letters = 0, uppers = 0, lowers = 0, first = 1;
	int32_t prev = 0;
	for (int i = t->s; i < t->e;) {
		int32_t c;
		i += u8_next(text + i, (size_t)(t->e - i), &c);
		if (c >= '0' && c <= '9')
			t->digit = 1;
		if (u8_is_letter(c)) {
			letters++;
			if (u8_is_upper(c)) {
				uppers++;
				if (first)
					t->cap = 1;
				else if (u8_is_lower(prev) && !t->camel) {
					/* McDonald, MacArthur, DeAndre: a capital after a
					 * short name prefix is still a name. */
					int len = i - t->s;
					int okpre =
						(len <= 4 && (!strncmp(text + t->s, "Mc", 2) ||
							      !strncmp(text + t->s, "De", 2) ||
							      !strncmp(text + t->s, "Di", 2) ||
							      !strncmp(text + t->s, "La", 2) ||
							      !strncmp(text + t->s, "Le", 2))) ||
						(len <= 5 && !strncmp(text + t->s, "Mac", 3));
					if (!okpre)
						t->camel = 1;
				}
			} else if (u8_is_lower(c)) {
				lowers++;
				if (first)
					t->lower = 1;
			}
			first = 0;
		} else if (!u8_is_mark(c)) {
			if (c != '-' && !is_apos(c) && c != '.')
				first = 0;
		}
		prev = c;
	}
	if (letters >= 2 && uppers == letters)
		t->allcaps = 1;
	if (t->cap && letters == 1 && text[t->e - 1] == '.')
		t->initial = 1;
	if (t->cap && !lowers && !t->initial)
		t->cap = 0; /* "I", "A", "DC" */
	if (t->allcaps)
		t->cap = 0;
	if (t->lower && t->hyphen && arabic_article(text + t->s, (size_t)(t->e - t->s))) {
		t->cap = 1; /* "al-Hashimi", "el-Amin", "bin-Salleh" */
		t->lower = 0;
	}
}

/* Splits TEXT into words and punctuation.  Words keep internal apostrophes,
 * hyphens, and the period of initials and abbreviations; a possessive "'s"
 * is cut off and remembered. */
static void tokenize(const char *text, toks *out)
{
	size_t len = strlen(text);
	size_t i = 0;
	int nl = 0;
	out->n = 0;
	while (i < len) {
		int32_t c;
		int n = u8_next(text + i, len - i, &c);
		if (c == '\n' || c == '\t') {
			nl = 1; /* a tab parts the cells of a table row as a line end does */
			i += (size_t)n;
			continue;
		}
		if (c == ' ' || c == '\r' || c == 0xA0 || c == 0x202F) {
			i += (size_t)n;
			continue;
		}
		ALLOC_GROW(out->v, out->n, out->cap);
		tok *t = &out->v[out->n++];
		memset(t, 0, sizeof(*t));
		t->nl_before = nl;
		nl = 0;
		if (!(u8_is_letter(c) || (c >= '0' && c <= '9'))) {
			t->kind = T_PUNCT;
			t->cp = c;
			t->s = (int)i;
			t->e = (int)(i + (size_t)n);
			i += (size_t)n;
			continue;
		}
		t->kind = T_WORD;
		t->s = (int)i;
		size_t j = i;
		while (j < len) {
			int32_t d;
			int m = u8_next(text + j, len - j, &d);
			if (u8_is_letter(d) || u8_is_mark(d) || (d >= '0' && d <= '9')) {
				j += (size_t)m;
				continue;
			}
			int hyph = d == '-' || d == 0x2010 || d == 0x2011; /* and non-breaking */
			if ((is_apos(d) || hyph) && j + (size_t)m < len) {
				int32_t e;
				u8_next(text + j + m, len - j - (size_t)m, &e);
				if (u8_is_letter(e) || (hyph && e >= '0' && e <= '9')) {
					j += (size_t)m;
					t->hyphen |= hyph;
					continue;
				}
			}
			break;
		}
		t->e = (int)j;
		/* possessive: X's, X’s, Xs' */
		if (t->e - t->s >= 3) {
			const char *w = text + t->s;
			int wl = t->e - t->s;
			if ((w[wl - 2] == '\'' && w[wl - 1] == 's')) {
				t->e -= 2;
				t->poss = 1;
			} else if (wl >= 4 && !memcmp(w + wl - 4, "\xe2\x80\x99s", 4)) {
				t->e -= 4;
				t->poss = 1;
			}
		}
		if (!t->poss && j < len && text[j - 1] == 's') {
			if (text[j] == '\'')
				t->poss = 1, j++;
			else if (len - j >= 3 && !memcmp(text + j, "\xe2\x80\x99", 3))
				t->poss = 1, j += 3;
		}
		/* the period of an initial or a known abbreviation */
		if (j < len && text[j] == '.' && !t->poss) {
			int wl = t->e - t->s;
			int32_t c0;
			u8_next(text + t->s, (size_t)wl, &c0);
			int one = u8_next(text + t->s, (size_t)wl, &c0) == wl && u8_is_upper(c0);
			if (one || abbrev_word(text + t->s, (size_t)wl)) {
				t->e++;
				j++;
				t->abbrev = !one;
			}
		}
		classify(text, t);
		i = j;
	}
}

static char *tok_str(const char *text, const tok *t)
{
	return xstrndup(text + t->s, (size_t)(t->e - t->s));
}

static char *tok_fold(const char *text, const tok *t)
{
	return text_fold_n(text + t->s, (size_t)(t->e - t->s));
}

/* tok_str and tok_fold for a word that is only looked at: in BUF (of
 * TOKBUF bytes) when it fits, else a new string; tok_done frees that one.
 * The name scanner looks at several words around every capitalised one. */
enum { TOKBUF = 64 };

static char *tok_str_b(const char *text, const tok *t, char *buf)
{
	size_t n = (size_t)(t->e - t->s);
	if (n >= TOKBUF)
		return tok_str(text, t);
	memcpy(buf, text + t->s, n);
	buf[n] = '\0';
	return buf;
}

static char *tok_fold_b(const char *text, const tok *t, char *buf)
{
	char *f = text_fold_buf(text + t->s, (size_t)(t->e - t->s), buf, TOKBUF);
	return f ? f : tok_fold(text, t);
}

static void tok_done(char *s, const char *buf)
{
	if (s != buf)
		free(s);
}

static int punct_is(const tok *t, int c)
{
	return t->kind == T_PUNCT && t->cp == c;
}

static int sentence_end(const tok *t)
{
	return t->kind == T_PUNCT &&
	       (t->cp == '.' || t->cp == '!' || t->cp == '?' || t->cp == ':' || t->cp == ';' ||
		t->cp == 0x2014 || t->cp == '|' || t->cp == '*' || t->cp == '#' || t->cp == '>' ||
		t->cp == 0x2022);
}

static int name_token(const char *text, const tok *t)
{
	(void)text; /* kept for symmetry with the other token tests */
	return t->kind == T_WORD && (t->cap || t->initial) && !t->digit && !t->camel && !t->allcaps;
}

/* Whether tokens I.. of an action item are only its trailing matter:
 * punctuation, emoji, numbers and dates, #tags ("(Ben) 📅 2025-03-09 #task",
 * "(Nathan) [?]"). */
static int only_meta_from(const toks *tk, size_t i)
{
	for (; i < tk->n; i++) {
		const tok *t = &tk->v[i];
		if (t->kind == T_PUNCT || t->digit)
			continue;
		if (i > 0 && tk->v[i - 1].kind == T_PUNCT && tk->v[i - 1].cp == '#' &&
		    tk->v[i - 1].e == t->s)
			continue;
		return 0;
	}
	return 1;
}

/* How many particles ("de", "la", "van", "der") start at token I and are
 * followed, on the same line, by a name word; 0 when they are not. */
static size_t particles_then_name(const char *text, const toks *tk, size_t i)
{
	size_t k = i;
	while (k < tk->n && k - i < 3 && tk->v[k].kind == T_WORD && !tk->v[k].cap) {
		char w_b[TOKBUF];
		char *w = tok_str_b(text, &tk->v[k], w_b);
		int part = lex_particle(w);
		tok_done(w, w_b);
		if (!part)
			return 0;
		if (k > i && (tk->v[k].s - tk->v[k - 1].e > 1 || tk->v[k].nl_before))
			return 0;
		k++;
	}
	if (k == i || k >= tk->n || !name_token(text, &tk->v[k]) || tk->v[k].nl_before ||
	    tk->v[k].s - tk->v[k - 1].e > 1)
		return 0;
	return k - i;
}

/* ---- the parse state ------------------------------------------------------ */

typedef struct pstate {
	pg_note *note;
	const char *path;
	pg_diags *diags;
	int group;
	toks tk;
	strbuf scratch;
} pstate;

/* A term seen where people do not stand.  STRONG evidence (a company
 * suffix, a place word, "A & B" of surnames) vetoes it vault-wide; weak
 * evidence ("the X", "at X", "X booth") only when two notes agree.  Strong
 * ones are stored with a leading '!'. */
static void add_veto(pstate *P, const char *s, int strong)
{
	/* the folded form G, behind a '!' for a strong veto: on the stack
	 * for short ASCII (most) */
	char buf[130], *heap = NULL;
	char *g = text_fold_buf(s, strlen(s), buf + 1, sizeof buf - 1);
	if (!g) {
		char *t = text_fold(s);
		g = (heap = xasprintf("!%s", t)) + 1;
		free(t);
	}
	g[-1] = '!';
	const char *f = strong ? g - 1 : g;
	if (*f && !sl_has(&P->note->vetoes, f))
		sl_push(&P->note->vetoes, f);
	free(heap);
}

/* ---- names in lists (front matter, attendee lines, tables) --------------- */

/* The length of the separator between a name and its role at P ("Name —
 * COO, Acme", "Name - Org", "Name: role"), or 0. */
static size_t role_sep(const char *p)
{
	if (*p != ' ' && *p != ':')
		return 0;
	static const char *const seps[] = {" - ", " \xe2\x80\x93 ", " \xe2\x80\x94 ", ": ", NULL};
	for (int i = 0; seps[i]; i++)
		if (!strncmp(p, seps[i], strlen(seps[i])))
			return strlen(seps[i]);
	return 0;
}

/* Whether ABBR (two to four capitals) is the initials of NAME, or their
 * start: "JP" for "Jean-Pierre Delacroix", "MJ" for "Mary Jane Ortiz". */
static int initials_match(const char *name, const char *abbr)
{
	size_t al = strlen(abbr);
	if (al < 2 || al > 4)
		return 0;
	for (size_t i = 0; i < al; i++)
		if (!isupper((unsigned char)abbr[i]))
			return 0;
	char ini[16];
	size_t n = 0;
	for (const char *p = name; *p && n < sizeof ini - 1; p++)
		if ((p == name || p[-1] == ' ' || p[-1] == '-') && isupper((unsigned char)*p))
			ini[n++] = *p;
	ini[n] = '\0';
	return n >= 2 && n >= al && !strncmp(ini, abbr, al);
}

/* Cleans one list entry: "[[Name|Alias]]", "**Name**", "Name (Org)",
 * "@name", "Prof. Name".  Returns NULL when the entry is not a person. */
static char *clean_entry(const char *in, char **alias_out, char **org_out, int *ev_out)
{
	strbuf sb = STRBUF_INIT;
	strbuf paren = STRBUF_INIT;
	const char *s = in;
	*alias_out = NULL;
	*org_out = NULL;
	*ev_out = 0;
	/* drop parentheticals and bracketed roles, keep wikilink targets */
	int depth = 0;
	for (; *s; s++) {
		if (s[0] == '[' && s[1] == '[') {
			const char *end = strstr(s, "]]");
			if (end) {
				const char *bar = memchr(s + 2, '|', (size_t)(end - s - 2));
				const char *tend = bar ? bar : end;
				const char *hash = memchr(s + 2, '#', (size_t)(tend - s - 2));
				if (hash)
					tend = hash;
				sb_add(&sb, s + 2, (size_t)(tend - s - 2));
				if (bar && !*alias_out)
					*alias_out = trim_dup(bar + 1, (size_t)(end - bar - 1));
				s = end + 1;
				continue;
			}
		}
		if (!depth && s[0] == '[') {
			/* a markdown link "[Name][]" or "[Name](url)": its text */
			const char *end = strchr(s + 1, ']');
			if (end && (end[1] == '[' || end[1] == '(')) {
				sb_add(&sb, s + 1, (size_t)(end - s - 1));
				const char *close = strchr(end + 2, end[1] == '[' ? ']' : ')');
				s = close ? close : end;
				continue;
			}
		}
		if (*s == '(' || *s == '[' || *s == '{')
			depth++;
		else if ((*s == ')' || *s == ']' || *s == '}') && depth)
			depth--;
		else if (!depth && *s != '*' && *s != '_' && *s != '`')
			sb_addc(&sb, *s);
		else if (depth == 1 && *s != '*' && *s != '_')
			sb_addc(&paren, *s);
	}
	char *t = trim_dup(sb_str(&sb), sb.len);
	sb_release(&sb);
	/* "(Raj)" after "Rajiv Sethi" is a nickname; "(Helix)" an organisation */
	char *par = trim_dup(sb_str(&paren), paren.len);
	sb_release(&paren);
	if (*par && !*alias_out && strlen(par) < 60 && isupper((unsigned char)par[0])) {
		char *pf = text_fold(par), *tf = text_fold(t);
		size_t pl = strlen(pf);
		int nick = (!strchr(pf, ' ') && pl >= 2 && !strncmp(tf, pf, pl < 3 ? pl : 3)) ||
			   initials_match(t, par);
		free(pf);
		free(tf);
		/* an organisation is a short run of capitalised words, not a
		 * remark like "(feeling ill)" or a sentence */
		int orgish = 1, w = 0;
		for (const char *q = par; *q; q++)
			if (q == par || q[-1] == ' ') {
				w++;
				if (!isupper((unsigned char)*q) && (unsigned char)*q < 0x80 &&
				    strncmp(q, "of ", 3) && strncmp(q, "and ", 4) &&
				    strncmp(q, "& ", 2))
					orgish = 0;
			}
		if (nick)
			*alias_out = par, par = NULL;
		else if (orgish && w <= 4)
			*org_out = par, par = NULL;
	}
	free(par);
	/* "Name - Org", "Name — role", "Name: ...", "Name / team" */
	for (char *p = t; *p; p++)
		if (role_sep(p) || !strncmp(p, " / ", 3)) {
			*p = '\0';
			break;
		}
	char *r = trim_dup(t, strlen(t));
	free(t);
	/* leading @, trailing punctuation */
	char *p = r;
	while (*p == '@' || *p == '-' || *p == '+' || *p == '~')
		p++;
	size_t n = strlen(p);
	while (n && (p[n - 1] == '.' || p[n - 1] == ',' || p[n - 1] == ';' || p[n - 1] == ':'))
		n--;
	/* keep the period of a trailing initial: "Priya V." */
	if (n >= 2 && p[n] == '.' && p[n - 2] == ' ' && isupper((unsigned char)p[n - 1]))
		n++;
	char *name = xstrndup(p, n);
	free(r);
	/* strip a leading title */
	char *sp = strchr(name, ' ');
	if (sp) {
		char *first = xstrndup(name, (size_t)(sp - name));
		if (lex_title(first)) {
			char *rest = xstrdup(sp + 1);
			free(name);
			name = rest;
			*ev_out |= EV_TITLE;
		}
		free(first);
	}
	/* shape: the leading run of name words ("Kai was here too" -> "Kai",
	 * "Rob?" -> "Rob"); a handle ("achow101", "der.hans") stands alone;
	 * groups ("Baywater ops team") are not people */
	toks tk = {0};
	tokenize(name, &tk);
	int group = 0, words = 0;
	size_t end = 0;
	for (size_t i = 0; i < tk.n; i++) {
		if (tk.v[i].kind != T_WORD)
			continue;
		char f_b[TOKBUF];
		char *f = tok_fold_b(name, &tk.v[i], f_b);
		if (lex_group_word(f) && !(tk.v[i].cap && i == 0))
			group = 1;
		if (!strcmp(f, "me") || !strcmp(f, "myself") || (!strcmp(f, "i") && tk.n == 1))
			*ev_out |= EV_ME;
		tok_done(f, f_b);
	}
	for (size_t i = 0; i < tk.n && !group; i++) {
		const tok *w0 = &tk.v[i];
		if (i > 0 && (w0->s - tk.v[i - 1].e > 1 || tk.v[i - 1].poss))
			break;
		if (w0->kind == T_WORD && (name_token(name, w0) || (w0->initial && i > 0))) {
			words++;
			end = (size_t)w0->e;
			continue;
		}
		if (w0->kind == T_WORD && words && particles_then_name(name, &tk, i))
			continue; /* "de la Cruz", "van der Berg" */
		break;
	}
	if (!words && !group && !(*ev_out & EV_ME)) {
		/* a handle: the first chunk of letters, digits, '.', '-', '_' */
		size_t n0 = strcspn(name, " \t,;:!?()");
		int letters = 0, ok = n0 >= 2 && n0 <= 40;
		for (size_t i = 0; i < n0 && ok; i++) {
			unsigned char c = (unsigned char)name[i];
			if (isalpha(c) || c >= 0x80)
				letters++;
			else if (!isdigit(c) && c != '.' && c != '-' && c != '_')
				ok = 0;
		}
		while (ok && n0 && (name[n0 - 1] == '.' || name[n0 - 1] == '-'))
			n0--;
		if (ok && letters && n0 >= 2) {
			words = 1;
			end = n0;
		}
	}
	free(tk.v);
	if (group)
		*ev_out |= EV_GROUP;
	if (!words || words > 5 || end > 80 || (*ev_out & EV_GROUP)) {
		free(name);
		free(*alias_out);
		*alias_out = NULL;
		free(*org_out);
		*org_out = NULL;
		return NULL;
	}
	name[end] = '\0';
	return name;
}

/* Splits a list written on one line: "A, B and C; D & E".  With ROLES, a
 * line with one name-role separator is one person and a role that may
 * hold commas ("Camille Roussel — COO, Dalton Pierce"): it splits only
 * at ';'. */
static void split_list_ex(const char *s, strlist *out, int roles)
{
	strbuf cur = STRBUF_INIT;
	int depth = 0, nsep = 0, in_role = 0;
	for (const char *p = s; roles && *p && *p != '\n'; p++) {
		if (*p == '(' || *p == '[')
			depth++;
		else if ((*p == ')' || *p == ']') && depth)
			depth--;
		else if (!depth && p > s && role_sep(p))
			nsep++;
	}
	depth = 0;
	for (const char *p = s;; p++) {
		int brk = 0, skip = 0;
		if (*p == '(' || *p == '[')
			depth++;
		else if ((*p == ')' || *p == ']') && depth)
			depth--;
		else if (!depth && nsep == 1 && cur.len && role_sep(p))
			in_role = 1;
		if (!*p)
			brk = 1;
		else if (!depth && (*p == ';' || *p == '\n'))
			brk = 1, skip = 1;
		else if (in_role)
			; /* the rest of the entry is its role */
		else if (!depth && *p == ',')
			brk = 1, skip = 1;
		else if (!depth && (!strncmp(p, " and ", 5) || !strncmp(p, " & ", 3))) {
			brk = 1;
			skip = p[1] == 'a' ? 4 : 2;
		}
		if (brk) {
			char *t = trim_dup(sb_str(&cur), cur.len);
			if (!strncmp(t, "and ", 4)) {
				char *u = xstrdup(t + 4);
				free(t);
				t = u;
			}
			if (*t)
				sl_push_owned(out, t);
			else
				free(t);
			sb_reset(&cur);
			in_role = 0;
			if (!*p)
				break;
			p += skip - 1;
			continue;
		}
		sb_addc(&cur, *p);
	}
	sb_release(&cur);
}

static void split_list(const char *s, strlist *out)
{
	split_list_ex(s, out, 0);
}

static void add_list_entry(pstate *P, const char *entry, int src, int line, int group)
{
	char *alias, *org;
	int ev;
	char *name = clean_entry(entry, &alias, &org, &ev);
	if (!name) {
		if (ev & EV_ME)
			pg_note_add_raw(P->note, "me", NULL, src, EV_ME, line, group, -1);
		return;
	}
	pg_note_add_raw(P->note, name, alias, src, ev | EV_LIST, line, group, -1);
	P->note->raw[P->note->nraw - 1].org = org;
	free(name);
	free(alias);
}

static void add_list_line(pstate *P, const char *s, int src, int line)
{
	strlist items = {0};
	split_list_ex(s, &items, 1);
	int g = ++P->group;
	for (size_t i = 0; i < items.n; i++)
		add_list_entry(P, items.v[i], src, line, g);
	sl_release(&items);
}

/* ---- front matter ---------------------------------------------------------- */

static void fm_people(pstate *P, const ynode *v, int src, int line_off)
{
	if (!v)
		return;
	if (v->type == Y_SCALAR) {
		if (*v->str)
			add_list_line(P, v->str, src, v->line + line_off);
		return;
	}
	int g = ++P->group;
	for (size_t i = 0; i < v->n; i++) {
		const ynode *k = v->kids[i];
		if (k->type == Y_SCALAR) {
			add_list_entry(P, k->str, src, k->line + line_off, g);
		} else if (k->type == Y_MAP) {
			/* {name: X} or JSON-LD {"name": X} */
			const ynode *nm = ymap_get(k, "name");
			if (!nm)
				nm = ymap_get(k, "fullname");
			if (nm && nm->type == Y_SCALAR)
				add_list_entry(P, nm->str, src, nm->line + line_off, g);
		} else if (k->type == Y_SEQ) {
			fm_people(P, k, src, line_off);
		}
	}
}

static void fm_strings(const ynode *v, strlist *out)
{
	if (!v)
		return;
	if (v->type == Y_SCALAR) {
		if (*v->str) {
			strlist items = {0};
			split_list(v->str, &items);
			for (size_t i = 0; i < items.n; i++)
				sl_push(out, items.v[i]);
			sl_release(&items);
		}
		return;
	}
	for (size_t i = 0; i < v->n; i++)
		if (v->kids[i]->type == Y_SCALAR && *v->kids[i]->str)
			sl_push(out, v->kids[i]->str);
}

static char *fm_scalar(const ynode *fm, const char *key)
{
	const ynode *v = ymap_get(fm, key);
	if (v && v->type == Y_SCALAR && *v->str)
		return xstrdup(v->str);
	return NULL;
}

static void read_front_matter(pstate *P, const ynode *fm, int line_off)
{
	pg_note *N = P->note;
	if (!fm || fm->type != Y_MAP) {
		if (fm)
			diags_add(P->diags, PG_WARNING, P->path, line_off + 1,
				  "front matter is not a mapping; ignored");
		return;
	}
	N->title = fm_scalar(fm, "title");
	N->type = fm_scalar(fm, "type");
	char *d = fm_scalar(fm, "date");
	if (d) {
		char *dd = date_in(d);
		if (dd) {
			N->date = dd;
		} else {
			const ynode *v = ymap_get(fm, "date");
			int ambig = 0;
			for (const char *q = d; *q && !ambig; q++)
				if (isdigit((unsigned char)*q) &&
				    (q == d || !isdigit((unsigned char)q[-1])))
					free(numeric_date_at(q, &ambig));
			diags_add(P->diags, PG_WARNING, P->path, v->line + line_off,
				  ambig ? "date '%s' could be day/month or month/day; ignored"
					: "date '%s' is not YYYY-MM-DD; ignored",
				  d);
		}
		free(d);
	}
	static const char *const pkeys[] = {"participants", "attendees", "people",  "with",
					    "organizer",    "organiser", "chair",   "chairs",
					    "scribe",       "host",      "present", NULL};
	for (int i = 0; pkeys[i]; i++)
		fm_people(P, ymap_get(fm, pkeys[i]), SRC_FM_PARTICIPANT, line_off);
	static const char *const akeys[] = {"regrets", "absent", "apologies", NULL};
	for (int i = 0; akeys[i]; i++)
		fm_people(P, ymap_get(fm, akeys[i]), SRC_ABSENT, line_off);
	fm_people(P, ymap_get(fm, "person"), SRC_FM_PERSON, line_off);
	const ynode *tags = ymap_get(fm, "tags");
	if (!tags)
		tags = ymap_get(fm, "tag");
	strlist t = {0};
	fm_strings(tags, &t);
	for (size_t i = 0; i < t.n; i++) {
		const char *s = t.v[i];
		while (*s == '#')
			s++;
		if (*s && !sl_has(&N->tags, s))
			sl_push(&N->tags, s);
	}
	sl_release(&t);
	fm_strings(ymap_get(fm, "aliases"), &N->aliases);
	fm_strings(ymap_get(fm, "alias"), &N->aliases);
	N->org = fm_scalar(fm, "org");
	if (!N->org)
		N->org = fm_scalar(fm, "company");
	if (!N->org)
		N->org = fm_scalar(fm, "organization");
	N->role = fm_scalar(fm, "role");
	if (!N->role)
		N->role = fm_scalar(fm, "title_role");
}

/* ---- tasks ----------------------------------------------------------------- */

static const char CAL[] = "\xf0\x9f\x93\x85";  /* 📅 */
static const char CAL2[] = "\xf0\x9f\x97\x93"; /* 🗓 */
static const char CHECK[] = "\xe2\x9c\x85";    /* ✅ */

/* Reads "@Full Name" at P (just after '@'): the longest run of name words. */
static char *owner_at(const char *p)
{
	toks tk = {0};
	char *buf = xstrndup(p, strnlen(p, 200));
	tokenize(buf, &tk);
	size_t n = 0;
	int end = 0;
	for (size_t i = 0; i < tk.n && n < 5; i++) {
		tok *t = &tk.v[i];
		if (t->kind != T_WORD)
			break;
		if (i > 0 && (tk.v[i - 1].poss))
			break;
		if (i == 0 || t->cap || t->initial ||
		    (lex_particle(buf + t->s) && i + 1 < tk.n && tk.v[i + 1].cap)) {
			/* words must be adjacent (one space) */
			if (i > 0) {
				int gap = t->s - tk.v[i - 1].e;
				if (gap > 1)
					break;
			}
			end = t->e;
			n++;
			if (i == 0 && !t->cap && !t->allcaps)
				break; /* @handle: one word */
			continue;
		}
		break;
	}
	char *r = n ? xstrndup(buf, (size_t)end) : NULL;
	free(tk.v);
	free(buf);
	return r;
}

static size_t nspaces(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += *s == ' ';
	return n;
}

/* Whether S holds a lowercase name particle as a word: "Rafael de la Cruz". */
static int strstr_particle(const char *s)
{
	for (const char *p = s; (p = strchr(p, ' ')); p++) {
		size_t l = strcspn(p + 1, " ");
		char w[16];
		if (l && l < sizeof w && islower((unsigned char)p[1])) {
			memcpy(w, p + 1, l);
			w[l] = '\0';
			if (lex_particle(w))
				return 1;
		}
	}
	return 0;
}

/* "Ann Lee to send ...", "Ann to follow up": the name before "to" at the
 * start of a task names its owner.  Sets *OWNER (caller frees); 1 if found. */
static int leading_owner(const char *body, char **owner)
{
	while (*body == ' ')
		body++;
	/* "Ann Lee to", and "Kofi: send", "Matteo Bianchi — share", "Rafael
	 * de la Cruz will send", where the first word must be a given name */
	static const char *const seps[] = {
		" to ", ": ", " \xe2\x80\x94 ", " \xe2\x80\x93 ", " - ", " will ", NULL};
	const char *to = NULL;
	int sep = -1;
	for (const char *q = body; *q && q - body <= 60 && !to; q++) {
		if (*q != ' ' && *q != ':')
			continue;
		for (int i = 0; seps[i] && !to; i++)
			if (!strncmp(q, seps[i], strlen(seps[i])))
				to = q, sep = i;
	}
	if (!to)
		return 0;
	char *head = xstrndup(body, (size_t)(to - body));
	toks tk = {0};
	tokenize(head, &tk);
	int ok = tk.n >= 1 && tk.n <= 5;
	size_t names = 0;
	for (size_t i = 0; i < tk.n && ok; i++) {
		if (name_token(head, &tk.v[i]) && !tk.v[i].poss) {
			names++;
			continue;
		}
		/* "de la" inside a name */
		char w_b[TOKBUF];
		char *w = tok_str_b(head, &tk.v[i], w_b);
		ok = i > 0 && i + 1 < tk.n && tk.v[i].kind == T_WORD && lex_particle(w);
		tok_done(w, w_b);
	}
	if (ok && names > 3)
		ok = 0;
	if (ok) {
		char f_b[TOKBUF];
		char *f = tok_fold_b(head, &tk.v[0], f_b);
		ok = !lex_stopword(f) && ((tk.n > 1 && sep == 0) || lex_firstname(f));
		tok_done(f, f_b);
	}
	free(tk.v);
	if (ok)
		*owner = head;
	else
		free(head);
	return ok;
}

static int parse_task(pstate *P, const char *text, int line)
{
	const char *s = text;
	while (*s == ' ')
		s++;
	if (s[0] != '[' || !s[1] || s[2] != ']')
		return -1;
	char mark = s[1];
	if (!strchr(" xX?-/>!<*", mark))
		return -1;
	pg_note *N = P->note;
	ALLOC_GROW(N->tasks, N->ntasks, N->captasks);
	int idx = (int)N->ntasks++;
	pg_task *t = &N->tasks[idx];
	memset(t, 0, sizeof(*t));
	t->line = line;
	t->done = mark == 'x' || mark == 'X' || strstr(s, CHECK) != NULL;
	const char *body = s + 3;
	/* due date: after the calendar emoji, or "due: DATE" */
	const char *cal = strstr(body, CAL);
	if (!cal)
		cal = strstr(body, CAL2);
	if (cal) {
		const char *q = cal + 4;
		while (*q && !isdigit((unsigned char)*q) && q - cal < 16)
			q++;
		if (strlen(q) >= 10 && is_date_at(q))
			t->due = xstrndup(q, 10);
	} else {
		const char *q = strcasestr(body, "due");
		if (q && (q == body || !isalpha((unsigned char)q[-1]))) {
			q += 3;
			while (*q == ':' || *q == ' ' || *q == '-')
				q++;
			if (strlen(q) >= 10 && is_date_at(q))
				t->due = xstrndup(q, 10);
		}
	}
	/* owner: the last @Name that is not part of an e-mail address */
	const char *at = NULL;
	for (const char *q = body; (q = strchr(q, '@')); q++)
		if (q == body || !isalnum((unsigned char)q[-1]))
			at = q;
	const char *ow = strcasestr(body, "owner:");
	if (!ow)
		ow = strcasestr(body, "assignee:");
	if (at) {
		t->owner = owner_at(at + 1);
	} else if (ow && (ow == body || !isalpha((unsigned char)ow[-1]))) {
		/* "- [ ] Send the deck (owner: Ann Lee, due 2025-09-01)", and
		 * Dataview's "[owner:: [[Ann Lee]]]" */
		const char *q = strchr(ow, ':') + 1;
		while (*q == ' ' || *q == '*' || *q == ':')
			q++;
		const char *wl = !strncmp(q, "[[", 2) ? strstr(q, "]]") : NULL;
		size_t ol = wl ? (size_t)(wl + 2 - q) : strcspn(q, ",;)|]");
		char *al, *og;
		int ev;
		char *one = xstrndup(q, ol);
		t->owner = clean_entry(one, &al, &og, &ev);
		free(one);
		free(al);
		free(og);
	} else if (leading_owner(body, &t->owner)) {
		/* "- [ ] Ann Lee to send the deck": a name, then "to" and a verb */
	} else {
		/* "- [ ] book the venue (Lena, Omar)": the first name in a trailing
		 * parenthesis of names owns it */
		size_t bl = strlen(body);
		/* before the trailing matter: "(Rafael) 📅 2025-12-09 #task" */
		const char *close = strrchr(body, ')');
		for (const char *q = close ? close : body; *q; q++)
			if ((unsigned char)*q == 0xF0 || (unsigned char)*q == 0xE2 ||
			    (*q == '#' && q > body && q[-1] == ' ')) {
				if ((unsigned char)*q == 0xE2 && strncmp(q, CHECK, strlen(CHECK)))
					continue;
				bl = (size_t)(q - body);
				break;
			}
		while (bl && (body[bl - 1] == ' ' || body[bl - 1] == '.'))
			bl--;
		if (bl && body[bl - 1] == ')') {
			const char *open = NULL;
			for (const char *q = body + bl - 1; q >= body; q--)
				if (*q == '(') {
					open = q;
					break;
				}
			if (open && bl - (size_t)(open - body) < 80) {
				char *inner = xstrndup(open + 1, bl - (size_t)(open - body) - 2);
				strlist items = {0};
				split_list(inner, &items);
				int all = items.n > 0 && items.n <= 4;
				char **names = xcalloc(items.n ? items.n : 1, sizeof(char *));
				for (size_t i = 0; i < items.n && all; i++) {
					char *al, *og;
					int ev;
					names[i] = clean_entry(items.v[i], &al, &og, &ev);
					free(al);
					free(og);
					/* one or two words a name, more with a
					 * particle: "Rafael de la Cruz" */
					if (!names[i] || nspaces(items.v[i]) > 3 ||
					    (nspaces(items.v[i]) > 1 &&
					     !strstr_particle(items.v[i])))
						all = 0;
				}
				if (all) {
					t->owner = xstrdup(names[0]);
					for (size_t i = 1; i < items.n; i++)
						pg_note_add_raw(N, names[i], NULL, SRC_PROSE,
								EV_PARENOWNER, line, 0, idx);
				}
				for (size_t i = 0; i < items.n; i++)
					free(names[i]);
				free(names);
				sl_release(&items);
				free(inner);
			}
		}
	}
	/* text: up to the owner or the first emoji/tag; after the owner when
	 * the item starts with it ("@Ann Lee: send the deck") */
	size_t start = 0, cut = strlen(body);
	if (at) {
		cut = (size_t)(at - body);
		const char *b = body;
		while (*b == ' ')
			b++;
		if (b == at && t->owner) {
			const char *q = at + 1 + strlen(t->owner);
			if (*q == '\'' || !strncmp(q, "\xe2\x80\x99", 3) ||
			    isalnum((unsigned char)*q)) {
				q = at + 1; /* "@Ann Lee's deck review": keep the name */
			} else {
				/* separators, the en and em dash among them */
				for (;;) {
					if (*q == ' ' || *q == ':' || *q == ',' || *q == '-')
						q++;
					else if (!strncmp(q, "\xe2\x80\x93", 3) ||
						 !strncmp(q, "\xe2\x80\x94", 3))
						q += 3;
					else
						break;
				}
			}
			start = (size_t)(q - body);
			cut = strlen(body);
		}
	}
	for (const char *q = body + start; *q && (size_t)(q - body) < cut; q++) {
		if (*q == '#' && (q == body + start || q[-1] == ' ') &&
		    !isdigit((unsigned char)q[1]) && q[1] != ' ' && q[1]) {
			const char *e = q + 1;
			while (*e && *e != ' ')
				e++;
			const char *b = body + start;
			while (*b == ' ')
				b++;
			if (b == q && *e) {
				/* a leading tag: "#task Send the deck" */
				start = (size_t)(e - body);
				q = e;
				continue;
			}
			cut = (size_t)(q - body);
			break;
		}
		if ((unsigned char)*q == 0xF0) {
			cut = (size_t)(q - body);
			break;
		}
		/* a Dataview field, "[owner:: Ann]" or "due:: 2025-09-01",
		 * is data, not words of the item */
		if (q > body + start && (q[-1] == ' ' || q[-1] == '[') &&
		    isalpha((unsigned char)*q)) {
			const char *e = q;
			while (isalnum((unsigned char)*e) || *e == '_' || *e == '-')
				e++;
			if (e[0] == ':' && e[1] == ':' && e[2] == ' ') {
				cut = (size_t)((q[-1] == '[' ? q - 1 : q) - body);
				break;
			}
		}
	}
	t->text = trim_dup(body + start, cut - start);
	if (t->owner)
		pg_note_add_raw(N, t->owner, NULL, SRC_OWNER, at ? 0 : EV_PARENOWNER, line, 0, idx);
	return idx;
}

/* ---- prose ----------------------------------------------------------------- */

static int word_fold_is(const char *text, const tok *t, const char *w)
{
	size_t n = strlen(w);
	return (size_t)(t->e - t->s) == n && !strncasecmp(text + t->s, w, n);
}

/* Replaces [[Target|Alias]] by its display text, emitting link mentions. */
static char *strip_links(pstate *P, const char *text, int line, int task, int *ev_links)
{
	strbuf sb = STRBUF_INIT;
	const char *p = text;
	*ev_links = 0;
	/* code spans (kept in backticks by markdown.c) are never names */
	char *nocode = NULL;
	if (strchr(text, '`')) {
		strbuf c = STRBUF_INIT;
		for (const char *q = text; *q;) {
			const char *e = *q == '`' ? strchr(q + 1, '`') : NULL;
			if (e) {
				sb_adds(&c, " \x01 ");
				q = e + 1;
				continue;
			}
			sb_addc(&c, *q++);
		}
		nocode = sb_detach(&c);
		p = nocode;
	}
	for (;;) {
		const char *o = strstr(p, "[[");
		if (!o)
			break;
		const char *c = strstr(o + 2, "]]");
		if (!c)
			break;
		sb_add(&sb, p, (size_t)(o - p));
		const char *in = o + 2;
		size_t inl = (size_t)(c - in);
		const char *bar = memchr(in, '|', inl);
		size_t tl = bar ? (size_t)(bar - in) : inl;
		const char *hash = memchr(in, '#', tl);
		if (hash)
			tl = (size_t)(hash - in);
		char *target = trim_dup(in, tl);
		char *alias = bar ? trim_dup(bar + 1, (size_t)(c - bar - 1)) : NULL;
		/* links to notes (dates, paths, long titles) are not people */
		int words = 1;
		for (char *q = target; *q; q++)
			words += *q == ' ';
		int32_t c0 = 0;
		if (*target)
			u8_next(target, strlen(target), &c0);
		/* "#[[Kessler & Vance]]" is a tag written as a link */
		int looks = *target && u8_is_upper(c0) && !strchr(target, '/') &&
			    !strstr(target, ".md") && words <= 5 && !(o > p && o[-1] == '#');
		if (looks) {
			pg_note_add_raw(P->note, target, alias, SRC_LINK, 0, line, 0, task);
			(*ev_links)++;
		}
		/* keep the display text for context, but as a non-name placeholder
		 * so the prose scan does not count the name twice */
		const char *shown = alias ? alias : target;
		if (looks) {
			sb_adds(&sb, "\x01");
			/* keep a possessive that follows */
		} else {
			sb_adds(&sb, shown);
		}
		free(target);
		free(alias);
		p = c + 2;
	}
	sb_adds(&sb, p);
	free(nocode);
	return sb_detach(&sb);
}

/* After "Name, ": a short appositive that calls it an organisation ("our
 * auditors", "Corvid's external security firm", "a law firm"). */
static int appositive_org(const char *text, const toks *tk, size_t from)
{
	static const char *const nouns[] = {"firm",        "company",     "vendor",
					    "agency",      "auditor",     "auditors",
					    "lawyers",     "bank",        "fund",
					    "investor",    "investors",   "supplier",
					    "consultancy", "consultants", "studio",
					    "startup",     "partner",     "distributor",
					    "reseller",    "integrator",  "manufacturer",
					    "provider",    "contractor",  "subsidiary",
					    "competitor",  "customer",    "client",
					    "lab",         "university",  "school",
					    "foundation",  "publisher",   "brand",
					    "chain",       "retailer",    "carrier",
					    "insurer",     "broker",      "fab",
					    "foundry",     NULL};
	int det = 0;
	for (size_t k = from; k < tk->n && k < from + 6; k++) {
		const tok *t = &tk->v[k];
		if (t->kind != T_WORD)
			return 0;
		char f_b[TOKBUF];
		char *f = tok_fold_b(text, t, f_b);
		int hit = 0;
		if (k == from)
			det = lex_determiner(f) || t->poss || !strcmp(f, "a") || !strcmp(f, "an");
		for (int i = 0; nouns[i] && det; i++)
			if (!strcmp(nouns[i], f))
				hit = 1;
		tok_done(f, f_b);
		if (!det)
			return 0;
		if (hit)
			return 1;
	}
	return 0;
}

/* A single given name beside '&' ("Lena & Pepper"): people, not a firm. */
static int amp_given(const char *text, const tok *t)
{
	if (t->kind != T_WORD || !t->cap)
		return 0;
	char f_b[TOKBUF];
	char *f = tok_fold_b(text, t, f_b);
	int g = lex_firstname(f);
	tok_done(f, f_b);
	return g;
}

/* Whether the preposition at token I ends a phrasal verb that takes a
 * person: "loop in Marcus", "bring in Dana", "looped into". */
static int phrasal_in(const char *text, const toks *tk, size_t i)
{
	if (i == 0 || tk->v[i - 1].kind != T_WORD)
		return 0;
	static const char *const verbs[] = {
		"loop",  "looped", "looping", "bring", "brought", "bringing", "rope",
		"roped", "pull",   "pulled",  "fill",  "filled",  "let",      "keep",
		"kept",  "cc",     "cc'd",    "copy",  "copied",  "check",    NULL};
	char f_b[TOKBUF];
	char *f = tok_fold_b(text, &tk->v[i - 1], f_b);
	int r = 0;
	for (int k = 0; verbs[k] && !r; k++)
		r = !strcmp(f, verbs[k]);
	tok_done(f, f_b);
	return r;
}

typedef struct run {
	size_t a, b; /* tokens [a, b) */
	int ev;
	int group;
	char *text;
	char *alias;
	char *org;
} run;

static const char *const absence_cues[] = {"did not attend",
					   "didn't attend",
					   "could not attend",
					   "couldn't attend",
					   "could not make it",
					   "couldn't make it",
					   "dropped at the last minute",
					   "dropped off",
					   "was absent",
					   "were absent",
					   "sent regrets",
					   "sent apologies",
					   "sent her regrets",
					   "sent his regrets",
					   "sent their regrets",
					   "did not join",
					   "didn't join",
					   "was unable to attend",
					   "were unable to attend",
					   "missed the meeting",
					   "missed the call",
					   "was out sick",
					   "was on leave",
					   "was not present",
					   "were not present",
					   "was not there",
					   "no-show",
					   "declined the invite",
					   "declined the meeting",
					   NULL};

static const char *const joined_cues[] = {"joined for",      "joined late",
					  "joined the call", "joined the meeting",
					  "joined partway",  "joined midway",
					  "joined briefly",  "joined at the end",
					  "joined to ",      "dialed in",
					  "dialled in",      "also attended",
					  "sat in",          "joined us",
					  "joined remotely", "joined by phone",
					  "joined via",      NULL};

static const char *const attend_cues[] = {
	"on the call were",  "on the call:",       "attending were",    "in attendance were",
	"present were",      "the attendees were", "participants were", "joining were",
	"in the room were",  "attendees were",     "on the call was",   "we were joined by",
	"also present were", "call with",          "met with",          "spoke with",
	"spoke to",          "caught up with",     "sat down with",     NULL};

/* Cues whose subject is the writer when they open a sentence ("Met with
 * Dana from Acme"); after a subject ("Jan met with Bo") they tell of
 * another meeting. */
static const char *const implied_me_cues[] = {"met with",       "spoke with",    "spoke to",
					      "caught up with", "sat down with", NULL};

/* The three lists are searched in one pass over the text: prose blocks are
 * short and cues rare, so a test of each position's first two bytes costs
 * less than a strstr per cue (which was a twentieth of parsing). */
enum { CUE_ATTEND, CUE_ABSENT, CUE_JOINED, CUE_LISTS };
static const char *const *const cue_lists[CUE_LISTS] = {attend_cues, absence_cues, joined_cues};
static unsigned char cue_pair[256][256]; /* bit l: a cue of list l starts with the pair */
/* per list and first byte: the cues, in list order, ended by NULL */
static const char *cue_by_byte[CUE_LISTS][128][32];
static pthread_once_t cue_once = PTHREAD_ONCE_INIT;

static void cue_init(void)
{
	for (int l = 0; l < CUE_LISTS; l++)
		for (const char *const *c = cue_lists[l]; *c; c++) {
			unsigned char b0 = (unsigned char)(*c)[0];
			cue_pair[b0][(unsigned char)(*c)[1]] |= (unsigned char)(1u << l);
			int k = 0;
			while (cue_by_byte[l][b0 & 127][k])
				k++;
			/* the lists are ASCII, with at most 31 cues per first letter:
			 * a longer list is a mistake in this file */
			if (b0 >= 128 || k >= 31)
				abort();
			cue_by_byte[l][b0 & 127][k] = *c;
		}
}

/* AT[l]: the byte offset in LOWER (LEN bytes, lowercase) of the first cue
 * of list l, or -1; the offsets strstr of each cue would give. */
static void find_cues(const char *lower, size_t len, long at[CUE_LISTS])
{
	pthread_once(&cue_once, cue_init);
	int left = CUE_LISTS;
	for (int l = 0; l < CUE_LISTS; l++)
		at[l] = -1;
	for (size_t i = 0; i + 1 < len && left; i++) {
		unsigned m = cue_pair[(unsigned char)lower[i]][(unsigned char)lower[i + 1]];
		for (int l = 0; m && l < CUE_LISTS; l++) {
			if (!(m >> l & 1u) || at[l] >= 0)
				continue;
			for (const char *const *c = cue_by_byte[l][(unsigned char)lower[i] & 127];
			     *c; c++)
				if ((*c)[1] == lower[i + 1] &&
				    !strncmp(lower + i, *c, strlen(*c))) {
					at[l] = (long)i;
					left--;
					break;
				}
		}
	}
}

static void scan_prose(pstate *P, const char *raw_text, int line0, int task, int heading)
{
	int nlinks;
	char *text = strip_links(P, raw_text, line0, task, &nlinks);
	toks *tk = &P->tk;
	tokenize(text, tk);
	size_t n = tk->n;
	run *runs = NULL;
	size_t nruns = 0, capruns = 0;

	for (size_t i = 0; i < n;) {
		tok *t = &tk->v[i];
		/* "JP felt", "with JP": initials standing for someone, kept only
		 * if some note gives them as that person's alias */
		int initials =
			!name_token(text, t) && t->allcaps && t->e - t->s == 2 &&
			isupper((unsigned char)text[t->s]) &&
			isupper((unsigned char)text[t->s + 1]) &&
			!(i + 1 < n && name_token(text, &tk->v[i + 1]) &&
			  tk->v[i + 1].s - t->e <= 1) &&
			!(i > 0 && name_token(text, &tk->v[i - 1]) && t->s - tk->v[i - 1].e <= 1);
		if ((!name_token(text, t) && !initials) || t->initial) {
			i++;
			continue;
		}
		size_t a = i, b = i + 1;
		if (!t->poss && !initials) {
			while (b < n && b - a < MAX_RUN) {
				tok *u = &tk->v[b];
				if (u->s - tk->v[b - 1].e > 1 || tk->v[b - 1].poss || u->nl_before)
					break; /* words must be adjacent on one line; a possessive ends the run */
				if (name_token(text, u)) {
					b++;
					if (u->poss)
						break;
					continue;
				}
				if (u->kind == T_WORD && !u->cap) {
					size_t np = particles_then_name(text, tk, b);
					if (np) {
						b += np + 1;
						if (tk->v[b - 1].poss)
							break;
						continue;
					}
				}
				break;
			}
		}
		int ev = initials ? EV_PARENOWNER | EV_INITIALS : 0;
		/* sentence start */
		int sstart = a == 0 || sentence_end(&tk->v[a - 1]) || tk->v[a].nl_before ||
			     punct_is(&tk->v[a - 1], '"') || punct_is(&tk->v[a - 1], 0x201C) ||
			     (punct_is(&tk->v[a - 1], '-') && (a == 1 || tk->v[a].nl_before));
		/* leading stopwords and titles */
		while (a < b) {
			char f_b[TOKBUF];
			char *f = tok_fold_b(text, &tk->v[a], f_b);
			char w_b[TOKBUF];
			char *w = tok_str_b(text, &tk->v[a], w_b);
			int title = lex_title(w);
			int stop = (sstart || a > i) && lex_stopword(f) && !lex_firstname(f);
			if (!stop && sstart && lex_stopword(f) && a + 1 < b)
				stop = 1;
			tok_done(f, f_b);
			tok_done(w, w_b);
			if (title) {
				ev |= EV_TITLE;
				a++;
				sstart = 0;
				continue;
			}
			if (stop) {
				char g_b[TOKBUF];
				char *g = tok_fold_b(text, &tk->v[a], g_b);
				if (lex_determiner(g))
					ev |= EV_THE;
				tok_done(g, g_b);
				a++;
				continue;
			}
			break;
		}
		if (a >= b) {
			i = b;
			continue;
		}
		/* "Hosting Mateus Ferreira": a capitalised verb opening a sentence */
		if (sstart && a == i && b - a >= 2) {
			char f_b[TOKBUF];
			char *f = tok_fold_b(text, &tk->v[a], f_b);
			size_t wl = strlen(f);
			/* not before a particle: "Nasser bin Khalid" */
			int verbish = !lex_firstname(f) && tk->v[a + 1].cap &&
				      (b - a >= 3 || (wl > 4 && (!strcmp(f + wl - 3, "ing") ||
								 !strcmp(f + wl - 2, "ed") ||
								 !strcmp(f + wl - 2, "ly"))));
			tok_done(f, f_b);
			if (verbish)
				a++;
		}
		if (a > i)
			sstart = 0;
		if (sstart)
			ev |= EV_SENT_START;
		/* before: determiner, place preposition, title or role */
		if (a > 0) {
			tok *p = &tk->v[a - 1];
			if (p->kind == T_WORD && tk->v[a].s - p->e <= 2) {
				char f_b[TOKBUF];
				char *f = tok_fold_b(text, p, f_b);
				char w_b[TOKBUF];
				char *w = tok_str_b(text, p, w_b);
				if (lex_determiner(f) || p->poss)
					ev |= EV_THE;
				else if (lex_place_prep(f) && !phrasal_in(text, tk, a - 1))
					ev |= EV_PLACE;
				else if (lex_title(w) || lex_role(f))
					ev |= EV_TITLE;
				tok_done(f, f_b);
				tok_done(w, w_b);
			} else if (p->kind == T_PUNCT && p->cp == 0x01) {
				ev |= EV_THE; /* follows a linked name: "[[X]]'s Y" */
			}
		}
		/* inside */
		size_t last = b - 1;
		char lastw_b[TOKBUF];
		char *lastw = tok_str_b(text, &tk->v[last], lastw_b);
		char firstw_b[TOKBUF];
		char *firstw = tok_str_b(text, &tk->v[a], firstw_b);
		if (lex_org_suffix(lastw) && b - a >= 2)
			ev |= EV_ORGSUFFIX;
		/* the rest of an organisation's name: "Center for Gene Medicine",
		 * "University of Leeds" (the run ends its name) */
		if (a >= 2 && tk->v[a - 1].kind == T_WORD && !tk->v[a - 1].cap &&
		    (word_fold_is(text, &tk->v[a - 1], "for") ||
		     word_fold_is(text, &tk->v[a - 1], "of")) &&
		    tk->v[a - 2].cap && tk->v[a - 1].s - tk->v[a - 2].e <= 1) {
			char hw_b[TOKBUF];
			char *hw = tok_str_b(text, &tk->v[a - 2], hw_b);
			if (lex_org_suffix(hw) || !strcmp(hw, "Center") || !strcmp(hw, "Centre"))
				ev |= EV_ORGWORD;
			tok_done(hw, hw_b);
		}
		if ((lex_place_head(lastw) && b - a >= 2) || (lex_place_head(firstw) && b - a >= 2))
			ev |= EV_ORGWORD;
		if (b - a == 1 && lex_org_suffix(firstw))
			ev |= EV_ORGWORD;
		char ff_b[TOKBUF];
		char *ff = tok_fold_b(text, &tk->v[a], ff_b);
		if (lex_firstname(ff))
			ev |= EV_FIRSTNAME;
		if (b - a == 1 && lex_month_or_day(ff))
			ev |= EV_ORGWORD;
		for (size_t k = a + 1; k < b; k++) {
			/* "Lena Friday we ship": a weekday is never part of a name */
			char wf_b[TOKBUF];
			char *wf = tok_fold_b(text, &tk->v[k], wf_b);
			if (lex_weekday(wf))
				ev |= EV_ORGWORD;
			tok_done(wf, wf_b);
		}
		if (b - a >= 2 && !tk->v[last].poss) {
			/* "Blog Posts", "Fiscal Sponsors": a thing or a group */
			char lf_b[TOKBUF];
			char *lf = tok_fold_b(text, &tk->v[last], lf_b);
			if (lex_thing_noun(lf) || lex_group_word(lf))
				ev |= EV_NOUN;
			tok_done(lf, lf_b);
		}
		tok_done(ff, ff_b);
		tok_done(lastw, lastw_b);
		tok_done(firstw, firstw_b);
		if (tk->v[last].initial)
			ev |= EV_INITIAL;
		if (tk->v[last].poss)
			ev |= EV_POSS;
		/* after */
		char *alias = NULL, *org_hint = NULL;
		if (b < n) {
			tok *q = &tk->v[b];
			if (q->kind == T_WORD && !q->cap && !tk->v[last].poss) {
				char f_b[TOKBUF];
				char *f = tok_fold_b(text, q, f_b);
				int sv = lex_speech_verb(f);
				if (sv == 2)
					ev |= EV_SPEECH;
				else if (lex_thing_noun(f))
					ev |= EV_NOUN;
				tok_done(f, f_b);
			} else if (q->kind == T_WORD && q->allcaps && !tk->v[last].poss) {
				ev |= EV_NOUN; /* "Lumen NPU", "Tidewater WMS" */
			} else if (q->kind == T_WORD && q->digit && !q->cap) {
				ev |= EV_NOUN; /* "Halo H2", "Ada 2" */
			} else if (punct_is(q, ':') && (a == 0 || tk->v[a].nl_before) &&
				   b - a <= 3 && (ev & EV_FIRSTNAME)) {
				ev |= EV_SPEECH; /* "Name: ..." speaker prefix */
			} else if (punct_is(q, '(') && b + 2 < n && punct_is(&tk->v[b + 2], ')') &&
				   (name_token(text, &tk->v[b + 1]) ||
				    (b - a >= 2 && tk->v[b + 1].allcaps))) {
				/* "(Raj)" after Rajiv, "(Elizabeth)": another name for the
				 * person; "(Helix)": where they work.  Ending an action
				 * item ("Sponsor Avatars (Ben) #task"), a name that is not
				 * a form of the first word names the owner instead. */
				char *par = tok_str(text, &tk->v[b + 1]);
				char *pf = text_fold(par);
				char nf_b[TOKBUF];
				char *nf = tok_fold_b(text, &tk->v[a], nf_b);
				size_t pl = strlen(pf);
				char *run_text = xstrndup(text + tk->v[a].s,
							  (size_t)(tk->v[last].e - tk->v[a].s));
				/* initials only after a given name: not "Child Pays
				 * For Parent (CPFP)" */
				int same = (pl >= 3 && !strncmp(pf, nf, 3)) ||
					   lex_nickname(pf, nf) || lex_nickname(nf, pf) ||
					   (lex_firstname(nf) && initials_match(run_text, par));
				free(run_text);
				if (tk->v[b + 1].allcaps && !same) {
					free(par); /* "(QBR)", "(EMEA)": not a name */
					par = NULL;
				}
				if (!same && task >= 0 && only_meta_from(tk, b + 3))
					free(par);
				else if (same || lex_firstname(pf))
					alias = par;
				else
					org_hint = par;
				free(pf);
				tok_done(nf, nf_b);
			} else if (punct_is(q, '-') && b + 1 < n && tk->v[b + 1].kind == T_WORD &&
				   q->s == tk->v[last].e) {
				ev |= EV_NOUN; /* "Ada-style", "Jetson-class" */
			} else if (punct_is(q, '&') && b + 1 < n &&
				   name_token(text, &tk->v[b + 1]) &&
				   !(ev & EV_FIRSTNAME && b - a == 1 &&
				     amp_given(text, &tk->v[b + 1]))) {
				ev |= EV_ORGWORD; /* "Whitaker & Brandt"; "Lena & Pepper" are two people */
			} else if (q->kind == T_WORD && q->digit) {
				ev |= EV_NOUN;
			} else if (punct_is(q, ',') && appositive_org(text, tk, b + 1)) {
				ev |= EV_ORGWORD; /* "Archer Vale, our external security firm" */
			}
		}
		if (a > 0 && punct_is(&tk->v[a - 1], '&') &&
		    !(b - a == 1 && (ev & EV_FIRSTNAME) && a >= 2 &&
		      amp_given(text, &tk->v[a - 2])))
			ev |= EV_ORGWORD;
		if (task >= 0)
			ev |= EV_TASKTEXT;
		/* the run's text */
		strbuf sb = STRBUF_INIT;
		for (size_t k = a; k < b; k++) {
			if (k > a)
				sb_addc(&sb, ' ');
			sb_add(&sb, text + tk->v[k].s, (size_t)(tk->v[k].e - tk->v[k].s));
		}
		ALLOC_GROW(runs, nruns, capruns);
		runs[nruns].a = a;
		runs[nruns].b = b;
		runs[nruns].ev = ev;
		runs[nruns].group = 0;
		runs[nruns].text = sb_detach(&sb);
		runs[nruns].alias = alias;
		runs[nruns].org = org_hint;
		nruns++;
		i = b;
	}

	/* coordination: runs joined by ",", "and", ", and", "or" share a group */
	for (size_t r = 1; r < nruns; r++) {
		size_t ga = runs[r - 1].b, gb = runs[r].a;
		int ok = gb > ga && gb - ga <= 2;
		for (size_t k = ga; ok && k < gb; k++) {
			tok *t = &tk->v[k];
			if (punct_is(t, ',') || punct_is(t, '/'))
				continue;
			if (t->kind == T_WORD &&
			    (word_fold_is(text, t, "and") || word_fold_is(text, t, "or")))
				continue;
			ok = 0;
		}
		if (runs[r - 1].alias)
			ok = 0;
		if (ok) {
			if (!runs[r - 1].group)
				runs[r - 1].group = ++P->group;
			runs[r].group = runs[r - 1].group;
		}
	}

	/* "Lady Bird and Barton rooms": a plural noun after a coordination
	 * names what every member of it is */
	for (size_t r = 0; r < nruns; r++) {
		size_t k = runs[r].b;
		if (!runs[r].group || (r + 1 < nruns && runs[r + 1].group == runs[r].group) ||
		    k >= n || tk->v[k - 1].poss || tk->v[k].kind != T_WORD || tk->v[k].cap ||
		    text[tk->v[k].e - 1] != 's')
			continue;
		char f_b[TOKBUF];
		char *f = tok_fold_b(text, &tk->v[k], f_b);
		if (lex_thing_noun(f))
			for (size_t q = 0; q <= r; q++)
				if (runs[q].group == runs[r].group)
					runs[q].ev |= EV_NOUN;
		tok_done(f, f_b);
	}

	/* organisation hints: "A and B from Helix", "C at Parker Hale" */
	for (size_t r = 0; r + 1 < nruns; r++) {
		size_t k = runs[r].b;
		if (k >= n || tk->v[k].kind != T_WORD || runs[r].ev & (EV_ORGSUFFIX | EV_ORGWORD))
			continue;
		if (!word_fold_is(text, &tk->v[k], "from") &&
		    !word_fold_is(text, &tk->v[k], "at") && !word_fold_is(text, &tk->v[k], "of"))
			continue;
		size_t o = r + 1;
		if (runs[o].a != k + 1 &&
		    !(runs[o].a == k + 2 && word_fold_is(text, &tk->v[k + 1], "the")))
			continue;
		for (size_t q = 0; q <= r; q++)
			if (q == r || (runs[r].group && runs[q].group == runs[r].group))
				if (!runs[q].org)
					runs[q].org = xstrdup(runs[o].text);
	}

	/* attendance in prose */
	strbuf low = STRBUF_INIT;
	size_t tlen = strlen(text);
	sb_grow(&low, tlen);
	for (size_t q = 0; q < tlen; q++)
		low.buf[q] = (char)tolower((unsigned char)text[q]);
	low.len = tlen;
	low.buf[tlen] = '\0';
	long at[CUE_LISTS] = {-1, -1, -1};
	if (!heading)
		find_cues(sb_str(&low), low.len, at);
	if (task >= 0)
		at[CUE_ATTEND] = -1; /* "Arrange a call with Declan": not held yet */
	long cue = at[CUE_ATTEND], absent = at[CUE_ABSENT], joined = at[CUE_JOINED];
	for (int c = 0; cue >= 0 && implied_me_cues[c]; c++) {
		if (strncmp(low.buf + cue, implied_me_cues[c], strlen(implied_me_cues[c])))
			continue;
		long b = cue;
		while (b > 0 &&
		       (low.buf[b - 1] == ' ' || low.buf[b - 1] == '*' || low.buf[b - 1] == '-'))
			b--;
		/* in a note that lists its attendees, "Met with Dina" reports
		 * another meeting */
		int listed = 0;
		for (size_t q = 0; q < P->note->nraw && !listed; q++)
			listed = P->note->raw[q].src == SRC_FM_PARTICIPANT ||
				 P->note->raw[q].src == SRC_ATTENDEE;
		if (!listed && (b == 0 || low.buf[b - 1] == '\n' || low.buf[b - 1] == '.' ||
				low.buf[b - 1] == ':')) {
			if (task < 0 && !heading)
				P->note->first_person = 1;
		} else {
			cue = -1;
		}
		break;
	}
	if (absent >= 0 && !strncmp(low.buf + absent, "dropped off", 11)) {
		/* "dropped off (just a bit) early": there, and left early */
		const char *e = strstr(low.buf + absent + 11, "early");
		if (e && e - (low.buf + absent) < 40) {
			if (joined < 0)
				joined = absent;
			absent = -1;
		}
	}

	/* the absent person is the name nearest before the absence cue, in the
	 * same sentence ("Zoë asked Lucía, who sent regrets": Lucía) */
	long absent_run = -1;
	int absent_me = 0;
	if (absent >= 0) {
		for (size_t k = 0; k < n && tk->v[k].s < absent; k++) {
			if (sentence_end(&tk->v[k]) && tk->v[k].cp != ':') {
				absent_run = -1;
				absent_me = 0;
			}
			for (size_t r = 0; r < nruns; r++)
				if (runs[r].a == k)
					absent_run = (long)r, absent_me = 0;
			if (tk->v[k].kind == T_WORD && tk->v[k].s + 1 == tk->v[k].e &&
			    text[tk->v[k].s] == 'I')
				absent_me = 1, absent_run = -1;
		}
	}
	/* runs come in text order: their lines are counted in one pass */
	int lineno = line0;
	const char *counted = text;
	for (size_t r = 0; r < nruns; r++) {
		run *R = &runs[r];
		const char *start = text + tk->v[R->a].s;
		if (start < counted) {
			lineno = line0;
			counted = text;
		}
		for (; counted < start; counted++)
			lineno += *counted == '\n';
		int src = heading ? SRC_HEADING : SRC_PROSE;
		long pos = tk->v[R->a].s;
		if (cue >= 0 && pos > cue && (R->ev & (EV_PLACE | EV_THE)) == 0) {
			/* the list after "On the call were", up to the sentence end */
			int in_sentence = 1;
			for (size_t k = 0; k < R->a; k++)
				if (tk->v[k].s > cue && punct_is(&tk->v[k], '.'))
					in_sentence = 0;
			/* "X and Y from Helix": the word before is "from" */
			int from = R->a > 0 && tk->v[R->a - 1].kind == T_WORD &&
				   word_fold_is(text, &tk->v[R->a - 1], "from");
			if (in_sentence && !from)
				src = SRC_ATTEND_PROSE;
		}
		if (absent >= 0 && pos < absent && (long)r == absent_run)
			src = SRC_ABSENT;
		if (absent >= 0 && absent_run >= 0 && (long)r != absent_run && R->group &&
		    R->group == runs[absent_run].group)
			src = SRC_ABSENT;
		if (joined >= 0 && pos < joined && src == SRC_PROSE) {
			int same = 1;
			for (size_t k = R->b; k < n && tk->v[k].s < joined; k++)
				if (sentence_end(&tk->v[k]))
					same = 0;
			if (same && (R->ev & (EV_THE | EV_PLACE)) == 0)
				src = SRC_JOINED;
		}
		if ((R->ev & (EV_THE | EV_PLACE | EV_NOUN | EV_ORGWORD | EV_ORGSUFFIX)) &&
		    !(R->ev & EV_INITIALS)) {
			/* (initials, "the QA team", veto nothing: they name no one
			 * but a known alias) */
			add_veto(P, R->text, (R->ev & (EV_ORGWORD | EV_ORGSUFFIX)) != 0);
			if (R->ev & EV_ORGSUFFIX) {
				/* "Sterling Hayes Robotics" also vetoes "Sterling Hayes" and
				 * "Sterling": the name of a company, not a person */
				char *sp = strrchr(R->text, ' ');
				if (sp) {
					char *pre = xstrndup(R->text, (size_t)(sp - R->text));
					add_veto(P, pre, 1);
					free(pre);
				}
			}
		}
		pg_note_add_raw(P->note, R->text, R->alias, src, R->ev, lineno, R->group, task);
		P->note->raw[P->note->nraw - 1].org = R->org;
		R->org = NULL;
	}
	/* first-person narration outside quotes: the owner took part */
	if (!heading && task < 0) {
		int quoted = 0, speaker = 0;
		for (size_t k = 0; k < n; k++) {
			const tok *t = &tk->v[k];
			if (k == 0 || t->nl_before) {
				/* "Ken Abara: I reviewed it": the first person is the speaker */
				size_t j = k;
				while (j < n && j < k + 4 && tk->v[j].kind == T_WORD &&
				       tk->v[j].cap)
					j++;
				speaker = j > k && j < n && punct_is(&tk->v[j], ':');
			}
			if (t->kind == T_PUNCT &&
			    (t->cp == '"' || t->cp == 0x201C || t->cp == 0x201D))
				quoted = !quoted;
			if (quoted || speaker || t->kind != T_WORD)
				continue;
			if (word_fold_is(text, t, "we") || word_fold_is(text, t, "us") ||
			    word_fold_is(text, t, "our") || word_fold_is(text, t, "me") ||
			    word_fold_is(text, t, "my") || (t->e - t->s == 1 && text[t->s] == 'I'))
				P->note->first_person = 1;
		}
	}
	/* "me" in an attendance sentence, or "I/me" before an absence cue */
	if (cue >= 0) {
		for (size_t k = 0; k < n; k++) {
			if (tk->v[k].s <= cue || tk->v[k].kind != T_WORD)
				continue;
			if (punct_is(&tk->v[k], '.'))
				break;
			if (word_fold_is(text, &tk->v[k], "me") ||
			    word_fold_is(text, &tk->v[k], "myself"))
				pg_note_add_raw(P->note, "me", NULL, SRC_ATTEND_PROSE, EV_ME, line0,
						0, task);
		}
	}
	if (absent_me)
		pg_note_add_raw(P->note, "me", NULL, SRC_ABSENT, EV_ME, line0, 0, task);
	sb_release(&low);
	for (size_t r = 0; r < nruns; r++) {
		free(runs[r].text);
		free(runs[r].alias);
		free(runs[r].org);
	}
	free(runs);
	free(text);
}

/* ---- body lines: labels such as "Attendees:" ------------------------------ */

/* If LINE is "Label: rest" with a known attendance label, returns the
 * label's kind (1 present, 2 absent, 3 date) and sets *REST. */
enum { LBL_NONE, LBL_PRESENT, LBL_ABSENT, LBL_DATE, LBL_WEAK, LBL_OTHER, LBL_PAST, LBL_FIELD };

/* Whether the label of LINE ("Host (last week): ...") says it is about
 * another meeting. */
static int about_another_meeting(const char *line)
{
	const char *colon = strchr(line, ':');
	size_t n = colon ? (size_t)(colon - line) : strlen(line);
	char *lab = xstrndup(line, n);
	int r = strcasestr(lab, "last") || strcasestr(lab, "previous") ||
		strcasestr(lab, "prior") || strcasestr(lab, "next");
	free(lab);
	return r;
}

/* Roles that say who ran or wrote the meeting, not always who attended. */
static int weak_label(const char *f)
{
	static const char *const w[] = {"chair",        "chairs",
					"co-chairs",    "cochairs",
					"scribe",       "scribes",
					"facilitator",  "facilitators",
					"host",         "hosts",
					"organizer",    "organiser",
					"organizers",   "note taker",
					"notetaker",    "note-taker",
					"note takers",  "moderator",
					"others",       "guests",
					"guest",        "minutes taken by",
					"minute taker", "minute-taker",
					"minutes by",   "optional attendees",
					"optional",     NULL};
	for (int i = 0; w[i]; i++)
		if (!strcmp(w[i], f))
			return 1;
	return 0;
}

/* Whether S holds "<name@host.tld>" or "name@host.tld". */
static int has_address(const char *s)
{
	for (const char *at = s; (at = strchr(at, '@')); at++) {
		if (at == s || !(isalnum((unsigned char)at[-1]) || at[-1] == '.' || at[-1] == '_'))
			continue;
		const char *e = at + 1;
		while (isalnum((unsigned char)*e) || *e == '-')
			e++;
		if (e > at + 1 && *e == '.' && isalpha((unsigned char)e[1]))
			return 1;
	}
	return 0;
}

/* Whether S reads as a sentence rather than a list of names: two plain
 * lowercase words in a row ("sent two finalists"; handles stand apart,
 * "nikomatsakis, pnkfelix", and a stray full stop may part names). */
static int sentence_like(const char *s)
{
	int prev = 0;
	for (const char *p = s; *p;) {
		while (*p == ' ')
			p++;
		size_t l = strcspn(p, " ");
		if (!l)
			break;
		int plain = 1;
		for (size_t i = 0; i < l && plain; i++)
			plain = islower((unsigned char)p[i]) != 0;
		if (plain && l < 16) {
			char w[16];
			memcpy(w, p, l);
			w[l] = '\0';
			plain = strcmp(w, "and") && strcmp(w, "or") && !lex_particle(w);
		}
		if (plain && prev)
			return 1;
		prev = plain;
		p += l;
	}
	return 0;
}

/* A transcript's line "[00:12:31] Priya Raman: ..." or "00:12 Priya:":
 * whoever speaks took part. */
static void timestamp_speaker(pstate *P, const char *line, int ln)
{
	const char *p = line;
	while (*p == ' ' || *p == '-' || *p == '*')
		p++;
	int br = *p == '[' || *p == '(';
	p += br;
	int digits = 0, colons = 0;
	while (isdigit((unsigned char)*p) || (*p == ':' && digits)) {
		colons += *p == ':';
		digits += isdigit((unsigned char)*p) != 0;
		p++;
	}
	if (!colons || digits < 3 || (br && *p != ']' && *p != ')'))
		return;
	p += br;
	while (*p == ' ' || *p == '*' || *p == '-')
		p++;
	const char *colon = strchr(p, ':');
	if (!colon || colon == p || colon - p > 60)
		return;
	char *who = xstrndup(p, (size_t)(colon - p));
	/* a name, not "Action items" or a sentence */
	/* each word a capitalised one ("Annelies van der Berg"), or a
	 * particle: not "UTC", "RBF naming" */
	int ok = nspaces(who) <= 4 && !strpbrk(who, "0123456789");
	for (const char *w = who; ok && *w;) {
		size_t l = strcspn(w, " ");
		char part[16];
		int lower = 0;
		for (size_t i = 1; i < l; i++)
			lower |= islower((unsigned char)w[i]) != 0;
		if (l < sizeof part)
			memcpy(part, w, l), part[l] = '\0';
		ok = l && ((isupper((unsigned char)w[0]) && lower) ||
			   (w != who && l < sizeof part && lex_particle(part)));
		w += l;
		while (*w == ' ')
			w++;
	}
	if (ok)
		add_list_line(P, who, SRC_ATTENDEE, ln);
	free(who);
}

/* Classifies a "Label: rest" line.  Qualifiers in parentheses are dropped
 * ("Scribe(s):", "Attendees (Mon):").  LBL_OTHER is any short label;
 * LBL_PAST a label about another meeting ("From last week:"); LBL_FIELD a
 * key-value field ("Talks Submitted: 40"). */
static int label_line(const char *line, const char **rest)
{
	const char *colon = strchr(line, ':');
	if (!colon || colon - line > 40)
		return LBL_NONE;
	/* "https://..." and "10:30" are not labels */
	if (colon[1] == '/' || (colon > line && isdigit((unsigned char)colon[-1])))
		return LBL_NONE;
	strbuf lab = STRBUF_INIT;
	int depth = 0;
	for (const char *p = line; p < colon; p++) {
		if (*p == '(')
			depth++;
		else if (*p == ')' && depth)
			depth--;
		else if (!depth && *p != '*' && *p != '_')
			sb_addc(&lab, *p);
	}
	const char *l = sb_str(&lab);
	while (*l == '-' || *l == ' ' || *l == '+')
		l++;
	char *f = text_fold(l);
	sb_release(&lab);
	const char *r = colon + 1;
	if (*r == ':')
		r++; /* Logseq's and Dataview's "attendees:: [[A]], [[B]]" */
	while (*r == '*' || *r == '_' || *r == ' ')
		r++;
	*rest = r;
	int words = *f ? 1 : 0;
	for (const char *p = f; *p; p++)
		words += *p == ' ';
	int kind = LBL_NONE;
	if (weak_label(f))
		kind = LBL_WEAK;
	else if ((kind = lex_attendee_label(f)) != 0)
		kind = kind == 1 ? LBL_PRESENT : LBL_ABSENT;
	else if (!strcmp(f, "date") || !strcmp(f, "when") || !strcmp(f, "meeting date"))
		kind = LBL_DATE;
	else if ((!strcmp(f, "from") || !strcmp(f, "to") || !strcmp(f, "cc") ||
		  !strcmp(f, "bcc")) &&
		 has_address(r))
		kind = LBL_PRESENT; /* the header of a mail kept as a note */
	else if (words >= 1 && words <= 4 && *f) {
		int digits = 0, letters = 0;
		for (const char *p = r; *p; p++) {
			digits += isdigit((unsigned char)*p) != 0;
			letters += isalpha((unsigned char)*p) != 0;
		}
		if (!letters)
			kind = LBL_FIELD;
		else if (strstr(f, "last") || strstr(f, "previous") || strstr(f, "prior") ||
			 strstr(f, "next"))
			kind = LBL_PAST;
		else
			kind = LBL_OTHER;
	}
	free(f);
	return kind;
}

static int heading_attendance(const char *h)
{
	char *f = text_fold(h);
	int k = lex_attendee_label(f);
	free(f);
	return k;
}

/* The kind of attendance label (1 present, 2 absent) that stands alone
 * as the last line of TEXT: "Attendees:", "**Attendees**", "[!note]
 * Attendees"; 0 otherwise. */
static int lone_attendance_label(const char *text)
{
	if (!text)
		return 0;
	const char *last = strrchr(text, '\n');
	last = last ? last + 1 : text;
	if (!strncmp(last, "[!", 2)) {
		const char *e = strchr(last, ']');
		if (e)
			last = e + 1;
	}
	const char *f = last;
	while (*f == ' ' || *f == '*' || *f == '_')
		f++;
	if (!*f || !strchr("aApPiIrR", *f))
		return 0; /* Attendees, Participants, In attendance, Regrets */
	/* the words without emphasis or colon, in a small buffer: every
	 * paragraph and item of the vault comes here, so no allocation */
	char buf[40];
	size_t n = 0;
	for (const char *q = last; *q; q++) {
		if (*q == '*' || *q == '_' || *q == ':' || (*q == ' ' && (!n || q[1] == '\0')))
			continue;
		if (n + 1 >= sizeof buf)
			return 0;
		buf[n++] = (char)tolower((unsigned char)*q);
	}
	while (n && buf[n - 1] == ' ')
		n--;
	buf[n] = '\0';
	/* only the words that can only mean attendance: not "Staff",
	 * "Members" or "People", which head lists of other things */
	static const char *const lone[] = {
		"attendees", "attendee", "participants", "present", "attendance", "in attendance",
		"attending", "regrets",  "apologies",    "absent",  NULL};
	for (int i = 0; lone[i]; i++)
		if (!strcmp(buf, lone[i]))
			return lex_attendee_label(buf);
	return 0;
}

/* A row "Attendees<TAB>A, B" or "Date<TAB>2025-10-01" of a table of
 * properties: read as the label line "Attendees: A, B" it stands for.
 * Returns 1 if it was. */
static int property_row(pstate *P, const char *row, int line)
{
	const char *tab = strchr(row, '\t');
	if (!tab || tab - row > 40)
		return 0;
	char *as_line = xasprintf("%.*s: %s", (int)(tab - row), row, tab + 1);
	const char *rest = "";
	int kind = label_line(as_line, &rest), done = 0;
	if ((kind == LBL_PRESENT || kind == LBL_ABSENT) && *rest) {
		add_list_line(P, rest, kind == LBL_PRESENT ? SRC_ATTENDEE : SRC_ABSENT, line);
		done = 1;
	} else if (kind == LBL_DATE && !P->note->date) {
		P->note->date = date_in(rest);
		done = P->note->date != NULL;
	}
	free(as_line);
	return done;
}

/* A markdown table: a header cell naming people marks the name column; a
 * nick/handle column beside it becomes an alias. */
static void scan_table(pstate *P, md_doc *doc, size_t first, size_t last, int line_off,
		       int section_kind)
{
	int name_col = -1, nick_col = -1, org_col = -1;
	strlist hdr = {0};
	md_block *h = &doc->v[first];
	if (h->kind == MD_ROW && h->level) {
		const char *s = h->text;
		for (;;) {
			const char *tab = strchr(s, '\t');
			char *cell = trim_dup(s, tab ? (size_t)(tab - s) : strlen(s));
			sl_push_owned(&hdr, cell);
			if (!tab)
				break;
			s = tab + 1;
		}
	}
	for (size_t c = 0; c < hdr.n; c++) {
		char *f = text_fold(hdr.v[c]);
		/* "IRC nick", "GitHub handle", "Name/Nym", "Full name" */
		int nick = strstr(f, "nick") || strstr(f, "handle") || strstr(f, "irc") ||
			   strstr(f, "github") || strstr(f, "user") || strstr(f, "alias") ||
			   strstr(f, "login");
		int name = strstr(f, "name") || strstr(f, "attendee") || strstr(f, "participant") ||
			   !strcmp(f, "person") || !strcmp(f, "who") || !strcmp(f, "people") ||
			   !strcmp(f, "member") || !strcmp(f, "members");
		if (name_col < 0 && name && (!nick || strstr(f, "name")) &&
		    !(nick && !strstr(f, "/") && strstr(f, "nick")))
			name_col = (int)c;
		else if (nick_col < 0 && nick)
			nick_col = (int)c;
		else if (org_col < 0 && (!strcmp(f, "org") || !strcmp(f, "organization") ||
					 !strcmp(f, "organisation") || !strcmp(f, "company") ||
					 !strcmp(f, "affiliation") || !strcmp(f, "team")))
			org_col = (int)c;
		free(f);
	}
	sl_release(&hdr);
	if (name_col < 0 && nick_col >= 0)
		name_col = nick_col, nick_col = -1;
	int src = section_kind == 2 ? SRC_ABSENT : SRC_ATTENDEE;
	int g = ++P->group;
	for (size_t i = first; i <= last; i++) {
		md_block *b = &doc->v[i];
		if (b->kind != MD_ROW || (b->level && (name_col >= 0 || i != first)))
			continue;
		if (name_col < 0) {
			/* a property table (Notion, Confluence): "| Attendees | A, B |" */
			if (!property_row(P, b->text, b->line + line_off) && !b->level)
				scan_prose(P, b->text, b->line + line_off, -1, 0);
			continue;
		}
		strlist cells = {0};
		const char *s = b->text;
		for (;;) {
			const char *tab = strchr(s, '\t');
			sl_push_owned(&cells, trim_dup(s, tab ? (size_t)(tab - s) : strlen(s)));
			if (!tab)
				break;
			s = tab + 1;
		}
		if ((size_t)name_col < cells.n) {
			char *alias, *org;
			int ev;
			char *name = clean_entry(cells.v[name_col], &alias, &org, &ev);
			if (name) {
				const char *nick = nick_col >= 0 && (size_t)nick_col < cells.n
							   ? cells.v[nick_col]
							   : alias;
				pg_note_add_raw(P->note, name, nick, src, ev | EV_LIST,
						b->line + line_off, g, -1);
				if (org_col >= 0 && (size_t)org_col < cells.n &&
				    *cells.v[org_col]) {
					free(org);
					org = xstrdup(cells.v[org_col]);
				}
				P->note->raw[P->note->nraw - 1].org = org;
				org = NULL;
				free(name);
			}
			free(alias);
			free(org);
		}
		sl_release(&cells);
	}
}

/* ---- the whole note --------------------------------------------------------- */

static void title_terms(pg_note *N)
{
	if (!N->title)
		return;
	const char *s = N->title;
	const char *colon = strstr(s, ": ");
	if (colon) {
		s = colon + 2;
	} else {
		/* a title without a "Subject: points" shape is a name, not topics */
		int words = 1;
		for (const char *q = s; *q; q++)
			words += *q == ' ';
		if (words > 4)
			return;
	}
	strlist parts = {0};
	split_list(s, &parts);
	for (size_t i = 0; i < parts.n && N->terms.n < 8; i++) {
		char *p = parts.v[i];
		size_t l = strlen(p);
		if (l < 3 || l > 60)
			continue;
		if (!sl_has(&N->terms, p))
			sl_push(&N->terms, p);
	}
	sl_release(&parts);
}

/* "1:1", "1-1", "1on1" standing alone: not the "11:15" of a time or the
 * "2025-11-15" of a date */
static int says_one_on_one(const char *t)
{
	static const char *const forms[] = {"1:1", "1-1", "1on1", "1x1", NULL};
	for (int i = 0; forms[i] && strchr(t, '1'); i++) {
		size_t fl = strlen(forms[i]);
		for (const char *p = t; (p = strcasestr(p, forms[i])); p++)
			if ((p == t || !isalnum((unsigned char)p[-1])) &&
			    !isalnum((unsigned char)p[fl]))
				return 1;
	}
	return strcasestr(t, "one-on-one") || strcasestr(t, "one on one");
}

static int is_one_on_one(const pg_note *N, const char *stem)
{
	if (says_one_on_one(N->title ? N->title : "") || says_one_on_one(stem))
		return 1;
	if (N->type && (!strcasecmp(N->type, "1:1") || !strcasecmp(N->type, "1-1") ||
			!strcasecmp(N->type, "one-on-one")))
		return 1;
	return 0;
}

static char *stem_of(const char *path)
{
	const char *b = strrchr(path, '/');
	b = b ? b + 1 : path;
	size_t n = strlen(b);
	if (n > 3 && !strcasecmp(b + n - 3, ".md"))
		n -= 3;
	return xstrndup(b, n);
}

void pg_note_parse(pg_note *N, const char *path, const char *buf, size_t len, pg_diags *diags)
{
	pstate P;
	memset(&P, 0, sizeof(P));
	P.note = N;
	P.path = path;
	P.diags = diags;
	int errors_before = (int)diags->n;
	char *own = NULL;

	if (len > PG_MAX_NOTE_BYTES) {
		diags_add(diags, PG_ERROR, path, 1,
			  "file is %zu MB, over the 8 MB limit for a note; skipped", len >> 20);
		goto cleanup;
	}
	const char *nul = memchr(buf, '\0', len);
	if (nul) {
		int line = 1;
		for (const char *q = buf; q < nul; q++)
			line += *q == '\n';
		diags_add(diags, PG_ERROR, path, line, "binary file (NUL byte); skipped");
		goto cleanup;
	}
	/* normalise: BOM, CRLF, invalid UTF-8, mojibake */
	strbuf sb = STRBUF_INIT;
	size_t i = 0;
	if (len >= 3 && !memcmp(buf, "\xef\xbb\xbf", 3))
		i = 3;
	long bad = u8_invalid_at(buf + i, len - i);
	if (bad >= 0) {
		int line = 1;
		for (const char *q = buf; q < buf + i + bad; q++)
			line += *q == '\n';
		diags_add(diags, PG_ERROR, path, line,
			  "invalid UTF-8; bad bytes replaced with U+FFFD");
	}
	/* valid UTF-8 (nearly every note): the spans between CRs are copied
	 * whole */
	while (bad < 0 && i < len) {
		const char *cr = memchr(buf + i, '\r', len - i);
		size_t end = cr ? (size_t)(cr - buf) : len;
		sb_add(&sb, buf + i, end - i);
		i = end + 1;
		if (cr && !(i < len && buf[i] == '\n'))
			sb_addc(&sb, '\n'); /* a CR alone ends a line; CRLF keeps its LF */
	}
	for (; i < len; i++) {
		unsigned char c = (unsigned char)buf[i];
		if (c == '\r') {
			if (i + 1 < len && buf[i + 1] == '\n')
				continue;
			sb_addc(&sb, '\n');
			continue;
		}
		if (c >= 0x80 && bad >= 0) {
			int32_t cp;
			size_t rem = len - i;
			int k = u8_next(buf + i, rem, &cp);
			if (cp == 0xFFFD && !(rem >= 3 && !memcmp(buf + i, "\xef\xbf\xbd", 3))) {
				sb_adds(&sb, "\xef\xbf\xbd");
				continue;
			}
			sb_add(&sb, buf + i, (size_t)k);
			i += (size_t)k - 1;
			continue;
		}
		sb_addc(&sb, (char)c);
	}
	size_t tl = sb.len;
	own = sb_detach(&sb);
	size_t fixed_len;
	char *fixed = text_repair_mojibake(own, tl, &fixed_len);
	if (fixed) {
		free(own);
		own = fixed;
		tl = fixed_len;
	}

	/* front matter */
	const char *body = own;
	int body_line = 1;
	if (!strncmp(own, "---\n", 4) || !strcmp(own, "---")) {
		const char *p = own + (own[3] ? 4 : 3);
		const char *end = NULL;
		int line = 2;
		while (p && *p) {
			if (!strncmp(p, "---", 3) && (p[3] == '\n' || !p[3] || p[3] == ' ')) {
				end = p;
				break;
			}
			if (!strncmp(p, "...", 3) && (p[3] == '\n' || !p[3])) {
				end = p;
				break;
			}
			p = strchr(p, '\n');
			if (p)
				p++, line++;
		}
		if (!end) {
			diags_add(diags, PG_ERROR, path, 1,
				  "front matter is not closed by a '---' line; read as body");
		} else {
			ynode *fm = NULL;
			char *err;
			int eline;
			if (yaml_load(own + 4, (size_t)(end - own - 4), &fm, &err, &eline) < 0) {
				diags_add(diags, PG_ERROR, path, eline + 1, "front matter: %s",
					  err);
				free(err);
			} else {
				read_front_matter(&P, fm, 1);
				ynode_free(fm);
			}
			body = strchr(end, '\n');
			body = body ? body + 1 : end + strlen(end);
			body_line = line + 1;
		}
	}
	if (N->type && !strcasecmp(N->type, "person"))
		N->person_note = 1;
	for (size_t k = 0; k < N->tags.n; k++)
		if (!strcasecmp(N->tags.v[k], "type/person"))
			N->person_note = 1;

	/* body */
	md_doc doc;
	memset(&doc, 0, sizeof(doc));
	md_parse(body, tl - (size_t)(body - own), &doc);
	int off = body_line - 1;
	strbuf plain = STRBUF_INIT;
	int section_kind = 0;
	/* the last line of a run of label lines that began with an
	 * attendance line ("Attendees:", "Apologies:"); any other line or a
	 * heading ends the run */
	int attend_ln = -100;
	/* "Attendees:" (or "- Attendees", "> [!note] Attendees") alone on its
	 * line: the list items that follow are the attendees, up to the next
	 * block that is not an item */
	int list_kind = 0, list_level = -1, opener = 0, list_end = -100;
	for (size_t b = 0; b < doc.n; b++) {
		md_block *B = &doc.v[b];
		opener = 0;
		/* a blank line ends the list: the next one is another list */
		if (B->kind == MD_ITEM && list_kind && list_level >= 0 && B->line > list_end + 1)
			list_kind = 0;
		if (B->kind == MD_ITEM && !list_kind && B->text &&
		    (list_kind = lone_attendance_label(B->text)) != 0) {
			/* the item "- Attendees" itself opens the list of its
			 * sub-items */
			list_level = B->level + 1;
			opener = 1;
		} else if (B->kind != MD_ITEM) {
			list_kind = B->kind == MD_PARA ? lone_attendance_label(B->text) : 0;
			list_level = -1;
		} else if (list_kind && list_level < 0) {
			list_level = B->level; /* the list's first item sets its depth */
		} else if (list_kind && B->level < list_level) {
			list_kind = 0; /* back out of the opener's sub-list */
		}
		if (B->kind == MD_ITEM && list_kind) {
			list_end = B->line;
			for (const char *q = B->text; q && (q = strchr(q, '\n')); q++)
				list_end++;
		}
		int outer_section = section_kind;
		/* an entry, not "Total number of attendees: 40" */
		if (B->kind == MD_ITEM && list_kind && !opener && B->level == list_level &&
		    !section_kind && B->text && !strchr(B->text, ':') && !strchr(B->text, '\n') &&
		    nspaces(B->text) <= 4 && !sentence_like(B->text))
			section_kind = list_kind;
		if (B->text && *B->text) {
			sb_adds(&plain, B->text);
			sb_addc(&plain, '\n');
		}
		int line = B->line + off;
		switch (B->kind) {
		case MD_HEADING:
			section_kind = heading_attendance(B->text);
			attend_ln = -100;
			if (B->level == 1 && !N->title)
				N->title = xstrdup(B->text);
			scan_prose(&P, B->text, line, -1, 1);
			break;
		case MD_ROW: {
			size_t e = b;
			while (e + 1 < doc.n && doc.v[e + 1].kind == MD_ROW &&
			       doc.v[e + 1].table == B->table)
				e++;
			scan_table(&P, &doc, b, e, off, section_kind);
			for (size_t k = b + 1; k <= e; k++) {
				sb_adds(&plain, doc.v[k].text);
				sb_addc(&plain, '\n');
			}
			b = e;
			break;
		}
		case MD_ITEM:
		case MD_PARA: {
			int task = -1;
			if (B->kind == MD_ITEM)
				task = parse_task(&P, B->text, line);
			/* line by line for labels; the rest is prose */
			const char *s = B->text;
			int ln = line;
			strbuf prose = STRBUF_INIT;
			int prose_line = -1;
			while (*s) {
				const char *nl = strchr(s, '\n');
				size_t L = nl ? (size_t)(nl - s) : strlen(s);
				char *one = xstrndup(s, L);
				const char *rest = "";
				int kind = task < 0 ? label_line(one, &rest) : LBL_NONE;
				if (task < 0 && kind == LBL_NONE)
					timestamp_speaker(&P, one, ln);
				/* chairs and scribes attend when they stand with the
				 * attendance (the note's opening lines or its section);
				 * elsewhere they are mentioned */
				int in_header = B->section < 0 || doc.v[B->section].level == 1;
				int weak_elsewhere = 0;
				if (kind == LBL_WEAK) {
					/* ... or in the run of label lines right after an
					 * attendance line: "Attendees: ...", "Apologies:
					 * ...", "Facilitator: Salt"; not "Host (last
					 * week): ..." */
					int chained =
						ln - attend_ln <= 2 && !about_another_meeting(one);
					weak_elsewhere =
						!(section_kind == 1 || in_header || chained);
					kind = weak_elsewhere ? LBL_PAST : LBL_PRESENT;
					attend_ln = chained ? ln : -100;
				} else if (kind == LBL_PRESENT || kind == LBL_ABSENT) {
					attend_ln = ln;
				} else {
					attend_ln = -100;
				}
				/* "CRO: Ana Lopes" under "## People"; not "CRO: Ngaio
				 * sent two finalists. Doug wants ..." */
				if (section_kind == 1 && kind == LBL_OTHER && !sentence_like(rest))
					kind = LBL_PRESENT;
				if (kind == LBL_PRESENT || kind == LBL_ABSENT) {
					add_list_line(&P, rest,
						      kind == LBL_PRESENT ? SRC_ATTENDEE
									  : SRC_ABSENT,
						      ln);
				} else if (kind == LBL_PAST &&
					   (section_kind || in_header || weak_elsewhere)) {
					add_list_line(&P, rest, SRC_MENTIONED_LIST, ln);
				} else if (kind == LBL_FIELD) {
					/* "Talks Submitted: 40": a field, not prose */
				} else if (kind == LBL_DATE) {
					if (!N->date)
						N->date = date_in(rest);
				} else if (section_kind && task < 0 && L < 200 &&
					   !strchr(one, '.') && kind == LBL_NONE) {
					/* a bare line under "## Attendees" */
					add_list_line(&P, one,
						      section_kind == 2 ? SRC_ABSENT : SRC_ATTENDEE,
						      ln);
				} else {
					if (prose_line < 0)
						prose_line = ln;
					if (prose.len)
						sb_addc(&prose, '\n');
					sb_adds(&prose, one);
				}
				free(one);
				ln++;
				s += L;
				if (*s == '\n')
					s++;
			}
			if (prose.len) {
				const char *ptext = sb_str(&prose);
				if (task >= 0) {
					/* skip the checkbox; the owner was read by parse_task */
					const char *q = ptext;
					while (*q == ' ')
						q++;
					if (*q == '[')
						q += 3;
					char *tmp = xstrdup(q);
					char *at = NULL;
					for (char *z = tmp; (z = strchr(z, '@')); z++)
						if (z == tmp || !isalnum((unsigned char)z[-1]))
							at = z;
					if (at)
						*at = '\0';
					scan_prose(&P, tmp, prose_line, task, 0);
					free(tmp);
				} else {
					scan_prose(&P, ptext, prose_line, -1, 0);
				}
			}
			sb_release(&prose);
			break;
		}
		case MD_CODE:
			/* "    lpark    Lena Park" lines under "## Participants" */
			if (section_kind && B->text) {
				int ln = line + 1;
				int g = ++P.group;
				for (const char *q = B->text; *q; ln++) {
					const char *nl = strchr(q, '\n');
					size_t L = nl ? (size_t)(nl - q) : strlen(q);
					char *one = xstrndup(q, L);
					char *gap = strstr(one, "  ");
					if (gap) {
						*gap = '\0';
						char *name = gap + 2;
						while (*name == ' ' || *name == '\t')
							name++;
						char *nick = trim_dup(one, strlen(one));
						char *al, *og;
						int ev;
						char *nm = clean_entry(name, &al, &og, &ev);
						if (nm && *nick && !strchr(nick, ' ')) {
							pg_note_add_raw(N, nm, nick,
									section_kind == 2
										? SRC_ABSENT
										: SRC_ATTENDEE,
									ev | EV_LIST, ln, g, -1);
						}
						free(nm);
						free(al);
						free(og);
						free(nick);
					}
					free(one);
					q += L;
					if (*q == '\n')
						q++;
				}
			}
			break;
		default: break;
		}
		if (B->kind == MD_ITEM)
			section_kind = outer_section;
	}
	md_release(&doc);
	N->text = sb_detach(&plain);

	/* body tags (#tag) */
	for (const char *q = N->text; (q = strchr(q, '#'));) {
		if (q > N->text && !isspace((unsigned char)q[-1])) {
			q++;
			continue;
		}
		const char *e = q + 1;
		while (*e && (isalnum((unsigned char)*e) || *e == '/' || *e == '-' || *e == '_' ||
			      (unsigned char)*e >= 0x80))
			e++;
		if (e - q > 1 && !isdigit((unsigned char)q[1])) {
			char *tag = xstrndup(q + 1, (size_t)(e - q - 1));
			if (!sl_has(&N->tags, tag))
				sl_push_owned(&N->tags, tag);
			else
				free(tag);
		}
		q = e;
	}
	/* person/first-last tags */
	for (size_t k = 0; k < N->tags.n; k++) {
		const char *t = N->tags.v[k];
		if (strncasecmp(t, "person/", 7) || !t[7])
			continue;
		pg_note_add_raw(N, t + 7, NULL, SRC_TAG, 0, 0, 0, -1);
	}

	/* fallbacks */
	char *stem = stem_of(path);
	if (!N->title)
		N->title = xstrdup(stem);
	if (!N->date && !N->person_note && N->title) {
		/* "# Fjord kickoff — 2025-06-11" */
		N->date = date_in(N->title);
	}
	if (!N->date && !N->person_note) {
		char *d = find_date(stem, 1);
		if (valid_date(d))
			N->date = d;
		else
			free(d);
	}
	if (N->person_note) {
		/* the subject: title, or the file name */
		const char *subj = N->title ? N->title : stem;
		pg_note_add_raw(N, subj, NULL, SRC_SUBJECT, 0, 1, 0, -1);
		for (size_t k = 0; k < N->aliases.n; k++)
			pg_note_add_raw(N, subj, N->aliases.v[k], SRC_SUBJECT, 0, 1, 0, -1);
	}
	/* after the fallbacks: a 1:1 is often told only by its H1 or file name */
	N->one_on_one = is_one_on_one(N, stem);
	free(stem);
	title_terms(N);

cleanup:
	free(own);
	free(P.tk.v);
	sb_release(&P.scratch);
	for (size_t k = (size_t)errors_before; k < diags->n; k++)
		if (diags->v[k].severity == PG_ERROR)
			N->errors++;
	if (!N->title) {
		char *s = stem_of(path);
		N->title = s;
	}
}
