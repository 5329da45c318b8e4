/* graphq.c — building the people graph from the index (graphq.h). */
#include "graphq.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "strmap.h"
#include "text.h"
#include "util.h"

typedef struct gperson {
	char *name, *org;
	int meetings;
	const char *last;      /* a note's, in N */
	const char *last_path; /* a note's, in N */
	int keep;
	double score;
	int depth;
	int node; /* index in the output graph, or -1 */
} gperson;

typedef struct gedge {
	int a, b, kind, weight;
	const char *first, *last; /* notes' dates, in N */
} gedge;

/* An open-addressing map from nonzero 64-bit keys to ints: the edges by
 * (person, person, kind), a million lookups for a large vault, where
 * printing and hashing a string key cost more than the rest. */
typedef struct i64map {
	uint64_t *keys; /* 0: empty */
	int *vals;
	size_t cap, n;
} i64map;

static size_t i64_slot(const i64map *m, uint64_t key)
{
	uint64_t h = key * 0x9E3779B97F4A7C15ULL;
	size_t i = (size_t)(h >> 20) & (m->cap - 1);
	while (m->keys[i] && m->keys[i] != key)
		i = (i + 1) & (m->cap - 1);
	return i;
}

static int *i64_get(const i64map *m, uint64_t key)
{
	if (!m->cap)
		return NULL;
	size_t i = i64_slot(m, key);
	return m->keys[i] ? &m->vals[i] : NULL;
}

/* The value of KEY, inserted as VAL when absent. */
static int *i64_put(i64map *m, uint64_t key, int val)
{
	if ((m->n + 1) * 2 >= m->cap) {
		size_t cap = m->cap ? m->cap * 2 : 1024;
		i64map bigger = {xcalloc(cap, sizeof(uint64_t)), xmalloc(cap * sizeof(int)), cap,
				 m->n};
		for (size_t i = 0; i < m->cap; i++)
			if (m->keys[i]) {
				size_t j = i64_slot(&bigger, m->keys[i]);
				bigger.keys[j] = m->keys[i];
				bigger.vals[j] = m->vals[i];
			}
		free(m->keys);
		free(m->vals);
		*m = bigger;
	}
	size_t i = i64_slot(m, key);
	if (!m->keys[i]) {
		m->keys[i] = key;
		m->vals[i] = val;
		m->n++;
	}
	return &m->vals[i];
}

static void i64_release(i64map *m)
{
	free(m->keys);
	free(m->vals);
	memset(m, 0, sizeof(*m));
}

static uint64_t edge_key(int u, int w, int kind)
{
	return ((uint64_t)(unsigned)u << 34) | ((uint64_t)(unsigned)w << 2) | (uint64_t)kind;
}

typedef struct gnote {
	sqlite3_int64 id;
	char *date, *path;
	intlist part, ref;
	strlist topics;
} gnote;

typedef struct keylist {
	uint64_t *v;
	size_t n, cap;
} keylist;

/* The edges note X makes, of the kinds in EDGES, as edge_key gives them:
 * each pair of its participants met (the lower index first), and each
 * participant mentions each person it references. */
static void note_edges(const gnote *x, int edges, keylist *out)
{
	out->n = 0;
	for (int kind = PG_EDGE_MET; kind <= PG_EDGE_MENTIONED; kind++) {
		if (!(edges & kind))
			continue;
		const intlist *other = kind == PG_EDGE_MET ? &x->part : &x->ref;
		for (size_t a = 0; a < x->part.n; a++)
			for (size_t b = kind == PG_EDGE_MET ? a + 1 : 0; b < other->n; b++) {
				int u = x->part.v[a], w = other->v[b];
				if (u == w)
					continue;
				if (kind == PG_EDGE_MET && u > w) {
					int t = u;
					u = w;
					w = t;
				}
				ALLOC_GROW(out->v, out->n, out->cap);
				out->v[out->n++] = edge_key(u, w, kind);
			}
	}
}

static void bump_date(const char **lo, const char **hi, const char *d)
{
	if (!d)
		return;
	if (lo && (!*lo || strcmp(d, *lo) < 0))
		*lo = d;
	if (hi && (!*hi || strcmp(d, *hi) > 0))
		*hi = d;
}

