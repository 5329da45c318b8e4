/* t_text.c — folding, slugs, mojibake repair, UTF-8 checks. */
#include <stdlib.h>

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
	RUN(slug);
	RUN(mojibake);
	RUN(utf8);
	TEST_MAIN_END();
}
