/* TIMEX3 values of DATE, DURATION and TIME candidates (values_impl.h):
 * a date's year, month, day, weekday, quarter, half, season or offset resolved
 * against the document's anchor (news usage, the clause's tense where a
 * date leaves its side of the anchor open), a duration's ISO 8601 period,
 * a clock time. Keeps nothing; a date costs a few lookups, plus one scan
 * of its clause when the tense is asked. */
#include "whosaid/values_impl.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "whosaid/timex.h"

/* ---- DATE ---------------------------------------------------------------- */

/* Two-digit year yy ("'82") in the century that puts it nearest at or
 * before ten years after the anchor; without one, 1950-2049. */
static int full_year(int yy, const whosaid_date *anchor)
{
    if (!anchor) return yy >= 50 ? 1900 + yy : 2000 + yy;
    int y = anchor->year - anchor->year % 100 + yy;
    if (y > anchor->year + 10) y -= 100;
    return y;
}

/* A year group: "2013", "'82", "82". WHOSAID_TIMEX_X when it is not one;
 * *rel set when the century came from the anchor. */
static int year_of(const char *s, size_t n, const whosaid_date *anchor, int *rel)
{
    int nd;
    const char *rest;
    long y = whosaid_valueattr_lead_digits(s, n, &nd, &rest);
    if (y < 0 || rest != s + n || nd == 3 || nd > 4) return WHOSAID_TIMEX_X;
    if (nd <= 2) {
        *rel = 1;
        return full_year((int)y, anchor);
    }
    return (int)y;
}

/* A month group: a name from calendar.rules or 1-12. */
static int month_of(const whosaid_values *v, const char *s, size_t n)
{
    int nd;
    const char *rest;
    long m = whosaid_valueattr_lead_digits(s, n, &nd, &rest);
    if (m >= 0) return rest == s + n && m >= 1 && m <= 12 ? (int)m : 0;
    return whosaid_calendar_month(v->cal, s, n);
}

/* "27", "27th", "1st": the digits, whatever letters follow. */
static int day_of(const char *s, size_t n)
{
    int nd;
    const char *rest;
    long d = whosaid_valueattr_lead_digits(s, n, &nd, &rest);
    if (d < 1 || d > 31) return 0;
    for (; rest < s + n; rest++)
        if (!((*rest >= 'a' && *rest <= 'z') || (*rest >= 'A' && *rest <= 'Z') || *rest == '.'))
            return 0;
    return (int)d;
}

static int dir_of(const char *s, size_t n)
{
    if (!s) return WHOSAID_TIMEX_DEFAULT;
    if (is(s, n, "past")) return WHOSAID_TIMEX_PAST;
    if (is(s, n, "future")) return WHOSAID_TIMEX_FUTURE;
    if (is(s, n, "nearest")) return WHOSAID_TIMEX_NEAREST;
    return WHOSAID_TIMEX_DEFAULT;
}

/* News usage for a month without a year: the anchor's year, unless the
 * month lies more than eight months away from the anchor's, in which case
 * it is the nearer one across the year boundary ("December 30" in a
 * January article is last December). */
static int news_year(const whosaid_date *anchor, int month)
{
    int diff = month - anchor->month;
    if (diff > 8) return anchor->year - 1;
    if (diff < -8) return anchor->year + 1;
    return anchor->year;
}

/* Quarter q (1-4) of year; without a year, the quarter q nearest to the
 * anchor's: "the fourth quarter" is last year's in a February article and
 * this year's in an August one. */
static int quarter_value(int q, int year, const whosaid_date *anchor, char *out, size_t cap,
                         int *rel)
{
    if (q < 1 || q > 4) return WHOSAID_EINPUT;
    if (year == WHOSAID_TIMEX_X) {
        *rel = 1;
        if (anchor) {
            int diff = q - ((anchor->month - 1) / 3 + 1);
            year = anchor->year - (diff >= 3) + (diff <= -3);
        }
    }
    if (year == WHOSAID_TIMEX_X) return snprintf(out, cap, "XXXX-Q%d", q);
    if (year < 0 || year > 9999) return WHOSAID_ELIMIT;
    return snprintf(out, cap, "%04d-Q%d", year, q);
}