static char *pseudonym(const char *prefix, const char *name)
{
	char *f = text_fold(name);
	uint64_t h = hash_bytes(f, strlen(f));
	free(f);
	return xasprintf("%s %04llx", prefix, (unsigned long long)(h & 0xffff));
}

typedef struct tcount {
	const char *term;
	int n;
} tcount;

static int tcount_cmp(const void *x, const void *y)
{
	const tcount *a = x, *b = y;
	if (a->n != b->n)
		return b->n - a->n;
	return strcmp(a->term, b->term);
}

static void top_terms(const strmap *m, size_t k, char ***out, size_t *nout)
{
	tcount *v = xmalloc((m->n ? m->n : 1) * sizeof(*v));
	size_t n = 0;
	for (size_t i = 0; i < m->cap; i++)
		if (m->slots[i].key) {
			v[n].term = m->slots[i].key;
			v[n].n = m->slots[i].value;
			n++;
		}
	sort_array(v, n, sizeof(*v), tcount_cmp);
	*nout = n < k ? n : k;
	*out = xcalloc(*nout ? *nout : 1, sizeof(char *));
	for (size_t i = 0; i < *nout; i++)
		(*out)[i] = xstrdup(v[i].term);
	free(v);
}

static int node_cmp_name(const void *x, const void *y, void *ctx)
{
	const gperson *P = ctx;
	int a = *(const int *)x, b = *(const int *)y;
	int c = strcmp(P[a].name, P[b].name);
	return c ? c : a - b;
}

static gperson *sort_ctx;
static int node_cmp(const void *x, const void *y)
{
	return node_cmp_name(x, y, sort_ctx);
}

static int score_cmp(const void *x, const void *y)
{
	int a = *(const int *)x, b = *(const int *)y;
	if (sort_ctx[a].score != sort_ctx[b].score)
		return sort_ctx[b].score > sort_ctx[a].score ? 1 : -1;
	return strcmp(sort_ctx[a].name, sort_ctx[b].name);
}

static gedge *mention_ctx;
static gperson *mention_people;
static int mention_cmp(const void *x, const void *y)
{
	const gedge *a = &mention_ctx[*(const int *)x], *b = &mention_ctx[*(const int *)y];
	if (a->b != b->b)
		return a->b - b->b;
	if (a->weight != b->weight)
		return b->weight - a->weight;
	return strcmp(mention_people[a->a].name, mention_people[b->a].name);
}

static gedge *edge_ctx;
static gperson *edge_people;
/* Heaviest first; then met before mentioned, then by names. */
static int edge_weight_cmp(const void *x, const void *y)
{
	const gedge *a = &edge_ctx[*(const int *)x], *b = &edge_ctx[*(const int *)y];
	if (a->weight != b->weight)
		return b->weight - a->weight;
	if (a->kind != b->kind)
		return a->kind - b->kind;
	int c = strcmp(edge_people[a->a].name, edge_people[b->a].name);
	return c ? c : strcmp(edge_people[a->b].name, edge_people[b->b].name);
}

static int gedge_cmp(const void *x, const void *y)
{
	const pg_gedge *p = x, *t = y;
	if (p->source != t->source)
		return p->source > t->source ? 1 : -1;
	if (p->target != t->target)
		return p->target > t->target ? 1 : -1;
	return p->kind - t->kind;
}

