/*
 * fuzz_text.c — libFuzzer target: the UTF-8 helpers on arbitrary bytes.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fold_and_slug(const char *s)
{
	char *f = text_fold(s);
	char *g = text_slug(s);
	char *n = text_nfc(s);
	(void)u8_width(s);
	if (f)
		(void)strlen(f);
	if (g)
		(void)strlen(g);
	free(f);
	free(g);
	free(n);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 64u * 1024u)
		return -1;
	char *s = malloc(size + 1);
	if (!s)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';

	(void)u8_invalid_at(s, size);
	size_t out_len = 0;
	char *fixed = text_repair_mojibake(s, size, &out_len);
	if (fixed) {
		/* each repaired run of N original bytes was written with >= 2N */
		if (out_len > size || fixed[out_len] != '\0')
			abort();
		(void)u8_invalid_at(fixed, out_len);
		fold_and_slug(fixed);
		free(fixed);
	}
	/* text_fold and friends take C strings: cut at the first NUL */
	fold_and_slug(s);
	free(s);
	return 0;
}
