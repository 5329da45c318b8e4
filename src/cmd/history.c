#include "cmd.h"
int cmd_history(pg_cli *cli, int argc, char **argv)
{
	(void)cli; (void)argc; (void)argv;
	return usage_error("history", "not implemented yet");
}
