/* Record lines parsed by simdjson, built as jansson values (see
 * jsonload.h). The only C++ in whosaid: simdjson has no C interface, so
 * this file is the bridge, and nothing C++ crosses it (no exceptions: the
 * error-code interface is used throughout; allocation failures in jansson
 * make the fast path decline). */
#include "whosaid/jsonload.h"

#include <simdjson.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <new>

extern "C" {
#include "whosaid/buf.h"
#include "whosaid/out.h"
}

namespace dom = simdjson::dom;

/* Members left out (whosaid_jsonload_skip): member of the objects in the
 * top-level array field. */
struct skip_pair {
    std::string_view field, member;
};

/* Objects of one top-level array field kept as their text
 * (whosaid_jsonload_raw). */
struct raw_spec {
    std::string_view field;
    std::string_view read[WHOSAID_JSONLOAD_RAW_READ];
    size_t nread = 0;
    std::string_view whole[WHOSAID_JSONLOAD_RAW_WHOLE];
    size_t nwhole = 0;
    uint64_t read_mask = 0, whole_mask = 0; /* key_bit of each name */
};

struct whosaid_jsonload {
    dom::parser parser{WHOSAID_JSONLOAD_MAX};
    char *padded = nullptr; /* a copy of the line with simdjson's padding after it */
    size_t cap = 0;
    skip_pair skip[WHOSAID_JSONLOAD_SKIP_MAX];
    size_t nskip = 0;
    raw_spec raw;
    bool has_raw = false;
    whosaid_buf text = WHOSAID_BUF_INIT; /* a raw object's text, reused */
};

/* The members to leave out of one object: names[0..n). */
struct skip_set {
    std::string_view names[WHOSAID_JSONLOAD_SKIP_MAX];
    size_t n = 0;
};

extern "C" int whosaid_jsonload_skip(whosaid_jsonload *l, const char *field, const char *member)
{
    if (!l || l->nskip == WHOSAID_JSONLOAD_SKIP_MAX) return -1;
    l->skip[l->nskip++] = skip_pair{field, member};
    return 0;
}

static inline uint64_t key_bit(std::string_view k);

extern "C" int whosaid_jsonload_raw(whosaid_jsonload *l, const whosaid_raw *raw)
{
    if (!l || !raw || l->has_raw || raw->nread > WHOSAID_JSONLOAD_RAW_READ ||
        raw->nwhole > WHOSAID_JSONLOAD_RAW_WHOLE)
        return -1;
    raw_spec &spec = l->raw;
    spec.field = raw->field;
    for (size_t i = 0; i < raw->nread; i++) {
        spec.read[i] = std::string_view(raw->read[i].name, raw->read[i].len);
        spec.read_mask |= key_bit(spec.read[i]);
    }
    for (size_t i = 0; i < raw->nwhole; i++) {
        spec.whole[i] = std::string_view(raw->whole[i].name, raw->whole[i].len);
        spec.whole_mask |= key_bit(spec.whole[i]);
    }
    spec.nread = raw->nread;
    spec.nwhole = raw->nwhole;
    l->has_raw = true;
    return 0;
}

extern "C" whosaid_jsonload *whosaid_jsonload_new(void)
{
    return new (std::nothrow) whosaid_jsonload;
}

extern "C" void whosaid_jsonload_free(whosaid_jsonload *l)
{
    if (!l) return;
    std::free(l->padded);
    whosaid_buf_free(&l->text);
    delete l;
}

static json_t *build(dom::element e);

/* Whether a key holds a NUL byte; keys are short, so a loop, not a call. */
static inline bool has_nul(const char *p, size_t n)
{
    if (n > 64) return std::memchr(p, '\0', n) != nullptr;
    for (size_t i = 0; i < n; i++)
        if (p[i] == '\0') return true;
    return false;
}

/* a == b, the length and first byte first: the library compare is a call
 * for every member of every object in a skipped array. */
static inline bool same_key(std::string_view a, std::string_view b)
{
    return a.size() == b.size() &&
           (a.empty() || (a[0] == b[0] && !std::memcmp(a.data(), b.data(), a.size())));
}

/* A value that json_loadb takes whatever it holds, so that leaving it out
 * changes nothing else: a string, or an array of strings. (An integer too
 * big for jansson, say, must still make the line go to jansson.) */
static bool always_loads(dom::element e)
{
    if (e.type() == dom::element_type::STRING) return true;
    if (e.type() != dom::element_type::ARRAY) return false;
    dom::array arr = e.get_array().value_unsafe();
    for (dom::element item : arr)
        if (item.type() != dom::element_type::STRING) return false;
    return true;
}

static json_t *build_array(dom::array arr, const skip_set *skip);
static json_t *build_raw_array(whosaid_jsonload *l, dom::array arr);

/* The record's array member key, with what rec says to leave out of its
 * objects (a set made only here: most objects have nothing to skip), or in
 * the raw form. */
