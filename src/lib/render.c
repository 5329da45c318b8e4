/*
 * render.c — writes a pg_graph as DOT/SVG/PNG/PDF (cgraph + gvc) or as
 * JSON, GraphML, GEXF 1.3 and Mermaid (own writers, no Graphviz).
 *
 * Every string that reaches an output goes through one escaper per target
 * (esc_*), and every escaper first repairs the text: invalid UTF-8 becomes
 * U+FFFD and control characters are escaped (JSON) or replaced.  Nodes and
 * edges are written in the order of the pg_graph (the builder sorts them),
 * and no layout uses randomness, so the same graph gives the same bytes.
 *
 * DOT output is written with agwrite() *without* running a layout: positions
 * depend on the Graphviz version and fonts of the machine, the unlaid graph
 * does not, so `-o x.dot` is stable for golden tests.  The graph carries a
 * "layout" attribute, so `dot -Tsvg x.dot` still uses the engine we chose.
 *
 * Graphviz is called through the table gvload.c fills on first use: the
 * program does not load it unless it draws.
 */
#include "graph.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "gvload.h"
#include "util.h"

/* ---- text repair -------------------------------------------------------- */

/*
 * Length of the valid UTF-8 sequence at S (storing its code point in *CP),
 * or 0 when S does not start one (stray byte, overlong form, surrogate,
 * beyond U+10FFFF, truncated).
 */
static size_t utf8_seq(const unsigned char *s, unsigned *cp)
{
	unsigned c = s[0];
	size_t len;
	unsigned min;
	if (c < 0x80) {
		*cp = c;
		return 1;
	} else if ((c & 0xE0) == 0xC0) {
		len = 2, min = 0x80, c &= 0x1F;
	} else if ((c & 0xF0) == 0xE0) {
		len = 3, min = 0x800, c &= 0x0F;
	} else if ((c & 0xF8) == 0xF0) {
		len = 4, min = 0x10000, c &= 0x07;
	} else {
		return 0;
	}
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*cp = c;
	return len;
}

#define REPLACEMENT "\xEF\xBF\xBD"

enum esc_mode {
	ESC_JSON,     /* inside "..." of JSON (RFC 8259) */
	ESC_XML,      /* XML 1.0 text or attribute value */
	ESC_GV_HTML,  /* text inside a Graphviz HTML-like label (\ doubled) */
	ESC_GV_PLAIN, /* a Graphviz escString (label, URL): one level of \ */
	ESC_GV_TIP,   /* a Graphviz tooltip: unescaped twice, so two levels of \ */
	ESC_MERMAID,  /* a quoted Mermaid label */
};

/* Appends S to SB escaped for MODE. */
static void esc(strbuf *sb, const char *str, int mode)
{
	const unsigned char *s = (const unsigned char *)(str ? str : "");
	while (*s) {
		unsigned cp;
		size_t n = utf8_seq(s, &cp);
		if (!n) {
			/* JSON \ufffd or the UTF-8 of U+FFFD are equivalent; keep one form. */
			sb_adds(sb, REPLACEMENT);
			s++;
			continue;
		}
		if (n > 1) {
			if (mode == ESC_XML && (cp == 0xFFFE || cp == 0xFFFF))
				sb_adds(sb, REPLACEMENT);
			else
				sb_add(sb, (const char *)s, n);
			s += n;
			continue;
		}
		char c = (char)*s++;
		switch (mode) {
		case ESC_JSON:
			switch (c) {
			case '"': sb_adds(sb, "\\\""); break;
			case '\\': sb_adds(sb, "\\\\"); break;
			case '\n': sb_adds(sb, "\\n"); break;
			case '\r': sb_adds(sb, "\\r"); break;
			case '\t': sb_adds(sb, "\\t"); break;
			case '\b': sb_adds(sb, "\\b"); break;
			case '\f': sb_adds(sb, "\\f"); break;
			default:
				if (cp < 0x20)
					sb_addf(sb, "\\u%04x", cp);
				else
					sb_addc(sb, c);
			}
			break;
		case ESC_XML:
		case ESC_GV_HTML:
			switch (c) {
			case '&': sb_adds(sb, "&amp;"); break;
			case '<': sb_adds(sb, "&lt;"); break;
			case '>': sb_adds(sb, "&gt;"); break;
			case '"': sb_adds(sb, "&quot;"); break;
			case '\'': sb_adds(sb, "&#39;"); break;
			case '\\':
				/* Graphviz expands \N, \G ... in HTML labels too. */
				sb_adds(sb, mode == ESC_XML ? "\\" : "\\\\");
				break;
			case '\t':
			case '\n':
			case '\r':
				if (mode == ESC_XML)
					sb_addf(sb, "&#%u;",
						cp); /* survives attribute normalisation */
				else
					sb_addc(sb, ' ');
				break;
			default:
				if (cp < 0x20)
					sb_adds(sb, mode == ESC_XML ? REPLACEMENT : " ");
				else
					sb_addc(sb, c);
			}
			break;
		case ESC_GV_PLAIN:
		case ESC_GV_TIP:
			/*
			 * Graphviz expands \N, \G, \n ... in escStrings and decodes
			 * HTML entities in labels; its SVG writer passes "&name;"
			 * through unescaped.  So: backslashes doubled (twice for
			 * tooltips, which are unescaped twice), & written as &amp;
			 * (decoded back for labels, valid XML in SVG attributes).
			 */
			if (c == '\\')
				sb_adds(sb, mode == ESC_GV_TIP ? "\\\\\\\\" : "\\\\");
			else if (c == '&')
				sb_adds(sb, "&amp;");
			else if (cp < 0x20)
				sb_addc(sb, ' ');
			else
				sb_addc(sb, c);
			break;
		case ESC_MERMAID:
			if (cp < 0x20)
				sb_addc(sb, ' ');
			else if (strchr("\"#&<>[](){}|`;\\", c))
				sb_addf(sb, "#%u;", cp);
			else
				sb_addc(sb, c);
			break;
		}
	}
}

