#include "strmap.h"

#include <stdlib.h>
#include <stdint.h>
#include <string.h>

#include "util.h"

static size_t slot_of(const strmap_entry *slots, size_t cap, const char *key, unsigned h)
{
	size_t i = h & (cap - 1);
	while (slots[i].key && (slots[i].hash != h || strcmp(slots[i].key, key)))
		i = (i + 1) & (cap - 1);
	return i;
}

/* Eight bytes at a time: the name scanner looks up nearly every word of
 * every note, and a byte-at-a-time hash was a tenth of a lookup's cost.
 * Not stored anywhere, so free to differ between machines. */
static unsigned hash_of(const char *key)
{
	size_t n = strlen(key);
	uint64_t h = 0x9e3779b97f4a7c15ULL ^ n;
	for (; n >= 8; n -= 8, key += 8) {
		uint64_t w;
		memcpy(&w, key, 8);
		h = (h ^ w) * 0xbf58476d1ce4e5b9ULL;
		h ^= h >> 31;
	}
	uint64_t w = 0;
	memcpy(&w, key, n);
	h = (h ^ w) * 0x94d049bb133111ebULL;
	h ^= h >> 29;
	return (unsigned)(h ^ (h >> 32));
}

int *strmap_get(const strmap *m, const char *key)
{
	if (!m->cap)
		return NULL;
	size_t i = slot_of(m->slots, m->cap, key, hash_of(key));
	return m->slots[i].key ? &m->slots[i].value : NULL;
}

static void rehash_to(strmap *m, size_t cap)
{
	strmap_entry *slots = xcalloc(cap, sizeof(*slots));
	for (size_t i = 0; i < m->cap; i++) {
		if (!m->slots[i].key)
			continue;
		size_t j = slot_of(slots, cap, m->slots[i].key, m->slots[i].hash);
		slots[j] = m->slots[i];
	}
	free(m->slots);
	m->slots = slots;
	m->cap = cap;
}

static void rehash(strmap *m)
{
	rehash_to(m, m->cap ? m->cap * 2 : 64);
}

void strmap_reserve(strmap *m, size_t n)
{
	size_t cap = m->cap ? m->cap : 64;
	while ((n + 1) * 2 >= cap)
		cap *= 2;
	if (cap > m->cap)
		rehash_to(m, cap);
}

int *strmap_put(strmap *m, const char *key, int value)
{
	/* at most half full: lookups of absent words (most of them) stay short */
	if ((m->n + 1) * 2 >= m->cap)
		rehash(m);
	unsigned h = hash_of(key);
	size_t i = slot_of(m->slots, m->cap, key, h);
	if (!m->slots[i].key) {
		m->slots[i].key = xstrdup(key);
		m->slots[i].value = value;
		m->slots[i].hash = h;
		m->n++;
	}
	return &m->slots[i].value;
}

void strmap_release(strmap *m)
{
	for (size_t i = 0; i < m->cap; i++)
		free(m->slots[i].key);
	free(m->slots);
	m->slots = NULL;
	m->cap = m->n = 0;
}
