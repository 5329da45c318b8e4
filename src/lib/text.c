#include "text.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "util.h"

int u8_next_slow(const char *s, size_t len, int32_t *cp)
{
	utf8proc_int32_t c;
	utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s,
					      len > 4 ? 4 : (utf8proc_ssize_t)len, &c);
	if (n <= 0) {
		*cp = 0xFFFD;
		return 1;
	}
	*cp = c;
	return (int)n;
}

long u8_invalid_at(const char *s, size_t len)
{
	size_t i = 0;
	while (i < len) {
		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		utf8proc_int32_t c;
		utf8proc_ssize_t n =
			utf8proc_iterate((const utf8proc_uint8_t *)s + i,
					 (utf8proc_ssize_t)(len - i > 4 ? 4 : len - i), &c);
		if (n <= 0)
			return (long)i;
		i += (size_t)n;
	}
	return -1;
}

int u8_is_upper_slow(int32_t cp)
{
	if (cp < 0x80)
		return cp >= 'A' && cp <= 'Z';
	utf8proc_category_t c = utf8proc_category(cp);
	return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
}

int u8_is_lower_slow(int32_t cp)
{
	if (cp < 0x80)
		return cp >= 'a' && cp <= 'z';
	return utf8proc_category(cp) == UTF8PROC_CATEGORY_LL;
}

int u8_is_letter_slow(int32_t cp)
{
	if (cp < 0x80)
		return (cp | 32) >= 'a' && (cp | 32) <= 'z';
	utf8proc_category_t c = utf8proc_category(cp);
	return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO;
}

int u8_is_mark_slow(int32_t cp)
{
	if (cp < 0x80)
		return 0;
	utf8proc_category_t c = utf8proc_category(cp);
	return c >= UTF8PROC_CATEGORY_MN && c <= UTF8PROC_CATEGORY_ME;
}

int u8_width(const char *s)
{
	return u8_width_n(s, strlen(s));
}

int u8_width_n(const char *s, size_t len)
{
	return u8_width_max(s, len, INT_MAX);
}

int u8_width_max(const char *s, size_t len, int max)
{
	size_t i = 0;
	int w = 0;
	/* ASCII, nearly every name and line, eight bytes at a time: a word
	 * of printable ASCII (0x20..0x7e) is eight columns */
	const uint64_t ones = 0x0101010101010101ULL, high = 0x8080808080808080ULL;
	for (; i + 8 <= len && w < max; i += 8) {
		uint64_t x, del;
		memcpy(&x, s + i, 8);
		del = x ^ (ones * 0x7f);
		if ((x & high) || ((x - ones * 0x20) & ~x & high) || ((del - ones) & ~del & high))
			break;
		w += 8;
	}
	while (i < len && w < max) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x80) { /* ASCII: one column if printable, as utf8proc says */
			w += c >= 0x20 && c < 0x7f;
			i++;
			continue;
		}
		int32_t cp;
		i += (size_t)u8_next(s + i, len - i, &cp);
		int cw = utf8proc_charwidth(cp);
		w += cw > 0 ? cw : 0;
	}
	return w < max ? w : max;
}

/* Letters that Unicode does not decompose into base + mark, folded the way
 * people type them on an ASCII keyboard; also quote and dash variants. */
static utf8proc_int32_t fold_custom(utf8proc_int32_t c, void *data)
{
	(void)data;
	switch (c) {
	case 0x00F8:
	case 0x00D8: return 'o';
	case 0x0111:
	case 0x0110: return 'd';
	case 0x0142:
	case 0x0141: return 'l';
	case 0x0131: return 'i';
	case 0x00E6:
	case 0x00C6: return 'a'; /* æ: "ae" would need two; rare in names */
	case 0x0153:
	case 0x0152: return 'o';
	case 0x00FE:
	case 0x00DE: return 't';
	case 0x2019:
	case 0x2018:
	case 0x02BC:
	case 0x00B4:
	case 0x0060: return '\'';
	case 0x2010:
	case 0x2011:
	case 0x2012:
	case 0x2013: return '-';
	case 0x00A0: return ' ';
	default: return c;
	}
}

/* ASCII needs none of Unicode's machinery: lower case, straight quotes
 * already, collapse white space.  Most words of most notes take this path. */
