#include "whosaid/timex.h"

#include <string.h>

#include "whosaid/buf.h"

/* Days from 0000-03-01 to 1970-01-01: the day count below starts its years
 * in March so that February, and its leap day, ends each year. */
#define EPOCH_SHIFT 719468
#define DAYS_PER_400Y 146097
/* Offsets beyond this many units leave the years 0-9999 for every unit. */
#define OFFSET_LIMIT 100000000

static int64_t floor_div(int64_t a, int64_t b)
{
    return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

static int64_t floor_mod(int64_t a, int64_t b)
{
    return a - floor_div(a, b) * b;
}

int whosaid_timex_is_leap(int year)
{
    return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
}

int whosaid_timex_month_days(int year, int month)
{
    static const unsigned char len[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12) return 0;
    return len[month - 1] + (month == 2 && whosaid_timex_is_leap(year));
}

static int year_ok(int64_t year)
{
    return year >= -WHOSAID_TIMEX_YEAR_LIMIT && year <= WHOSAID_TIMEX_YEAR_LIMIT;
}

int whosaid_timex_valid(const whosaid_date *d)
{
    return d && year_ok(d->year) && d->day >= 1 &&
           d->day <= whosaid_timex_month_days(d->year, d->month);
}

int64_t whosaid_timex_days_from_civil(const whosaid_date *d)
{
    int64_t y = (int64_t)d->year - (d->month <= 2);
    int64_t era = floor_div(y, 400);
    int64_t yoe = y - era * 400;                         /* 0..399 */
    int64_t mp = (d->month + 9) % 12;                    /* March 0 .. February 11 */
    int64_t doy = (153 * mp + 2) / 5 + d->day - 1;       /* 0..365 */
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy; /* 0..146096 */
    return era * DAYS_PER_400Y + doe - EPOCH_SHIFT;
}

/* The inverse of days_from_civil, without the range check. */
static whosaid_date civil(int64_t days)
{
    int64_t z = days + EPOCH_SHIFT;
    int64_t era = floor_div(z, DAYS_PER_400Y);
    int64_t doe = z - era * DAYS_PER_400Y;
    /* Remove the one-day-per-4-years (less per century) leap drift to get
     * whole 365-day years within the 400-year era. */
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    whosaid_date d;
    d.day = (int)(doy - (153 * mp + 2) / 5 + 1);
    d.month = (int)(mp < 10 ? mp + 3 : mp - 9);
    d.year = (int)(yoe + era * 400 + (d.month <= 2));
    return d;
}

static int64_t days_of(int year, int month, int day)
{
    whosaid_date d = {year, month, day};
    return whosaid_timex_days_from_civil(&d);
}

static int days_ok(int64_t days)
{
    return days >= days_of(-WHOSAID_TIMEX_YEAR_LIMIT, 1, 1) &&
           days <= days_of(WHOSAID_TIMEX_YEAR_LIMIT, 12, 31);
}

int whosaid_timex_civil_from_days(int64_t days, whosaid_date *out)
{
    if (!days_ok(days)) return WHOSAID_ELIMIT;
    *out = civil(days);
    return 0;
}

static int weekday_of(int64_t days)
{
    /* 1970-01-01 was a Thursday (ISO 4). */
    return (int)floor_mod(days + 3, 7) + 1;
}

int whosaid_timex_weekday(const whosaid_date *d)
{
    return weekday_of(whosaid_timex_days_from_civil(d));
}

/* An ISO week belongs to the year holding its Thursday. */
static int iso_week_of(int64_t days, int *week_year)
{
    int64_t thursday = days - weekday_of(days) + 4;
    int wy = civil(thursday).year;
    if (week_year) *week_year = wy;
    return (int)((thursday - days_of(wy, 1, 1)) / 7 + 1);
}

int whosaid_timex_iso_week(const whosaid_date *d, int *week_year)
{
    return iso_week_of(whosaid_timex_days_from_civil(d), week_year);
}

int whosaid_timex_iso_weeks_in_year(int year)
{
    /* Week 53 exists when the year starts on a Thursday, or on a
     * Wednesday in a leap year: either way it has 53 Thursdays. */
    int jan1 = weekday_of(days_of(year, 1, 1));
    return (jan1 == 4 || (jan1 == 3 && whosaid_timex_is_leap(year))) ? 53 : 52;
}

int whosaid_timex_from_iso_week(int week_year, int week, int weekday, whosaid_date *out)
{
    if (!year_ok(week_year) || weekday < 1 || weekday > 7 || week < 1 ||
        week > whosaid_timex_iso_weeks_in_year(week_year))
        return WHOSAID_EINPUT;
    /* January 4 is always in week 1. */
    int64_t jan4 = days_of(week_year, 1, 4);
    int64_t monday = jan4 - (weekday_of(jan4) - 1);
    return whosaid_timex_civil_from_days(monday + 7 * (int64_t)(week - 1) + weekday - 1, out);
}

int whosaid_timex_add_days(whosaid_date *d, int64_t n)
{
    if (!whosaid_timex_valid(d)) return WHOSAID_EINPUT;
    /* Bound n first so the sum cannot overflow. */
    if (n > (int64_t)3 * WHOSAID_TIMEX_YEAR_LIMIT * 366 ||
        n < -(int64_t)3 * WHOSAID_TIMEX_YEAR_LIMIT * 366)
        return WHOSAID_ELIMIT;
    return whosaid_timex_civil_from_days(whosaid_timex_days_from_civil(d) + n, d);
}

int whosaid_timex_add_months(whosaid_date *d, int64_t n)
{
    if (!whosaid_timex_valid(d)) return WHOSAID_EINPUT;
    if (n > (int64_t)36 * WHOSAID_TIMEX_YEAR_LIMIT || n < -(int64_t)36 * WHOSAID_TIMEX_YEAR_LIMIT)
        return WHOSAID_ELIMIT;
    int64_t m = (int64_t)d->year * 12 + (d->month - 1) + n;
    int64_t year = floor_div(m, 12);
    if (!year_ok(year)) return WHOSAID_ELIMIT;
    d->year = (int)year;
    d->month = (int)floor_mod(m, 12) + 1;
    int last = whosaid_timex_month_days(d->year, d->month);
    if (d->day > last) d->day = last;
    return 0;
}

int whosaid_timex_add_years(whosaid_date *d, int64_t n)
{
    if (!whosaid_timex_valid(d)) return WHOSAID_EINPUT;
    if (n > (int64_t)3 * WHOSAID_TIMEX_YEAR_LIMIT || n < -(int64_t)3 * WHOSAID_TIMEX_YEAR_LIMIT)
        return WHOSAID_ELIMIT;
    return whosaid_timex_add_months(d, n * 12);
}

/* ---- Values ------------------------------------------------------------ */

static void blank(whosaid_timex *t, int gran)
{
    memset(t, 0, sizeof *t);
    t->gran = gran;
    t->year = WHOSAID_TIMEX_X;
}

void whosaid_timex_from_date(const whosaid_date *d, whosaid_timex *out)
{
    blank(out, WHOSAID_TIMEX_DAY);
    out->year = d->year;
    out->month = d->month;
    out->day = d->day;
    out->weekday = whosaid_timex_weekday(d);
}

int whosaid_timex_get_date(const whosaid_timex *t, whosaid_date *out)
{
    if (t->gran < WHOSAID_TIMEX_SECOND || t->gran > WHOSAID_TIMEX_DAY) return 0;
    whosaid_date d = {t->year, t->month, t->day};
    if (t->year == WHOSAID_TIMEX_X || !whosaid_timex_valid(&d)) return 0;
    *out = d;
    return 1;
}

/* A parsing cursor over s[0..len). */
typedef struct cursor {
    const char *s;
    size_t len, i;
} cursor;

static int at_end(const cursor *c)
{
    return c->i == c->len;
}

static int accept(cursor *c, char ch)
{
    if (c->i < c->len && c->s[c->i] == ch) {
        c->i++;
        return 1;
    }
    return 0;
}

static int is_digit(char ch)
{
    return ch >= '0' && ch <= '9';
}

/* Exactly n digits into *v (1), or n 'X' for unknown (0, *v = 0), else -1. */
static int field(cursor *c, int n, int *v)
{
    if (c->len - c->i < (size_t)n) return -1;
    const char *p = c->s + c->i;
    int x = 0, xs = 0;
    for (int k = 0; k < n; k++) {
        if (is_digit(p[k]) && !xs)
            x = x * 10 + (p[k] - '0');
        else if (p[k] == 'X' && k == xs)
            xs++;
        else
            return -1;
    }
    if (xs != 0 && xs != n) return -1;
    c->i += (size_t)n;
    *v = x;
    return xs ? 0 : 1;
}

/* A month, day or week: two digits from 01, or XX (returns 0). */
static int part(cursor *c, int *v)
{
    int r = field(c, 2, v);
    return r == 1 && *v == 0 ? -1 : r;
}

/* The year part: 2013, 199X (decade), 19XX (century) or XXXX. */
static int parse_year(cursor *c, whosaid_timex *t)
{
    if (c->len - c->i < 4) return WHOSAID_ESYNTAX;
    const char *p = c->s + c->i;
    int digits = 0, y = 0;
    while (digits < 4 && is_digit(p[digits]))
        y = y * 10 + (p[digits++] - '0');
    for (int k = digits; k < 4; k++)
        if (p[k] != 'X') return WHOSAID_ESYNTAX;
    c->i += 4;
    switch (digits) {
    case 4:
        t->gran = WHOSAID_TIMEX_YEAR;
        t->year = y;
        break;
    case 3:
        t->gran = WHOSAID_TIMEX_DECADE;
        t->year = y * 10;
        break;
    case 2:
        t->gran = WHOSAID_TIMEX_CENTURY;
        t->year = y * 100;
        break;
    case 0: t->gran = WHOSAID_TIMEX_YEAR; break;
    default: return WHOSAID_ESYNTAX;
    }
    return 0;
}

/* Optional fraction of a second and time zone; both are dropped. */
static int skip_fraction_and_zone(cursor *c)
{
    if (accept(c, '.') || accept(c, ',')) {
        if (at_end(c) || !is_digit(c->s[c->i])) return WHOSAID_ESYNTAX;
        while (!at_end(c) && is_digit(c->s[c->i]))
            c->i++;
    }
    if (accept(c, 'Z')) return 0;
    if (accept(c, '+') || accept(c, '-')) {
        int hh, mm;
        if (field(c, 2, &hh) != 1 || hh > 14) return WHOSAID_ESYNTAX;
        if (at_end(c)) return 0;
        accept(c, ':');
        if (field(c, 2, &mm) != 1 || mm > 59) return WHOSAID_ESYNTAX;
    }
    return 0;
}

static int parse_time(cursor *c, whosaid_timex *t)
{
    int v;
    if (field(c, 2, &t->hour) != 1) return WHOSAID_ESYNTAX;
    t->gran = WHOSAID_TIMEX_HOUR;
    if (accept(c, ':')) {
        if (field(c, 2, &t->minute) != 1) return WHOSAID_ESYNTAX;
        t->gran = WHOSAID_TIMEX_MINUTE;
        if (accept(c, ':')) {
            if (field(c, 2, &v) != 1) return WHOSAID_ESYNTAX;
            t->second = v;
            t->gran = WHOSAID_TIMEX_SECOND;
        }
    }
    return skip_fraction_and_zone(c);
}

/* The range checks shared by parse (after reading) and format (before
 * writing): 0 or WHOSAID_EINPUT. */
static int check(const whosaid_timex *t)
{
    if (t->gran < WHOSAID_TIMEX_SECOND || t->gran > WHOSAID_TIMEX_CENTURY) return WHOSAID_EINPUT;
    int known_year = t->year != WHOSAID_TIMEX_X;
    if (known_year && (t->year < 0 || t->year > 9999)) return WHOSAID_EINPUT;
    if (t->month < 0 || t->month > 12 || t->day < 0 || t->day > 31 || t->week < 0 || t->week > 53 ||
        t->weekday < 0 || t->weekday > 7)
        return WHOSAID_EINPUT;
    if (t->month && t->day &&
        t->day > whosaid_timex_month_days(known_year ? t->year : 2000, t->month))
        return WHOSAID_EINPUT;
    if (known_year && t->week && t->week > whosaid_timex_iso_weeks_in_year(t->year))
        return WHOSAID_EINPUT;
    if (t->gran <= WHOSAID_TIMEX_HOUR && (t->hour < 0 || t->hour > 23 || t->minute < 0 ||
                                          t->minute > 59 || t->second < 0 || t->second > 60))
        return WHOSAID_EINPUT;
    return 0;
}

/* After "YYYY-W": ww or XX, then an optional -D. */
static int parse_week(cursor *c, whosaid_timex *t)
{
    if (part(c, &t->week) < 0) return WHOSAID_ESYNTAX;
    t->gran = WHOSAID_TIMEX_WEEK;
    if (!accept(c, '-')) return 0;
    if (at_end(c) || c->s[c->i] < '1' || c->s[c->i] > '7') return WHOSAID_ESYNTAX;
    t->weekday = c->s[c->i++] - '0';
    t->gran = WHOSAID_TIMEX_DAY;
    return 0;
}

int whosaid_timex_parse(const char *s, size_t len, whosaid_timex *out)
{
    whosaid_timex t;
    blank(&t, WHOSAID_TIMEX_YEAR);
    cursor c = {s, len, 0};
    int rc = parse_year(&c, &t);
    if (rc) return rc;
    if (t.gran == WHOSAID_TIMEX_YEAR && accept(&c, '-')) {
        if (accept(&c, 'W')) {
            rc = parse_week(&c, &t);
        } else {
            if (part(&c, &t.month) < 0) return WHOSAID_ESYNTAX;
            t.gran = WHOSAID_TIMEX_MONTH;
            if (accept(&c, '-')) {
                if (part(&c, &t.day) < 0) return WHOSAID_ESYNTAX;
                t.gran = WHOSAID_TIMEX_DAY;
                if (accept(&c, 'T') || accept(&c, ' ')) rc = parse_time(&c, &t);
            }
        }
        if (rc) return rc;
    }
    if (!at_end(&c)) return WHOSAID_ESYNTAX;
    if ((rc = check(&t))) return rc;
    if (t.week && t.weekday && t.year != WHOSAID_TIMEX_X) {
        /* A known ISO week day is a plain date. */
        whosaid_date d;
        if (whosaid_timex_from_iso_week(t.year, t.week, t.weekday, &d)) return WHOSAID_EINPUT;
        whosaid_timex_from_date(&d, &t);
    } else if (t.gran <= WHOSAID_TIMEX_DAY && t.year != WHOSAID_TIMEX_X && t.month && t.day) {
        whosaid_date d = {t.year, t.month, t.day};
        t.weekday = whosaid_timex_weekday(&d);
    }
    *out = t;
    return 0;
}

/* 1-99 as two digits, 0 (unknown) as XX. */
static void two_digits(char out[4], int v)
{
    out[0] = v ? (char)('0' + v / 10 % 10) : 'X';
    out[1] = v ? (char)('0' + v % 10) : 'X';
    out[2] = '\0';
}

/* Appends v as width digits, zero-padded (check() keeps every field
 * within its width: a year 0-9999, the others 0-99). */
static void put_digits(char *buf, int *n, int v, int width)
{
    for (int k = width - 1; k >= 0; k--) {
        buf[*n + k] = (char)('0' + v % 10);
        v /= 10;
    }
    *n += width;
}

static void put_text(char *buf, int *n, const char *s, int k)
{
    memcpy(buf + *n, s, (size_t)k);
    *n += k;
}

/* Written by hand rather than with snprintf: a DATE value is formatted
 * per candidate, and printf's parsing of its format cost more than the
 * rest of the normalizing. The layout is TIMEX3's, as documented in timex.h. */
int whosaid_timex_format(const whosaid_timex *t, char *out, size_t cap)
{
    if (check(t)) return WHOSAID_EINPUT;
    char buf[WHOSAID_TIMEX_VALUE_MAX * 2], y[4], m[4], d[4], w[4];
    int n = 0, known = t->year != WHOSAID_TIMEX_X;
    if (known) {
        int k = 0;
        put_digits(y, &k, t->year, 4);
    } else {
        memcpy(y, "XXXX", 4);
    }
    two_digits(m, t->month);
    two_digits(d, t->day);
    two_digits(w, t->week);
    switch (t->gran) {
    case WHOSAID_TIMEX_CENTURY:
        if (known) {
            put_digits(buf, &n, t->year / 100, 2);
            put_text(buf, &n, "XX", 2);
        } else {
            put_text(buf, &n, "XXXX", 4);
        }
        break;
    case WHOSAID_TIMEX_DECADE:
        if (known) {
            put_digits(buf, &n, t->year / 10, 3);
            put_text(buf, &n, "X", 1);
        } else {
            put_text(buf, &n, "XXXX", 4);
        }
        break;
    case WHOSAID_TIMEX_YEAR: put_text(buf, &n, y, 4); break;
    case WHOSAID_TIMEX_MONTH:
        put_text(buf, &n, y, 4);
        put_text(buf, &n, "-", 1);
        put_text(buf, &n, m, 2);
        break;
    case WHOSAID_TIMEX_WEEK:
        put_text(buf, &n, y, 4);
        put_text(buf, &n, "-W", 2);
        put_text(buf, &n, w, 2);
        break;
    default:
        put_text(buf, &n, y, 4);
        if (t->day == 0 && t->month == 0 && t->weekday) {
            put_text(buf, &n, "-W", 2);
            put_text(buf, &n, w, 2);
            put_text(buf, &n, "-", 1);
            put_digits(buf, &n, t->weekday, 1);
        } else {
            put_text(buf, &n, "-", 1);
            put_text(buf, &n, m, 2);
            put_text(buf, &n, "-", 1);
            put_text(buf, &n, d, 2);
        }
        if (t->gran <= WHOSAID_TIMEX_HOUR) {
            put_text(buf, &n, "T", 1);
            put_digits(buf, &n, t->hour, 2);
        }
        if (t->gran <= WHOSAID_TIMEX_MINUTE) {
            put_text(buf, &n, ":", 1);
            put_digits(buf, &n, t->minute, 2);
        }
        if (t->gran == WHOSAID_TIMEX_SECOND) {
            put_text(buf, &n, ":", 1);
            put_digits(buf, &n, t->second, 2);
        }
        break;
    }
    buf[n] = '\0';
    if ((size_t)n >= cap) return WHOSAID_ELIMIT;
    memcpy(out, buf, (size_t)n + 1);
    return n;
}

int whosaid_timex_format_duration(double n, int unit, char *out, size_t cap)
{
    static const char *const pre[] = {"PT", "PT", "PT", "P", "P", "P", "P", "P", "P"};
    static const char *const suf[] = {"S", "M", "H", "D", "W", "M", "Y", "DE", "CE"};
    if (unit < WHOSAID_TIMEX_SECOND || unit > WHOSAID_TIMEX_CENTURY) return WHOSAID_EINPUT;
    char num[48];
    size_t k;
    if (n != n || n < 0) {
        memcpy(num, "X", 2);
        k = 1;
    } else if (n >= 1e15) {
        return WHOSAID_ELIMIT;
    } else {
        /* Whole part and millionths by hand: printf's %f would follow
         * LC_NUMERIC and could write a decimal comma (and snprintf cost
         * more than the rest of a DURATION's normalizing). */
        long long whole = (long long)n;
        long long micro = (long long)((n - (double)whole) * 1e6 + 0.5);
        if (micro >= 1000000) {
            whole++;
            micro = 0;
        }
        k = whosaid_format_int(num, whole);
        if (micro) {
            num[k++] = '.';
            for (int d = 5; d >= 0; d--, micro /= 10)
                num[k + (size_t)d] = (char)('0' + micro % 10);
            k += 6;
            while (num[k - 1] == '0')
                k--;
        }
    }
    const char *p = pre[unit - 1], *q = suf[unit - 1];
    size_t np = strlen(p), nq = strlen(q), len = np + k + nq;
    if (len >= cap) return WHOSAID_ELIMIT;
    memcpy(out, p, np);
    memcpy(out + np, num, k);
    memcpy(out + np + k, q, nq);
    out[len] = '\0';
    return (int)len;
}

/* ---- Resolving --------------------------------------------------------- */

static int dir_ok(int dir)
{
    return dir >= WHOSAID_TIMEX_DEFAULT && dir <= WHOSAID_TIMEX_NEAREST;
}

/* A resolved day, if it lies within the TIMEX3 years. */
static int set_day(int64_t days, whosaid_timex *out)
{
    whosaid_date d;
    if (whosaid_timex_civil_from_days(days, &d) || d.year < 0 || d.year > 9999)
        return WHOSAID_ELIMIT;
    whosaid_timex_from_date(&d, out);
    return 1;
}

static int set_period(int gran, int64_t year, int month, int week, whosaid_timex *out)
{
    if (year < 0 || year > 9999) return WHOSAID_ELIMIT;
    blank(out, gran);
    out->year = (int)year;
    out->month = month;
    out->week = week;
    return 1;
}

int whosaid_timex_resolve_weekday(const whosaid_date *anchor, int weekday, int dir,
                                  whosaid_timex *out)
{
    if (weekday < 1 || weekday > 7 || !dir_ok(dir)) return WHOSAID_EINPUT;
    if (!anchor) {
        blank(out, WHOSAID_TIMEX_DAY);
        out->weekday = weekday;
        return 0;
    }
    if (!whosaid_timex_valid(anchor)) return WHOSAID_EINPUT;
    int64_t a = whosaid_timex_days_from_civil(anchor);
    int back = (weekday_of(a) - weekday + 7) % 7; /* days since the last one */
    int ahead = (7 - back) % 7;                   /* days to the next one */
    if (dir == WHOSAID_TIMEX_FUTURE || (dir == WHOSAID_TIMEX_NEAREST && ahead < back))
        return set_day(a + ahead, out);
    return set_day(a - back, out);
}

int whosaid_timex_resolve_weekday_shift(const whosaid_date *anchor, int weekday, int n,
                                        whosaid_timex *out)
{
    if (weekday < 1 || weekday > 7) return WHOSAID_EINPUT;
    if (!anchor) {
        blank(out, WHOSAID_TIMEX_DAY);
        out->weekday = weekday;
        return 0;
    }
    if (!whosaid_timex_valid(anchor)) return WHOSAID_EINPUT;
    if (n > OFFSET_LIMIT || n < -OFFSET_LIMIT) return WHOSAID_ELIMIT;
    int64_t a = whosaid_timex_days_from_civil(anchor);
    int awd = weekday_of(a);
    if (n == 0) return set_day(a - (awd - 1) + (weekday - 1), out);
    if (n < 0) {
        int back = (awd - weekday + 7) % 7;
        if (back == 0) back = 7;
        return set_day(a - back - 7 * (int64_t)(-n - 1), out);
    }
    int ahead = (weekday - awd + 7) % 7;
    if (ahead == 0) ahead = 7;
    return set_day(a + ahead + 7 * (int64_t)(n - 1), out);
}

int whosaid_timex_resolve_offset(const whosaid_date *anchor, int unit, int64_t n,
                                 whosaid_timex *out)
{
    if (unit < WHOSAID_TIMEX_DAY || unit > WHOSAID_TIMEX_CENTURY) return WHOSAID_EINPUT;
    if (!anchor) {
        blank(out, unit);
        return 0;
    }
    if (!whosaid_timex_valid(anchor)) return WHOSAID_EINPUT;
    if (n > OFFSET_LIMIT || n < -OFFSET_LIMIT) return WHOSAID_ELIMIT;
    int64_t a = whosaid_timex_days_from_civil(anchor);
    whosaid_date d = *anchor;
    int week, wy;
    switch (unit) {
    case WHOSAID_TIMEX_DAY: return set_day(a + n, out);
    case WHOSAID_TIMEX_WEEK:
        if (!days_ok(a + 7 * n)) return WHOSAID_ELIMIT;
        week = iso_week_of(a + 7 * n, &wy);
        return set_period(WHOSAID_TIMEX_WEEK, wy, 0, week, out);
    case WHOSAID_TIMEX_MONTH:
        if (whosaid_timex_add_months(&d, n)) return WHOSAID_ELIMIT;
        return set_period(WHOSAID_TIMEX_MONTH, d.year, d.month, 0, out);
    case WHOSAID_TIMEX_YEAR: return set_period(unit, (int64_t)d.year + n, 0, 0, out);
    case WHOSAID_TIMEX_DECADE:
        return set_period(unit, floor_div(d.year, 10) * 10 + 10 * n, 0, 0, out);
    default: return set_period(unit, floor_div(d.year, 100) * 100 + 100 * n, 0, 0, out);
    }
}

int whosaid_timex_resolve_month(const whosaid_date *anchor, int month, int dir, whosaid_timex *out)
{
    if (month < 1 || month > 12 || !dir_ok(dir)) return WHOSAID_EINPUT;
    if (!anchor) {
        blank(out, WHOSAID_TIMEX_MONTH);
        out->month = month;
        return 0;
    }
    if (!whosaid_timex_valid(anchor)) return WHOSAID_EINPUT;
    int64_t year = anchor->year;
    int diff = month - anchor->month; /* -11..11: months from the anchor in its year */
    if (dir == WHOSAID_TIMEX_PAST && diff > 0)
        year--;
    else if (dir == WHOSAID_TIMEX_FUTURE && diff < 0)
        year++;
    else if (dir == WHOSAID_TIMEX_NEAREST && diff >= 6)
        year--;
    else if (dir == WHOSAID_TIMEX_NEAREST && diff < -6)
        year++;
    return set_period(WHOSAID_TIMEX_MONTH, year, month, 0, out);
}

/* The latest (step -1) or earliest (step 1) year from the anchor's on whose
 * month/day is on that side of the anchor; eight years always reach a
 * February 29 (1896 to 1904 is the longest gap). */
static int find_month_day(const whosaid_date *anchor, int month, int day, int step, int64_t *days)
{
    int64_t a = whosaid_timex_days_from_civil(anchor);
    for (int k = 0; k <= 8; k++) {
        whosaid_date d = {anchor->year + step * k, month, day};
        if (!whosaid_timex_valid(&d)) continue;
        int64_t x = whosaid_timex_days_from_civil(&d);
        if (step < 0 ? x <= a : x >= a) {
            *days = x;
            return 0;
        }
    }
    return WHOSAID_ELIMIT;
}

int whosaid_timex_resolve_month_day(const whosaid_date *anchor, int month, int day, int dir,
                                    whosaid_timex *out)
{
    if (month < 1 || month > 12 || day < 1 || day > whosaid_timex_month_days(2000, month) ||
        !dir_ok(dir))
        return WHOSAID_EINPUT;
    if (!anchor) {
        blank(out, WHOSAID_TIMEX_DAY);
        out->month = month;
        out->day = day;
        return 0;
    }
    if (!whosaid_timex_valid(anchor)) return WHOSAID_EINPUT;
    if (dir == WHOSAID_TIMEX_DEFAULT) {
        whosaid_date d = {anchor->year, month, day};
        if (!whosaid_timex_valid(&d)) return WHOSAID_EINPUT;
        return set_day(whosaid_timex_days_from_civil(&d), out);
    }
    int64_t past = 0, future = 0;
    int rp = dir == WHOSAID_TIMEX_FUTURE ? -1 : find_month_day(anchor, month, day, -1, &past);
    int rf = dir == WHOSAID_TIMEX_PAST ? -1 : find_month_day(anchor, month, day, 1, &future);
    if (dir == WHOSAID_TIMEX_PAST) return rp ? rp : set_day(past, out);
    if (dir == WHOSAID_TIMEX_FUTURE) return rf ? rf : set_day(future, out);
    if (rp && rf) return WHOSAID_ELIMIT;
    int64_t a = whosaid_timex_days_from_civil(anchor);
    if (rf || (!rp && a - past <= future - a)) return set_day(past, out);
    return set_day(future, out);
}
