/* util.c (commands) — dates and option helpers shared by commands. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cmdutil.h"

void today(char out[11])
{
	time_t t = time(NULL);
	struct tm tm;
	localtime_r(&t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

int valid_day(const char *s)
{
	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return 0;
	int m = atoi(s + 5), d = atoi(s + 8);
	return m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

/* Howard Hinnant's days_from_civil. */
static long days_from_civil(long y, unsigned m, unsigned d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	unsigned yoe = (unsigned)(y - era * 400);
	unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (long)doe - 719468;
}

void day_minus(const char *day, int n, char out[11])
{
	long z = days_from_civil(atol(day), (unsigned)atoi(day + 5), (unsigned)atoi(day + 8)) - n;
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	unsigned doe = (unsigned)(z - era * 146097);
	unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long y = (long)yoe + era * 400;
	unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	unsigned mp = (5 * doy + 2) / 153;
	unsigned d = doy - (153 * mp + 2) / 5 + 1;
	unsigned m = mp < 10 ? mp + 3 : mp - 9;
	long year = y + (m <= 2);
	if (year < 0 || year > 9999)
		year = 0;
	snprintf(out, 11, "%04d-%02u-%02u", (int)year % 10000, m % 100, d % 100);
}