/* ---- shared helpers ------------------------------------------------------ */

static int edge_ok(const pg_graph *g, const pg_gedge *e)
{
	return e->source < g->nnodes && e->target < g->nnodes;
}

static int check_graph(const pg_graph *g, const char *fmt)
{
	for (size_t i = 0; i < g->nedges; i++)
		if (!edge_ok(g, &g->edges[i]))
			return pg_error("cannot render %s: edge %zu refers to a missing node", fmt,
					i);
	return 0;
}

static int finish_output(FILE *out, const char *fmt)
{
	if (fflush(out) || ferror(out))
		return pg_error("cannot render %s: write error: %s", fmt, strerror(errno));
	return 0;
}

static int write_sb(strbuf *sb, FILE *out, const char *fmt)
{
	if (sb->len && fwrite(sb->buf, 1, sb->len, out) != sb->len) {
		int e = errno;
		sb_release(sb);
		return pg_error("cannot render %s: write error: %s", fmt, strerror(e));
	}
	sb_release(sb);
	return finish_output(out, fmt);
}

/* Earliest edge date per node (GEXF start), or NULL; array of borrowed strings. */
static const char **node_first_dates(const pg_graph *g)
{
	const char **first = xcalloc(g->nnodes ? g->nnodes : 1, sizeof(*first));
	for (size_t i = 0; i < g->nedges; i++) {
		const pg_gedge *e = &g->edges[i];
		const char *d = e->first ? e->first : e->last;
		if (!d)
			continue;
		size_t ends[2] = {e->source, e->target};
		for (int k = 0; k < 2; k++)
			if (!first[ends[k]] || strcmp(d, first[ends[k]]) < 0)
				first[ends[k]] = d;
	}
	return first;
}

/* ---- JSON ----------------------------------------------------------------- */

static void json_str_or_null(strbuf *sb, const char *s)
{
	if (!s) {
		sb_adds(sb, "null");
		return;
	}
	sb_addc(sb, '"');
	esc(sb, s, ESC_JSON);
	sb_addc(sb, '"');
}

static int render_json(const pg_graph *g, FILE *out)
{
	strbuf sb = STRBUF_INIT;
	sb_adds(&sb, "{\n  \"nodes\": [");
	for (size_t i = 0; i < g->nnodes; i++) {
		const pg_gnode *n = &g->nodes[i];
		sb_adds(&sb, i ? ",\n    {\"id\": " : "\n    {\"id\": ");
		json_str_or_null(&sb, n->id);
		sb_adds(&sb, ", \"name\": ");
		json_str_or_null(&sb, n->name);
		sb_adds(&sb, ", \"org\": ");
		json_str_or_null(&sb, n->org);
		sb_addf(&sb, ", \"meetings\": %d, \"last\": ", n->meetings);
		json_str_or_null(&sb, n->last);
		sb_addc(&sb, '}');
	}
	sb_adds(&sb, g->nnodes ? "\n  ],\n  \"edges\": [" : "],\n  \"edges\": [");
	for (size_t i = 0; i < g->nedges; i++) {
		const pg_gedge *e = &g->edges[i];
		sb_adds(&sb, i ? ",\n    {\"source\": " : "\n    {\"source\": ");
		json_str_or_null(&sb, g->nodes[e->source].id);
		sb_adds(&sb, ", \"target\": ");
		json_str_or_null(&sb, g->nodes[e->target].id);
		sb_addf(&sb, ", \"kind\": \"%s\", \"weight\": %d, \"first\": ",
			e->kind == PG_EDGE_MENTIONED ? "mentioned" : "met", e->weight);
		json_str_or_null(&sb, e->first);
		sb_adds(&sb, ", \"last\": ");
		json_str_or_null(&sb, e->last);
		sb_adds(&sb, ", \"topics\": [");
		for (size_t t = 0; t < e->ntopics; t++) {
			if (t)
				sb_adds(&sb, ", ");
			json_str_or_null(&sb, e->topics[t]);
		}
		sb_adds(&sb, "]}");
	}
	sb_adds(&sb, g->nedges ? "\n  ]\n}\n" : "]\n}\n");
	return write_sb(&sb, out, "json");
}

/* ---- GraphML -------------------------------------------------------------- */

static void xml_data(strbuf *sb, const char *key, const char *val)
{
	if (!val)
		return;
	sb_addf(sb, "      <data key=\"%s\">", key);
	esc(sb, val, ESC_XML);
	sb_adds(sb, "</data>\n");
}