/* Half h (1-2) of year, TimeML's 2025-H1; without a year, the half whose
 * middle is nearest the anchor's month, as quarter_value does: "the second
 * half" is last year's in a February article (results season) and this
 * year's from April on. Counted in half-months: month m is centred at
 * 2m-1, H1 at 6 and H2 at 18 of a 24-unit year, so there is never a tie. */
static int half_value(int h, int year, const whosaid_date *anchor, char *out, size_t cap, int *rel)
{
    if (h < 1 || h > 2) return WHOSAID_EINPUT;
    if (year == WHOSAID_TIMEX_X) {
        *rel = 1;
        if (anchor) {
            int diff = (h == 1 ? 6 : 18) - (2 * anchor->month - 1);
            year = anchor->year - (diff > 12) + (diff < -12);
        }
    }
    if (year == WHOSAID_TIMEX_X) return snprintf(out, cap, "XXXX-H%d", h);
    if (year < 0 || year > 9999) return WHOSAID_ELIMIT;
    return snprintf(out, cap, "%04d-H%d", year, h);
}

/* Result of resolving one DATE: its value and whether it hung on the anchor. */
typedef struct date_result {
    char value[WHOSAID_TIMEX_VALUE_MAX + 8];
    int rel;
} date_result;

static int format_into(const whosaid_timex *t, date_result *r)
{
    int n = whosaid_timex_format(t, r->value, sizeof r->value);
    return n < 0 ? n : 0;
}

/* The attributes a DATE normalizer reads (and drops), in date_keys order. */
enum {
    D_NORM,
    D_YEAR,
    D_MONTH,
    D_DAY,
    D_WEEKDAY,
    D_DECADE,
    D_COUNT,
    D_GRAN,
    D_SHIFT,
    D_SIGN,
    D_DIR,
    D_QUARTER,
    D_HALF,
    D_SEASON,
    D_PART,
    D_EARLY,
    D_MID,
    D_LATE,
    D_NKEYS
};

static const char *const date_keys[] = {
    "norm", "year",    "month", "day",    "weekday", "decade", "count", "gran", "shift", "sign",
    "dir",  "quarter", "half",  "season", "part",    "early",  "mid",   "late", NULL};

/* The year of a quarter, a season, or a weekday-less shift: the year group,
 * else gran=year with shift N (N years from the anchor's). */
static int shifted_year(const whosaid_cattr *const *at, const whosaid_date *anchor, int *rel)
{
    long shift;
    size_t n = 0;
    const char *g = sval(at[D_GRAN], &n);
    if (whosaid_valueattr_gran_of(g, n) == WHOSAID_TIMEX_YEAR &&
        whosaid_valueattr_int_of(at[D_SHIFT], &shift)) {
        *rel = 1;
        if (!anchor) return WHOSAID_TIMEX_X;
        long y = anchor->year + shift;
        return y >= 0 && y <= 9999 ? (int)y : WHOSAID_TIMEX_X;
    }
    return WHOSAID_TIMEX_X;
}

/* The value a shift_ or sign_ selector stands for: "last" -1, "this" 0,
 * "next" 1; "ago" -1, "ahead" 1. NULL for any other name. */
static const char *selector_number(const char *sel)
{
    static const char *const t[][2] = {
        {"last", "-1"}, {"this", "0"}, {"next", "1"}, {"ago", "-1"}, {"ahead", "1"}};
    for (size_t i = 0; i < sizeof t / sizeof *t; i++)
        if (!strcmp(sel, t[i][0])) return t[i][1];
    return NULL;
}

/* Selector groups: a group gran_week that took part stands for gran=week,
 * part_mo for part=MO (parts and seasons upper-cased), shift_last for
 * shift=-1 and sign_ago for sign=-1, so one rule can cover several units or
 * directions (one scan of the text instead of three). A static attribute of
 * the same name wins. */
