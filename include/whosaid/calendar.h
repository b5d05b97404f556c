/* Month and weekday names (rules/calendar.rules), shared by metadata
 * extraction and the DATE rules: language lives in rule files, not code.
 * Lookups are case-insensitive (Unicode simple lower-casing) and accept a
 * trailing period ("Jan.").
 *
 * Keeps one array of names, lower-cased once at load and sorted, so a lookup
 * is a binary search: O(log n) for n names, no allocation. */
#ifndef WHOSAID_CALENDAR_H
#define WHOSAID_CALENDAR_H

#include <stddef.h>

#include "whosaid/buf.h"
#include "whosaid/error.h"

typedef struct whosaid_calendar whosaid_calendar;

enum { WHOSAID_CALENDAR_MONTH = 1, WHOSAID_CALENDAR_WEEKDAY = 2 };

/* Loads a calendar.rules file; NULL with err ("path:line: ...") on failure:
 * an unknown keyword, a number out of range, a line without names, or a
 * name given two different numbers. */
whosaid_calendar *whosaid_calendar_load(const char *path, whosaid_error *err);
void whosaid_calendar_free(whosaid_calendar *c);

/* 1..12, or 0 if name[0..len) is not a month name. */
int whosaid_calendar_month(const whosaid_calendar *c, const char *name, size_t len);
/* ISO weekday 1 (Monday) .. 7 (Sunday), or 0. */
int whosaid_calendar_weekday(const whosaid_calendar *c, const char *name, size_t len);

/* Appends to out a PCRE2 group that matches any name of kind
 * (WHOSAID_CALENDAR_MONTH or _WEEKDAY) case-insensitively, with an optional
 * trailing period, and not followed by a letter: "(?i:(?:september|sept|
 * sep|...)(?!\p{L})\.?)". Longer names come first so "Sept" wins over
 * "Sep". Used to expand {MONTH} and {WEEKDAY} in meta.rules. Returns 0 or
 * WHOSAID_ENOMEM. */
int whosaid_calendar_pattern(const whosaid_calendar *c, int kind, whosaid_buf *out);

#endif
