/* t_util.c — the large-block allocator, the arena, display widths and the
 * row-at-a-time table printer. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include <utf8proc.h>

#include "out.h"
#include "test.h"
#include "text.h"
#include "util.h"

/* Blocks below 256 KB come from malloc, larger ones are mapped aligned to
 * 2 MB; growing keeps the contents across that boundary both ways. */
TEST(big_alloc)
{
	size_t small = 1000, big = (size_t)5 << 20;
	unsigned char *p = xbig_alloc(small);
	memset(p, 0xab, small);
	p = xbig_realloc(p, small, big);
	CHECK((uintptr_t)p % ((size_t)2 << 20) == 0);
	CHECK(p[0] == 0xab && p[small - 1] == 0xab);
	p[big - 1] = 7; /* the whole block is writable */
	unsigned char *q = xbig_realloc(p, big, 2 * big);
	CHECK(q[0] == 0xab && q[small - 1] == 0xab && q[big - 1] == 7);
	CHECK((uintptr_t)q % ((size_t)2 << 20) == 0);
	/* a page mapped right after the block: growing cannot be in place,
	 * and moves the pages, still aligned */
	void *wall = mmap(q + 2 * big, 4096, PROT_NONE,
			  MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
	q[2 * big - 1] = 9;
	q = xbig_realloc(q, 2 * big, 4 * big);
	CHECK((uintptr_t)q % ((size_t)2 << 20) == 0);
	CHECK(q[0] == 0xab && q[big - 1] == 7 && q[2 * big - 1] == 9);
	q[4 * big - 1] = 3;
	/* shrinking keeps the head, and frees with the new size */
	q = xbig_realloc(q, 4 * big, 3 * big);
	CHECK(q[0] == 0xab && q[2 * big - 1] == 9);
	q[3 * big - 1] = 4;
	q = xbig_realloc(q, 3 * big, 2 * big);
	if (wall != MAP_FAILED) /* else something was there already */
		munmap(wall, 4096);
	q = xbig_realloc(q, 2 * big, small);
	CHECK(q[0] == 0xab && q[small - 1] == 0xab);
	xbig_free(q, small);
	xbig_free(NULL, big);

	int *v = NULL;
	size_t n = 0, cap = 0;
	for (int i = 0; i < 1000000; i++) { /* 4 MB: past the boundary */
		BIG_GROW(v, n, cap);
		v[n++] = i;
	}
	int ok = 1;
	for (int i = 0; i < 1000000; i++)
		ok &= v[i] == i;
	CHECK(ok);
	xbig_free(v, cap * sizeof(*v));
}

/* A freed block is kept for the next allocation that fits it, the
 * smallest such: its pages are in memory already.  A larger block is
 * cut, and its tail kept in turn. */
TEST(big_reuse)
{
	size_t mb = (size_t)1 << 20;
	/* 14 MB: a size nothing else here frees, so the fits are known */
	char *a = xbig_alloc(14 * mb);
	a[14 * mb - 1] = 1;
	xbig_free(a, 14 * mb);
	char *b = xbig_alloc(13 * mb); /* rounds up to the same 14 MB */
	CHECK(b == a);
	xbig_free(b, 13 * mb);
	char *c = xbig_alloc(12 * mb);
	CHECK(c == a);
	char *d = xbig_alloc(2 * mb); /* the 2 MB tail of the 14 */
	CHECK(d == a + 12 * mb);
	memset(c, 1, 12 * mb);
	memset(d, 2, 2 * mb);
	CHECK(c[12 * mb - 1] == 1 && d[0] == 2);
	size_t kept = xbig_cached();
	xbig_free(c, 12 * mb);
	xbig_free(d, 2 * mb);
	CHECK(xbig_cached() == kept + 14 * mb);
	/* past 32 MB kept, a block goes back to the system */
	char *e = xbig_alloc(40 * mb);
	CHECK(xbig_cached() == kept + 14 * mb);
	e[40 * mb - 1] = 1;
	xbig_free(e, 40 * mb);
	CHECK(xbig_cached() == kept + 14 * mb);
}

static int keyed_cmp(const void *a, const void *b)
{
	const pg_keyed *x = a, *y = b;
	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return (x->i > y->i) - (x->i < y->i);
}

/* The radix sort agrees with qsort on (key, original place): it sorts by
 * key and keeps the order of equal keys, for short and long arrays, few
 * and many distinct keys, and keys that differ only in high bytes. */
TEST(keyed_sort)
{
	static const size_t sizes[] = {0, 1, 2, 31, 32, 33, 1000, 70000};
	uint64_t seed = 42;
	for (size_t s = 0; s < sizeof sizes / sizeof *sizes; s++)
		for (int kind = 0; kind < 3; kind++) {
			size_t n = sizes[s];
			pg_keyed *v = xmalloc((n ? n : 1) * sizeof(*v));
			pg_keyed *w = xmalloc((n ? n : 1) * sizeof(*w));
			for (size_t i = 0; i < n; i++) {
				seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
				uint64_t r = seed >> 11;
				v[i].key = kind == 0   ? r
					   : kind == 1 ? r % 7          /* many ties */
						       : (r % 5) << 58; /* high bytes only */
				v[i].i = i;
			}
			memcpy(w, v, n * sizeof(*v));
			sort_keyed(v, n);
			if (n)
				qsort(w, n, sizeof(*w), keyed_cmp);
			int same = 1;
			for (size_t i = 0; i < n; i++)
				same &= v[i].key == w[i].key && v[i].i == w[i].i;
			if (!same)
				fprintf(stderr, "size %zu, kind %d\n", n, kind);
			CHECK(same);
			free(v);
			free(w);
		}
}

/* An arena past its first megabyte takes 2 MB blocks; every copy stays
 * intact, and a string longer than a block gets a block of its own. */
TEST(arena_blocks)
{
	arena a = ARENA_INIT;
	char buf[64];
	const char *first = arena_strdup(&a, "first");
	const char *mid = NULL;
	for (int i = 0; i < 200000; i++) { /* about 3 MB */
		snprintf(buf, sizeof buf, "string number %d", i);
		const char *s = arena_strdup(&a, buf);
		if (i == 123456)
			mid = s;
	}
	size_t huge_len = (size_t)3 << 20;
	char *huge = xmalloc(huge_len + 1);
	memset(huge, 'x', huge_len);
	huge[huge_len] = '\0';
	const char *h = arena_strdup(&a, huge);
	CHECK(strlen(h) == huge_len);
	free(huge);
	CHECK_STR(first, "first");
	CHECK_STR(mid, "string number 123456");
	CHECK_STR(arena_strdup(&a, "last"), "last");
	arena_release(&a);
	CHECK(a.nblocks == 0 && a.blocks == NULL);
}

/* The width of S one character at a time, as u8_width was first written:
 * what the word-at-a-time version must agree with. */
static int width_ref(const char *s)
{
	int w = 0;
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	utf8proc_ssize_t len = (utf8proc_ssize_t)strlen(s);
	while (len > 0) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t k = utf8proc_iterate(p, len, &cp);
		if (k <= 0) {
			k = 1;
			cp = 0xfffd;
		}
		if (cp < 0x80)
			w += cp >= 0x20 && cp < 0x7f;
		else if (utf8proc_charwidth(cp) > 0)
			w += utf8proc_charwidth(cp);
		p += k;
		len -= k;
	}
	return w;
}

