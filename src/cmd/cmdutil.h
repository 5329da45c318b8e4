/* cmdutil.h — small helpers of the commands (dates). */
#ifndef PG_CMDUTIL_H
#define PG_CMDUTIL_H

void today(char out[11]);              /* local date, YYYY-MM-DD */
int valid_day(const char *s);          /* YYYY-MM-DD */
void day_minus(const char *day, int n, char out[11]);

#endif