int pg_graph_build(pg_vault *v, const pg_graph_query *q, pg_graph *g)
{
	int rc = -1;
	memset(g, 0, sizeof(*g));
	sqlite3_stmt *s = NULL;
	gperson *P = NULL;
	size_t np = 0;
	gnote *N = NULL;
	size_t nn = 0, capn = 0;
	gedge *E = NULL;
	size_t ne = 0, cape = 0;
	i64map eidx = {0}, drawn = {0};
	strmap legend = STRMAP_INIT;
	strmap *dtopics = NULL; /* per drawn edge: its notes' topics, counted */
	int *ei = NULL;
	size_t nei = 0;
	keylist keys = {0}; /* the edges of one note */
	int owner = -1;

	/* people */
	s = store_prepare(v, "SELECT id, name, org, is_owner FROM person ORDER BY id");
	if (!s)
		goto cleanup;
	while (sqlite3_step(s) == SQLITE_ROW) {
		int id = sqlite3_column_int(s, 0);
		if ((size_t)id > np) {
			P = xrealloc(P, (size_t)id * sizeof(*P));
			memset(P + np, 0, ((size_t)id - np) * sizeof(*P));
			np = (size_t)id;
		}
		gperson *p = &P[id - 1];
		p->name = xstrdup((const char *)sqlite3_column_text(s, 1));
		p->org = sqlite3_column_type(s, 2) == SQLITE_NULL
				 ? NULL
				 : xstrdup((const char *)sqlite3_column_text(s, 2));
		p->node = -1;
		p->depth = -1;
		if (sqlite3_column_int(s, 3))
			owner = id - 1;
	}
	sqlite3_finalize(s);
	s = NULL;

	/* notes in scope, and who is in them */
	strbuf sql = STRBUF_INIT;
	sb_addf(&sql,
		"SELECT n.id, n.date, n.path, m.person, m.role FROM note n JOIN mention m ON m.note = n.id"
		" WHERE %s AND n.person_note = 0",
		store_private_filter(v));
	if (q->since)
		sb_adds(&sql, " AND n.date >= ?1");
	if (q->until)
		sb_adds(&sql, " AND n.date <= ?2");
	if (q->tag)
		sb_adds(&sql,
			" AND EXISTS (SELECT 1 FROM tag t WHERE t.note = n.id AND (t.tag = ?3 OR t.tag LIKE ?3 || '/%'))");
	if (q->topic)
		sb_adds(&sql,
			" AND EXISTS (SELECT 1 FROM topic t WHERE t.note = n.id AND t.term LIKE '%' || ?4 || '%')");
	sb_adds(&sql, " ORDER BY n.id, m.ord");
	s = store_prepare(v, sb_str(&sql));
	sb_release(&sql);
	if (!s)
		goto cleanup;
	if (q->since)
		sqlite3_bind_text(s, 1, q->since, -1, SQLITE_STATIC);
	if (q->until)
		sqlite3_bind_text(s, 2, q->until, -1, SQLITE_STATIC);
	if (q->tag)
		sqlite3_bind_text(s, 3, q->tag, -1, SQLITE_STATIC);
	if (q->topic)
		sqlite3_bind_text(s, 4, q->topic, -1, SQLITE_STATIC);
	while (sqlite3_step(s) == SQLITE_ROW) {
		sqlite3_int64 id = sqlite3_column_int64(s, 0);
		if (!nn || N[nn - 1].id != id) {
			ALLOC_GROW(N, nn, capn);
			memset(&N[nn], 0, sizeof(N[nn]));
			N[nn].id = id;
			if (sqlite3_column_type(s, 1) != SQLITE_NULL)
				N[nn].date = xstrdup((const char *)sqlite3_column_text(s, 1));
			N[nn].path = xstrdup((const char *)sqlite3_column_text(s, 2));
			nn++;
		}
		int person = sqlite3_column_int(s, 3) - 1;
		if (person < 0 || (size_t)person >= np || (q->exclude_me && person == owner))
			continue;
		const char *role = (const char *)sqlite3_column_text(s, 4);
		if (!strcmp(role, "participant"))
			il_push(&N[nn - 1].part, person);
		else
			il_push(&N[nn - 1].ref, person);
	}
	sqlite3_finalize(s);
	s = NULL;
	s = store_prepare(v, "SELECT term FROM topic WHERE note = ? ORDER BY ord LIMIT 3");
	if (!s)
		goto cleanup;
	for (size_t i = 0; i < nn; i++) {
		sqlite3_bind_int64(s, 1, N[i].id);
		while (sqlite3_step(s) == SQLITE_ROW)
			sl_push(&N[i].topics, (const char *)sqlite3_column_text(s, 0));
		sqlite3_reset(s);
	}
	sqlite3_finalize(s);
	s = NULL;

	/* edges */
	for (size_t i = 0; i < nn; i++) {
		gnote *x = &N[i];
		for (size_t a = 0; a < x->part.n; a++) {
			gperson *p = &P[x->part.v[a]];
			p->meetings++;
			if (x->date && (!p->last || strcmp(x->date, p->last) > 0)) {
				p->last = x->date;
				p->last_path = x->path;
			}
		}
		note_edges(x, q->edges, &keys);
		for (size_t k = 0; k < keys.n; k++) {
			int *slot = i64_put(&eidx, keys.v[k], (int)ne);
			if (*slot == (int)ne) {
				ALLOC_GROW(E, ne, cape);
				memset(&E[ne], 0, sizeof(E[ne]));
				E[ne].a = (int)(keys.v[k] >> 34);
				E[ne].b = (int)((keys.v[k] >> 2) & 0xffffffffu);
				E[ne].kind = (int)(keys.v[k] & 3);
				ne++;
			}
			gedge *e = &E[*slot];
			e->weight++;
			bump_date(&e->first, &e->last, x->date);
		}
	}

	/* A "mentioned" edge says who brings someone up.  Every participant of a
	 * note would otherwise point at every name in it, so a mention is drawn
	 * only between people who never met, and each person keeps the two
	 * heaviest incoming mentions. */
	{
		int *mi = xmalloc((ne ? ne : 1) * sizeof(int));
		size_t nm = 0;
		for (size_t i = 0; i < ne; i++) {
			gedge *e = &E[i];
			if (e->kind != PG_EDGE_MENTIONED)
				continue;
			int *m = i64_get(&eidx, edge_key(e->a < e->b ? e->a : e->b,
							 e->a < e->b ? e->b : e->a, PG_EDGE_MET));
			if (m && E[*m].weight >= q->min_weight)
				e->weight = -e->weight; /* hidden */
			else
				mi[nm++] = (int)i;
		}
		mention_ctx = E;
		mention_people = P;
		sort_array(mi, nm, sizeof(int), mention_cmp);
		for (size_t i = 0, run = 0; i < nm; i++) {
			run = i && E[mi[i]].b == E[mi[i - 1]].b ? run + 1 : 0;
			if (run >= 2)
				E[mi[i]].weight = -E[mi[i]].weight;
		}
		free(mi);
	}
	/* which people: focus neighbourhood, weight, top N */
	int focus = -1;
	if (q->focus_id > 0 && (size_t)q->focus_id <= np)
		focus = q->focus_id - 1;
	for (size_t i = 0; i < ne; i++) {
		if (E[i].weight < q->min_weight)
			continue;
		P[E[i].a].score += E[i].weight;
		P[E[i].b].score += E[i].weight;
	}
	if (focus >= 0) {
		P[focus].depth = 0;
		for (int d = 0; d < q->depth; d++)
			for (size_t i = 0; i < ne; i++) {
				if (E[i].weight < q->min_weight)
					continue;
				if (P[E[i].a].depth == d && P[E[i].b].depth < 0)
					P[E[i].b].depth = d + 1;
				if (P[E[i].b].depth == d && P[E[i].a].depth < 0)
					P[E[i].a].depth = d + 1;
			}
	}
	int *order = xmalloc((np ? np : 1) * sizeof(int));
	size_t cand = 0;
	for (size_t i = 0; i < np; i++) {
		if (!P[i].name || P[i].score <= 0)
			continue;
		if (q->exclude_me && (int)i == owner)
			continue;
		if (focus >= 0 && P[i].depth < 0)
			continue;
		order[cand++] = (int)i;
	}
	if (focus >= 0 && P[focus].score <= 0)
		order[cand++] = focus;
	sort_ctx = P;
	sort_array(order, cand, sizeof(int), score_cmp);
	size_t keep = cand;
	if (q->top > 0 && keep > (size_t)q->top)
		keep = (size_t)q->top;
	if (focus >= 0 && keep < cand) {
		/* the focus person always stays */
		int present = 0;
		for (size_t i = 0; i < keep; i++)
			present |= order[i] == focus;
		if (!present)
			order[keep - 1] = focus;
	}
	if (keep < cand && !q->quiet)
		fprintf(stderr,
			"peoplegraph: showing the %zu most connected of %zu people "
			"(--top %d); use --top or --focus to see others\n",
			keep, cand, q->top);
	sort_array(order, keep, sizeof(int), node_cmp);
	for (size_t i = 0; i < keep; i++) {
		gperson *p = &P[order[i]];
		/* ids from the name, not the index: stable across index runs */
		char id[32];
		char *fk = text_fold(p->name);
		snprintf(id, sizeof id, "p%012llx",
			 (unsigned long long)(hash_bytes(fk, strlen(fk)) & 0xffffffffffffULL));
		free(fk);
		char *name = q->anonymize ? pseudonym("Person", p->name) : xstrdup(p->name);
		char *org =
			p->org ? (q->anonymize ? pseudonym("Org", p->org) : xstrdup(p->org)) : NULL;
		size_t k = pg_graph_add_node(g, id, name, org);
		free(name);
		free(org);
		g->nodes[k].meetings = p->meetings;
		g->nodes[k].last = p->last ? xstrdup(p->last) : NULL;
		g->nodes[k].is_focus = order[i] == focus;
		g->nodes[k].is_owner = order[i] == owner;
		if (q->links && p->last_path && !q->anonymize)
			g->nodes[k].href = xstrdup(p->last_path);
		p->node = (int)k;
	}
	free(order);
	/* edges between kept people; a legible graph keeps the strongest ones */
	ei = xmalloc((ne ? ne : 1) * sizeof(int));
	for (size_t i = 0; i < ne; i++) {
		gedge *e = &E[i];
		if (e->weight >= q->min_weight && P[e->a].node >= 0 && P[e->b].node >= 0)
			ei[nei++] = (int)i;
	}
	/* a drawing stays legible at about two connections a person */
	size_t cap = q->max_edges > 0   ? (size_t)q->max_edges
		     : q->max_edges < 0 ? 2 * keep + 20
					: nei;
	if (nei > cap) {
		edge_ctx = E;
		edge_people = P;
		sort_array(ei, nei, sizeof(int), edge_weight_cmp);
		if (!q->quiet)
			fprintf(stderr,
				"peoplegraph: drawing the %zu strongest of %zu connections "
				"(--max-edges N; 0 draws all)\n",
				cap, nei);
		nei = cap;
	}
	/* the topics of the drawn edges only: the notes are gone through again
	 * for their pairs, each looked up among the few drawn */
	dtopics = xcalloc(nei ? nei : 1, sizeof(*dtopics));
	for (size_t k = 0; k < nei; k++)
		i64_put(&drawn, edge_key(E[ei[k]].a, E[ei[k]].b, E[ei[k]].kind), (int)k);
	for (size_t i = 0; i < nn && nei; i++) {
		gnote *x = &N[i];
		if (!x->topics.n)
			continue;
		note_edges(x, q->edges, &keys);
		for (size_t k = 0; k < keys.n; k++) {
			int *d = i64_get(&drawn, keys.v[k]);
			for (size_t t = 0; d && t < x->topics.n; t++)
				(*strmap_put(&dtopics[*d], x->topics.v[t], 0))++;
		}
	}
	for (size_t k = 0; k < nei; k++) {
		gedge *e = &E[ei[k]];
		pg_gedge *x =
			pg_graph_add_edge(g, (size_t)P[e->a].node, (size_t)P[e->b].node, e->kind);
		x->weight = e->weight;
		x->first = e->first ? xstrdup(e->first) : NULL;
		x->last = e->last ? xstrdup(e->last) : NULL;
		top_terms(&dtopics[k], 3, &x->topics, &x->ntopics);
		for (size_t t = 0; t < x->ntopics; t++)
			(*strmap_put(&legend, x->topics[t], 0)) += e->weight;
	}
	/* deterministic edge order */
	sort_array(g->edges, g->nedges, sizeof(*g->edges), gedge_cmp);
	top_terms(&legend, 8, &g->legend, &g->nlegend);

	rc = 0;

cleanup:
	sqlite3_finalize(s);
	for (size_t i = 0; i < np; i++) {
		free(P[i].name);
		free(P[i].org);
	}
	free(P);
	for (size_t i = 0; i < nn; i++) {
		free(N[i].date);
		free(N[i].path);
		il_release(&N[i].part);
		il_release(&N[i].ref);
		sl_release(&N[i].topics);
	}
	free(N);
	for (size_t i = 0; dtopics && i < nei; i++)
		strmap_release(&dtopics[i]);
	free(dtopics);
	free(ei);
	free(keys.v);
	free(E);
	i64_release(&eidx);
	i64_release(&drawn);
	strmap_release(&legend);
	return rc;
}