static json_t *build_field(whosaid_jsonload *rec, std::string_view key, dom::array arr)
{
    if (rec->has_raw && rec->raw.field == key) return build_raw_array(rec, arr);
    skip_set set;
    for (size_t i = 0; i < rec->nskip; i++)
        if (rec->skip[i].field == key) set.names[set.n++] = rec->skip[i].member;
    return build_array(arr, set.n ? &set : nullptr);
}

/* NULL where json_loadb would not give the same object: a duplicate key
 * (refused by JSON_REJECT_DUPLICATES) or a NUL in a key (jansson refuses
 * those even with JSON_ALLOW_NUL). Members named in skip (may be NULL) are
 * left out when their value always loads; a left-out name met twice is a
 * duplicate all the same. rec (the record, top level only; may be NULL)
 * says what to leave out of the objects in its arrays. */
static json_t *build_object(dom::object obj, const skip_set *skip, whosaid_jsonload *rec)
{
    json_t *o = json_object();
    if (!o) return nullptr;
    unsigned skipped = 0;
    size_t added = 0;
    for (dom::key_value_pair field : obj) {
        std::string_view key = field.key;
        json_t *v;
        if (has_nul(key.data(), key.size())) {
            json_decref(o);
            return nullptr;
        }
        if (skip) {
            size_t i = 0;
            while (i < skip->n && !same_key(skip->names[i], key))
                i++;
            /* A name to leave out, met twice, whatever its values: a
             * duplicate (one copy may be left out and the other kept). */
            if (i < skip->n) {
                if (skipped & (1u << i)) {
                    json_decref(o);
                    return nullptr;
                }
                skipped |= 1u << i;
                if (always_loads(field.value)) continue;
            }
        }
        v = rec && field.value.type() == dom::element_type::ARRAY
                ? build_field(rec, key, field.value.get_array().value_unsafe())
                : build(field.value);
        if (!v) {
            json_decref(o);
            return nullptr;
        }
        if (json_object_setn_new_nocheck(o, key.data(), key.size(), v)) {
            json_decref(o);
            return nullptr;
        }
        added++;
    }
    /* A duplicate key replaced a value instead of adding one: one size
     * check per object, not one per member. */
    if (json_object_size(o) != added) {
        json_decref(o);
        return nullptr;
    }
    return o;
}

static json_t *build_array(dom::array arr, const skip_set *skip)
{
    json_t *a = json_array();
    if (!a) return nullptr;
    for (dom::element item : arr) {
        json_t *v = skip && item.type() == dom::element_type::OBJECT
                        ? build_object(item.get_object().value_unsafe(), skip, nullptr)
                        : build(item);
        if (!v || json_array_append_new(a, v)) {
            json_decref(a);
            return nullptr;
        }
    }
    return a;
}

static json_t *build(dom::element e)
{
    switch (e.type()) {
    case dom::element_type::OBJECT:
        return build_object(e.get_object().value_unsafe(), nullptr, nullptr);
    case dom::element_type::ARRAY: return build_array(e.get_array().value_unsafe(), nullptr);
    case dom::element_type::STRING: {
        std::string_view s = e.get_string().value_unsafe();
        return json_stringn_nocheck(s.data(), s.size());
    }
    case dom::element_type::INT64: return json_integer(e.get_int64().value_unsafe());
    /* Above INT64_MAX: jansson says "too big integer"; let it. */
    case dom::element_type::UINT64: return nullptr;
    case dom::element_type::DOUBLE: return json_real(e.get_double().value_unsafe());
    case dom::element_type::BOOL: return json_boolean(e.get_bool().value_unsafe());
    case dom::element_type::NULL_VALUE: return json_null();
    }
    return nullptr;
}

/* Where build_raw gives up on the raw form: the object is built whole. */
static json_t whole_marker;
static json_t *const WHOLE = &whole_marker;

/* Appends value e to b as whosaid_out_value would write the value build(e)
 * gives: scalars straight from the parse, anything else through its
 * jansson value. false where build would fail. */
static bool write_value(whosaid_buf *b, dom::element e)
{
    switch (e.type()) {
    case dom::element_type::STRING: {
        std::string_view s = e.get_string().value_unsafe();
        return !whosaid_out_string(b, s.data(), s.size());
    }
    case dom::element_type::INT64: return !whosaid_out_int(b, e.get_int64().value_unsafe());
    case dom::element_type::UINT64: return false;
    default: {
        json_t *v = build(e);
        bool ok = v && !whosaid_out_value(b, v);
        json_decref(v);
        return ok;
    }
    }
}

/* A bit for a key from its length and first byte: names sharing none with
 * a key cannot equal it, so most keys are told apart with one AND. */
static inline uint64_t key_bit(std::string_view k)
{
    unsigned c = k.empty() ? 0u : static_cast<unsigned char>(k[0]);
    return UINT64_C(1) << ((k.size() * 5u + c) & 63u);
}

static inline bool in_list(const std::string_view *names, size_t n, uint64_t mask,
                           std::string_view key, uint64_t bit)
{
    if (!(mask & bit)) return false;
    for (size_t i = 0; i < n; i++)
        if (same_key(names[i], key)) return true;
    return false;
}

