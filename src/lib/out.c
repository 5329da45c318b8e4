#include "out.h"

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

void json_str(FILE *f, const char *s)
{
	if (!s) {
		fputs("null", f);
		return;
	}
	fputc('"', f);
	/* runs of characters that need no escape go out in one write */
	const unsigned char *run = (const unsigned char *)s, *p = run;
	for (;; p++) {
		unsigned char c = *p;
		if (c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&')
			continue;
		if (p > run)
			fwrite(run, 1, (size_t)(p - run), f);
		run = p + 1;
		if (!c)
			break;
		switch (c) {
		case '"': fputs("\\\"", f); break;
		case '\\': fputs("\\\\", f); break;
		case '\n': fputs("\\n", f); break;
		case '\r': fputs("\\r", f); break;
		case '\t': fputs("\\t", f); break;
		default:
			/* control characters, and <>& so that the JSON is safe to
			 * embed in HTML */
			fprintf(f, "\\u%04x", c);
		}
	}
	fputc('"', f);
}

void csv_field(FILE *f, const char *s)
{
	if (!s)
		return;
	/* quote always when needed; neutralise spreadsheet formulas */
	int quote = strpbrk(s, ",\"\n\r") != NULL || strchr("=+-@", s[0]) != NULL;
	if (!quote) {
		fputs(s, f);
		return;
	}
	fputc('"', f);
	if (strchr("=+-@", s[0]) && s[0])
		fputc('\'', f);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', f);
		fputc(*s, f);
	}
	fputc('"', f);
}

void md_cell(FILE *f, const char *s)
{
	if (!s)
		return;
	for (; *s; s++) {
		if (*s == '|' || *s == '\\' || *s == '*' || *s == '_' || *s == '`' || *s == '[' ||
		    *s == ']' || *s == '<' || *s == '>')
			fputc('\\', f);
		fputc(*s == '\n' ? ' ' : *s, f);
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
	for (size_t i = 0; i < t->ncols; i++) {
		ALLOC_GROW(t->cells.v, t->cells.n, t->cells.cap);
		t->cells.v[t->cells.n++] = row[i] && *row[i] ? arena_strdup(&t->mem, row[i]) : "";
	}
}

void table_add_ref(pg_table *t, const char *const *row)
{
	for (size_t i = 0; i < t->ncols; i++) {
		ALLOC_GROW(t->cells.v, t->cells.n, t->cells.cap);
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
	free(t->cells.v);
	arena_release(&t->mem);
}

static void pad(FILE *f, int n)
{
	static const char spaces[] =
		"                                                                ";
	while (n > 0) {
		int k = n < (int)sizeof(spaces) - 1 ? n : (int)sizeof(spaces) - 1;
		fwrite(spaces, 1, (size_t)k, f);
		n -= k;
	}
}

void table_print(const pg_table *t, int format, FILE *f)
{
	size_t rows = t->ncols ? t->cells.n / t->ncols : 0;
	if (format == OUT_JSON) {
		fputs("[", f);
		for (size_t r = 0; r < rows; r++) {
			fputs(r ? ",\n {" : "\n {", f);
			for (size_t c = 0; c < t->ncols; c++) {
				const char *v = t->cells.v[r * t->ncols + c];
				if (c)
					fputs(", ", f);
				json_str(f, t->head.v[c]);
				fputs(": ", f);
				if ((t->numeric >> c) & 1)
					fputs(*v ? v : "null", f);
				else
					json_str(f, v);
			}
			fputs("}", f);
		}
		fputs(rows ? "\n]\n" : "]\n", f);
		return;
	}
	if (format == OUT_CSV) {
		for (size_t c = 0; c < t->ncols; c++) {
			if (c)
				fputc(',', f);
			csv_field(f, t->head.v[c]);
		}
		fputc('\n', f);
		for (size_t r = 0; r < rows; r++) {
			for (size_t c = 0; c < t->ncols; c++) {
				if (c)
					fputc(',', f);
				csv_field(f, t->cells.v[r * t->ncols + c]);
			}
			fputc('\n', f);
		}
		return;
	}
	if (format == OUT_MD) {
		fputc('|', f);
		for (size_t c = 0; c < t->ncols; c++) {
			fputc(' ', f);
			md_cell(f, t->head.v[c]);
			fputs(" |", f);
		}
		fputs("\n|", f);
		for (size_t c = 0; c < t->ncols; c++)
			fputs((t->numeric >> c) & 1 ? " ---: |" : " --- |", f);
		fputc('\n', f);
		for (size_t r = 0; r < rows; r++) {
			fputc('|', f);
			for (size_t c = 0; c < t->ncols; c++) {
				fputc(' ', f);
				md_cell(f, t->cells.v[r * t->ncols + c]);
				fputs(" |", f);
			}
			fputc('\n', f);
		}
		return;
	}
	/* aligned columns by display width; long cells are not cut.  The
	 * header is bold on a terminal, never with NO_COLOR set. */
	const char *nc = getenv("NO_COLOR");
	int bold = isatty(fileno(f)) && !(nc && *nc);
	int *w = xcalloc(t->ncols ? t->ncols : 1, sizeof(int));
	/* each cell's width is measured once: a long history has 50,000 cells */
	int *cw = xmalloc((t->cells.n ? t->cells.n : 1) * sizeof(int));
	for (size_t c = 0; c < t->ncols; c++)
		w[c] = u8_width(t->head.v[c]);
	for (size_t r = 0; r < rows; r++)
		for (size_t c = 0; c < t->ncols; c++) {
			int x = cw[r * t->ncols + c] = u8_width(t->cells.v[r * t->ncols + c]);
			if (x > w[c])
				w[c] = x > 60 ? (w[c] > 60 ? w[c] : 60) : x;
		}
	for (size_t r = 0; r <= rows; r++) {
		if (!r && bold)
			fputs("\033[1m", f);
		for (size_t c = 0; c < t->ncols; c++) {
			const char *v = r ? t->cells.v[(r - 1) * t->ncols + c] : t->head.v[c];
			int x = r ? cw[(r - 1) * t->ncols + c] : u8_width(v);
			int last = c + 1 == t->ncols;
			if ((t->numeric >> c) & 1) {
				pad(f, w[c] - x);
				fputs(v, f);
			} else {
				fputs(v, f);
				if (!last)
					pad(f, w[c] - x);
			}
			if (!last)
				fputs("  ", f);
		}
		if (!r && bold)
			fputs("\033[0m", f);
		fputc('\n', f);
	}
	free(cw);
	free(w);
}