/* Each odd character at each place of strings of 0 to 40 bytes: the
 * words of eight bytes are checked whole, the rest one at a time. */
TEST(width_words)
{
	static const char *const odd[] = {"\x01", "\x1f",     "\x7f",         "\t",  " ",
					  "~",    "\xc3\xa9", "\xe6\x9d\x8e", "\xff"};
	char s[64];
	int bad = 0;
	for (size_t o = 0; o < sizeof odd / sizeof *odd; o++)
		for (size_t len = 0; len <= 40; len++)
			for (size_t at = 0; at <= len; at++) {
				/* AT bytes, the odd one, LEN - AT bytes */
				size_t k = strlen(odd[o]);
				memset(s, 'a', at);
				memcpy(s + at, odd[o], k);
				memset(s + at + k, 'b', len - at);
				s[len + k] = '\0';
				int want = width_ref(s);
				if (u8_width(s) != want && !bad++)
					fprintf(stderr, "width of \"%s\": %d, want %d\n", s,
						u8_width(s), want);
				/* and stopped at MAX */
				for (int max = 0; max <= (int)len + 2; max++)
					if (u8_width_max(s, strlen(s), max) !=
						    (want < max ? want : max) &&
					    !bad++)
						fprintf(stderr, "width of \"%s\" up to %d: %d\n", s,
							max, u8_width_max(s, strlen(s), max));
			}
	CHECK_INT(bad, 0);
	CHECK_INT(u8_width("abcdefgh\x7f"), 8);
	CHECK_INT(u8_width("abcdefg\x01hijklmnop"), 16);
	CHECK_INT(u8_width("Ma\xc3\xaf"
			   "a Lindgren, Zo\xc3\xab and \xe6\x9d\x8e"),
		  25);
}

