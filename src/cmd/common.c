/* common.c — what commands share: opening the vault, naming a person. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "diag.h"
#include "resolve.h"
#include "text.h"
#include "util.h"

int cli_open(pg_cli *cli, pg_vault **v)
{
	if (pg_vault_open(v, &cli->open) < 0)
		return PG_EXIT_OPEN;
	if (cli->no_index)
		return PG_EXIT_OK;
	pg_index_stats st;
	int rc = pg_vault_index(*v, 0, &st);
	if (rc < 0) {
		pg_vault_close(*v);
		*v = NULL;
		return PG_EXIT_OPEN;
	}
	return rc ? PG_EXIT_NOTES : PG_EXIT_OK;
}

int cli_person(pg_vault *v, const char *name)
{
	pg_registry R;
	store_load_registry(v, &R);
	intlist c = {0};
	registry_candidates(&R, name, &c);
	int r = -1;
	if (c.n == 1) {
		r = c.v[0] + 1;
	} else if (c.n > 1) {
		fprintf(stderr, "peoplegraph: '%s' is ambiguous; it could be:\n", name);
		for (size_t i = 0; i < c.n; i++) {
			const pg_person *p = &R.v[c.v[i]];
			fprintf(stderr, "  %s%s%s%s\n", p->name, p->org ? " (" : "", p->org ? p->org : "",
				p->org ? ")" : "");
		}
		fprintf(stderr, "Give the full name.\n");
		r = -2;
	} else {
		fprintf(stderr, "peoplegraph: no person called '%s' in the index; "
				"'peoplegraph people' lists everyone\n", name);
	}
	il_release(&c);
	registry_release(&R);
	return r;
}
