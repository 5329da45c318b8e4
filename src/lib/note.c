/* note.c — the stored form of a pg_note (see note.h). */
#include "note.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

/* Fields are tab-separated, records newline-terminated; extract.c keeps
 * names free of both, and put() folds any that slip through. */
static void put(strbuf *sb, const char *s)
{
	if (!s)
		return;
	while (*s) {
		size_t n = strcspn(s, "\t\n\r");
		sb_add(sb, s, n);
		s += n;
		if (*s) {
			sb_addc(sb, ' ');
			s++;
		}
	}
}

static void rec1(strbuf *sb, char tag, const char *s)
{
	if (!s)
		return;
	sb_addc(sb, tag);
	sb_addc(sb, '\t');
	put(sb, s);
	sb_addc(sb, '\n');
}

char *pg_note_serialize(const pg_note *N, size_t *len)
{
	strbuf sb = STRBUF_INIT;
	sb_adds(&sb, "pgnote 1\n");
	rec1(&sb, 'T', N->title);
	rec1(&sb, 'D', N->date);
	rec1(&sb, 'Y', N->type);
	sb_addf(&sb, "P\t%d\t%d\t%d\t%d\n", N->person_note, N->one_on_one, N->errors,
		N->first_person);
	rec1(&sb, 'O', N->org);
	rec1(&sb, 'R', N->role);
	for (size_t i = 0; i < N->aliases.n; i++)
		rec1(&sb, 'A', N->aliases.v[i]);
	for (size_t i = 0; i < N->tags.n; i++)
		rec1(&sb, 'G', N->tags.v[i]);
	for (size_t i = 0; i < N->vetoes.n; i++)
		rec1(&sb, 'V', N->vetoes.v[i]);
	for (size_t i = 0; i < N->terms.n; i++)
		rec1(&sb, 'M', N->terms.v[i]);
	for (size_t i = 0; i < N->ntasks; i++) {
		const pg_task *t = &N->tasks[i];
		sb_addf(&sb, "K\t%d\t%d\t", t->done, t->line);
		put(&sb, t->due);
		sb_addc(&sb, '\t');
		put(&sb, t->owner);
		sb_addc(&sb, '\t');
		put(&sb, t->text);
		sb_addc(&sb, '\n');
	}
	for (size_t i = 0; i < N->nraw; i++) {
		const pg_raw *r = &N->raw[i];
		sb_add(&sb, "X", 1);
		const long f[5] = {r->src, r->ev, r->line, r->group, r->task};
		for (int k = 0; k < 5; k++) {
			sb_addc(&sb, '\t');
			sb_add_int(&sb, f[k]);
		}
		sb_addc(&sb, '\t');
		put(&sb, r->text);
		sb_addc(&sb, '\t');
		put(&sb, r->alias);
		sb_addc(&sb, '\t');
		put(&sb, r->org);
		sb_addc(&sb, '\t');
		put(&sb, r->key);
		sb_addc(&sb, '\n');
	}
	*len = sb.len;
	return sb_detach(&sb);
}

/* Splits the line [LINE, END) (modified in place) at tabs into at most
 * MAX fields. */
static int fields(char *line, char *end, char **f, int max)
{
	int n = 0;
	f[n++] = line;
	for (char *p = line; n < max && (p = memchr(p, '\t', (size_t)(end - p)));) {
		*p++ = '\0';
		f[n++] = p;
	}
	return n;
}

/* The next line of [*AT, END), NUL-terminated in place, *AT moved past
 * it, or NULL at the end; empty lines are skipped. */
static char *next_line(char **at, char *end, char **line_end)
{
	while (*at < end && **at == '\n')
		(*at)++;
	if (*at >= end)
		return NULL;
	char *line = *at;
	char *nl = memchr(line, '\n', (size_t)(end - line));
	*line_end = nl ? nl : end;
	*at = nl ? nl + 1 : end;
	**line_end = '\0';
	return line;
}

/* A decimal int as put_int writes it; atoi without the locale machinery,
 * which was a tenth of reading the stored notes back. */
static int num(const char *s)
{
	int neg = *s == '-';
	long v = 0;
	for (s += neg; *s >= '0' && *s <= '9' && v < 1000000000L; s++)
		v = v * 10 + (*s - '0');
	return (int)(neg ? -v : v);
}

int pg_note_deserialize(pg_note *N, const char *buf, size_t len)
{
	return pg_note_deserialize_some(N, buf, len, NOTE_ALL);
}

