#include "cmd.h"
int cmd_stale(pg_cli *cli, int argc, char **argv)
{
	(void)cli; (void)argc; (void)argv;
	return usage_error("stale", "not implemented yet");
}
