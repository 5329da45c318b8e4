/*
 * fuzz_resolve.c — libFuzzer target: name resolution over a small vault.
 *
 * The input is up to FUZZ_MAX_NOTES notes separated by lines that are exactly
 * "%%%" (see SEP below).  Each is parsed, the registry is built over all of
 * them with the default config (me: Ann Example), and every note is resolved.
 * Checked: resolution yields person indexes inside the registry, parallel
 * lists of equal length, and a task owner per task that is -1 or a person.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "markdown.h"
#include "note.h"
#include "resolve.h"

#define FUZZ_MAX_INPUT (256u * 1024u)
#define FUZZ_MAX_NOTES 8
#define SEP "%%%"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	md_init();
	return 0;
}

/* Start of the next separator line at or after P (a line equal to SEP),
 * or END. */
static const char *find_sep(const char *p, const char *start, const char *end, const char **next)
{
	const size_t sl = sizeof(SEP) - 1;
	for (const char *q = p; q < end; q++) {
		if (q != start && q[-1] != '\n')
			continue;
		if ((size_t)(end - q) < sl || memcmp(q, SEP, sl))
			continue;
		const char *e = q + sl;
		if (e == end) {
			*next = end;
			return q;
		}
		if (*e == '\n') {
			*next = e + 1;
			return q;
		}
	}
	*next = end;
	return end;
}

static void check(int cond, const char *what)
{
	if (!cond) {
		fprintf(stderr, "fuzz_resolve: invariant broken: %s\n", what);
		abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > FUZZ_MAX_INPUT)
		return -1;
	const char *buf = (const char *)data, *end = buf + size;

	pg_note notes[FUZZ_MAX_NOTES];
	pg_note *ptrs[FUZZ_MAX_NOTES];
	size_t n = 0;
	pg_diags d = PG_DIAGS_INIT;
	const char *p = buf;
	while (n < FUZZ_MAX_NOTES) {
		const char *next;
		const char *stop = find_sep(p, buf, end, &next);
		/* the last note takes the rest of the input, separators and all */
		if (n == FUZZ_MAX_NOTES - 1)
			stop = next = end;
		memset(&notes[n], 0, sizeof(notes[n]));
		char path[32];
		snprintf(path, sizeof(path), "note%zu.md", n);
		pg_note_parse(&notes[n], path, p, (size_t)(stop - p), &d);
		ptrs[n] = &notes[n];
		n++;
		if (next >= end)
			break;
		p = next;
	}

	pg_config cfg;
	config_init(&cfg);
	cfg.me = strdup("Ann Example");

	pg_registry R;
	registry_init(&R);
	registry_build(&R, ptrs, n, &cfg);
	check(R.owner >= -1 && R.owner < (int)R.n, "registry owner index");

	for (size_t i = 0; i < n; i++) {
		pg_resolved res;
		resolve_note(&R, &notes[i], &cfg, &res);
		check(res.people.n == res.roles.n && res.people.n == res.lines.n,
		      "people/roles/lines lengths");
		for (size_t k = 0; k < res.people.n; k++) {
			check(res.people.v[k] >= 0 && (size_t)res.people.v[k] < R.n,
			      "resolved person index");
			check(res.roles.v[k] >= ROLE_PARTICIPANT && res.roles.v[k] <= ROLE_ABSENT,
			      "role value");
		}
		for (size_t k = 0; k < notes[i].ntasks; k++)
			check(!res.task_owner || (res.task_owner[k] >= -1 &&
						  res.task_owner[k] < (int)R.n),
			      "task owner index");
		(void)note_facts_hash(&notes[i]);
		resolved_release(&res);
	}

	registry_release(&R);
	config_release(&cfg);
	for (size_t i = 0; i < n; i++)
		pg_note_release(&notes[i]);
	diags_release(&d);
	return 0;
}
