/*
 * fuzz_note.c — libFuzzer target: one note from arbitrary bytes.
 *
 * pg_note_parse (front matter via libyaml, body via cmark-gfm, extraction),
 * then the stored form must be a fixed point:
 * serialize(deserialize(serialize(N))) == serialize(N).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "markdown.h"
#include "note.h"

#define FUZZ_MAX_INPUT (256u * 1024u)

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	md_init();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > FUZZ_MAX_INPUT)
		return -1; /* keep it out of the corpus */

	pg_note N;
	pg_diags d = PG_DIAGS_INIT;
	memset(&N, 0, sizeof(N));
	pg_note_parse(&N, "fuzz.md", (const char *)data, size, &d);

	size_t len1 = 0, len2 = 0;
	char *s1 = pg_note_serialize(&N, &len1);
	pg_note M;
	memset(&M, 0, sizeof(M));
	if (pg_note_deserialize(&M, s1, len1) != 0) {
		fprintf(stderr, "fuzz_note: deserialize rejected a fresh serialization:\n%.*s\n",
			(int)len1, s1);
		abort();
	}
	char *s2 = pg_note_serialize(&M, &len2);
	if (len1 != len2 || memcmp(s1, s2, len1) != 0) {
		size_t i = 0;
		while (i < len1 && i < len2 && s1[i] == s2[i])
			i++;
		fprintf(stderr,
			"fuzz_note: serialization is not a fixed point (len %zu vs %zu, first "
			"difference at byte %zu)\n--- first:\n%.*s\n--- second:\n%.*s\n",
			len1, len2, i, (int)len1, s1, (int)len2, s2);
		abort();
	}
	free(s1);
	free(s2);
	pg_note_release(&M);
	pg_note_release(&N);
	diags_release(&d);
	return 0;
}
