#include "out.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "text.h"

int out_format(const char *name)
{
	if (!strcmp(name, "table") || !strcmp(name, "text"))
		return OUT_TABLE;
	if (!strcmp(name, "json"))
		return OUT_JSON;
	if (!strcmp(name, "csv"))
		return OUT_CSV;
	if (!strcmp(name, "md") || !strcmp(name, "markdown"))
		return OUT_MD;
	return -1;
}

/* The bytes json_str escapes, and NUL, which ends the string: control
 * characters, quote and backslash, and <>& so that the JSON is safe to
 * embed in HTML. */
static const unsigned char json_stop[256] = {
	[0 ... 0x1f] = 1, ['"'] = 1, ['\\'] = 1, ['<'] = 1, ['>'] = 1, ['&'] = 1};

/* The JSON string of S, quotes included, given to OUT in pieces: runs
 * of characters that need no escape in one piece.  Inlined into each
 * caller, so that OUT is a direct call. */
static inline __attribute__((always_inline)) void
json_escape(const char *s, size_t len, void (*out)(void *, const char *, size_t), void *ctx)
{
	out(ctx, "\"", 1);
	const unsigned char *run = (const unsigned char *)s, *p = run;
	const unsigned char *end = run + len;
	const uint64_t ones = 0x0101010101010101ULL, high = 0x8080808080808080ULL;
	for (;; p++) {
		/* eight bytes at a time while none is to be escaped: a control
		 * character, or one of "\<>& (a byte equal to C is a zero
		 * byte of X ^ C) */
		for (; end - p >= 8; p += 8) {
			uint64_t x, q, b, l, g, a;
			memcpy(&x, p, 8);
			q = x ^ (ones * '"');
			b = x ^ (ones * '\\');
			l = x ^ (ones * '<');
			g = x ^ (ones * '>');
			a = x ^ (ones * '&');
			if ((((x - ones * 0x20) & ~x) | ((q - ones) & ~q) | ((b - ones) & ~b) |
			     ((l - ones) & ~l) | ((g - ones) & ~g) | ((a - ones) & ~a)) &
			    high)
				break;
		}
		while (!json_stop[*p])
			p++;
		unsigned char c = *p;
		if (p > run)
			out(ctx, (const char *)run, (size_t)(p - run));
		run = p + 1;
		if (!c)
			break;
		char u[8];
		switch (c) {
		case '"': out(ctx, "\\\"", 2); break;
		case '\\': out(ctx, "\\\\", 2); break;
		case '\n': out(ctx, "\\n", 2); break;
		case '\r': out(ctx, "\\r", 2); break;
		case '\t': out(ctx, "\\t", 2); break;
		default: snprintf(u, sizeof u, "\\u%04x", c); out(ctx, u, 6);
		}
	}
	out(ctx, "\"", 1);
}

static void out_file(void *f, const char *p, size_t n)
{
	fwrite_unlocked(p, 1, n, f);
}

static void out_sb(void *sb, const char *p, size_t n)
{
	sb_add(sb, p, n);
}

void json_str(FILE *f, const char *s)
{
	if (!s)
		fputs("null", f);
	else
		json_escape(s, strlen(s), out_file, f);
}

void sb_json_str(strbuf *sb, const char *s)
{
	if (!s)
		sb_add(sb, "null", 4);
	else
		json_escape(s, strlen(s), out_sb, sb);
}

void csv_field(strbuf *sb, const char *s)
{
	if (!s)
		return;
	/* quote always when needed; neutralise spreadsheet formulas */
	int quote = strpbrk(s, ",\"\n\r") != NULL || strchr("=+-@", s[0]) != NULL;
	if (!quote) {
		sb_adds(sb, s);
		return;
	}
	sb_addc(sb, '"');
	if (strchr("=+-@", s[0]) && s[0])
		sb_addc(sb, '\'');
	for (; *s; s++) {
		if (*s == '"')
			sb_addc(sb, '"');
		sb_addc(sb, *s);
	}
	sb_addc(sb, '"');
}

void md_cell(strbuf *sb, const char *s)
{
	if (!s)
		return;
	for (; *s; s++) {
		if (*s == '|' || *s == '\\' || *s == '*' || *s == '_' || *s == '`' || *s == '[' ||
		    *s == ']' || *s == '<' || *s == '>')
			sb_addc(sb, '\\');
		sb_addc(sb, *s == '\n' ? ' ' : *s);
	}
}

void table_init(pg_table *t, const char *const *head, unsigned numeric)
{
	memset(t, 0, sizeof(*t));
	for (; *head; head++)
		sl_push(&t->head, *head);
	t->ncols = t->head.n;
	t->numeric = numeric;
}

void table_add(pg_table *t, const char *const *row)
{
	/* a long table (the owner's history is 20,000 rows at 20,000
	 * notes): its strings in huge pages from here on */
	if (t->cells.n >= 16384)
		t->mem.big = 1;
	for (size_t i = 0; i < t->ncols; i++) {
		BIG_GROW(t->cells.v, t->cells.n, t->cells.cap);
		t->cells.v[t->cells.n++] = row[i] && *row[i] ? arena_strdup(&t->mem, row[i]) : "";
	}
}

