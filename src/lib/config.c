#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util.h"
#include "yamltree.h"

void config_init(pg_config *c)
{
	memset(c, 0, sizeof(*c));
	static const char *const structural[] = {"type/",     "person/",  "generated", "task",
						 "proposed",  "auto",     "source/",   "org/",
						 "customer/", "company/", NULL};
	for (int i = 0; structural[i]; i++)
		sl_push(&c->structural_tags, structural[i]);
	sl_push(&c->private_tags, "private");
	sl_push(&c->private_tags, "confidential");
}

void config_release(pg_config *c)
{
	free(c->me);
	for (size_t i = 0; i < c->npeople; i++) {
		free(c->people[i].name);
		free(c->people[i].org);
		free(c->people[i].role);
		sl_release(&c->people[i].aliases);
	}
	free(c->people);
	sl_release(&c->not_people);
	sl_release(&c->structural_tags);
	sl_release(&c->private_tags);
	for (size_t i = 0; i < c->nviews; i++) {
		free(c->views[i].name);
		sl_release(&c->views[i].keys);
		sl_release(&c->views[i].values);
	}
	free(c->views);
	memset(c, 0, sizeof(*c));
}

static void strings_of(const ynode *v, strlist *out)
{
	if (!v)
		return;
	if (v->type == Y_SCALAR) {
		if (*v->str)
			sl_push(out, v->str);
		return;
	}
	for (size_t i = 0; i < v->n; i++)
		if (v->kids[i]->type == Y_SCALAR && *v->kids[i]->str)
			sl_push(out, v->kids[i]->str);
}

static char *scalar(const ynode *v)
{
	return v && v->type == Y_SCALAR && *v->str ? xstrdup(v->str) : NULL;
}

static int known_key(const char *k, const char *const *keys)
{
	for (; *keys; keys++)
		if (!strcmp(*keys, k))
			return 1;
	return 0;
}