static int promote_selectors(const attrs_of *x)
{
    static const char *const prefixes[] = {"gran_",  "part_", "quarter_", "season_",
                                           "shift_", "sign_", "half_"};
    static const char *const names[] = {"gran",  "part", "quarter", "season",
                                        "shift", "sign", "half"};
    /* By position: a set may move the pool; what it appends has no '_'. */
    for (size_t j = 0; j < x->c->npool; j++) {
        const whosaid_cattr *a = nth(x, j);
        if (a->kind == WHOSAID_CATTR_GONE) continue;
        const char *key = a->key;
        /* Each prefix ends at its only '_': most keys ("year", "month")
         * have none and are passed over without a compare. */
        const char *us = memchr(key, '_', a->klen);
        if (!us || (size_t)(us - key) + 1 == a->klen) continue;
        size_t klen = (size_t)(us - key) + 1;
        for (size_t i = 0; i < sizeof prefixes / sizeof *prefixes; i++) {
            size_t n = strlen(prefixes[i]);
            if (n != klen || memcmp(key, prefixes[i], n)) continue;
            char sel[16];
            size_t sl = a->klen - n;
            if (sl >= sizeof sel) sl = sizeof sel - 1;
            memcpy(sel, key + n, sl);
            sel[sl] = '\0';
            if (i == 1 || i == 3)
                for (char *p = sel; *p; p++)
                    if (*p >= 'a' && *p <= 'z') *p = (char)(*p - 'a' + 'A');
            int numeric = i == 4 || i == 5; /* shift_, sign_ */
            const char *val_text = numeric ? selector_number(sel) : sel;
            if (numeric && !val_text) val_text = "?"; /* not a number: ignored */
            int rc = 0;
            if (!has(x, names[i]))
                rc = val_text == sel ? set_copy(x, names[i], sel, strlen(sel))
                                     : set_string(x, names[i], val_text);
            nth(x, j)->kind = WHOSAID_CATTR_GONE;
            if (rc) return rc;
            break;
        }
    }
    return 0;
}

/* How far news usage may put a dated event on the wrong side of the anchor
 * for the clause's tense before the tense wins: a week absorbs time zones
 * and late copy ("said on March 23" in a paper dated March 22). */
#define TENSE_SLACK_DAYS 7

/* The tense of a date's clause, worked out when a branch needs it: a scan
 * of the clause costs more than the rest of a date, and most dates are
 * settled without it (a year, or a day within a week of the anchor). */
typedef struct tense_query {
    const whosaid_tense *t; /* NULL: the date's tense does not count */
    const char *text;
    size_t len, start, end;
    int known, value;
} tense_query;

static int tense_of(tense_query *q)
{
    if (!q->known) {
        q->value =
            q->t ? whosaid_tense_at(q->t, q->text, q->len, q->start, q->end) : WHOSAID_TENSE_NONE;
        q->known = 1;
    }
    return q->value;
}

/* Whether the anchor falls on weekday (ISO 1-7). */
static int anchor_is_weekday(const whosaid_date *anchor, int weekday)
{
    return anchor && whosaid_timex_valid(anchor) && whosaid_timex_weekday(anchor) == weekday;
}

/* part=WE on a week with no shift: "over the weekend", which news usage
 * and the clause's tense place as they do a lone Saturday. */
static int bare_weekend(const whosaid_cattr *const *at)
{
    size_t n = 0, gn = 0;
    const char *p = sval(at[D_PART], &n), *g = sval(at[D_GRAN], &gn);
    return p && n == 2 && !memcmp(p, "WE", 2) && !at[D_SHIFT] && !at[D_COUNT] &&
           whosaid_valueattr_gran_of(g, gn) == WHOSAID_TIMEX_WEEK;
}

