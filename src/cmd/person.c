#include "cmd.h"
int cmd_person(pg_cli *cli, int argc, char **argv)
{
	(void)cli; (void)argc; (void)argv;
	return usage_error("person", "not implemented yet");
}
