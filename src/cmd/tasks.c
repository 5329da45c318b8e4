#include "cmd.h"
int cmd_tasks(pg_cli *cli, int argc, char **argv)
{
	(void)cli; (void)argc; (void)argv;
	return usage_error("tasks", "not implemented yet");
}