static int render_graphml(const pg_graph *g, FILE *out)
{
	strbuf sb = STRBUF_INIT;
	sb_adds(&sb,
		"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\"\n"
		"    xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
		"    xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
		"http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n"
		"  <key id=\"name\" for=\"node\" attr.name=\"name\" attr.type=\"string\"/>\n"
		"  <key id=\"org\" for=\"node\" attr.name=\"org\" attr.type=\"string\"/>\n"
		"  <key id=\"meetings\" for=\"node\" attr.name=\"meetings\" attr.type=\"int\"/>\n"
		"  <key id=\"nlast\" for=\"node\" attr.name=\"last\" attr.type=\"string\"/>\n"
		"  <key id=\"owner\" for=\"node\" attr.name=\"owner\" attr.type=\"boolean\">"
		"<default>false</default></key>\n"
		"  <key id=\"focus\" for=\"node\" attr.name=\"focus\" attr.type=\"boolean\">"
		"<default>false</default></key>\n"
		"  <key id=\"kind\" for=\"edge\" attr.name=\"kind\" attr.type=\"string\"/>\n"
		"  <key id=\"weight\" for=\"edge\" attr.name=\"weight\" attr.type=\"int\"/>\n"
		"  <key id=\"first\" for=\"edge\" attr.name=\"first\" attr.type=\"string\"/>\n"
		"  <key id=\"last\" for=\"edge\" attr.name=\"last\" attr.type=\"string\"/>\n"
		"  <key id=\"topics\" for=\"edge\" attr.name=\"topics\" attr.type=\"string\"/>\n"
		"  <graph id=\"people\" edgedefault=\"undirected\">\n");
	if (g->title) {
		sb_adds(&sb, "    <desc>");
		esc(&sb, g->title, ESC_XML);
		sb_adds(&sb, "</desc>\n");
	}
	for (size_t i = 0; i < g->nnodes; i++) {
		const pg_gnode *n = &g->nodes[i];
		sb_adds(&sb, "    <node id=\"");
		esc(&sb, n->id, ESC_XML);
		sb_adds(&sb, "\">\n");
		xml_data(&sb, "name", n->name);
		xml_data(&sb, "org", n->org);
		sb_addf(&sb, "      <data key=\"meetings\">%d</data>\n", n->meetings);
		xml_data(&sb, "nlast", n->last);
		if (n->is_owner)
			xml_data(&sb, "owner", "true");
		if (n->is_focus)
			xml_data(&sb, "focus", "true");
		sb_adds(&sb, "    </node>\n");
	}
	for (size_t i = 0; i < g->nedges; i++) {
		const pg_gedge *e = &g->edges[i];
		int directed = e->kind == PG_EDGE_MENTIONED; /* source mentioned target */
		sb_addf(&sb, "    <edge id=\"e%zu\" source=\"", i);
		esc(&sb, g->nodes[e->source].id, ESC_XML);
		sb_adds(&sb, "\" target=\"");
		esc(&sb, g->nodes[e->target].id, ESC_XML);
		/*
		 * No per-edge directed="true" for mentions: GraphML allows it,
		 * but networkx refuses mixed graphs.  kind says the direction.
		 */
		sb_adds(&sb, "\">\n");
		xml_data(&sb, "kind", directed ? "mentioned" : "met");
		sb_addf(&sb, "      <data key=\"weight\">%d</data>\n", e->weight);
		xml_data(&sb, "first", e->first);
		xml_data(&sb, "last", e->last);
		if (e->ntopics) {
			sb_adds(&sb, "      <data key=\"topics\">");
			for (size_t t = 0; t < e->ntopics; t++) {
				if (t)
					sb_adds(&sb, "; ");
				esc(&sb, e->topics[t], ESC_XML);
			}
			sb_adds(&sb, "</data>\n");
		}
		sb_adds(&sb, "    </edge>\n");
	}
	sb_adds(&sb, "  </graph>\n</graphml>\n");
	return write_sb(&sb, out, "graphml");
}

/* ---- palette (shared by Graphviz, GEXF and Mermaid) ----------------------- */

/*
 * Paul Tol's "light" scheme: colour-blind safe, light enough for black text.
 * Orgs get colours in name order; beyond 8 orgs colours repeat with another
 * node shape.  People without an org are grey.
 */
static const char *const palette[] = {
	"#77AADD", "#EE8866", "#EEDD88", "#FFAABB", "#99DDFF", "#44BB99", "#BBCC33", "#AAAA00",
};
#define NPALETTE (sizeof(palette) / sizeof(palette[0]))
#define NO_ORG_COLOUR "#DDDDDD"

typedef struct orgset {
	const char **v; /* sorted, unique; borrowed from the graph */
	size_t n;
} orgset;

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void orgs_collect(const pg_graph *g, orgset *o)
{
	o->v = xcalloc(g->nnodes ? g->nnodes : 1, sizeof(*o->v));
	o->n = 0;
	for (size_t i = 0; i < g->nnodes; i++)
		if (g->nodes[i].org && *g->nodes[i].org)
			o->v[o->n++] = g->nodes[i].org;
	sort_array(o->v, o->n, sizeof(*o->v), cmp_str);
	size_t k = 0;
	for (size_t i = 0; i < o->n; i++)
		if (!k || strcmp(o->v[k - 1], o->v[i]))
			o->v[k++] = o->v[i];
	o->n = k;
}

/* Index of ORG in the set, or -1 for none. */
static long orgs_index(const orgset *o, const char *org)
{
	if (!org || !*org)
		return -1;
	const char **hit = bsearch(&org, o->v, o->n, sizeof(*o->v), cmp_str);
	return hit ? (long)(hit - o->v) : -1;
}

static const char *org_colour(long idx)
{
	return idx < 0 ? NO_ORG_COLOUR : palette[(size_t)idx % NPALETTE];
}

/* ---- GEXF 1.3 ------------------------------------------------------------- */

static void gexf_attvalue(strbuf *sb, const char *key, const char *val)
{
	if (!val)
		return;
	sb_addf(sb, "          <attvalue for=\"%s\" value=\"", key);
	esc(sb, val, ESC_XML);
	sb_adds(sb, "\"/>\n");
}

static void gexf_colour(strbuf *sb, const char *hex)
{
	unsigned long v = strtoul(hex + 1, NULL, 16);
	sb_addf(sb, "        <viz:color r=\"%lu\" g=\"%lu\" b=\"%lu\"/>\n", (v >> 16) & 0xFF,
		(v >> 8) & 0xFF, v & 0xFF);
}

