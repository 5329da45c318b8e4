/* doctor.c — peoplegraph doctor: what the user may want to fix — names
 * left ambiguous, single names seen once, one person under two spellings,
 * notes with errors, and the owner when none is configured. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "lexicon.h"
#include "out.h"
#include "text.h"

/* Levenshtein distance of A and B, or 3 when it is more than 2: enough to
 * spot "Jon"/"John".  Only the band |i - j| <= 2 can stay under 3, so each
 * row costs five cells and a pair of names stops at the first row over. */
static int distance(const char *a, const char *b)
{
	enum { MAXD = 2, BIG = MAXD + 1 };
	size_t la = strlen(a), lb = strlen(b);
	if (la > 40 || lb > 40 || (la > lb ? la - lb : lb - la) > MAXD)
		return BIG;
	int prev[42], cur[42];
	for (size_t j = 0; j <= lb; j++)
		prev[j] = j <= MAXD ? (int)j : BIG;
	for (size_t i = 1; i <= la; i++) {
		size_t lo = i > MAXD ? i - MAXD : 1, hi = i + MAXD < lb ? i + MAXD : lb;
		for (size_t j = 0; j <= lb; j++)
			cur[j] = BIG;
		if (i <= MAXD)
			cur[0] = (int)i;
		int best = cur[0];
		for (size_t j = lo; j <= hi; j++) {
			int c = prev[j - 1] + (a[i - 1] != b[j - 1]);
			if (prev[j] + 1 < c)
				c = prev[j] + 1;
			if (cur[j - 1] + 1 < c)
				c = cur[j - 1] + 1;
			cur[j] = c < BIG ? c : BIG;
			if (cur[j] < best)
				best = cur[j];
		}
		if (best >= BIG)
			return BIG;
		memcpy(prev, cur, (lb + 1) * sizeof(int));
	}
	return prev[lb];
}

/* A list of places separated by \x1f (a path may hold "; ") as a reader
 * sees it: "a.md:3; b.md:9".  In a table or markdown, the first three and
 * how many more (a first name used across a vault is hundreds of places);
 * JSON and CSV list them all. */
static char *short_where(const char *list, int fmt)
{
	strbuf sb = STRBUF_INIT;
	int shown = 0, more = 0;
	int all = fmt == OUT_JSON || fmt == OUT_CSV;
	for (const char *p = list; p && *p;) {
		const char *e = strchr(p, '\x1f');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		if (all || shown < 3) {
			if (shown++)
				sb_adds(&sb, "; ");
			sb_add(&sb, p, len);
		} else {
			more++;
		}
		p = e ? e + 1 : p + len;
	}
	if (more)
		sb_addf(&sb, "; ... and %d more (--format json lists all)", more);
	return sb_detach(&sb);
}