/* tq: the WHOSAID_TENSE_* of the clause, for what the date leaves open. */
static int resolve_date(const whosaid_values *v, const whosaid_cattr *const *at,
                        const whosaid_date *anchor, tense_query *tq, date_result *r)
{
    size_t n;
    const char *s;
    whosaid_timex t;
    int year = WHOSAID_TIMEX_X, month = 0, day = 0, weekday = 0, rc;
    long shift = 0, sign = 1, q;
    int have_shift = whosaid_valueattr_int_of(at[D_SHIFT], &shift);
    size_t gn = 0, dn = 0;
    const char *gs = sval(at[D_GRAN], &gn), *ds = sval(at[D_DIR], &dn);
    int gran = whosaid_valueattr_gran_of(gs, gn);
    int dir = dir_of(ds, dn);
    whosaid_valueattr_int_of(at[D_SIGN], &sign);
    r->rel = 0;
    if ((s = sval(at[D_DECADE], &n))) {
        int nd;
        const char *rest;
        long d = whosaid_valueattr_lead_digits(s, n, &nd, &rest);
        if (d < 0 || (nd != 2 && nd != 4) || d % 10) return WHOSAID_EINPUT;
        if (nd == 2) {
            r->rel = 1;
            /* "the '90s": the latest such decade that has begun by the anchor. */
            d = full_year((int)d, anchor);
            if (anchor && d > anchor->year) d -= 100;
        }
        memset(&t, 0, sizeof t);
        t.gran = WHOSAID_TIMEX_DECADE;
        t.year = (int)d;
        return format_into(&t, r);
    }
    if ((s = sval(at[D_YEAR], &n))) {
        year = year_of(s, n, anchor, &r->rel);
        if (year == WHOSAID_TIMEX_X) return WHOSAID_EINPUT;
    }
    if ((s = sval(at[D_MONTH], &n)) && !(month = month_of(v, s, n))) return WHOSAID_EINPUT;
    if ((s = sval(at[D_DAY], &n)) && !(day = day_of(s, n))) return WHOSAID_EINPUT;
    if ((s = sval(at[D_WEEKDAY], &n)) && !(weekday = whosaid_calendar_weekday(v->cal, s, n)))
        return WHOSAID_EINPUT;
    if (whosaid_valueattr_int_of(at[D_QUARTER], &q) || gran == GRAN_QUARTER) {
        if (!whosaid_valueattr_int_of(at[D_QUARTER], &q)) {
            /* "last quarter": shift quarters from the anchor's. */
            r->rel = 1;
            if (!anchor) {
                snprintf(r->value, sizeof r->value, "XXXX-QX");
                return 0;
            }
            long idx = (long)anchor->year * 4 + (anchor->month - 1) / 3 + shift;
            if (idx < 0 || idx / 4 > 9999) return WHOSAID_ELIMIT;
            snprintf(r->value, sizeof r->value, "%04ld-Q%ld", idx / 4, idx % 4 + 1);
            return 0;
        }
        if (year == WHOSAID_TIMEX_X) year = shifted_year(at, anchor, &r->rel);
        rc = quarter_value((int)q, year, anchor, r->value, sizeof r->value, &r->rel);
        return rc < 0 ? rc : 0;
    }
    if (whosaid_valueattr_int_of(at[D_HALF], &q)) {
        if (year == WHOSAID_TIMEX_X) year = shifted_year(at, anchor, &r->rel);
        rc = half_value((int)q, year, anchor, r->value, sizeof r->value, &r->rel);
        return rc < 0 ? rc : 0;
    }
    if ((s = sval(at[D_SEASON], &n))) {
        if (n != 2) return WHOSAID_EINPUT;
        if (year == WHOSAID_TIMEX_X) year = shifted_year(at, anchor, &r->rel);
        if (year == WHOSAID_TIMEX_X && !r->rel) {
            r->rel = 1;
            if (anchor) year = anchor->year;
        }
        if (year == WHOSAID_TIMEX_X)
            snprintf(r->value, sizeof r->value, "XXXX-%.2s", s);
        else
            snprintf(r->value, sizeof r->value, "%04d-%.2s", year, s);
        return 0;
    }
    if (month && day) {
        if (year != WHOSAID_TIMEX_X) {
            whosaid_date d = {year, month, day};
            if (!whosaid_timex_valid(&d) || year > 9999) return WHOSAID_EINPUT;
            whosaid_timex_from_date(&d, &t);
            return format_into(&t, r);
        }
        r->rel = 1;
        if (anchor && dir == WHOSAID_TIMEX_DEFAULT) {
            whosaid_date d = {news_year(anchor, month), month, day};
            if (whosaid_timex_valid(&d) && d.year <= 9999) {
                /* "sales fell on October 3" in a March paper: last October. */
                int64_t gap =
                    whosaid_timex_days_from_civil(&d) - whosaid_timex_days_from_civil(anchor);
                int tense = gap > TENSE_SLACK_DAYS || gap < -TENSE_SLACK_DAYS ? tense_of(tq)
                                                                              : WHOSAID_TENSE_NONE;
                if (tense == WHOSAID_TENSE_PAST && gap > TENSE_SLACK_DAYS)
                    dir = WHOSAID_TIMEX_PAST;
                else if (tense == WHOSAID_TENSE_FUTURE && gap < -TENSE_SLACK_DAYS)
                    dir = WHOSAID_TIMEX_FUTURE;
                else {
                    whosaid_timex_from_date(&d, &t);
                    return format_into(&t, r);
                }
            } else {
                dir = WHOSAID_TIMEX_NEAREST; /* February 29 of a common year */
            }
        }
        rc = whosaid_timex_resolve_month_day(anchor, month, day, dir, &t);
        return rc < 0 ? rc : format_into(&t, r);
    }
    if (month) {
        memset(&t, 0, sizeof t);
        t.gran = WHOSAID_TIMEX_MONTH;
        t.month = month;
        /* "October of next year": gran=year with a shift gives the year. */
        if (year == WHOSAID_TIMEX_X && gran == WHOSAID_TIMEX_YEAR && have_shift) {
            r->rel = 1;
            year = shifted_year(at, anchor, &r->rel);
            if (year == WHOSAID_TIMEX_X && anchor) return WHOSAID_ELIMIT;
            t.year = year;
            return format_into(&t, r);
        }
        t.year = year;
        if (year != WHOSAID_TIMEX_X) return format_into(&t, r);
        r->rel = 1;
        if (!anchor) return format_into(&t, r);
        if (have_shift && shift) {
            /* "last March": the latest March strictly before the anchor's
             * month; "next March" the earliest strictly after. */
            long y = anchor->year + shift;
            if (shift < 0 && month < anchor->month) y++;
            if (shift > 0 && month > anchor->month) y--;
            t.year = (int)y;
        } else if (dir == WHOSAID_TIMEX_DEFAULT && !have_shift) {
            t.year = news_year(anchor, month);
            /* The clause's tense decides on which side of the anchor's month
             * the month lies: "fell in October" in a March paper is last
             * October, "will open in January" in a June paper next January. */
            int gap = (t.year - anchor->year) * 12 + month - anchor->month;
            int tense = gap ? tense_of(tq) : WHOSAID_TENSE_NONE;
            if ((tense == WHOSAID_TENSE_PAST && gap > 0) ||
                (tense == WHOSAID_TENSE_FUTURE && gap < 0)) {
                rc = whosaid_timex_resolve_month(
                    anchor, month,
                    tense == WHOSAID_TENSE_PAST ? WHOSAID_TIMEX_PAST : WHOSAID_TIMEX_FUTURE, &t);
                if (rc < 0) return rc;
            }
        } else if (dir != WHOSAID_TIMEX_DEFAULT) {
            rc = whosaid_timex_resolve_month(anchor, month, dir, &t);
            if (rc < 0) return rc;
        } else {
            t.year = anchor->year; /* "this March" */
        }
        if (t.year < 0 || t.year > 9999) return WHOSAID_ELIMIT;
        return format_into(&t, r);
    }
    if (year != WHOSAID_TIMEX_X) {
        if (year > 9999) return WHOSAID_EINPUT;
        memset(&t, 0, sizeof t);
        t.gran = WHOSAID_TIMEX_YEAR;
        t.year = year;
        return format_into(&t, r);
    }
    r->rel = 1;
    if (!weekday && !have_shift && bare_weekend(at)) weekday = 6;
    if (weekday) {
        /* News usage (the latest such day) unless the clause is future:
         * "will meet on Friday" is the earliest Friday on or after the anchor,
         * and so is "would hold a vigil on Tuesday": reported plans and
         * conditionals ("would", "could") point ahead from the report.
         * The anchor's own weekday is the anchor day either way: the tense
         * (a scan of the words around) is not asked. */
        if (dir == WHOSAID_TIMEX_DEFAULT && !anchor_is_weekday(anchor, weekday)) {
            int tense = tense_of(tq);
            if (tense == WHOSAID_TENSE_FUTURE || tense == WHOSAID_TENSE_OPEN)
                dir = WHOSAID_TIMEX_FUTURE;
        }
        rc = have_shift ? whosaid_timex_resolve_weekday_shift(anchor, weekday, (int)shift, &t)
                        : whosaid_timex_resolve_weekday(anchor, weekday, dir, &t);
        if (rc < 0) return rc;
        /* "over the weekend": its Saturday picked as a lone weekday's, the
         * value its week (2025-W22; the caller appends -WE). */
        if (gran == WHOSAID_TIMEX_WEEK && t.gran == WHOSAID_TIMEX_DAY) {
            whosaid_date d;
            int known = whosaid_timex_get_date(&t, &d), wy = WHOSAID_TIMEX_X, w = 0;
            if (known) w = whosaid_timex_iso_week(&d, &wy);
            memset(&t, 0, sizeof t);
            t.gran = WHOSAID_TIMEX_WEEK;
            t.year = wy;
            t.week = w;
        }
        return format_into(&t, r);
    }
    if (gran && gran >= WHOSAID_TIMEX_DAY) {
        double count = 0;
        int64_t k = have_shift ? shift : 0;
        if ((s = sval(at[D_COUNT], &n))) {
            if (whosaid_valueattr_count_of(v, s, n, &count) != 1 || count != floor(count) ||
                count > 1e6)
                return WHOSAID_EINPUT;
            k = (int64_t)count * (sign < 0 ? -1 : 1);
            /* TIMEX3 (TimeML) takes "a week ago" as the day seven days back,
             * not the week: count weeks as days. "last week" stays a week. */
            if (gran == WHOSAID_TIMEX_WEEK) {
                gran = WHOSAID_TIMEX_DAY;
                k *= 7;
            }
        }
        rc = whosaid_timex_resolve_offset(anchor, gran, k, &t);
        return rc < 0 ? rc : format_into(&t, r);
    }
    return WHOSAID_EINPUT; /* nothing to go on */
}

