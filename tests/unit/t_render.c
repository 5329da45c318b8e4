/*
 * t_render.c — the graph renderers: format names, escaping in every writer,
 * well-formed XML, DOT that Graphviz reads back, SVG/PNG/PDF through gvc.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cgraph.h>

#include "graph.h"
#include "test.h"
#include "util.h"

#define NASTY "Zo\xC3\xAB \"Z\" <b>&{x}\\ ]] <script>"

static void set_topics(pg_gedge *e, const char *a, const char *b)
{
	e->ntopics = b ? 2 : 1;
	e->topics = xcalloc(e->ntopics, sizeof(char *));
	e->topics[0] = xstrdup(a);
	if (b)
		e->topics[1] = xstrdup(b);
}

/* 4 people: 2 orgs, one without org, one with a hostile name. */
static void build_sample(pg_graph *g)
{
	memset(g, 0, sizeof(*g));
	size_t a = pg_graph_add_node(g, "p1", "Alex Morgan", NULL);
	size_t b = pg_graph_add_node(g, "p2", NASTY, "Acme & Co");
	size_t c = pg_graph_add_node(g, "p3", "Chen Li", "Globex");
	size_t d = pg_graph_add_node(g, "p4", "Dana\nEvans", "Acme & Co");
	g->nodes[a].meetings = 9, g->nodes[a].is_owner = 1;
	g->nodes[b].meetings = 4, g->nodes[b].last = xstrdup("2024-03-04");
	g->nodes[b].is_focus = 1;
	g->nodes[b].href = xstrdup("notes/a&b.md");
	g->nodes[c].meetings = 2;
	g->nodes[d].meetings = 1;

	pg_gedge *e = pg_graph_add_edge(g, a, b, PG_EDGE_MET);
	e->weight = 4, e->first = xstrdup("2024-01-02"), e->last = xstrdup("2024-03-04");
	set_topics(e, "road\"map\" <x>", "hiring");
	e = pg_graph_add_edge(g, a, c, PG_EDGE_MET);
	e->weight = 2, e->first = xstrdup("2023-11-05"), e->last = xstrdup("2024-02-01");
	set_topics(e, "budget", NULL);
	e = pg_graph_add_edge(g, b, c, PG_EDGE_MENTIONED);
	e->weight = 1, e->first = xstrdup("2024-02-10"), e->last = xstrdup("2024-02-10");
	set_topics(e, "Q3 \\N planning", NULL);
	e = pg_graph_add_edge(g, c, d, PG_EDGE_MET);
	e->weight = 1; /* no dates, no topics */

	g->title = xstrdup("People & <topics>");
	g->nlegend = 2;
	g->legend = xcalloc(2, sizeof(char *));
	g->legend[0] = xstrdup("roadmap");
	g->legend[1] = xstrdup("<hiring>");
}

/* Renders G as FORMAT into a malloc'ed buffer; *LEN gets its size; NULL on failure. */
static char *render(const pg_graph *g, int format, const char *layout, int maxm, size_t *len)
{
	char *buf = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&buf, &n);
	pg_render_opts o = {format, layout, maxm};
	int rc = pg_graph_render(g, &o, f);
	fclose(f);
	if (len)
		*len = n;
	if (rc) {
		free(buf);
		return NULL;
	}
	return buf;
}

static int have_xmllint = -1;

/* 1 when xmllint says TEXT is well-formed, 0 when not, -1 when xmllint is absent. */
static int xml_ok(const char *text, size_t len)
{
	if (have_xmllint < 0) {
		have_xmllint = system("command -v xmllint >/dev/null 2>&1") == 0;
		if (!have_xmllint)
			printf("t_render: xmllint not installed, skipping XML checks\n");
	}
	if (!have_xmllint)
		return -1;
	char path[] = "/tmp/t_render_XXXXXX";
	int fd = mkstemp(path);
	if (fd < 0)
		return 0;
	int ok = write(fd, text, len) == (ssize_t)len;
	close(fd);
	if (ok) {
		char *cmd = xasprintf("xmllint --noout '%s'", path);
		ok = system(cmd) == 0;
		free(cmd);
	}
	unlink(path);
	return ok;
}