int config_load(pg_config *c, const char *path, const char *display, pg_diags *diags)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return errno == ENOENT ? 0
				       : (diags_add(diags, PG_ERROR, display, 0, "cannot read: %s",
						    strerror(errno)),
					  -1);
	strbuf sb = STRBUF_INIT;
	char buf[8192];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, f)) > 0 && sb.len < (1u << 20))
		sb_add(&sb, buf, n);
	fclose(f);
	c->hash = hash_bytes(sb_str(&sb), sb.len);
	ynode *root = NULL;
	char *err;
	int eline, rc = 0;
	if (yaml_load(sb_str(&sb), sb.len, &root, &err, &eline) < 0) {
		diags_add(diags, PG_ERROR, display, eline, "%s", err);
		free(err);
		sb_release(&sb);
		return -1;
	}
	sb_release(&sb);
	if (!root)
		return 0;
	if (root->type != Y_MAP) {
		diags_add(diags, PG_ERROR, display, root->line,
			  "the config must be a mapping of keys");
		ynode_free(root);
		return -1;
	}
	static const char *const top[] = {"me",           "people", "not_people", "structural_tags",
					  "private_tags", "views",  NULL};
	static const char *const pkeys[] = {"name", "aliases", "org", "role", NULL};
	static const char *const vkeys[] = {
		"focus",      "depth",      "since",      "until",      "tag",     "top",
		"format",     "layout",     "min-weight", "min_weight", "edges",   "topic",
		"exclude-me", "exclude_me", "output",     "anonymize",  "cluster", "links",
		"max-edges",  "max_edges",  NULL};
	for (size_t i = 0; i + 1 < root->n; i += 2) {
		const ynode *k = root->kids[i], *v = root->kids[i + 1];
		if (k->type != Y_SCALAR || !known_key(k->str, top)) {
			diags_add(
				diags, PG_ERROR, display, k->line,
				"unknown key '%s' (known: me, people, not_people, structural_tags, private_tags, views)",
				k->type == Y_SCALAR ? k->str : "?");
			rc = -1;
			continue;
		}
		if (!strcmp(k->str, "me")) {
			free(c->me);
			c->me = scalar(v);
		} else if (!strcmp(k->str, "not_people")) {
			strings_of(v, &c->not_people);
		} else if (!strcmp(k->str, "structural_tags")) {
			strings_of(v, &c->structural_tags);
		} else if (!strcmp(k->str, "private_tags")) {
			strings_of(v, &c->private_tags);
		} else if (!strcmp(k->str, "people")) {
			if (v->type != Y_SEQ) {
				diags_add(diags, PG_ERROR, display, v->line,
					  "'people' must be a list");
				rc = -1;
				continue;
			}
			for (size_t j = 0; j < v->n; j++) {
				const ynode *p = v->kids[j];
				pg_cfg_person cp;
				memset(&cp, 0, sizeof(cp));
				if (p->type == Y_SCALAR) {
					cp.name = scalar(p);
				} else if (p->type == Y_MAP) {
					for (size_t q = 0; q + 1 < p->n; q += 2)
						if (p->kids[q]->type != Y_SCALAR ||
						    !known_key(p->kids[q]->str, pkeys)) {
							diags_add(
								diags, PG_ERROR, display,
								p->kids[q]->line,
								"unknown key '%s' in people (known: name, aliases, org, role)",
								p->kids[q]->type == Y_SCALAR
									? p->kids[q]->str
									: "?");
							rc = -1;
						}
					cp.name = scalar(ymap_get(p, "name"));
					cp.org = scalar(ymap_get(p, "org"));
					cp.role = scalar(ymap_get(p, "role"));
					strings_of(ymap_get(p, "aliases"), &cp.aliases);
				}
				if (!cp.name) {
					diags_add(diags, PG_ERROR, display, p->line,
						  "a person without a name");
					free(cp.org);
					free(cp.role);
					sl_release(&cp.aliases);
					rc = -1;
					continue;
				}
				c->people =
					xrealloc(c->people, (c->npeople + 1) * sizeof(*c->people));
				c->people[c->npeople++] = cp;
			}
		} else if (!strcmp(k->str, "views")) {
			if (v->type != Y_MAP) {
				diags_add(diags, PG_ERROR, display, v->line,
					  "'views' must map names to options");
				rc = -1;
				continue;
			}
			for (size_t j = 0; j + 1 < v->n; j += 2) {
				const ynode *vn = v->kids[j], *vv = v->kids[j + 1];
				pg_view view;
				memset(&view, 0, sizeof(view));
				view.name = xstrdup(vn->type == Y_SCALAR ? vn->str : "?");
				for (size_t q = 0; vv->type == Y_MAP && q + 1 < vv->n; q += 2) {
					const ynode *ok = vv->kids[q], *ov = vv->kids[q + 1];
					if (ok->type != Y_SCALAR || !known_key(ok->str, vkeys)) {
						diags_add(diags, PG_ERROR, display, ok->line,
							  "unknown option '%s' in view '%s'",
							  ok->type == Y_SCALAR ? ok->str : "?",
							  view.name);
						rc = -1;
						continue;
					}
					sl_push(&view.keys, ok->str);
					sl_push(&view.values, ov->type == Y_SCALAR ? ov->str : "");
				}
				c->views = xrealloc(c->views, (c->nviews + 1) * sizeof(*c->views));
				c->views[c->nviews++] = view;
			}
		}
	}
	ynode_free(root);
	return rc;
}

static int tag_matches(const strlist *l, const char *tag)
{
	for (size_t i = 0; i < l->n; i++) {
		const char *p = l->v[i];
		size_t n = strlen(p);
		if (n && p[n - 1] == '/') {
			if (!strncasecmp(tag, p, n))
				return 1;
		} else if (!strcasecmp(tag, p)) {
			return 1;
		}
	}
	return 0;
}

int config_tag_structural(const pg_config *c, const char *tag)
{
	return tag_matches(&c->structural_tags, tag);
}

int config_tag_private(const pg_config *c, const char *tag)
{
	return tag_matches(&c->private_tags, tag);
}