int whosaid_valuedate_norm_date(const whosaid_values *v, const char *text, size_t len,
                                const attrs_of *x, const whosaid_anchor *a)
{
    const whosaid_cand *c = x->c;
    const whosaid_date *anchor = a && a->have ? &a->date : NULL;
    date_result r;
    if (promote_selectors(x)) return WHOSAID_ENOMEM;
    const whosaid_cattr *at[D_NKEYS];
    whosaid_cattr store[D_NKEYS];
    uint32_t where[D_NKEYS];
    whosaid_valueattr_gather(x, date_keys, at, store, where);
    /* Tense only matters for a month, weekday or weekend without a year,
     * shift or dir. */
    tense_query tq = {NULL, text, len, c->start, c->end, 0, WHOSAID_TENSE_NONE};
    if (anchor && v->tense && !at[D_YEAR] && !at[D_SHIFT] && !at[D_DIR] && !at[D_DECADE] &&
        (at[D_MONTH] || at[D_WEEKDAY] || bare_weekend(at)))
        tq.t = v->tense;
    if (resolve_date(v, at, anchor, &tq, &r)) return 0;
    size_t n;
    const char *part = sval(at[D_PART], &n);
    if (part && n == 2 && strlen(r.value) + 4 < sizeof r.value) {
        /* "this morning": TIMEX3 parts of a day, 2013-06-27TMO; "this
         * weekend": the weekend of a week, 2013-W25-WE. */
        size_t k = strlen(r.value);
        r.value[k] = memcmp(part, "WE", 2) ? 'T' : '-';
        memcpy(r.value + k + 1, part, 2);
        r.value[k + 3] = '\0';
    }
    const char *mod = at[D_EARLY] ? "START" : at[D_MID] ? "MID" : at[D_LATE] ? "END" : NULL;
    whosaid_valueattr_drop_gathered(x, D_NKEYS, at, where);
    if (set_copy(x, "value", r.value, strlen(r.value))) return WHOSAID_ENOMEM;
    if (mod && set_string(x, "mod", mod)) return WHOSAID_ENOMEM;
    /* the source is a literal (whosaid_anchor) */
    if (r.rel && set_string(x, "anchor", anchor ? (a->source ? a->source : "published") : "none"))
        return WHOSAID_ENOMEM;
    return 1;
}