/* JSON escaping one byte at a time, as json_str was first written: what
 * the word-at-a-time version must agree with. */
static void json_ref(strbuf *sb, const char *s)
{
	sb_addc(sb, '"');
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '"': sb_adds(sb, "\\\""); break;
		case '\\': sb_adds(sb, "\\\\"); break;
		case '\n': sb_adds(sb, "\\n"); break;
		case '\r': sb_adds(sb, "\\r"); break;
		case '\t': sb_adds(sb, "\\t"); break;
		default:
			if (*p < 0x20 || *p == '<' || *p == '>' || *p == '&')
				sb_addf(sb, "\\u%04x", *p);
			else
				sb_addc(sb, (char)*p);
		}
	}
	sb_addc(sb, '"');
}

/* Each byte that is escaped, and some that are not, at each place of
 * strings of 0 to 40 bytes, to a FILE and to a strbuf. */
TEST(json_escaping)
{
	static const char odd[] = {'"',  '\\', '<',  '>', '&', '\n', '\r', '\t',
				   0x01, 0x1f, 0x7f, ' ', '!', '=',  '[',  (char)0xc3};
	char s[64];
	int bad = 0;
	for (size_t o = 0; o < sizeof odd; o++)
		for (size_t len = 0; len <= 40; len++)
			for (size_t at = 0; at <= len; at++) {
				memset(s, 'a', len + 1);
				s[at] = odd[o];
				s[len + 1] = '\0';
				strbuf want = STRBUF_INIT, got = STRBUF_INIT;
				json_ref(&want, s);
				sb_json_str(&got, s);
				char *buf = NULL;
				size_t n = 0;
				FILE *f = open_memstream(&buf, &n);
				json_str(f, s);
				fclose(f);
				if ((strcmp(want.buf, got.buf) || strcmp(want.buf, buf)) && !bad++)
					fprintf(stderr, "json of \"%s\": %s and %s, want %s\n", s,
						got.buf, buf, want.buf);
				free(buf);
				sb_release(&want);
				sb_release(&got);
			}
	CHECK_INT(bad, 0);
	strbuf sb = STRBUF_INIT;
	sb_json_str(&sb, NULL);
	sb_json_str(&sb, "Zo\xc3\xab <b>\"x\"</b>");
	CHECK_STR(sb.buf, "null\"Zo\xc3\xab \\u003cb\\u003e\\\"x\\\"\\u003c/b\\u003e\"");
	sb_release(&sb);
}

/* What a rowout in format FMT prints of the N rows of R (three columns
 * or two), measured first; the caller frees. */
static char *render(const char *const *head, unsigned numeric, int fmt, const char *const (*r)[3],
		    int n)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	pg_rowout o;
	rowout_init(&o, head, numeric, fmt, f);
	for (int k = 0; k < n; k++)
		rowout_measure(&o, r[k]);
	for (int k = 0; k < n; k++)
		rowout_row(&o, r[k]);
	rowout_finish(&o);
	fclose(f);
	return buf;
}

/* The row printer in every format, on the same rows: the table is
 * aligned by display width, long cells widen a column to 60 at most. */