TEST(test_format_names)
{
	CHECK_INT(pg_format_from_name("svg"), PG_FMT_SVG);
	CHECK_INT(pg_format_from_name("DOT"), PG_FMT_DOT);
	CHECK_INT(pg_format_from_name("gv"), PG_FMT_DOT);
	CHECK_INT(pg_format_from_name("mmd"), PG_FMT_MERMAID);
	CHECK_INT(pg_format_from_name("mermaid"), PG_FMT_MERMAID);
	CHECK_INT(pg_format_from_name("gexf"), PG_FMT_GEXF);
	CHECK_INT(pg_format_from_name("jpeg"), PG_FMT_UNKNOWN);
	CHECK_INT(pg_format_from_name(NULL), PG_FMT_UNKNOWN);
	CHECK_INT(pg_format_from_path("out/people.GraphML"), PG_FMT_GRAPHML);
	CHECK_INT(pg_format_from_path("a.b/people.Png"), PG_FMT_PNG);
	CHECK_INT(pg_format_from_path("x.json"), PG_FMT_JSON);
	CHECK_INT(pg_format_from_path("x.pdf"), PG_FMT_PDF);
	CHECK_INT(pg_format_from_path("a.svg/people"), PG_FMT_UNKNOWN);
	CHECK_INT(pg_format_from_path("people"), PG_FMT_UNKNOWN);
	CHECK_INT(pg_format_from_path(".svg"), PG_FMT_UNKNOWN);
}

TEST(test_json_exact)
{
	pg_graph g = {0};
	size_t a = pg_graph_add_node(&g, "p1", "A \"q\" \\ \x01\xff", NULL);
	size_t b = pg_graph_add_node(&g, "p2", "B", "Org\t1");
	g.nodes[a].meetings = 3;
	g.nodes[b].last = xstrdup("2024-01-01");
	pg_gedge *e = pg_graph_add_edge(&g, a, b, PG_EDGE_MENTIONED);
	e->weight = 2, e->first = xstrdup("2023-12-01");
	set_topics(e, "x</script>", "\xC3\xA9t\xC3\xA9");
	char *out = render(&g, PG_FMT_JSON, NULL, 0, NULL);
	CHECK_STR(out,
		  "{\n"
		  "  \"nodes\": [\n"
		  "    {\"id\": \"p1\", \"name\": \"A \\\"q\\\" \\\\ \\u0001\xEF\xBF\xBD\", "
		  "\"org\": null, \"meetings\": 3, \"last\": null},\n"
		  "    {\"id\": \"p2\", \"name\": \"B\", \"org\": \"Org\\t1\", \"meetings\": 0, "
		  "\"last\": \"2024-01-01\"}\n"
		  "  ],\n"
		  "  \"edges\": [\n"
		  "    {\"source\": \"p1\", \"target\": \"p2\", \"kind\": \"mentioned\", "
		  "\"weight\": 2, \"first\": \"2023-12-01\", \"last\": null, "
		  "\"topics\": [\"x</script>\", \"\xC3\xA9t\xC3\xA9\"]}\n"
		  "  ]\n"
		  "}\n");
	free(out);
	pg_graph_release(&g);

	pg_graph empty = {0};
	out = render(&empty, PG_FMT_JSON, NULL, 0, NULL);
	CHECK_STR(out, "{\n  \"nodes\": [],\n  \"edges\": []\n}\n");
	free(out);
}

TEST(test_json_sample)
{
	pg_graph g;
	build_sample(&g);
	char *out = render(&g, PG_FMT_JSON, NULL, 0, NULL);
	CHECK(out && strstr(out, "\"name\": \"Zo\xC3\xAB \\\"Z\\\" <b>&{x}\\\\ ]] <script>\""));
	CHECK(out && strstr(out, "\"name\": \"Dana\\nEvans\""));
	CHECK(out &&
	      strstr(out, "{\"source\": \"p3\", \"target\": \"p4\", \"kind\": \"met\", "
			  "\"weight\": 1, \"first\": null, \"last\": null, \"topics\": []}"));
	free(out);
	pg_graph_release(&g);
}

TEST(test_graphml)
{
	pg_graph g;
	build_sample(&g);
	size_t len;
	char *out = render(&g, PG_FMT_GRAPHML, NULL, 0, &len);
	CHECK(out != NULL);
	if (out) {
		CHECK(xml_ok(out, len) != 0);
		CHECK(strstr(out, "<data key=\"name\">Zo\xC3\xAB &quot;Z&quot; &lt;b&gt;&amp;{x}\\ "
				  "]] &lt;script&gt;</data>"));
		CHECK(strstr(out, "<data key=\"name\">Dana&#10;Evans</data>"));
		CHECK(strstr(out, "<key id=\"topics\" for=\"edge\""));
		CHECK(strstr(
			out,
			"source=\"p2\" target=\"p3\">\n      <data key=\"kind\">mentioned</data>"));
		CHECK(strstr(out,
			     "<data key=\"topics\">road&quot;map&quot; &lt;x&gt;; hiring</data>"));
		CHECK(!strstr(out, "<script"));
	}
	free(out);
	pg_graph_release(&g);
}

