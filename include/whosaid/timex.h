/* Calendar arithmetic and TIMEX3 date values.
 *
 * Keeps nothing: dates are plain values and every function is pure, O(1),
 * with no tables, no allocation, and no time(), localtime() or locale; a
 * value that cannot be resolved without an anchor stays unresolved (with X
 * in place of what is not known) and is never taken from the clock.
 *
 * Dates are proleptic Gregorian (the Gregorian rules applied back before
 * 1582, with a year 0), counted internally as days since 1970-01-01 over
 * 400-year cycles of 146097 days. The arithmetic accepts years within
 * +-WHOSAID_TIMEX_YEAR_LIMIT; TIMEX3 values are four-digit years 0000-9999.
 *
 * whosaid_date and whosaid_timex are small value types with their fields in
 * view (nothing to own or free), so callers can build them on the stack. */
#ifndef WHOSAID_TIMEX_H
#define WHOSAID_TIMEX_H

#include <limits.h>
#include <stddef.h>
#include <stdint.h>

#include "whosaid/error.h"

/* Widest year the arithmetic accepts; results beyond it are WHOSAID_ELIMIT. */
#define WHOSAID_TIMEX_YEAR_LIMIT 5000000
/* A year that is not known (year 0 is a real year: 1 BC). */
#define WHOSAID_TIMEX_X INT_MIN
/* Room for any value whosaid_timex_format writes, with its NUL. */
#define WHOSAID_TIMEX_VALUE_MAX 32

/* A civil date: year, month 1-12, day 1-31. */
typedef struct whosaid_date {
    int year;
    int month;
    int day;
} whosaid_date;

/* Granularities, finest first; also the units of offsets and durations. */
typedef enum whosaid_timex_gran {
    WHOSAID_TIMEX_SECOND = 1,
    WHOSAID_TIMEX_MINUTE,
    WHOSAID_TIMEX_HOUR,
    WHOSAID_TIMEX_DAY,
    WHOSAID_TIMEX_WEEK,
    WHOSAID_TIMEX_MONTH,
    WHOSAID_TIMEX_YEAR,
    WHOSAID_TIMEX_DECADE,
    WHOSAID_TIMEX_CENTURY
} whosaid_timex_gran;

/* A TIMEX3 date value: what is known, to the granularity gran.
 *   gran DAY:     year-month-day          2013-06-27, XXXX-03-22, XXXX-XX-XX
 *                 or, when day is 0 and weekday is set, a weekday of a week:
 *                 XXXX-WXX-4 ("Thursday" with no anchor)
 *   gran HOUR, MINUTE, SECOND: the day and a time  2013-06-27T21:22
 *   gran WEEK:    ISO week-year and week  2013-W25, XXXX-WXX
 *   gran MONTH:   2013-06, XXXX-03        gran YEAR: 2013, XXXX
 *   gran DECADE:  year is the decade's first year, written 199X
 *   gran CENTURY: year is the century's first year (1900), written 19XX
 * Unknown parts: year WHOSAID_TIMEX_X; month, day, week, weekday 0. */
typedef struct whosaid_timex {
    int gran;                 /* a whosaid_timex_gran */
    int year;                 /* 0-9999 (the ISO week-year for gran WEEK), or WHOSAID_TIMEX_X */
    int month;                /* 1-12, 0 when unknown */
    int day;                  /* 1-31, 0 when unknown */
    int week;                 /* ISO week 1-53, 0 when unknown */
    int weekday;              /* ISO weekday 1 (Monday) - 7 (Sunday), 0 when unknown */
    int hour, minute, second; /* used by gran HOUR, MINUTE, SECOND only */
} whosaid_timex;

/* Which occurrence a bare "Thursday", "in March" or "March 22" means,
 * relative to the anchor; the caller picks it from the verb's tense. */
