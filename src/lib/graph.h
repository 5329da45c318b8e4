/*
 * graph.h — the people graph as plain data, and its renderers.
 *
 * graph.c builds a pg_graph from the store (filters applied); render.c turns
 * it into DOT/SVG/PNG/PDF through cgraph+gvc, or into JSON, GraphML, GEXF
 * and Mermaid with its own writers.  Strings in a pg_graph are owned by it.
 */
#ifndef PG_GRAPH_H
#define PG_GRAPH_H

#include <stddef.h>
#include <stdio.h>

typedef struct pg_gnode {
	char *id;     /* stable, e.g. "p12" */
	char *name;   /* display name (already pseudonymised when asked) */
	char *org;    /* may be NULL */
	int meetings; /* notes attended */
	char *last;   /* last met, YYYY-MM-DD or NULL */
	int is_focus; /* the --focus person */
	int is_owner; /* the vault owner */
	char *href;   /* link to a note, only when asked; NULL otherwise */
} pg_gnode;

typedef struct pg_gedge {
	size_t source, target; /* indexes into nodes */
	int kind;              /* PG_EDGE_MET (undirected) or PG_EDGE_MENTIONED (directed) */
	int weight;            /* notes behind the edge */
	char *first, *last;    /* dates, may be NULL */
	char **topics;         /* top topics of the notes behind the edge */
	size_t ntopics;
} pg_gedge;

enum { PG_EDGE_MET = 1, PG_EDGE_MENTIONED = 2 };

typedef struct pg_graph {
	pg_gnode *nodes;
	size_t nnodes, capnodes;
	pg_gedge *edges;
	size_t nedges, capedges;
	char *title;   /* caption, may be NULL */
	char **legend; /* topic legend entries, may be empty */
	size_t nlegend;
} pg_graph;

enum pg_format {
	PG_FMT_DOT,
	PG_FMT_SVG,
	PG_FMT_PNG,
	PG_FMT_PDF,
	PG_FMT_JSON,
	PG_FMT_GRAPHML,
	PG_FMT_GEXF,
	PG_FMT_MERMAID,
	PG_FMT_UNKNOWN
};

typedef struct pg_render_opts {
	int format;
	const char *layout;    /* "auto" or NULL: chosen by size; else a Graphviz engine */
	int max_mermaid_edges; /* 0: 500 */
} pg_render_opts;

/* Format from a name ("svg") or a file extension ("x.graphml"); PG_FMT_UNKNOWN. */
int pg_format_from_name(const char *name);
int pg_format_from_path(const char *path);

/* Writes G to OUT.  Returns 0, or -1 after printing an error. */
int pg_graph_render(const pg_graph *g, const pg_render_opts *opts, FILE *out);

size_t pg_graph_add_node(pg_graph *g, const char *id, const char *name, const char *org);
pg_gedge *pg_graph_add_edge(pg_graph *g, size_t source, size_t target, int kind);
void pg_graph_release(pg_graph *g);

#endif
