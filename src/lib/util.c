#include "util.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

static void die_oom(size_t n)
{
	fprintf(stderr, "peoplegraph: fatal: out of memory allocating %zu bytes\n", n);
	abort();
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		die_oom(n);
	return p;
}

void *xcalloc(size_t nmemb, size_t size)
{
	void *p = calloc(nmemb ? nmemb : 1, size ? size : 1);
	if (!p)
		die_oom(nmemb * size);
	return p;
}

void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		die_oom(n);
	return q;
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *xasprintf(const char *fmt, ...)
{
	strbuf sb = STRBUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	sb_vaddf(&sb, fmt, ap);
	va_end(ap);
	return sb_detach(&sb);
}

void sb_init(strbuf *sb)
{
	sb->buf = NULL;
	sb->len = sb->cap = 0;
}

void sb_release(strbuf *sb)
{
	free(sb->buf);
	sb_init(sb);
}

void sb_reset(strbuf *sb)
{
	sb->len = 0;
	if (sb->buf)
		sb->buf[0] = '\0';
}

char *sb_detach(strbuf *sb)
{
	char *p = sb->buf ? sb->buf : xstrdup("");
	sb_init(sb);
	return p;
}

void sb_grow(strbuf *sb, size_t extra)
{
	if (sb->len + extra + 1 <= sb->cap)
		return;
	size_t cap = sb->cap ? sb->cap : 64;
	while (cap < sb->len + extra + 1)
		cap *= 2;
	sb->buf = xrealloc(sb->buf, cap);
	sb->cap = cap;
}

void sb_adds(strbuf *sb, const char *s)
{
	sb_add(sb, s, strlen(s));
}

void sb_vaddf(strbuf *sb, const char *fmt, va_list ap)
{
	va_list cp;
	va_copy(cp, ap);
	int n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0)
		return;
	sb_grow(sb, (size_t)n);
	vsnprintf(sb->buf + sb->len, (size_t)n + 1, fmt, ap);
	sb->len += (size_t)n;
}

