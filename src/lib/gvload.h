/*
 * gvload.h — Graphviz (cgraph + gvc), loaded the first time a graph is
 * drawn with it.
 *
 * Of the commands only `graph` draws, yet a program linked with Graphviz
 * loads its seven libraries at every start: 2 ms of the 5 ms a `people`
 * or `history` takes on a virtual machine.  So peoplegraph is not linked
 * with them; gv_load() opens libgvc (which brings libcgraph) with dlopen
 * and looks up the functions the renderer calls, through the table it
 * returns.  The headers still give every type and signature.
 */
#ifndef PG_GVLOAD_H
#define PG_GVLOAD_H

#include <gvc.h>

/* every Graphviz function render.c calls (a list: not formatted) */
/* clang-format off */
#define PG_GV_FUNCS(X) \
	X(agopen) X(agclose) X(agnode) X(agedge) X(agattr) X(agsafeset) \
	X(agstrdup_html) X(agstrfree) X(agwrite) X(agseterr) X(agseterrf) \
	X(gvContext) X(gvFreeContext) X(gvLayout) X(gvRenderData) \
	X(gvFreeRenderData) X(gvFreeLayout)
/* clang-format on */

typedef struct pg_gv {
#define PG_GV_MEMBER(f) __typeof__(f) *f;
	PG_GV_FUNCS(PG_GV_MEMBER)
#undef PG_GV_MEMBER
	Agdesc_t *Agdirected; /* a variable of libcgraph */
} pg_gv;

/* The loaded functions, or NULL after pg_error() said why (the library
 * or a function missing).  Loaded once, by whichever thread asks first,
 * and never unloaded: Graphviz's context is freed at exit. */
const pg_gv *gv_load(void);

#endif
