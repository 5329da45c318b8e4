#include "cmd.h"
int cmd_topics(pg_cli *cli, int argc, char **argv)
{
	(void)cli; (void)argc; (void)argv;
	return usage_error("topics", "not implemented yet");
}