/* ---- DURATION and TIME --------------------------------------------------- */

int whosaid_valuedate_norm_duration(const whosaid_values *v, const attrs_of *x)
{
    static const char *const used[] = {"norm", "count", "count_max", "gran", NULL};
    if (promote_selectors(x)) return WHOSAID_ENOMEM;
    size_t n = 0;
    const char *s = attr(x, "gran", &n);
    int gran = whosaid_valueattr_gran_of(s, n);
    if (!gran || gran == GRAN_QUARTER) return 0;
    double count = 1, count_max = 0;
    s = attr(x, "count", &n);
    int vague = 0;
    if (s) {
        int k = whosaid_valueattr_count_of(v, s, n, &count);
        if (k < 0) return 0;
        vague = k == 0;
    }
    char value[64], value_max[64] = "";
    if (whosaid_timex_format_duration(vague ? -1 : count, gran, value, sizeof value) < 0) return 0;
    /* A range, "two to three weeks": P2W with value_max P3W, as a STAT
     * range has value and value_max; a low end above the high one is no range. */
    if ((s = attr(x, "count_max", &n))) {
        if (vague || whosaid_valueattr_count_of(v, s, n, &count_max) != 1 || count_max <= count)
            return 0;
        if (whosaid_timex_format_duration(count_max, gran, value_max, sizeof value_max) < 0)
            return 0;
    }
    whosaid_valueattr_drop_keys(x, used);
    if (set_copy(x, "value", value, strlen(value)) || whosaid_valueattr_hedge_flags(x))
        return WHOSAID_ENOMEM;
    if (value_max[0] && set_copy(x, "value_max", value_max, strlen(value_max)))
        return WHOSAID_ENOMEM;
    return 1;
}