/* The record tags that PARTS asks for. */
static int wanted(char tag, unsigned parts)
{
	switch (tag) {
	case 'M': return (parts & NOTE_TERMS) != 0;
	case 'K': return (parts & NOTE_TASKS) != 0;
	case 'X': return (parts & NOTE_RAWS) != 0;
	default: return 1; /* the head: title, date, flags, tags, vetoes, ... */
	}
}

int pg_note_deserialize_some(pg_note *N, const char *buf, size_t len, unsigned parts)
{
	return pg_note_deserialize_take(N, xstrndup(buf, len), parts);
}

int pg_note_deserialize_take(pg_note *N, char *buf, unsigned parts)
{
	memset(N, 0, sizeof(*N));
	return pg_note_deserialize_into(N, buf, parts);
}

/* The arrays of N, emptied, and nothing else. */
static void keep_arrays(pg_note *N)
{
	pg_note k = *N;
	memset(N, 0, sizeof(*N));
	N->raw = k.raw;
	N->capraw = k.capraw;
	N->tasks = k.tasks;
	N->captasks = k.captasks;
	N->aliases = (strlist){k.aliases.v, 0, k.aliases.cap};
	N->tags = (strlist){k.tags.v, 0, k.tags.cap};
	N->vetoes = (strlist){k.vetoes.v, 0, k.vetoes.cap};
	N->terms = (strlist){k.terms.v, 0, k.terms.cap};
}

void pg_note_empty(pg_note *N)
{
	if (!N->store) {
		pg_note_release(N);
		return;
	}
	free(N->store);
	free(N->text);
	keep_arrays(N);
}

int pg_note_deserialize_into(pg_note *N, char *buf, unsigned parts)
{
	keep_arrays(N);
	N->store = buf;
	/* one memchr per line and per field: reading the stored notes back is
	 * three passes over the vault's biggest table */
	char *at = buf, *end = buf + strlen(buf), *le;
	int rc = 0;
	char *line = next_line(&at, end, &le);
	if (!line || strcmp(line, "pgnote 1")) {
		rc = -1;
		goto cleanup;
	}
	while ((line = next_line(&at, end, &le))) {
		if (line[0] && line[1] == '\t' && !wanted(line[0], parts))
			continue;
		char *f[10];
		int n = fields(line, le, f, 10);
		if (n < 2 || strlen(f[0]) != 1) {
			rc = -1;
			goto cleanup;
		}
		switch (f[0][0]) {
		case 'T': N->title = f[1]; break;
		case 'D': N->date = f[1]; break;
		case 'Y': N->type = f[1]; break;
		case 'O': N->org = f[1]; break;
		case 'R': N->role = f[1]; break;
		case 'A': sl_push_owned(&N->aliases, f[1]); break;
		case 'G': sl_push_owned(&N->tags, f[1]); break;
		case 'V': sl_push_owned(&N->vetoes, f[1]); break;
		case 'M': sl_push_owned(&N->terms, f[1]); break;
		case 'P':
			if (n < 4) {
				rc = -1;
				goto cleanup;
			}
			N->person_note = num(f[1]);
			N->one_on_one = num(f[2]);
			N->errors = num(f[3]);
			N->first_person = n > 4 ? num(f[4]) : 0;
			break;
		case 'K': {
			if (n < 6) {
				rc = -1;
				goto cleanup;
			}
			ALLOC_GROW(N->tasks, N->ntasks, N->captasks);
			pg_task *t = &N->tasks[N->ntasks++];
			t->done = num(f[1]);
			t->line = num(f[2]);
			t->due = *f[3] ? f[3] : NULL;
			t->owner = *f[4] ? f[4] : NULL;
			t->text = f[5];
			break;
		}
		case 'X': {
			/* the folded key is stored (field 9): folding is a good part
			 * of reading a note back.  The stored text is on one line. */
			if (n < 10) {
				rc = -1;
				goto cleanup;
			}
			ALLOC_GROW(N->raw, N->nraw, N->capraw);
			pg_raw *r = &N->raw[N->nraw++];
			r->src = num(f[1]);
			r->ev = num(f[2]);
			r->line = num(f[3]);
			r->group = num(f[4]);
			r->task = num(f[5]);
			r->text = f[6];
			r->alias = *f[7] ? f[7] : NULL;
			r->org = *f[8] ? f[8] : NULL;
			r->key = f[9];
			break;
		}
		default: rc = -1; goto cleanup;
		}
	}
cleanup:
	if (rc < 0)
		pg_note_release(N);
	return rc;
}
