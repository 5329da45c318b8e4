/*
 * fuzz_yaml.c — libFuzzer target: yamltree over arbitrary bytes
 * (anchors/aliases within the node budget, depth limit, error paths).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "yamltree.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static size_t walk(const ynode *n, int depth)
{
	if (!n)
		return 0;
	if (depth > YAML_MAX_DEPTH + 1)
		abort(); /* the depth limit was not enforced */
	size_t c = 1;
	if (n->type == Y_SCALAR) {
		if (!n->str)
			abort(); /* scalars never have a NULL value */
		(void)strlen(n->str);
	}
	if (n->type == Y_MAP && n->n % 2)
		abort(); /* mapping children alternate key, value */
	for (size_t i = 0; i < n->n; i++)
		c += walk(n->kids[i], depth + 1);
	return c;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 256u * 1024u)
		return -1;
	ynode *root = NULL;
	char *err = NULL;
	int err_line = 0;
	if (yaml_load((const char *)data, size, &root, &err, &err_line) == 0) {
		size_t nodes = walk(root, 0);
		/* aliases are copied within a budget; allow slack for the last copy */
		if (nodes > 4u * YAML_MAX_NODES)
			abort();
		if (root && root->type == Y_MAP) {
			(void)ymap_get(root, "title");
			(void)ymap_get(root, "participants");
		}
		ynode_free(root);
	} else {
		free(err);
	}
	return 0;
}