typedef enum whosaid_timex_dir {
    WHOSAID_TIMEX_DEFAULT = 0, /* no tense known: news usage (see each resolver) */
    WHOSAID_TIMEX_PAST,        /* the latest one on or before the anchor */
    WHOSAID_TIMEX_FUTURE,      /* the earliest one on or after the anchor */
    WHOSAID_TIMEX_NEAREST      /* whichever is closer; a tie goes to the past */
} whosaid_timex_dir;

/* ---- Civil calendar --------------------------------------------------- */

/* 1 for a Gregorian leap year (divisible by 4, centuries only by 400). */
int whosaid_timex_is_leap(int year);
/* Days in month (28-31), or 0 when month is not 1-12. */
int whosaid_timex_month_days(int year, int month);
/* 1 when d is a real date within the supported years. */
int whosaid_timex_valid(const whosaid_date *d);
/* Days from 1970-01-01 to d (negative before); d must be valid. */
int64_t whosaid_timex_days_from_civil(const whosaid_date *d);
/* The date days after 1970-01-01: 0, or WHOSAID_ELIMIT (out untouched)
 * when it falls outside the supported years. */
int whosaid_timex_civil_from_days(int64_t days, whosaid_date *out);
/* ISO weekday of a valid date: 1 Monday .. 7 Sunday. */
int whosaid_timex_weekday(const whosaid_date *d);
/* ISO 8601 week of a valid date: 1-53, with *week_year (if not NULL) the
 * year that week belongs to (2008-12-29 is in 2009-W01, 2010-01-03 in
 * 2009-W53). */
int whosaid_timex_iso_week(const whosaid_date *d, int *week_year);
/* 52 or 53: the number of ISO weeks in week-year y. */
int whosaid_timex_iso_weeks_in_year(int year);
/* The date of weekday (1-7) in ISO week week of week_year: 0, or
 * WHOSAID_EINPUT when the week does not exist in that year. */
int whosaid_timex_from_iso_week(int week_year, int week, int weekday, whosaid_date *out);

/* Add n days, months or years to a valid *d in place: 0, WHOSAID_EINPUT
 * for an invalid date, WHOSAID_ELIMIT past the supported years (*d is then
 * unchanged). Months and years keep the day where they can and clamp it to
 * the month's end otherwise: Jan 31 + 1 month is Feb 28 (29 in a leap
 * year), Feb 29 + 1 year is Feb 28. */
int whosaid_timex_add_days(whosaid_date *d, int64_t n);
int whosaid_timex_add_months(whosaid_date *d, int64_t n);
int whosaid_timex_add_years(whosaid_date *d, int64_t n);

/* ---- Values ------------------------------------------------------------ */

/* A day-granularity value for a valid date (weekday filled in). */
void whosaid_timex_from_date(const whosaid_date *d, whosaid_timex *out);
/* 1 with *out filled when t names one known day (gran DAY or finer, year,
 * month and day known), else 0: how a publication date becomes an anchor. */
int whosaid_timex_get_date(const whosaid_timex *t, whosaid_date *out);

/* Parses s[0..len) (not NUL-terminated) into *out:
 *   2013  2013-06  2013-06-27  2013-W25  2013-W25-4 (gives the day)
 *   2013-06-27T21  2013-06-27T21:22  2013-06-27T21:22:05[.123]
 *     ('T' or one space; a trailing Z or +hh:mm / -hhmm zone is accepted and
 *      ignored: the date is taken as written, not converted)
 *   and the TIMEX3 forms with unknown parts: XXXX, XXXX-03, XXXX-03-22,
 *   XXXX-XX-XX, XXXX-WXX, XXXX-WXX-4, 199X (decade), 19XX (century).
 * Returns 0, WHOSAID_ESYNTAX when s is not one of these forms, or
 * WHOSAID_EINPUT for a well-formed but impossible value (2013-02-29,
 * 2010-W53, 25:00). */
int whosaid_timex_parse(const char *s, size_t len, whosaid_timex *out);

/* Writes t's TIMEX3 value (the forms in whosaid_timex above) into out[cap]
 * with a NUL. Returns the length, WHOSAID_EINPUT when t is inconsistent
 * (a field out of range, a year outside 0-9999, an impossible day), or
 * WHOSAID_ELIMIT when cap is too small (WHOSAID_TIMEX_VALUE_MAX always
 * suffices). */