/* The fold of ASCII S[0..N) into R (N + 1 bytes). */
static char *fold_ascii_into(const char *s, size_t n, char *r)
{
	size_t j = 0;
	int sp = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
			sp = 1;
			continue;
		}
		if (sp && j)
			r[j++] = ' ';
		sp = 0;
		if (c == '`')
			c = '\'';
		r[j++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
	}
	r[j] = '\0';
	return r;
}

static char *fold_ascii(const char *s, size_t n)
{
	return fold_ascii_into(s, n, xmalloc(n + 1));
}

char *text_fold_buf(const char *s, size_t n, char *buf, size_t cap)
{
	if (n >= cap)
		return NULL;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] >= 0x80 || !s[i])
			return NULL;
	return fold_ascii_into(s, n, buf);
}

char *text_fold_n(const char *s, size_t n)
{
	char *c = xstrndup(s, n);
	char *r = text_fold(c);
	free(c);
	return r;
}

char *text_fold(const char *s)
{
	size_t len = 0;
	int ascii = 1;
	for (; s[len]; len++)
		if ((unsigned char)s[len] >= 0x80)
			ascii = 0;
	if (ascii)
		return fold_ascii(s, len);
	utf8proc_uint8_t *out = NULL;
	utf8proc_ssize_t n = utf8proc_map_custom(
		(const utf8proc_uint8_t *)s, 0, &out,
		UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_COMPOSE |
			UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK | UTF8PROC_IGNORE,
		fold_custom, NULL);
	if (n < 0)
		return xstrdup("");
	/* collapse white space, trim */
	char *r = xmalloc((size_t)n + 1);
	size_t j = 0;
	int sp = 0;
	for (utf8proc_ssize_t i = 0; i < n; i++) {
		unsigned char c = out[i];
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			sp = 1;
			continue;
		}
		if (sp && j)
			r[j++] = ' ';
		sp = 0;
		r[j++] = (char)c;
	}
	r[j] = '\0';
	free(out);
	return r;
}

char *text_nfc(const char *s)
{
	/* ASCII is its own NFC; nearly every name is ASCII */
	const unsigned char *p = (const unsigned char *)s;
	while (*p && *p < 0x80)
		p++;
	if (!*p)
		return xstrdup(s);
	utf8proc_uint8_t *out = utf8proc_NFC((const utf8proc_uint8_t *)s);
	if (!out)
		return xstrdup(s);
	char *r = xstrdup((char *)out);
	free(out);
	return r;
}

char *text_slug(const char *s)
{
	char *f = text_fold(s);
	strbuf sb = STRBUF_INIT;
	int dash = 0;
	for (char *p = f; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
			if (dash && sb.len)
				sb_addc(&sb, '-');
			dash = 0;
			sb_addc(&sb, (char)c);
		} else if (c == '\'') {
			continue; /* O'Rourke -> orourke */
		} else {
			dash = 1;
		}
	}
	free(f);
	return sb_detach(&sb);
}

/* Mac Roman 0x80..0xFF as Unicode. */
static const uint16_t macroman[128] = {
	0x00C4, 0x00C5, 0x00C7, 0x00C9, 0x00D1, 0x00D6, 0x00DC, 0x00E1, 0x00E0, 0x00E2, 0x00E4,
	0x00E3, 0x00E5, 0x00E7, 0x00E9, 0x00E8, 0x00EA, 0x00EB, 0x00ED, 0x00EC, 0x00EE, 0x00EF,
	0x00F1, 0x00F3, 0x00F2, 0x00F4, 0x00F6, 0x00F5, 0x00FA, 0x00F9, 0x00FB, 0x00FC, 0x2020,
	0x00B0, 0x00A2, 0x00A3, 0x00A7, 0x2022, 0x00B6, 0x00DF, 0x00AE, 0x00A9, 0x2122, 0x00B4,
	0x00A8, 0x2260, 0x00C6, 0x00D8, 0x221E, 0x00B1, 0x2264, 0x2265, 0x00A5, 0x00B5, 0x2202,
	0x2211, 0x220F, 0x03C0, 0x222B, 0x00AA, 0x00BA, 0x03A9, 0x00E6, 0x00F8, 0x00BF, 0x00A1,
	0x00AC, 0x221A, 0x0192, 0x2248, 0x2206, 0x00AB, 0x00BB, 0x2026, 0x00A0, 0x00C0, 0x00C3,
	0x00D5, 0x0152, 0x0153, 0x2013, 0x2014, 0x201C, 0x201D, 0x2018, 0x2019, 0x00F7, 0x25CA,
	0x00FF, 0x0178, 0x2044, 0x20AC, 0x2039, 0x203A, 0xFB01, 0xFB02, 0x2021, 0x00B7, 0x201A,
	0x201E, 0x2030, 0x00C2, 0x00CA, 0x00C1, 0x00CB, 0x00C8, 0x00CD, 0x00CE, 0x00CF, 0x00CC,
	0x00D3, 0x00D4, 0xF8FF, 0x00D2, 0x00DA, 0x00DB, 0x00D9, 0x0131, 0x02C6, 0x02DC, 0x00AF,
	0x02D8, 0x02D9, 0x02DA, 0x00B8, 0x02DD, 0x02DB, 0x02C7,
};

