#include "cmd.h"
int cmd_doctor(pg_cli *cli, int argc, char **argv)
{
	(void)cli; (void)argc; (void)argv;
	return usage_error("doctor", "not implemented yet");
}