/* Whether KEY (folded) is three or more words, each a given name. */
static int run_on_names(const char *key)
{
	int words = 0, given = 1;
	char *k = xstrdup(key), *save = NULL;
	for (char *w = strtok_r(k, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
		words++;
		given = given && lex_firstname(w);
	}
	free(k);
	return words >= 3 && given;
}

int cmd_doctor(pg_cli *cli, int argc, char **argv)
{
	int fmt = OUT_TABLE;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--format") && i + 1 < argc) {
			if ((fmt = out_format(argv[++i])) < 0)
				return usage_error("doctor",
						   "--format takes table, json, csv or md");
		} else {
			return usage_error("doctor", "unknown option '%s'", argv[i]);
		}
	}
	pg_vault *v;
	int rc = cli_open(cli, &v);
	if (rc == PG_EXIT_OPEN)
		return rc;
	pg_table t;
	static const char *const head[] = {"kind", "what", "where", NULL};
	table_init(&t, head, 0);
	const char *pf = store_private_filter(v);
	strbuf q = STRBUF_INIT;

	/* notes with errors */
	sqlite3_stmt *s = store_prepare(
		v, "SELECT path, line, message FROM diag WHERE severity >= 2 ORDER BY path, line");
	while (s && sqlite3_step(s) == SQLITE_ROW) {
		char *where =
			xasprintf("%s:%d", sqlite3_column_text(s, 0), sqlite3_column_int(s, 1));
		const char *row[] = {"error", (const char *)sqlite3_column_text(s, 2), where};
		table_add(&t, row);
		free(where);
	}
	sqlite3_finalize(s);
	/* ambiguous or unknown names */
	sb_addf(&q,
		"SELECT u.surface, u.reason, group_concat(n.path || ':' || u.line, char(31))"
		" FROM unresolved u JOIN note n ON n.id = u.note WHERE %s"
		" GROUP BY u.surface, u.reason ORDER BY u.reason, u.surface",
		pf);
	s = store_prepare(v, sb_str(&q));
	while (s && sqlite3_step(s) == SQLITE_ROW) {
		char *what =
			xasprintf("'%s': %s", sqlite3_column_text(s, 0), sqlite3_column_text(s, 1));
		const char *kind = strstr((const char *)sqlite3_column_text(s, 1), "ambiguous")
					   ? "ambiguous"
					   : "unknown";
		char *where = short_where(cli_col(s, 2), fmt);
		const char *row[] = {kind, what, where};
		table_add(&t, row);
		free(where);
		free(what);
	}
	sqlite3_finalize(s);
	/* single names seen in one note only */
	sb_reset(&q);
	sb_addf(&q,
		"SELECT p.name, (SELECT group_concat(n.path, '; ') FROM mention m"
		"  JOIN note n ON n.id = m.note WHERE m.person = p.id AND %s)"
		" FROM person p JOIN person_stat s ON s.person = p.id AND s.scope = %d"
		" WHERE instr(p.name, ' ') = 0 AND s.mentions = 1 ORDER BY p.name",
		pf, store_scope(v));
	s = store_prepare(v, sb_str(&q));
	while (s && sqlite3_step(s) == SQLITE_ROW) {
		char *what = xasprintf(
			"'%s' is known by one name and appears once; add a full name or not_people",
			sqlite3_column_text(s, 0));
		const char *row[] = {"single-name", what, (const char *)sqlite3_column_text(s, 1)};
		table_add(&t, row);
		free(what);
	}
	sqlite3_finalize(s);
	/* one person, two spellings: same surname, first names one or two edits apart,
	 * or a first name that only differs by the last name's spelling */
	s = store_prepare(v, "SELECT id, name, key FROM person ORDER BY id");
	size_t n = 0, cap = 0;
	char **keys = NULL, **names = NULL;
	while (s && sqlite3_step(s) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			keys = xrealloc(keys, cap * sizeof(char *));
			names = xrealloc(names, cap * sizeof(char *));
		}
		names[n] = xstrdup((const char *)sqlite3_column_text(s, 1));
		keys[n++] = xstrdup((const char *)sqlite3_column_text(s, 2));
	}
	sqlite3_finalize(s);
	/* Each edit changes at most two counts of a histogram of the bytes:
	 * keys whose histograms differ by more than 2 * 2 are not compared
	 * (most pairs, of a thousand people). */
	unsigned char(*hist)[32] = xcalloc(n ? n : 1, sizeof(*hist));
	for (size_t i = 0; i < n; i++)
		for (const unsigned char *c = (const unsigned char *)keys[i]; *c; c++)
			if (hist[i][*c & 31] < 255)
				hist[i][*c & 31]++;
	for (size_t i = 0; i < n && n < 5000; i++)
		for (size_t j = i + 1; j < n; j++) {
			if (!strchr(keys[i], ' ') || !strchr(keys[j], ' '))
				continue;
			int l1 = 0;
			for (int b = 0; b < 32; b++)
				l1 += abs(hist[i][b] - hist[j][b]);
			if (l1 > 4)
				continue;
			int d = distance(keys[i], keys[j]);
			if (d > 2 || d == 0)
				continue;
			char *what = xasprintf(
				"'%s' and '%s' may be one person; add an alias in a person note or the config",
				names[i], names[j]);
			const char *row[] = {"duplicate?", what, ""};
			table_add(&t, row);
			free(what);
		}
	/* "Andrew Jeff Nathan": three or more given names and nothing else are
	 * likely several people listed without commas.  The notes that write
	 * the whole name are found through the full-text index (its words,
	 * then the name in the stored text). */
	sb_reset(&q);
	sb_addf(&q,
		"SELECT n.path, f.body FROM fts f JOIN note n ON n.id = f.rowid"
		" WHERE fts MATCH ?1 AND %s ORDER BY n.path",
		pf);
	sqlite3_stmt *where = store_prepare(v, sb_str(&q));
	for (size_t i = 0; i < n && where; i++) {
		if (!run_on_names(keys[i]))
			continue;
		strbuf match = STRBUF_INIT, places = STRBUF_INIT;
		char *k = xstrdup(keys[i]), *save = NULL;
		for (char *w = strtok_r(k, " ", &save); w; w = strtok_r(NULL, " ", &save))
			sb_addf(&match, "%s\"%s\"", match.len ? " " : "", w);
		free(k);
		sqlite3_reset(where);
		sqlite3_bind_text(where, 1, sb_str(&match), -1, SQLITE_STATIC);
		while (sqlite3_step(where) == SQLITE_ROW) {
			const char *body = cli_col(where, 1);
			if (!body || !strcasestr(body, names[i]))
				continue;
			if (places.len)
				sb_addc(&places, '\x1f');
			sb_adds(&places, cli_col(where, 0));
		}
		if (places.len) {
			char *what = xasprintf("'%s' is only given names: several people listed "
					       "without commas? Fix the list, or add the name to "
					       "not_people",
					       names[i]);
			char *shown = short_where(sb_str(&places), fmt);
			const char *row[] = {"run-on?", what, shown};
			table_add(&t, row);
			free(what);
			free(shown);
		}
		sb_release(&match);
		sb_release(&places);
	}
	sqlite3_finalize(where);
	for (size_t i = 0; i < n; i++) {
		free(keys[i]);
		free(names[i]);
	}
	free(hist);
	free(keys);
	free(names);
	/* the owner */
	if (!v->cfg.me) {
		sb_reset(&q);
		sb_addf(&q,
			"SELECT p.name, s.meetings FROM person p"
			" JOIN person_stat s ON s.person = p.id AND s.scope = %d"
			" ORDER BY s.meetings DESC, p.name LIMIT 1",
			store_scope(v));
		s = store_prepare(v, sb_str(&q));
		if (s && sqlite3_step(s) == SQLITE_ROW) {
			char *what = xasprintf(
				"no owner set; '%s' is in the most meetings (%d): add 'me: %s' to .peoplegraph.yaml or pass --me",
				sqlite3_column_text(s, 0), sqlite3_column_int(s, 1),
				sqlite3_column_text(s, 0));
			const char *row[] = {"owner", what, ".peoplegraph.yaml"};
			table_add(&t, row);
			free(what);
		}
		sqlite3_finalize(s);
	}
	sb_release(&q);
	size_t rows = t.cells.n / t.ncols;
	if (!rows && fmt == OUT_TABLE)
		printf("nothing to fix\n");
	else
		table_print(&t, fmt, stdout);
	table_release(&t);
	pg_vault_close(v);
	return rc;
}
