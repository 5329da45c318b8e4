/*
 * graphq.h — the people graph of the index, filtered (graph.h has the data).
 * Nodes: people (meetings = notes attended).  Edges: met (two participants
 * of one note; undirected) and mentioned (a participant referenced someone;
 * directed), with weight = notes, first/last date and top topics.
 */
#ifndef PG_GRAPHQ_H
#define PG_GRAPHQ_H

#include "graph.h"
#include "store.h"

typedef struct pg_graph_query {
	int focus_id; /* person id, 0 = none */
	int depth;    /* steps from the focus */
	const char *since, *until, *tag, *topic;
	int min_weight;
	int top;       /* at most this many people; 0 = all */
	int max_edges; /* at most this many edges, strongest first; 0 = all, -1 = 2 a person */
	int edges;     /* PG_EDGE_MET | PG_EDGE_MENTIONED */
	int exclude_me;
	int anonymize;
	int links; /* nodes link to their latest note (relative path) */
	int quiet;
} pg_graph_query;

/* Fills G (caller releases with pg_graph_release).  0, or -1. */
int pg_graph_build(pg_vault *v, const pg_graph_query *q, pg_graph *g);

#endif
