/* graph.c — peoplegraph graph: draw the people graph (graphq.c + render.c). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "graphq.h"

enum {
	O_FORMAT = 256,
	O_FOCUS,
	O_DEPTH,
	O_SINCE,
	O_UNTIL,
	O_TAG,
	O_TOPIC,
	O_MINW,
	O_TOP,
	O_MAXE,
	O_EDGES,
	O_LAYOUT,
	O_EXME,
	O_ANON,
	O_LINKS,
	O_VIEW,
	O_CLUSTER
};

static const struct option longopts[] = {{"output", required_argument, NULL, 'o'},
					 {"format", required_argument, NULL, O_FORMAT},
					 {"focus", required_argument, NULL, O_FOCUS},
					 {"depth", required_argument, NULL, O_DEPTH},
					 {"since", required_argument, NULL, O_SINCE},
					 {"until", required_argument, NULL, O_UNTIL},
					 {"tag", required_argument, NULL, O_TAG},
					 {"topic", required_argument, NULL, O_TOPIC},
					 {"min-weight", required_argument, NULL, O_MINW},
					 {"top", required_argument, NULL, O_TOP},
					 {"max-edges", required_argument, NULL, O_MAXE},
					 {"edges", required_argument, NULL, O_EDGES},
					 {"layout", required_argument, NULL, O_LAYOUT},
					 {"exclude-me", no_argument, NULL, O_EXME},
					 {"anonymize", no_argument, NULL, O_ANON},
					 {"links", no_argument, NULL, O_LINKS},
					 {"view", required_argument, NULL, O_VIEW},
					 {"cluster", required_argument, NULL, O_CLUSTER},
					 {NULL, 0, NULL, 0}};

typedef struct gopts {
	const char *out, *format, *focus, *layout, *view;
	pg_graph_query q;
} gopts;

static int parse_edges(const char *s)
{
	int e = 0;
	if (strstr(s, "met"))
		e |= PG_EDGE_MET;
	if (strstr(s, "mention"))
		e |= PG_EDGE_MENTIONED;
	return e;
}

/* Applies one option (from the command line or a view); 0, or -1. */
static int apply(gopts *o, int c, const char *arg)
{
	switch (c) {
	case 'o': o->out = arg; break;
	case O_FORMAT: o->format = arg; break;
	case O_FOCUS: o->focus = arg; break;
	case O_DEPTH: o->q.depth = atoi(arg); break;
	case O_SINCE: o->q.since = arg; break;
	case O_UNTIL: o->q.until = arg; break;
	case O_TAG: o->q.tag = arg; break;
	case O_TOPIC: o->q.topic = arg; break;
	case O_MINW: o->q.min_weight = atoi(arg); break;
	case O_TOP: o->q.top = atoi(arg); break;
	case O_MAXE: o->q.max_edges = atoi(arg); break;
	case O_EDGES:
		if (!(o->q.edges = parse_edges(arg)))
			return -1;
		break;
	case O_LAYOUT: o->layout = arg; break;
	case O_EXME: o->q.exclude_me = 1; break;
	case O_ANON: o->q.anonymize = 1; break;
	case O_LINKS: o->q.links = 1; break;
	case O_VIEW: o->view = arg; break;
	case O_CLUSTER:
		/* people are coloured by organisation; no other kind of cluster exists */
		if (strcmp(arg, "org"))
			return -1;
		break;
	default: return -1;
	}
	return 0;
}

static int apply_view(gopts *o, const pg_config *cfg, const char *name)
{
	for (size_t i = 0; i < cfg->nviews; i++) {
		const pg_view *vw = &cfg->views[i];
		if (strcmp(vw->name, name))
			continue;
		for (size_t k = 0; k < vw->keys.n; k++) {
			const char *key = vw->keys.v[k];
			int c = -1;
			for (const struct option *lo = longopts; lo->name; lo++) {
				char *alt = xstrdup(key);
				for (char *p = alt; *p; p++)
					if (*p == '_')
						*p = '-';
				if (!strcmp(lo->name, alt))
					c = lo->val;
				free(alt);
			}
			if (!strcmp(key, "output"))
				c = 'o';
			const char *val = vw->values.v[k];
			if (c == O_EXME || c == O_ANON || c == O_LINKS) {
				if (strcmp(val, "true") && strcmp(val, "yes") && strcmp(val, "1"))
					continue;
			}
			if (c < 0 || apply(o, c, val) < 0)
				return usage_error("graph", "view '%s': bad option '%s'", name,
						   key);
		}
		return 0;
	}
	return usage_error("graph", "no view '%s' in the config", name);
}

