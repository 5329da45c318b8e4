#include "cmd.h"
int cmd_search(pg_cli *cli, int argc, char **argv)
{
	(void)cli; (void)argc; (void)argv;
	return usage_error("search", "not implemented yet");
}
