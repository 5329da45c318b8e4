/*
 * text.h — UTF-8 and Unicode helpers built on utf8proc.
 * Every function returning char * returns a new string the caller frees.
 */
#ifndef PG_TEXT_H
#define PG_TEXT_H

#include <stddef.h>
#include <stdint.h>

/* The parsers call these for every character: ASCII is answered inline,
 * the rest by utf8proc (the _slow functions, not for direct use). */
int u8_next_slow(const char *s, size_t len, int32_t *cp);
int u8_is_upper_slow(int32_t cp);
int u8_is_lower_slow(int32_t cp);
int u8_is_letter_slow(int32_t cp);
int u8_is_mark_slow(int32_t cp);

/* Decodes one code point at S (LEN bytes left); returns bytes used (>= 1).
 * Invalid bytes decode as U+FFFD consuming one byte. */
static inline int u8_next(const char *s, size_t len, int32_t *cp)
{
	if (len && (unsigned char)*s < 0x80) {
		*cp = (unsigned char)*s;
		return 1;
	}
	return u8_next_slow(s, len, cp);
}
/* Byte offset of the first invalid sequence, or -1 when S is valid UTF-8. */
long u8_invalid_at(const char *s, size_t len);
static inline int u8_is_upper(int32_t cp)
{
	return cp < 0x80 ? cp >= 'A' && cp <= 'Z' : u8_is_upper_slow(cp);
}
static inline int u8_is_lower(int32_t cp)
{
	return cp < 0x80 ? cp >= 'a' && cp <= 'z' : u8_is_lower_slow(cp);
}
static inline int u8_is_letter(int32_t cp)
{
	return cp < 0x80 ? (cp | 32) >= 'a' && (cp | 32) <= 'z' : u8_is_letter_slow(cp);
}
static inline int u8_is_mark(int32_t cp)
{
	return cp < 0x80 ? 0 : u8_is_mark_slow(cp);
}
/* Terminal display width of S (East Asian wide = 2, marks = 0). */
int u8_width(const char *s);
int u8_width_n(const char *s, size_t len); /* of the LEN bytes at S */
/* The same, or MAX when it is at least MAX: it stops there. */
int u8_width_max(const char *s, size_t len, int max);

/* Matching key for a name or term: NFKC, case folded, marks stripped,
 * ø/đ/ł/æ-style letters folded to ASCII, curly apostrophes and dashes
 * straightened, runs of white space collapsed to one space. */
char *text_fold(const char *s);
/* text_fold of the first N bytes of S. */
char *text_fold_n(const char *s, size_t n);
/* The same written into BUF (CAP bytes) and returned, when S[0..N) is
 * ASCII shorter than CAP; NULL otherwise (nothing is allocated). */
char *text_fold_buf(const char *s, size_t n, char *buf, size_t cap);
/* NFC form of S (for display and storage). */
char *text_nfc(const char *s);
/* Repairs runs of UTF-8 that were decoded as Mac Roman or Windows-1252 and
 * encoded again ("Bj√∂rn", "BjÃ¶rn" -> "Björn").  Returns NULL when nothing
 * needed repair; otherwise a new buffer with its length in *OUT_LEN. */
char *text_repair_mojibake(const char *s, size_t len, size_t *out_len);
/* Lower-case ASCII slug of a name: "Søren Kjeldsen" -> "soren-kjeldsen". */
char *text_slug(const char *s);

#endif