static int render_gexf(const pg_graph *g, FILE *out)
{
	strbuf sb = STRBUF_INIT;
	orgset orgs;
	orgs_collect(g, &orgs);
	const char **firsts = node_first_dates(g);
	int maxm = 1;
	for (size_t i = 0; i < g->nnodes; i++)
		if (g->nodes[i].meetings > maxm)
			maxm = g->nodes[i].meetings;

	sb_adds(&sb, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		     "<gexf xmlns=\"http://gexf.net/1.3\" xmlns:viz=\"http://gexf.net/1.3/viz\"\n"
		     "    xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
		     "    xsi:schemaLocation=\"http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd\"\n"
		     "    version=\"1.3\">\n"
		     "  <meta>\n    <creator>peoplegraph</creator>\n");
	if (g->title) {
		sb_adds(&sb, "    <description>");
		esc(&sb, g->title, ESC_XML);
		sb_adds(&sb, "</description>\n");
	}
	sb_adds(&sb,
		"  </meta>\n"
		"  <graph mode=\"dynamic\" defaultedgetype=\"undirected\" timeformat=\"date\">\n"
		"    <attributes class=\"node\" mode=\"static\">\n"
		"      <attribute id=\"org\" title=\"org\" type=\"string\"/>\n"
		"      <attribute id=\"meetings\" title=\"meetings\" type=\"integer\"/>\n"
		"      <attribute id=\"last\" title=\"last\" type=\"string\"/>\n"
		"    </attributes>\n"
		"    <attributes class=\"edge\" mode=\"static\">\n"
		"      <attribute id=\"kind\" title=\"kind\" type=\"string\"/>\n"
		"      <attribute id=\"first\" title=\"first\" type=\"string\"/>\n"
		"      <attribute id=\"last\" title=\"last\" type=\"string\"/>\n"
		"      <attribute id=\"topics\" title=\"topics\" type=\"string\"/>\n"
		"    </attributes>\n"
		"    <nodes>\n");
	for (size_t i = 0; i < g->nnodes; i++) {
		const pg_gnode *n = &g->nodes[i];
		sb_adds(&sb, "      <node id=\"");
		esc(&sb, n->id, ESC_XML);
		sb_adds(&sb, "\" label=\"");
		esc(&sb, n->name, ESC_XML);
		sb_addc(&sb, '"');
		if (firsts[i]) {
			sb_adds(&sb, " start=\"");
			esc(&sb, firsts[i], ESC_XML);
			sb_addc(&sb, '"');
		}
		sb_adds(&sb, ">\n        <attvalues>\n");
		gexf_attvalue(&sb, "org", n->org);
		sb_addf(&sb, "          <attvalue for=\"meetings\" value=\"%d\"/>\n", n->meetings);
		gexf_attvalue(&sb, "last", n->last);
		sb_adds(&sb, "        </attvalues>\n");
		gexf_colour(&sb, org_colour(orgs_index(&orgs, n->org)));
		sb_addf(&sb, "        <viz:size value=\"%.1f\"/>\n",
			10.0 + 20.0 * sqrt((double)(n->meetings > 0 ? n->meetings : 0) / maxm));
		sb_adds(&sb, "      </node>\n");
	}
	sb_adds(&sb, "    </nodes>\n    <edges>\n");
	for (size_t i = 0; i < g->nedges; i++) {
		const pg_gedge *e = &g->edges[i];
		int directed = e->kind == PG_EDGE_MENTIONED;
		sb_addf(&sb, "      <edge id=\"e%zu\" source=\"", i);
		esc(&sb, g->nodes[e->source].id, ESC_XML);
		sb_adds(&sb, "\" target=\"");
		esc(&sb, g->nodes[e->target].id, ESC_XML);
		sb_addf(&sb, "\" weight=\"%d\"%s>\n", e->weight,
			directed ? " type=\"directed\"" : "");
		sb_adds(&sb, "        <attvalues>\n");
		gexf_attvalue(&sb, "kind", directed ? "mentioned" : "met");
		gexf_attvalue(&sb, "first", e->first);
		gexf_attvalue(&sb, "last", e->last);
		if (e->ntopics) {
			sb_adds(&sb, "          <attvalue for=\"topics\" value=\"");
			for (size_t t = 0; t < e->ntopics; t++) {
				if (t)
					sb_adds(&sb, "; ");
				esc(&sb, e->topics[t], ESC_XML);
			}
			sb_adds(&sb, "\"/>\n");
		}
		sb_adds(&sb, "        </attvalues>\n");
		if (e->first || e->last) {
			/* A spell per edge drives Gephi's timeline. */
			sb_adds(&sb, "        <spells>\n          <spell start=\"");
			esc(&sb, e->first ? e->first : e->last, ESC_XML);
			sb_adds(&sb, "\" end=\"");
			esc(&sb, e->last ? e->last : e->first, ESC_XML);
			sb_adds(&sb, "\"/>\n        </spells>\n");
		}
		sb_adds(&sb, "      </edge>\n");
	}
	sb_adds(&sb, "    </edges>\n  </graph>\n</gexf>\n");
	free(firsts);
	free(orgs.v);
	return write_sb(&sb, out, "gexf");
}

/* ---- Mermaid -------------------------------------------------------------- */

typedef struct edge_rank {
	int weight;
	size_t idx;
} edge_rank;

/* Heaviest first; equal weights keep graph order. */
static int cmp_edge_rank(const void *a, const void *b)
{
	const edge_rank *x = a, *y = b;
	if (x->weight != y->weight)
		return x->weight > y->weight ? -1 : 1;
	return x->idx < y->idx ? -1 : x->idx > y->idx;
}

static int cmp_size(const void *a, const void *b)
{
	size_t i = *(const size_t *)a, j = *(const size_t *)b;
	return i < j ? -1 : i > j;
}