/* Appends c, making room when needed. */
static inline bool put_byte(whosaid_buf *b, char c)
{
    if (b->cap - b->len < 2 && whosaid_buf_reserve(b, 1)) return false;
    b->data[b->len++] = c;
    return true;
}

/* A member read by the stage, copied after the raw form's text. */
struct raw_copy {
    std::string_view key;
    json_t *value;
};

/* obj in the raw form (out.h); WHOLE where it is to be built whole (a
 * member the stage changes, no members, more members than the duplicate
 * check below takes); NULL where build_object would fail (a NUL in a key,
 * a duplicate key, a value build fails on) or on ENOMEM. One pass: the
 * text is written and the copies built as the members come; they are set
 * once the object is made (after its text, which goes first). */
static json_t *build_raw(whosaid_jsonload *l, dom::object obj)
{
    const raw_spec &spec = l->raw;
    whosaid_buf *b = &l->text;
    whosaid_buf_clear(b);
    if (whosaid_out_raw_begin(b)) return nullptr;
    /* keys by their bit, for the duplicate check: pairs compared only
     * where bits collide */
    std::string_view keys[WHOSAID_JSONLOAD_RAW_MEMBERS];
    raw_copy copies[WHOSAID_JSONLOAD_RAW_READ];
    uint64_t seen = 0;
    size_t n = 0, ncopies = 0;
    json_t *fail = nullptr; /* WHOLE, or NULL: decline */
    bool ok = true;
    for (dom::key_value_pair field : obj) {
        std::string_view key = field.key;
        uint64_t bit = key_bit(key);
        if (n == WHOSAID_JSONLOAD_RAW_MEMBERS ||
            in_list(spec.whole, spec.nwhole, spec.whole_mask, key, bit)) {
            fail = WHOLE;
            ok = false;
            break;
        }
        /* a bad member declines, as build_object would */
        ok = false;
        if (has_nul(key.data(), key.size())) break;
        if (seen & bit) {
            size_t i = 0;
            while (i < n && !same_key(keys[i], key))
                i++;
            if (i < n) break;
        }
        seen |= bit;
        keys[n++] = key;
        if ((n > 1 && !put_byte(b, ',')) || whosaid_out_string(b, key.data(), key.size()) ||
            !put_byte(b, ':') || !write_value(b, field.value))
            break;
        /* no duplicates (checked above): one copy per name read, so at
         * most WHOSAID_JSONLOAD_RAW_READ */
        if (in_list(spec.read, spec.nread, spec.read_mask, key, bit)) {
            json_t *v = build(field.value);
            if (!v) break;
            copies[ncopies++] = raw_copy{key, v};
        }
        ok = true;
    }
    if (ok && n == 0) {
        fail = WHOLE;
        ok = false;
    }
    json_t *o = ok ? whosaid_out_raw_new(b, 0, ncopies) : nullptr;
    size_t set = 0;
    while (o && set < ncopies) {
        const raw_copy &c = copies[set++];
        /* the _new setter takes the copy even when it fails */
        if (json_object_setn_new_nocheck(o, c.key.data(), c.key.size(), c.value)) {
            json_decref(o);
            o = nullptr;
        }
    }
    while (set < ncopies)
        json_decref(copies[set++].value);
    return o ? o : fail;
}

static json_t *build_raw_array(whosaid_jsonload *l, dom::array arr)
{
    json_t *a = json_array();
    if (!a) return nullptr;
    for (dom::element item : arr) {
        json_t *v;
        if (item.type() == dom::element_type::OBJECT) {
            dom::object obj = item.get_object().value_unsafe();
            v = build_raw(l, obj);
            if (v == WHOLE) v = build_object(obj, nullptr, nullptr);
        } else {
            v = build(item);
        }
        if (!v || json_array_append_new(a, v)) {
            json_decref(a);
            return nullptr;
        }
    }
    return a;
}

extern "C" json_t *whosaid_jsonload_object(whosaid_jsonload *l, const char *buf, size_t len)
{
    if (!l || len > WHOSAID_JSONLOAD_MAX) return nullptr;
    if (l->cap < len + simdjson::SIMDJSON_PADDING) {
        size_t cap = len + simdjson::SIMDJSON_PADDING;
        if (cap < 64 * 1024) cap = 64 * 1024;
        char *p = static_cast<char *>(std::realloc(l->padded, cap));
        if (!p) return nullptr;
        l->padded = p;
        l->cap = cap;
    }
    std::memcpy(l->padded, buf, len);
    std::memset(l->padded + len, 0, simdjson::SIMDJSON_PADDING);
    dom::element root;
    if (l->parser.parse(l->padded, len, false).get(root) ||
        root.type() != dom::element_type::OBJECT)
        return nullptr;
    return build_object(root.get_object().value_unsafe(), nullptr,
                        l->nskip || l->has_raw ? l : nullptr);
}
