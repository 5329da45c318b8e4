/*
 * test.h — a minimal unit-test harness.  Each test file defines tests with
 * TEST(name) and lists them in main via RUN(name); the runner prints
 * "N passed, N failed" and exits non-zero on any failure.
 */
#ifndef PG_TEST_H
#define PG_TEST_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int t_failed, t_passed, t_cur_failed;

#define TEST(name) static void name(void)
#define RUN(name)                                                               \
	do {                                                                    \
		t_cur_failed = 0;                                               \
		name();                                                         \
		if (t_cur_failed)                                               \
			t_failed++;                                             \
		else                                                            \
			t_passed++;                                             \
	} while (0)

#define CHECK(cond)                                                             \
	do {                                                                    \
		if (!(cond)) {                                                  \
			fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__,  \
				__LINE__, #cond);                               \
			t_cur_failed = 1;                                       \
		}                                                               \
	} while (0)

#define CHECK_STR(a, b)                                                         \
	do {                                                                    \
		const char *a_ = (a), *b_ = (b);                                \
		if (!a_ || !b_ || strcmp(a_, b_)) {                             \
			fprintf(stderr, "%s:%d: expected \"%s\", got \"%s\"\n", \
				__FILE__, __LINE__, b_ ? b_ : "(null)",         \
				a_ ? a_ : "(null)");                            \
			t_cur_failed = 1;                                       \
		}                                                               \
	} while (0)

#define CHECK_INT(a, b)                                                         \
	do {                                                                    \
		long a_ = (long)(a), b_ = (long)(b);                            \
		if (a_ != b_) {                                                 \
			fprintf(stderr, "%s:%d: expected %ld, got %ld (%s)\n",  \
				__FILE__, __LINE__, b_, a_, #a);                \
			t_cur_failed = 1;                                       \
		}                                                               \
	} while (0)

#define TEST_MAIN_END()                                                         \
	do {                                                                    \
		printf("%s: %d passed, %d failed\n", __FILE__, t_passed,        \
		       t_failed);                                               \
		return t_failed ? 1 : 0;                                        \
	} while (0)

#endif
