#include "cmd.h"
int cmd_people(pg_cli *cli, int argc, char **argv)
{
	(void)cli; (void)argc; (void)argv;
	return usage_error("people", "not implemented yet");
}