TEST(test_gexf)
{
	pg_graph g;
	build_sample(&g);
	size_t len;
	char *out = render(&g, PG_FMT_GEXF, NULL, 0, &len);
	CHECK(out != NULL);
	if (out) {
		CHECK(xml_ok(out, len) != 0);
		CHECK(strstr(out, "<graph mode=\"dynamic\" defaultedgetype=\"undirected\" "
				  "timeformat=\"date\">"));
		/* Node start is the earliest date of its edges; p4 has none. */
		CHECK(strstr(out, "<node id=\"p1\" label=\"Alex Morgan\" start=\"2023-11-05\">"));
		CHECK(strstr(out, "<node id=\"p4\" label=\"Dana&#10;Evans\">"));
		CHECK(strstr(out, "<spell start=\"2024-01-02\" end=\"2024-03-04\"/>"));
		CHECK(strstr(out, "type=\"directed\""));
		CHECK(strstr(out, "label=\"Zo\xC3\xAB &quot;Z&quot; &lt;b&gt;&amp;{x}\\ ]] "
				  "&lt;script&gt;\""));
		CHECK(!strstr(out, "<script"));
	}
	free(out);
	pg_graph_release(&g);
}

TEST(test_mermaid)
{
	pg_graph g;
	build_sample(&g);
	char *out = render(&g, PG_FMT_MERMAID, NULL, 0, NULL);
	CHECK(out && !strncmp(out, "graph LR\n", 9));
	CHECK(out && strstr(out, "  p2[\"Zo\xC3\xAB #34;Z#34; #60;b#62;#38;#123;x#125;#92; "
				 "#93;#93; #60;script#62;<br/><small>Acme #38; Co</small>\"]\n"));
	CHECK(out && strstr(out, "  p4[\"Dana Evans<br/><small>Acme #38; Co</small>\"]\n"));
	CHECK(out && strstr(out, "  p1 ---|\"road#34;map#34; #60;x#62;\"| p2\n"));
	CHECK(out && strstr(out, "  p2 -.->|\"Q3 #92;N planning\"| p3\n"));
	CHECK(out && strstr(out, "  p3 --- p4\n"));
	CHECK(out && !strstr(out, "omitted"));
	CHECK(out && !strstr(out, "<script"));
	free(out);

	/* Cut to the 2 heaviest edges (weights 4 and 2), kept in graph order. */
	fprintf(stderr, "t_render: a warning about 2 edges left out is expected:\n");
	out = render(&g, PG_FMT_MERMAID, NULL, 2, NULL);
	CHECK(out && strstr(out, "%% 2 edges omitted"));
	CHECK(out &&
	      strstr(out, "p1 ---|\"road#34;map#34; #60;x#62;\"| p2\n  p1 ---|\"budget\"| p3\n"));
	CHECK(out && !strstr(out, "p3 --- p4"));
	free(out);
	pg_graph_release(&g);
}

TEST(test_dot_roundtrip)
{
	pg_graph g;
	build_sample(&g);
	char *out = render(&g, PG_FMT_DOT, NULL, 0, NULL);
	CHECK(out != NULL);
	if (!out) {
		pg_graph_release(&g);
		return;
	}
	/* Unlaid: no positions, so the bytes do not depend on fonts or versions. */
	CHECK(!strstr(out, "pos="));
	CHECK(strstr(out, "layout=neato"));
	/* Backslashes doubled: Graphviz expands \N and friends in labels. */
	CHECK(strstr(out, "Zo\xC3\xAB &quot;Z&quot; &lt;b&gt;&amp;{x}\\\\ ]] &lt;script&gt;"));
	Agraph_t *gg = agmemread(out);
	CHECK(gg != NULL);
	if (gg) {
		CHECK_INT(agnnodes(gg), 4);
		CHECK_INT(agnedges(gg), 4);
		Agnode_t *n = agnode(gg, "p2", 0);
		CHECK(n != NULL);
		if (n) {
			char *label = agget(n, "label");
			CHECK(label && aghtmlstr(label));
			CHECK(label &&
			      strstr(label, "Zo\xC3\xAB &quot;Z&quot; &lt;b&gt;&amp;{x}\\\\ ]] "
					    "&lt;script&gt;"));
			CHECK_STR(agget(n, "href"), "notes/a&amp;b.md");
			CHECK_STR(agget(n, "color"), "#CC3311");
		}
		Agnode_t *p1 = agnode(gg, "p1", 0);
		CHECK(p1 && !strcmp(agget(p1, "peripheries"), "2"));
		CHECK(p1 && !strcmp(agget(p1, "href"), ""));
		agclose(gg);
	}
	/* The same graph gives the same bytes. */
	char *again = render(&g, PG_FMT_DOT, NULL, 0, NULL);
	CHECK_STR(again, out);
	free(again);
	free(out);
	pg_graph_release(&g);
}

