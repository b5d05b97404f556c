/* Month and weekday names (rules/calendar.rules), shared by metadata
 * extraction and the DATE rules: language lives in rule files, not code.
 * Lookups are case-insensitive and accept a trailing period ("Jan."). */
#ifndef WHOSAID_CALENDAR_H
#define WHOSAID_CALENDAR_H

#include <stddef.h>

#include "whosaid/error.h"

typedef struct whosaid_calendar whosaid_calendar;

whosaid_calendar *whosaid_calendar_load(const char *path, whosaid_error *err);
void whosaid_calendar_free(whosaid_calendar *c);

/* 1..12, or 0 if name[0..len) is not a month name. */
int whosaid_calendar_month(const whosaid_calendar *c, const char *name, size_t len);
/* ISO weekday 1 (Monday) .. 7 (Sunday), or 0. */
int whosaid_calendar_weekday(const whosaid_calendar *c, const char *name, size_t len);

#endif
