/*
 * strmap.h — an open-addressing hash map from strings to ints.
 * Keys are copied; strmap_release() frees them.  Not thread-safe for writes.
 */
#ifndef PG_STRMAP_H
#define PG_STRMAP_H

#include <stddef.h>

typedef struct strmap_entry {
	char *key;
	int value;
	unsigned hash; /* of key: most probes end without a strcmp */
} strmap_entry;

typedef struct strmap {
	strmap_entry *slots;
	size_t cap, n;
} strmap;

#define STRMAP_INIT        \
	{                  \
		NULL, 0, 0 \
	}
/* Returns a pointer to the value of KEY, or NULL when absent. */
int *strmap_get(const strmap *m, const char *key);
/* Inserts KEY with VALUE unless present; returns the stored value's slot. */
int *strmap_put(strmap *m, const char *key, int value);
/* Makes room for N keys in all, so that filling M rehashes no more. */
void strmap_reserve(strmap *m, size_t n);
void strmap_release(strmap *m);

#endif
