/*
 * util.h — allocation that cannot fail, growable strings and arrays.
 *
 * Every x* allocator aborts the process with a message on exhaustion, so
 * callers never check for NULL (the tmux convention).  strbuf owns its
 * buffer: sb_release() frees it, sb_detach() hands it to the caller.
 */
#ifndef PG_UTIL_H
#define PG_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "banned.h"

void *xmalloc(size_t n);
void *xcalloc(size_t nmemb, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Memory for large transient results, such as every open item of a
 * vault (10 MB at 20,000 notes).  From 256 KB up a block is mapped on
 * its own, in whole huge pages of 2 MB, aligned, with transparent huge
 * pages asked for: its first touch then costs one page fault per 2 MB
 * rather than one per 4 KB, and a fault costs about 10 us on a virtual
 * machine (25 ms for 10 MB).  Smaller blocks come from malloc.  Never
 * NULL; like malloc's, a block's bytes are undefined until written (a
 * freed block is kept, up to 32 MB, for the next).  xbig_free and
 * xbig_realloc take the size the block was allocated with.  Safe to
 * call from several threads. */
void *xbig_alloc(size_t n);
void *xbig_realloc(void *p, size_t old, size_t n);
void xbig_free(void *p, size_t n);
/* The bytes of freed blocks kept for reuse */
size_t xbig_cached(void);

/* Grow array A (count N, capacity CAP) of xbig_alloc memory so that one
 * more fits. */
#define BIG_GROW(a, n, cap)                                                           \
	do {                                                                          \
		if ((n) >= (cap)) {                                                   \
			size_t big_grow_old_ = (cap) * sizeof(*(a));                  \
			(cap) = (cap) ? (cap)*2 : 64;                                 \
			(a) = xbig_realloc((a), big_grow_old_, (cap) * sizeof(*(a))); \
		}                                                                     \
	} while (0)

/* Grow array A (with count N and capacity CAP) so that one more fits. */
#define ALLOC_GROW(a, n, cap)                                      \
	do {                                                       \
		if ((n) >= (cap)) {                                \
			(cap) = (cap) ? (cap)*2 : 8;               \
			(a) = xrealloc((a), (cap) * sizeof(*(a))); \
		}                                                  \
	} while (0)

typedef struct strbuf {
	char *buf; /* always NUL-terminated once anything was added */
	size_t len;
	size_t cap;
} strbuf;

#define STRBUF_INIT        \
	{                  \
		NULL, 0, 0 \
	}
void sb_init(strbuf *sb);
void sb_release(strbuf *sb);
void sb_reset(strbuf *sb);
char *sb_detach(strbuf *sb); /* caller frees; never NULL */
void sb_grow(strbuf *sb, size_t extra);
/* inline: a long listing adds a million pieces */
static inline void sb_add(strbuf *sb, const char *s, size_t n)
{
	if (sb->len + n + 1 > sb->cap)
		sb_grow(sb, n);
	memcpy(sb->buf + sb->len, s, n);
	sb->len += n;
	sb->buf[sb->len] = '\0';
}
void sb_adds(strbuf *sb, const char *s);
static inline void sb_addc(strbuf *sb, char c)
{
	if (sb->len + 2 > sb->cap)
		sb_grow(sb, 1);
	sb->buf[sb->len++] = c;
	sb->buf[sb->len] = '\0';
}
/* Cuts SB back to its first LEN bytes (LEN at most its length). */
static inline void sb_setlen(strbuf *sb, size_t len)
{
	sb->len = len;
	if (sb->buf)
		sb->buf[len] = '\0';
}
void sb_addf(strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sb_add_int(strbuf *sb, long v); /* decimal; sb_addf's "%ld" without printf */
void sb_vaddf(strbuf *sb, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
const char *sb_str(const strbuf *sb); /* "" when empty */

/* A list of owned strings. */
typedef struct strlist {
	char **v;
	size_t n, cap;
} strlist;
void sl_push(strlist *l, const char *s); /* copies s */
void sl_push_owned(strlist *l, char *s); /* takes s */
int sl_has(const strlist *l, const char *s);
void sl_release(strlist *l);

/* Strings allocated one after another in large blocks and freed all at
 * once: for the tens of thousands of cells of a long listing, where one
 * malloc and free per string costs more than the rest of the output.
 * Past its first 376 KB an arena takes 2 MB blocks from xbig_alloc. */
typedef struct arena {
	char **blocks;
	size_t nblocks, capblocks;
	char *cur; /* free space of the last block */
	size_t left;
	int big; /* 2 MB blocks from the first: for what is known to be large */
} arena;
#define ARENA_INIT                     \
	{                              \
		NULL, 0, 0, NULL, 0, 0 \
	}
char *arena_strdup(arena *a, const char *s);            /* the copy lives until arena_release */
char *arena_strndup(arena *a, const char *s, size_t n); /* N bytes of S, and a NUL */
void arena_release(arena *a);

uint64_t hash_bytes(const void *p, size_t n);

/* Keep in ACC (char[11], "" for none) the earliest or the latest of the
 * dates seen; a NULL D changes nothing.  Dates compare as strings. */
void day_min(char *acc, const char *d);
void day_max(char *acc, const char *d);

/* qsort that accepts an empty (possibly NULL) array: qsort(NULL, 0, ...)
 * is undefined behaviour. */
void sort_array(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *));

/* An item to sort by a number: KEY, and what it stands for. */
typedef struct pg_keyed {
	uint64_t key;
	size_t i;
} pg_keyed;
/* Sorts V by key, stably (a radix sort: tens of thousands of rows sort
 * in a millisecond, where qsort's calls to a comparator take several). */
void sort_keyed(pg_keyed *v, size_t n);

#endif
