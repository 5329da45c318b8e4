/*
 * graph_data.c — building and freeing a pg_graph, and output format names.
 */
#include "graph.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util.h"

size_t pg_graph_add_node(pg_graph *g, const char *id, const char *name, const char *org)
{
	ALLOC_GROW(g->nodes, g->nnodes, g->capnodes);
	pg_gnode *n = &g->nodes[g->nnodes];
	memset(n, 0, sizeof(*n));
	n->id = xstrdup(id ? id : "");
	n->name = xstrdup(name ? name : "");
	n->org = org ? xstrdup(org) : NULL;
	return g->nnodes++;
}

pg_gedge *pg_graph_add_edge(pg_graph *g, size_t source, size_t target, int kind)
{
	ALLOC_GROW(g->edges, g->nedges, g->capedges);
	pg_gedge *e = &g->edges[g->nedges++];
	memset(e, 0, sizeof(*e));
	e->source = source;
	e->target = target;
	e->kind = kind;
	e->weight = 1;
	return e;
}

void pg_graph_release(pg_graph *g)
{
	if (!g)
		return;
	for (size_t i = 0; i < g->nnodes; i++) {
		pg_gnode *n = &g->nodes[i];
		free(n->id);
		free(n->name);
		free(n->org);
		free(n->last);
		free(n->href);
	}
	free(g->nodes);
	for (size_t i = 0; i < g->nedges; i++) {
		pg_gedge *e = &g->edges[i];
		free(e->first);
		free(e->last);
		for (size_t j = 0; j < e->ntopics; j++)
			free(e->topics[j]);
		free(e->topics);
	}
	free(g->edges);
	free(g->title);
	for (size_t i = 0; i < g->nlegend; i++)
		free(g->legend[i]);
	free(g->legend);
	memset(g, 0, sizeof(*g));
}

static const struct {
	const char *name;
	int format;
} format_names[] = {
	{"dot", PG_FMT_DOT},         {"gv", PG_FMT_DOT},    {"svg", PG_FMT_SVG},
	{"png", PG_FMT_PNG},         {"pdf", PG_FMT_PDF},   {"json", PG_FMT_JSON},
	{"graphml", PG_FMT_GRAPHML}, {"gexf", PG_FMT_GEXF}, {"mermaid", PG_FMT_MERMAID},
	{"mmd", PG_FMT_MERMAID},
};

int pg_format_from_name(const char *name)
{
	if (!name)
		return PG_FMT_UNKNOWN;
	for (size_t i = 0; i < sizeof(format_names) / sizeof(format_names[0]); i++)
		if (!strcasecmp(name, format_names[i].name))
			return format_names[i].format;
	return PG_FMT_UNKNOWN;
}

int pg_format_from_path(const char *path)
{
	if (!path)
		return PG_FMT_UNKNOWN;
	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;
	const char *dot = strrchr(base, '.');
	if (!dot || dot == base)
		return PG_FMT_UNKNOWN;
	return pg_format_from_name(dot + 1);
}