static void gopts_init(gopts *o)
{
	memset(o, 0, sizeof(*o));
	o->q.depth = -1;
	o->q.edges = PG_EDGE_MET | PG_EDGE_MENTIONED;
	o->q.top = -1;
	o->q.max_edges = -1;
	o->q.min_weight = 1;
}

static int parse_args(gopts *o, int argc, char **argv)
{
	optind = 1;
	opterr = 0;
	int c;
	while ((c = getopt_long(argc, argv, "o:", longopts, NULL)) != -1) {
		if (c == '?' || c == ':')
			return usage_error("graph", "unknown option or missing value: '%s'",
					   argv[optind - 1]);
		if (apply(o, c, optarg) < 0)
			return usage_error("graph", "bad value for '%s'", argv[optind - 1]);
	}
	if (optind < argc)
		return usage_error("graph", "unexpected argument '%s'", argv[optind]);
	return 0;
}

int cmd_graph(pg_cli *cli, int argc, char **argv)
{
	gopts o;
	gopts_init(&o);
	int rc0 = parse_args(&o, argc, argv);
	if (rc0)
		return rc0;
	pg_vault *v;
	int rc = cli_open(cli, &v);
	if (rc == PG_EXIT_OPEN)
		return rc;
	if (o.view) {
		/* the view first, then the command line again: it wins */
		const char *view = o.view;
		gopts_init(&o);
		if (apply_view(&o, &v->cfg, view) != 0 || parse_args(&o, argc, argv)) {
			pg_vault_close(v);
			return PG_EXIT_USAGE;
		}
	}
	int fmt = o.format ? pg_format_from_name(o.format)
		  : o.out  ? pg_format_from_path(o.out)
			   : PG_FMT_DOT;
	if (fmt == PG_FMT_UNKNOWN) {
		pg_vault_close(v);
		return usage_error(
			"graph",
			"unknown format; use dot, svg, png, pdf, json, graphml, gexf or mermaid");
	}
	if (o.focus) {
		int id = cli_person(v, o.focus);
		if (id < 0) {
			pg_vault_close(v);
			return PG_EXIT_USAGE;
		}
		o.q.focus_id = id;
	}
	if (o.q.depth < 0)
		o.q.depth = 1;
	if (o.q.top < 0)
		o.q.top = o.q.focus_id ? 150 : 60;
	if (o.q.max_edges < 0 &&
	    (fmt == PG_FMT_JSON || fmt == PG_FMT_GRAPHML || fmt == PG_FMT_GEXF))
		o.q.max_edges = 0; /* data formats: everything; drawings: graphq decides */
	o.q.quiet = cli->open.quiet;
	pg_graph g;
	if (pg_graph_build(v, &o.q, &g) < 0) {
		pg_vault_close(v);
		return PG_EXIT_OPEN;
	}
	FILE *out = stdout;
	if (o.out && strcmp(o.out, "-")) {
		out = fopen(o.out, "wb");
		if (!out) {
			pg_error("cannot write %s: %m", o.out);
			pg_graph_release(&g);
			pg_vault_close(v);
			return PG_EXIT_OPEN;
		}
	}
	pg_render_opts ro;
	memset(&ro, 0, sizeof(ro));
	ro.format = fmt;
	ro.layout = o.layout;
	int r = pg_graph_render(&g, &ro, out);
	if (out != stdout && fclose(out) != 0)
		r = -1;
	else if (out == stdout)
		fflush(stdout);
	pg_graph_release(&g);
	pg_vault_close(v);
	if (r < 0)
		return PG_EXIT_OPEN;
	return rc;
}