int whosaid_valuedate_norm_time(const whosaid_values *v, const attrs_of *x)
{
    (void)v;
    static const char *const used[] = {"norm", "hour", "minute", "second", "am", "pm", NULL};
    size_t n;
    const char *s;
    long h = -1, m = 0, sec = -1;
    if ((s = attr(x, "hour", &n))) h = whosaid_valueattr_lead_digits(s, n, NULL, NULL);
    if ((s = attr(x, "minute", &n))) m = whosaid_valueattr_lead_digits(s, n, NULL, NULL);
    if ((s = attr(x, "second", &n))) sec = whosaid_valueattr_lead_digits(s, n, NULL, NULL);
    int am = has(x, "am"), pm = has(x, "pm");
    if (h < 0 || m < 0 || m > 59 || sec > 59) return 0;
    if (am || pm) {
        if (h < 1 || h > 12) return 0;
        h = h % 12 + (pm ? 12 : 0);
    } else if (h > 23) {
        return 0;
    }
    whosaid_timex t;
    memset(&t, 0, sizeof t);
    t.year = WHOSAID_TIMEX_X;
    t.gran = sec >= 0 ? WHOSAID_TIMEX_SECOND : WHOSAID_TIMEX_MINUTE;
    t.hour = (int)h;
    t.minute = (int)m;
    t.second = sec >= 0 ? (int)sec : 0;
    char value[WHOSAID_TIMEX_VALUE_MAX];
    if (whosaid_timex_format(&t, value, sizeof value) < 0) return 0;
    whosaid_valueattr_drop_keys(x, used);
    return set_copy(x, "value", value, strlen(value)) ? WHOSAID_ENOMEM : 1;
}