void sb_add_int(strbuf *sb, long v)
{
	char buf[24];
	int n = 0;
	unsigned long u = v < 0 ? 0UL - (unsigned long)v : (unsigned long)v;
	do {
		buf[n++] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (v < 0)
		sb_addc(sb, '-');
	while (n)
		sb_addc(sb, buf[--n]);
}

void sb_addf(strbuf *sb, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	sb_vaddf(sb, fmt, ap);
	va_end(ap);
}

const char *sb_str(const strbuf *sb)
{
	return sb->buf ? sb->buf : "";
}

void sl_push(strlist *l, const char *s)
{
	sl_push_owned(l, xstrdup(s));
}

void sl_push_owned(strlist *l, char *s)
{
	ALLOC_GROW(l->v, l->n, l->cap);
	l->v[l->n++] = s;
}

int sl_has(const strlist *l, const char *s)
{
	for (size_t i = 0; i < l->n; i++)
		if (!strcmp(l->v[i], s))
			return 1;
	return 0;
}

void sl_release(strlist *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = l->cap = 0;
}

/* A huge page, and the least a block is mapped for: from BIG_MIN up, a
 * block takes whole huge pages (256 KB takes 2 MB, touched only as far as
 * it is used, but the kernel backs a huge page whole) */
#define HUGE ((size_t)2 << 20)
#define BIG_MIN ((size_t)256 << 10)

/* the length a block of N bytes, from BIG_MIN up, is mapped for */
static size_t big_len(size_t n)
{
	return (n + HUGE - 1) & ~(HUGE - 1);
}

/* Blocks freed, kept for the next xbig_alloc: their pages are in
 * memory already, where a fresh block's first touch has the kernel zero
 * a huge page (about 0.5 ms each on a virtual machine).  A listing frees
 * its scratch arrays as it goes and allocates the next ones; at most
 * CACHE_MAX bytes wait here, in at most CACHE_N blocks. */
#define CACHE_N 8
#define CACHE_MAX ((size_t)32 << 20)
static struct {
	pthread_mutex_t mu;
	char *p[CACHE_N];
	size_t size[CACHE_N], total;
	int n;
} cache = {.mu = PTHREAD_MUTEX_INITIALIZER};

/* A cached block of at least SIZE bytes, or NULL: the smallest that
 * fits, its tail past SIZE (whole huge pages) back to the cache */
static char *cache_take(size_t size)
{
	char *q = NULL;
	pthread_mutex_lock(&cache.mu);
	int best = -1;
	for (int i = 0; i < cache.n; i++)
		if (cache.size[i] >= size && (best < 0 || cache.size[i] < cache.size[best]))
			best = i;
	if (best >= 0) {
		q = cache.p[best];
		size_t left = cache.size[best] - size;
		cache.total -= size;
		if (left) {
			cache.p[best] = q + size;
			cache.size[best] = left;
		} else {
			cache.n--;
			cache.p[best] = cache.p[cache.n];
			cache.size[best] = cache.size[cache.n];
		}
	}
	pthread_mutex_unlock(&cache.mu);
	return q;
}

/* Keeps block P of SIZE bytes for later: 1, or 0 when the cache is full */
static int cache_put(char *p, size_t size)
{
	int kept = 0;
	pthread_mutex_lock(&cache.mu);
	if (cache.n < CACHE_N && cache.total + size <= CACHE_MAX) {
		cache.p[cache.n] = p;
		cache.size[cache.n++] = size;
		cache.total += size;
		kept = 1;
	}
	pthread_mutex_unlock(&cache.mu);
	return kept;
}

void *xbig_alloc(size_t n)
{
	if (n < BIG_MIN)
		return xmalloc(n);
	size_t size = big_len(n);
	char *q = cache_take(size);
	if (q)
		return q;
	/* one huge page more, to cut an aligned block out of */
	char *p =
		mmap(NULL, size + HUGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		die_oom(n);
	q = (char *)(((uintptr_t)p + HUGE - 1) & ~(uintptr_t)(HUGE - 1));
	if (q > p)
		munmap(p, (size_t)(q - p));
	if (q + size < p + size + HUGE)
		munmap(q + size, (size_t)(p + size + HUGE - (q + size)));
#ifdef MADV_HUGEPAGE
	/* only advice: without transparent huge pages it fails, harmlessly */
	(void)madvise(q, size, MADV_HUGEPAGE);
#endif
	return q;
}

void xbig_free(void *p, size_t n)
{
	if (!p)
		return;
	if (n < BIG_MIN)
		free(p);
	else if (!cache_put(p, big_len(n)))
		munmap(p, big_len(n));
}

size_t xbig_cached(void)
{
	pthread_mutex_lock(&cache.mu);
	size_t n = cache.total;
	pthread_mutex_unlock(&cache.mu);
	return n;
}

void *xbig_realloc(void *p, size_t old, size_t n)
{
	if (!p)
		return xbig_alloc(n);
	if (n < BIG_MIN && old < BIG_MIN)
		return xrealloc(p, n);
	/* mapped both: the pages move rather than be copied, so that
	 * growing a block touches no page but those the caller writes next
	 * (a copy faults in and zeroes a new huge page for each old one) */
	int mapped = old >= BIG_MIN && n >= BIG_MIN;
	if (mapped) {
		size_t os = big_len(old), ns = big_len(n);
		if (ns <= os) {
			if (ns < os)
				munmap((char *)p + ns, os - ns);
			return p;
		}
#ifdef MREMAP_FIXED
		if (mremap(p, os, ns, 0) != MAP_FAILED)
			return p; /* grown in place, advice and all */
#endif
	}
	void *q = xbig_alloc(n);
#ifdef MREMAP_FIXED
	if (mapped &&
	    mremap(p, big_len(old), big_len(old), MREMAP_MAYMOVE | MREMAP_FIXED, q) != MAP_FAILED)
		return q;
#endif
	memcpy(q, p, old < n ? old : n);
	xbig_free(p, old);
	return q;
}

/* Each block starts with its size, for arena_release. */
#define ARENA_HEAD sizeof(size_t)

char *arena_strndup(arena *a, const char *s, size_t n)
{
	size_t len = n + 1;
	if (len > a->left) {
		/* 4 KB, doubling to 64 KB: small tables stay small; 2 MB
		 * blocks past 376 KB (the ninth block) */
		size_t size = a->big           ? HUGE
			      : a->nblocks < 4 ? (size_t)4096 << a->nblocks
			      : a->nblocks < 8 ? 65536
					       : HUGE;
		if (size < len + ARENA_HEAD)
			size = len + ARENA_HEAD;
		ALLOC_GROW(a->blocks, a->nblocks, a->capblocks);
		char *b = a->blocks[a->nblocks++] = xbig_alloc(size);
		memcpy(b, &size, sizeof(size));
		a->cur = b + ARENA_HEAD;
		a->left = size - ARENA_HEAD;
	}
	char *p = a->cur;
	memcpy(p, s, n);
	p[n] = '\0';
	a->cur += len;
	a->left -= len;
	return p;
}

char *arena_strdup(arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

void arena_release(arena *a)
{
	for (size_t i = 0; i < a->nblocks; i++) {
		size_t size;
		memcpy(&size, a->blocks[i], sizeof(size));
		xbig_free(a->blocks[i], size);
	}
	free(a->blocks);
	int big = a->big;
	memset(a, 0, sizeof(*a));
	a->big = big;
}

/* FNV-1a, 64-bit: fast, stable across runs (content hashes are stored). */
uint64_t hash_bytes(const void *p, size_t n)
{
	const unsigned char *s = p;
	uint64_t h = 1469598103934665603ULL;
	for (size_t i = 0; i < n; i++) {
		h ^= s[i];
		h *= 1099511628211ULL;
	}
	return h;
}

void sort_array(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *))
{
	if (n > 1)
		qsort(base, n, size, cmp);
}

void sort_keyed(pg_keyed *v, size_t n)
{
	if (n < 32) { /* insertion sort: stable */
		for (size_t i = 1; i < n; i++) {
			pg_keyed x = v[i];
			size_t j = i;
			for (; j > 0 && v[j - 1].key > x.key; j--)
				v[j] = v[j - 1];
			v[j] = x;
		}
		return;
	}
	/* least significant byte first; a byte all keys share is skipped */
	size_t(*count)[256] = xcalloc(8, sizeof(*count));
	for (size_t i = 0; i < n; i++)
		for (int d = 0; d < 8; d++)
			count[d][(v[i].key >> (8 * d)) & 255]++;
	pg_keyed *tmp = xbig_alloc(n * sizeof(*v)), *a = v, *b = tmp;
	for (int d = 0; d < 8; d++) {
		size_t *c = count[d];
		if (c[(a[0].key >> (8 * d)) & 255] == n)
			continue;
		for (size_t k = 0, pos = 0; k < 256; k++) {
			size_t m = c[k];
			c[k] = pos;
			pos += m;
		}
		for (size_t i = 0; i < n; i++)
			b[c[(a[i].key >> (8 * d)) & 255]++] = a[i];
		pg_keyed *t = a;
		a = b;
		b = t;
	}
	if (a != v)
		memcpy(v, a, n * sizeof(*v));
	xbig_free(tmp, n * sizeof(*v));
	free(count);
}

/* snprintf(acc, 11, "%s", d) without the format machinery: called for
 * every note of every person and topic summed up */
static void day_copy(char *acc, const char *d)
{
	size_t n = strnlen(d, 10);
	memcpy(acc, d, n);
	acc[n] = '\0';
}

void day_min(char *acc, const char *d)
{
	if (d && (!*acc || strcmp(d, acc) < 0))
		day_copy(acc, d);
}

void day_max(char *acc, const char *d)
{
	if (d && strcmp(d, acc) > 0)
		day_copy(acc, d);
}
