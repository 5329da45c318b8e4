#include "cmd.h"
int cmd_path(pg_cli *cli, int argc, char **argv)
{
	(void)cli; (void)argc; (void)argv;
	return usage_error("path", "not implemented yet");
}