void table_add_ref(pg_table *t, const char *const *row)
{
	for (size_t i = 0; i < t->ncols; i++) {
		BIG_GROW(t->cells.v, t->cells.n, t->cells.cap);
		t->cells.v[t->cells.n++] = row[i] ? row[i] : "";
	}
}

void table_add_owned(pg_table *t, char *const *row)
{
	table_add(t, (const char *const *)row);
	for (size_t i = 0; i < t->ncols; i++)
		free(row[i]);
}

void table_release(pg_table *t)
{
	sl_release(&t->head);
	xbig_free(t->cells.v, t->cells.cap * sizeof(*t->cells.v));
	arena_release(&t->mem);
}

void rowout_init(pg_rowout *o, const char *const *head, unsigned numeric, int format, FILE *f)
{
	memset(o, 0, sizeof(*o));
	o->f = f;
	o->format = format;
	o->head = head;
	while (head[o->ncols])
		o->ncols++;
	o->numeric = numeric;
	o->w = xcalloc(o->ncols ? o->ncols : 1, sizeof(int));
	for (size_t c = 0; c < o->ncols; c++)
		o->w[c] = u8_width(head[c]);
	if (format == OUT_TABLE) {
		const char *nc = getenv("NO_COLOR");
		o->bold = f && isatty(fileno(f)) && !(nc && *nc);
	}
}

/* strlen of cell C of ROW (NULL: 0), from LENS when given */
static size_t cell_len(const char *const *row, const size_t *lens, size_t c)
{
	return !row[c] ? 0 : lens ? lens[c] : strlen(row[c]);
}

/* long cells widen their column to 60 at most: they are not cut, and
 * overflow their column rather than push every other row right */
void rowout_measure(pg_rowout *o, const char *const *row)
{
	rowout_measure_len(o, row, NULL);
}

void rowout_measure_len(pg_rowout *o, const char *const *row, const size_t *lens)
{
	if (o->format != OUT_TABLE)
		return;
	for (size_t c = 0; c < o->ncols; c++) {
		/* the last column is not padded, unless it is a number */
		if (c + 1 == o->ncols && !((o->numeric >> c) & 1))
			break;
		/* a cell is at most as wide as it is long; past 60 nothing
		 * widens a column but a header */
		size_t len;
		if (!row[c] || o->w[c] >= 60 || (len = cell_len(row, lens, c)) <= (size_t)o->w[c])
			continue;
		int x = u8_width_n(row[c], len);
		if (x > o->w[c])
			o->w[c] = x > 60 ? (o->w[c] > 60 ? o->w[c] : 60) : x;
	}
}

/* Writes what O->line holds: to O's file, or to its memory */
static void emit(pg_rowout *o)
{
	strbuf *sb = &o->line;
	if (o->f) {
		fwrite_unlocked(sb->buf, 1, sb->len, o->f);
		return;
	}
	while (o->mlen + sb->len > o->mcap) {
		size_t old = o->mcap;
		o->mcap = o->mcap ? o->mcap * 2 : (size_t)1 << 20;
		o->mem = xbig_realloc(o->mem, old, o->mcap);
	}
	memcpy(o->mem + o->mlen, sb->buf, sb->len);
	o->mlen += sb->len;
}

/* N spaces onto SB */
static void sb_pad(strbuf *sb, int n)
{
	if (n <= 0)
		return;
	sb_grow(sb, (size_t)n);
	memset(sb->buf + sb->len, ' ', (size_t)n);
	sb->len += (size_t)n;
	sb->buf[sb->len] = '\0';
}

/* One line of the aligned table: the header (bold on a terminal, never
 * with NO_COLOR set) or a row.  The line is made in O->line and written
 * at once: a write per cell and per padding cost more than the rest. */
static void table_line(pg_rowout *o, const char *const *row, const size_t *lens, int header)
{
	strbuf *sb = &o->line;
	int bold = header && o->bold;
	sb_reset(sb);
	if (bold)
		sb_adds(sb, "\033[1m");
	for (size_t c = 0; c < o->ncols; c++) {
		const char *v = row[c] ? row[c] : "";
		size_t len = cell_len(row, lens, c);
		int last = c + 1 == o->ncols;
		if ((o->numeric >> c) & 1) {
			sb_pad(sb, o->w[c] - u8_width_max(v, len, o->w[c]));
			sb_add(sb, v, len);
		} else {
			sb_add(sb, v, len);
			if (!last)
				sb_pad(sb, o->w[c] - u8_width_max(v, len, o->w[c]));
		}
		if (!last)
			sb_add(sb, "  ", 2);
	}
	if (bold)
		sb_adds(sb, "\033[0m");
	sb_addc(sb, '\n');
	emit(o);
}

static void csv_line(strbuf *sb, const char *const *cells, size_t n)
{
	for (size_t c = 0; c < n; c++) {
		if (c)
			sb_addc(sb, ',');
		csv_field(sb, cells[c] ? cells[c] : "");
	}
	sb_addc(sb, '\n');
}