int whosaid_timex_format(const whosaid_timex *t, char *out, size_t cap);

/* Writes a TIMEX3 duration of n units: P30Y, P3M, P2W, P5D, P2DE (decades),
 * P1CE (centuries), PT5H, PT30M, PT10S; fractions as P2.5Y (up to six
 * decimals, '.' whatever the locale). A negative or NaN n writes X for an
 * unknown amount ("several years": PXY). Returns the length, WHOSAID_EINPUT
 * for an unknown unit, WHOSAID_ELIMIT when n >= 1e15 or cap is too small. */
int whosaid_timex_format_duration(double n, int unit, char *out, size_t cap);

/* ---- Resolving relative expressions ------------------------------------ */

/* Each resolver takes the article's publication date as anchor (NULL when
 * there is none) and fills *out. Returns 1 when the value was resolved, 0
 * when there was no anchor (out then holds the unresolved TIMEX3 form noted
 * below, with X for what is unknown), or WHOSAID_EINPUT for bad arguments
 * (an invalid anchor or weekday, February 30), WHOSAID_ELIMIT when the
 * result leaves the years 0-9999. */

/* "on Thursday" (weekday 1-7). PAST and DEFAULT (news usage: "said on
 * Thursday") give the latest such day on or before the anchor, so the
 * anchor's own weekday is the anchor; FUTURE the earliest on or after it;
 * NEAREST the closer of the two. No anchor: XXXX-WXX-4. */
int whosaid_timex_resolve_weekday(const whosaid_date *anchor, int weekday, int dir,
                                  whosaid_timex *out);

/* "last Friday" (n = -1: the latest Friday strictly before the anchor),
 * "next Monday" (n = 1: the earliest strictly after), "Friday before last"
 * (n = -2, a week earlier still). n = 0 means "this Friday": the one in the
 * anchor's ISO week. No anchor: XXXX-WXX-5. */
int whosaid_timex_resolve_weekday_shift(const whosaid_date *anchor, int weekday, int n,
                                        whosaid_timex *out);

/* n units from the anchor, at the granularity of the unit (DAY, WEEK,
 * MONTH, YEAR, DECADE or CENTURY):
 *   today 0, yesterday -1, tomorrow +1, two days ago -2        (DAY)
 *   this week 0, last week -1 (2013-W12), in two weeks +2       (WEEK)
 *   this month 0, next month +1, three months ago -3            (MONTH)
 *   this year / earlier this year 0, three years ago -3 (2010)  (YEAR)
 *   this decade 0 (201X), last century -1 (19XX)                (DECADE, CENTURY)
 * Weeks move the anchor by 7n days and name the ISO week they land in;
 * months and years move the month or year number. No anchor: XXXX-XX-XX,
 * XXXX-WXX, XXXX-XX, XXXX (also for decades and centuries). */
int whosaid_timex_resolve_offset(const whosaid_date *anchor, int unit, int64_t n,
                                 whosaid_timex *out);

/* "in March" (month 1-12). DEFAULT: the anchor's year (2013-03 in any
 * article of 2013); PAST: the latest March on or before the anchor's month;
 * FUTURE: the earliest on or after it; NEAREST: the closer (a six-month tie
 * goes to the past). No anchor: XXXX-03. */
int whosaid_timex_resolve_month(const whosaid_date *anchor, int month, int dir, whosaid_timex *out);

/* "March 22" without a year. DEFAULT: the anchor's year (WHOSAID_EINPUT for
 * February 29 in a common year); PAST: the latest such date on or before
 * the anchor; FUTURE: the earliest on or after; NEAREST: the closer in days
 * (a tie goes to the past). No anchor: XXXX-03-22. */
int whosaid_timex_resolve_month_day(const whosaid_date *anchor, int month, int day, int dir,
                                    whosaid_timex *out);

#endif