TEST(test_svg)
{
	pg_graph g;
	build_sample(&g);
	size_t len;
	char *out = render(&g, PG_FMT_SVG, NULL, 0, &len);
	CHECK(out != NULL);
	if (out) {
		CHECK(xml_ok(out, len) != 0);
		CHECK(!strstr(out, "<script"));
		CHECK(!strstr(out, "<b>"));
		/* Label text and tooltip carry the name exactly, XML-escaped once. */
		CHECK(strstr(
			out,
			">Zo\xC3\xAB &quot;Z&quot; &lt;b&gt;&amp;{x}\\ ]] &lt;script&gt;</text>"));
		CHECK(strstr(out,
			     "xlink:title=\"Zo\xC3\xAB &quot;Z&quot; &lt;b&gt;&amp;{x}\\ ]] "
			     "&lt;script&gt; \xE2\x80\x94 Acme &amp; Co \xE2\x80\x94 4 meetings "
			     "\xE2\x80\x94 last met 2024&#45;03&#45;04\""));
		CHECK(strstr(out, "xlink:href=\"notes/a&amp;b.md\""));
		CHECK(strstr(out, ">Q3 \\N planning</text>"));
		CHECK(strstr(out, "People &amp; &lt;topics&gt;"));
		/* Only the node with an href is a link. */
		int links = 0;
		for (const char *p = out; (p = strstr(p, "xlink:href")); p++)
			links++;
		CHECK_INT(links, 1);
	}
	free(out);
	pg_graph_release(&g);
}

/* Graphviz escape sequences in names come out literally, not expanded. */
TEST(test_svg_backslashes)
{
	pg_graph g = {0};
	size_t a = pg_graph_add_node(&g, "p1", "a\\N \\G \\E \\T \\H \\L \\n \\\\ b", "O\\N");
	size_t b = pg_graph_add_node(&g, "p2", "x", NULL);
	set_topics(pg_graph_add_edge(&g, a, b, PG_EDGE_MET), "t\\E", NULL);
	char *out = render(&g, PG_FMT_SVG, NULL, 0, NULL);
	CHECK(out && strstr(out, ">a\\N \\G \\E \\T \\H \\L \\n \\\\ b</text>"));
	CHECK(out && strstr(out, ">O\\N</text>"));
	CHECK(out && strstr(out, ">t\\E</text>"));
	CHECK(out &&
	      strstr(out, "xlink:title=\"a\\N \\G \\E \\T \\H \\L \\n \\\\ b \xE2\x80\x94 O\\N"));
	CHECK(out &&
	      strstr(out,
		     "xlink:title=\"a\\N \\G \\E \\T \\H \\L \\n \\\\ b \xE2\x80\x93 x: 1 note, "
		     "topics: t\\E\""));
	free(out);
	pg_graph_release(&g);
}

TEST(test_png_pdf)
{
	pg_graph g;
	build_sample(&g);
	size_t len = 0;
	char *out = render(&g, PG_FMT_PNG, NULL, 0, &len);
	CHECK(out && len > 8 && !memcmp(out, "\x89PNG\r\n\x1a\n", 8));
	free(out);
	out = render(&g, PG_FMT_PDF, "dot", 0, &len);
	CHECK(out && len > 5 && !memcmp(out, "%PDF-", 5));
	free(out);
	pg_graph_release(&g);
}

TEST(test_errors)
{
	pg_graph g;
	build_sample(&g);
	fprintf(stderr, "t_render: two rendering errors are expected:\n");
	CHECK(render(&g, PG_FMT_SVG, "no-such-engine", 0, NULL) == NULL);
	g.edges[0].target = 99;
	CHECK(render(&g, PG_FMT_JSON, NULL, 0, NULL) == NULL);
	g.edges[0].target = 1;
	pg_graph_release(&g);
	CHECK(g.nnodes == 0 && g.nodes == NULL);
}

int main(void)
{
	RUN(test_format_names);
	RUN(test_json_exact);
	RUN(test_json_sample);
	RUN(test_graphml);
	RUN(test_gexf);
	RUN(test_mermaid);
	RUN(test_dot_roundtrip);
	RUN(test_svg);
	RUN(test_svg_backslashes);
	RUN(test_png_pdf);
	RUN(test_errors);
	TEST_MAIN_END();
}
