#include "strmap.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

static size_t slot_of(const strmap_entry *slots, size_t cap, const char *key)
{
	size_t i = (size_t)hash_bytes(key, strlen(key)) & (cap - 1);
	while (slots[i].key && strcmp(slots[i].key, key))
		i = (i + 1) & (cap - 1);
	return i;
}

int *strmap_get(const strmap *m, const char *key)
{
	if (!m->cap)
		return NULL;
	size_t i = slot_of(m->slots, m->cap, key);
	return m->slots[i].key ? &m->slots[i].value : NULL;
}

static void rehash(strmap *m)
{
	size_t cap = m->cap ? m->cap * 2 : 64;
	strmap_entry *slots = xcalloc(cap, sizeof(*slots));
	for (size_t i = 0; i < m->cap; i++) {
		if (!m->slots[i].key)
			continue;
		size_t j = slot_of(slots, cap, m->slots[i].key);
		slots[j] = m->slots[i];
	}
	free(m->slots);
	m->slots = slots;
	m->cap = cap;
}

int *strmap_put(strmap *m, const char *key, int value)
{
	if ((m->n + 1) * 4 >= m->cap * 3)
		rehash(m);
	size_t i = slot_of(m->slots, m->cap, key);
	if (!m->slots[i].key) {
		m->slots[i].key = xstrdup(key);
		m->slots[i].value = value;
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
