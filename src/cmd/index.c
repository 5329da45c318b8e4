/* index.c — peoplegraph index [--full] */
#include <stdio.h>
#include <string.h>

#include "cmd.h"

int cmd_index(pg_cli *cli, int argc, char **argv)
{
	int full = 0;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--full"))
			full = 1;
		else
			return usage_error("index", "unknown option '%s'", argv[i]);
	}
	pg_vault *v;
	if (pg_vault_open(&v, &cli->open) < 0)
		return PG_EXIT_OPEN;
	pg_index_stats st;
	int rc = pg_vault_index(v, full, &st);
	pg_vault_close(v);
	if (rc < 0)
		return PG_EXIT_OPEN;
	if (!cli->open.quiet)
		printf("%d notes (%d read, %d removed, %d resolved again), %d people, %d mentions,"
		       " %d with errors\n",
		       st.notes, st.parsed, st.removed, st.resolved, st.people, st.mentions,
		       st.errors);
	return rc ? PG_EXIT_NOTES : PG_EXIT_OK;
}
