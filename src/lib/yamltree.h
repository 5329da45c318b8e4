/*
 * yamltree.h — a small document tree over libyaml's event parser.
 *
 * Only what front matter and the config need: scalars, sequences, mappings
 * (children alternate key, value).  Aliases are expanded by copying, within a
 * budget of nodes, so an alias bomb is an error and not an explosion; nesting
 * deeper than YAML_MAX_DEPTH is an error.
 */
#ifndef PG_YAMLTREE_H
#define PG_YAMLTREE_H

#include <stddef.h>

#define YAML_MAX_DEPTH 64
#define YAML_MAX_NODES 20000

enum { Y_SCALAR, Y_SEQ, Y_MAP };

typedef struct ynode {
	int type;
	char *str;  /* scalars: the value (never NULL) */
	int quoted; /* scalars: written with quotes */
	int line;   /* 1-based, relative to the parsed text */
	struct ynode **kids;
	size_t n, cap;
} ynode;

/* Parses the first document of BUF.  On success returns 0 and sets *OUT
 * (caller frees with ynode_free; NULL for an empty document).  On failure
 * returns -1 and sets *ERR (caller frees) and *ERR_LINE (1-based). */
int yaml_load(const char *buf, size_t len, ynode **out, char **err, int *err_line);
void ynode_free(ynode *n);
/* For a mapping: the value of KEY (compared case-insensitively), or NULL. */
const ynode *ymap_get(const ynode *map, const char *key);

#endif