TEST(rowout_formats)
{
	static const char *const head[] = {"name", "n", "note", NULL};
	const char *const rows[][3] = {
		{"Zoë", "2", "a|b"}, {"李", "10", "x,\"y\""}, {NULL, "", "=1"}};
	static const char *const want[] = {
		/* table: column n is a number */
		"name   n  note\nZoë    2  a|b\n李    10  x,\"y\"\n          =1\n",
		"[\n {\"name\": \"Zoë\", \"n\": 2, \"note\": \"a|b\"},\n"
		" {\"name\": \"李\", \"n\": 10, \"note\": \"x,\\\"y\\\"\"},\n"
		" {\"name\": \"\", \"n\": null, \"note\": \"=1\"}\n]\n",
		/* CSV: an empty cell is "" */
		"name,n,note\nZoë,2,a|b\n李,10,\"x,\"\"y\"\"\"\n\"\",\"\",\"'=1\"\n",
		"| name | n | note |\n| --- | ---: | --- |\n| Zoë | 2 | a\\|b |\n"
		"| 李 | 10 | x,\"y\" |\n|  |  | =1 |\n"};
	for (int fmt = OUT_TABLE; fmt <= OUT_MD; fmt++) {
		char *buf = render(head, 2, fmt, rows, 3);
		CHECK_STR(buf, want[fmt]);
		free(buf);
	}
	/* no rows: the header, or an empty array */
	static const char *const none[] = {"name  n  note\n", "[]\n", "name,n,note\n",
					   "| name | n | note |\n| --- | ---: | --- |\n"};
	for (int fmt = OUT_TABLE; fmt <= OUT_MD; fmt++) {
		char *buf = render(head, 2, fmt, rows, 0);
		CHECK_STR(buf, none[fmt]);
		free(buf);
	}
	/* a cell of 70 columns widens its column to 60, not 70 */
	char longcell[71];
	memset(longcell, 'x', 70);
	longcell[70] = '\0';
	static const char *const head2[] = {"a", "b", NULL};
	const char *const r2[][3] = {{longcell, "1", NULL}, {"y", "2", NULL}};
	char *buf = render(head2, 0, OUT_TABLE, r2, 2);
	/* A and Y padded to 60 columns, then two spaces */
	char want2[256];
	snprintf(want2, sizeof want2, "a%59s  b\n%s  1\ny%59s  2\n", "", longcell, "");
	CHECK_STR(buf, want2);
	free(buf);
}

/* The way tasks prints a long listing: two continuations measure half
 * the rows each and widen the listing's columns; then chunks of one row,
 * printed with their lengths (bytes past a cell's NUL are not its own),
 * are written in order.  The output is what one rowout prints. */
TEST(rowout_chunks)
{
	static const char *const head[] = {"name", "n", "note", NULL};
	const char *const rows[][3] = {
		{"Zoë", "2", "a|b"}, {"李", "10", "x,\"y\""}, {NULL, "", "=1"}};
	for (int fmt = OUT_TABLE; fmt <= OUT_MD; fmt++) {
		char *want = render(head, 2, fmt, rows, 3);
		char *buf = NULL;
		size_t blen = 0;
		FILE *f = open_memstream(&buf, &blen);
		pg_rowout o, m[2], c;
		rowout_init(&o, head, 2, fmt, f);
		for (int k = 0; k < 2; k++) {
			rowout_continue(&m[k], &o, 0);
			for (int r = k; r < 3; r += 2) {
				size_t len[3];
				for (int i = 0; i < 3; i++)
					len[i] = rows[r][i] ? strlen(rows[r][i]) : 0;
				rowout_measure_len(&m[k], rows[r], len);
			}
		}
		for (int k = 0; k < 2; k++) {
			rowout_widen(&o, &m[k]);
			rowout_finish(&m[k]);
		}
		rowout_continue(&c, &o, 0);
		for (int r = 0; r < 3; r++) {
			char cell[3][16];
			const char *row[3];
			size_t len[3];
			for (int i = 0; i < 3; i++) {
				len[i] = rows[r][i] ? strlen(rows[r][i]) : 0;
				memcpy(cell[i], rows[r][i] ? rows[r][i] : "", len[i]);
				memcpy(cell[i] + len[i], "\0junk", 6);
				row[i] = rows[r][i] ? cell[i] : NULL;
			}
			rowout_continue_at(&c, (size_t)r);
			rowout_row_len(&c, row, len);
			rowout_write_to(&c, &o);
		}
		rowout_finish(&c);
		rowout_finish(&o);
		fclose(f);
		CHECK_STR(buf, want);
		free(buf);
		free(want);
	}
}

int main(void)
{
	RUN(big_alloc);
	RUN(big_reuse);
	RUN(arena_blocks);
	RUN(keyed_sort);
	RUN(width_words);
	RUN(json_escaping);
	RUN(rowout_formats);
	RUN(rowout_chunks);
	TEST_MAIN_END();
}