static void md_line(strbuf *sb, const char *const *cells, size_t n)
{
	sb_addc(sb, '|');
	for (size_t c = 0; c < n; c++) {
		sb_addc(sb, ' ');
		md_cell(sb, cells[c] ? cells[c] : "");
		sb_add(sb, " |", 2);
	}
	sb_addc(sb, '\n');
}

static void head_line(pg_rowout *o)
{
	strbuf *sb = &o->line;
	sb_reset(sb);
	switch (o->format) {
	case OUT_JSON: sb_addc(sb, '['); break;
	case OUT_CSV: csv_line(sb, o->head, o->ncols); break;
	case OUT_MD:
		md_line(sb, o->head, o->ncols);
		sb_addc(sb, '|');
		for (size_t c = 0; c < o->ncols; c++)
			sb_adds(sb, (o->numeric >> c) & 1 ? " ---: |" : " --- |");
		sb_addc(sb, '\n');
		break;
	default: table_line(o, o->head, NULL, 1); return;
	}
	emit(o);
}

void rowout_row(pg_rowout *o, const char *const *row)
{
	rowout_row_len(o, row, NULL);
}

void rowout_row_len(pg_rowout *o, const char *const *row, const size_t *lens)
{
	if (!o->rows++)
		head_line(o);
	/* the row is made in O->line and written at once */
	strbuf *sb = &o->line;
	sb_reset(sb);
	switch (o->format) {
	case OUT_JSON:
		sb_adds(sb, o->rows > 1 ? ",\n {" : "\n {");
		if (!o->keys) { /* the escaped names, once */
			o->keys = xcalloc(o->ncols ? o->ncols : 1, sizeof(*o->keys));
			for (size_t c = 0; c < o->ncols; c++) {
				sb_init(&o->keys[c]);
				sb_json_str(&o->keys[c], o->head[c]);
				sb_add(&o->keys[c], ": ", 2);
			}
		}
		for (size_t c = 0; c < o->ncols; c++) {
			const char *v = row[c] ? row[c] : "";
			if (c)
				sb_add(sb, ", ", 2);
			sb_add(sb, o->keys[c].buf, o->keys[c].len);
			if ((o->numeric >> c) & 1)
				sb_adds(sb, *v ? v : "null");
			else
				json_escape(v, cell_len(row, lens, c), out_sb, sb);
		}
		sb_addc(sb, '}');
		break;
	case OUT_CSV: csv_line(sb, row, o->ncols); break;
	case OUT_MD: md_line(sb, row, o->ncols); break;
	default: table_line(o, row, lens, 0); return;
	}
	emit(o);
}

void rowout_continue(pg_rowout *o, const pg_rowout *from, size_t rows)
{
	memset(o, 0, sizeof(*o));
	o->format = from->format;
	o->head = from->head;
	o->ncols = from->ncols;
	o->numeric = from->numeric;
	o->bold = from->bold;
	o->w = xmalloc((o->ncols ? o->ncols : 1) * sizeof(int));
	memcpy(o->w, from->w, o->ncols * sizeof(int));
	o->rows = rows;
}

void rowout_continue_at(pg_rowout *o, size_t rows)
{
	o->rows = rows;
}

void rowout_widen(pg_rowout *o, const pg_rowout *from)
{
	for (size_t c = 0; c < o->ncols; c++)
		if (from->w[c] > o->w[c])
			o->w[c] = from->w[c];
}

void rowout_finish(pg_rowout *o)
{
	/* a continuation (no file) prints neither */
	if (!o->rows && o->f)
		head_line(o);
	if (o->format == OUT_JSON && o->f) {
		sb_reset(&o->line);
		sb_adds(&o->line, o->rows ? "\n]\n" : "]\n");
		emit(o);
	}
	free(o->w);
	o->w = NULL;
	sb_release(&o->line);
	for (size_t c = 0; o->keys && c < o->ncols; c++)
		sb_release(&o->keys[c]);
	free(o->keys);
	o->keys = NULL;
	xbig_free(o->mem, o->mcap);
	o->mem = NULL;
	o->mlen = o->mcap = 0;
}

void rowout_write_to(pg_rowout *o, pg_rowout *from)
{
	fwrite_unlocked(o->mem, 1, o->mlen, from->f);
	from->rows = o->rows;
	o->mlen = 0;
}

void table_print(const pg_table *t, int format, FILE *f)
{
	size_t rows = t->ncols ? t->cells.n / t->ncols : 0;
	const char **head = xmalloc((t->ncols + 1) * sizeof(*head));
	for (size_t c = 0; c < t->ncols; c++)
		head[c] = t->head.v[c];
	head[t->ncols] = NULL;
	pg_rowout o;
	rowout_init(&o, head, t->numeric, format, f);
	for (size_t r = 0; r < rows; r++)
		rowout_measure(&o, t->cells.v + r * t->ncols);
	for (size_t r = 0; r < rows; r++)
		rowout_row(&o, t->cells.v + r * t->ncols);
	rowout_finish(&o);
	free(head);
}