/* A URL Mermaid can carry in "..." without any escaping mechanism. */
static int mermaid_url_ok(const char *u)
{
	for (const unsigned char *p = (const unsigned char *)u; *p; p++)
		if (*p < 0x21 || *p == '"' || *p == '<' || *p == '>' || *p == '`' || *p == '\\')
			return 0;
	return *u != '\0';
}

static int render_mermaid(const pg_graph *g, const pg_render_opts *opts, FILE *out)
{
	size_t max = opts->max_mermaid_edges > 0 ? (size_t)opts->max_mermaid_edges : 500;
	size_t nkeep = g->nedges;
	size_t *keep = xcalloc(g->nedges ? g->nedges : 1, sizeof(*keep));
	for (size_t i = 0; i < g->nedges; i++)
		keep[i] = i;
	if (nkeep > max) {
		/* Heaviest first (ties by position), then back to graph order. */
		edge_rank *r = xcalloc(nkeep, sizeof(*r));
		for (size_t i = 0; i < nkeep; i++)
			r[i].weight = g->edges[i].weight, r[i].idx = i;
		sort_array(r, nkeep, sizeof(*r), cmp_edge_rank);
		nkeep = max;
		for (size_t i = 0; i < nkeep; i++)
			keep[i] = r[i].idx;
		free(r);
		sort_array(keep, nkeep, sizeof(*keep), cmp_size);
	}
	size_t omitted = g->nedges - nkeep;
	orgset orgs;
	orgs_collect(g, &orgs);

	strbuf sb = STRBUF_INIT;
	sb_adds(&sb, "graph LR\n");
	if (g->title) {
		/* A comment cannot be escaped: it ends at the line end. */
		sb_adds(&sb, "%% ");
		for (const char *p = g->title; *p; p++)
			sb_addc(&sb, (unsigned char)*p < 0x20 || strchr("%{}", *p) ? ' ' : *p);
		sb_addc(&sb, '\n');
	}
	if (omitted)
		sb_addf(&sb, "%%%% %zu edges omitted (showing the %zu heaviest)\n", omitted, nkeep);
	for (size_t i = 0; i < g->nnodes; i++) {
		const pg_gnode *n = &g->nodes[i];
		sb_addf(&sb, "  p%zu[\"", i + 1);
		esc(&sb, n->name, ESC_MERMAID);
		if (n->org && *n->org) {
			sb_adds(&sb, "<br/><small>");
			esc(&sb, n->org, ESC_MERMAID);
			sb_adds(&sb, "</small>");
		}
		sb_adds(&sb, "\"]\n");
	}
	int small = g->nedges <= 40;
	for (size_t k = 0; k < nkeep; k++) {
		const pg_gedge *e = &g->edges[keep[k]];
		int mentioned = e->kind == PG_EDGE_MENTIONED;
		sb_addf(&sb, "  p%zu %s", e->source + 1, mentioned ? "-.->" : "---");
		if (small && e->ntopics) {
			sb_adds(&sb, "|\"");
			esc(&sb, e->topics[0], ESC_MERMAID);
			sb_adds(&sb, "\"|");
		}
		sb_addf(&sb, " p%zu\n", e->target + 1);
	}
	/* Org colours as classes, in org order. */
	for (size_t o = 0; o < orgs.n && o < NPALETTE; o++)
		sb_addf(&sb, "  classDef org%zu fill:%s,stroke:#555,color:#000\n", o, palette[o]);
	sb_adds(&sb, "  classDef noorg fill:" NO_ORG_COLOUR ",stroke:#555,color:#000\n");
	for (size_t i = 0; i < g->nnodes; i++) {
		long idx = orgs_index(&orgs, g->nodes[i].org);
		if (idx < 0)
			sb_addf(&sb, "  class p%zu noorg\n", i + 1);
		else
			sb_addf(&sb, "  class p%zu org%zu\n", i + 1, (size_t)idx % NPALETTE);
		if (g->nodes[i].is_owner)
			sb_addf(&sb, "  style p%zu stroke-width:4px\n", i + 1);
		if (g->nodes[i].is_focus)
			sb_addf(&sb, "  style p%zu stroke:#CC3311,stroke-width:4px\n", i + 1);
		if (g->nodes[i].href && mermaid_url_ok(g->nodes[i].href))
			sb_addf(&sb, "  click p%zu href \"%s\"\n", i + 1, g->nodes[i].href);
	}
	free(keep);
	free(orgs.v);
	if (omitted)
		pg_warn("mermaid: %zu of %zu edges left out (limit %zu, heaviest kept)", omitted,
			g->nedges, max);
	return write_sb(&sb, out, "mermaid");
}

/* ---- Graphviz ------------------------------------------------------------- */

/* Graphviz's functions, loaded by render_graphviz before anything here
 * runs (gvload.h) */
static const pg_gv *gv;

/*
 * Graphviz 2.42 takes char * for strings it only reads.  This is the one
 * place that casts const away.
 */
static char *gvstr(const char *s)
{
	return (char *)(uintptr_t)s;
}

static void gv_set(void *obj, const char *name, const char *value)
{
	gv->agsafeset(obj, gvstr(name), gvstr(value), gvstr(""));
}

