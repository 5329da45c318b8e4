/* t_text.c — folding, slugs, mojibake repair, UTF-8 checks. */
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "test.h"
#include "text.h"

static void fold_is(const char *in, const char *want)
{
	char *f = text_fold(in);
	CHECK_STR(f, want);
	free(f);
}

TEST(fold)
{
	fold_is("Zoë Fontaine", "zoe fontaine");
	fold_is("Søren  Kjeldsen", "soren kjeldsen");
	fold_is("Đặng Minh Châu", "dang minh chau");
	fold_is("Siobhan O\xe2\x80\x99Rourke", "siobhan o'rourke");
	fold_is("  Ada\tLovelace ", "ada lovelace");
}

/* The variants the parsers use must fold exactly as text_fold does. */
TEST(fold_variants)
{
	static const char *const in[] = {"Ada",       "O'Rourke", "McDonald-Smith", "Zoë",
					 "Ada\tLove", "x`y",      "SØREN",          ""};
	for (size_t i = 0; i < sizeof in / sizeof *in; i++) {
		char *want = text_fold(in[i]);
		size_t n = strlen(in[i]);
		char *got = text_fold_n(in[i], n);
		CHECK_STR(got, want);
		free(got);
		char buf[16];
		char *b = text_fold_buf(in[i], n, buf, sizeof buf);
		if (b) /* only ASCII shorter than the buffer goes in it */
			CHECK_STR(b, want);
		else
			CHECK(strchr(in[i], '\xc3') != NULL);
		free(want);
	}
	/* a prefix only, and what does not fit */
	char *p = text_fold_n("Ada Lovelace", 3);
	CHECK_STR(p, "ada");
	free(p);
	char small[4];
	CHECK(text_fold_buf("Lovelace", 8, small, sizeof small) == NULL);
	CHECK(text_fold_buf("Zo\xc3\xab", 4, small, sizeof small) == NULL);
	/* the inline ASCII answers agree with utf8proc's categories */
	for (int32_t c = 0; c < 0x80; c++) {
		utf8proc_category_t k = utf8proc_category(c);
		CHECK_INT(u8_is_letter(c), k >= UTF8PROC_CATEGORY_LU && k <= UTF8PROC_CATEGORY_LO);
		CHECK_INT(u8_is_upper(c), k == UTF8PROC_CATEGORY_LU);
		CHECK_INT(u8_is_lower(c), k == UTF8PROC_CATEGORY_LL);
		CHECK_INT(u8_is_mark(c), k >= UTF8PROC_CATEGORY_MN && k <= UTF8PROC_CATEGORY_ME);
		char s1[2] = {(char)c, 0};
		int32_t cp = -1;
		CHECK_INT(u8_next(s1, 1, &cp), 1);
		CHECK_INT(cp, c);
	}
	CHECK(u8_is_letter(0xE9) && u8_is_lower(0xE9) && !u8_is_upper(0xE9));
	CHECK(u8_is_mark(0x0301));
}

TEST(slug)
{
	char *s = text_slug("Siobhan O'Rourke");
	CHECK_STR(s, "siobhan-orourke");
	free(s);
	s = text_slug("Tomás Ibáñez");
	CHECK_STR(s, "tomas-ibanez");
	free(s);
}

TEST(mojibake)
{
	size_t n;
	/* "Bj√∂rn": UTF-8 ö read as Mac Roman */
	char *r = text_repair_mojibake("Bj\xe2\x88\x9a\xe2\x88\x82rn", 10, &n);
	CHECK_STR(r, "Bj\xc3\xb6rn");
	free(r);
	/* the calendar emoji as the seed carries it: U+F8FF ü ì Ö */
	const char *cal = "\xef\xa3\xbf\xc3\xbc\xc3\xac\xc3\x96 2025-10-31";
	r = text_repair_mojibake(cal, strlen(cal), &n);
	CHECK_STR(r, "\xf0\x9f\x93\x85 2025-10-31");
	free(r);
	/* Windows-1252: "JosÃ©" */
	r = text_repair_mojibake("Jos\xc3\x83\xc2\xa9", 7, &n);
	CHECK_STR(r, "Jos\xc3\xa9");
	free(r);
	/* clean text is left alone */
	CHECK(text_repair_mojibake("Zoë and Søren", 15, &n) == NULL);
}

TEST(utf8)
{
	CHECK_INT(u8_invalid_at("ok \xc3\xa9", 5), -1);
	CHECK_INT(u8_invalid_at("ab\xff", 3), 2);
	CHECK_INT(u8_width("Zoë"), 3);
	CHECK_INT(u8_width("\xe6\x9d\x8e"), 2); /* 李 is wide */
}

int main(void)
{
	RUN(fold);
	RUN(fold_variants);
	RUN(slug);
	RUN(mojibake);
	RUN(utf8);
	TEST_MAIN_END();
}
