#include "yamltree.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <yaml.h>

#include "util.h"

typedef struct anchor {
	char *name;
	ynode *node;
} anchor;

typedef struct loader {
	yaml_parser_t p;
	anchor *anchors;
	size_t nanchors, capanchors;
	size_t nodes;
	char *err;
	int err_line;
} loader;

static ynode *node_new(loader *L, int type, int line)
{
	ynode *n = xcalloc(1, sizeof(*n));
	n->type = type;
	n->line = line;
	L->nodes++;
	return n;
}

static void kid_add(ynode *parent, ynode *kid)
{
	ALLOC_GROW(parent->kids, parent->n, parent->cap);
	parent->kids[parent->n++] = kid;
}

void ynode_free(ynode *n)
{
	if (!n)
		return;
	for (size_t i = 0; i < n->n; i++)
		ynode_free(n->kids[i]);
	free(n->kids);
	free(n->str);
	free(n);
}

static ynode *node_copy(loader *L, const ynode *src)
{
	if (L->nodes >= YAML_MAX_NODES)
		return NULL;
	ynode *n = node_new(L, src->type, src->line);
	n->str = src->str ? xstrdup(src->str) : NULL;
	n->quoted = src->quoted;
	for (size_t i = 0; i < src->n; i++) {
		ynode *k = node_copy(L, src->kids[i]);
		if (!k) {
			ynode_free(n);
			return NULL;
		}
		kid_add(n, k);
	}
	return n;
}

static int fail(loader *L, int line, const char *msg)
{
	if (!L->err) {
		L->err = xstrdup(msg);
		L->err_line = line;
	}
	return -1;
}

static void remember(loader *L, const unsigned char *name, ynode *n)
{
	if (!name)
		return;
	ALLOC_GROW(L->anchors, L->nanchors, L->capanchors);
	L->anchors[L->nanchors].name = xstrdup((const char *)name);
	L->anchors[L->nanchors].node = n;
	L->nanchors++;
}

/* Parses one node whose first event is EV (already taken); sets *OUT. */
static int parse_node(loader *L, yaml_event_t *ev, int depth, ynode **out)
{
	int line = (int)ev->start_mark.line + 1;
	*out = NULL;
	if (depth > YAML_MAX_DEPTH)
		return fail(L, line, "nesting deeper than 64 levels");
	if (L->nodes >= YAML_MAX_NODES)
		return fail(L, line, "more than 20000 YAML nodes (alias expansion?)");
	switch (ev->type) {
	case YAML_SCALAR_EVENT: {
		ynode *n = node_new(L, Y_SCALAR, line);
		n->str = xstrndup((const char *)ev->data.scalar.value, ev->data.scalar.length);
		n->quoted = ev->data.scalar.style == YAML_SINGLE_QUOTED_SCALAR_STYLE ||
			    ev->data.scalar.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE;
		remember(L, ev->data.scalar.anchor, n);
		*out = n;
		return 0;
	}
	case YAML_ALIAS_EVENT: {
		const char *name = (const char *)ev->data.alias.anchor;
		for (size_t i = L->nanchors; i-- > 0;) {
			if (strcmp(L->anchors[i].name, name))
				continue;
			*out = node_copy(L, L->anchors[i].node);
			if (!*out)
				return fail(L, line, "alias expands to more than 20000 YAML nodes");
			return 0;
		}
		return fail(L, line, "alias to an unknown anchor");
	}
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT: {
		int is_seq = ev->type == YAML_SEQUENCE_START_EVENT;
		ynode *n = node_new(L, is_seq ? Y_SEQ : Y_MAP, line);
		const unsigned char *anchor_name =
			is_seq ? ev->data.sequence_start.anchor : ev->data.mapping_start.anchor;
		char *aname = anchor_name ? xstrdup((const char *)anchor_name) : NULL;
		for (;;) {
			yaml_event_t e;
			if (!yaml_parser_parse(&L->p, &e)) {
				free(aname);
				ynode_free(n);
				return fail(L, (int)L->p.problem_mark.line + 1,
					    L->p.problem ? L->p.problem : "invalid YAML");
			}
			if (e.type == YAML_SEQUENCE_END_EVENT || e.type == YAML_MAPPING_END_EVENT) {
				yaml_event_delete(&e);
				break;
			}
			ynode *kid;
			int rc = parse_node(L, &e, depth + 1, &kid);
			yaml_event_delete(&e);
			if (rc < 0) {
				free(aname);
				ynode_free(n);
				return -1;
			}
			kid_add(n, kid);
		}
		if (aname) {
			remember(L, (const unsigned char *)aname, n);
			free(aname);
		}
		*out = n;
		return 0;
	}
	default: return fail(L, line, "unexpected YAML event");
	}
}

int yaml_load(const char *buf, size_t len, ynode **out, char **err, int *err_line)
{
	loader L;
	memset(&L, 0, sizeof(L));
	*out = NULL;
	*err = NULL;
	*err_line = 0;
	if (!yaml_parser_initialize(&L.p)) {
		*err = xstrdup("cannot initialise the YAML parser");
		return -1;
	}
	yaml_parser_set_input_string(&L.p, (const unsigned char *)buf, len);
	int rc = 0;
	ynode *root = NULL;
	for (;;) {
		yaml_event_t e;
		if (!yaml_parser_parse(&L.p, &e)) {
			rc = fail(&L, (int)L.p.problem_mark.line + 1,
				  L.p.problem ? L.p.problem : "invalid YAML");
			break;
		}
		yaml_event_type_t t = e.type;
		if (t == YAML_STREAM_END_EVENT || t == YAML_DOCUMENT_END_EVENT) {
			yaml_event_delete(&e);
			break;
		}
		if (t == YAML_SCALAR_EVENT || t == YAML_SEQUENCE_START_EVENT ||
		    t == YAML_MAPPING_START_EVENT || t == YAML_ALIAS_EVENT) {
			rc = parse_node(&L, &e, 0, &root);
			yaml_event_delete(&e);
			break;
		}
		yaml_event_delete(&e);
	}
	for (size_t i = 0; i < L.nanchors; i++)
		free(L.anchors[i].name);
	free(L.anchors);
	if (rc < 0 || L.err) {
		ynode_free(root);
		*err = L.err ? L.err : xstrdup("invalid YAML");
		*err_line = L.err_line;
		if (L.p.problem && !L.err_line)
			*err_line = (int)L.p.problem_mark.line + 1;
		yaml_parser_delete(&L.p);
		return -1;
	}
	yaml_parser_delete(&L.p);
	*out = root;
	return 0;
}

const ynode *ymap_get(const ynode *map, const char *key)
{
	if (!map || map->type != Y_MAP)
		return NULL;
	for (size_t i = 0; i + 1 < map->n; i += 2)
		if (map->kids[i]->type == Y_SCALAR && !strcasecmp(map->kids[i]->str, key))
			return map->kids[i + 1];
	return NULL;
}
