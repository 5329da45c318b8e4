#include "cmd.h"
int cmd_graph(pg_cli *cli, int argc, char **argv)
{
	(void)cli; (void)argc; (void)argv;
	return usage_error("graph", "not implemented yet");
}
