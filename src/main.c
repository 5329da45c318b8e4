/*
 * main.c — global options, the command table, dispatch.
 * Global options may stand before or after the command name.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdio_ext.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "cmd/cmd.h"
#include "diag.h"
#include "util.h"

#define GLOBAL_OPTS                                                                 \
	"  --vault DIR          the vault (default: $PEOPLEGRAPH_VAULT, else .)\n"  \
	"  --db FILE            the index (default: VAULT/.peoplegraph/index.db)\n" \
	"  --me NAME            the vault owner (default: me: in the config)\n"     \
	"  --config FILE        the config (default: VAULT/.peoplegraph.yaml)\n"    \
	"  --no-index           query the index as it is, without refreshing it\n"  \
	"  --include-private    include notes with private tags\n"                  \
	"  -q, --quiet          no progress output\n"                               \
	"  -v, --verbose        explain what was skipped and why\n"                 \
	"  -h, --help           help; 'peoplegraph help COMMAND' for a command\n"   \
	"  --version            print the version\n"

const pg_command pg_commands[] = {
	{"index", cmd_index, "[--full]", "build or refresh the index",
	 "  --full               read every note again\n"},
	{"notes", cmd_notes, "[--format json|table|csv|md]",
	 "every note with its date, people, tasks and topics",
	 "  --format FMT         json (the default), table, csv or md\n"},
	{"people", cmd_people, "[--sort name|meetings|mentions|first|last] [--format FMT]",
	 "everyone, with organisation, meetings, mentions, first and last seen",
	 "  --sort KEY           name, meetings (default), mentions, first or last\n"
	 "  --format FMT         table, json, csv or md\n"},
	{"person", cmd_person, "NAME [--format FMT]", "a dossier of one person",
	 "  --format FMT         table, json, csv (a row per fact) or md\n"},
	{"history", cmd_history,
	 "NAME [--since DATE] [--until DATE] [--limit N] [--role ROLE] [--format FMT]",
	 "a person's meetings, newest first",
	 "  --since DATE         only notes on or after DATE (YYYY-MM-DD)\n"
	 "  --until DATE         only notes on or before DATE\n"
	 "  --limit N            at most N notes\n"
	 "  --role ROLE          participant, referenced, owner or absent\n"
	 "  --format FMT         table, json, csv or md\n"},
	{"tasks", cmd_tasks, "[NAME] [--open|--done|--overdue] [--as-of DATE] [--format FMT]",
	 "action items with owner, due date and status",
	 "  --open               only open items\n"
	 "  --done               only done items\n"
	 "  --overdue            open items past their due date\n"
	 "  --as-of DATE         the day --overdue counts from (default: today)\n"
	 "  --format FMT         table, json, csv or md\n"},
	{"graph", cmd_graph,
	 "[-o FILE] [--format FMT] [--focus NAME] [--depth N] [--since DATE] [--until DATE] [--tag T] "
	 "[--topic T] [--min-weight N] [--top N] [--max-edges N] [--edges met,mentioned] [--layout ENGINE] "
	 "[--exclude-me] [--anonymize] [--links] [--cluster org] [--view NAME]",
	 "draw who connects to whom, around which topics",
	 "  -o, --output FILE    write here (format from the extension)\n"
	 "  --format FMT         dot, svg, png, pdf, json, graphml, gexf or mermaid\n"
	 "  --focus NAME         only people within --depth steps of NAME\n"
	 "  --depth N            steps from the focus (default 1)\n"
	 "  --since DATE         only notes on or after DATE\n"
	 "  --until DATE         only notes on or before DATE\n"
	 "  --tag T              only notes with tag T\n"
	 "  --topic T            only notes about topic T\n"
	 "  --min-weight N       only edges backed by N notes or more\n"
	 "  --top N              at most N people, most connected first (default 60, 150 with --focus)\n"
	 "  --max-edges N        at most N connections, strongest first (default 2 per person + 20\n"
	 "                       for drawings, all for json/graphml/gexf; 0 draws all)\n"
	 "  --edges LIST         met, mentioned or met,mentioned (the default)\n"
	 "  --layout ENGINE      auto (default), dot, neato, fdp, sfdp, circo, twopi\n"
	 "  --exclude-me         leave the vault owner out\n"
	 "  --anonymize          replace names by stable pseudonyms\n"
	 "  --links              link nodes to their latest note (relative path)\n"
	 "  --cluster org        colour people by organisation (the default and only kind)\n"
	 "  --view NAME          apply a view from the config; command-line options win\n"},
	{"doctor", cmd_doctor, "[--format FMT]",
	 "what to fix: ambiguous names, one-off names, likely duplicates, notes with errors",
	 "  --format FMT         table, json, csv or md\n"},
	{"search", cmd_search, "TEXT [--limit N] [--sort ORDER] [--format FMT]",
	 "full-text search with snippets and the people in each hit",
	 "  --limit N            at most N hits (default 20)\n"
	 "  --sort ORDER         rank or date (default: rank, date above 500 hits)\n"
	 "  --format FMT         table, json, csv or md\n"},
	{"topics", cmd_topics, "[--person NAME] [--limit N] [--format FMT]",
	 "topics across the vault, or around one person",
	 "  --person NAME        only notes NAME is in\n"
	 "  --limit N            at most N topics (default 30)\n"
	 "  --format FMT         table, json, csv or md\n"},
	{"path", cmd_path, "A B [--format FMT]",
	 "the shortest chain of meetings connecting two people",
	 "  --format FMT         table, json, csv or md\n"},
	{"stale", cmd_stale, "[--days N] [--as-of DATE] [--format FMT]",
	 "people met at least twice but not in the last N days",
	 "  --days N             how long counts as stale (default 90)\n"
	 "  --as-of DATE         count from DATE instead of today\n"
	 "  --format FMT         table, json, csv or md\n"},
	{"help", cmd_help, "[COMMAND]", "help on a command", ""},
	{NULL, NULL, NULL, NULL, NULL},
};

const pg_command *find_command(const char *name)
{
	for (const pg_command *c = pg_commands; c->name; c++)
		if (!strcmp(c->name, name))
			return c;
	return NULL;
}

void print_command_help(const pg_command *c, FILE *f)
{
	fprintf(f, "usage: peoplegraph [GLOBAL OPTIONS] %s %s\n\n%s.\n", c->name, c->usage,
		c->summary);
	if (c->options && *c->options)
		fprintf(f, "\noptions:\n%s", c->options);
	fprintf(f, "\nglobal options:\n%s", GLOBAL_OPTS);
}

static void usage(FILE *f)
{
	fprintf(f, "usage: peoplegraph [GLOBAL OPTIONS] COMMAND [OPTIONS]\n\n"
		   "Turns a vault of markdown meeting notes into a map of people.\n\ncommands:\n");
	for (const pg_command *c = pg_commands; c->name; c++)
		fprintf(f, "  %-8s %s\n", c->name, c->summary);
	fprintf(f,
		"\nglobal options:\n%s\nexit status: 0 ok, 1 some notes had errors, 2 usage, "
		"3 cannot open the vault or index.\nSee peoplegraph(1).\n",
		GLOBAL_OPTS);
}

int usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "peoplegraph%s%s: ", cmd ? " " : "", cmd ? cmd : "");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry 'peoplegraph help%s%s'.\n", cmd ? " " : "", cmd ? cmd : "");
	return PG_EXIT_USAGE;
}

int cmd_help(pg_cli *cli, int argc, char **argv)
{
	(void)cli;
	if (argc > 1) {
		const pg_command *c = find_command(argv[1]);
		if (!c)
			return usage_error(NULL, "unknown command '%s'", argv[1]);
		print_command_help(c, stdout);
		return 0;
	}
	usage(stdout);
	return 0;
}

/* Takes the value of option NAME at argv[*i] ("--name V" or "--name=V"). */
static const char *opt_value(int argc, char **argv, int *i, const char *name)
{
	size_t n = strlen(name);
	if (strncmp(argv[*i], name, n))
		return NULL;
	if (argv[*i][n] == '=')
		return argv[*i] + n + 1;
	if (argv[*i][n] || *i + 1 >= argc)
		return NULL;
	return argv[++*i];
}

