/* parse_count.c — parses the notes listed on standard input (one path a
 * line, at most COUNT, default 300) and releases each: nothing else, so
 * that `valgrind --tool=callgrind` counts the instructions of parsing
 * alone, a figure that does not move with the machine's load the way
 * times do.  `make bench-parse` runs it on the first 300 notes of the
 * 20k bench vault. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "markdown.h"
#include "note.h"
#include "util.h"

int main(int argc, char **argv)
{
	int max = argc > 1 ? atoi(argv[1]) : 300, n = 0;
	static char buf[8 << 20];
	char path[4096];
	md_init();
	while (n < max && fgets(path, sizeof path, stdin)) {
		path[strcspn(path, "\n")] = '\0';
		FILE *f = fopen(path, "rb");
		if (!f) {
			fprintf(stderr, "parse_count: %s: cannot open\n", path);
			continue;
		}
		size_t len = fread(buf, 1, sizeof buf, f);
		fclose(f);
		pg_note N;
		pg_diags d = PG_DIAGS_INIT;
		memset(&N, 0, sizeof N);
		pg_note_parse(&N, path, buf, len, &d);
		pg_note_release(&N);
		diags_release(&d);
		n++;
	}
	printf("parse_count: %d notes\n", n);
	return n ? 0 : 1;
}