/* Windows-1252 0x80..0x9F; 0xA0..0xFF equal Latin-1.  0 = undefined. */
static const uint16_t cp1252[32] = {
	0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
	0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
	0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178,
};

/* The byte that code point CP stood for in charset CS (0 Mac Roman,
 * 1 Windows-1252), or -1. */
static int byte_of(int cs, int32_t cp)
{
	if (cs == 0) {
		for (int i = 0; i < 128; i++)
			if (macroman[i] == cp)
				return 0x80 + i;
		return -1;
	}
	if (cp >= 0xA0 && cp <= 0xFF)
		return (int)cp;
	for (int i = 0; i < 32; i++)
		if (cp1252[i] && cp1252[i] == cp)
			return 0x80 + i;
	return -1;
}

/* Tries to read a mis-decoded UTF-8 sequence at S; on success writes the
 * original bytes to OUT and returns the number of input bytes consumed. */
static size_t try_sequence(const char *s, size_t len, int cs, unsigned char out[4], int *outn)
{
	int32_t cp;
	size_t used = (size_t)u8_next(s, len, &cp);
	int lead = byte_of(cs, cp);
	if (lead < 0xC2 || lead > 0xF4)
		return 0;
	int need = lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : 1;
	out[0] = (unsigned char)lead;
	for (int k = 1; k <= need; k++) {
		if (used >= len)
			return 0;
		used += (size_t)u8_next(s + used, len - used, &cp);
		int b = byte_of(cs, cp);
		if (b < 0x80 || b > 0xBF)
			return 0;
		out[k] = (unsigned char)b;
	}
	if (u8_invalid_at((const char *)out, (size_t)need + 1) >= 0)
		return 0;
	/* a plausible original: a letter, a symbol or punctuation, never a
	 * combining mark or a control ("Ã©" is é from Windows-1252, not the
	 * Mac Roman reading U+0329) */
	int32_t orig;
	u8_next((const char *)out, (size_t)need + 1, &orig);
	utf8proc_category_t c = utf8proc_category(orig);
	if ((c >= UTF8PROC_CATEGORY_MN && c <= UTF8PROC_CATEGORY_ME) || c >= UTF8PROC_CATEGORY_ZS ||
	    c == UTF8PROC_CATEGORY_CN)
		return 0;
	*outn = need + 1;
	return used;
}

char *text_repair_mojibake(const char *s, size_t len, size_t *out_len)
{
	strbuf sb = STRBUF_INIT;
	size_t copied = 0;
	int fixed = 0;
	for (size_t i = 0; i < len;) {
		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		unsigned char orig[4];
		int on = 0;
		size_t used = try_sequence(s + i, len - i, 0, orig, &on);
		if (!used)
			used = try_sequence(s + i, len - i, 1, orig, &on);
		if (used) {
			sb_add(&sb, s + copied, i - copied);
			sb_add(&sb, (const char *)orig, (size_t)on);
			i += used;
			copied = i;
			fixed++;
			continue;
		}
		int32_t cp;
		i += (size_t)u8_next(s + i, len - i, &cp);
	}
	if (!fixed) {
		sb_release(&sb);
		return NULL;
	}
	sb_add(&sb, s + copied, len - copied);
	*out_len = sb.len;
	return sb_detach(&sb);
}