int main(int argc, char **argv)
{
	/* Only this thread writes to stdout: no lock per character, and a
	 * large buffer for the megabytes a big history or dump can be. */
	__fsetlocking(stdout, FSETLOCKING_BYCALLER);
	static char outbuf[1 << 16];
	setvbuf(stdout, outbuf, isatty(STDOUT_FILENO) ? _IOLBF : _IOFBF, sizeof outbuf);
	/* SQLite's count of its memory takes a global lock per allocation;
	 * nothing here reads it (the library leaves SQLite's configuration
	 * to the program, which must set it before the first connection) */
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	pg_cli cli;
	memset(&cli, 0, sizeof(cli));
	cli.argv0 = argv[0];
	char **rest = xcalloc((size_t)argc + 1, sizeof(char *));
	int nrest = 0, help = 0, seen_dd = 0;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *v;
		if (seen_dd) {
			rest[nrest++] = argv[i];
			continue;
		}
		if (!strcmp(a, "--")) {
			seen_dd = 1;
			rest[nrest++] = argv[i];
		} else if ((v = opt_value(argc, argv, &i, "--vault")))
			cli.open.vault = v;
		else if ((v = opt_value(argc, argv, &i, "--db")))
			cli.open.db = v;
		else if ((v = opt_value(argc, argv, &i, "--me"))) {
			if (!*v) {
				free(rest);
				return usage_error(NULL, "--me needs a name");
			}
			cli.open.me = v;
		} else if ((v = opt_value(argc, argv, &i, "--config")))
			cli.open.config = v;
		else if (!strcmp(a, "--no-index"))
			cli.no_index = 1;
		else if (!strcmp(a, "--include-private"))
			cli.open.include_private = 1;
		else if (!strcmp(a, "-q") || !strcmp(a, "--quiet"))
			cli.open.quiet = 1;
		else if (!strcmp(a, "-v") || !strcmp(a, "--verbose"))
			cli.open.verbose = 1;
		else if (!strcmp(a, "--version")) {
			printf("peoplegraph %s\n", PEOPLEGRAPH_VERSION);
			free(rest);
			return 0;
		} else if (!strcmp(a, "-h") || !strcmp(a, "--help"))
			help = 1;
		else if (!strcmp(a, "--vault") || !strcmp(a, "--db") || !strcmp(a, "--me") ||
			 !strcmp(a, "--config")) {
			free(rest);
			return usage_error(NULL, "option %s needs a value", a);
		} else
			rest[nrest++] = argv[i];
	}
	if (!nrest) {
		usage(help ? stdout : stderr);
		free(rest);
		return help ? 0 : PG_EXIT_USAGE;
	}
	const pg_command *c = find_command(rest[0]);
	if (!c) {
		int rc = usage_error(NULL, "unknown command '%s'", rest[0]);
		free(rest);
		return rc;
	}
	if (help) {
		print_command_help(c, stdout);
		free(rest);
		return 0;
	}
	if (!cli.open.vault)
		cli.open.vault = getenv("PEOPLEGRAPH_VAULT");
	if (!cli.open.vault || !*cli.open.vault)
		cli.open.vault = ".";
	int rc = c->fn(&cli, nrest, rest);
	free(rest);
	return rc;
}