static void gv_setf(void *obj, const char *name, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void gv_setf(void *obj, const char *name, const char *fmt, ...)
{
	strbuf sb = STRBUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	sb_vaddf(&sb, fmt, ap);
	va_end(ap);
	gv_set(obj, name, sb_str(&sb));
	sb_release(&sb);
}

/* Sets an attribute to an HTML-like label <...> built in HTML. */
static void gv_set_html(Agraph_t *root, void *obj, const char *name, const strbuf *html)
{
	char *h = gv->agstrdup_html(root, gvstr(sb_str(html)));
	gv_set(obj, name, h);
	gv->agstrfree(root, h);
}

/* Sets NAME to S escaped as MODE (ESC_GV_PLAIN or ESC_GV_TIP). */
static void gv_set_text(void *obj, const char *name, const char *s, int mode)
{
	strbuf sb = STRBUF_INIT;
	esc(&sb, s, mode);
	gv_set(obj, name, sb_str(&sb));
	sb_release(&sb);
}

static void gv_default(Agraph_t *g, int kind, const char *name, const char *value)
{
	gv->agattr(g, kind, gvstr(name), gvstr(value));
}

/* Graphviz reports through agerr(); keep the messages for our own error. */
static strbuf gv_messages = STRBUF_INIT;

static int gv_collect(char *msg)
{
	sb_adds(&gv_messages, msg);
	return 0;
}

/* The collected messages on one line, without "Error: " noise. */
static const char *gv_last_message(void)
{
	char *p = gv_messages.buf;
	if (!p)
		return "unknown Graphviz error";
	for (char *q = p; *q; q++)
		if (*q == '\n' || *q == '\r')
			*q = ' ';
	while (gv_messages.len && gv_messages.buf[gv_messages.len - 1] == ' ')
		gv_messages.buf[--gv_messages.len] = '\0';
	if (!strncmp(p, "Error: ", 7))
		p += 7;
	return *p ? p : "unknown Graphviz error";
}

enum { SIZE_SMALL, SIZE_MEDIUM, SIZE_LARGE };

static int size_class(const pg_graph *g)
{
	if (g->nnodes <= 60)
		return SIZE_SMALL;
	if (g->nnodes <= 400)
		return SIZE_MEDIUM;
	return SIZE_LARGE;
}

static const char *choose_engine(const pg_graph *g, const pg_render_opts *opts)
{
	if (opts->layout && *opts->layout && strcmp(opts->layout, "auto"))
		return opts->layout;
	return size_class(g) == SIZE_LARGE ? "sfdp" : "neato";
}

static const char *plural(int n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

static void graph_caption(Agraph_t *gg, const pg_graph *g, const orgset *orgs)
{
	if (!g->title && !orgs->n && !g->nlegend)
		return;
	strbuf h = STRBUF_INIT;
	sb_adds(&h, "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"2\" CELLPADDING=\"1\">");
	if (g->title) {
		sb_adds(&h, "<TR><TD ALIGN=\"LEFT\"><FONT POINT-SIZE=\"16\"><B>");
		esc(&h, g->title, ESC_GV_HTML);
		sb_adds(&h, "</B></FONT></TD></TR>");
	}
	/*
	 * Org swatches as coloured squares in text, five to a line: a nested
	 * table would be stretched to the width of the longest row.
	 */
	if (orgs->n) {
		sb_adds(&h, "<TR><TD ALIGN=\"LEFT\"><FONT POINT-SIZE=\"11\">");
		for (size_t i = 0; i < orgs->n; i++) {
			if (i)
				sb_adds(&h, i % 5 == 0 ? "<BR ALIGN=\"LEFT\"/>" : "    ");
			sb_addf(&h, "<FONT COLOR=\"%s\" POINT-SIZE=\"16\">\xE2\x96\xA0</FONT> ",
				palette[i % NPALETTE]);
			esc(&h, orgs->v[i], ESC_GV_HTML);
		}
		sb_adds(&h, "<BR ALIGN=\"LEFT\"/></FONT></TD></TR>");
	}
	sb_adds(&h, "<TR><TD ALIGN=\"LEFT\"><FONT POINT-SIZE=\"10\" COLOR=\"#555555\">"
		    "solid line: met together \xC2\xB7 dashed arrow: mentioned</FONT></TD></TR>");
	if (g->nlegend) {
		sb_adds(&h, "<TR><TD ALIGN=\"LEFT\"><FONT POINT-SIZE=\"10\">Topics: ");
		for (size_t i = 0; i < g->nlegend; i++) {
			if (i)
				sb_adds(&h, i % 8 == 0 ? ",<BR ALIGN=\"LEFT\"/>" : ", ");
			esc(&h, g->legend[i], ESC_GV_HTML);
		}
		sb_adds(&h, "<BR ALIGN=\"LEFT\"/></FONT></TD></TR>");
	}
	sb_adds(&h, "</TABLE>");
	gv_set_html(gg, gg, "label", &h);
	gv_set(gg, "labelloc", "t");
	gv_set(gg, "labeljust", "l");
	sb_release(&h);
}

static void node_attrs(Agraph_t *gg, Agnode_t *an, const pg_gnode *n, const orgset *orgs, int maxm)
{
	long idx = orgs_index(orgs, n->org);
	double scale = sqrt((double)(n->meetings > 0 ? n->meetings : 0) / maxm);
	int fs = 10 + (int)lround(8.0 * scale);
	strbuf sb = STRBUF_INIT;

	sb_addf(&sb, "<FONT POINT-SIZE=\"%d\">", fs);
	esc(&sb, n->name, ESC_GV_HTML);
	sb_adds(&sb, "</FONT>");
	if (n->org && *n->org) {
		sb_addf(&sb, "<BR/><FONT POINT-SIZE=\"%d\" COLOR=\"#333333\">",
			fs > 12 ? fs - 4 : 9);
		esc(&sb, n->org, ESC_GV_HTML);
		sb_adds(&sb, "</FONT>");
	}
	gv_set_html(gg, an, "label", &sb);
	sb_reset(&sb);

	gv_set(an, "fillcolor", org_colour(idx));
	if (idx >= 0 && (size_t)idx >= NPALETTE) {
		static const char *const shapes[] = {"box", "hexagon", "octagon"};
		gv_set(an, "shape", shapes[((size_t)idx / NPALETTE - 1) % 3]);
	}
	if (n->is_focus) {
		gv_set(an, "color", "#CC3311");
		gv_set(an, "penwidth", "3");
		gv_set(an, "style", "rounded,filled,bold");
	}
	if (n->is_owner) {
		gv_set(an, "peripheries", "2");
		if (!n->is_focus)
			gv_set(an, "penwidth", "1.6");
	}

	sb_adds(&sb, n->name);
	if (n->org && *n->org)
		sb_addf(&sb, " \xE2\x80\x94 %s", n->org);
	sb_addf(&sb, " \xE2\x80\x94 %d %s", n->meetings,
		plural(n->meetings, "meeting", "meetings"));
	if (n->last)
		sb_addf(&sb, " \xE2\x80\x94 last met %s", n->last);
	gv_set_text(an, "tooltip", sb_str(&sb), ESC_GV_TIP);
	if (n->href)
		gv_set_text(an, "href", n->href, ESC_GV_PLAIN);
	sb_release(&sb);
}

static void edge_attrs(const pg_graph *g, Agedge_t *ae, const pg_gedge *e, int small)
{
	int mentioned = e->kind == PG_EDGE_MENTIONED;
	int w = e->weight > 1 ? e->weight : 1;
	/* thickness relative to the heaviest edge drawn, on a log scale, so a
	 * busy vault does not draw every line at full width */
	static const pg_graph *seen;
	static size_t seen_n;
	static int maxw;
	if (seen != g || seen_n != g->nedges) {
		maxw = 1;
		for (size_t i = 0; i < g->nedges; i++)
			if (g->edges[i].weight > maxw)
				maxw = g->edges[i].weight;
		seen = g;
		seen_n = g->nedges;
	}
	double pw = maxw > 1 ? 0.8 + 5.2 * log((double)w) / log((double)maxw) : 1.2;
	gv_setf(ae, "penwidth", "%.2f", pw);
	gv_setf(ae, "weight", "%d", w);
	if (mentioned) {
		gv_set(ae, "style", "dashed");
		gv_set(ae, "color", "#0077BBCC");
	} else {
		gv_set(ae, "dir", "none");
	}
	if (small && e->ntopics)
		gv_set_text(ae, "label", e->topics[0], ESC_GV_PLAIN);

	strbuf sb = STRBUF_INIT;
	sb_addf(&sb, "%s %s %s: %d %s", g->nodes[e->source].name,
		mentioned ? "\xE2\x86\x92" : "\xE2\x80\x93", g->nodes[e->target].name, e->weight,
		plural(e->weight, "note", "notes"));
	if (e->first && e->last && strcmp(e->first, e->last))
		sb_addf(&sb, ", %s..%s", e->first, e->last);
	else if (e->first || e->last)
		sb_addf(&sb, ", %s", e->first ? e->first : e->last);
	for (size_t t = 0; t < e->ntopics; t++)
		sb_addf(&sb, "%s%s", t ? ", " : ", topics: ", e->topics[t]);
	gv_set_text(ae, "tooltip", sb_str(&sb), ESC_GV_TIP);
	sb_release(&sb);
}

static Agraph_t *build_agraph(const pg_graph *g, const char *engine, int format,
			      const char *fmtname)
{
	Agraph_t *gg = gv->agopen(gvstr("people"), *gv->Agdirected, NULL);
	if (!gg)
		return NULL;
	int sc = size_class(g);
	int small = g->nedges <= 40;

	gv_default(gg, AGRAPH, "layout", engine);
	gv_default(gg, AGRAPH, "fontname", "Helvetica");
	gv_default(gg, AGRAPH, "outputorder", "edgesfirst");
	gv_default(gg, AGRAPH, "bgcolor", "white");
	gv_default(gg, AGRAPH, "pad", "0.3");
	gv_default(gg, AGRAPH, "start", "1"); /* fixed seed: same graph, same picture */
	if (sc == SIZE_SMALL) {
		gv_default(gg, AGRAPH, "overlap", "false");
		gv_default(gg, AGRAPH, "splines", "true");
		gv_default(gg, AGRAPH, "sep", "+12");
		gv_default(gg, AGRAPH, "esep", "+6");
	} else if (sc == SIZE_MEDIUM) {
		gv_default(gg, AGRAPH, "overlap", "false");
		gv_default(gg, AGRAPH, "splines", "false");
		gv_default(gg, AGRAPH, "sep", "+6");
		gv_default(gg, AGRAPH, "maxiter", "300");
	} else {
		/*
		 * prism0 and scale are cheaper but leave labels on top of each
		 * other or blow the drawing up (2,500 nodes: prism 2 s for SVG,
		 * scale gives a 32767 px PNG after 40 s).
		 */
		gv_default(gg, AGRAPH, "overlap", "prism");
		gv_default(gg, AGRAPH, "splines", "false");
		if (format == PG_FMT_PNG)
			gv_default(gg, AGRAPH, "size", "60,60"); /* <= 5760 px a side */
	}
	if (!strcmp(engine, "dot")) {
		gv_default(gg, AGRAPH, "rankdir", "LR");
		gv_default(gg, AGRAPH, "nodesep", "0.3");
	}
	if (!strcmp(engine, "neato"))
		gv_default(gg, AGRAPH, "mode", "major");

	gv_default(gg, AGNODE, "fontname", "Helvetica");
	gv_default(gg, AGNODE, "shape", "box");
	gv_default(gg, AGNODE, "style", "rounded,filled");
	gv_default(gg, AGNODE, "margin", "0.12,0.06");
	gv_default(gg, AGNODE, "color", "#555555");
	gv_default(gg, AGNODE, "penwidth", "1");
	gv_default(gg, AGNODE, "fillcolor", NO_ORG_COLOUR);
	gv_default(gg, AGNODE, "peripheries", "1");

	gv_default(gg, AGEDGE, "fontname", "Helvetica");
	gv_default(gg, AGEDGE, "fontsize", "10");
	gv_default(gg, AGEDGE, "fontcolor", "#333333");
	gv_default(gg, AGEDGE, "color", sc == SIZE_SMALL ? "#555555AA" : "#55555566");
	gv_default(gg, AGEDGE, "arrowsize", "0.7");
	gv_default(gg, AGEDGE, "style", "solid");
	gv_default(gg, AGEDGE, "dir", "forward");

	orgset orgs;
	orgs_collect(g, &orgs);
	int maxm = 1;
	for (size_t i = 0; i < g->nnodes; i++)
		if (g->nodes[i].meetings > maxm)
			maxm = g->nodes[i].meetings;

	Agnode_t **an = xcalloc(g->nnodes ? g->nnodes : 1, sizeof(*an));
	for (size_t i = 0; i < g->nnodes; i++) {
		const char *id = g->nodes[i].id ? g->nodes[i].id : "";
		if (gv->agnode(gg, gvstr(id), 0)) {
			pg_error("cannot render %s: duplicate node id \"%s\"", fmtname, id);
			goto fail;
		}
		an[i] = gv->agnode(gg, gvstr(id), 1);
		node_attrs(gg, an[i], &g->nodes[i], &orgs, maxm);
	}
	for (size_t i = 0; i < g->nedges; i++) {
		const pg_gedge *e = &g->edges[i];
		Agedge_t *ae = gv->agedge(gg, an[e->source], an[e->target], NULL, 1);
		edge_attrs(g, ae, e, small);
	}
	graph_caption(gg, g, &orgs);
	free(an);
	free(orgs.v);
	return gg;
fail:
	free(an);
	free(orgs.v);
	gv->agclose(gg);
	return NULL;
}

static const char *gv_format_name(int format)
{
	switch (format) {
	case PG_FMT_SVG: return "svg";
	case PG_FMT_PNG: return "png";
	case PG_FMT_PDF: return "pdf";
	default: return "dot";
	}
}

/*
 * One Graphviz context per process.  Graphviz 2.42's pango plugin caches a
 * font name pointer across contexts: after gvFreeContext() the next
 * context's text measuring reads freed memory (valgrind shows it).  So the
 * context is created once and freed at exit.
 */
static GVC_t *shared_gvc;

static void free_shared_gvc(void)
{
	if (shared_gvc)
		gv->gvFreeContext(shared_gvc);
	shared_gvc = NULL;
}

static GVC_t *get_gvc(void)
{
	if (!shared_gvc) {
		shared_gvc = gv->gvContext();
		if (shared_gvc)
			atexit(free_shared_gvc);
	}
	return shared_gvc;
}

static int render_graphviz(const pg_graph *g, const pg_render_opts *opts, FILE *out)
{
	const char *fmt = gv_format_name(opts->format);
	const char *engine = choose_engine(g, opts);
	int rc = -1;

	if (!gv && !(gv = gv_load()))
		return -1;
	sb_reset(&gv_messages);
	agusererrf old_errf = gv->agseterrf(gv_collect);
	agerrlevel_t old_level = gv->agseterr(AGERR); /* warnings are not failures */

	Agraph_t *gg = build_agraph(g, engine, opts->format, fmt);
	if (!gg)
		goto out;

	if (opts->format == PG_FMT_DOT) {
		/* Unlaid, see the top of the file. */
		if (gv->agwrite(gg, out) == EOF) {
			pg_error("cannot render dot: write error: %s", strerror(errno));
		} else {
			rc = finish_output(out, fmt);
		}
		gv->agclose(gg);
		goto out;
	}

	GVC_t *gvc = get_gvc();
	if (!gvc) {
		pg_error("cannot render %s: cannot start Graphviz", fmt);
		gv->agclose(gg);
		goto out;
	}
	if (gv->gvLayout(gvc, gg, engine) != 0) {
		pg_error("cannot render %s: layout \"%s\" failed: %s", fmt, engine,
			 gv_last_message());
	} else {
		char *data = NULL;
		unsigned int len = 0;
		if (gv->gvRenderData(gvc, gg, fmt, &data, &len) != 0) {
			pg_error("cannot render %s: %s", fmt, gv_last_message());
		} else if (len && fwrite(data, 1, len, out) != len) {
			pg_error("cannot render %s: write error: %s", fmt, strerror(errno));
		} else {
			rc = finish_output(out, fmt);
		}
		if (data)
			gv->gvFreeRenderData(data);
		gv->gvFreeLayout(gvc, gg);
	}
	gv->agclose(gg);
out:
	gv->agseterr(old_level);
	gv->agseterrf(old_errf);
	sb_release(&gv_messages);
	return rc;
}

/* ---- entry point ---------------------------------------------------------- */

int pg_graph_render(const pg_graph *g, const pg_render_opts *opts, FILE *out)
{
	static const pg_render_opts defaults = {PG_FMT_DOT, NULL, 0};
	if (!opts)
		opts = &defaults;
	static const char *const names[] = {"dot",  "svg",     "png",  "pdf",
					    "json", "graphml", "gexf", "mermaid"};
	if (opts->format < 0 || opts->format >= PG_FMT_UNKNOWN)
		return pg_error("cannot render: unknown output format");
	if (check_graph(g, names[opts->format]))
		return -1;
	switch (opts->format) {
	case PG_FMT_JSON: return render_json(g, out);
	case PG_FMT_GRAPHML: return render_graphml(g, out);
	case PG_FMT_GEXF: return render_gexf(g, out);
	case PG_FMT_MERMAID: return render_mermaid(g, opts, out);
	default: return render_graphviz(g, opts, out);
	}
}
