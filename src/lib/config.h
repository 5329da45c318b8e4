/*
 * config.h — VAULT/.peoplegraph.yaml.
 *
 *   me: Full Name
 *   people: [{name, aliases: [...], org, role}, ...]
 *   not_people: [Term, ...]
 *   structural_tags: [type/, person/, generated]
 *   private_tags: [confidential]
 *   views: {NAME: {focus, depth, since, until, tag, top, format, ...}}
 *
 * Unknown keys are errors (with their line), so typos do not pass silently.
 */
#ifndef PG_CONFIG_H
#define PG_CONFIG_H

#include "diag.h"
#include "util.h"

typedef struct pg_cfg_person {
	char *name, *org, *role;
	strlist aliases;
} pg_cfg_person;

typedef struct pg_view {
	char *name;
	strlist keys, values; /* option name, value: applied like command-line options */
} pg_view;

typedef struct pg_config {
	char *me;
	pg_cfg_person *people;
	size_t npeople;
	strlist not_people;
	strlist structural_tags;
	strlist private_tags;
	pg_view *views;
	size_t nviews;
	uint64_t hash; /* of the file's bytes: a change re-resolves the vault */
} pg_config;

void config_init(pg_config *c);
/* Reads PATH (missing file: defaults, returns 0).  Errors go to DIAGS and
 * return -1. */
int config_load(pg_config *c, const char *path, const char *display, pg_diags *diags);
void config_release(pg_config *c);
int config_tag_structural(const pg_config *c, const char *tag);
int config_tag_private(const pg_config *c, const char *tag);

#endif
